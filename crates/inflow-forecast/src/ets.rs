//! Exponential smoothing state space models (ETS) with automatic selection.
//!
//! A port of the algorithm of R's `forecast::ets` as implemented by
//! statsforecast 2.1 (`AutoETS`): initial states from a classical
//! decomposition (or a Fourier regression for short series), smoothing
//! parameters and initial states estimated together by box-constrained
//! Nelder-Mead on the likelihood, and the model chosen by AICc among
//! additive/multiplicative error, none/additive/damped trend and
//! none/additive/multiplicative seasonality. Multiplicative trend is left
//! out, as statsforecast does by default.
//!
//! The recursion is monomorphised per model form and keeps the seasonal
//! states in a ring buffer, which is where most of the speed comes from.

use std::fmt;

use crate::decompose::{SeasonKind, lstsq, seasonal_figure};
use crate::optim::NelderMead;
use crate::{
    Error, Fit, FittedModel, Forecast, check_levels, check_series, normal_intervals,
    path_intervals, rng,
};

const TOL: f64 = 1e-10;
const HUGE: f64 = 1e10;
/// Default bounds of alpha, beta, gamma and phi (statsforecast's).
const LOWER: [f64; 4] = [1e-4, 1e-4, 1e-4, 0.8];
const UPPER: [f64; 4] = [0.9999, 0.9999, 0.9999, 0.98];
/// Paths simulated for the intervals of models without a closed form.
const INTERVAL_PATHS: usize = 2_000;

/// A component of an ETS model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Component {
    /// Absent.
    None,
    /// Additive.
    Additive,
    /// Multiplicative.
    Multiplicative,
}

/// The form of an ETS model, such as `MAdM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EtsSpec {
    /// Additive or multiplicative error (never [`Component::None`]).
    pub error: Component,
    /// None or additive trend (multiplicative trend is not supported).
    pub trend: Component,
    /// Whether the trend is damped.
    pub damped: bool,
    /// None, additive or multiplicative seasonality.
    pub season: Component,
}

impl fmt::Display for EtsSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = |c: Component| match c {
            Component::None => "N",
            Component::Additive => "A",
            Component::Multiplicative => "M",
        };
        let d = if self.damped { "d" } else { "" };
        write!(
            f,
            "{}{}{}{}",
            c(self.error),
            c(self.trend),
            d,
            c(self.season)
        )
    }
}

impl EtsSpec {
    fn has_trend(&self) -> bool {
        self.trend != Component::None
    }
    fn has_season(&self) -> bool {
        self.season != Component::None
    }
    /// Parameter count used by statsforecast's "too few observations" rule.
    fn npars(&self) -> usize {
        2 + 2 * usize::from(self.has_trend())
            + 2 * usize::from(self.has_season())
            + usize::from(self.damped)
    }
}

/// Exponential smoothing with automatic model selection by AICc.
///
/// Defaults: all forms with additive trend or none (damped or not), any
/// seasonality, multiplicative forms only for positive data, and the
/// optimiser settings of statsforecast (Nelder-Mead, tolerance 1e-4 on the
/// spread of the simplex values, at most 1,000 iterations).
#[derive(Clone, Debug)]
pub struct AutoEts {
    season_length: usize,
    spec: Option<EtsSpec>,
    optimizer: NelderMead,
    optimize_seasons: bool,
    widen: bool,
}

impl AutoEts {
    /// Automatic ETS for the given season length (1 for no seasonality).
    pub fn new(season_length: usize) -> Self {
        AutoEts {
            season_length: season_length.max(1),
            spec: None,
            optimizer: NelderMead::default(),
            optimize_seasons: true,
            widen: true,
        }
    }

    /// The configuration `inflow` uses by default (`ModelSpec::Ets` and the
    /// default combination): initial seasonal states kept at their
    /// decomposition values ([`Self::with_seasonal_states_fixed`]) and the
    /// optimiser stopped once the simplex's -2 log-likelihood values agree
    /// within 0.01, far below any difference that matters for selection by
    /// AICc. On M3 monthly as accurate as [`Self::new`] (sMAPE 14.09 against
    /// 14.16) and several times faster.
    pub fn fast(season_length: usize) -> Self {
        AutoEts::new(season_length)
            .with_seasonal_states_fixed()
            .with_optimizer(1e-2, 1_000)
    }

    /// Fits only this form instead of selecting one.
    pub fn with_spec(mut self, spec: EtsSpec) -> Self {
        self.spec = Some(spec);
        self
    }

