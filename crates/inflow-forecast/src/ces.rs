//! Complex exponential smoothing (CES; Svetunkov, Kourentzes and Ord,
//! 2022, "Complex exponential smoothing", Naval Research Logistics), in a
//! simplified form: the non-seasonal model fitted to the seasonally
//! adjusted series.
//!
//! The series is seasonally adjusted exactly as for the Theta models (a
//! classical decomposition when the lag-m autocorrelation is significant),
//! then the two states (level and its "information potential") follow
//!
//! ```text
//! e_t = y_t - l_{t-1}
//! l_t = l_{t-1} - (1 - a1) c_{t-1} + (a0 - a1) e_t
//! c_t = l_{t-1} + (1 - a0) c_{t-1} + (a0 + a1) e_t
//! ```
//!
//! with the complex smoothing parameter `a0 + i a1` estimated by
//! Nelder-Mead on the in-sample one-step squared errors, restricted to the
//! stable region. The initial level is the mean of the first ten
//! observations and `c_0 = l_0 / 1.0065`, as in statsforecast's `AutoCES`.
//! CES has no explicit trend: it captures level, trend or both according to
//! its parameter, which makes it a useful, different member of a
//! combination (the "SCUM" combination of Petropoulos and Svetunkov, 2020).

use crate::adjusted::{self, Adjusted, Linear};
use crate::decompose::{residual_sigma, seasonal_adjust};
use crate::optim::NelderMead;
use crate::{Error, Fit, FittedModel, Forecast, check_series};

/// Complex exponential smoothing for the given season length.
#[derive(Clone, Copy, Debug)]
pub struct Ces {
    season_length: usize,
    widen: bool,
}

impl Ces {
    /// A CES model (season length 1 for none).
    pub fn new(season_length: usize) -> Self {
        Ces {
            season_length: season_length.max(1),
            widen: true,
        }
    }

    /// Uses the model's own forecast distribution as is, without widening
    /// it to the in-sample multi-step errors.
    pub fn without_widening(mut self) -> Self {
        self.widen = false;
        self
    }
}

#[derive(Clone, Copy, Debug)]
struct State {
    l: f64,
    c: f64,
}

#[derive(Clone, Copy, Debug)]
struct Params {
    a0: f64,
    a1: f64,
}

impl Params {
    #[inline(always)]
    fn update(&self, s: &State, e: f64) -> State {
        State {
            l: s.l - (1.0 - self.a1) * s.c + (self.a0 - self.a1) * e,
            c: s.l + (1.0 - self.a0) * s.c + (self.a0 + self.a1) * e,
        }
    }

    /// Whether the discount matrix `F - g w'` has both eigenvalues inside
    /// the unit circle (so the model forgets its initial states).
    fn stable(&self) -> bool {
        // D = [[1 - a0 + a1, -(1 - a1)], [1 - a0 - a1, 1 - a0]]
        let d11 = 1.0 - self.a0 + self.a1;
        let d12 = -(1.0 - self.a1);
        let d21 = 1.0 - self.a0 - self.a1;
        let d22 = 1.0 - self.a0;
        let tr = d11 + d22;
        let det = d11 * d22 - d12 * d21;
        det.abs() < 1.0 && tr.abs() < 1.0 + det
    }
}

/// Sum of squared one-step errors and the final state; residuals into
/// `resid` when given.
fn run(y: &[f64], p: &Params, s0: State, mut resid: Option<&mut Vec<f64>>) -> (f64, State) {
    let mut s = s0;
    let mut sse = 0.0;
    for &v in y {
        let e = v - s.l;
        sse += e * e;
        if let Some(r) = resid.as_deref_mut() {
            r.push(e);
        }
        s = p.update(&s, e);
    }
    (sse, s)
}

/// A fitted [`Ces`] model.
#[derive(Debug)]
pub struct FittedCes {
    params: Params,
    s0: State,
    state: State,
    adjusted: Adjusted,
}

impl Fit for Ces {
    type Fitted = FittedCes;

