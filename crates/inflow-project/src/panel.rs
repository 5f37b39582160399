//! The fiscal-year backtest of a panel of series: for each series, the
//! first 12 test months are "the year", projected after each number of
//! months known with the same code as `inflow project` ([`year_total`]).
//!
//! ```
//! use inflow_forecast::panel::PanelSeries;
//! use inflow_project::panel::{PanelBacktestOptions, backtest_panel};
//! let s = PanelSeries {
//!     id: "a".into(),
//!     values: (0..48).map(|t| 100.0 + (t % 12) as f64).collect(),
//!     test: (48..60).map(|t| 100.0 + (t % 12) as f64).collect(),
//! };
//! let opts = PanelBacktestOptions { paths: 200, ..PanelBacktestOptions::default() };
//! let b = backtest_panel(&[s], &opts, &|| {});
//! assert_eq!(b.cells.len(), 11);
//! assert_eq!(b.summary.by_months_known.len(), 11);
//! ```

use std::ops::RangeInclusive;

use inflow_forecast::ModelSpec;
use inflow_forecast::panel::PanelSeries;
use rayon::prelude::*;
use serde::Serialize;

use crate::calibrate::Score;
use crate::{Calibrated, TotalSettings, year_total};

/// Settings of a panel backtest.
#[derive(Clone, Debug)]
pub struct PanelBacktestOptions {
    /// The forecast model (default `auto`).
    pub model: ModelSpec,
    /// Interval levels in percent (default 80 and 95).
    pub levels: Vec<f64>,
    /// Numbers of months known to project after (default 1 to 11).
    pub months_known: RangeInclusive<usize>,
    /// Simulated paths per projection (default 4000, as `inflow project`).
    pub paths: usize,
    /// Seed (default: `inflow project`'s).
    pub seed: u64,
    /// The calibration of the totals' quantiles.
    pub calibration: Calibrated,
}

impl Default for PanelBacktestOptions {
    fn default() -> Self {
        let r = crate::Request::default();
        PanelBacktestOptions {
            model: r.model,
            levels: vec![80.0, 95.0],
            months_known: 1..=11,
            paths: r.paths,
            seed: r.seed,
            calibration: r.calibration,
        }
    }
}

/// One projection of one series' year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearCell {
    /// The series.
    pub series_id: String,
    /// Months of the year known.
    pub months_known: usize,
    /// Projected total.
    pub point: f64,
    /// `[lo, hi]` per level, in the order of the options' levels.
    pub bounds: Vec<[f64; 2]>,
    /// The year's actual total.
    pub actual: f64,
    /// Year to date × 12 / months known (none before the first month).
    pub run_rate: Option<f64>,
    /// Year to date scaled by the same months' share of the previous 12
    /// months' total (none when that share is not positive).
    pub last_year_share: Option<f64>,
    /// The interval-score scale: the mean absolute change of the 12-month
    /// total from one year to the next over the history before the year
    /// (M4 scales MSIS by the in-sample seasonal naive error; this is the
    /// same for a yearly total).
    pub scale: f64,
    /// The standardized error of the total (for calibration).
    pub score: f64,
    /// Months left in the sum.
    pub months_left: usize,
    /// The model used.
    pub model: String,
}

/// Scores for one number of months known.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthsKnownRow {
    /// Months known.
    pub months_known: usize,
    /// Projections scored.
    pub n: usize,
    /// Mean absolute % error of the projected total.
    pub mape: f64,
    /// Same for the run-rate.
    pub run_rate_mape: Option<f64>,
    /// Same for last year's share (over the cells that have one).
    pub last_year_share_mape: Option<f64>,
    /// Share of actual totals inside the interval, per level.
    pub coverage: Vec<f64>,
    /// Mean scaled interval score of the total, per level.
    pub msis: Vec<f64>,
}

/// The summary of a panel backtest.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PanelSummary {
    /// The levels, in percent.
    pub levels: Vec<f64>,
    /// Series with at least 12 test rows (evaluated).
    pub series: usize,
    /// Series left out for fewer than 12 test rows.
    pub too_short: usize,
    /// Projections that failed, with the series and the reason.
    pub failures: Vec<String>,
    /// Pooled over every projection: coverage per level.
    pub coverage: Vec<f64>,
    /// Pooled mean scaled interval score per level.
    pub msis: Vec<f64>,
    /// Pooled mean absolute % error of the projection and the baselines.
    pub mape: f64,
    /// Pooled run-rate MAPE.
    pub run_rate_mape: Option<f64>,
    /// Pooled last-year's-share MAPE.
    pub last_year_share_mape: Option<f64>,
    /// One row per number of months known.
    pub by_months_known: Vec<MonthsKnownRow>,
}