    /// Sets the optimiser's stopping tolerance (default 1e-4) and iteration
    /// cap (default 1,000). Looser settings are faster and select nearly the
    /// same models.
    pub fn with_optimizer(mut self, tolerance: f64, max_iter: usize) -> Self {
        self.optimizer.tol_std = tolerance;
        self.optimizer.max_iter = max_iter;
        self
    }

    /// Uses the model's own forecast distribution as is, without widening
    /// it to the in-sample multi-step errors (default: widened; see the
    /// crate documentation). Intervals then match statsforecast's.
    pub fn without_widening(mut self) -> Self {
        self.widen = false;
        self
    }

    /// Keeps the initial seasonal states at their classical-decomposition
    /// values instead of optimising them with the other parameters (default:
    /// optimised, as statsforecast and R do). Far fewer parameters to
    /// search, so several times faster on monthly data.
    pub fn with_seasonal_states_fixed(mut self) -> Self {
        self.optimize_seasons = false;
        self
    }

    fn candidates(&self, y: &[f64]) -> Vec<EtsSpec> {
        use Component::{Additive as A, Multiplicative as M, None as N};
        if let Some(s) = self.spec {
            return vec![s];
        }
        let positive = y.iter().all(|v| *v > 0.0);
        let seasonal =
            self.season_length > 1 && y.len() > self.season_length && self.season_length <= 24;
        let mut out = Vec::new();
        // statsforecast's order, which matters for the bounds (see
        // `fit_spec`).
        for error in [A, M] {
            for trend in [N, A] {
                for season in [N, A, M] {
                    for damped in [true, false] {
                        if (trend == N && damped)
                            || (error == A && season == M)
                            || (!positive && (error == M || season == M))
                            || (!seasonal && season != N)
                        {
                            continue;
                        }
                        out.push(EtsSpec {
                            error,
                            trend,
                            damped,
                            season,
                        });
                    }
                }
            }
        }
        out
    }
}

/// A fitted ETS model.
#[derive(Clone, Debug)]
pub struct FittedEts {
    spec: EtsSpec,
    m: usize,
    params: Params,
    /// Final level, trend and seasonal ring (in the scaled units).
    level: f64,
    slope: f64,
    ring: Vec<f64>,
    /// Number of observations (the phase of the seasonal ring).
    n: usize,
    sigma2: f64,
    aicc: f64,
    scale: f64,
    /// Initial level, slope and ring, and the scaled series, to replay the
    /// fit for in-sample multi-step errors.
    initial: (f64, f64, Vec<f64>),
    y: Vec<f64>,
    widen: bool,
}

#[derive(Clone, Copy, Debug)]
struct Params {
    alpha: f64,
    beta: f64,
    gamma: f64,
    phi: f64,
}

/// Runs the ETS recursion over `y` from the given initial states (updated in
/// place to the final states). Returns `(lik, sse)` with
/// `lik = n ln(sse) + 2 sum ln|f|` (the last term for multiplicative error
/// only), statsforecast's `-2 log L` up to a constant.
#[inline(always)]
fn run<const MULT_ERR: bool, const TREND: bool, const SEASON: u8>(
    y: &[f64],
    p: Params,
    level: &mut f64,
    slope: &mut f64,
    ring: &mut [f64],
) -> (f64, f64) {
    let m = ring.len().max(1);
    let (mut l, mut b) = (*level, *slope);
    let mut sse = 0.0;
    let mut sum_log = 0.0;
    let mut prod = 1.0f64;
    let mut in_block = 0u32;
    let beta_over_alpha = p.beta / p.alpha;
    let mut k = 0usize;
    for &yt in y {
        let phib = if TREND { p.phi * b } else { 0.0 };
        let q = l + phib;
        let sv = if SEASON > 0 { ring[k] } else { 0.0 };
        let f = match SEASON {
            0 => q,
            1 => q + sv,
            _ => q * sv,
        };
        let e = if MULT_ERR {
            let f0 = if f.abs() < TOL { f + TOL } else { f };
            let a = f.abs();
            // Sum of logs as the log of blocks of products: one `ln` per
            // block instead of per step (the logs were most of the cost),
            // flushed early before the product can over- or underflow.
            prod *= if a > 0.0 { a } else { a + 1e-8 };
            in_block += 1;
            if in_block == 16 || !(1e-100..=1e100).contains(&prod) {
                sum_log += prod.ln();
                prod = 1.0;
                in_block = 0;
            }
            (yt - f) / f0
        } else {
            yt - f
        };
        sse += e * e;
        let pval = match SEASON {
            0 => yt,
            1 => yt - sv,
            _ => {
                if sv.abs() < TOL {
                    HUGE
                } else {
                    yt / sv
                }
            }
        };
        let lnew = q + p.alpha * (pval - q);
        if TREND {
            b = phib + beta_over_alpha * (lnew - l - phib);
        }
        if SEASON > 0 {
            let t = if SEASON == 1 {
                yt - q
            } else if q.abs() < TOL {
                HUGE
            } else {
                yt / q
            };
            ring[k] = sv + p.gamma * (t - sv);
            k += 1;
            if k == m {
                k = 0;
            }
        }
        l = lnew;
    }
    if MULT_ERR {
        sum_log += prod.ln();
    }
    *level = l;
    *slope = b;
    let n = y.len() as f64;
    let mut lik = if sse > 0.0 {
        n * sse.ln()
    } else {
        n * (sse + 1e-8).ln()
    };
    if MULT_ERR {
        lik += 2.0 * sum_log;
    }
    (lik, sse)
}