    /// # Errors
    /// [`Error::TooShort`] with fewer than four observations,
    /// [`Error::NoModel`] if no stable fit was found.
    fn fit(&self, y: &[f64]) -> Result<FittedCes, Error> {
        check_series(y)?;
        let n = y.len();
        if n < 4 {
            return Err(Error::TooShort {
                model: "CES",
                needed: 4,
                got: n,
            });
        }
        let m = self.season_length;
        let (season, adj) = seasonal_adjust(y, m);
        let k = n.min(10);
        let l0 = adj[..k].iter().sum::<f64>() / k as f64;
        let s0 = State {
            l: l0,
            c: l0 / 1.0065,
        };
        let scale = {
            let v = adj.iter().map(|v| v * v).sum::<f64>() / n as f64;
            if v > 0.0 && v.is_finite() { v } else { 1.0 }
        };
        let objective = |x: &[f64]| {
            let p = Params { a0: x[0], a1: x[1] };
            if !p.stable() {
                return f64::INFINITY;
            }
            let (sse, _) = run(&adj, &p, s0, None);
            let v = sse / scale;
            if v.is_finite() { v } else { f64::INFINITY }
        };
        let best =
            NelderMead::default().minimize(objective, &[1.3, 1.0], &[0.01, 0.01], &[2.0, 2.0]);
        if !best.f.is_finite() {
            return Err(Error::NoModel("CES"));
        }
        let params = Params {
            a0: best.x[0],
            a1: best.x[1],
        };
        let mut resid = Vec::with_capacity(n);
        let (_, state) = run(&adj, &params, s0, Some(&mut resid));
        if !(state.l.is_finite() && state.c.is_finite()) {
            return Err(Error::NoModel("CES"));
        }
        let sigma = residual_sigma(&resid, &season, m);
        Ok(FittedCes {
            params,
            s0,
            state,
            adjusted: Adjusted {
                adj,
                season,
                scale: 1.0,
                sigma,
                widen: self.widen,
            },
        })
    }
}

impl FittedCes {
    /// The complex smoothing parameter `(a0, a1)`.
    pub fn parameters(&self) -> (f64, f64) {
        (self.params.a0, self.params.a1)
    }

    /// Runs forward from `state` adding `shocks` to the one-step forecasts;
    /// seasonally adjusted values.
    fn run_from(&self, state: State, h: usize, shocks: &[f64]) -> Vec<f64> {
        let mut s = state;
        (0..h)
            .map(|j| {
                let e = shocks.get(j).copied().unwrap_or(0.0);
                let y = s.l + e;
                s = self.params.update(&s, e);
                y
            })
            .collect()
    }
}

impl Linear for FittedCes {
    fn adjusted(&self) -> &Adjusted {
        &self.adjusted
    }

    fn run_forward(&self, h: usize, shocks: &[f64]) -> Vec<f64> {
        self.run_from(self.state, h, shocks)
    }

    fn in_sample_mse(&self, h: usize) -> Vec<(f64, usize)> {
        let adj = &self.adjusted.adj;
        self.adjusted.in_sample_mse(
            h,
            0,
            self.s0,
            |s: &State, _t, k| self.run_from(*s, k, &[]),
            |s: &mut State, t| *s = self.params.update(s, adj[t] - s.l),
        )
    }
}

impl FittedModel for FittedCes {
    fn name(&self) -> String {
        "ces".to_string()
    }

    fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast, Error> {
        adjusted::forecast(self, h, levels)
    }

    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Result<Vec<Vec<f64>>, Error> {
        adjusted::sample_paths(self, h, n, seed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(y: &[f64], truth: impl Fn(usize) -> f64, m: usize, tol: f64) {
        let n = y.len();
        let f = Ces::new(m).fit(y).unwrap();
        let fc = f.forecast(12, &[80.0]).unwrap();
        for (j, p) in fc.point.iter().enumerate() {
            let want = truth(n + j);
            assert!((p - want).abs() < tol * want, "{j}: {p} vs {want}");
            assert!(fc.intervals[0].lo[j] <= *p && *p <= fc.intervals[0].hi[j]);
        }
        let paths = f.sample_paths(12, 50, 7).unwrap();
        assert_eq!(paths.len(), 50);
        assert!(
            paths
                .iter()
                .all(|p| p.len() == 12 && p.iter().all(|v| v.is_finite()))
        );
    }

    #[test]
    fn follows_a_trend() {
        let truth = |t: usize| 100.0 + 2.0 * t as f64;
        let y: Vec<f64> = (0..72).map(truth).collect();
        // CES approximates a trend (its forecasts are not exactly linear).
        check(&y, truth, 1, 0.05);
    }

    #[test]
    fn follows_a_season() {
        let truth = |t: usize| 100.0 * (1.0 + 0.3 * (t as f64 * std::f64::consts::PI / 6.0).sin());
        let y: Vec<f64> = (0..72).map(truth).collect();
        let f = Ces::new(12).fit(&y).unwrap();
        assert!(f.adjusted.season.is_some());
        check(&y, truth, 12, 0.02);
    }

    #[test]
    fn short_series_are_refused() {
        assert!(matches!(
            Ces::new(12).fit(&[1.0, 2.0, 3.0]),
            Err(Error::TooShort { .. })
        ));
    }
}
