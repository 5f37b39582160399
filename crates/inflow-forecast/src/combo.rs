//! The default model: an equal-weight combination of automatic ETS, the
//! dynamic optimised Theta model, automatic ARIMA and complex exponential
//! smoothing.
//!
//! Combining forecasts of different model families is one of the most
//! reliable ways to beat each of them on monthly data (the M3 and M4
//! results). The members are those of the "SCUM" combination of Petropoulos
//! and Svetunkov (2020, IJF): ETS, CES, ARIMA and DOTM; SCUM takes their
//! median, we take their mean as this combination always has (on M3 monthly
//! both beat ETS + DOTM on sMAPE and MASE, the mean by more). Intervals are combined by averaging the members' bounds (quantile
//! averaging, Lichtendahl et al., 2013) and paths by averaging members'
//! paths drawn with the same innovations, so both reflect that the members'
//! errors move together.

use rayon::prelude::*;

use crate::{
    AutoArima, AutoEts, Ces, Error, Fit, FittedModel, Forecast, Interval, Theta, ThetaVariant,
    check_series, rng,
};

/// The `p` quantile of an equal-weight mixture of normals `(mean, sd)`, by
/// bisection on the mixture's distribution function.
fn mixture_quantile(comps: &[(f64, f64)], p: f64) -> f64 {
    let cdf = |x: f64| {
        comps
            .iter()
            .map(|(m, s)| {
                if *s > 0.0 {
                    rng::pnorm((x - m) / s)
                } else if x >= *m {
                    1.0
                } else {
                    0.0
                }
            })
            .sum::<f64>()
            / comps.len() as f64
    };
    let z = rng::qnorm(p);
    let (mut lo, mut hi) = comps
        .iter()
        .map(|(m, s)| m + z * s)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), q| {
            (a.min(q), b.max(q))
        });
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return lo;
    }
    // The mixture quantile lies between the members' quantiles.
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if cdf(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// A model that can be fitted into a boxed [`FittedModel`]: what a
/// [`Combination`] holds. Implemented for every [`Fit`] type.
pub trait FitBoxed: Send + Sync {
    /// Fits and boxes the result.
    ///
    /// # Errors
    /// As the model's [`Fit::fit`].
    fn fit_boxed(&self, y: &[f64]) -> Result<Box<dyn FittedModel>, Error>;
}

impl<T> FitBoxed for T
where
    T: Fit + Send + Sync,
    T::Fitted: 'static,
{
    fn fit_boxed(&self, y: &[f64]) -> Result<Box<dyn FittedModel>, Error> {
        self.fit(y).map(|f| Box::new(f) as Box<dyn FittedModel>)
    }
}

/// Equal-weight combination of models; by default [`AutoEts`], the dynamic
/// optimised [`Theta`] model, [`AutoArima`] and [`Ces`].
///
/// The default ETS member is [`AutoEts::fast`]: on M3 monthly as accurate
/// as statsforecast's algorithm and several times faster.
pub struct Combination {
    members: Vec<(String, Box<dyn FitBoxed>)>,
}

impl std::fmt::Debug for Combination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let labels: Vec<&str> = self.members.iter().map(|(l, _)| l.as_str()).collect();
        f.debug_struct("Combination")
            .field("members", &labels)
            .finish()
    }
}

impl Combination {
    /// The default combination for the given season length: ETS, DOTM,
    /// ARIMA and CES.
    pub fn new(season_length: usize) -> Self {
        Combination::empty()
            .with_member("ets", AutoEts::fast(season_length))
            .with_member(
                "dotm",
                Theta::new(season_length, ThetaVariant::DynamicOptimized),
            )
            .with_member("arima", AutoArima::new(season_length))
            .with_member("ces", Ces::new(season_length))
    }

    /// The previous default: ETS and DOTM only.
    pub fn ets_dotm(season_length: usize) -> Self {
        Combination::empty()
            .with_member("ets", AutoEts::fast(season_length))
            .with_member(
                "dotm",
                Theta::new(season_length, ThetaVariant::DynamicOptimized),
            )
    }

    /// A combination with no members yet (fitting it fails until one is
    /// added).
    pub fn empty() -> Self {
        Combination {
            members: Vec::new(),
        }
    }

