//! `inflow forecast`: batch forecasts of a panel of monthly series.

/// Arguments of `inflow forecast`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Long CSV with series_id, t or month, and value.
    #[arg(long)]
    pub input: std::path::PathBuf,
}

/// Runs the command.
pub fn run(_args: &Args) -> anyhow::Result<()> {
    anyhow::bail!("inflow forecast is being built")
}
