//! `inflow show`: a series' values (months, quarters or years) in one vintage.

use inflow_app::observations::ObservationQuery;
use inflow_core::YearMonth;

use crate::context::{AsOfOpt, Global, SeriesArg};
use crate::output::{self, Format};

/// Arguments of `inflow show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub series: SeriesArg,
    /// First month, YYYY-MM (a quarterly series shows the quarters that end
    /// on or after it).
    #[arg(long)]
    pub from: Option<YearMonth>,
    /// Last month, YYYY-MM (a quarterly series shows the quarters that
    /// start on or before it).
    #[arg(long)]
    pub to: Option<YearMonth>,
    #[command(flatten)]
    pub as_of: AsOfOpt,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let q = ObservationQuery {
        series: args.series.key().to_string(),
        from: args.from,
        to: args.to,
        as_of: args.as_of.get(),
    };
    let obs = global.open()?.observations(&q)?;
    match args.format {
        Format::Json => output::print_json(&obs.observations),
        Format::Csv => {
            obs.write_csv(std::io::stdout().lock())?;
            Ok(())
        }
        Format::Table => {
            let frequency = obs.frequency.unwrap_or_default();
            let noun = frequency.period_noun();
            let monthly = frequency == inflow_core::Frequency::Monthly;
            let mut t = output::table(
                &[
                    noun,
                    if monthly { "FY" } else { "fiscal period" },
                    &obs.unit,
                    "status",
                    "tier",
                    "released",
                    "source",
                ],
                &[2],
            );
            for r in &obs.observations {
                t.add_row(vec![
                    r.month.clone(),
                    r.fiscal_period
                        .clone()
                        .unwrap_or_else(|| r.fiscal_year.clone()),
                    output::opt_amount(r.value),
                    r.status.to_string(),
                    r.source_tier.to_string(),
                    r.release_date.clone(),
                    r.source_url.clone(),
                ]);
            }
            output::print_table(&t)?;
            if obs.observations.is_empty() {
                eprintln!("no values in that range");
            }
            Ok(())
        }
    }
}
