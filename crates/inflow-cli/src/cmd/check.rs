//! `inflow check`: judge the numeric claims of a news text against the data.

use std::io::Read as _;
use std::path::PathBuf;

use anyhow::Context as _;
use inflow_app::claims::CheckQuery;

use crate::context::{AsOfOpt, Global, SeriesOpt};

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
    /// Judge against what was known then, such as the text's publication
    /// date, so earlier figures are not called wrong because of later
    /// revisions.
    #[command(flatten)]
    pub as_of: AsOfOpt,
    /// When the text was published (YYYY-MM-DD): bare months ("in
    /// January"), "last month" and "this fiscal year" are read from it.
    /// Defaults to the `--as-of` date.
    #[arg(long, value_parser = inflow_core::parse_date, value_name = "DATE")]
    pub published: Option<inflow_core::Date>,
    /// The series the text is about by default; a text naming another
    /// economy, flow or item is judged against that series if it is loaded.
    #[command(flatten)]
    pub series: SeriesOpt,
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
        inflow_app::Error::NotUtf8 {
            name,
            offset: e.utf8_error().valid_up_to(),
        }
        .into()
    })
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let text = read_input(&args.file)?;
    let q = CheckQuery {
        series: args.series.series.clone(),
        as_of: args.as_of.get(),
        published: args.published,
    };
    let report = global.open()?.check(&text, &q)?;
    match args.format {
        Format::Json => crate::output::print_json(&report),
        Format::Text => {
            use std::io::Write as _;
            write!(std::io::stdout().lock(), "{}", report.render_text())?;
            Ok(())
        }
    }
}
