//! Exit codes, documented in the README and in `inflow --help`.

use std::process::ExitCode;

/// Success.
pub const OK: u8 = 0;
/// Any error not covered below.
pub const FAILURE: u8 = 1;
/// Invalid command line (clap uses 2 as well).
pub const USAGE: u8 = 2;
/// The data asked for does not exist (unknown series, month without a value).
pub const NOT_FOUND: u8 = 3;
/// An import was rejected; nothing was stored.
pub const REJECTED: u8 = 4;
/// The database could not be opened or read.
pub const DATABASE: u8 = 5;

/// Chooses the exit code for an error by what caused it.
pub fn code_for(err: &anyhow::Error) -> ExitCode {
    let store_code = |e: &inflow_store::Error| {
        use inflow_store::Error as E;
        ExitCode::from(match e {
            E::UnknownSeries { .. } | E::UnknownRelease { .. } => NOT_FOUND,
            E::Conflict { .. } => REJECTED,
            _ => DATABASE,
        })
    };
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<inflow_store::ImportError>() {
            return match e {
                inflow_store::ImportError::File(_) => ExitCode::from(REJECTED),
                inflow_store::ImportError::Store(e) => store_code(e),
            };
        }
        if let Some(e) = cause.downcast_ref::<inflow_store::Error>() {
            return store_code(e);
        }
        if cause.downcast_ref::<inflow_import::Error>().is_some() {
            return ExitCode::from(REJECTED);
        }
        if cause.downcast_ref::<inflow_analytics::Error>().is_some() {
            return ExitCode::from(NOT_FOUND);
        }
        if cause.downcast_ref::<inflow_core::Error>().is_some() {
            return ExitCode::from(USAGE);
        }
    }
    ExitCode::from(FAILURE)
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
