//! The Theta family: standard, optimised and dynamic optimised Theta models.
//!
//! The state space formulation of Fiorucci et al. (2016, "Models for
//! optimising the theta method and their relationship to state space
//! models", IJF) as implemented by statsforecast 2.1 (`Theta`,
//! `OptimizedTheta`, `DynamicOptimizedTheta`): the series is first
//! seasonally adjusted by a classical multiplicative decomposition when the
//! lag-m autocorrelation is significant at 90%, then the initial level,
//! alpha and (for the optimised variants) theta are found by Nelder-Mead on
//! the in-sample one-step squared errors.

use crate::adjusted::{self, Adjusted, Linear};
use crate::decompose::{residual_sigma, seasonal_adjust};
use crate::optim::NelderMead;
use crate::{Error, Fit, FittedModel, Forecast, check_series};

/// Which member of the Theta family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ThetaVariant {
    /// Standard Theta method (STM): theta fixed at 2, static trend line.
    Standard,
    /// Optimised Theta model (OTM): theta estimated, static trend line.
    Optimized,
    /// Dynamic standard Theta model (DSTM): theta 2, trend line updated
    /// with every observation.
    DynamicStandard,
    /// Dynamic optimised Theta model (DOTM): theta estimated, dynamic trend.
    DynamicOptimized,
}

impl ThetaVariant {
    fn dynamic(self) -> bool {
        matches!(
            self,
            ThetaVariant::DynamicStandard | ThetaVariant::DynamicOptimized
        )
    }
    fn optimize_theta(self) -> bool {
        matches!(
            self,
            ThetaVariant::Optimized | ThetaVariant::DynamicOptimized
        )
    }
    fn label(self) -> &'static str {
        match self {
            ThetaVariant::Standard => "theta",
            ThetaVariant::Optimized => "otm",
            ThetaVariant::DynamicStandard => "dstm",
            ThetaVariant::DynamicOptimized => "dotm",
        }
    }
}

/// A Theta model for the given season length.
#[derive(Clone, Copy, Debug)]
pub struct Theta {
    season_length: usize,
    variant: ThetaVariant,
    widen: bool,
}

impl Theta {
    /// A Theta model of the given variant (season length 1 for none).
    pub fn new(season_length: usize, variant: ThetaVariant) -> Self {
        Theta {
            season_length: season_length.max(1),
            variant,
            widen: true,
        }
    }

    /// Uses the model's own forecast distribution as is, without widening
    /// it to the in-sample multi-step errors (default: widened; see the
    /// crate documentation).
    pub fn without_widening(mut self) -> Self {
        self.widen = false;
        self
    }
}

/// The five states: smoothed level, running mean, intercept and slope of
/// the trend line, and the one-step forecast `mu`.
#[derive(Clone, Copy, Debug)]
struct State {
    level: f64,
    mean: f64,
    a: f64,
    b: f64,
}

#[derive(Clone, Copy, Debug)]
struct ThetaParams {
    alpha: f64,
    theta: f64,
    dynamic: bool,
}

impl ThetaParams {
    /// `mu` for time `i` (0-based) from the state after `i` observations;
    /// `pw` is `(1 - alpha)^i`.
    #[inline(always)]
    fn mu(&self, s: &State, pw: f64) -> f64 {
        let one_minus = 1.0 - self.alpha;
        s.level + (1.0 - 1.0 / self.theta) * (s.a * pw + s.b * (1.0 - pw * one_minus) / self.alpha)
    }

    /// The state after observing `y` at time `i` (0-based, `i >= 1`).
    #[inline(always)]
    fn update(&self, s: &State, i: usize, y: f64) -> State {
        let fi = i as f64;
        let level = self.alpha * y + (1.0 - self.alpha) * s.level;
        let mean = (fi * s.mean + y) / (fi + 1.0);
        if self.dynamic {
            let b = ((fi - 1.0) * s.b + 6.0 * (y - s.mean) / (fi + 1.0)) / (fi + 2.0);
            State {
                level,
                mean,
                a: mean - b * (fi + 2.0) / 2.0,
                b,
            }
        } else {
            State { level, mean, ..*s }
        }
    }
}

