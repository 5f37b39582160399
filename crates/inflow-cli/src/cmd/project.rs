//! `inflow project`: the fiscal-year total, projected from the data known so far.

use inflow_app::projection::ProjectionQuery;
use inflow_app::types::{ModelSpec, Projection};
use inflow_core::Amount;
use inflow_core::number::count;

use crate::context::{AsOfOpt, Global, SeriesOpt};
use crate::output::{self, Format, amount};

/// Arguments of `inflow project`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub series: SeriesOpt,
    /// The fiscal year (FY2023-24 or FY24) [default: the year in progress].
    #[arg(long)]
    pub fy: Option<String>,
    #[command(flatten)]
    pub as_of: AsOfOpt,
    /// A threshold for the fiscal-year total, in the series' unit (e.g. 3000).
    #[arg(long)]
    pub target: Option<Amount>,
    /// Forecast model.
    #[arg(long, default_value = "auto")]
    pub model: ModelSpec,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let q = ProjectionQuery {
        series: args.series.series.clone(),
        fy: args.fy.clone(),
        as_of: args.as_of.get(),
        target: args.target,
        model: args.model,
    };
    let p = global.open()?.project(&q)?;
    match args.format {
        Format::Json => output::print_json(&*p),
        Format::Csv => print_csv(&p),
        Format::Table => print_table(&p),
    }
}

/// One row per month of the year, then the year's total with its
/// intervals.
fn print_csv(p: &Projection) -> anyhow::Result<()> {
    let iv = |level: &str, i: usize| output::csv_num(p.intervals.get(level).map(|b| b[i]));
    let mut rows: Vec<Vec<String>> = p
        .months
        .iter()
        .map(|m| {
            vec![
                p.fiscal_year.to_string(),
                m.month.to_string(),
                output::csv_num(m.actual),
                output::csv_num(m.point),
                output::csv_num(m.lo_80),
                output::csv_num(m.hi_80),
                output::csv_num(m.lo_95),
                output::csv_num(m.hi_95),
                String::new(),
            ]
        })
        .collect();
    rows.push(vec![
        p.fiscal_year.to_string(),
        "total".to_string(),
        output::csv_num(Some(p.actual_to_date)),
        output::csv_num(Some(p.point)),
        iv("80", 0),
        iv("80", 1),
        iv("95", 0),
        iv("95", 1),
        output::csv_num(p.p_exceed),
    ]);
    output::print_csv(
        &[
            "fiscal_year",
            "month",
            "actual",
            "point",
            "lo_80",
            "hi_80",
            "lo_95",
            "hi_95",
            "p_exceed",
        ],
        rows,
    )
}

fn print_table(p: &Projection) -> anyhow::Result<()> {
    outln!(
        "{} — projection of the {} total ({})",
        p.series,
        p.fiscal_year,
        p.unit
    )?;
    let vintage = match p.vintage {
        inflow_core::Vintage::Latest => "latest values".to_string(),
        inflow_core::Vintage::AsOf(d) => format!("values as known on {d}"),
    };
    outln!(
        "Data through {} ({vintage}); model {}",
        p.as_of.long_label(),
        p.model
    )?;
    outln!()?;
    outln!(
        "  known, {:<15}{:>8}",
        count(p.months_known, "month"),
        amount(p.actual_to_date)
    )?;
    outln!(
        "  projected total       {:>8}",
        amount((p.point * 10.0).round() / 10.0)
    )?;
    for (level, [lo, hi]) in &p.intervals {
        outln!(
            "  {level}% interval          {} to {}",
            amount(*lo),
            amount(*hi)
        )?;
    }
    if let (Some(t), Some(pe)) = (p.target, p.p_exceed) {
        outln!("  P(total > {})      {:.1}%", amount(t), pe * 100.0)?;
    }
    outln!()?;
    let mut t = output::table(
        &[
            "month",
            "actual",
            "forecast",
            "80% interval",
            "95% interval",
        ],
        &[1, 2],
    );
    for m in &p.months {
        let iv = |lo: Option<f64>, hi: Option<f64>| match (lo, hi) {
            (Some(lo), Some(hi)) => format!("{} to {}", amount(lo), amount(hi)),
            _ => String::new(),
        };
        t.add_row(vec![
            m.month.long_label(),
            m.actual.map(amount).unwrap_or_default(),
            m.point.map(|v| format!("{v:.1}")).unwrap_or_default(),
            iv(m.lo_80, m.hi_80),
            iv(m.lo_95, m.hi_95),
        ]);
    }
    output::print_table(&t)
}
