//! Exit codes, documented in the README and in `inflow --help`, chosen from
//! the shared error classification ([`ErrorKind`]) alone.

use std::process::ExitCode;

use inflow_app::ErrorKind;

/// Success.
pub const OK: u8 = 0;
/// Any error not covered below.
pub const FAILURE: u8 = 1;
/// Invalid command line (clap uses 2 as well).
pub const USAGE: u8 = 2;
/// The data asked for does not exist (unknown series, month without a value).
pub const NOT_FOUND: u8 = 3;
/// An import was rejected; nothing of the rejected file was stored.
pub const REJECTED: u8 = 4;
/// The database could not be opened or read.
pub const DATABASE: u8 = 5;

/// The exit code of an error kind.
pub fn code_of(kind: ErrorKind) -> u8 {
    match kind {
        ErrorKind::InvalidInput => USAGE,
        ErrorKind::NotFound => NOT_FOUND,
        ErrorKind::Rejected | ErrorKind::Conflict => REJECTED,
        ErrorKind::Storage => DATABASE,
        ErrorKind::Unprocessable | ErrorKind::Internal => FAILURE,
    }
}

/// The kind of the first classified error in the chain.
pub fn kind_of(err: &anyhow::Error) -> Option<ErrorKind> {
    err.chain().find_map(|cause| {
        if let Some(e) = cause.downcast_ref::<inflow_app::Error>() {
            return Some(e.kind());
        }
        if let Some(e) = cause.downcast_ref::<inflow_server::Error>() {
            return Some(e.kind());
        }
        if let Some(e) = cause.downcast_ref::<inflow_report::Error>() {
            return Some(e.kind());
        }
        cause
            .downcast_ref::<inflow_core::Error>()
            .map(inflow_core::Error::kind)
    })
}

/// Chooses the exit code for an error by what caused it.
pub fn code_for(err: &anyhow::Error) -> ExitCode {
    ExitCode::from(kind_of(err).map_or(FAILURE, code_of))
}

/// The error and its causes on one line, each said once: the chain stops
/// at the first cause whose text its parent already shows (a wrapper that
/// prints its source).
pub fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.ends_with(&text) {
            // Its own causes are details of what was already said
            // (SQLite's "Error code 26" under "file is not a database").
            break;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// Exit code for success.
pub fn ok() -> ExitCode {
    ExitCode::from(OK)
}

/// Whether the error is a closed standard output (the reader went away),
/// which is not a failure of the program.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(|e| {
                matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Outer(Inner);
    impl std::fmt::Display for Outer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "database x.db: {}", self.0)
        }
    }
    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[derive(Debug)]
    struct Inner;
    impl std::fmt::Display for Inner {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("file is not a database")
        }
    }
    impl std::error::Error for Inner {}

    #[test]
    fn a_cause_already_shown_is_not_repeated() {
        let e = anyhow::Error::new(Outer(Inner));
        assert_eq!(message(&e), "database x.db: file is not a database");
        let e = anyhow::Error::new(Inner).context("reading x");
        assert_eq!(message(&e), "reading x: file is not a database");
    }

    #[test]
    fn every_kind_has_its_documented_code() {
        assert_eq!(code_of(ErrorKind::InvalidInput), 2);
        assert_eq!(code_of(ErrorKind::NotFound), 3);
        assert_eq!(code_of(ErrorKind::Rejected), 4);
        assert_eq!(code_of(ErrorKind::Conflict), 4);
        assert_eq!(code_of(ErrorKind::Storage), 5);
        assert_eq!(code_of(ErrorKind::Internal), 1);
    }
}
