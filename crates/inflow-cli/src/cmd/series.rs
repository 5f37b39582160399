//! `inflow series`: the series in the database.

use inflow_core::SERIES_COLUMNS;

use crate::context::Global;
use crate::output::{self, Format};

/// What the CSV listing adds after the definition's own columns.
const COVERAGE_COLUMNS: [&str; 4] = [
    "first_month",
    "last_month",
    "observations",
    "published_totals",
];

/// Arguments of `inflow series`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let rows = global.open()?.summaries()?;
    let month = |m: Option<inflow_core::YearMonth>| m.map(|m| m.to_string()).unwrap_or_default();
    match args.format {
        Format::Json => output::print_json(&rows),
        Format::Csv => output::print_csv(
            &SERIES_COLUMNS
                .iter()
                .chain(&COVERAGE_COLUMNS)
                .copied()
                .collect::<Vec<_>>(),
            rows.iter().map(|r| {
                vec![
                    r.key.clone(),
                    r.title.clone(),
                    r.economy.clone(),
                    r.flow.clone(),
                    r.ebops.clone(),
                    r.partner.clone(),
                    r.unit.clone(),
                    r.frequency.clone(),
                    r.source.clone(),
                    r.fiscal_start_month.to_string(),
                    month(r.first_month),
                    month(r.last_month),
                    r.observations.to_string(),
                    r.published_totals.to_string(),
                ]
            }),
        ),
        Format::Table => {
            let mut t = output::table(
                &[
                    "key",
                    "EBOPS",
                    "unit",
                    "FY starts",
                    "months",
                    "values",
                    "totals",
                ],
                &[5, 6],
            );
            for r in &rows {
                let months = match (r.first_month, r.last_month) {
                    (Some(a), Some(b)) => format!("{a} to {b}"),
                    _ => "-".to_string(),
                };
                t.add_row(vec![
                    r.key.clone(),
                    format!("{} {}", r.ebops, r.ebops_name),
                    r.unit.clone(),
                    r.fiscal_year_starts.clone(),
                    months,
                    r.observations.to_string(),
                    r.published_totals.to_string(),
                ]);
            }
            output::print_table(&t)
        }
    }
}
