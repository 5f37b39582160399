//! `inflow revisions`: months whose published value changed.

use inflow_core::number::count;

use crate::context::{Global, SeriesArg};
use crate::output::{self, Format, amount, opt_amount, opt_signed};

/// Arguments of `inflow revisions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub series: SeriesArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let inflow_app::figures::Revisions { meta, revisions } =
        global.open()?.revisions(args.series.key())?;
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
                "\n{} revised; net revision {} {}.",
                count(revisions.len(), "month"),
                amount(net),
                meta.unit
            )?;
            Ok(())
        }
    }
}
