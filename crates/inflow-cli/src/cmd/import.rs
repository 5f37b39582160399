//! `inflow import`: add series, releases or published totals from tidy CSV.

use std::path::PathBuf;

use anyhow::Context as _;

use crate::context::Global;

/// Arguments of `inflow import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Tidy CSV files (see README, "Import format"); each is imported as one
    /// transaction, in the order given, so put series definitions first.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let mut store = global.open()?;
    for path in &args.files {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
        let text = String::from_utf8(bytes).map_err(|e| inflow_import::Error::Row {
            file: name.clone(),
            line: 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64,
            reason: "not valid UTF-8".to_string(),
        })?;
        let batch = inflow_import::parse_str(&name, &text, &store.series_list()?)?;
        let s = store.apply(&batch)?;
        outln!(
            "{name}: {} added, {} already known; nothing else changed",
            s.added,
            s.unchanged
        )?;
    }
    Ok(())
}