/// A panel backtest: every projection and the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PanelBacktest {
    /// Every projection.
    pub cells: Vec<YearCell>,
    /// Coverage, errors and interval scores.
    pub summary: PanelSummary,
}

impl PanelBacktest {
    /// The standardized errors of the totals, to fit a
    /// [`Calibration`](crate::Calibration) from (they do not depend on the
    /// calibration the backtest ran with).
    pub fn scores(&self) -> Vec<Score> {
        self.cells
            .iter()
            .map(|c| (c.months_left, c.score))
            .collect()
    }
}

/// Runs the fiscal-year backtest over every series with at least 12 test
/// values, in parallel (rayon), calling `on_done` after each series.
pub fn backtest_panel(
    series: &[PanelSeries],
    opts: &PanelBacktestOptions,
    on_done: &(dyn Fn() + Sync),
) -> PanelBacktest {
    let eligible: Vec<&PanelSeries> = series.iter().filter(|s| s.test.len() >= 12).collect();
    let results: Vec<(Vec<YearCell>, Vec<String>)> = eligible
        .par_iter()
        .map(|s| {
            let r = backtest_series(s, opts);
            on_done();
            r
        })
        .collect();
    let mut cells = Vec::new();
    let mut failures = Vec::new();
    for (c, f) in results {
        cells.extend(c);
        failures.extend(f);
    }
    let summary = summarize(
        &cells,
        opts,
        eligible.len(),
        series.len() - eligible.len(),
        failures,
    );
    PanelBacktest { cells, summary }
}

fn backtest_series(s: &PanelSeries, opts: &PanelBacktestOptions) -> (Vec<YearCell>, Vec<String>) {
    let year = &s.test[..12];
    let actual: f64 = year.iter().sum();
    let prev = &s.values[s.values.len().saturating_sub(12)..];
    let prev_total: f64 = prev.iter().sum();
    let scale = total_scale(&s.values);
    let settings = TotalSettings {
        model: opts.model,
        paths: opts.paths,
        seed: opts.seed,
        calibration: opts.calibration.table(),
    };
    let mut cells = Vec::new();
    let mut failures = Vec::new();
    for k in opts.months_known.clone().filter(|k| *k < 12) {
        let mut history = s.values.clone();
        history.extend_from_slice(&year[..k]);
        let known: f64 = year[..k].iter().sum();
        match year_total(&history, known, 12 - k, 12 - k, &settings) {
            Ok(t) => {
                let same: f64 = prev.iter().take(k).sum();
                cells.push(YearCell {
                    series_id: s.id.clone(),
                    months_known: k,
                    point: t.point(),
                    bounds: opts
                        .levels
                        .iter()
                        .map(|l| {
                            let (lo, hi) = t.interval(*l);
                            [lo, hi]
                        })
                        .collect(),
                    actual,
                    run_rate: (k > 0).then(|| known * 12.0 / k as f64),
                    last_year_share: (k > 0 && prev.len() == 12 && same > 0.0)
                        .then(|| known * prev_total / same),
                    scale,
                    score: t.score(actual),
                    months_left: 12 - k,
                    model: t.model,
                });
            }
            Err(e) => failures.push(format!("{} after {k} months: {e}", s.id)),
        }
    }
    (cells, failures)
}

/// The mean absolute change of the 12-month total from one year to the
/// next over `y` (at least 25 values), else twelve times the mean absolute
/// monthly change; never zero (1 when the series is constant).
pub fn total_scale(y: &[f64]) -> f64 {
    let s = if y.len() >= 25 {
        let sums: Vec<f64> = y.windows(12).map(|w| w.iter().sum()).collect();
        let d: Vec<f64> = sums.windows(13).map(|w| (w[12] - w[0]).abs()).collect();
        d.iter().sum::<f64>() / d.len() as f64
    } else if y.len() >= 2 {
        12.0 * y.windows(2).map(|w| (w[1] - w[0]).abs()).sum::<f64>() / (y.len() - 1) as f64
    } else {
        0.0
    };
    if s > 0.0 && s.is_finite() { s } else { 1.0 }
}

