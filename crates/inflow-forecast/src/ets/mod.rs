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
    Error, Fit, FittedModel, Forecast, check_levels, check_paths, check_series, normal_intervals,
    path_intervals, rng,
};

const TOL: f64 = 1e-10;
const HUGE: f64 = 1e10;
/// Default bounds of alpha, beta, gamma and phi (statsforecast's).
const LOWER: [f64; 4] = [1e-4, 1e-4, 1e-4, 0.8];
const UPPER: [f64; 4] = [0.9999, 0.9999, 0.9999, 0.98];
/// Paths simulated for the intervals of models without a closed form.
const INTERVAL_PATHS: usize = 2_000;

mod estimate;
mod fitted;
mod init;
mod recursion;
mod spec;
#[cfg(test)]
mod tests;

pub use estimate::AutoEts;
pub use fitted::FittedEts;
pub use spec::{Component, EtsSpec};

use init::*;
use recursion::*;
