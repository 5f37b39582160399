//! `inflow serve`: the web dashboard and the JSON API over the database.

use std::net::SocketAddr;

use crate::context::Global;

/// Arguments of `inflow serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on (port 0 picks a free port; the address is
    /// printed on standard error).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Enables `POST /api/import` for requests bearing this token
    /// (`Authorization: Bearer TOKEN`, at least 16 characters). Without it
    /// the server is read-only.
    #[arg(
        long,
        env = "INFLOW_ADMIN_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub admin_token: Option<String>,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let config = inflow_server::Config {
        db: global.db_path()?,
        admin_token: args.admin_token.clone(),
    };
    Ok(inflow_server::run_blocking(args.addr, config)?)
}