/// The interval score of `[lo, hi]` at `level` percent for `actual`
/// (Gneiting & Raftery 2007), divided by `scale`.
///
/// ```
/// use inflow_project::panel::interval_score;
/// // Inside: the width. Below by 1 at 95%: width + 2/0.05.
/// assert_eq!(interval_score(1.0, 3.0, 2.0, 95.0, 1.0), 2.0);
/// assert!((interval_score(1.0, 3.0, 0.0, 95.0, 2.0) - 21.0).abs() < 1e-9);
/// ```
pub fn interval_score(lo: f64, hi: f64, actual: f64, level: f64, scale: f64) -> f64 {
    let a = 1.0 - level / 100.0;
    let mut s = hi - lo;
    if actual < lo {
        s += 2.0 / a * (lo - actual);
    }
    if actual > hi {
        s += 2.0 / a * (actual - hi);
    }
    s / scale
}

fn ape(est: f64, actual: f64) -> f64 {
    ((est - actual) / actual).abs() * 100.0
}

fn mean(v: impl Iterator<Item = f64>) -> Option<f64> {
    let (s, n) = v.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| s / n as f64)
}

struct Scores {
    n: usize,
    mape: f64,
    run_rate_mape: Option<f64>,
    last_year_share_mape: Option<f64>,
    coverage: Vec<f64>,
    msis: Vec<f64>,
}

fn score_cells(cells: &[&YearCell], levels: &[f64]) -> Scores {
    let inside = |c: &YearCell, i: usize| {
        f64::from(u8::from(
            c.bounds[i][0] <= c.actual && c.actual <= c.bounds[i][1],
        ))
    };
    Scores {
        n: cells.len(),
        mape: mean(cells.iter().map(|c| ape(c.point, c.actual))).unwrap_or(f64::NAN),
        run_rate_mape: mean(
            cells
                .iter()
                .filter_map(|c| c.run_rate.map(|r| ape(r, c.actual))),
        ),
        last_year_share_mape: mean(
            cells
                .iter()
                .filter_map(|c| c.last_year_share.map(|r| ape(r, c.actual))),
        ),
        coverage: (0..levels.len())
            .map(|i| mean(cells.iter().map(|c| inside(c, i))).unwrap_or(f64::NAN))
            .collect(),
        msis: levels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                mean(
                    cells.iter().map(|c| {
                        interval_score(c.bounds[i][0], c.bounds[i][1], c.actual, *l, c.scale)
                    }),
                )
                .unwrap_or(f64::NAN)
            })
            .collect(),
    }
}

