//! The fetch crate's one error type.

use inflow_core::ErrorKind;

/// Why a download failed. Every message names the URL (with any API key
/// hidden) and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The URL cannot be requested (no scheme or host, an unsupported
    /// scheme).
    #[error("{url}: not a URL that can be fetched: {reason}")]
    Url {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The server could not be reached or stopped answering, on every
    /// attempt.
    #[error("{url}: {reason} (after {attempts} attempts)")]
    Unreachable {
        /// The URL.
        url: String,
        /// The last failure (connection refused, timed out, ...).
        reason: String,
        /// Attempts made.
        attempts: u32,
    },
    /// The server answered with an HTTP error status.
    #[error("{url}: the server answered HTTP {status}{}", hint(*status))]
    Status {
        /// The URL.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The server refused the API key (HTTP 401 or 403).
    #[error(
        "{url}: the API key was refused (HTTP {status}); EasyData keys expire 90 days after they are issued: request a new one"
    )]
    ApiKey {
        /// The URL, key hidden.
        url: String,
        /// 401 or 403.
        status: u16,
    },
    /// Too many requests (HTTP 429) on every attempt.
    #[error(
        "{url}: rate limited (HTTP 429) after {attempts} attempts{}",
        retry_after.map_or(String::new(), |s| format!("; the server asks to wait {s} s"))
    )]
    RateLimited {
        /// The URL, key hidden.
        url: String,
        /// The last `Retry-After`, in seconds, if the server sent one.
        retry_after: Option<u64>,
        /// Attempts made.
        attempts: u32,
    },
    /// Too many redirects, or a redirect that leads nowhere.
    #[error("{url}: {reason}")]
    Redirect {
        /// The URL.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// The body was cut short or is too large.
    #[error("{url}: the body could not be read in full: {reason}; nothing was stored")]
    Body {
        /// The URL.
        url: String,
        /// What went wrong (the connection closed early, the limit).
        reason: String,
    },
    /// The body is not an Excel workbook (an HTML error page, say).
    #[error(
        "{url}: expected an Excel workbook (.xls or .xlsx), got {} ({bytes} bytes) starting {start:?}; nothing was stored",
        content_type.as_deref().unwrap_or("no Content-Type")
    )]
    NotWorkbook {
        /// The URL.
        url: String,
        /// The `Content-Type` the server gave.
        content_type: Option<String>,
        /// Size of the body.
        bytes: usize,
        /// The first characters of the body, printable ones only.
        start: String,
    },
    /// The answer is not the JSON expected.
    #[error("{url}: {field}: {reason}")]
    Json {
        /// The URL, key hidden.
        url: String,
        /// The JSON field (`columns`, `rows[3][1]`, ...).
        field: String,
        /// What was expected.
        reason: String,
    },
    /// Neither `--released` nor a `Last-Modified` header gives the release
    /// date.
    #[error(
        "{url}: the server sent no usable Last-Modified header ({got}); give the release date with --released YYYY-MM-DD"
    )]
    NoReleaseDate {
        /// The URL.
        url: String,
        /// What the header held, or `none`.
        got: String,
    },
    /// The archive of fetched files could not be read or written.
    #[error("{path}: {source}")]
    Archive {
        /// The file in the archive.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

fn hint(status: u16) -> &'static str {
    match status {
        404 => " (not found: check the URL)",
        403 => " (forbidden: SBP's firewall refuses some clients)",
        500..=599 => " (a server error, on every attempt)",
        _ => "",
    }
}

impl Error {
    /// The shared classification of this error.
    ///
    /// ```
    /// use inflow_core::ErrorKind;
    /// let e = inflow_fetch::Error::Status { url: "http://x/".into(), status: 404 };
    /// assert_eq!(e.kind(), ErrorKind::NotFound);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Url { .. } | Error::ApiKey { .. } | Error::NoReleaseDate { .. } => {
                ErrorKind::InvalidInput
            }
            Error::Status { status: 404, .. } => ErrorKind::NotFound,
            Error::Body { .. } | Error::NotWorkbook { .. } | Error::Json { .. } => {
                ErrorKind::Rejected
            }
            Error::Unreachable { .. }
            | Error::Status { .. }
            | Error::RateLimited { .. }
            | Error::Redirect { .. }
            | Error::Archive { .. } => ErrorKind::Internal,
        }
    }
}
