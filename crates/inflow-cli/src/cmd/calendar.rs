//! `inflow calendar`: when each series' next release is expected, whether
//! the data are behind, and how the date was found.

use std::path::PathBuf;

use anyhow::Context as _;
use inflow_app::types::Announcement;
use inflow_core::Date;

use crate::context::Global;
use crate::output::{self, Format};

/// Arguments of `inflow calendar`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this series [default: every series with monthly data].
    #[arg(long, value_name = "KEY")]
    pub series: Option<String>,
    /// Read the calendar on this day (YYYY-MM-DD) [default: today, UTC].
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub today: Option<Date>,
    /// Announced release dates: a CSV file with columns
    /// `series,month,date,source` (these dates are `announced`).
    #[arg(long, value_name = "FILE")]
    pub announced: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Parses `YYYY-MM-DD`.
pub fn parse_day(s: &str) -> Result<Date, String> {
    inflow_core::parse_date(s).map_err(|e| e.to_string())
}

/// Today's date in UTC.
pub fn today() -> Date {
    inflow_app::release::today()
}

/// Reads an announced-dates file: `series,month,date,source`.
pub fn read_announced(path: &std::path::Path) -> anyhow::Result<Vec<(String, Announcement)>> {
    let name = path.display().to_string();
    let mut r = csv::Reader::from_path(path).with_context(|| format!("reading {name}"))?;
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let line = i + 2;
        let rec = rec.with_context(|| format!("{name}:{line}: not CSV"))?;
        let field = |k: usize, what: &str| -> anyhow::Result<String> {
            rec.get(k)
                .map(str::to_string)
                .filter(|s| !s.trim().is_empty())
                .ok_or_else(|| anyhow::anyhow!("{name}:{line}: field `{what}` is missing"))
        };
        let series = field(0, "series")?;
        let month = field(1, "month")?
            .parse::<inflow_core::YearMonth>()
            .map_err(|e| anyhow::anyhow!("{name}:{line}: field `month`: {e}"))?;
        let date = parse_day(&field(2, "date")?)
            .map_err(|e| anyhow::anyhow!("{name}:{line}: field `date`: {e}"))?;
        let source = field(3, "source").unwrap_or_else(|_| name.clone());
        out.push((
            series,
            Announcement {
                month,
                date,
                source,
            },
        ));
    }
    Ok(out)
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let day = args.today.unwrap_or_else(today);
    let announced = match &args.announced {
        Some(p) => read_announced(p)?,
        None => Vec::new(),
    };
    let cals = global
        .open()?
        .calendars(args.series.as_deref(), day, &announced)?;
    match args.format {
        Format::Json => output::print_json(&cals),
        Format::Csv => output::print_csv(
            &[
                "series",
                "latest_month",
                "latest_release",
                "next_month",
                "expected",
                "earliest",
                "latest",
                "basis",
                "behind_months",
                "derivation",
            ],
            cals.iter().map(|c| {
                vec![
                    c.series.clone(),
                    c.latest_month.to_string(),
                    c.latest_release.to_string(),
                    c.next.month.to_string(),
                    c.next.date.to_string(),
                    c.next.earliest.to_string(),
                    c.next.latest.to_string(),
                    format!("{:?}", c.next.basis).to_lowercase(),
                    c.overdue.len().to_string(),
                    c.next.derivation.clone(),
                ]
            }),
        ),
        Format::Table => {
            let mut t = output::table(
                &[
                    "series", "latest", "next", "expected", "window", "basis", "status",
                ],
                &[],
            );
            for c in &cals {
                t.add_row(vec![
                    c.series.clone(),
                    c.latest_month.to_string(),
                    c.next.month.to_string(),
                    c.next.date.to_string(),
                    format!("{} to {}", c.next.earliest, c.next.latest),
                    format!("{:?}", c.next.basis).to_lowercase(),
                    if c.is_behind() {
                        format!("behind by {} months", c.overdue.len())
                    } else {
                        "on time".into()
                    },
                ]);
            }
            output::print_table(&t)?;
            for c in &cals {
                if let Some(s) = c.staleness() {
                    outln!("{}: {s}", c.series)?;
                }
                outln!("{}: {}", c.series, c.next.derivation)?;
            }
            Ok(())
        }
    }
}
