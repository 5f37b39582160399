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
    /// POST a JSON summary of what was stored (and the new releases) to
    /// this http:// URL after the import; a failing receiver is reported
    /// and does not undo the import.
    #[arg(long, value_name = "URL")]
    pub webhook: Option<inflow_app::webhook::Webhook>,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let mut app = global.open()?;
    let before = match &args.webhook {
        Some(_) => app.releases(usize::MAX)?,
        None => Vec::new(),
    };
    let mut printed = Ok(());
    let mut stored = Vec::new();
    let result = app.import_files(&args.files, |s| {
        stored.push(s.clone());
        if printed.is_ok() {
            printed = outln!(
                "{}: stored; {} added, {} already known; nothing else changed",
                s.file,
                s.added,
                s.unchanged
            );
        }
    });
    if let (Some(hook), false) = (&args.webhook, stored.is_empty()) {
        let new: Vec<_> = app
            .releases(usize::MAX)?
            .into_iter()
            .filter(|r| !before.contains(r))
            .collect();
        let body = inflow_app::webhook::import_summary(&stored, &new);
        match hook.post(&body) {
            Ok(status) if (200..300).contains(&status) => {}
            Ok(status) => eprintln!("warning: webhook {hook} answered HTTP {status}"),
            Err(e) => eprintln!("warning: webhook not delivered: {e}"),
        }
    }
    result?;
    printed?;
    Ok(())
}
