//! The `inflow` command-line program: a table of contents of subcommands.
//! Each lives in its own module under `cmd/`; flags are parsed by clap and
//! validated there before any work starts.

/// `println!` that returns the write error instead of panicking, so a closed
/// pipe (`inflow show ... | head`) ends the program quietly.
macro_rules! outln {
    () => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock())
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

mod cmd;
mod context;
mod exit;
mod output;

use clap::{Parser, Subcommand};

/// Monthly ICT export figures: headline numbers, vintages, reconciliation
/// and forecasts, from the bundled Pakistan data or your own imports.
#[derive(Debug, Parser)]
#[command(
    name = "inflow",
    version,
    about,
    after_help = "Exit codes: 0 success, 1 other error, 2 invalid arguments, 3 no such series or \
                  value, 4 import rejected (nothing stored), 5 database error."
)]
struct Cli {
    #[command(flatten)]
    global: context::Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Headline figures of a month: value, changes, fiscal year to date, records.
    Headline(cmd::headline::Args),
    /// The release calendar: when each series' next figure is expected
    /// (estimated from its release history, or announced), and whether the
    /// data are behind.
    Calendar(cmd::calendar::Args),
    /// List the series in the database.
    Series(cmd::series::Args),
    /// Monthly values of a series, latest or as known on a date.
    Show(cmd::show::Args),
    /// Fiscal-year totals against the year before and published totals.
    Fy(cmd::fy::Args),
    /// Months whose published value was revised, with every vintage.
    Revisions(cmd::revisions::Args),
    /// Published totals against sums of monthly values.
    Reconcile(cmd::reconcile::Args),
    /// Import a release: SBP's trade-in-services workbook or tidy CSV files.
    Import(cmd::import::Args),
    /// Download an official release (SBP's workbook) and import it.
    Fetch(cmd::fetch::Args),
    /// Write observations as CSV, JSON or SDMX-CSV, latest or every vintage.
    Export(cmd::export::Args),
    /// List every release (id, date, source, digest, rows, retraction).
    Releases(cmd::releases::Args),
    /// Withdraw a wrong release; earlier as-of reads still see it.
    Retract(cmd::retract::Args),
    /// Project the fiscal-year total with intervals and the chance of a target.
    Project(cmd::project::Args),
    /// Score past fiscal-year projections against the run-rate and seasonal baselines.
    Backtest(cmd::backtest::Args),
    /// Forecast every series of a panel CSV.
    Forecast(cmd::forecast::Args),
    /// Check the numeric claims of a news text against the data.
    Check(cmd::check::Args),
    /// Write the release brief of a month, with charts.
    Brief(cmd::brief::Args),
    /// Serve the web dashboard and the JSON API.
    Serve(cmd::serve::Args),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let g = &cli.global;
    let result = match &cli.command {
        Command::Headline(a) => cmd::headline::run(g, a),
        Command::Calendar(a) => cmd::calendar::run(g, a),
        Command::Series(a) => cmd::series::run(g, a),
        Command::Show(a) => cmd::show::run(g, a),
        Command::Fy(a) => cmd::fy::run(g, a),
        Command::Revisions(a) => cmd::revisions::run(g, a),
        Command::Reconcile(a) => cmd::reconcile::run(g, a),
        Command::Import(a) => cmd::import::run(g, a),
        Command::Export(a) => cmd::export::run(g, a),
        Command::Fetch(a) => cmd::fetch::run(g, a),
        Command::Releases(a) => cmd::releases::run(g, a),
        Command::Retract(a) => cmd::retract::run(g, a),
        Command::Project(a) => cmd::project::run(g, a),
        Command::Backtest(a) => cmd::backtest::run(g, a),
        Command::Forecast(a) => cmd::forecast::run(a),
        Command::Check(a) => cmd::check::run(g, a),
        Command::Brief(a) => cmd::brief::run(g, a),
        Command::Serve(a) => cmd::serve::run(g, a),
    };
    match result {
        Ok(()) => exit::ok(),
        Err(e) if exit::is_broken_pipe(&e) => exit::ok(),
        Err(e) => {
            eprintln!("error: {}", exit::message(&e));
            exit::code_for(&e)
        }
    }
}
