//! Seasonal naive.

use crate::{Error, Fit, FittedModel, Forecast, check_paths, check_series, normal_forecast, rng};

/// Seasonal naive: each month is forecast by the same month a season
/// earlier; with a season length of 1 it is the naive (random walk) method.
///
/// Intervals assume the seasonal random walk `y[t] = y[t-m] + e[t]` with the
/// in-sample seasonal differences as errors, so the variance grows by one
/// error variance per full season ahead.
#[derive(Clone, Copy, Debug)]
pub struct SeasonalNaive {
    season_length: usize,
}

impl SeasonalNaive {
    /// A seasonal naive model with the given season length (12 for monthly;
    /// values below 1 count as 1).
    pub fn new(season_length: usize) -> Self {
        SeasonalNaive {
            season_length: season_length.max(1),
        }
    }
}

/// A fitted [`SeasonalNaive`] model.
#[derive(Clone, Debug)]
pub struct FittedSeasonalNaive {
    last_season: Vec<f64>,
    sigma: f64,
}

impl Fit for SeasonalNaive {
    type Fitted = FittedSeasonalNaive;

    /// # Errors
    /// [`Error::TooShort`] with fewer observations than one season.
    fn fit(&self, y: &[f64]) -> Result<FittedSeasonalNaive, Error> {
        check_series(y)?;
        let m = self.season_length;
        if y.len() < m {
            return Err(Error::TooShort {
                model: "seasonal naive",
                needed: m,
                got: y.len(),
            });
        }
        let diffs: Vec<f64> = y.windows(m + 1).map(|w| w[m] - w[0]).collect();
        let sigma = if diffs.is_empty() {
            0.0
        } else {
            (diffs.iter().map(|d| d * d).sum::<f64>() / diffs.len() as f64).sqrt()
        };
        Ok(FittedSeasonalNaive {
            last_season: y[y.len() - m..].to_vec(),
            sigma: if sigma.is_finite() { sigma } else { 0.0 },
        })
    }
}

impl FittedModel for FittedSeasonalNaive {
    fn name(&self) -> String {
        if self.last_season.len() == 1 {
            "naive".into()
        } else {
            "snaive".into()
        }
    }

    fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast, Error> {
        let m = self.last_season.len();
        let point: Vec<f64> = (0..h).map(|j| self.last_season[j % m]).collect();
        let sd: Vec<f64> = (0..h)
            .map(|j| self.sigma * ((j / m + 1) as f64).sqrt())
            .collect();
        normal_forecast(point, &sd, levels)
    }

    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Result<Vec<Vec<f64>>, Error> {
        check_paths(n)?;
        let m = self.last_season.len();
        Ok(rng::innovations(h, n, seed)
            .into_iter()
            .map(|z| {
                let mut path: Vec<f64> = Vec::with_capacity(h);
                for (j, zj) in z.iter().enumerate() {
                    let base = if j < m {
                        self.last_season[j]
                    } else {
                        path[j - m]
                    };
                    path.push(base + self.sigma * zj);
                }
                path
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_the_last_season() {
        let y: Vec<f64> = (0..30)
            .map(|t| (t % 12) as f64 + if t >= 24 { 1.0 } else { 0.0 })
            .collect();
        let f = SeasonalNaive::new(12)
            .fit(&y)
            .unwrap()
            .forecast(14, &[80.0])
            .unwrap();
        // t = 30 is position 6 of the cycle, last seen at t = 18 (value 6).
        assert_eq!(f.point[0], 6.0);
        assert_eq!(f.point[12], f.point[0]);
        // Intervals widen after one season.
        let w = |j: usize| f.intervals[0].hi[j] - f.intervals[0].lo[j];
        assert!(w(12) > w(11));
    }
}
