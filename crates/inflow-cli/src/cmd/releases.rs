//! `inflow releases`: every release in the database, with retractions.

use crate::context::Global;
use crate::output::{self, Format};

/// Arguments of `inflow releases`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let rows = global.open()?.release_records()?;
    let header = [
        "id",
        "release_date",
        "source",
        "digest",
        "kind",
        "rows",
        "series_touched",
        "imported_at",
        "retracted_on",
        "retraction_reason",
    ];
    match args.format {
        Format::Json => output::print_json(&rows),
        Format::Csv => output::print_csv(
            &header,
            rows.iter().map(|r| {
                vec![
                    r.id.to_string(),
                    r.release_date.clone(),
                    r.source.clone(),
                    r.digest.clone(),
                    r.kind.clone(),
                    r.rows.to_string(),
                    r.series_touched.to_string(),
                    r.imported_at.clone(),
                    r.retracted_on.clone().unwrap_or_default(),
                    r.retraction_reason.clone().unwrap_or_default(),
                ]
            }),
        ),
        Format::Table => {
            let mut t = output::table(
                &[
                    "id",
                    "released",
                    "source",
                    "sha256",
                    "kind",
                    "rows",
                    "series",
                    "retracted",
                ],
                &[0, 5, 6],
            );
            for r in &rows {
                t.add_row(vec![
                    r.id.to_string(),
                    r.release_date.clone(),
                    r.source.clone(),
                    r.digest.get(..12).unwrap_or(&r.digest).to_string(),
                    r.kind.clone(),
                    r.rows.to_string(),
                    r.series_touched.to_string(),
                    match (&r.retracted_on, &r.retraction_reason) {
                        (Some(d), Some(why)) => format!("{d}: {why}"),
                        _ => String::new(),
                    },
                ]);
            }
            output::print_table(&t)
        }
    }
}
