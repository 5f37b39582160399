//! One module per subcommand; each has an `Args` struct and a `run`.

pub mod backtest;
pub mod brief;
pub mod calendar;
pub mod check;
pub mod easydata;
pub mod export;
pub mod fetch;
pub mod forecast;
pub mod fy;
pub mod headline;
pub mod import;
pub mod init;
pub mod panel_backtest;
pub mod project;
pub mod reconcile;
pub mod releases;
pub mod retract;
pub mod revisions;
pub mod series;
pub mod serve;
pub mod show;
