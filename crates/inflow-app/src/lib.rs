//! inflow's use cases, composed once for every front end.
//!
//! The command line (`inflow-cli`) and the server (`inflow-server`) only
//! parse input and render output; everything between (opening the store,
//! choosing the vintage, reading a series, computing the figures, projecting,
//! checking claims, writing the brief, importing) is here, so that the same
//! question gets the same answer whichever way it is asked.
//!
//! An [`App`] is one open database plus a [`ProjectionCache`] that may be
//! shared by several of them (the server keeps a pool of connections over
//! one cache). Projections are deterministic for their inputs (one seed, one
//! number of paths), and every use case that shows a projection (the
//! projection itself, the claim checker's forecast verdicts, the brief)
//! computes it through the same [`projection::Request`] defaults.
//!
//! Errors are one [`Error`] type whose [`Error::kind`] is the shared
//! [`ErrorKind`] classification.

pub mod brief;
pub mod claims;
pub mod easydata;
mod error;
pub mod export;
pub mod feed;
pub mod fetch;
pub mod figures;
pub mod import;
pub mod observations;
mod open;
pub mod panel;
pub mod periodic;
pub mod projection;
pub mod release;
pub mod releases;
pub mod target;
mod vintage;
pub mod webhook;

use std::sync::Arc;

pub use error::{Error, Result};
pub use inflow_core::{AsOf, ErrorKind};
pub use open::default_db_path;
pub use projection::ProjectionCache;

/// The library types the front ends render, re-exported so that they need
/// not depend on the crates that compute them.
pub mod types {
    pub use inflow_analytics::breakdown::{Breakdown, ComponentRow, GrowthBasis};
    pub use inflow_analytics::calendar::{Announcement, Basis, Calendar, ExpectedRelease};
    pub use inflow_analytics::{
        FiscalYearSummary, Headline, Reconciliation, ReconciliationStatus, Revision,
    };
    pub use inflow_claims::{MAX_CLAIMS, Report as ClaimsReport, Truncated, Verdict};
    pub use inflow_forecast::ModelSpec;
    pub use inflow_project::{Backtest, BacktestCell, BacktestRow, MonthLine, Projection};
    pub use inflow_report::Brief;
    pub use inflow_store::{
        ApplySummary, FileKind, Preview, ReleaseOutcome, ReleaseRecord, SeriesSummary,
    };
}

/// The series a request means when it names none.
pub const DEFAULT_SERIES: &str = "pk.ict.exports";

/// One open inflow database and the projection cache it uses.
pub struct App {
    store: inflow_store::Store,
    cache: Arc<ProjectionCache>,
}

impl App {
    /// Opens the database at `path`, creating it with the bundled data if it
    /// does not exist, with a cache of its own.
    ///
    /// # Errors
    /// [`Error::Store`] if the file cannot be opened or is not an inflow
    /// database.
    pub fn open(path: &std::path::Path) -> Result<App> {
        App::open_with_cache(path, Arc::new(ProjectionCache::default()))
    }

    /// Creates a new database at `path` without the bundled data (`inflow
    /// init --empty`), for series imported by the user alone.
    ///
    /// # Errors
    /// Conflict when a database is already there; otherwise as [`App::open`].
    pub fn create_empty(path: &std::path::Path) -> Result<App> {
        Ok(App {
            store: inflow_store::Store::create_empty(path)?,
            cache: Arc::new(ProjectionCache::default()),
        })
    }

    /// Opens the database at `path` sharing `cache` with other connections
    /// to the same file (the server's pool).
    ///
    /// # Errors
    /// As [`App::open`].
    pub fn open_with_cache(path: &std::path::Path, cache: Arc<ProjectionCache>) -> Result<App> {
        Ok(App {
            store: inflow_store::Store::open(path)?,
            cache,
        })
    }

    /// The projection cache.
    pub fn cache(&self) -> &Arc<ProjectionCache> {
        &self.cache
    }

    /// Every series with its coverage, ordered by key.
    ///
    /// # Errors
    /// [`Error::Store`].
    pub fn summaries(&self) -> Result<Vec<types::SeriesSummary>> {
        Ok(self.store.summaries()?)
    }

    /// The number of series in the database.
    ///
    /// # Errors
    /// [`Error::Store`].
    pub fn series_count(&self) -> Result<usize> {
        Ok(self.store.series_list()?.len())
    }

    /// A series' metadata.
    ///
    /// # Errors
    /// [`Error::Store`] (not found for an unknown key).
    pub fn series(&self, key: &str) -> Result<inflow_core::SeriesMeta> {
        Ok(self.store.series(key)?)
    }

    /// The release dates of a series, newest first; each is a vintage.
    ///
    /// # Errors
    /// [`Error::Store`] (not found for an unknown key).
    pub fn release_dates(
        &self,
        key: &str,
    ) -> Result<(inflow_core::SeriesKey, Vec<inflow_core::Date>)> {
        let meta = self.store.series(key)?;
        let mut dates: Vec<inflow_core::Date> = match meta.frequency {
            inflow_core::Frequency::Monthly => {
                self.release_dates_of::<inflow_core::YearMonth>(&meta)?
            }
            inflow_core::Frequency::Quarterly => {
                self.release_dates_of::<inflow_core::YearQuarter>(&meta)?
            }
            inflow_core::Frequency::Annual => self.release_dates_of::<inflow_core::Year>(&meta)?,
        };
        dates.sort_unstable();
        dates.dedup();
        dates.reverse();
        Ok((meta.key, dates))
    }

    fn release_dates_of<P: inflow_core::Tick>(
        &self,
        meta: &inflow_core::SeriesMeta,
    ) -> Result<Vec<inflow_core::Date>> {
        Ok(self
            .store
            .history_of::<P>(&meta.key)?
            .iter()
            .map(|o| o.release_date)
            .collect())
    }
}
