//! The default model: an equal-weight combination of automatic ETS and the
//! dynamic optimised Theta model.
//!
//! Combining ETS and Theta forecasts is one of the most reliable ways to beat
//! either on monthly data (the M3 and M4 results; Petropoulos and Svetunkov,
//! 2020). Intervals are combined by averaging the members' bounds (quantile
//! averaging, Lichtendahl et al., 2013) and paths by averaging members'
//! paths drawn with the same innovations, so both reflect that the members'
//! errors move together.

use crate::{
    AutoEts, Error, Fit, FittedModel, Forecast, Interval, Theta, ThetaVariant, check_series,
};

/// Equal-weight combination of [`AutoEts`] and the dynamic optimised
/// [`Theta`] model.
#[derive(Clone, Debug)]
pub struct Combination {
    ets: AutoEts,
    theta: Theta,
}

impl Combination {
    /// The combination for the given season length, with default members.
    pub fn new(season_length: usize) -> Self {
        Combination {
            ets: AutoEts::new(season_length),
            theta: Theta::new(season_length, ThetaVariant::DynamicOptimized),
        }
    }

    /// Replaces the ETS member (for example one with looser optimiser
    /// settings).
    pub fn with_ets(mut self, ets: AutoEts) -> Self {
        self.ets = ets;
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

    /// Fits every member; members that fail are left out and named.
    ///
    /// # Errors
    /// The first member's error when no member could be fitted.
    fn fit(&self, y: &[f64]) -> Result<FittedCombination, Error> {
        check_series(y)?;
        let (ets, theta) = rayon::join(|| self.ets.fit(y), || self.theta.fit(y));
        let mut members: Vec<Box<dyn FittedModel>> = Vec::new();
        let mut failed = Vec::new();
        let mut first_err = None;
        for (label, r) in [
            ("ets", ets.map(|f| Box::new(f) as Box<dyn FittedModel>)),
            ("dotm", theta.map(|f| Box::new(f) as Box<dyn FittedModel>)),
        ] {
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

    fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast, Error> {
        let fcs = self
            .members
            .iter()
            .map(|m| m.forecast(h, levels))
            .collect::<Result<Vec<_>, _>>()?;
        let k = fcs.len() as f64;
        let mean_of = |get: &dyn Fn(&Forecast) -> &Vec<f64>| -> Vec<f64> {
            (0..h)
                .map(|j| fcs.iter().map(|f| get(f)[j]).sum::<f64>() / k)
                .collect()
        };
        let point = mean_of(&|f| &f.point);
        let intervals = levels
            .iter()
            .enumerate()
            .map(|(i, &level)| Interval {
                level,
                lo: mean_of(&|f| &f.intervals[i].lo),
                hi: mean_of(&|f| &f.intervals[i].hi),
            })
            .collect();
        Ok(Forecast { point, intervals })
    }

    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Result<Vec<Vec<f64>>, Error> {
        let all = self
            .members
            .iter()
            .map(|m| m.sample_paths(h, n, seed))
            .collect::<Result<Vec<_>, _>>()?;
        let k = all.len() as f64;
        Ok((0..n)
            .map(|p| {
                (0..h)
                    .map(|j| all.iter().map(|m| m[p][j]).sum::<f64>() / k)
                    .collect()
            })
            .collect())
    }

    fn fallback(&self) -> Option<String> {
        (!self.failed.is_empty()).then(|| format!("left out {}", self.failed.join("; ")))
    }
}