    /// Adds a member; `label` names it in messages about members that could
    /// not be fitted.
    pub fn with_member(mut self, label: &str, model: impl FitBoxed + 'static) -> Self {
        self.members.push((label.to_string(), Box::new(model)));
        self
    }
}

/// A fitted [`Combination`]: the members that could be fitted.
pub struct FittedCombination {
    members: Vec<Box<dyn FittedModel>>,
    failed: Vec<String>,
}

impl std::fmt::Debug for FittedCombination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FittedCombination")
            .field("name", &self.name())
            .finish()
    }
}

impl Fit for Combination {
    type Fitted = FittedCombination;

    /// Fits every member (in parallel); members that fail are left out and
    /// named.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] without members, else the first member's
    /// error when no member could be fitted.
    fn fit(&self, y: &[f64]) -> Result<FittedCombination, Error> {
        check_series(y)?;
        if self.members.is_empty() {
            return Err(Error::InvalidArgument(
                "a combination needs at least one member".into(),
            ));
        }
        let results: Vec<Result<Box<dyn FittedModel>, Error>> = self
            .members
            .par_iter()
            .map(|(_, m)| m.fit_boxed(y))
            .collect();
        let mut members: Vec<Box<dyn FittedModel>> = Vec::new();
        let mut failed = Vec::new();
        let mut first_err = None;
        for ((label, _), r) in self.members.iter().zip(results) {
            match r {
                Ok(f) => members.push(f),
                Err(e) => {
                    failed.push(format!("{label}: {e}"));
                    first_err.get_or_insert(e);
                }
            }
        }
        match first_err {
            Some(e) if members.is_empty() => Err(e),
            _ => Ok(FittedCombination { members, failed }),
        }
    }
}

impl FittedModel for FittedCombination {
    fn name(&self) -> String {
        let names: Vec<String> = self.members.iter().map(|m| m.name()).collect();
        if self.failed.is_empty() {
            format!("auto({})", names.join(","))
        } else {
            format!(
                "auto({}; left out {})",
                names.join(","),
                self.failed.join("; ")
            )
        }
    }

    /// The point forecast is the members' mean; the intervals are those of
    /// the equal-weight mixture of the members' predictive distributions,
    /// each taken as normal with the spread of its own interval on that
    /// side (so a single member's interval is reproduced exactly).
    fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast, Error> {
        let fcs = self
            .members
            .iter()
            .map(|m| m.forecast(h, levels))
            .collect::<Result<Vec<_>, _>>()?;
        let k = fcs.len() as f64;
        let point: Vec<f64> = (0..h)
            .map(|j| fcs.iter().map(|f| f.point[j]).sum::<f64>() / k)
            .collect();
        let intervals = levels
            .iter()
            .enumerate()
            .map(|(i, &level)| {
                let a = (100.0 - level) / 200.0;
                let z = rng::qnorm(1.0 - a);
                let side = |j: usize, upper: bool| {
                    let comps: Vec<(f64, f64)> = fcs
                        .iter()
                        .map(|f| {
                            let bound = if upper {
                                f.intervals[i].hi[j]
                            } else {
                                f.intervals[i].lo[j]
                            };
                            (f.point[j], (bound - f.point[j]).abs() / z)
                        })
                        .collect();
                    mixture_quantile(&comps, if upper { 1.0 - a } else { a })
                };
                Interval {
                    level,
                    lo: (0..h).map(|j| side(j, false)).collect(),
                    hi: (0..h).map(|j| side(j, true)).collect(),
                }
            })
            .collect();
        Ok(Forecast { point, intervals })
    }

    /// Path `p` is member `p mod k`'s path `p` (all drawn with the same
    /// innovations): paths from the same mixture as the intervals.
    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Result<Vec<Vec<f64>>, Error> {
        let mut all = self
            .members
            .iter()
            .map(|m| m.sample_paths(h, n, seed))
            .collect::<Result<Vec<_>, _>>()?;
        let k = all.len();
        Ok((0..n).map(|p| std::mem::take(&mut all[p % k][p])).collect())
    }

    fn fallback(&self) -> Option<String> {
        (!self.failed.is_empty()).then(|| format!("left out {}", self.failed.join("; ")))
    }
}
