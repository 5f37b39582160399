//! `inflow forecast`: batch forecasts of a panel of monthly series.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use inflow_app::panel::{ModelSpec, PanelOptions, forecast_panel, read_panel, write_forecasts};
use inflow_core::Level;

/// Arguments of `inflow forecast`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Long CSV with series_id, t (integer) or month (YYYY-MM), and value;
    /// rows whose `part` column is not `train` are ignored.
    #[arg(long)]
    pub input: PathBuf,
    /// Number of months to forecast (at least 1).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub horizon: u16,
    /// Season length in periods.
    #[arg(long, default_value_t = 12)]
    pub season_length: usize,
    /// Prediction-interval level in percent; repeat for several.
    #[arg(long = "level", default_values = ["80"])]
    pub levels: Vec<Level>,
    /// Model: auto (ETS and dynamic optimised Theta combined), ets, theta,
    /// dotm (dynamic optimised Theta), arima (simplified automatic ARIMA) or
    /// snaive (seasonal naive).
    #[arg(long, default_value_t = ModelSpec::Auto)]
    pub model: ModelSpec,
    /// Output CSV (standard output if absent).
    #[arg(long)]
    pub output: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let panel = read_panel(&args.input)?;
    let opts = PanelOptions {
        model: args.model,
        horizon: usize::from(args.horizon),
        season_length: args.season_length.max(1),
        levels: args.levels.iter().map(|l| l.percent()).collect(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(input: PathBuf, output: PathBuf) -> Args {
        Args {
            input,
            horizon: 3,
            season_length: 12,
            levels: vec![Level::try_new(80.0).unwrap(), Level::try_new(95.0).unwrap()],
            model: ModelSpec::Auto,
            output: Some(output),
        }
    }

    #[test]
    fn writes_one_row_per_series_and_step_with_a_pair_per_level() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("panel.csv");
        let mut csv = String::from("series_id,month,value\n");
        for i in 0..36 {
            let month = format!("{}-{:02}", 2021 + i / 12, i % 12 + 1);
            csv.push_str(&format!("a,{month},{}\n", 100 + i + 10 * (i % 12)));
        }
        csv.push_str("b,2023-01,5\nb,2023-02,6\n");
        std::fs::write(&input, csv).unwrap();
        let output = dir.path().join("out.csv");
        run(&args(input, output.clone())).unwrap();
        let text = std::fs::read_to_string(output).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("series_id,h,point,lo_80,hi_80,lo_95,hi_95")
        );
        assert_eq!(lines.count(), 6);
    }

    #[test]
    fn bad_input_names_file_line_and_field() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("bad.csv");
        std::fs::write(&input, "series_id,t,value\na,1,2\na,2,two\n").unwrap();
        let err = run(&args(input, dir.path().join("o.csv")))
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("bad.csv:3: field value: \"two\" is not a number"),
            "{err}"
        );
    }
}
