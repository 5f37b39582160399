//! The distribution of a sum of future values, such as a fiscal-year total.

use crate::{Error, FittedModel, rng::quantile_sorted};

/// The simulated distribution of the sum of the next `k` values.
///
/// Built from sample paths, so it carries the serial correlation of
/// forecast errors that summing per-month intervals would ignore.
#[derive(Clone, Debug)]
pub struct SumDistribution {
    sorted: Vec<f64>,
    mean: f64,
}

impl SumDistribution {
    /// Builds the distribution from simulated totals.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `totals` is empty or has a non-finite
    /// value.
    pub fn from_samples(mut totals: Vec<f64>) -> Result<Self, Error> {
        if totals.is_empty() || totals.iter().any(|v| !v.is_finite()) {
            return Err(Error::InvalidArgument(
                "need at least one finite simulated total".into(),
            ));
        }
        totals.sort_by(f64::total_cmp);
        let mean = totals.iter().sum::<f64>() / totals.len() as f64;
        Ok(SumDistribution {
            sorted: totals,
            mean,
        })
    }

    /// The mean of the simulated totals.
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// The `p` quantile (`p` in [0, 1], clamped), interpolated between the
    /// simulated totals.
    pub fn quantile(&self, p: f64) -> f64 {
        quantile_sorted(&self.sorted, p)
    }

    /// The central interval with coverage `level`, written as a fraction
    /// (0.8) or a percentage (80).
    pub fn interval(&self, level: f64) -> (f64, f64) {
        let level = if level > 1.0 { level / 100.0 } else { level };
        let a = (1.0 - level) / 2.0;
        (self.quantile(a), self.quantile(1.0 - a))
    }

    /// The probability that the total exceeds `x` (share of simulated totals
    /// above it).
    pub fn p_exceed(&self, x: f64) -> f64 {
        let above = self.sorted.len() - self.sorted.partition_point(|v| *v <= x);
        above as f64 / self.sorted.len() as f64
    }

    /// The simulated totals, sorted.
    pub fn samples(&self) -> &[f64] {
        &self.sorted
    }
}

/// The distribution of the sum of the next `k` values of a fitted model,
/// from `n_paths` simulated paths; the same `seed` gives the same result.
///
/// ```
/// use inflow_forecast::{fit, sum_distribution, ModelSpec};
/// let y: Vec<f64> = (0..60).map(|t| 50.0 + (t % 12) as f64).collect();
/// let model = fit(ModelSpec::Ets, &y, 12)?;
/// let a = sum_distribution(model.as_ref(), 12, 1000, 7)?;
/// let b = sum_distribution(model.as_ref(), 12, 1000, 7)?;
/// assert_eq!(a.quantile(0.9), b.quantile(0.9));
/// assert!(a.p_exceed(a.quantile(0.5)) <= 0.5);
/// # Ok::<(), inflow_forecast::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when `k` or `n_paths` is zero or a simulated
/// total is not finite.
pub fn sum_distribution(
    model: &dyn FittedModel,
    k: usize,
    n_paths: usize,
    seed: u64,
) -> Result<SumDistribution, Error> {
    if k == 0 || n_paths == 0 {
        return Err(Error::InvalidArgument(
            "need k >= 1 and at least one path".into(),
        ));
    }
    let paths = model.sample_paths(k, n_paths, seed)?;
    SumDistribution::from_samples(paths.iter().map(|p| p.iter().sum()).collect())
}
