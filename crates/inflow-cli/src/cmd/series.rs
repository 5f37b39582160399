//! `inflow series`: the series in the database.

use serde::Serialize;

use crate::context::Global;
use crate::output::{self, Format};

/// Arguments of `inflow series`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Serialize)]
struct Row {
    key: String,
    title: String,
    economy: String,
    flow: String,
    ebops: String,
    ebops_name: String,
    partner: String,
    unit: String,
    frequency: String,
    source: String,
    fiscal_year_starts: String,
    first_month: Option<String>,
    last_month: Option<String>,
    observations: usize,
    published_totals: usize,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let store = global.open()?;
    let mut rows = Vec::new();
    for meta in store.series_list()? {
        let history = store.history(&meta.key)?;
        let span = inflow_core::MonthlySeries::from_history(
            meta.clone(),
            Default::default(),
            history.clone(),
        )
        .span();
        let published = store
            .published(meta.key.as_str(), Default::default())?
            .len();
        rows.push(Row {
            key: meta.key.to_string(),
            title: meta.title.clone(),
            economy: meta.economy.to_string(),
            flow: meta.flow.to_string(),
            ebops: meta.ebops.to_string(),
            ebops_name: meta.ebops.category().name.to_string(),
            partner: meta.partner.to_string(),
            unit: meta.unit.to_string(),
            frequency: meta.frequency.to_string(),
            source: meta.source.clone(),
            fiscal_year_starts: inflow_core::month::MONTH_NAMES
                [meta.fiscal.start_month() as usize - 1]
                .to_string(),
            first_month: span.map(|s| s.0.to_string()),
            last_month: span.map(|s| s.1.to_string()),
            observations: history.len(),
            published_totals: published,
        });
    }
    match args.format {
        Format::Json => output::print_json(&rows),
        Format::Csv => output::print_csv(
            &[
                "key",
                "title",
                "economy",
                "flow",
                "ebops",
                "partner",
                "unit",
                "frequency",
                "source",
                "fiscal_year_starts",
                "first_month",
                "last_month",
                "observations",
                "published_totals",
            ],
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
                    r.fiscal_year_starts.clone(),
                    r.first_month.clone().unwrap_or_default(),
                    r.last_month.clone().unwrap_or_default(),
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
                let months = match (&r.first_month, &r.last_month) {
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
            output::print_table(&t)?;
            Ok(())
        }
    }
}
