//! `inflow fy`: fiscal-year totals.

use inflow_app::types::FiscalYearSummary;
use inflow_core::{Frequency, Series, Tick, Year, YearMonth, YearQuarter};

use crate::context::{AsOfOpt, Global, SeriesOpt};
use crate::output::{self, Format, amount, opt_amount, opt_pct};

/// Arguments of `inflow fy`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// One fiscal year (FY2023-24 or FY24) with its months (or quarters);
    /// default: every year.
    #[arg(long)]
    pub fy: Option<String>,
    #[command(flatten)]
    pub series: SeriesOpt,
    #[command(flatten)]
    pub as_of: AsOfOpt,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let app = global.open()?;
    let key = &args.series.series;
    match app.frequency(key)? {
        Frequency::Monthly => years::<YearMonth>(&app, args),
        Frequency::Quarterly => years::<YearQuarter>(&app, args),
        Frequency::Annual => years::<Year>(&app, args),
    }
}

fn years<P: Tick>(app: &inflow_app::App, args: &Args) -> anyhow::Result<()> {
    let (series, summaries) =
        app.periodic_fiscal_years::<P>(&args.series.series, args.fy.as_deref(), args.as_of.get())?;
    render(&series, &summaries, args.format)
}

fn render<P: Tick>(
    series: &Series<P>,
    summaries: &[FiscalYearSummary<P>],
    format: Format,
) -> anyhow::Result<()> {
    let noun = P::FREQUENCY.period_noun();
    match format {
        Format::Json => output::print_json(&summaries),
        Format::Csv => output::print_csv(
            &[
                "fiscal_year",
                "months_known",
                "complete",
                "total",
                "partial_total",
                "previous_same_months",
                "change_pct",
                "published",
            ],
            summaries.iter().map(|s| {
                vec![
                    s.fiscal_year.to_string(),
                    s.months_known.to_string(),
                    s.complete.to_string(),
                    output::csv_num(s.total.value),
                    output::csv_num(Some(s.total.partial)),
                    output::csv_num(s.previous.value),
                    output::csv_num(
                        s.change_pct
                            .map(|p| inflow_analytics::round::round_to(p, 1)),
                    ),
                    published_list(s),
                ]
            }),
        ),
        Format::Table => {
            let unit = series.meta.unit.to_string();
            let mut t = output::table(
                &[
                    "fiscal year",
                    &format!("{noun}s"),
                    &format!("sum of {noun}s ({unit})"),
                    &format!("vs same {noun}s before"),
                    "published total",
                ],
                &[1, 2, 3, 4],
            );
            for s in summaries {
                let sum = match s.total.value {
                    Some(v) => amount(v),
                    None if s.months_known > 0 => format!("{} (partial)", amount(s.total.partial)),
                    None => "-".to_string(),
                };
                t.add_row(vec![
                    s.fiscal_year.to_string(),
                    s.months_known.to_string(),
                    sum,
                    opt_pct(s.change_pct),
                    published_list(s),
                ]);
            }
            output::print_table(&t)?;
            if let [one] = summaries {
                outln!()?;
                let mut m = output::table(&[noun, &unit], &[1]);
                for p in one.fiscal_year.periods::<P>()? {
                    let label = match P::FREQUENCY {
                        Frequency::Monthly => p.long_label(),
                        _ => format!(
                            "{} ({})",
                            series.meta.fiscal.period_label(p),
                            p.long_label()
                        ),
                    };
                    m.add_row(vec![label, opt_amount(series.value(p))]);
                }
                output::print_table(&m)?;
            }
            outln!(
                "\nA partial sum leaves out {noun}s without a value; published totals may differ from sums of {} values by later revisions.",
                P::FREQUENCY.adjective()
            )?;
            Ok(())
        }
    }
}

fn published_list<P>(s: &FiscalYearSummary<P>) -> String {
    let mut values: Vec<String> = s.published.iter().map(|p| amount(p.value.get())).collect();
    values.dedup();
    values.join(" / ")
}