fn summarize(
    cells: &[YearCell],
    opts: &PanelBacktestOptions,
    series: usize,
    too_short: usize,
    failures: Vec<String>,
) -> PanelSummary {
    let all: Vec<&YearCell> = cells.iter().collect();
    let pooled = score_cells(&all, &opts.levels);
    let by_months_known = opts
        .months_known
        .clone()
        .filter_map(|k| {
            let c: Vec<&YearCell> = cells.iter().filter(|c| c.months_known == k).collect();
            if c.is_empty() {
                return None;
            }
            let s = score_cells(&c, &opts.levels);
            Some(MonthsKnownRow {
                months_known: k,
                n: s.n,
                mape: s.mape,
                run_rate_mape: s.run_rate_mape,
                last_year_share_mape: s.last_year_share_mape,
                coverage: s.coverage,
                msis: s.msis,
            })
        })
        .collect();
    PanelSummary {
        levels: opts.levels.clone(),
        series,
        too_short,
        failures,
        coverage: pooled.coverage,
        msis: pooled.msis,
        mape: pooled.mape,
        run_rate_mape: pooled.run_rate_mape,
        last_year_share_mape: pooled.last_year_share_mape,
        by_months_known,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A standard normal draw from a simple deterministic generator.
    fn normals(seed: u64, n: usize) -> Vec<f64> {
        let mut x = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let mut u = move || {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((x >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        };
        (0..n)
            .map(|_| (-2.0 * u().ln()).sqrt() * (std::f64::consts::TAU * u()).cos())
            .collect()
    }

    #[test]
    fn coverage_of_gaussian_random_walks_is_what_the_true_model_gives() {
        // Each calendar month follows its own Gaussian random walk with unit
        // steps (y[t] = y[t-12] + e[t]), so seasonal naive is the true model:
        // the months left are independent given the past, and the exact
        // interval of their sum is centre ± z·sqrt(months left), the centre
        // being the same months a year earlier. The uncalibrated backtest
        // must reproduce those intervals, and cover 80% and 95% of totals.
        let panel: Vec<PanelSeries> = (0..300)
            .map(|i| {
                let e = normals(i, 72);
                let mut y = vec![0.0; 72];
                for t in 0..72 {
                    y[t] = if t < 12 {
                        1000.0 + 10.0 * t as f64
                    } else {
                        y[t - 12]
                    } + e[t];
                }
                PanelSeries {
                    id: format!("rw{i}"),
                    values: y[..60].to_vec(),
                    test: y[60..].to_vec(),
                }
            })
            .collect();
        let opts = PanelBacktestOptions {
            model: ModelSpec::SNaive,
            months_known: 2..=10,
            paths: 4000,
            calibration: Calibrated::Uncalibrated,
            ..PanelBacktestOptions::default()
        };
        let b = backtest_panel(&panel, &opts, &|| {});
        assert_eq!(b.summary.series, 300);
        assert!(b.summary.failures.is_empty(), "{:?}", b.summary.failures);
        assert_eq!(b.cells.len(), 300 * 9);
        let mut ratios = Vec::new();
        for c in &b.cells {
            let s = &panel[c.series_id[2..].parse::<usize>().unwrap()];
            let k = c.months_known;
            let known: f64 = s.test[..k].iter().sum();
            let centre: f64 = known + s.values[48 + k..60].iter().sum::<f64>();
            assert!((c.point - centre).abs() < 1e-6, "{c:?}");
            let sd = ((12 - k) as f64).sqrt();
            for (i, z) in [(0, 1.281_551_6), (1, 1.959_964)] {
                let [lo, hi] = c.bounds[i];
                ratios.push((hi - lo) / 2.0 / (z * sd));
            }
        }
        // Each series' spread is estimated from its own 50 seasonal steps
        // (about 10% sampling error): single intervals stray, their average
        // width is exact.
        let mean_ratio = ratios.iter().sum::<f64>() / ratios.len() as f64;
        assert!((mean_ratio - 1.0).abs() < 0.03, "{mean_ratio}");
        assert!(ratios.iter().all(|r| (0.6..1.4).contains(r)));
        let cov = &b.summary.coverage;
        assert!((0.75..=0.85).contains(&cov[0]), "80%: {cov:?}");
        assert!((0.92..=0.98).contains(&cov[1]), "95%: {cov:?}");
        // Coverage by months known is the share of the cells inside.
        let r = &b.summary.by_months_known[0];
        let inside = b
            .cells
            .iter()
            .filter(|c| {
                c.months_known == 2 && c.bounds[0][0] <= c.actual && c.actual <= c.bounds[0][1]
            })
            .count();
        assert_eq!(r.coverage[0], inside as f64 / 300.0);
        // The baselines are there and the right size.
        assert!(r.run_rate_mape.is_some() && r.last_year_share_mape.is_some());
    }

    #[test]
    fn series_with_short_tests_are_counted_not_scored() {
        let s = PanelSeries {
            id: "short".into(),
            values: vec![1.0; 30],
            test: vec![1.0; 6],
        };
        let b = backtest_panel(&[s], &PanelBacktestOptions::default(), &|| {});
        assert_eq!((b.summary.series, b.summary.too_short), (0, 1));
        assert!(b.cells.is_empty());
    }

    #[test]
    fn the_total_scale_is_the_yearly_change_of_the_total() {
        // A linear trend of 1 a month: each 12-month total is 144 above the
        // one a year earlier.
        let y: Vec<f64> = (0..40).map(f64::from).collect();
        assert!((total_scale(&y) - 144.0).abs() < 1e-9);
        assert_eq!(total_scale(&[5.0; 30]), 1.0);
        assert!((total_scale(&[1.0, 2.0, 4.0]) - 18.0).abs() < 1e-9);
    }
}