fn run_dyn(
    spec: EtsSpec,
    y: &[f64],
    p: Params,
    level: &mut f64,
    slope: &mut f64,
    ring: &mut [f64],
) -> (f64, f64) {
    use Component::{Additive as A, Multiplicative as M, None as N};
    match (spec.error == M, spec.trend == A, spec.season) {
        (false, false, N) => run::<false, false, 0>(y, p, level, slope, ring),
        (false, false, A) => run::<false, false, 1>(y, p, level, slope, ring),
        (false, false, M) => run::<false, false, 2>(y, p, level, slope, ring),
        (false, true, N) => run::<false, true, 0>(y, p, level, slope, ring),
        (false, true, A) => run::<false, true, 1>(y, p, level, slope, ring),
        (false, true, M) => run::<false, true, 2>(y, p, level, slope, ring),
        (true, false, N) => run::<true, false, 0>(y, p, level, slope, ring),
        (true, false, A) => run::<true, false, 1>(y, p, level, slope, ring),
        (true, false, M) => run::<true, false, 2>(y, p, level, slope, ring),
        (true, true, N) => run::<true, true, 0>(y, p, level, slope, ring),
        (true, true, A) => run::<true, true, 1>(y, p, level, slope, ring),
        (true, true, M) => run::<true, true, 2>(y, p, level, slope, ring),
    }
}

/// Initial level, slope and seasonal ring (`ring[k]` is the seasonal state
/// of cycle position `k`), as statsforecast's `initstate`.
fn initial_states(y: &[f64], m: usize, spec: EtsSpec) -> Option<(f64, f64, Vec<f64>)> {
    let n = y.len();
    let (ring, y_sa): (Vec<f64>, Vec<f64>) = if spec.has_season() {
        if n < 4 {
            return None;
        }
        let mult = spec.season == Component::Multiplicative;
        // Seasonal component per time index.
        let seasonal: Vec<f64> = if n < 3 * m {
            // Too short for a decomposition: linear trend plus one pair of
            // Fourier terms, seasonal = y minus the fitted trend.
            let x: Vec<f64> = (1..=n)
                .flat_map(|t| {
                    let a = std::f64::consts::TAU * t as f64 / m as f64;
                    [1.0, t as f64, a.cos(), a.sin()]
                })
                .collect();
            let c = lstsq(&x, 4, y)?;
            (1..=n)
                .map(|t| {
                    let trend = c[0] + c[1] * t as f64;
                    if mult {
                        y[t - 1] / trend
                    } else {
                        y[t - 1] - trend
                    }
                })
                .collect()
        } else {
            let kind = if mult {
                SeasonKind::Multiplicative
            } else {
                SeasonKind::Additive
            };
            let fig = seasonal_figure(y, m, kind)?;
            (0..n).map(|t| fig[t % m]).collect()
        };
        let mut ring: Vec<f64> = seasonal[..m].to_vec();
        let y_sa: Vec<f64> = if mult {
            for v in &mut ring[1..] {
                *v = v.max(1e-2);
            }
            let s: f64 = ring[1..].iter().sum();
            if s > m as f64 {
                let d: f64 = ring[1..].iter().map(|v| v + 1e-2).sum();
                ring[1..].iter_mut().for_each(|v| *v /= d);
            }
            y.iter()
                .zip(&seasonal)
                .map(|(v, s)| v / s.max(1e-2))
                .collect()
        } else {
            y.iter().zip(&seasonal).map(|(v, s)| v - s).collect()
        };
        (ring, y_sa)
    } else {
        (Vec::new(), y.to_vec())
    };
    let period = if spec.has_season() { m } else { 1 };
    let maxn = (2 * period).max(10).min(n);
    let (l0, b0) = if spec.has_trend() {
        if maxn < 2 {
            return None;
        }
        let x: Vec<f64> = (1..=maxn).flat_map(|t| [1.0, t as f64]).collect();
        let c = lstsq(&x, 2, &y_sa[..maxn])?;
        let (mut l0, mut b0) = (c[0], c[1]);
        if (l0 + b0).abs() < 1e-8 {
            l0 *= 1.0 + 1e-3;
            b0 *= 1.0 - 1e-3;
        }
        (l0, b0)
    } else {
        (y_sa[..maxn].iter().sum::<f64>() / maxn as f64, 0.0)
    };
    let ok = l0.is_finite() && b0.is_finite() && ring.iter().all(|v| v.is_finite());
    ok.then_some((l0, b0, ring))
}

