//! One classification of errors for every crate, so that the command line's
//! exit codes and the server's HTTP statuses are chosen from the same fact.

use std::fmt;

/// What kind of failure an error is, independent of the crate it comes
/// from. Every library error type answers `kind()`; the CLI maps a kind to
/// an exit code and the server to an HTTP status.
///
/// ```
/// use inflow_core::ErrorKind;
/// let e: inflow_core::Error = "2024-13".parse::<inflow_core::YearMonth>().unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::InvalidInput);
/// assert_eq!(ErrorKind::NotFound.as_str(), "not_found");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A value given by the user (an argument, a query parameter, a request
    /// body) is malformed or out of range.
    InvalidInput,
    /// The thing asked for does not exist: an unknown series, a month
    /// without a value, no data at the requested point.
    NotFound,
    /// A file or text offered for import is malformed; nothing of it was
    /// stored.
    Rejected,
    /// Offered data disagrees with what is stored (a value changed without
    /// a new release date).
    Conflict,
    /// The request is well formed and the data exist, but they cannot
    /// support the computation (a gap in the fiscal year, too short a
    /// history for the model).
    Unprocessable,
    /// The database could not be opened, read or written.
    Storage,
    /// Anything else: a defect or an environment failure (fonts, files).
    Internal,
}

impl ErrorKind {
    /// A stable snake-case name (`invalid_input`, `not_found`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Rejected => "rejected",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Unprocessable => "unprocessable",
            ErrorKind::Storage => "storage",
            ErrorKind::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
