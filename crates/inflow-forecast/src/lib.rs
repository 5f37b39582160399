//! Forecast models for monthly series.
//!
//! Models: seasonal naive ([`SeasonalNaive`]), exponential smoothing with
//! automatic model selection ([`AutoEts`]), the Theta family ([`Theta`]:
//! standard, optimised, dynamic optimised), a simplified automatic seasonal
//! ARIMA ([`AutoArima`]), complex exponential smoothing ([`Ces`]) and the
//! equal-weight combination of ETS, dynamic optimised Theta, ARIMA and
//! standard Theta, each fitted on the log scale of a positive series
//! ([`Combination`] of [`OnLogScale`] models, the default). Every model yields point forecasts,
//! prediction intervals at any level and simulated sample paths, from which
//! [`sum_distribution`] gives honest intervals for totals such as a fiscal
//! year.
//!
//! ETS and Theta widen their forecast spread where their own in-sample
//! errors 1 to h steps ahead were larger than the model implies (never
//! narrowing it): model-based intervals assume the model is right and
//! under-cover at longer horizons otherwise. `without_widening()` turns this
//! off.
//!
//! Unfitted models implement [`Fit`], which returns a fitted type that
//! implements [`FittedModel`]; there is no half-fitted state. The entry point
//! for callers that choose a model by name is [`fit`]:
//!
//! ```
//! use inflow_forecast::{fit, ModelSpec, sum_distribution};
//!
//! // Four years of a seasonal monthly series.
//! let y: Vec<f64> = (0..48)
//!     .map(|t| 100.0 + t as f64 + 10.0 * ((t % 12) as f64 - 5.5).abs())
//!     .collect();
//! let model = fit(ModelSpec::Auto, &y, 12)?;
//! let fc = model.forecast(12, &[80.0, 95.0])?;
//! assert_eq!(fc.point.len(), 12);
//! assert!(fc.intervals[1].lo[0] <= fc.intervals[0].lo[0]);
//!
//! // Distribution of the total of the next 12 months.
//! let total = sum_distribution(model.as_ref(), 12, 2000, 42)?;
//! let (lo, hi) = total.interval(0.8);
//! assert!(lo < total.mean() && total.mean() < hi);
//! # Ok::<(), inflow_forecast::Error>(())
//! ```
//!
//! A series that is too short or degenerate for the requested model falls
//! back to a simpler one, and [`FittedModel::name`] says what was used:
//!
//! ```
//! use inflow_forecast::{fit, ModelSpec};
//! let model = fit(ModelSpec::Ets, &[5.0, 6.0, 7.0], 12)?;
//! assert!(model.name().contains("fallback"));
//! # Ok::<(), inflow_forecast::Error>(())
//! ```

mod adjusted;
mod arima;
mod ces;
mod combo;
mod decompose;
pub mod ets;
mod insample;
mod optim;
pub mod panel;
mod rng;
mod snaive;
mod sum;
mod theta;
mod transform;

use std::fmt;
use std::str::FromStr;

pub use arima::{AutoArima, FittedArima};
pub use ces::{Ces, FittedCes};
pub use combo::{Combination, FitBoxed, FittedCombination};
pub use ets::{AutoEts, EtsSpec, FittedEts};
pub use rng::{qnorm, quantile_sorted};
pub use snaive::{FittedSeasonalNaive, SeasonalNaive};
pub use sum::{SumDistribution, sum_distribution};
pub use theta::{FittedTheta, Theta, ThetaVariant};
pub use transform::{FittedOnLogScale, OnLogScale};

