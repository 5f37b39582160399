//! `inflow revisions`: months whose published value changed.

use crate::context::Global;
use crate::output::{self, Format, amount, opt_amount, opt_signed};

/// Arguments of `inflow revisions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Series key (see `inflow series`).
    pub key: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let store = global.open()?;
    let meta = store.series(&args.key)?;
    let revisions = inflow_analytics::revisions(&store.history(&meta.key)?);
    match args.format {
        Format::Json => output::print_json(&revisions),
        Format::Csv => output::print_csv(
            &["month", "release_date", "value", "status", "source_url"],
            revisions.iter().flat_map(|r| {
                r.vintages.iter().map(move |v| {
                    vec![
                        r.month.to_string(),
                        v.release_date.to_string(),
                        output::csv_num(v.value),
                        v.status.to_string(),
                        v.source_url.clone(),
                    ]
                })
            }),
        ),
        Format::Table => {
            let mut t = output::table(
                &["month", "first published", "latest", "change", "vintages"],
                &[1, 2, 3],
            );
            for r in &revisions {
                let (Some(first), Some(last)) = (r.vintages.first(), r.vintages.last()) else {
                    continue;
                };
                t.add_row(vec![
                    r.month.to_string(),
                    format!("{} ({})", opt_amount(first.value), first.release_date),
                    format!("{} ({})", opt_amount(last.value), last.release_date),
                    opt_signed(r.change),
                    r.vintages.len().to_string(),
                ]);
            }
            output::print_table(&t)?;
            let net: f64 = revisions.iter().filter_map(|r| r.change).sum();
            outln!(
                "\n{} revised months; net revision {} {}.",
                revisions.len(),
                amount(net),
                meta.unit
            )?;
            Ok(())
        }
    }
}
