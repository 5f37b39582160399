//! Calibration of year-total distributions: empirical quantiles of the
//! standardized errors of past totals.
//!
//! A model's simulated totals have the right shape but not the right width:
//! the model assumes it is the true model, and its errors one month ahead
//! understate how far a whole year can drift. So the spread of the simulated
//! total is used only as a *scale*, and the quantiles come from how large
//! the errors of totals were, in units of that scale, on many other series
//! (split conformal prediction with a locally varying scale, Lei et al.
//! 2018, JASA). Because the error of a whole total is measured, the
//! correlation of consecutive months' errors is in the quantiles by
//! construction.
//!
//! The table shipped ([`Calibration::bundled`]) was fitted on the M3
//! monthly training data only (the last 12 training months of each series
//! held out as the year; never the test months); `bench/fy_calibrate.py`
//! reproduces it.
//!
//! ```
//! use inflow_project::Calibration;
//! let c = Calibration::bundled();
//! // Three months left, a centre of 100 and a scale of 10: a 95% interval
//! // is wider than the 80% one, and both contain the centre.
//! let (lo80, hi80) = c.interval(3, 100.0, 10.0, 10.0, 80.0);
//! let (lo95, hi95) = c.interval(3, 100.0, 10.0, 10.0, 95.0);
//! assert!(lo95 < lo80 && lo80 < 100.0 && 100.0 < hi80 && hi80 < hi95);
//! ```

use std::fmt::Write as _;

use inflow_forecast::quantile_sorted;

/// Probabilities at which the table holds quantiles of the standardized
/// error; between them the quantile function is linear, beyond them the
/// tails decay exponentially (so no total is ever given probability 0 or 1).
pub const GRID: [f64; 25] = [
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.65, 0.7,
    0.75, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 0.99, 0.995,
];

/// Longest sum a table row describes: a whole year.
pub const MAX_LEFT: usize = 12;

/// Fewest standardized errors behind a row; rows with fewer borrow from the
/// neighbouring numbers of months left.
pub const MIN_SCORES: usize = 200;

/// The standard normal 90% quantile: a scale is the distance from the
/// median to the 10% or 90% quantile of the simulated total divided by it,
/// so that for a normal total the scale is its standard deviation.
pub const Z90: f64 = 1.281_551_565_544_600_4;

/// Smallest probability [`Calibration::p_exceed`] returns (and 1 minus it
/// the largest).
pub const P_MIN: f64 = 1e-9;

/// Quantiles of standardized errors of totals, one row per number of months
/// left in the sum (1 to 12).
#[derive(Clone, Debug, PartialEq)]
pub struct Calibration {
    /// `rows[n - 1][i]`: the [`GRID`]`[i]` quantile for sums of `n` months.
    rows: Vec<[f64; GRID.len()]>,
}

/// One standardized error: months left in the sum, and
/// `(actual - centre) / scale` with the lower scale for actuals below the
/// centre and the upper one above it.
pub type Score = (usize, f64);

/// The standardized error of an actual total against a centre and the two
/// scales of [`Calibration::interval`].
pub fn score(actual: f64, centre: f64, scale_lo: f64, scale_hi: f64) -> f64 {
    let d = actual - centre;
    if d < 0.0 { d / scale_lo } else { d / scale_hi }
}

impl Calibration {
    /// The table fitted on the M3 monthly training data (see the module
    /// documentation).
    pub fn bundled() -> Calibration {
        // The embedded table is checked by a test; a broken edit falls back
        // to normal quantiles rather than panicking in a user's process.
        Calibration::from_csv(include_str!("calibration.csv")).unwrap_or_else(|_| Self::normal())
    }

    /// No calibration: the quantiles of a normal distribution, so intervals
    /// are the model's own (for measuring what calibration changes).
    pub fn normal() -> Calibration {
        let row = GRID.map(qnorm);
        Calibration {
            rows: vec![row; MAX_LEFT],
        }
    }

    /// Fits the table: for each number of months left, the empirical
    /// quantiles of its scores, pooled with the neighbouring numbers of months
    /// left (1 then 2 on each side...) until at least [`MIN_SCORES`] are in the
    /// pool. Quantiles are made non-decreasing along the grid.
    ///
    /// # Errors
    /// A message when fewer than [`MIN_SCORES`] finite scores are given in all.
    pub fn fit(scores: &[Score]) -> Result<Calibration, String> {
        let mut by_n: Vec<Vec<f64>> = vec![Vec::new(); MAX_LEFT];
        for &(n, z) in scores {
            if (1..=MAX_LEFT).contains(&n) && z.is_finite() {
                by_n[n - 1].push(z);
            }
        }
        let total: usize = by_n.iter().map(Vec::len).sum();
        if total < MIN_SCORES {
            return Err(format!(
                "need at least {MIN_SCORES} finite scores to calibrate, got {total}"
            ));
        }
        let rows = (0..MAX_LEFT)
            .map(|i| {
                let mut pool = by_n[i].clone();
                let mut w = 1;
                while pool.len() < MIN_SCORES && w < MAX_LEFT {
                    if i >= w {
                        pool.extend(&by_n[i - w]);
                    }
                    if i + w < MAX_LEFT {
                        pool.extend(&by_n[i + w]);
                    }
                    w += 1;
                }
                pool.sort_by(f64::total_cmp);
                let mut row = GRID.map(|p| quantile_sorted(&pool, p));
                // Strictly increasing, so that a higher level always gives a
                // wider interval.
                for j in 1..row.len() {
                    row[j] = row[j].max(row[j - 1] + 1e-4);
                }
                row
            })
            .collect();
        Ok(Calibration { rows })
    }

