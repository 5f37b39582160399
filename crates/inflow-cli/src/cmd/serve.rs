//! `inflow serve`: the web dashboard and the JSON API over the database.

use std::io::IsTerminal as _;
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
    /// POST a JSON summary of each new release (imported through the API
    /// or by another process) to this http:// URL.
    #[arg(long, value_name = "URL")]
    pub webhook: Option<inflow_app::webhook::Webhook>,
    /// How often to look for new releases for `--webhook`, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub webhook_every: u64,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    // Request logs on stderr; `RUST_LOG` chooses what (e.g. `RUST_LOG=warn`
    // for errors only, `RUST_LOG=tower_http=debug` for more detail).
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("inflow_server=info,tower_http=info")
    });
    // A second subscriber (tests calling `run` twice) is not an error.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        // A closed stderr must not take requests down with it (the
        // subscriber would report its own write error with `eprintln!`,
        // which panics).
        .log_internal_errors(false)
        .try_init();
    let config = inflow_server::Config {
        db: global.db_path()?,
        admin_token: args.admin_token.clone(),
    };
    let hook = args
        .webhook
        .clone()
        .map(|h| (h, std::time::Duration::from_secs(args.webhook_every)));
    Ok(inflow_server::run_blocking_with_webhook(
        args.addr, config, hook,
    )?)
}