/// Standard deviation of simulated paths at each step.
fn paths_sd(paths: &[Vec<f64>], h: usize) -> Vec<f64> {
    let k = paths.len().max(1) as f64;
    (0..h)
        .map(|j| {
            let mean = paths.iter().map(|p| p[j]).sum::<f64>() / k;
            (paths.iter().map(|p| (p[j] - mean).powi(2)).sum::<f64>() / k).sqrt()
        })
        .collect()
}

/// Layout of the optimised vector: smoothing parameters, then initial states.
struct Layout {
    spec: EtsSpec,
    m: usize,
    fixed_alpha: Option<f64>,
    /// Initial seasonal states kept at their starting values instead of
    /// being optimised.
    fixed_seasons: Option<Vec<f64>>,
}

impl Layout {
    fn n_smoothing(&self) -> usize {
        usize::from(self.fixed_alpha.is_none())
            + usize::from(self.spec.has_trend())
            + usize::from(self.spec.has_season())
            + usize::from(self.spec.damped)
    }

    /// Splits `x` into parameters and initial states (writing the ring).
    /// Returns `None` for a multiplicative season with a negative state.
    fn unpack(&self, x: &[f64], ring: &mut [f64]) -> Option<(Params, f64, f64)> {
        let mut i = 0;
        let mut take = || {
            i += 1;
            x[i - 1]
        };
        let alpha = match self.fixed_alpha {
            Some(a) => a,
            None => take(),
        };
        let beta = if self.spec.has_trend() { take() } else { 0.0 };
        let gamma = if self.spec.has_season() { take() } else { 0.0 };
        let phi = if self.spec.damped { take() } else { 1.0 };
        let l0 = take();
        let b0 = if self.spec.has_trend() { take() } else { 0.0 };
        if self.spec.has_season() {
            let free = match &self.fixed_seasons {
                Some(f) => &f[1..],
                None => &x[i..i + self.m - 1],
            };
            ring[1..].copy_from_slice(free);
            let total = if self.spec.season == Component::Multiplicative {
                self.m as f64
            } else {
                0.0
            };
            ring[0] = total - free.iter().sum::<f64>();
            if self.spec.season == Component::Multiplicative && ring.iter().any(|v| *v < 0.0) {
                return None;
            }
        }
        Some((
            Params {
                alpha,
                beta,
                gamma,
                phi,
            },
            l0,
            b0,
        ))
    }
}

