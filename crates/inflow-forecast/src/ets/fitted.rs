//! A fitted ETS model: forecasts, intervals, sample paths and in-sample
//! errors.

use super::*;

/// A fitted ETS model.
#[derive(Clone, Debug)]
pub struct FittedEts {
    pub(super) spec: EtsSpec,
    pub(super) m: usize,
    pub(super) params: Params,
    /// Final level, trend and seasonal ring (in the scaled units).
    pub(super) level: f64,
    pub(super) slope: f64,
    pub(super) ring: Vec<f64>,
    /// Number of observations (the phase of the seasonal ring).
    pub(super) n: usize,
    pub(super) sigma2: f64,
    pub(super) aicc: f64,
    pub(super) scale: f64,
    /// Initial level, slope and ring, and the scaled series, to replay the
    /// fit for in-sample multi-step errors.
    pub(super) initial: (f64, f64, Vec<f64>),
    pub(super) y: Vec<f64>,
    pub(super) widen: bool,
}

/// Standard deviation of simulated paths at each step.
pub(super) fn paths_sd(paths: &[Vec<f64>], h: usize) -> Vec<f64> {
    let k = paths.len().max(1) as f64;
    (0..h)
        .map(|j| {
            let mean = paths.iter().map(|p| p[j]).sum::<f64>() / k;
            (paths.iter().map(|p| (p[j] - mean).powi(2)).sum::<f64>() / k).sqrt()
        })
        .collect()
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

    pub(super) fn season_at(&self, j: usize) -> f64 {
        if self.spec.has_season() {
            self.ring[(self.n + j) % self.m]
        } else {
            0.0
        }
    }

    /// Point forecasts in scaled units.
    pub(super) fn point_scaled(&self, h: usize) -> Vec<f64> {
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
    pub(super) fn psi(&self, h: usize) -> Vec<f64> {
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
    pub(super) fn forecast_from(&self, l: f64, b: f64, ring: &[f64], t: usize, j: usize) -> f64 {
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
    pub(super) fn advance(&self, l: &mut f64, b: &mut f64, ring: &mut [f64], t: usize, yv: f64) {
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
    pub(super) fn paths_scaled(&self, h: usize, z: &[Vec<f64>]) -> Vec<Vec<f64>> {
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
    pub(super) fn in_sample_mse(&self, h: usize) -> Vec<(f64, usize)> {
        let n = self.y.len();
        crate::insample::in_sample_mse(
            h,
            crate::insample::Replay {
                n,
                burn: self.m.max(3).min(n / 4),
                start: 0,
                state: self.initial.clone(),
                forecast: |(l, b, ring): &(f64, f64, Vec<f64>), t, k| {
                    (0..k)
                        .map(|j| self.forecast_from(*l, *b, ring, t, j))
                        .collect()
                },
                error: |i, f| self.y[i] - f,
                advance: |(l, b, ring): &mut (f64, f64, Vec<f64>), t| {
                    self.advance(l, b, ring, t, self.y[t]);
                },
            },
        )
    }

    /// Standard deviations of the model's forecast distribution (scaled
    /// units): closed form for classes 1 and 2, else from simulated paths.
    pub(super) fn model_sd(&self, h: usize, point_s: &[f64]) -> Vec<f64> {
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

    pub(super) fn ratio(&self, sd: &[f64], mse: &[(f64, usize)]) -> Vec<f64> {
        if self.widen {
            crate::widening(sd, mse)
        } else {
            vec![1.0; sd.len()]
        }
    }

    /// Paths in data units, widened (see [`crate::widening`]).
    pub(super) fn widened_paths(
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
        check_paths(n)?;
        let point_s = self.point_scaled(h);
        let ratio = self.ratio(&self.model_sd(h, &point_s), &self.in_sample_mse(h));
        let z = rng::innovations(h, n, seed);
        Ok(self.widened_paths(h, &z, &point_s, &ratio))
    }
}