fn initial_state(y: &[f64], p: &ThetaParams, initial_level: f64) -> (State, f64) {
    let level = p.alpha * y[0] + (1.0 - p.alpha) * initial_level;
    if p.dynamic {
        (
            State {
                level,
                mean: y[0],
                a: y[0],
                b: 0.0,
            },
            y[0],
        )
    } else {
        let n = y.len() as f64;
        let mean = y.iter().sum::<f64>() / n;
        let weighted = y
            .iter()
            .enumerate()
            .map(|(t, v)| (t + 1) as f64 * v)
            .sum::<f64>()
            / n;
        let b = 6.0 * (2.0 * weighted - (n + 1.0) * mean) / (n * n - 1.0);
        let a = mean - (n + 1.0) * b / 2.0;
        let mu = initial_level + (1.0 - 1.0 / p.theta) * (a + b);
        (
            State {
                level,
                mean: y[0],
                a,
                b,
            },
            mu,
        )
    }
}

/// Runs the model over `y`; returns the sum of squared one-step errors from
/// the fourth observation on, the final state and (if asked) the errors.
fn run(
    y: &[f64],
    p: &ThetaParams,
    initial_level: f64,
    mut resid: Option<&mut Vec<f64>>,
) -> (f64, State) {
    let (mut s, mu0) = initial_state(y, p, initial_level);
    if let Some(r) = resid.as_deref_mut() {
        r.clear();
        r.push(y[0] - mu0);
    }
    let mut sse = 0.0;
    let mut pw = 1.0;
    for (i, &yi) in y.iter().enumerate().skip(1) {
        pw *= 1.0 - p.alpha;
        let e = yi - p.mu(&s, pw);
        if i >= 3 {
            sse += e * e;
        }
        if let Some(r) = resid.as_deref_mut() {
            r.push(e);
        }
        s = p.update(&s, i, yi);
    }
    (sse, s)
}

/// A fitted Theta model.
#[derive(Clone, Debug)]
pub struct FittedTheta {
    variant: ThetaVariant,
    params: ThetaParams,
    initial_level: f64,
    state: State,
    /// The seasonally adjusted series, to replay the fit, the rescaling
    /// and the spread.
    adjusted: Adjusted,
    /// One-step errors put back on the seasonal scale, in fitted units.
    resid: Vec<f64>,
}

impl Fit for Theta {
    type Fitted = FittedTheta;

    /// # Errors
    /// [`Error::TooShort`] with fewer than four observations,
    /// [`Error::NoModel`] if the optimiser diverged.
    fn fit(&self, y: &[f64]) -> Result<FittedTheta, Error> {
        check_series(y)?;
        // The objective and its tolerance are in data units (as in
        // statsforecast), so data are rescaled only when their squares would
        // overflow or underflow.
        let mean_abs = y.iter().map(|v| v.abs()).sum::<f64>() / y.len() as f64;
        if mean_abs > 0.0 && !(1e-100..=1e100).contains(&mean_abs) {
            let ys: Vec<f64> = y.iter().map(|v| v / mean_abs).collect();
            let mut f = self.fit_in_units(&ys)?;
            f.adjusted.scale = mean_abs;
            return Ok(f);
        }
        self.fit_in_units(y)
    }
}

