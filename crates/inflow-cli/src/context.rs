//! Options shared by every subcommand, validated once.

use std::path::PathBuf;

use anyhow::Context as _;
use inflow_core::{Vintage, YearMonth, parse_date};
use inflow_store::Store;

/// Options that apply to every subcommand.
#[derive(Debug, clap::Args)]
pub struct Global {
    /// The database file [default: inflow.db in the user's data directory].
    /// Created with the bundled data on first use.
    #[arg(long, global = true, env = "INFLOW_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
}

impl Global {
    /// The database path to use.
    pub fn db_path(&self) -> anyhow::Result<PathBuf> {
        if let Some(p) = &self.db {
            return Ok(p.clone());
        }
        let dirs = directories::ProjectDirs::from("", "", "inflow")
            .context("no home directory found; pass --db PATH or set INFLOW_DB")?;
        Ok(dirs.data_dir().join("inflow.db"))
    }

    /// Opens (creating if needed) the database.
    pub fn open(&self) -> anyhow::Result<Store> {
        Ok(Store::open(&self.db_path()?)?)
    }
}

/// Parses `--as-of YYYY-MM-DD` into a vintage (clap value parser).
pub fn parse_as_of(s: &str) -> Result<Vintage, String> {
    parse_date(s).map(Vintage::AsOf).map_err(|e| e.to_string())
}

/// Parses `YYYY-MM` (clap value parser).
pub fn parse_month(s: &str) -> Result<YearMonth, String> {
    s.parse().map_err(|e: inflow_core::Error| e.to_string())
}

/// The series to work on.
#[derive(Debug, clap::Args)]
pub struct SeriesOpt {
    /// Series key (see `inflow series`).
    #[arg(long, default_value = "pk.ict.exports", value_name = "KEY")]
    pub series: String,
}