/// One fitted form with its information criterion.
fn fit_spec(
    y: &[f64],
    m: usize,
    spec: EtsSpec,
    fixed_alpha: Option<f64>,
    nm: &NelderMead,
    upper_bounds: &mut [f64; 4],
    optimize_seasons: bool,
) -> Option<FittedEts> {
    let n = y.len();
    let period = if spec.has_season() { m } else { 1 };
    if n <= 6 {
        return None;
    }
    // Narrow the shared bounds first, as statsforecast does for every
    // candidate it tries, fitted or not.
    {
        let a = LOWER[0] + 0.2 * (UPPER[0] - LOWER[0]) / period as f64;
        let a = fixed_alpha.unwrap_or(if (0.0..=1.0).contains(&a) {
            a
        } else {
            LOWER[0] + 2e-3
        });
        if spec.has_trend() {
            upper_bounds[1] = upper_bounds[1].min(a);
        }
        if spec.has_season() {
            upper_bounds[2] = upper_bounds[2].min(1.0 - a);
        }
    }
    let (l0, b0, ring0) = initial_states(y, period, spec)?;
    let layout = Layout {
        spec,
        m: period,
        fixed_alpha,
        fixed_seasons: (!optimize_seasons).then(|| ring0.clone()),
    };
    // Starting values of the smoothing parameters (statsforecast's
    // `initparam`).
    let alpha0 = {
        let a = LOWER[0] + 0.2 * (UPPER[0] - LOWER[0]) / period as f64;
        if (0.0..=1.0).contains(&a) {
            a
        } else {
            LOWER[0] + 2e-3
        }
    };
    let alpha_start = fixed_alpha.unwrap_or(alpha0);
    let mut x0 = Vec::new();
    let mut lower = Vec::new();
    let mut upper = Vec::new();
    let mut push = |v: f64, lo: f64, hi: f64| {
        x0.push(v);
        lower.push(lo);
        upper.push(hi);
    };
    if fixed_alpha.is_none() {
        push(alpha_start, LOWER[0], UPPER[0]);
    }
    if spec.has_trend() {
        upper_bounds[1] = upper_bounds[1].min(alpha_start);
        let mut beta = LOWER[1] + 0.1 * (upper_bounds[1] - LOWER[1]);
        if beta < 0.0 || beta > alpha_start {
            beta = alpha_start - 1e-3;
        }
        push(beta, LOWER[1], upper_bounds[1]);
    }
    if spec.has_season() {
        upper_bounds[2] = upper_bounds[2].min(1.0 - alpha_start);
        let mut gamma = LOWER[2] + 0.05 * (upper_bounds[2] - LOWER[2]);
        if gamma < 0.0 || gamma > 1.0 - alpha_start {
            gamma = 1.0 - alpha_start - 1e-3;
        }
        push(gamma, LOWER[2], upper_bounds[2]);
    }
    if spec.damped {
        push(LOWER[3] + 0.99 * (UPPER[3] - LOWER[3]), LOWER[3], UPPER[3]);
    }
    push(l0, f64::NEG_INFINITY, f64::INFINITY);
    if spec.has_trend() {
        push(b0, f64::NEG_INFINITY, f64::INFINITY);
    }
    if optimize_seasons {
        for v in ring0.iter().skip(1) {
            push(*v, f64::NEG_INFINITY, f64::INFINITY);
        }
    }
    // Seasonal states count as parameters either way: fixed ones were
    // estimated too (by the decomposition).
    let n_par = x0.len()
        + if optimize_seasons {
            0
        } else {
            ring0.len().saturating_sub(1)
        };
    if n_par >= n - 1 {
        return None;
    }
    debug_assert_eq!(
        n_par,
        layout.n_smoothing()
            + 1
            + usize::from(spec.has_trend())
            + period.saturating_sub(1) * usize::from(spec.has_season())
    );
    let mut ring = vec![0.0; if spec.has_season() { period } else { 0 }];
    let objective = |x: &[f64]| -> f64 {
        let Some((p, mut l, mut b)) = layout.unpack(x, &mut ring) else {
            return f64::INFINITY;
        };
        let (lik, _) = run_dyn(spec, y, p, &mut l, &mut b, &mut ring);
        if lik.is_nan() {
            f64::INFINITY
        } else {
            lik.max(-1e10)
        }
    };
    let best = nm.minimize(objective, &x0, &lower, &upper);
    let mut ring = vec![0.0; if spec.has_season() { period } else { 0 }];
    let (params, mut level, mut slope) = layout.unpack(&best.x, &mut ring)?;
    let initial = (level, slope, ring.clone());
    let (lik, sse) = run_dyn(spec, y, params, &mut level, &mut slope, &mut ring);
    if !lik.is_finite() || !level.is_finite() || !slope.is_finite() {
        return None;
    }
    let k = (n_par + 1) as f64;
    let nf = n as f64;
    let aicc = lik + 2.0 * k + 2.0 * k * (k + 1.0) / (nf - k - 1.0);
    let dof = nf - k - 1.0;
    let sigma2 = if dof > 0.0 { sse / dof } else { sse / nf };
    Some(FittedEts {
        spec,
        m: period,
        params,
        level,
        slope,
        ring,
        n,
        sigma2,
        aicc,
        scale: 1.0,
        initial,
        y: y.to_vec(),
        widen: true,
    })
}

impl Fit for AutoEts {
    type Fitted = FittedEts;

