//! `inflow project`: the fiscal-year total, projected from the data known so far.

use inflow_forecast::ModelSpec;
use inflow_project::{AsOf, Projection, Request};

use crate::context::{Global, SeriesOpt};
use crate::output::{self, amount};

/// Output formats of `inflow project`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// Aligned text for a terminal.
    #[default]
    Table,
    /// JSON (keys documented in the README).
    Json,
}

/// Arguments of `inflow project`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub series: SeriesOpt,
    /// The fiscal year (FY2023-24 or FY24) [default: the year in progress].
    #[arg(long)]
    pub fy: Option<String>,
    /// YYYY-MM: use data through that month as first published (what a
    /// reader had that day); YYYY-MM-DD: what was known on that date.
    #[arg(long, value_parser = parse_as_of, value_name = "MONTH|DATE")]
    pub as_of: Option<AsOf>,
    /// A threshold for the fiscal-year total, in the series' unit (e.g. 3000).
    #[arg(long)]
    pub target: Option<f64>,
    /// Forecast model.
    #[arg(long, default_value = "auto", value_parser = parse_model)]
    pub model: ModelSpec,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

fn parse_as_of(s: &str) -> Result<AsOf, String> {
    AsOf::parse(s).map_err(|e| format!("{e} (or a month YYYY-MM)"))
}

/// Parses a model name (clap value parser).
pub fn parse_model(s: &str) -> Result<ModelSpec, String> {
    s.parse().map_err(|e: inflow_forecast::Error| e.to_string())
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    if let Some(t) = args.target {
        anyhow::ensure!(
            t.is_finite() && t >= 0.0,
            "--target must be a non-negative number"
        );
    }
    let store = global.open()?;
    let meta = store.series(&args.series.series)?;
    let fy = args
        .fy
        .as_deref()
        .map(|s| meta.fiscal.parse_fiscal_year(s))
        .transpose()?;
    let history = store.history(&meta.key)?;
    let req = Request {
        fy,
        as_of: args.as_of.unwrap_or_default(),
        target: args.target,
        model: args.model,
        ..Request::default()
    };
    let p = inflow_project::project(&meta, &history, &req)?;
    match args.format {
        Format::Json => output::print_json(&p),
        Format::Table => print_table(&p),
    }
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
        "  known, {} months      {:>8}",
        p.months_known,
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
            inflow_project::probability_text(pe)
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
