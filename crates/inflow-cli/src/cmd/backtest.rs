//! `inflow backtest`: how good past projections would have been.

use inflow_app::types::{BacktestRow, ModelSpec};

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
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
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
