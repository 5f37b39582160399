//! `inflow forecast`: batch forecasts of a panel of monthly series.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use inflow_forecast::ModelSpec;
use inflow_forecast::panel::{PanelOptions, forecast_panel, read_panel, write_forecasts};

/// Arguments of `inflow forecast`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Long CSV with series_id, t (integer) or month (YYYY-MM), and value;
    /// rows whose `part` column is not `train` are ignored.
    #[arg(long)]
    pub input: PathBuf,
    /// Number of months to forecast.
    #[arg(long)]
    pub horizon: usize,
    /// Season length in periods.
    #[arg(long, default_value_t = 12)]
    pub season_length: usize,
    /// Prediction-interval level in percent; repeat for several.
    #[arg(long = "level", default_values_t = [80.0])]
    pub levels: Vec<f64>,
    /// Model: auto (ETS and dynamic optimised Theta combined), ets, theta,
    /// dotm, arima (not implemented: falls back to ets) or snaive.
    #[arg(long, default_value_t = ModelSpec::Auto)]
    pub model: ModelSpec,
    /// Output CSV (standard output if absent).
    #[arg(long)]
    pub output: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: &Args) -> anyhow::Result<()> {
    if args.horizon == 0 {
        anyhow::bail!("--horizon must be at least 1");
    }
    if let Some(l) = args.levels.iter().find(|l| !(**l > 0.0 && **l < 100.0)) {
        anyhow::bail!("--level {l}: expected a percentage strictly between 0 and 100");
    }
    let panel = read_panel(&args.input)?;
    let opts = PanelOptions {
        model: args.model,
        horizon: args.horizon,
        season_length: args.season_length.max(1),
        levels: args.levels.clone(),
    };
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(panel.series.len() as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} series ({eta})")
        {
            bar.set_style(style);
        }
        Some(bar)
    } else {
        None
    };
    let results = forecast_panel(&panel, &opts, &|| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    if let Some(b) = &bar {
        b.finish_and_clear();
    }

    let mut fallbacks = 0usize;
    let mut failures = 0usize;
    for r in &results {
        match r {
            Ok(s) if s.fallback.is_some() => {
                fallbacks += 1;
                eprintln!("{}: {}", s.id, s.model);
            }
            Ok(_) => {}
            Err((id, e)) => {
                failures += 1;
                eprintln!("{id}: not forecast: {e}");
            }
        }
    }
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("creating {}", path.display()))?;
            let mut w = std::io::BufWriter::new(file);
            write_forecasts(&mut w, &results, &opts.levels)?;
            w.flush()
                .with_context(|| format!("writing {}", path.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            write_forecasts(&mut w, &results, &opts.levels)?;
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = w.flush();
        }
    }
    if fallbacks > 0 || failures > 0 {
        eprintln!(
            "{} series: {fallbacks} used a simpler model than {}, {failures} could not be forecast",
            results.len(),
            args.model
        );
    }
    Ok(())
}