/// Errors from fitting, forecasting and reading panels.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The series has no observations.
    #[error("the series is empty")]
    Empty,
    /// The series contains NaN or an infinite value.
    #[error("the series has a non-finite value at position {0}")]
    NonFinite(usize),
    /// The series is too short for the model (and no fallback applies).
    #[error("{model} needs at least {needed} observations, got {got}")]
    TooShort {
        /// The model that was asked for.
        model: &'static str,
        /// Minimum number of observations.
        needed: usize,
        /// Number of observations given.
        got: usize,
    },
    /// No candidate model could be fitted (all diverged).
    #[error("no {0} model could be fitted")]
    NoModel(&'static str),
    /// A prediction-interval level outside (0, 100).
    #[error("invalid interval level {0}: expected a percentage strictly between 0 and 100")]
    InvalidLevel(f64),
    /// An invalid argument such as a zero season length or zero paths.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// Not one of the model names.
    #[error("unknown model {0:?}: expected auto, ets, theta, dotm, arima, ces or snaive")]
    UnknownModel(String),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A bad value or row in an input file.
    #[error("{file}:{line}: field {field}: {message}")]
    Input {
        /// The file.
        file: String,
        /// One-based line number (0 when the problem is not on one line).
        line: u64,
        /// The column concerned.
        field: String,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// The shared classification: bad arguments and input files are invalid
    /// input; a series the models cannot handle is unprocessable.
    pub fn kind(&self) -> inflow_core::ErrorKind {
        use inflow_core::ErrorKind as K;
        match self {
            Error::InvalidLevel(_)
            | Error::InvalidArgument(_)
            | Error::UnknownModel(_)
            | Error::Input { .. } => K::InvalidInput,
            Error::Empty | Error::NonFinite(_) | Error::TooShort { .. } | Error::NoModel(_) => {
                K::Unprocessable
            }
            Error::Io { .. } => K::Internal,
        }
    }
}

/// Which model [`fit`] should use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ModelSpec {
    /// The default: the mean of automatic ETS, the dynamic optimised Theta
    /// model, automatic ARIMA and the standard Theta method, each fitted on
    /// the log scale of a positive series ([`Combination`]).
    #[default]
    Auto,
    /// Exponential smoothing with automatic model selection by AICc
    /// ([`AutoEts::fast`]: initial seasonal states kept at their
    /// decomposition values, optimiser tolerance 0.01).
    Ets,
    /// The standard Theta method (statsforecast's `Theta`).
    Theta,
    /// The dynamic optimised Theta model (statsforecast's
    /// `DynamicOptimizedTheta`).
    Dotm,
    /// Automatic seasonal ARIMA, simplified ([`AutoArima`]: CSS
    /// estimation, stepwise order search).
    Arima,
    /// Complex exponential smoothing of the seasonally adjusted series
    /// ([`Ces`]).
    Ces,
    /// Seasonal naive: the value of the same month a year earlier.
    SNaive,
}

impl ModelSpec {
    /// All specifications, in their documented order.
    pub const ALL: [ModelSpec; 7] = [
        ModelSpec::Auto,
        ModelSpec::Ets,
        ModelSpec::Theta,
        ModelSpec::Dotm,
        ModelSpec::Arima,
        ModelSpec::Ces,
        ModelSpec::SNaive,
    ];

    /// The name accepted by [`FromStr`].
    pub fn as_str(self) -> &'static str {
        match self {
            ModelSpec::Auto => "auto",
            ModelSpec::Ets => "ets",
            ModelSpec::Theta => "theta",
            ModelSpec::Dotm => "dotm",
            ModelSpec::Arima => "arima",
            ModelSpec::Ces => "ces",
            ModelSpec::SNaive => "snaive",
        }
    }
}

impl FromStr for ModelSpec {
    type Err = Error;
    /// Parses `auto`, `ets`, `theta`, `dotm`, `arima`, `ces` or `snaive`
    /// (case-insensitive).
    fn from_str(s: &str) -> Result<Self, Error> {
        ModelSpec::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| Error::UnknownModel(s.to_string()))
    }
}

impl fmt::Display for ModelSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A prediction interval at one level for every step of the horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct Interval {
    /// Nominal coverage in percent, such as 80.
    pub level: f64,
    /// Lower bounds, one per step.
    pub lo: Vec<f64>,
    /// Upper bounds, one per step.
    pub hi: Vec<f64>,
}

/// Point forecasts and prediction intervals.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    /// Point forecasts, one per step ahead (step 1 first).
    pub point: Vec<f64>,
    /// One interval per requested level, in the order requested.
    pub intervals: Vec<Interval>,
}

/// A fitted model: forecasts, intervals and sample paths.
pub trait FittedModel: Send + Sync {
    /// What was fitted, including the selected form and any fallback, such as
    /// `ets(MAdM)`, `auto(ets(AAdA),dotm)` or `snaive (fallback: too short)`.
    fn name(&self) -> String;

    /// Point forecasts for `h` steps and intervals at each of `levels`
    /// (percentages strictly between 0 and 100).
    ///
    /// # Errors
    /// [`Error::InvalidLevel`] for a level outside (0, 100).
    fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast, Error>;

