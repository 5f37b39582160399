//! The `inflow` command-line program.

mod cmd;

use clap::{Parser, Subcommand};

/// Pakistan's ICT export figures, checked and explained.
#[derive(Debug, Parser)]
#[command(name = "inflow", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Forecast every series of a panel CSV.
    Forecast(cmd::forecast::Args),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Forecast(a) => cmd::forecast::run(a),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
