//! Options shared by every subcommand, validated once by clap.

use std::path::PathBuf;

use inflow_app::{App, AsOf, DEFAULT_SERIES};

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
    pub fn db_path(&self) -> inflow_app::Result<PathBuf> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => inflow_app::default_db_path(),
        }
    }

    /// Opens (creating if needed) the database.
    pub fn open(&self) -> inflow_app::Result<App> {
        App::open(&self.db_path()?)
    }
}

/// The series to work on, named by `--series KEY`.
#[derive(Debug, clap::Args)]
pub struct SeriesOpt {
    /// Series key (see `inflow series`).
    #[arg(long, default_value = DEFAULT_SERIES, value_name = "KEY")]
    pub series: String,
}

/// The series to work on: `--series KEY`, or the key as the first
/// argument (a shorthand kept from earlier versions).
#[derive(Debug, clap::Args)]
pub struct SeriesArg {
    /// Series key (see `inflow series`) [default: pk.ict.exports].
    #[arg(long = "series", value_name = "KEY", conflicts_with = "key")]
    series: Option<String>,
    /// Series key, as a shorthand for --series KEY.
    #[arg(value_name = "KEY")]
    key: Option<String>,
}

impl SeriesArg {
    /// The key given, or the default series.
    pub fn key(&self) -> &str {
        self.series
            .as_deref()
            .or(self.key.as_deref())
            .unwrap_or(DEFAULT_SERIES)
    }
}

/// Which vintage to read, the same for every command.
#[derive(Debug, clap::Args)]
pub struct AsOfOpt {
    /// YYYY-MM: the data as first published with that month (what a reader
    /// had that day); YYYY-MM-DD: what was known on that date [default: the
    /// latest values].
    #[arg(long, value_name = "MONTH|DATE")]
    pub as_of: Option<AsOf>,
}

impl AsOfOpt {
    /// The point chosen, latest by default.
    pub fn get(&self) -> AsOf {
        self.as_of.unwrap_or_default()
    }
}
