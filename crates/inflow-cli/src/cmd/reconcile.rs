//! `inflow reconcile`: published totals against sums of monthly values.

use inflow_app::types::ReconciliationStatus;
use inflow_core::number::count as plural;

use crate::context::{AsOfOpt, Global, SeriesArg};
use crate::output::{self, Format, amount, opt_amount, opt_signed};

/// Arguments of `inflow reconcile`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub series: SeriesArg,
    /// Only list discrepancies.
    #[arg(long)]
    pub discrepancies: bool,
    #[command(flatten)]
    pub as_of: AsOfOpt,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let inflow_app::figures::Reconciled { meta, mut rows } = global
        .open()?
        .reconcile(args.series.key(), args.as_of.get())?;
    let count = |s| rows.iter().filter(|r| r.status == s).count();
    let (matched, differ, incomplete) = (
        count(ReconciliationStatus::Match),
        count(ReconciliationStatus::Discrepancy),
        count(ReconciliationStatus::Incomplete),
    );
    if args.discrepancies {
        rows.retain(|r| r.status == ReconciliationStatus::Discrepancy);
    }
    match args.format {
        Format::Json => output::print_json(&rows),
        Format::Csv => output::print_csv(
            &[
                "period",
                "publisher",
                "published",
                "computed",
                "difference",
                "status",
                "missing_months",
                "source_url",
            ],
            rows.iter().map(|r| {
                vec![
                    r.published.period.to_string(),
                    r.published.publisher.clone(),
                    output::csv_num(Some(r.published.value.get())),
                    output::csv_num(r.computed.value),
                    output::csv_num(r.difference),
                    format!("{:?}", r.status).to_lowercase(),
                    r.computed.missing.len().to_string(),
                    r.published.source_url.clone(),
                ]
            }),
        ),
        Format::Table => {
            let mut t = output::table(
                &[
                    "period",
                    "by",
                    "published",
                    "sum of months",
                    "difference",
                    "status",
                    "source",
                ],
                &[2, 3, 4],
            );
            for r in &rows {
                let status = match r.status {
                    ReconciliationStatus::Match => "match".to_string(),
                    ReconciliationStatus::Discrepancy => "DISCREPANCY".to_string(),
                    ReconciliationStatus::Incomplete => {
                        format!("{} missing", plural(r.computed.missing.len(), "month"))
                    }
                };
                t.add_row(vec![
                    r.published.period.to_string(),
                    r.published.publisher.clone(),
                    amount(r.published.value.get()),
                    opt_amount(r.computed.value),
                    opt_signed(r.difference),
                    status,
                    r.published.source_url.clone(),
                ]);
            }
            output::print_table(&t)?;
            outln!(
                "\n{matched} match (within the rounding of the published figures; {}), {differ} differ, {incomplete} cannot be checked (months missing).",
                meta.unit
            )?;
            Ok(())
        }
    }
}
