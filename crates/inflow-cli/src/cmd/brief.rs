//! `inflow brief`: the release brief of a month, every figure linked to its
//! evidence, with charts.

use std::path::PathBuf;

use anyhow::Context as _;
use inflow_app::brief::BriefQuery;
use inflow_app::types::ModelSpec;
use inflow_core::{Amount, YearMonth};
use inflow_report::{ChartLinks, chart};

use crate::context::{Global, SeriesOpt};

/// Formats of the brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// Markdown, figures footnoted with their evidence.
    #[default]
    Md,
    /// One self-contained HTML file, charts inline.
    Html,
    /// JSON: sections of spans, figures referencing their evidence.
    Json,
    /// Plain text of the story for a wire service: no markup, no footnotes.
    Text,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Text => "txt",
        }
    }
}

/// Arguments of `inflow brief`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub series: SeriesOpt,
    /// The month, YYYY-MM [default: the latest month with data]. The brief
    /// reads the data as released with that month.
    #[arg(long)]
    pub month: Option<YearMonth>,
    /// A target for the fiscal-year total, in the series' unit (e.g. 3000).
    #[arg(long)]
    pub target: Option<Amount>,
    /// Forecast model of the projection.
    #[arg(long, default_value = "auto")]
    pub model: ModelSpec,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Write the brief (brief.md, brief.html or brief.json) and the charts
    /// (SVG and PNG) into this directory instead of printing the brief.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let brief = global.open()?.brief(&BriefQuery {
        series: args.series.series.clone(),
        month: args.month,
        target: args.target,
        model: args.model,
    })?;
    let style = chart::Style::new(chart_font()?);
    let Some(dir) = &args.out else {
        let text = match args.format {
            Format::Md => inflow_report::markdown(&brief, ChartLinks::None),
            Format::Html => inflow_report::html(&brief, &style)?,
            Format::Json => inflow_report::json(&brief, ChartLinks::None)?,
            Format::Text => inflow_report::text(&brief),
        };
        outln!("{}", text.trim_end())?;
        if !matches!(args.format, Format::Html | Format::Text) {
            eprintln!("note: charts are written only with --out DIR");
        }
        return Ok(());
    };
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let files = chart::write_all(&brief.charts, dir, &style)?;
    let text = match args.format {
        Format::Md => inflow_report::markdown(&brief, ChartLinks::Files(&files)),
        Format::Html => inflow_report::html(&brief, &style)?,
        Format::Json => inflow_report::json(&brief, ChartLinks::Files(&files))?,
        Format::Text => inflow_report::text(&brief),
    };
    let path = dir.join(format!("brief.{}", args.format.extension()));
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    outln!("{}", path.display())?;
    for f in &files {
        outln!("{}", f.svg.display())?;
        outln!("{}", f.png.display())?;
    }
    Ok(())
}

/// The chart font: the file named by `INFLOW_FONT`, else the first system
/// font of [`chart::FONT_CANDIDATES`].
pub fn chart_font() -> anyhow::Result<chart::Font> {
    Ok(match std::env::var_os("INFLOW_FONT") {
        Some(path) => chart::Font::from_file(std::path::Path::new(&path))?,
        None => chart::Font::system()?,
    })
}