    /// # Errors
    /// [`Error::TooShort`] when no form has enough observations,
    /// [`Error::NoModel`] when every candidate diverged.
    fn fit(&self, y: &[f64]) -> Result<FittedEts, Error> {
        check_series(y)?;
        // Work in units of the mean absolute value: the likelihood of every
        // form shifts by the same constant, so the selection is unchanged,
        // and huge or tiny values cannot overflow.
        let scale = {
            let s = y.iter().map(|v| v.abs()).sum::<f64>() / y.len() as f64;
            if s > 0.0 && s.is_finite() { s } else { 1.0 }
        };
        let ys: Vec<f64> = y.iter().map(|v| v / scale).collect();
        let m = self.season_length;
        let constant = ys.iter().all(|v| *v == ys[0]);
        // statsforecast's `initparam` narrows one bound array shared by all
        // candidates in place: beta's upper bound becomes the smallest
        // starting alpha seen so far (0.2 for non-seasonal forms, about
        // 0.017 for monthly seasonal ones) and gamma's 1 minus it. That acts
        // as strong regularisation of the trend and is part of why its
        // AutoETS forecasts M3 well, so it is reproduced here.
        let mut upper_bounds = UPPER;
        let best = if constant {
            let spec = EtsSpec {
                error: Component::Additive,
                trend: Component::None,
                damped: false,
                season: Component::None,
            };
            if ys.len() <= spec.npars() + 4 {
                None
            } else {
                // As statsforecast: simple exponential smoothing with alpha
                // fixed; the level is the constant.
                Some(FittedEts {
                    spec,
                    m: 1,
                    params: Params {
                        alpha: 0.9999,
                        beta: 0.0,
                        gamma: 0.0,
                        phi: 1.0,
                    },
                    level: ys[0],
                    slope: 0.0,
                    ring: Vec::new(),
                    n: ys.len(),
                    sigma2: 0.0,
                    aicc: f64::NEG_INFINITY,
                    scale: 1.0,
                    initial: (ys[0], 0.0, Vec::new()),
                    y: ys.clone(),
                    widen: true,
                })
            }
        } else {
            self.candidates(&ys)
                .into_iter()
                .filter_map(|spec| {
                    fit_spec(
                        &ys,
                        m,
                        spec,
                        None,
                        &self.optimizer,
                        &mut upper_bounds,
                        self.optimize_seasons,
                    )
                })
                .filter(|f| !f.aicc.is_nan())
                .min_by(|a, b| a.aicc.total_cmp(&b.aicc))
        };
        match best {
            Some(mut f) => {
                f.scale = scale;
                f.widen = self.widen;
                Ok(f)
            }
            None if ys.len() <= 6 => Err(Error::TooShort {
                model: "ETS",
                needed: 7,
                got: ys.len(),
            }),
            None => Err(Error::NoModel("ETS")),
        }
    }
}

impl FittedEts {
    /// The selected form.
    pub fn spec(&self) -> EtsSpec {
        self.spec
    }

    /// The AICc of the selected form (in the scaled units the fit uses, so
    /// comparable only between forms fitted to the same series).
    pub fn aicc(&self) -> f64 {
        self.aicc
    }

    /// Smoothing parameters alpha, beta, gamma and phi (0 or 1 where the
    /// component is absent).
    pub fn smoothing(&self) -> [f64; 4] {
        let p = self.params;
        [p.alpha, p.beta, p.gamma, p.phi]
    }

    fn season_at(&self, j: usize) -> f64 {
        if self.spec.has_season() {
            self.ring[(self.n + j) % self.m]
        } else {
            0.0
        }
    }

    /// Point forecasts in scaled units.
    fn point_scaled(&self, h: usize) -> Vec<f64> {
        let p = self.params;
        let mut damp_sum = 0.0;
        let mut phi_pow = 1.0;
        (0..h)
            .map(|j| {
                phi_pow *= p.phi;
                damp_sum += phi_pow;
                let base = if self.spec.has_trend() {
                    self.level + damp_sum * self.slope
                } else {
                    self.level
                };
                match self.spec.season {
                    Component::None => base,
                    Component::Additive => base + self.season_at(j),
                    Component::Multiplicative => base * self.season_at(j),
                }
            })
            .collect()
    }

    /// `c_j` of the linear innovations form: the effect of one unit of error
    /// on the forecast `j` steps later.
    fn psi(&self, h: usize) -> Vec<f64> {
        let p = self.params;
        let mut damp_sum = 0.0;
        let mut phi_pow = 1.0;
        (1..h)
            .map(|j| {
                phi_pow *= p.phi;
                damp_sum += phi_pow;
                let trend = if self.spec.has_trend() {
                    p.beta * damp_sum
                } else {
                    0.0
                };
                let season = if self.spec.has_season() && j % self.m == 0 {
                    p.gamma
                } else {
                    0.0
                };
                p.alpha + trend + season
            })
            .collect()
    }

    /// The forecast for time `t + j` from the state before time `t`.
    fn forecast_from(&self, l: f64, b: f64, ring: &[f64], t: usize, j: usize) -> f64 {
        let p = self.params;
        let damp_sum: f64 = if !self.spec.has_trend() {
            0.0
        } else if p.phi == 1.0 {
            (j + 1) as f64
        } else {
            // phi + phi^2 + ... + phi^(j+1)
            p.phi * (1.0 - p.phi.powi(j as i32 + 1)) / (1.0 - p.phi)
        };
        let base = l + damp_sum * b;
        let sv = if self.spec.has_season() {
            ring[(t + j) % self.m]
        } else {
            0.0
        };
        match self.spec.season {
            Component::None => base,
            Component::Additive => base + sv,
            Component::Multiplicative => base * sv,
        }
    }