    /// Reads the CSV written by [`Calibration::to_csv`].
    ///
    /// # Errors
    /// A message naming the line when a row is missing, short or not numeric.
    pub fn from_csv(text: &str) -> Result<Calibration, String> {
        let mut rows = vec![[f64::NAN; GRID.len()]; MAX_LEFT];
        let mut seen = [false; MAX_LEFT];
        for (i, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split(',');
            let n: usize = f
                .next()
                .and_then(|v| v.trim().parse().ok())
                .filter(|n| (1..=MAX_LEFT).contains(n))
                .ok_or_else(|| format!("line {}: bad months_left", i + 1))?;
            for (j, cell) in rows[n - 1].iter_mut().enumerate() {
                *cell = f
                    .next()
                    .and_then(|v| v.trim().parse::<f64>().ok())
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| format!("line {}: bad quantile {}", i + 1, j + 1))?;
            }
            seen[n - 1] = true;
        }
        if let Some(n) = seen.iter().position(|s| !s) {
            return Err(format!("no row for {} months left", n + 1));
        }
        Ok(Calibration { rows })
    }

    /// The table as CSV: `months_left,q0.005,...,q0.995`.
    pub fn to_csv(&self) -> String {
        let mut s = String::from("months_left");
        for p in GRID {
            let _ = write!(s, ",q{p}");
        }
        s.push('\n');
        for (i, row) in self.rows.iter().enumerate() {
            let _ = write!(s, "{}", i + 1);
            for v in row {
                let _ = write!(s, ",{v:.4}");
            }
            s.push('\n');
        }
        s
    }

    fn row(&self, months_left: usize) -> &[f64; GRID.len()] {
        &self.rows[months_left.clamp(1, MAX_LEFT) - 1]
    }

    /// The `p` quantile of the standardized error for a sum of
    /// `months_left` months (clamped to 1..=12), `p` in (0, 1).
    pub fn z_quantile(&self, months_left: usize, p: f64) -> f64 {
        let row = self.row(months_left);
        let p = p.clamp(1e-12, 1.0 - 1e-12);
        let last = GRID.len() - 1;
        if p < GRID[0] {
            // Exponential lower tail through the two outermost points.
            let b = tail_scale(row[1] - row[0], GRID[1] / GRID[0]);
            return row[0] - b * (GRID[0] / p).ln();
        }
        if p > GRID[last] {
            let b = tail_scale(
                row[last] - row[last - 1],
                (1.0 - GRID[last - 1]) / (1.0 - GRID[last]),
            );
            return row[last] + b * ((1.0 - GRID[last]) / (1.0 - p)).ln();
        }
        let j = GRID.partition_point(|g| *g < p).clamp(1, last);
        let (p0, p1) = (GRID[j - 1], GRID[j]);
        row[j - 1] + (row[j] - row[j - 1]) * (p - p0) / (p1 - p0)
    }

    /// The probability that the standardized error is at most `z` (the
    /// inverse of [`Calibration::z_quantile`]); strictly between 0 and 1.
    pub fn z_cdf(&self, months_left: usize, z: f64) -> f64 {
        let row = self.row(months_left);
        let last = GRID.len() - 1;
        if z < row[0] {
            let b = tail_scale(row[1] - row[0], GRID[1] / GRID[0]);
            return GRID[0] * (-(row[0] - z) / b).exp();
        }
        if z > row[last] {
            let b = tail_scale(
                row[last] - row[last - 1],
                (1.0 - GRID[last - 1]) / (1.0 - GRID[last]),
            );
            return 1.0 - (1.0 - GRID[last]) * (-(z - row[last]) / b).exp();
        }
        // The last grid point whose quantile is below z, then linear; flat
        // stretches (ties) take their upper probability.
        let j = row.partition_point(|q| *q <= z).clamp(1, last);
        let (q0, q1) = (row[j - 1], row[j]);
        if q1 <= q0 {
            return GRID[j];
        }
        GRID[j - 1] + (GRID[j] - GRID[j - 1]) * (z - q0) / (q1 - q0)
    }

    /// The value of a total at probability `p`: the centre plus the
    /// standardized quantile times the lower or upper scale.
    pub fn quantile(
        &self,
        months_left: usize,
        centre: f64,
        scale_lo: f64,
        scale_hi: f64,
        p: f64,
    ) -> f64 {
        let z = self.z_quantile(months_left, p);
        centre + z * if z < 0.0 { scale_lo } else { scale_hi }
    }

    /// The central interval at `level` percent (0 < level < 100).
    pub fn interval(
        &self,
        months_left: usize,
        centre: f64,
        scale_lo: f64,
        scale_hi: f64,
        level: f64,
    ) -> (f64, f64) {
        let a = (1.0 - level / 100.0) / 2.0;
        (
            self.quantile(months_left, centre, scale_lo, scale_hi, a),
            self.quantile(months_left, centre, scale_lo, scale_hi, 1.0 - a),
        )
    }

    /// The probability that the total exceeds `x`.
    pub fn p_exceed(
        &self,
        months_left: usize,
        centre: f64,
        scale_lo: f64,
        scale_hi: f64,
        x: f64,
    ) -> f64 {
        // The tails never reach 0 or 1; floating point would round them
        // there far out, so the result is kept a hair inside.
        (1.0 - self.z_cdf(months_left, score(x, centre, scale_lo, scale_hi)))
            .clamp(P_MIN, 1.0 - P_MIN)
    }
}

