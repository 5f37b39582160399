//! `inflow backtest --input FILE`: the fiscal-year backtest of a panel.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use inflow_app::panel::{
    Calibrated, Calibration, PanelBacktest, PanelBacktestOptions, backtest_panel, level_label,
    probability_text, read_panel,
};

use inflow_core::Level;

use crate::output::{self, Format};

/// Settings of the panel backtest taken from the command line.
#[derive(Debug)]
pub struct PanelArgs<'a> {
    /// The panel CSV.
    pub input: &'a Path,
    /// The model.
    pub model: inflow_app::panel::ModelSpec,
    /// Levels in percent.
    pub levels: &'a [Level],
    /// Rows output file.
    pub output: Option<&'a Path>,
    /// Summary format.
    pub format: Format,
    /// `bundled`, `none` or a CSV file.
    pub calibration: &'a str,
    /// Where to write a calibration fitted on this run's errors.
    pub write_calibration: Option<&'a PathBuf>,
    /// First and last number of months known.
    pub months_known: (usize, usize),
}

/// Runs the panel backtest.
pub fn run(a: &PanelArgs<'_>) -> anyhow::Result<()> {
    // `--months-known` was checked by clap (`backtest::parse_range`).
    let (k0, k1) = a.months_known;
    let calibration = match a.calibration {
        "bundled" => Calibrated::Bundled,
        "none" => Calibrated::Uncalibrated,
        file => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read calibration file {file}"))?;
            let table = Calibration::from_csv(&text).map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
            Calibrated::Table(Arc::new(table))
        }
    };
    let panel = read_panel(a.input)?;
    let opts = PanelBacktestOptions {
        model: a.model,
        levels: a.levels.iter().map(|l| l.percent()).collect(),
        months_known: k0..=k1,
        calibration,
        ..PanelBacktestOptions::default()
    };
    let eligible = panel.series.iter().filter(|s| s.test.len() >= 12).count();
    anyhow::ensure!(
        eligible > 0,
        "{}: no series has 12 or more rows marked test (the year to project)",
        a.input.display()
    );
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(eligible as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} series ({eta})")
        {
            bar.set_style(style);
        }
        bar
    });
    let b = backtest_panel(&panel.series, &opts, &|| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    if let Some(path) = a.output {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        write_rows(std::io::BufWriter::new(file), &b)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(path) = a.write_calibration {
        let table = Calibration::fit(&b.scores()).map_err(|e| anyhow::anyhow!(e))?;
        std::fs::write(path, table.to_csv())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    for f in &b.summary.failures {
        eprintln!("warning: {f}");
    }
    print_summary(&b, a.format)
}

fn label(l: f64) -> String {
    level_label(l)
}

/// Writes `series_id,months_known,point,lo_L,hi_L...,actual` and the
/// baselines, one row per projection.
fn write_rows<W: Write>(out: W, b: &PanelBacktest) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec![
        "series_id".to_string(),
        "months_known".into(),
        "point".into(),
    ];
    for l in &b.summary.levels {
        header.push(format!("lo_{}", label(*l)));
        header.push(format!("hi_{}", label(*l)));
    }
    for h in [
        "actual",
        "run_rate",
        "last_year_share",
        "scale",
        "score",
        "model",
    ] {
        header.push(h.into());
    }
    w.write_record(&header)?;
    let opt = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
    for c in &b.cells {
        let mut row = vec![
            c.series_id.clone(),
            c.months_known.to_string(),
            c.point.to_string(),
        ];
        for [lo, hi] in &c.bounds {
            row.push(lo.to_string());
            row.push(hi.to_string());
        }
        row.push(c.actual.to_string());
        row.push(opt(c.run_rate));
        row.push(opt(c.last_year_share));
        row.push(c.scale.to_string());
        row.push(c.score.to_string());
        row.push(c.model.clone());
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

fn pct(v: Option<f64>) -> String {
    v.map_or("-".into(), |v| format!("{v:.2}%"))
}

fn print_summary(b: &PanelBacktest, format: Format) -> anyhow::Result<()> {
    let s = &b.summary;
    match format {
        Format::Json => output::print_json(s),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout().lock());
            let mut header = vec![
                "months_known".to_string(),
                "n".into(),
                "mape".into(),
                "run_rate_mape".into(),
                "last_year_share_mape".into(),
            ];
            for l in &s.levels {
                header.push(format!("coverage_{}", label(*l)));
                header.push(format!("msis_{}", label(*l)));
            }
            w.write_record(&header)?;
            let opt = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
            let mut rows: Vec<Vec<String>> = s
                .by_months_known
                .iter()
                .map(|r| {
                    let mut row = vec![
                        r.months_known.to_string(),
                        r.n.to_string(),
                        r.mape.to_string(),
                        opt(r.run_rate_mape),
                        opt(r.last_year_share_mape),
                    ];
                    for (c, m) in r.coverage.iter().zip(&r.msis) {
                        row.push(c.to_string());
                        row.push(m.to_string());
                    }
                    row
                })
                .collect();
            let mut all = vec![
                "all".to_string(),
                b.cells.len().to_string(),
                s.mape.to_string(),
                opt(s.run_rate_mape),
                opt(s.last_year_share_mape),
            ];
            for (c, m) in s.coverage.iter().zip(&s.msis) {
                all.push(c.to_string());
                all.push(m.to_string());
            }
            rows.push(all);
            for r in rows {
                w.write_record(&r)?;
            }
            w.flush()?;
            Ok(())
        }
        Format::Table => {
            outln!(
                "Fiscal-year backtest: {} series, the first 12 test months as the year ({} with fewer left out).",
                s.series,
                s.too_short
            )?;
            outln!(
                "Errors are mean absolute % errors of the year's total; MSIS is the interval score of the total scaled by the mean yearly change of the 12-month total."
            )?;
            outln!()?;
            let mut header: Vec<String> = vec![
                "months known".into(),
                "inflow".into(),
                "run-rate".into(),
                "last year's share".into(),
            ];
            for l in &s.levels {
                header.push(format!("{}% covered", label(*l)));
                header.push(format!("MSIS {}%", label(*l)));
            }
            header.push("n".into());
            let refs: Vec<&str> = header.iter().map(String::as_str).collect();
            let right: Vec<usize> = (0..refs.len()).collect();
            let mut t = output::table(&refs, &right);
            let cells = |k: String,
                         mape: f64,
                         rr: Option<f64>,
                         ls: Option<f64>,
                         cov: &[f64],
                         msis: &[f64],
                         n: usize| {
                let mut row = vec![k, format!("{mape:.2}%"), pct(rr), pct(ls)];
                for (c, m) in cov.iter().zip(msis) {
                    row.push(format!("{:.1}%", c * 100.0));
                    row.push(format!("{m:.3}"));
                }
                row.push(n.to_string());
                row
            };
            for r in &s.by_months_known {
                t.add_row(cells(
                    r.months_known.to_string(),
                    r.mape,
                    r.run_rate_mape,
                    r.last_year_share_mape,
                    &r.coverage,
                    &r.msis,
                    r.n,
                ));
            }
            t.add_row(cells(
                "all".into(),
                s.mape,
                s.run_rate_mape,
                s.last_year_share_mape,
                &s.coverage,
                &s.msis,
                b.cells.len(),
            ));
            output::print_table(&t)?;
            let worst = s
                .by_months_known
                .iter()
                .flat_map(|r| {
                    r.coverage
                        .iter()
                        .zip(&s.levels)
                        .map(move |(c, l)| (r.months_known, *l, *c))
                })
                .min_by(|a, b| (a.2 - a.1 / 100.0).total_cmp(&(b.2 - b.1 / 100.0)));
            if let Some((k, l, c)) = worst {
                outln!(
                    "\nLowest coverage against its level: {}% intervals after {k} months covered {}.",
                    label(l),
                    probability_text(c)
                )?;
            }
            if !s.failures.is_empty() {
                outln!("{} projections failed (listed above).", s.failures.len())?;
            }
            Ok(())
        }
    }
}
