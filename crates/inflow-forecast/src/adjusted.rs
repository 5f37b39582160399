//! What Theta and CES share once fitted. Both run a recursion that is
//! linear in its innovations over a seasonally adjusted series, so their
//! forecast standard deviations are exact from unit-impulse runs, their
//! intervals are widened to the same in-sample errors ([`crate::insample`])
//! and everything is put back on the seasonal scale the same way.

use crate::decompose::Season;
use crate::insample::{Replay, in_sample_mse};
use crate::{Error, Forecast, Interval, check_levels, check_paths, normal_intervals, rng};

/// A seasonally adjusted series with the figure that adjusted it, and what
/// a model fitted to it found of its one-step errors.
#[derive(Clone, Debug)]
pub(crate) struct Adjusted {
    /// The adjusted series, in fitted units.
    pub adj: Vec<f64>,
    /// The seasonal figure, if the series was adjusted.
    pub season: Season,
    /// Data units per fitted unit (1 unless the data had to be rescaled).
    pub scale: f64,
    /// Standard deviation of the one-step innovations.
    pub sigma: f64,
    /// Whether intervals are widened to the in-sample multi-step errors.
    pub widen: bool,
}

impl Adjusted {
    /// A value `j` steps after the end of the series, back in data units.
    pub fn reseason(&self, j: usize, v: f64) -> f64 {
        let t = self.adj.len() + j;
        let v = match &self.season {
            Some((f, true)) => v * f[t % f.len()],
            Some((f, false)) => v + f[t % f.len()],
            None => v,
        };
        v * self.scale
    }

    /// The error of an adjusted forecast `f` of observation `i`, on the
    /// scale of the original series for a multiplicative figure (the scale
    /// `sigma` is measured on).
    pub fn error(&self, i: usize, f: f64) -> f64 {
        let e = self.adj[i] - f;
        match &self.season {
            Some((fig, true)) => e * fig[i % fig.len()],
            _ => e,
        }
    }

    /// The first origin whose forecasts are scored in sample: after the
    /// first season (at least three observations), but leaving three
    /// quarters of the series to score.
    pub fn burn(&self) -> usize {
        let n = self.adj.len();
        self.season
            .as_ref()
            .map_or(3, |(f, _)| f.len())
            .max(3)
            .min(n / 4)
            .max(1)
    }

    /// Mean squared in-sample errors 1 to `h` steps ahead: the model's
    /// recursion replayed over the series from `state` (the state before
    /// observation `start`), scored from [`Adjusted::burn`] on.
    pub fn in_sample_mse<S>(
        &self,
        h: usize,
        start: usize,
        state: S,
        forecast: impl Fn(&S, usize, usize) -> Vec<f64>,
        advance: impl FnMut(&mut S, usize),
    ) -> Vec<(f64, usize)> {
        in_sample_mse(
            h,
            Replay {
                n: self.adj.len(),
                burn: self.burn(),
                start,
                state,
                forecast,
                error: |i, f| self.error(i, f),
                advance,
            },
        )
    }
}

/// A model fitted to an [`Adjusted`] series by a recursion linear in its
/// one-step innovations.
pub(crate) trait Linear {
    /// The series the model was fitted to.
    fn adjusted(&self) -> &Adjusted;
    /// Adjusted forecasts 1 to `h` steps after the end of the series, with
    /// `shocks` (empty for none) added to the one-step forecasts.
    fn run_forward(&self, h: usize, shocks: &[f64]) -> Vec<f64>;
    /// Mean squared in-sample errors 1 to `h` steps ahead with their counts
    /// (see [`Adjusted::in_sample_mse`]).
    fn in_sample_mse(&self, h: usize) -> Vec<(f64, usize)>;
}

/// Adjusted point forecasts and standard deviations: every update is
/// linear in the observations, so the forecast error is a linear
/// combination of future innovations whose weights are read off unit-impulse
/// runs, exact under normal errors without simulation noise.
fn point_and_sd(m: &impl Linear, h: usize) -> (Vec<f64>, Vec<f64>) {
    let point = m.run_forward(h, &[]);
    let mut var = vec![0.0; h];
    let mut shocks = vec![0.0; h];
    for i in 0..h {
        shocks[i] = 1.0;
        let path = m.run_forward(h, &shocks);
        shocks[i] = 0.0;
        for j in i..h {
            let c = path[j] - point[j];
            var[j] += c * c;
        }
    }
    let sd = var.iter().map(|v| m.adjusted().sigma * v.sqrt()).collect();
    (point, sd)
}

/// How much wider than the model's own spread each step's is made.
fn ratio(m: &impl Linear, sd: &[f64], h: usize) -> Vec<f64> {
    if m.adjusted().widen {
        crate::widening(sd, &m.in_sample_mse(h))
    } else {
        vec![1.0; h]
    }
}

/// Intervals in closed form under normal errors, widened where the
/// in-sample errors at that horizon were larger, then seasonally readjusted.
pub(crate) fn forecast(m: &impl Linear, h: usize, levels: &[f64]) -> Result<Forecast, Error> {
    check_levels(levels)?;
    let (point_sa, sd) = point_and_sd(m, h);
    let ratio = ratio(m, &sd, h);
    let sd: Vec<f64> = sd.iter().zip(&ratio).map(|(s, r)| s * r).collect();
    let back = |v: &[f64]| -> Vec<f64> {
        v.iter()
            .enumerate()
            .map(|(j, x)| m.adjusted().reseason(j, *x))
            .collect()
    };
    let intervals = normal_intervals(&point_sa, &sd, levels)
        .into_iter()
        .map(|iv| Interval {
            level: iv.level,
            lo: back(&iv.lo),
            hi: back(&iv.hi),
        })
        .collect();
    Ok(Forecast {
        point: back(&point_sa),
        intervals,
    })
}

/// Simulated paths: the recursion run with normal innovations, their
/// spread around the point forecast widened as the intervals are.
pub(crate) fn sample_paths(
    m: &impl Linear,
    h: usize,
    n: usize,
    seed: u64,
) -> Result<Vec<Vec<f64>>, Error> {
    check_paths(n)?;
    let (point_sa, sd) = point_and_sd(m, h);
    let ratio = ratio(m, &sd, h);
    Ok(rng::innovations(h, n, seed)
        .iter()
        .map(|z| {
            let shocks: Vec<f64> = z.iter().map(|v| m.adjusted().sigma * v).collect();
            m.run_forward(h, &shocks)
                .into_iter()
                .enumerate()
                .map(|(j, v)| {
                    m.adjusted()
                        .reseason(j, point_sa[j] + ratio[j] * (v - point_sa[j]))
                })
                .collect()
        })
        .collect())
}
