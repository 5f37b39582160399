//! Fitting a model to the logarithm of a series.
//!
//! Many monthly series grow by percentages and vary in proportion to their
//! level; on the log scale trend and seasonality become additive and errors
//! closer to constant. On a holdout of the M3 monthly training data (the
//! last 18 months of each series) fitting on logs made ETS, ARIMA and Theta
//! more accurate (docs/benchmarks.md), which is why the default combination
//! fits its members this way.
//!
//! Forecasts are brought back with `exp`: the point forecast is then the
//! median of the predictive distribution, and interval bounds and sample
//! paths transform exactly because `exp` is monotonic.

use crate::{Error, Fit, FittedModel, Forecast, Interval, combo::FitBoxed};

/// A model fitted to `ln(y)` when every value is positive, and to `y`
/// itself otherwise.
///
/// ```
/// use inflow_forecast::{AutoEts, Fit, FittedModel, OnLogScale};
/// // 10% growth a month: a straight line on the log scale.
/// let y: Vec<f64> = (0..36).map(|t| 100.0 * 1.1f64.powi(t)).collect();
/// let model = OnLogScale::new(AutoEts::fast(1)).fit(&y)?;
/// let fc = model.forecast(2, &[80.0])?;
/// assert!((fc.point[0] / (100.0 * 1.1f64.powi(36)) - 1.0).abs() < 0.02);
/// assert!(model.name().starts_with("log "));
///
/// // A zero cannot be logged: the model is fitted as it is.
/// let with_zero: Vec<f64> = (0..36).map(|t| f64::from(t % 5)).collect();
/// let model = OnLogScale::new(AutoEts::fast(1)).fit(&with_zero)?;
/// assert!(!model.name().starts_with("log "));
/// # Ok::<(), inflow_forecast::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct OnLogScale<M> {
    inner: M,
}

impl<M> OnLogScale<M> {
    /// Wraps `inner`.
    pub fn new(inner: M) -> Self {
        OnLogScale { inner }
    }
}

/// A fitted [`OnLogScale`] model.
pub struct FittedOnLogScale {
    inner: Box<dyn FittedModel>,
    log: bool,
}

impl<M: FitBoxed> Fit for OnLogScale<M> {
    type Fitted = FittedOnLogScale;

    /// Fits the inner model to `ln(y)` if every value is positive, else to
    /// `y`.
    ///
    /// # Errors
    /// The inner model's.
    fn fit(&self, y: &[f64]) -> Result<FittedOnLogScale, Error> {
        let log = y.iter().all(|v| *v > 0.0);
        let inner = if log {
            let logs: Vec<f64> = y.iter().map(|v| v.ln()).collect();
            self.inner.fit_boxed(&logs)?
        } else {
            self.inner.fit_boxed(y)?
        };
        Ok(FittedOnLogScale { inner, log })
    }
}

impl FittedOnLogScale {
    fn back(&self, v: Vec<f64>) -> Vec<f64> {
        if self.log {
            v.into_iter().map(f64::exp).collect()
        } else {
            v
        }
    }
}

impl FittedModel for FittedOnLogScale {
    fn name(&self) -> String {
        if self.log {
            format!("log {}", self.inner.name())
        } else {
            self.inner.name()
        }
    }

    fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast, Error> {
        let fc = self.inner.forecast(h, levels)?;
        Ok(Forecast {
            point: self.back(fc.point),
            intervals: fc
                .intervals
                .into_iter()
                .map(|iv| Interval {
                    level: iv.level,
                    lo: self.back(iv.lo),
                    hi: self.back(iv.hi),
                })
                .collect(),
        })
    }

    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Result<Vec<Vec<f64>>, Error> {
        let paths = self.inner.sample_paths(h, n, seed)?;
        Ok(paths.into_iter().map(|p| self.back(p)).collect())
    }

    fn fallback(&self) -> Option<String> {
        self.inner.fallback()
    }

    /// On the log scale when the model was fitted there.
    fn residuals(&self) -> Option<Vec<f64>> {
        self.inner.residuals()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Theta, ThetaVariant};

    #[test]
    fn bounds_and_paths_come_back_positive_and_ordered() {
        let y: Vec<f64> = (0..48)
            .map(|t| 50.0 + t as f64 + 8.0 * ((t % 12) as f64 - 5.5).abs())
            .collect();
        let m = OnLogScale::new(Theta::new(12, ThetaVariant::DynamicOptimized))
            .fit(&y)
            .unwrap();
        let fc = m.forecast(12, &[80.0, 95.0]).unwrap();
        for j in 0..12 {
            assert!(fc.intervals[1].lo[j] > 0.0);
            assert!(fc.intervals[1].lo[j] <= fc.intervals[0].lo[j]);
            assert!(fc.intervals[0].lo[j] <= fc.point[j]);
            assert!(fc.point[j] <= fc.intervals[0].hi[j]);
            assert!(fc.intervals[0].hi[j] <= fc.intervals[1].hi[j]);
        }
        let paths = m.sample_paths(12, 50, 7).unwrap();
        assert!(paths.iter().flatten().all(|v| *v > 0.0));
    }
}