impl Theta {
    fn fit_in_units(&self, y: &[f64]) -> Result<FittedTheta, Error> {
        let n = y.len();
        if n < 4 {
            return Err(Error::TooShort {
                model: "Theta",
                needed: 4,
                got: n,
            });
        }
        let m = self.season_length;
        let (season, adj) = seasonal_adjust(y, m);
        let mean_abs = {
            let v = adj.iter().map(|v| v.abs()).sum::<f64>() / n as f64;
            if v < 1e-10 { 1e-10 } else { v }
        };
        let dynamic = self.variant.dynamic();
        let opt_theta = self.variant.optimize_theta();
        let mut x0 = vec![adj[0] / 2.0, 0.5];
        let mut lower = vec![-1e10, 0.1];
        let mut upper = vec![1e10, 0.99];
        if opt_theta {
            x0.push(2.0);
            lower.push(1.0);
            upper.push(1e10);
        }
        let unpack = |x: &[f64]| {
            (
                x[0],
                ThetaParams {
                    alpha: x[1],
                    theta: if opt_theta { x[2] } else { 2.0 },
                    dynamic,
                },
            )
        };
        let objective = |x: &[f64]| {
            let (l0, p) = unpack(x);
            let (sse, _) = run(&adj, &p, l0, None);
            let v = sse / mean_abs;
            if v.is_nan() {
                f64::INFINITY
            } else {
                v.max(-1e10)
            }
        };
        let best = NelderMead::default().minimize(objective, &x0, &lower, &upper);
        if !best.f.is_finite() {
            return Err(Error::NoModel("Theta"));
        }
        let (initial_level, params) = unpack(&best.x);
        let mut resid = Vec::with_capacity(n);
        let (_, state) = run(&adj, &params, initial_level, Some(&mut resid));
        // statsforecast's sigma: standard deviation of the residuals after
        // the first three, put back on the seasonal scale.
        let sigma = residual_sigma(&resid, &season, m);
        let resid = resid
            .iter()
            .enumerate()
            .map(|(t, e)| match &season {
                Some((f, true)) => e * f[t % m],
                _ => *e,
            })
            .collect();
        let ok = [state.level, state.mean, state.a, state.b]
            .iter()
            .all(|v| v.is_finite());
        if !ok {
            return Err(Error::NoModel("Theta"));
        }
        Ok(FittedTheta {
            variant: self.variant,
            params,
            initial_level,
            state,
            adjusted: Adjusted {
                adj,
                season,
                scale: 1.0,
                sigma,
                widen: self.widen,
            },
            resid,
        })
    }
}

impl FittedTheta {
    /// Fitted alpha, theta and initial level.
    pub fn parameters(&self) -> (f64, f64, f64) {
        (
            self.params.alpha,
            self.params.theta,
            self.initial_level * self.adjusted.scale,
        )
    }

    /// Whether the series was seasonally adjusted before fitting.
    pub fn seasonally_adjusted(&self) -> bool {
        self.adjusted.season.is_some()
    }

    /// As [`Linear::run_forward`] from the state after `t0` observations.
    fn run_from(&self, state: State, t0: usize, h: usize, shocks: &[f64]) -> Vec<f64> {
        let p = &self.params;
        let mut s = state;
        let mut pw = (1.0 - p.alpha).powi(i32::try_from(t0).unwrap_or(i32::MAX));
        (0..h)
            .map(|j| {
                if j > 0 {
                    pw *= 1.0 - p.alpha;
                }
                let y = p.mu(&s, pw) + shocks.get(j).copied().unwrap_or(0.0);
                s = p.update(&s, t0 + j, y);
                y
            })
            .collect()
    }
}

impl Linear for FittedTheta {
    fn adjusted(&self) -> &Adjusted {
        &self.adjusted
    }

    fn run_forward(&self, h: usize, shocks: &[f64]) -> Vec<f64> {
        self.run_from(self.state, self.adjusted.adj.len(), h, shocks)
    }

    /// From every origin after the first season.
    fn in_sample_mse(&self, h: usize) -> Vec<(f64, usize)> {
        let adj = &self.adjusted.adj;
        let (s0, _) = initial_state(adj, &self.params, self.initial_level);
        self.adjusted.in_sample_mse(
            h,
            1,
            s0,
            |s: &State, t, k| self.run_from(*s, t, k, &[]),
            |s: &mut State, t| *s = self.params.update(s, t, adj[t]),
        )
    }
}

impl FittedModel for FittedTheta {
    /// From the fourth observation on (the first ones only set the state).
    fn residuals(&self) -> Option<Vec<f64>> {
        Some(
            self.resid
                .iter()
                .skip(3)
                .map(|e| e * self.adjusted.scale)
                .collect(),
        )
    }

    fn name(&self) -> String {
        self.variant.label().to_string()
    }

    /// Intervals in closed form under normal errors, widened where the
    /// in-sample errors at that horizon were larger (see the crate
    /// documentation), then seasonally readjusted.
    fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast, Error> {
        adjusted::forecast(self, h, levels)
    }

    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Result<Vec<Vec<f64>>, Error> {
        adjusted::sample_paths(self, h, n, seed)
    }
}