    /// `n` simulated future paths of length `h`, deterministic for a given
    /// `seed`. Paths of different models drawn with the same seed use the
    /// same innovations, which is how [`Combination`] couples its members.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `n` is zero.
    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Result<Vec<Vec<f64>>, Error>;

    /// Why a simpler model than the one requested was used, if it was.
    fn fallback(&self) -> Option<String> {
        None
    }

    /// One-step in-sample errors in data units, oldest first, for models
    /// that keep them ([`Combination`] uses them to judge how much its
    /// members' errors cancel). The first few may be missing, so callers
    /// should align residuals of different models at the end.
    fn residuals(&self) -> Option<Vec<f64>> {
        None
    }
}

impl FittedModel for Box<dyn FittedModel> {
    fn name(&self) -> String {
        self.as_ref().name()
    }
    fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast, Error> {
        self.as_ref().forecast(h, levels)
    }
    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Result<Vec<Vec<f64>>, Error> {
        self.as_ref().sample_paths(h, n, seed)
    }
    fn fallback(&self) -> Option<String> {
        self.as_ref().fallback()
    }
    fn residuals(&self) -> Option<Vec<f64>> {
        self.as_ref().residuals()
    }
}

/// An unfitted model: its settings, ready to be fitted to a series.
pub trait Fit {
    /// The fitted model.
    type Fitted: FittedModel;

    /// Fits the model to `y` (oldest first).
    ///
    /// # Errors
    /// [`Error::Empty`] or [`Error::NonFinite`] for unusable input,
    /// [`Error::TooShort`] or [`Error::NoModel`] when this model cannot be
    /// fitted (callers such as [`fit`] then fall back to a simpler model).
    fn fit(&self, y: &[f64]) -> Result<Self::Fitted, Error>;
}

/// Checks that a series is non-empty and finite.
pub(crate) fn check_series(y: &[f64]) -> Result<(), Error> {
    if y.is_empty() {
        return Err(Error::Empty);
    }
    match y.iter().position(|v| !v.is_finite()) {
        Some(i) => Err(Error::NonFinite(i)),
        None => Ok(()),
    }
}

/// Checks levels and turns them into two-sided normal quantiles.
pub(crate) fn check_levels(levels: &[f64]) -> Result<(), Error> {
    match levels.iter().find(|l| !(**l > 0.0 && **l < 100.0)) {
        Some(l) => Err(Error::InvalidLevel(*l)),
        None => Ok(()),
    }
}

/// Checks that at least one sample path is asked for.
pub(crate) fn check_paths(n: usize) -> Result<(), Error> {
    if n == 0 {
        return Err(Error::InvalidArgument("need at least one path".into()));
    }
    Ok(())
}

/// Point forecasts with normal intervals of the given standard deviations.
pub(crate) fn normal_forecast(
    point: Vec<f64>,
    sd: &[f64],
    levels: &[f64],
) -> Result<Forecast, Error> {
    check_levels(levels)?;
    Ok(Forecast {
        intervals: normal_intervals(&point, sd, levels),
        point,
    })
}

/// Intervals from per-step means and standard deviations under normality.
pub(crate) fn normal_intervals(point: &[f64], sd: &[f64], levels: &[f64]) -> Vec<Interval> {
    levels
        .iter()
        .map(|&level| {
            let z = rng::qnorm(0.5 + level / 200.0);
            Interval {
                level,
                lo: point.iter().zip(sd).map(|(p, s)| p - z * s).collect(),
                hi: point.iter().zip(sd).map(|(p, s)| p + z * s).collect(),
            }
        })
        .collect()
}

/// Intervals from per-step empirical quantiles of simulated paths.
pub(crate) fn path_intervals(paths: &[Vec<f64>], h: usize, levels: &[f64]) -> Vec<Interval> {
    let mut by_step: Vec<Vec<f64>> = (0..h)
        .map(|j| paths.iter().map(|p| p[j]).collect())
        .collect();
    for col in &mut by_step {
        col.sort_by(f64::total_cmp);
    }
    levels
        .iter()
        .map(|&level| {
            let a = (100.0 - level) / 200.0;
            Interval {
                level,
                lo: by_step.iter().map(|c| rng::quantile_sorted(c, a)).collect(),
                hi: by_step
                    .iter()
                    .map(|c| rng::quantile_sorted(c, 1.0 - a))
                    .collect(),
            }
        })
        .collect()
}

