//! `inflow fetch easydata`: one series from SBP's EasyData API, printed or
//! imported into an inflow series.

use inflow_app::easydata::{EASYDATA_BASE, EasydataFetch};
use inflow_core::{Date, parse_date};

use crate::cmd::fetch::HttpOpts;
use crate::cmd::import::print_outcome;
use crate::context::Global;
use crate::output;

/// Arguments of `inflow fetch easydata`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// EasyData's series key (as on easydata.sbp.org.pk).
    pub key: String,
    /// The API key from EasyData's "My Account" page (valid 90 days).
    #[arg(long, env = "SBP_EASYDATA_API_KEY", hide_env_values = true)]
    pub api_key: String,
    /// The API's base URL.
    #[arg(long, default_value = EASYDATA_BASE, value_name = "URL")]
    pub url: String,
    /// Import the values into this inflow series (its unit) as one release;
    /// without it the values are only printed.
    #[arg(long, value_name = "SERIES")]
    pub into: Option<String>,
    /// The release date of the imported values [default: today].
    #[arg(long, value_parser = parse_released, value_name = "DATE")]
    pub released: Option<Date>,
    /// Show what would be added and revised, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Download options.
    #[command(flatten)]
    pub http: HttpOpts,
}

fn parse_released(s: &str) -> Result<Date, String> {
    parse_date(s).map_err(|e| e.to_string())
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let mut app = global.open()?;
    let out = app.fetch_easydata(&EasydataFetch {
        base: args.url.clone(),
        key: args.key.clone(),
        api_key: args.api_key.clone(),
        into: args.into.clone(),
        released: args.released,
        dry_run: args.dry_run,
        client: args.http.config(),
    })?;
    outln!(
        "{}: {} months ({} / {})",
        out.url,
        out.series.points.len(),
        out.series.date_column,
        out.series.value_column
    )?;
    match &out.import {
        None => {
            let mut t = output::table(&["month", "value"], &[1]);
            for (m, v) in &out.series.points {
                t.add_row(vec![m.to_string(), output::opt_amount(*v)]);
            }
            output::print_table(&t)?;
        }
        Some((_, outcome)) => {
            let name = format!("EasyData {}", args.key);
            print_outcome(&name, "csv", outcome, args.dry_run)?;
        }
    }
    Ok(())
}
