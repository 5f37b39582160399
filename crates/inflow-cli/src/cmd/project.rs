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
/// intervals: the numbers of the JSON output (rounded as it rounds them).
fn print_csv(p: &Projection) -> anyhow::Result<()> {
    let v = serde_json::to_value(p)?;
    let num = |v: &serde_json::Value| {
        v.as_f64()
            .map(inflow_core::number::plain)
            .unwrap_or_default()
    };
    let fy = p.fiscal_year.to_string();
    let mut rows: Vec<Vec<String>> = v["months"]
        .as_array()
        .map(|ms| {
            ms.iter()
                .map(|m| {
                    let mut row = vec![
                        fy.clone(),
                        m["month"].as_str().unwrap_or_default().to_string(),
                    ];
                    row.extend(
                        ["actual", "point", "lo_80", "hi_80", "lo_95", "hi_95"].map(|k| num(&m[k])),
                    );
                    row.push(String::new());
                    row
                })
                .collect()
        })
        .unwrap_or_default();
    let iv = &v["intervals"];
    rows.push(vec![
        fy,
        "total".to_string(),
        num(&v["actual_to_date"]),
        num(&v["point"]),
        num(&iv["80"][0]),
        num(&iv["80"][1]),
        num(&iv["95"][0]),
        num(&iv["95"][1]),
        num(&v["p_exceed"]),
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
        outln!(
            "  P(total > {})      {}",
            amount(t),
            inflow_analytics::round::probability_text(pe)
        )?;
    }
    if let Some(note) = &p.note {
        outln!("  note: {note}")?;
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
