//! The default model: an equal-weight combination of automatic ETS, the
//! dynamic optimised Theta model, automatic ARIMA and the standard Theta
//! method, fitted to the logarithm of the series when it is positive.
//!
//! Combining forecasts of different model families is one of the most
//! reliable ways to beat each of them on monthly data (the M3 and M4
//! results). The members started as the "SCUM" combination of Petropoulos
//! and Svetunkov (2020, IJF): ETS, CES, ARIMA and DOTM, with the mean in
//! place of their median (on M3 monthly the mean was the more accurate).
//! On a holdout of the M3 training data (the last 18 months of each series)
//! fitting on the log scale ([`OnLogScale`](crate::OnLogScale)) made ETS,
//! ARIMA and Theta more accurate but not our CES, so the standard Theta
//! method took CES's place; the choice was made on the holdout, not on the
//! test months (docs/benchmarks.md).
//!
//! Intervals average the members' bounds (quantile averaging, Lichtendahl
//! et al., 2013, Management Science), which would be right if the members'
//! errors moved together exactly. They do not quite, and the combination's
//! error is smaller than its members' average; so the spread is scaled by
//! the ratio of the two measured on the one-step in-sample errors
//! ([`FittedCombination::spread_ratio`]). Sample paths are the members'
//! paths, drawn with the same innovations, averaged and scaled the same way.

use rayon::prelude::*;

use crate::{
    AutoArima, AutoEts, Ces, Error, Fit, FittedModel, Forecast, Interval, Theta, ThetaVariant,
    check_levels, check_series,
};

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
/// optimised [`Theta`] model, [`AutoArima`] and the standard [`Theta`]
/// method (the default [`ModelSpec::Auto`](crate::ModelSpec::Auto) fits
/// them on the log scale).
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
    /// ARIMA and Theta.
    pub fn new(season_length: usize) -> Self {
        let m = season_length;
        Combination::empty()
            .with_member("ets", AutoEts::fast(m))
            .with_member("dotm", Theta::new(m, ThetaVariant::DynamicOptimized))
            .with_member("arima", AutoArima::new(m))
            .with_member("theta", Theta::new(m, ThetaVariant::Standard))
    }

    /// The previous default: ETS, DOTM, ARIMA and CES on the original
    /// scale (the SCUM members).
    pub fn scum(season_length: usize) -> Self {
        Combination::empty()
            .with_member("ets", AutoEts::fast(season_length))
            .with_member(
                "dotm",
                Theta::new(season_length, ThetaVariant::DynamicOptimized),
            )
            .with_member("arima", AutoArima::new(season_length))
            .with_member("ces", Ces::new(season_length))
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
    ratio: f64,
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
            _ => {
                let ratio = spread_ratio(&members);
                Ok(FittedCombination {
                    members,
                    failed,
                    ratio,
                })
            }
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

    /// The point forecast is the members' mean; each interval bound is the
    /// point plus the members' mean distance to that bound, times
    /// [`FittedCombination::spread_ratio`].
    fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast, Error> {
        check_levels(levels)?;
        let fcs = self
            .members
            .iter()
            .map(|m| m.forecast(h, levels))
            .collect::<Result<Vec<_>, _>>()?;
        let k = fcs.len() as f64;
        let point: Vec<f64> = (0..h)
            .map(|j| fcs.iter().map(|f| f.point[j]).sum::<f64>() / k)
            .collect();
        let bound = |i: usize, j: usize, upper: bool| {
            let reach = fcs
                .iter()
                .map(|f| {
                    let b = if upper {
                        f.intervals[i].hi[j]
                    } else {
                        f.intervals[i].lo[j]
                    };
                    b - f.point[j]
                })
                .sum::<f64>()
                / k;
            point[j] + self.ratio * reach
        };
        let intervals = levels
            .iter()
            .enumerate()
            .map(|(i, &level)| Interval {
                level,
                lo: (0..h).map(|j| bound(i, j, false)).collect(),
                hi: (0..h).map(|j| bound(i, j, true)).collect(),
            })
            .collect();
        Ok(Forecast { point, intervals })
    }

    /// The members' paths with the same index (drawn with the same
    /// innovations) averaged, their spread around the point forecast
    /// scaled as the intervals are.
    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Result<Vec<Vec<f64>>, Error> {
        let point = self.forecast(h, &[])?.point;
        let all = self
            .members
            .iter()
            .map(|m| m.sample_paths(h, n, seed))
            .collect::<Result<Vec<_>, _>>()?;
        let k = all.len() as f64;
        Ok((0..n)
            .map(|p| {
                (0..h)
                    .map(|j| {
                        let mean = all.iter().map(|paths| paths[p][j]).sum::<f64>() / k;
                        point[j] + self.ratio * (mean - point[j])
                    })
                    .collect()
            })
            .collect())
    }

    fn fallback(&self) -> Option<String> {
        (!self.failed.is_empty()).then(|| format!("left out {}", self.failed.join("; ")))
    }

    /// The members' mean one-step errors, where every member has one.
    fn residuals(&self) -> Option<Vec<f64>> {
        aligned_residuals(&self.members).map(|tails| mean_by_month(&tails))
    }
}

