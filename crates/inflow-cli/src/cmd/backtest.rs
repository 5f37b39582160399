//! `inflow backtest`: how good past projections would have been, for the
//! series in the database or (`--input`) for every series of a panel CSV.

use std::path::PathBuf;

use inflow_app::types::{BacktestRow, ModelSpec};
use inflow_core::Level;

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
    #[arg(long, default_value = "auto")]
    pub model: ModelSpec,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Backtest a panel instead: the long CSV `inflow forecast` reads, with a
    /// `part` column; the first 12 `test` rows of each series are the year.
    #[arg(long, value_name = "FILE", conflicts_with = "fy")]
    pub input: Option<PathBuf>,
    /// With --input: interval level in percent; repeat for several.
    #[arg(long = "level", default_values = ["80", "95"], requires = "input")]
    pub levels: Vec<Level>,
    /// With --input: write one row per projection to this CSV file.
    #[arg(long, value_name = "FILE", requires = "input")]
    pub output: Option<PathBuf>,
    /// With --input: `bundled` (the table fitted on M3 training data),
    /// `none` (the model's own simulated totals) or a calibration CSV file.
    #[arg(
        long,
        default_value = "bundled",
        value_name = "bundled|none|FILE",
        requires = "input"
    )]
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
    let (a, b): (usize, usize) = (
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    );
    if a > b || b > 11 {
        return Err(format!(
            "{s:?}: expected a range within 0-11, first not after last"
        ));
    }
    Ok((a, b))
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
    let b = global
        .open()?
        .backtest(&args.series.series, &args.fy, args.model)?;
    match args.format {
        Format::Json => output::print_json(&b),
        Format::Csv => output::print_csv(
            &[
                "months_known",
                "years",
                "inflow_mape",
                "run_rate_mape",
                "seasonal_share_mape",
                "coverage_80",
                "coverage_95",
            ],
            b.rows.iter().map(|r| {
                vec![
                    r.months_known.to_string(),
                    r.n.to_string(),
                    output::csv_num(Some(r.inflow_mape)),
                    output::csv_num(Some(r.run_rate_mape)),
                    output::csv_num(r.seasonal_share_mape),
                    output::csv_num(Some(r.coverage_80)),
                    output::csv_num(Some(r.coverage_95)),
                ]
            }),
        ),
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
            let avg = |f: &dyn Fn(&BacktestRow) -> f64| b.rows.iter().map(f).sum::<f64>() / n;
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
