//! `inflow backtest`: how good past projections would have been.

use inflow_core::FiscalYear;
use inflow_project::Request;

use crate::cmd::project::{Format, parse_model};
use crate::context::{Global, SeriesOpt};
use crate::output::{self, amount};

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
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
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