    /// One step of the recursion at time `t` with value `yv`.
    fn advance(&self, l: &mut f64, b: &mut f64, ring: &mut [f64], t: usize, yv: f64) {
        let p = self.params;
        let k = t % self.m.max(1);
        let phib = if self.spec.has_trend() {
            p.phi * *b
        } else {
            0.0
        };
        let q = *l + phib;
        let sv = if self.spec.has_season() { ring[k] } else { 0.0 };
        let pval = match self.spec.season {
            Component::None => yv,
            Component::Additive => yv - sv,
            Component::Multiplicative if sv.abs() < TOL => HUGE,
            Component::Multiplicative => yv / sv,
        };
        let lnew = q + p.alpha * (pval - q);
        if self.spec.has_trend() {
            *b = phib + p.beta / p.alpha * (lnew - *l - phib);
        }
        if self.spec.has_season() {
            let t = match self.spec.season {
                Component::Additive => yv - q,
                _ if q.abs() < TOL => HUGE,
                _ => yv / q,
            };
            ring[k] = sv + p.gamma * (t - sv);
        }
        *l = lnew;
    }

    /// Simulated paths in scaled units, before any widening.
    fn paths_scaled(&self, h: usize, z: &[Vec<f64>]) -> Vec<Vec<f64>> {
        let sigma = self.sigma2.max(0.0).sqrt();
        let mult_err = self.spec.error == Component::Multiplicative;
        z.iter()
            .map(|zs| {
                let (mut l, mut b, mut ring) = (self.level, self.slope, self.ring.clone());
                zs.iter()
                    .take(h)
                    .enumerate()
                    .map(|(j, zj)| {
                        let t = self.n + j;
                        let f = self.forecast_from(l, b, &ring, t, 0);
                        let yv = if mult_err {
                            f * (1.0 + sigma * zj)
                        } else {
                            f + sigma * zj
                        };
                        self.advance(&mut l, &mut b, &mut ring, t, yv);
                        yv
                    })
                    .collect::<Vec<f64>>()
            })
            .collect()
    }

    /// Mean squared in-sample errors of forecasts 1 to `h` steps ahead, with
    /// their counts, from every origin after the first season.
    fn in_sample_mse(&self, h: usize) -> Vec<(f64, usize)> {
        let (mut l, mut b, mut ring) = self.initial.clone();
        let n = self.y.len();
        let burn = self.m.max(3).min(n / 4);
        let mut acc = vec![(0.0, 0usize); h];
        for t in 0..n {
            if t >= burn {
                for (j, a) in acc.iter_mut().enumerate().take(n - t) {
                    let e = self.y[t + j] - self.forecast_from(l, b, &ring, t, j);
                    a.0 += e * e;
                    a.1 += 1;
                }
            }
            self.advance(&mut l, &mut b, &mut ring, t, self.y[t]);
        }
        acc.into_iter()
            .map(|(s, c)| (if c > 0 { s / c as f64 } else { 0.0 }, c))
            .collect()
    }

    /// Standard deviations of the model's forecast distribution (scaled
    /// units): closed form for classes 1 and 2, else from simulated paths.
    fn model_sd(&self, h: usize, point_s: &[f64]) -> Vec<f64> {
        let sigma2 = self.sigma2.max(0.0);
        let c = self.psi(h);
        match (self.spec.error, self.spec.season) {
            (Component::Additive, _) => {
                let mut acc = 0.0;
                (0..h)
                    .map(|j| {
                        if j > 0 {
                            acc += c[j - 1] * c[j - 1];
                        }
                        (sigma2 * (1.0 + acc)).sqrt()
                    })
                    .collect()
            }
            (Component::Multiplicative, Component::None | Component::Additive) => {
                let mut theta: Vec<f64> = Vec::with_capacity(h);
                for k in 0..h {
                    let s: f64 = (0..k).map(|j| c[j] * c[j] * theta[k - 1 - j]).sum();
                    theta.push(point_s[k] * point_s[k] + sigma2 * s);
                }
                theta
                    .iter()
                    .zip(point_s)
                    .map(|(t, p)| ((1.0 + sigma2) * t - p * p).max(0.0).sqrt())
                    .collect()
            }
            _ => {
                let z = rng::innovations(h, INTERVAL_PATHS, 0x5EED_0E75);
                paths_sd(&self.paths_scaled(h, &z), h)
            }
        }
    }

