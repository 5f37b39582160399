//! `inflow show`: a series' monthly values in one vintage.

use inflow_core::{Vintage, YearMonth};
use serde::Serialize;

use crate::context::{Global, parse_as_of, parse_month};
use crate::output::{self, Format};

/// Arguments of `inflow show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Series key (see `inflow series`).
    pub key: String,
    /// First month, YYYY-MM.
    #[arg(long, value_parser = parse_month)]
    pub from: Option<YearMonth>,
    /// Last month, YYYY-MM.
    #[arg(long, value_parser = parse_month)]
    pub to: Option<YearMonth>,
    /// Show what was known on this date (YYYY-MM-DD).
    #[arg(long, value_parser = parse_as_of, value_name = "DATE")]
    pub as_of: Option<Vintage>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Serialize)]
struct Row<'a> {
    month: YearMonth,
    fiscal_year: String,
    value: Option<f64>,
    status: &'a str,
    source_tier: inflow_core::SourceTier,
    release_date: String,
    source_url: &'a str,
    note: &'a str,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    if let (Some(a), Some(b)) = (args.from, args.to) {
        anyhow::ensure!(a <= b, "--from {a} is after --to {b}");
    }
    let store = global.open()?;
    let series = store.monthly(&args.key, args.as_of.unwrap_or_default())?;
    let rows: Vec<Row<'_>> = series
        .iter()
        .filter(|o| {
            args.from.is_none_or(|f| o.period >= f) && args.to.is_none_or(|t| o.period <= t)
        })
        .map(|o| Row {
            month: o.period,
            fiscal_year: series.meta.fiscal.fiscal_year_of(o.period).to_string(),
            value: o.value.map(|v| v.get()),
            status: o.status.as_str(),
            source_tier: o.tier(),
            release_date: o.release_date.to_string(),
            source_url: &o.source_url,
            note: &o.note,
        })
        .collect();
    match args.format {
        Format::Json => output::print_json(&rows),
        Format::Csv => output::print_csv(
            &[
                "month",
                "fiscal_year",
                "value",
                "unit",
                "status",
                "source_tier",
                "release_date",
                "source_url",
                "note",
            ],
            rows.iter().map(|r| {
                vec![
                    r.month.to_string(),
                    r.fiscal_year.clone(),
                    output::csv_num(r.value),
                    series.meta.unit.to_string(),
                    r.status.to_string(),
                    r.source_tier.to_string(),
                    r.release_date.clone(),
                    r.source_url.to_string(),
                    r.note.to_string(),
                ]
            }),
        ),
        Format::Table => {
            let unit = series.meta.unit.to_string();
            let mut t = output::table(
                &["month", "FY", &unit, "status", "tier", "released", "source"],
                &[2],
            );
            for r in &rows {
                t.add_row(vec![
                    r.month.to_string(),
                    r.fiscal_year.clone(),
                    output::opt_amount(r.value),
                    r.status.to_string(),
                    r.source_tier.to_string(),
                    r.release_date.clone(),
                    r.source_url.to_string(),
                ]);
            }
            output::print_table(&t)?;
            if rows.is_empty() {
                eprintln!("no values in that range");
            }
            Ok(())
        }
    }
}