/// Factors by which to widen a model's forecast spread at each horizon:
/// the ratio of the root mean squared in-sample error at that horizon
/// (`mse[j]`: mean and count) to the model's own standard deviation, never
/// below 1, carried forward (and never decreasing) where fewer than
/// [`MIN_ORIGINS`] origins are available.
///
/// State space models take their spread from one-step errors and assume the
/// model is right; errors further ahead are usually larger than that
/// (drifting trends, changing seasonality), which shows as intervals that
/// cover less and less at longer horizons.
pub(crate) fn widening(model_sd: &[f64], mse: &[(f64, usize)]) -> Vec<f64> {
    let mut last = 1.0f64;
    model_sd
        .iter()
        .zip(mse)
        .map(|(sd, (ms, count))| {
            if *count >= MIN_ORIGINS && *sd > 0.0 && ms.is_finite() {
                last = last.max(ms.sqrt() / sd);
            }
            last
        })
        .collect()
}

/// Fewest in-sample forecast origins from which a horizon's error is used.
const MIN_ORIGINS: usize = 12;

/// A fitted model with the reason it replaced the requested one.
struct Fallback {
    inner: Box<dyn FittedModel>,
    reason: String,
}

impl FittedModel for Fallback {
    fn name(&self) -> String {
        format!("{} (fallback: {})", self.inner.name(), self.reason)
    }
    fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast, Error> {
        self.inner.forecast(h, levels)
    }
    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Result<Vec<Vec<f64>>, Error> {
        self.inner.sample_paths(h, n, seed)
    }
    fn fallback(&self) -> Option<String> {
        Some(self.reason.clone())
    }
    fn residuals(&self) -> Option<Vec<f64>> {
        self.inner.residuals()
    }
}

fn short_reason(e: &Error) -> String {
    match e {
        Error::TooShort { .. } => "too short".to_string(),
        other => other.to_string(),
    }
}

/// Fits the model named by `spec` to `y` (oldest first) with seasonal period
/// `season_length` (12 for monthly data; 1 for none).
///
/// When the series is too short or degenerate for the model, a simpler model
/// is used instead (ETS or Theta, then seasonal naive, then naive) and the
/// fitted model's [`FittedModel::name`] and [`FittedModel::fallback`] say so.
///
/// # Errors
/// [`Error::Empty`] or [`Error::NonFinite`] when the series cannot be used at
/// all, [`Error::InvalidArgument`] for a zero season length.
pub fn fit(
    spec: ModelSpec,
    y: &[f64],
    season_length: usize,
) -> Result<Box<dyn FittedModel>, Error> {
    check_series(y)?;
    if season_length == 0 {
        return Err(Error::InvalidArgument(
            "season length must be at least 1".into(),
        ));
    }
    let m = season_length;
    let primary: Result<Box<dyn FittedModel>, Error> = match spec {
        ModelSpec::Auto => OnLogScale::new(Combination::new(m))
            .fit(y)
            .map(|f| Box::new(f) as Box<dyn FittedModel>),
        ModelSpec::Ets => AutoEts::fast(m)
            .fit(y)
            .map(|f| Box::new(f) as Box<dyn FittedModel>),
        ModelSpec::Theta => Theta::new(m, ThetaVariant::Standard)
            .fit(y)
            .map(|f| Box::new(f) as Box<dyn FittedModel>),
        ModelSpec::Dotm => Theta::new(m, ThetaVariant::DynamicOptimized)
            .fit(y)
            .map(|f| Box::new(f) as Box<dyn FittedModel>),
        ModelSpec::Arima => AutoArima::new(m)
            .fit(y)
            .map(|f| Box::new(f) as Box<dyn FittedModel>),
        ModelSpec::Ces => Ces::new(m)
            .fit(y)
            .map(|f| Box::new(f) as Box<dyn FittedModel>),
        ModelSpec::SNaive => {
            return match fit_snaive(y, m)? {
                (inner, Some(reason)) => Ok(Box::new(Fallback { inner, reason })),
                (inner, None) => Ok(inner),
            };
        }
    };
    match primary {
        Ok(model) => Ok(model),
        Err(e) => {
            let (inner, also) = fit_snaive(y, m)?;
            let reason = match also {
                Some(r) => format!("{}; {r}", short_reason(&e)),
                None => short_reason(&e),
            };
            Ok(Box::new(Fallback { inner, reason }))
        }
    }
}

