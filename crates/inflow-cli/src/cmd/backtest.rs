//! `inflow backtest`: how good past projections would have been, for the
//! series in the database or (`--input`) for every series of a panel CSV.

use std::path::PathBuf;

use inflow_core::FiscalYear;
use inflow_project::Request;

use crate::cmd::project::parse_model;
use crate::context::{Global, SeriesOpt};
use crate::output::{self, Format, amount};

/// Arguments of `inflow backtest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub series: SeriesOpt,
    /// Fiscal years to evaluate [default: every complete year whose previous
    /// year is complete too].
    #[arg(long, value_delimiter = ',')]
    pub fy: Vec<String>,
    /// Forecast model.
    #[arg(long, default_value = "auto", value_parser = parse_model)]
    pub model: inflow_forecast::ModelSpec,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Backtest a panel instead: the long CSV `inflow forecast` reads, with a
    /// `part` column; the first 12 `test` rows of each series are the year.
    #[arg(long, value_name = "FILE", conflicts_with = "fy")]
    pub input: Option<PathBuf>,
    /// With --input: interval level in percent; repeat for several.
    #[arg(long = "level", default_values_t = [80.0, 95.0], requires = "input")]
    pub levels: Vec<f64>,
    /// With --input: write one row per projection to this CSV file.
    #[arg(long, value_name = "FILE", requires = "input")]
    pub output: Option<PathBuf>,
    /// With --input: `bundled` (the table fitted on M3 training data),
    /// `none` (the model's own spread) or a calibration CSV file.
    #[arg(long, default_value = "bundled", value_name = "bundled|none|FILE", requires = "input")]
    pub calibration: String,
    /// With --input: fit a calibration table on this run's errors and write
    /// it to FILE (run it on training data only).
    #[arg(long, value_name = "FILE", requires = "input")]
    pub write_calibration: Option<PathBuf>,
    /// With --input: numbers of months known to project after, FIRST-LAST.
    #[arg(long, default_value = "1-11", value_parser = parse_range, requires = "input")]
    pub months_known: (usize, usize),
}

fn parse_range(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("{s:?}: expected FIRST-LAST, such as 1-11");
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    Ok((
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    ))
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    if let Some(input) = &args.input {
        return crate::cmd::panel_backtest::run(&crate::cmd::panel_backtest::PanelArgs {
            input,
            model: args.model,
            levels: &args.levels,
            output: args.output.as_deref(),
            format: args.format,
            calibration: &args.calibration,
            write_calibration: args.write_calibration.as_ref(),
            months_known: args.months_known,
        });
    }
    let store = global.open()?;
    let meta = store.series(&args.series.series)?;
    let history = store.history(&meta.key)?;
    let years: Vec<FiscalYear> = if args.fy.is_empty() {
        let latest = store.monthly(meta.key.as_str(), Default::default())?;
        let complete = |fy: FiscalYear| {
            fy.months()
                .is_ok_and(|ms| ms.iter().all(|m| latest.value(*m).is_some()))
        };
        let mut years: Vec<FiscalYear> = latest
            .iter()
            .map(|o| meta.fiscal.fiscal_year_of(o.period))
            .filter(|fy| complete(*fy) && fy.previous().is_ok_and(complete))
            .collect();
        years.dedup();
        years
    } else {
        args.fy
            .iter()
            .map(|s| meta.fiscal.parse_fiscal_year(s))
            .collect::<Result<_, _>>()?
    };
    anyhow::ensure!(
        !years.is_empty(),
        "no complete fiscal year with a complete year before it to evaluate"
    );
    let req = Request {
        model: args.model,
        ..Request::default()
    };
    let b = inflow_project::backtest(&meta, &history, &years, &req)?;
    match args.format {
        Format::Json => output::print_json(&b),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            w.write_record([
                "fiscal_year",
                "months_known",
                "point",
                "lo_80",
                "hi_80",
                "lo_95",
                "hi_95",
                "actual",
                "run_rate",
                "last_year_share",
                "model",
            ])?;
            for c in &b.cells {
                w.write_record([
                    c.fiscal_year.clone(),
                    c.months_known.to_string(),
                    c.point.to_string(),
                    c.interval_80[0].to_string(),
                    c.interval_80[1].to_string(),
                    c.interval_95[0].to_string(),
                    c.interval_95[1].to_string(),
                    c.actual.to_string(),
                    c.run_rate.to_string(),
                    c.seasonal_share.map_or(String::new(), |v| v.to_string()),
                    c.model.clone(),
                ])?;
            }
            w.flush()?;
            Ok(())
        }
        Format::Table => {
            outln!(
                "{} — fiscal-year projections made after each month, from the data as first published",
                b.series
            )?;
            outln!(
                "Years: {}. Errors are mean absolute % errors of the year's total.",
                b.fiscal_years.join(", ")
            )?;
            outln!()?;
            let mut t = output::table(
                &[
                    "months known",
                    "inflow",
                    "run-rate",
                    "last year's share",
                    "80% covered",
                    "95% covered",
                    "years",
                ],
                &[0, 1, 2, 3, 4, 5, 6],
            );
            for r in &b.rows {
                t.add_row(vec![
                    r.months_known.to_string(),
                    format!("{:.2}%", r.inflow_mape),
                    format!("{:.2}%", r.run_rate_mape),
                    r.seasonal_share_mape
                        .map_or("-".into(), |v| format!("{v:.2}%")),
                    format!("{:.0}%", r.coverage_80 * 100.0),
                    format!("{:.0}%", r.coverage_95 * 100.0),
                    r.n.to_string(),
                ]);
            }
            output::print_table(&t)?;
            let n = b.rows.len() as f64;
            let avg = |f: &dyn Fn(&inflow_project::BacktestRow) -> f64| {
                b.rows.iter().map(f).sum::<f64>() / n
            };
            outln!(
                "\nAverage over months known: inflow {:.2}%, run-rate {:.2}%; 80% intervals covered {:.0}% of outcomes.",
                avg(&|r| r.inflow_mape),
                avg(&|r| r.run_rate_mape),
                avg(&|r| r.coverage_80) * 100.0
            )?;
            let worst = b.cells.iter().max_by(|a, b| {
                ((a.point - a.actual) / a.actual)
                    .abs()
                    .total_cmp(&((b.point - b.actual) / b.actual).abs())
            });
            if let Some(w) = worst {
                outln!(
                    "Largest miss: {} after {} months, projected {} against {}.",
                    w.fiscal_year,
                    w.months_known,
                    amount((w.point * 10.0).round() / 10.0),
                    amount(w.actual)
                )?;
            }
            Ok(())
        }
    }
}
