//! `inflow check`: judge the numeric claims of a news text against the data.

use std::io::Read as _;
use std::path::PathBuf;

use anyhow::Context as _;
use inflow_core::{MonthlySeries, Vintage};
use inflow_project::{AsOf, ClaimsProjector};

use crate::context::{Global, parse_as_of};

/// Output formats of `inflow check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// Each sentence with its claims marked and a verdict per claim.
    #[default]
    Text,
    /// `{"claims": [...]}` as documented in the README.
    Json,
}

/// Arguments of `inflow check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The text to check: a file, or `-` (the default) for standard input.
    #[arg(default_value = "-")]
    pub file: PathBuf,
    /// Judge against what was known on this date (YYYY-MM-DD), such as the
    /// text's publication date, so earlier figures are not called wrong
    /// because of later revisions.
    #[arg(long, value_parser = parse_as_of, value_name = "DATE")]
    pub as_of: Option<Vintage>,
    /// When the text was published (YYYY-MM-DD): bare months ("in
    /// January"), "last month" and "this fiscal year" are read from it.
    /// Defaults to the `--as-of` date.
    #[arg(long, value_parser = inflow_core::parse_date, value_name = "DATE")]
    pub published: Option<inflow_core::Date>,
    /// The series the text is about by default; a text naming another
    /// economy, flow or item is judged against that series if it is loaded.
    #[arg(long, default_value = "pk.ict.exports", value_name = "KEY")]
    pub series: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

fn read_input(file: &PathBuf) -> anyhow::Result<String> {
    let (name, bytes) = if file.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .context("cannot read standard input")?;
        ("standard input".to_string(), b)
    } else {
        let name = file.display().to_string();
        let b = std::fs::read(file).with_context(|| format!("cannot read {name}"))?;
        (name, b)
    };
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let text = read_input(&args.file)?;
    let store = global.open()?;
    let vintage = args.as_of.unwrap_or_default();
    let total = store.monthly(&args.series, vintage)?;
    // Every other series, found by the checker through its metadata.
    let mut others: Vec<MonthlySeries> = Vec::new();
    let mut published = store.published(&args.series, vintage)?;
    for meta in store.series_list()? {
        if meta.key != total.meta.key {
            published.extend(store.published(meta.key.as_str(), vintage)?);
            others.push(store.monthly(meta.key.as_str(), vintage)?);
        }
    }
    let latest = store.monthly(&args.series, Vintage::Latest)?;
    let history = store.history(&total.meta.key)?;
    let as_of = match vintage {
        Vintage::Latest => AsOf::Latest,
        Vintage::AsOf(d) => AsOf::Date(d),
    };
    let projector = ClaimsProjector::new(&total.meta, &history, as_of);
    let mut ctx = inflow_claims::Context::new(&total)
        .with_series(&others)
        .with_published(&published)
        .with_projector(&projector)
        .with_outcome(&latest);
    if let Some(d) = args.published.or(match vintage {
        Vintage::AsOf(d) => Some(d),
        Vintage::Latest => None,
    }) {
        ctx = ctx.with_published_on(d);
    }
    let report = inflow_claims::check(&text, &ctx);
    match args.format {
        Format::Json => crate::output::print_json(&report),
        Format::Text => {
            use std::io::Write as _;
            write!(std::io::stdout().lock(), "{}", report.render_text())?;
            Ok(())
        }
    }
}
