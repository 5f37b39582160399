//! `inflow init`: create the database, with the bundled Pakistan data or
//! (`--empty`) without it, for another economy's series alone.

use crate::context::Global;

/// Arguments of `inflow init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Make a database without the bundled data; it stays without it. The
    /// file must not exist yet.
    #[arg(long)]
    pub empty: bool,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let path = global.db_path()?;
    let app = if args.empty {
        inflow_app::App::create_empty(&path)?
    } else {
        inflow_app::App::open(&path)?
    };
    let n = app.series_count()?;
    outln!(
        "{}: {n} series{}",
        path.display(),
        if args.empty {
            " (no bundled data; import series definitions, then their values)"
        } else {
            ""
        }
    )?;
    Ok(())
}
