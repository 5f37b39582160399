//! The inflow database: one SQLite file holding series definitions, every
//! published value of every month as its own vintage, and published totals.
//!
//! Stored values are never overwritten. Importing a changed value for a
//! month adds a row with the new release date; reading "as of" a date picks,
//! for each month, the newest row released on or before it (the real-time
//! view of ALFRED). An import is one transaction, and every check runs
//! before the first write, so a file with any bad row changes nothing.
//!
//! A new database is created in place under SQLite's write lock and loaded
//! with the bundled Pakistan data in the same transaction, so processes that
//! first use one path at the same time wait for each other instead of
//! replacing each other's file, and a creation that is killed leaves an
//! empty file the next open builds again. The file is in WAL mode: readers
//! never block the writer. Writers take the write lock before their first
//! read (`BEGIN IMMEDIATE`) and wait their turn. Every write bumps a change
//! counter ([`Store::generation`]) that caches can be keyed on.
//!
//! An import is planned (`plan`: reads only) and then written (`write`),
//! both inside the one transaction.

mod bundled;
mod import_file;
mod open;
mod plan;
mod releases;
mod retractions;
mod rows;
mod schema;
mod store;
mod summary;
mod write;

pub use import_file::{FileKind, ImportError, ImportRequest};
pub use releases::{
    NewValue, Preview, ReleaseInfo, ReleaseOutcome, ReleaseRecord, Revision, Statuses,
};
pub use store::{ApplySummary, ImportRecord, Store};
pub use summary::SeriesSummary;

/// Today's date in UTC: the latest release date an import may carry.
pub fn today() -> inflow_core::Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// Errors from the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite reported an error (including "file is not a database").
    #[error("database {path}: {source}")]
    Sqlite {
        /// The database file.
        path: String,
        /// The SQLite error.
        #[source]
        source: rusqlite::Error,
    },
    /// A file-system operation failed.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// No series has this key.
    #[error("unknown series {key:?}; known series: {known}")]
    UnknownSeries {
        /// The key asked for.
        key: String,
        /// The keys that exist, comma-separated.
        known: String,
    },
    /// No release has this id, or it cannot be retracted again.
    #[error("release {id}: {reason}")]
    UnknownRelease {
        /// The id asked for.
        id: i64,
        /// What is wrong.
        reason: String,
    },
    /// A row of an import disagrees with what is stored and cannot become a
    /// new vintage.
    #[error("{file}:{line}: {reason}")]
    Conflict {
        /// The import file.
        file: String,
        /// 1-based line of the row.
        line: u64,
        /// What disagrees.
        reason: String,
    },
    /// A stored value could not be read back (the file was edited by hand or
    /// written by an incompatible version).
    #[error("database {path} holds an invalid value: {reason}")]
    Corrupt {
        /// The database file.
        path: String,
        /// What is invalid.
        reason: String,
    },
    /// The database was written by a newer inflow.
    #[error("database {path} has schema version {found}; this inflow reads up to {supported}")]
    SchemaTooNew {
        /// The database file.
        path: String,
        /// Version found.
        found: i64,
        /// Newest version supported.
        supported: i64,
    },
    /// The bundled data failed to parse (a build defect, caught by tests).
    #[error("bundled data: {0}")]
    Bundled(#[from] inflow_import::Error),
}

impl Error {
    /// The shared classification: an unknown series is not found, a
    /// disagreeing row is a conflict, everything else is the database's.
    pub fn kind(&self) -> inflow_core::ErrorKind {
        use inflow_core::ErrorKind as K;
        match self {
            Error::UnknownSeries { .. } | Error::UnknownRelease { .. } => K::NotFound,
            Error::Conflict { .. } => K::Conflict,
            // A defect of the build, not of the database file.
            Error::Bundled(_) => K::Internal,
            Error::Sqlite { .. }
            | Error::Io { .. }
            | Error::Corrupt { .. }
            | Error::SchemaTooNew { .. } => K::Storage,
        }
    }
}
