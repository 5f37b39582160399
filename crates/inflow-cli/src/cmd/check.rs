//! `inflow check` (being built).

use crate::context::Global;

/// Arguments of `inflow check`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_global: &Global, _args: &Args) -> anyhow::Result<()> {
    anyhow::bail!("inflow check is not available in this build yet")
}