/// Fits the model named by `spec` (as [`fit`]) and forecasts `h` steps.
///
/// When that forecast is not finite everywhere (a trend extrapolated on
/// the log scale can run past the range of `f64` on data near it), the
/// series is fitted with seasonal naive instead, and the returned model's
/// [`FittedModel::fallback`] says why. Callers that use the model further
/// (sample paths) should use the one returned.
///
/// ```
/// use inflow_forecast::{fit_forecast, FittedModel, ModelSpec};
/// // A factor of a million a month, ending near 1e288.
/// let y: Vec<f64> = (1..=48).map(|t| 10f64.powi(6 * t)).collect();
/// let (model, fc) = fit_forecast(ModelSpec::Auto, &y, 12, 24, &[80.0])?;
/// assert!(fc.point.iter().all(|v| v.is_finite()));
/// assert!(model.fallback().unwrap().contains("not finite"));
/// # Ok::<(), inflow_forecast::Error>(())
/// ```
///
/// # Errors
/// As [`fit`], and [`Error::InvalidLevel`] for a level outside (0, 100).
pub fn fit_forecast(
    spec: ModelSpec,
    y: &[f64],
    season_length: usize,
    h: usize,
    levels: &[f64],
) -> Result<(Box<dyn FittedModel>, Forecast), Error> {
    let model = fit(spec, y, season_length)?;
    let fc = model.forecast(h, levels)?;
    let finite = fc
        .point
        .iter()
        .chain(fc.intervals.iter().flat_map(|i| i.lo.iter().chain(&i.hi)))
        .all(|v| v.is_finite());
    if finite {
        return Ok((model, fc));
    }
    let reason = format!("the {} forecast was not finite", model.name());
    let (inner, _) = fit_snaive(y, season_length)?;
    let fallback: Box<dyn FittedModel> = Box::new(Fallback { inner, reason });
    let fc = fallback.forecast(h, levels)?;
    Ok((fallback, fc))
}

/// Seasonal naive, or naive (with the reason) when there is less than one
/// full season.
fn fit_snaive(y: &[f64], m: usize) -> Result<(Box<dyn FittedModel>, Option<String>), Error> {
    if y.len() < m {
        let inner = SeasonalNaive::new(1).fit(y)?;
        return Ok((Box::new(inner), Some("shorter than one season".into())));
    }
    Ok((Box::new(SeasonalNaive::new(m).fit(y)?), None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_spec_round_trips() {
        for m in ModelSpec::ALL {
            assert_eq!(m.to_string().parse::<ModelSpec>().unwrap(), m);
        }
        assert_eq!("DOTM".parse::<ModelSpec>().unwrap(), ModelSpec::Dotm);
        assert!("prophet".parse::<ModelSpec>().is_err());
    }

    #[test]
    fn levels_are_checked() {
        let m = fit(ModelSpec::SNaive, &[1.0; 30], 12).unwrap();
        assert!(matches!(
            m.forecast(3, &[100.0]),
            Err(Error::InvalidLevel(_))
        ));
        assert!(matches!(m.forecast(3, &[0.0]), Err(Error::InvalidLevel(_))));
    }

    #[test]
    fn fallback_names_say_what_was_used_and_why() {
        let m = fit(ModelSpec::Ets, &[5.0, 6.0, 7.0], 12).unwrap();
        assert_eq!(
            m.name(),
            "naive (fallback: too short; shorter than one season)"
        );
        let y: Vec<f64> = (0..14).map(f64::from).collect();
        let m = fit(ModelSpec::Ets, &y, 12).unwrap();
        assert!(m.name().starts_with("ets("), "{}", m.name());
        let m = fit(ModelSpec::Dotm, &[1.0, 2.0], 1).unwrap();
        assert_eq!(m.name(), "naive (fallback: too short)");
    }

    #[test]
    fn bad_series_are_rejected() {
        assert!(matches!(fit(ModelSpec::Auto, &[], 12), Err(Error::Empty)));
        assert!(matches!(
            fit(ModelSpec::Auto, &[1.0, f64::NAN], 12),
            Err(Error::NonFinite(1))
        ));
    }
}
