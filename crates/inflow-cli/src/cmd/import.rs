//! `inflow import`: add series, releases or published totals from tidy CSV.

use std::path::PathBuf;

use crate::context::Global;

/// Arguments of `inflow import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tidy CSV files (see README, "Import format"); each is imported as one
    /// transaction, in the order given, so put series definitions first.
    /// The files before one that fails stay stored.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let mut app = global.open()?;
    let mut printed = Ok(());
    app.import_files(&args.files, |s| {
        if printed.is_ok() {
            printed = outln!(
                "{}: stored; {} added, {} already known; nothing else changed",
                s.file,
                s.added,
                s.unchanged
            );
        }
    })?;
    printed?;
    Ok(())
}