/// The scale of an exponential tail through two quantiles `dq` apart whose
/// tail probabilities differ by the factor `ratio`; never zero.
fn tail_scale(dq: f64, ratio: f64) -> f64 {
    (dq / ratio.ln()).max(0.05)
}

/// The standard normal quantile, kept a hair inside 0 and 1 so that the
/// uncalibrated table's ends stay finite.
pub(crate) fn qnorm(p: f64) -> f64 {
    inflow_forecast::qnorm(p.clamp(1e-300, 1.0 - 1e-16))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_bundled_table_parses_and_round_trips() {
        let text = include_str!("calibration.csv");
        let c = Calibration::from_csv(text).unwrap();
        assert_eq!(Calibration::from_csv(&c.to_csv()).unwrap(), c);
        assert_eq!(Calibration::bundled(), c);
    }

    #[test]
    fn the_normal_table_gives_normal_intervals() {
        let c = Calibration::normal();
        let (lo, hi) = c.interval(5, 0.0, 1.0, 1.0, 95.0);
        assert!((hi - 1.959_964).abs() < 1e-4 && (lo + 1.959_964).abs() < 1e-4);
        assert!((qnorm(0.9) - Z90).abs() < 1e-8);
        assert!((c.z_cdf(5, 0.0) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn fitting_recovers_the_quantiles_of_the_scores() {
        // Scores uniform on [-2, 2]: the 10% quantile is -1.6.
        let scores: Vec<Score> = (0..=4000)
            .map(|i: u32| (1 + i as usize % 12, -2.0 + 4.0 * f64::from(i) / 4000.0))
            .collect();
        let c = Calibration::fit(&scores).unwrap();
        for n in 1..=12 {
            assert!((c.z_quantile(n, 0.1) + 1.6).abs() < 0.05, "{n}");
            assert!((c.z_cdf(n, 1.6) - 0.9).abs() < 0.01, "{n}");
        }
        assert!(Calibration::fit(&scores[..10]).is_err());
    }

    #[test]
    fn short_rows_borrow_from_their_neighbours() {
        let mut scores: Vec<Score> = (0..500u32).map(|i| (6, f64::from(i % 7) - 3.0)).collect();
        scores.push((1, 100.0));
        let c = Calibration::fit(&scores).unwrap();
        // Row 1 has one score: it is pooled with rows up to 6.
        assert!(c.z_quantile(1, 0.5).abs() < 1.0);
    }

    proptest! {
        #[test]
        fn intervals_widen_with_level_and_never_have_zero_width(
            n in 1usize..=12,
            centre in -1e6f64..1e6,
            lo_scale in 1e-6f64..1e4,
            hi_scale in 1e-6f64..1e4,
            l1 in 1.0f64..98.0,
            step in 0.5f64..1.9,
        ) {
            for c in [Calibration::bundled(), Calibration::normal()] {
                let (a_lo, a_hi) = c.interval(n, centre, lo_scale, hi_scale, l1);
                let (b_lo, b_hi) = c.interval(n, centre, lo_scale, hi_scale, l1 + step);
                prop_assert!(a_hi > a_lo, "zero width at {l1}: {a_lo} {a_hi}");
                prop_assert!(b_lo < a_lo && b_hi > a_hi, "{l1}: [{a_lo}, {a_hi}] vs [{b_lo}, {b_hi}]");
                let p = c.p_exceed(n, centre, lo_scale, hi_scale, a_hi);
                prop_assert!(p > 0.0 && p < 1.0);
            }
        }

        #[test]
        fn probabilities_are_strictly_inside_zero_and_one(
            n in 1usize..=12, x in -1e12f64..1e12,
        ) {
            let c = Calibration::bundled();
            let p = c.p_exceed(n, 0.0, 1.0, 1.0, x);
            prop_assert!(p > 0.0 && p < 1.0, "{p}");
        }
    }
}
