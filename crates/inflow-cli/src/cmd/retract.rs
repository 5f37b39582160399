//! `inflow retract`: withdraw a wrong release, keeping it for earlier as-of
//! reads.

use crate::context::Global;

/// Arguments of `inflow retract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The release id (see `inflow releases`).
    pub release_id: i64,
    /// Why the release is withdrawn (recorded with the retraction).
    #[arg(long, value_name = "TEXT")]
    pub why: String,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let r = global.open()?.retract(args.release_id, &args.why)?;
    outln!(
        "release {} ({}, released {}) retracted on {}: {}. Reads as of an earlier date still see it.",
        r.id,
        r.source,
        r.release_date,
        r.retracted_on.as_deref().unwrap_or_default(),
        r.retraction_reason.as_deref().unwrap_or_default()
    )?;
    Ok(())
}
