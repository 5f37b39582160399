//! `inflow fetch`: download an official release and import it.

use std::path::PathBuf;
use std::time::Duration;

use inflow_app::fetch::{ClientConfig, DateFrom, FetchOutcome, SBP_MIRROR_URL, SBP_URL, SbpFetch};
use inflow_core::{Date, parse_date};

use crate::cmd::import::print_outcome;
use crate::context::Global;

/// Arguments of `inflow fetch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to fetch.
    #[command(subcommand)]
    pub source: Source,
}

/// The sources `inflow fetch` knows.
#[derive(Debug, clap::Subcommand)]
pub enum Source {
    /// SBP's trade-in-services workbook (dt.xls), imported as a release
    /// dated by the server's Last-Modified header.
    Sbp(SbpArgs),
    /// One series from SBP's EasyData API (needs an API key), printed or
    /// imported into an inflow series with --into.
    Easydata(crate::cmd::easydata::Args),
}

/// Download options shared by every source.
#[derive(Debug, clap::Args)]
pub struct HttpOpts {
    /// Seconds one request may take, connecting and reading included.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub timeout: u64,
    /// Attempts after the first for connection failures, server errors
    /// and rate limits, waiting 2 s, 4 s, 8 s, ... (or the server's
    /// Retry-After).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub retries: u32,
}

impl HttpOpts {
    /// The client configuration these options give.
    pub fn config(&self) -> ClientConfig {
        ClientConfig {
            timeout: Duration::from_secs(self.timeout.max(1)),
            retries: self.retries,
            ..ClientConfig::default()
        }
    }
}

/// Arguments of `inflow fetch sbp`.
#[derive(Debug, clap::Args)]
pub struct SbpArgs {
    /// The workbook's URL [default: SBP's dt.xls, then its archive host].
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// The release date, YYYY-MM-DD, instead of the server's Last-Modified.
    #[arg(long, value_parser = parse_released, value_name = "DATE")]
    pub released: Option<Date>,
    /// Show what would be added and revised, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Where downloaded files are kept by digest [default: archive/ beside
    /// the database].
    #[arg(long, value_name = "DIR")]
    pub archive: Option<PathBuf>,
    /// Download options.
    #[command(flatten)]
    pub http: HttpOpts,
}

fn parse_released(s: &str) -> Result<Date, String> {
    parse_date(s).map_err(|e| e.to_string())
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    match &args.source {
        Source::Sbp(a) => run_sbp(global, a),
        Source::Easydata(a) => crate::cmd::easydata::run(global, a),
    }
}

fn run_sbp(global: &Global, args: &SbpArgs) -> anyhow::Result<()> {
    let db = global.db_path()?;
    let req = SbpFetch {
        urls: match &args.url {
            Some(u) => vec![u.clone()],
            None => vec![SBP_URL.to_string(), SBP_MIRROR_URL.to_string()],
        },
        released: args.released,
        dry_run: args.dry_run,
        archive: args
            .archive
            .clone()
            .unwrap_or_else(|| inflow_app::fetch::default_archive_dir(&db)),
        client: args.http.config(),
    };
    let mut app = global.open()?;
    match app.fetch_sbp(&req)? {
        FetchOutcome::NoNewRelease {
            url,
            not_modified,
            release,
        } => {
            let how = if not_modified {
                "the server says it is unchanged (304 Not Modified)"
            } else {
                "the file is identical (same SHA-256)"
            };
            outln!(
                "{url}: no new release: {how}; it is release {} of {}{}. Nothing written.",
                release.id,
                release.release_date,
                release
                    .retracted_on
                    .as_deref()
                    .map_or(String::new(), |d| format!(", retracted on {d}"))
            )?;
        }
        FetchOutcome::Imported {
            url,
            digest,
            released,
            date_from,
            outcome,
            archived,
            ..
        } => {
            let from = match date_from {
                DateFrom::Option => "--released",
                DateFrom::LastModified => "the server's Last-Modified",
            };
            outln!("{url}: sha256 {digest}; release date {released} (from {from})")?;
            print_outcome(&url, "workbook", &outcome, args.dry_run)?;
            if let Some(p) = archived {
                outln!("kept as {}", p.display())?;
            }
        }
    }
    Ok(())
}
