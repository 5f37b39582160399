//! The use cases' one error type: every library error it meets, kept as
//! the source, plus the edge validations that belong to no library.

use inflow_core::ErrorKind;

/// Errors of the use cases. [`Error::kind`] classifies each one; the CLI
/// and the server choose exit codes and statuses from it alone.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value given by the user is invalid; `field` names the argument or
    /// parameter (`fy`, `as_of`, `from`, ...).
    #[error("{message}")]
    Invalid {
        /// The argument or parameter, as the API names it.
        field: &'static str,
        /// What is wrong, naming the value.
        message: String,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file as given.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A file or text is not UTF-8.
    #[error("{name} is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// The file as given, or `standard input`.
        name: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The home directory is unknown, so there is no default database.
    #[error("no home directory found; pass --db PATH or set INFLOW_DB")]
    NoHome,
    /// No complete fiscal year to backtest.
    #[error("no complete fiscal year with a complete year before it to evaluate")]
    NothingToBacktest,
    /// A multi-file import stopped at a file: the files before it were
    /// stored (each in its own transaction), it and the rest were not.
    #[error("{}", stopped_message(stored, failed, not_tried))]
    ImportStopped {
        /// Files stored before the failure, in order.
        stored: Vec<String>,
        /// The file that failed; nothing of it was stored.
        failed: String,
        /// Files after it, not attempted.
        not_tried: Vec<String>,
        /// Why it failed.
        #[source]
        source: Box<Error>,
    },
    /// From the domain types.
    #[error(transparent)]
    Core(#[from] inflow_core::Error),
    /// From the database.
    #[error(transparent)]
    Store(#[from] inflow_store::Error),
    /// From parsing an import.
    #[error(transparent)]
    Import(#[from] inflow_import::Error),
    /// From the headline figures.
    #[error(transparent)]
    Analytics(#[from] inflow_analytics::Error),
    /// From projecting.
    #[error(transparent)]
    Project(#[from] inflow_project::Error),
    /// From forecasting a panel.
    #[error(transparent)]
    Forecast(#[from] inflow_forecast::Error),
    /// From the claim checker.
    #[error(transparent)]
    Claims(#[from] inflow_claims::Error),
    /// From writing the brief.
    #[error(transparent)]
    Report(#[from] inflow_report::Error),
    /// From downloading a release.
    #[error(transparent)]
    Fetch(#[from] inflow_fetch::Error),
}

impl Error {
    /// An invalid value of `field`.
    pub fn invalid(field: &'static str, message: impl std::fmt::Display) -> Error {
        Error::Invalid {
            field,
            message: message.to_string(),
        }
    }

    /// The shared classification of this error.
    ///
    /// ```
    /// use inflow_app::Error;
    /// use inflow_core::ErrorKind;
    /// assert_eq!(Error::invalid("fy", "bad").kind(), ErrorKind::InvalidInput);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid { .. } => ErrorKind::InvalidInput,
            Error::Read { .. } | Error::NotUtf8 { .. } | Error::NoHome => ErrorKind::Internal,
            Error::NothingToBacktest => ErrorKind::NotFound,
            Error::ImportStopped { source, .. } => source.kind(),
            Error::Core(e) => e.kind(),
            Error::Store(e) => e.kind(),
            Error::Import(e) => e.kind(),
            Error::Analytics(e) => e.kind(),
            Error::Project(e) => e.kind(),
            Error::Forecast(e) => e.kind(),
            Error::Claims(e) => e.kind(),
            Error::Report(e) => e.kind(),
            Error::Fetch(e) => e.kind(),
        }
    }

    /// The request field an invalid-input error is about, if it names one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

fn stopped_message(stored: &[String], failed: &str, not_tried: &[String]) -> String {
    let mut m = format!("{failed} was not stored");
    if stored.is_empty() {
        m.push_str(" (nothing was stored)");
    } else {
        m.push_str(&format!(" ({} stored before it)", stored.join(", ")));
    }
    if !not_tried.is_empty() {
        m.push_str(&format!("; not tried: {}", not_tried.join(", ")));
    }
    m
}

/// Results of the use cases.
pub type Result<T, E = Error> = std::result::Result<T, E>;