impl FittedCombination {
    /// The share of the members' average interval spread the combination
    /// keeps: the root mean square of the members' mean one-step in-sample
    /// error over the mean of the members' own root mean squares, on the
    /// most recent months all members have. It is 1 when the members' errors
    /// move together exactly and `1/sqrt(k)` for `k` independent members;
    /// 1 when it cannot be measured (a member without residuals, fewer than
    /// 12 common months), and never below 0.5.
    pub fn spread_ratio(&self) -> f64 {
        self.ratio
    }
}

/// Fewest common months of residuals behind [`FittedCombination::spread_ratio`].
const MIN_COMMON: usize = 12;

/// The members' residuals cut to the most recent months they all have.
fn aligned_residuals(members: &[Box<dyn FittedModel>]) -> Option<Vec<Vec<f64>>> {
    let res = members
        .iter()
        .map(|m| m.residuals())
        .collect::<Option<Vec<_>>>()?;
    let n = res.iter().map(Vec::len).min()?;
    Some(res.into_iter().map(|r| r[r.len() - n..].to_vec()).collect())
}

/// The members' mean error month by month.
fn mean_by_month(tails: &[Vec<f64>]) -> Vec<f64> {
    let n = tails.first().map_or(0, Vec::len);
    let k = tails.len() as f64;
    (0..n)
        .map(|i| tails.iter().map(|t| t[i]).sum::<f64>() / k)
        .collect()
}

fn spread_ratio(members: &[Box<dyn FittedModel>]) -> f64 {
    let Some(tails) = aligned_residuals(members) else {
        return 1.0;
    };
    let n = tails.first().map_or(0, Vec::len);
    if tails.len() < 2 || n < MIN_COMMON {
        return 1.0;
    }
    let rms = |e: &[f64]| (e.iter().map(|v| v * v).sum::<f64>() / e.len() as f64).sqrt();
    let own = tails.iter().map(|t| rms(t)).sum::<f64>() / tails.len() as f64;
    let r = rms(&mean_by_month(&tails)) / own;
    if r.is_finite() {
        r.clamp(0.5, 1.0)
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SeasonalNaive;

    fn noisy(n: usize) -> Vec<f64> {
        let mut rng = crate::rng::Rng::new(5);
        (0..n)
            .map(|t| {
                100.0 + 0.5 * t as f64 + 10.0 * ((t % 12) as f64 / 2.0).sin() + 4.0 * rng.normal()
            })
            .collect()
    }

    #[test]
    fn identical_members_keep_their_spread() {
        let y = noisy(60);
        let c = Combination::empty()
            .with_member("a", AutoEts::fast(12))
            .with_member("b", AutoEts::fast(12))
            .fit(&y)
            .unwrap();
        assert!((c.spread_ratio() - 1.0).abs() < 1e-12);
        let one = AutoEts::fast(12)
            .fit(&y)
            .unwrap()
            .forecast(6, &[80.0])
            .unwrap();
        let both = c.forecast(6, &[80.0]).unwrap();
        for j in 0..6 {
            assert!((one.intervals[0].lo[j] - both.intervals[0].lo[j]).abs() < 1e-9);
            assert!((one.intervals[0].hi[j] - both.intervals[0].hi[j]).abs() < 1e-9);
        }
    }

    #[test]
    fn different_members_narrow_the_spread_within_bounds() {
        let y = noisy(72);
        let c = Combination::new(12).fit(&y).unwrap();
        let r = c.spread_ratio();
        assert!((0.5..1.0).contains(&r), "{r}");
        let fc = c.forecast(12, &[80.0]).unwrap();
        let paths = c.sample_paths(12, 2000, 3).unwrap();
        // The paths' 10% and 90% quantiles agree with the interval.
        for j in [0, 11] {
            let mut v: Vec<f64> = paths.iter().map(|p| p[j]).collect();
            v.sort_by(f64::total_cmp);
            let width = fc.intervals[0].hi[j] - fc.intervals[0].lo[j];
            assert!(
                (v[200] - fc.intervals[0].lo[j]).abs() < 0.15 * width,
                "step {j}"
            );
            assert!(
                (v[1800] - fc.intervals[0].hi[j]).abs() < 0.15 * width,
                "step {j}"
            );
        }
    }

    #[test]
    fn a_member_without_residuals_leaves_the_spread_alone() {
        let y = noisy(60);
        let c = Combination::empty()
            .with_member("ets", AutoEts::fast(12))
            .with_member("snaive", SeasonalNaive::new(12))
            .fit(&y)
            .unwrap();
        assert_eq!(c.spread_ratio(), 1.0);
    }
}