    fn ratio(&self, sd: &[f64], mse: &[(f64, usize)]) -> Vec<f64> {
        if self.widen {
            crate::widening(sd, mse)
        } else {
            vec![1.0; sd.len()]
        }
    }

    /// Paths in data units, widened (see [`crate::widening`]).
    fn widened_paths(
        &self,
        h: usize,
        z: &[Vec<f64>],
        point_s: &[f64],
        ratio: &[f64],
    ) -> Vec<Vec<f64>> {
        self.paths_scaled(h, z)
            .into_iter()
            .map(|p| {
                p.iter()
                    .zip(point_s)
                    .zip(ratio)
                    .map(|((v, pt), r)| (pt + r * (v - pt)) * self.scale)
                    .collect()
            })
            .collect()
    }
}

impl FittedModel for FittedEts {
    /// Replayed from the fitted initial states (additive one-step errors
    /// whatever the error form, so that models can be compared).
    fn residuals(&self) -> Option<Vec<f64>> {
        let (mut l, mut b, mut ring) = self.initial.clone();
        let mut out = Vec::with_capacity(self.y.len());
        for (t, &yv) in self.y.iter().enumerate() {
            out.push((yv - self.forecast_from(l, b, &ring, t, 0)) * self.scale);
            self.advance(&mut l, &mut b, &mut ring, t, yv);
        }
        Some(out)
    }

    fn name(&self) -> String {
        format!("ets({})", self.spec)
    }

    /// Intervals in closed form for additive-error models and for
    /// multiplicative error without multiplicative seasonality (Hyndman et
    /// al. 2008, classes 1 and 2), from simulated paths otherwise; widened
    /// where the model's own in-sample errors at that horizon were larger
    /// (see the crate documentation).
    fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast, Error> {
        check_levels(levels)?;
        let point_s = self.point_scaled(h);
        let point: Vec<f64> = point_s.iter().map(|v| v * self.scale).collect();
        let mse = self.in_sample_mse(h);
        let intervals = match (self.spec.error, self.spec.season) {
            (Component::Multiplicative, Component::Multiplicative) => {
                // One set of paths gives both the spread and the intervals.
                let z = rng::innovations(h, INTERVAL_PATHS, 0x5EED_0E75);
                let raw = self.paths_scaled(h, &z);
                let ratio = self.ratio(&paths_sd(&raw, h), &mse);
                let paths: Vec<Vec<f64>> = raw
                    .iter()
                    .map(|p| {
                        p.iter()
                            .zip(&point_s)
                            .zip(&ratio)
                            .map(|((v, pt), r)| (pt + r * (v - pt)) * self.scale)
                            .collect()
                    })
                    .collect();
                path_intervals(&paths, h, levels)
            }
            _ => {
                let sd = self.model_sd(h, &point_s);
                let ratio = self.ratio(&sd, &mse);
                let sd: Vec<f64> = sd
                    .iter()
                    .zip(&ratio)
                    .map(|(s, r)| s * r * self.scale)
                    .collect();
                normal_intervals(&point, &sd, levels)
            }
        };
        Ok(Forecast { point, intervals })
    }

    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Result<Vec<Vec<f64>>, Error> {
        if n == 0 {
            return Err(Error::InvalidArgument("need at least one path".into()));
        }
        let point_s = self.point_scaled(h);
        let ratio = self.ratio(&self.model_sd(h, &point_s), &self.in_sample_mse(h));
        let z = rng::innovations(h, n, seed);
        Ok(self.widened_paths(h, &z, &point_s, &ratio))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_display() {
        let s = EtsSpec {
            error: Component::Multiplicative,
            trend: Component::Additive,
            damped: true,
            season: Component::Multiplicative,
        };
        assert_eq!(s.to_string(), "MAdM");
    }

    #[test]
    fn ring_layout_matches_the_recursion() {
        // With gamma = 0 the seasonal states never change, so an exactly
        // periodic additive series is fitted without error.
        let pattern = [3.0, -1.0, -2.0, 0.0];
        let y: Vec<f64> = (0..40).map(|t| 10.0 + pattern[t % 4]).collect();
        let mut ring = pattern.to_vec();
        let (mut l, mut b) = (10.0, 0.0);
        let p = Params {
            alpha: 0.5,
            beta: 0.0,
            gamma: 0.0,
            phi: 1.0,
        };
        let (_, sse) = run::<false, false, 1>(&y, p, &mut l, &mut b, &mut ring);
        assert!(sse < 1e-20);
    }
}
