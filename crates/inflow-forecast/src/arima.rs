//! Automatic seasonal ARIMA, simplified.
//!
//! The order search of Hyndman and Khandakar (2008, the algorithm behind R's
//! `auto.arima` and statsforecast's `AutoARIMA`) with two simplifications
//! that keep it fast: parameters are estimated by conditional sum of squares
//! (CSS) instead of exact maximum likelihood, and a non-zero mean or drift is
//! fixed at the mean of the differenced series instead of being estimated
//! jointly. Seasonal differencing follows the seasonal strength of a
//! classical decomposition (threshold 0.64, as statsforecast's `nsdiffs`);
//! regular differencing the KPSS test at 5% (as `ndiffs`).

use crate::decompose::{SeasonKind, seasonal_figure};
use crate::optim::NelderMead;
use crate::{Error, Fit, FittedModel, Forecast, check_paths, check_series, normal_forecast, rng};

/// Automatic seasonal ARIMA (see the module documentation).
#[derive(Clone, Copy, Debug)]
pub struct AutoArima {
    season_length: usize,
}

impl AutoArima {
    /// Automatic ARIMA for the given season length (1 for none).
    pub fn new(season_length: usize) -> Self {
        AutoArima {
            season_length: season_length.max(1),
        }
    }
}

/// Orders `(p, q, P, Q)`.
type Orders = (usize, usize, usize, usize);

/// A fitted [`AutoArima`] model.
#[derive(Clone, Debug)]
pub struct FittedArima {
    orders: Orders,
    d: usize,
    seasonal_d: usize,
    m: usize,
    /// Expanded AR and MA coefficients of the differenced, centred series.
    ar: Vec<f64>,
    ma: Vec<f64>,
    mean: f64,
    sigma2: f64,
    aicc: f64,
    /// The observed series and in-sample innovations (for the recursion).
    y: Vec<f64>,
    w: Vec<f64>,
    resid: Vec<f64>,
    /// Coefficients `delta` of the differencing: `y[t] = w[t] + sum delta[i] y[t-1-i]`.
    delta: Vec<f64>,
}

fn difference(x: &[f64], lag: usize) -> Vec<f64> {
    x.iter().skip(lag).zip(x).map(|(a, b)| a - b).collect()
}

/// Multiplies polynomials given by coefficients of `B^0, B^1, ...`.
fn poly_mul(a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            out[i + j] += x * y;
        }
    }
    out
}

/// `1 - c1 B^s - c2 B^2s ...` (AR form) or `1 + c1 B^s + ...` (MA form).
fn lag_poly(coefs: &[f64], s: usize, sign: f64) -> Vec<f64> {
    let mut p = vec![0.0; coefs.len() * s + 1];
    p[0] = 1.0;
    for (i, c) in coefs.iter().enumerate() {
        p[(i + 1) * s] = sign * c;
    }
    p
}

/// Whether all roots of `1 - c1 z - ... - ck z^k` (sign -1) or
/// `1 + c1 z + ...` (sign +1) lie outside the unit circle, via the
/// Schur-Cohn test on the reversed polynomial (roots strictly inside).
fn stable(coefs: &[f64], sign: f64) -> bool {
    if coefs.is_empty() {
        return true;
    }
    // Reversed: z^k + sign*c1 z^(k-1) + ... + sign*ck; coefficient of z^i at [i].
    let k = coefs.len();
    let mut a: Vec<f64> = (0..=k)
        .map(|i| if i == k { 1.0 } else { sign * coefs[k - 1 - i] })
        .collect();
    while a.len() > 1 {
        let n = a.len() - 1;
        let (a0, an) = (a[0], a[n]);
        if a0.abs() >= an.abs() * (1.0 - 1e-8) {
            return false;
        }
        a = (0..n).map(|j| an * a[j + 1] - a0 * a[n - 1 - j]).collect();
        let lead = a[n - 1];
        a.iter_mut().for_each(|v| *v /= lead);
    }
    true
}

/// KPSS level-stationarity statistic with the short Bartlett lag.
fn kpss(x: &[f64]) -> f64 {
    let n = x.len();
    let mean = x.iter().sum::<f64>() / n as f64;
    let e: Vec<f64> = x.iter().map(|v| v - mean).collect();
    let mut s = 0.0;
    let eta = e.iter().map(|v| {
        s += v;
        s * s
    });
    let eta = eta.sum::<f64>() / (n * n) as f64;
    // urca's "short" lag, as R's and statsforecast's `ndiffs`.
    let lags = (4.0 * (n as f64 / 100.0).powf(0.25)) as usize;
    let mut lrv = e.iter().map(|v| v * v).sum::<f64>() / n as f64;
    for k in 1..=lags.min(n - 1) {
        let g = (k..n).map(|t| e[t] * e[t - k]).sum::<f64>() / n as f64;
        lrv += 2.0 * (1.0 - k as f64 / (lags + 1) as f64) * g;
    }
    if lrv > 0.0 { eta / lrv } else { 0.0 }
}

/// Seasonal strength `max(0, 1 - var(R) / var(S + R))` from a classical
/// decomposition.
fn seasonal_strength(y: &[f64], m: usize) -> f64 {
    let Some(fig) = seasonal_figure(y, m, SeasonKind::Additive) else {
        return 0.0;
    };
    let half = m / 2;
    let n = y.len();
    let mut sr = Vec::new();
    let mut r = Vec::new();
    for t in half..n.saturating_sub(half) {
        let trend = if m % 2 == 0 {
            (y[t + 1 - half..t + half].iter().sum::<f64>() + 0.5 * (y[t - half] + y[t + half]))
                / m as f64
        } else {
            y[t - half..=t + half].iter().sum::<f64>() / m as f64
        };
        sr.push(y[t] - trend);
        r.push(y[t] - trend - fig[t % m]);
    }
    let var = |v: &[f64]| {
        let mu = v.iter().sum::<f64>() / v.len() as f64;
        v.iter().map(|x| (x - mu).powi(2)).sum::<f64>() / v.len() as f64
    };
    let vsr = var(&sr);
    if vsr <= 0.0 || !vsr.is_finite() {
        return 0.0;
    }
    (1.0 - var(&r) / vsr).max(0.0)
}

struct Spec<'a> {
    w: &'a [f64],
    mean: f64,
    orders: Orders,
    m: usize,
}

impl Spec<'_> {
    fn polys(&self, x: &[f64]) -> Option<(Vec<f64>, Vec<f64>)> {
        let (p, q, sp, _) = self.orders;
        let (phi, rest) = x.split_at(p);
        let (theta, rest) = rest.split_at(q);
        let (sphi, stheta) = rest.split_at(sp);
        if !stable(phi, -1.0) || !stable(sphi, -1.0) || !stable(theta, 1.0) || !stable(stheta, 1.0)
        {
            return None;
        }
        let ar = poly_mul(&lag_poly(phi, 1, -1.0), &lag_poly(sphi, self.m, -1.0));
        let ma = poly_mul(&lag_poly(theta, 1, 1.0), &lag_poly(stheta, self.m, 1.0));
        // As recursion coefficients: z[t] = sum ar[i] z[t-1-i] + e[t] + sum ma[j] e[t-1-j].
        Some((ar[1..].iter().map(|c| -c).collect(), ma[1..].to_vec()))
    }

    /// Conditional residuals; the first `ar.len()` are zero.
    fn residuals(&self, ar: &[f64], ma: &[f64], out: &mut Vec<f64>) -> f64 {
        out.clear();
        let start = ar.len();
        let mut css = 0.0;
        for t in 0..self.w.len() {
            if t < start {
                out.push(0.0);
                continue;
            }
            let mut pred = 0.0;
            for (i, a) in ar.iter().enumerate() {
                pred += a * (self.w[t - 1 - i] - self.mean);
            }
            for (j, b) in ma.iter().enumerate() {
                if t > j {
                    pred += b * out[t - 1 - j];
                }
            }
            let e = self.w[t] - self.mean - pred;
            css += e * e;
            out.push(e);
        }
        css
    }
}

struct Candidate {
    aicc: f64,
    ar: Vec<f64>,
    ma: Vec<f64>,
    sigma2: f64,
    resid: Vec<f64>,
}

fn fit_orders(w: &[f64], mean: f64, has_mean: bool, orders: Orders, m: usize) -> Option<Candidate> {
    let (p, q, sp, sq) = orders;
    let spec = Spec { w, mean, orders, m };
    let k = p + q + sp + sq;
    let neff = w.len().checked_sub(p + sp * m)? as f64;
    let n_par = (k + usize::from(has_mean) + 1) as f64;
    if neff - n_par - 1.0 <= 0.0 {
        return None;
    }
    let mut buf = Vec::with_capacity(w.len());
    let objective = |x: &[f64]| {
        let Some((ar, ma)) = spec.polys(x) else {
            return f64::INFINITY;
        };
        let css = spec.residuals(&ar, &ma, &mut buf);
        neff * (css / neff).ln()
    };
    let nm = NelderMead {
        init_step: 0.1,
        zero_pert: 0.1,
        tol_std: 1e-4,
        max_iter: 300,
    };
    let bounds = vec![1.0; k];
    let x = if k == 0 {
        Vec::new()
    } else {
        nm.minimize(objective, &vec![0.0; k], &vec![-1.0; k], &bounds)
            .x
    };
    let (ar, ma) = spec.polys(&x)?;
    let mut resid = Vec::new();
    let css = spec.residuals(&ar, &ma, &mut resid);
    let sigma2 = css / neff;
    if !(sigma2 > 0.0 && sigma2.is_finite()) {
        return None;
    }
    let aicc =
        neff * sigma2.ln() + 2.0 * n_par + 2.0 * n_par * (n_par + 1.0) / (neff - n_par - 1.0);
    Some(Candidate {
        aicc,
        ar,
        ma,
        sigma2,
        resid,
    })
}

impl Fit for AutoArima {
    type Fitted = FittedArima;

    /// # Errors
    /// [`Error::TooShort`] with fewer than 10 usable differenced values,
    /// [`Error::NoModel`] if no order could be estimated.
    fn fit(&self, y: &[f64]) -> Result<FittedArima, Error> {
        check_series(y)?;
        let scale = {
            let s = y.iter().map(|v| v.abs()).sum::<f64>() / y.len() as f64;
            if s > 0.0 && s.is_finite() { s } else { 1.0 }
        };
        let ys: Vec<f64> = y.iter().map(|v| v / scale).collect();
        let mut m = self.season_length;
        let seasonal_d =
            usize::from(m > 1 && ys.len() >= 3 * m && seasonal_strength(&ys, m) > 0.64);
        if ys.len() < 2 * m + 10 {
            m = 1;
        }
        let mut w = if seasonal_d == 1 {
            difference(&ys, self.season_length)
        } else {
            ys.clone()
        };
        let mut d = 0;
        while d < 2 && w.len() > 10 && kpss(&w) > 0.463 {
            w = difference(&w, 1);
            d += 1;
        }
        if w.len() < 10 {
            return Err(Error::TooShort {
                model: "ARIMA",
                needed: 10 + d + seasonal_d * self.season_length,
                got: y.len(),
            });
        }
        // A constant (mean, or drift after one difference) is allowed with
        // at most one difference and, as in auto.arima, kept only if it
        // lowers the AICc.
        let allow_mean = d + seasonal_d <= 1;
        let w_mean = w.iter().sum::<f64>() / w.len() as f64;
        let sm = if seasonal_d == 1 {
            self.season_length
        } else {
            m
        };
        let seasonal = sm > 1 && w.len() > 2 * sm + 10;
        let (max_p, max_q, max_sp, max_sq) = (3, 3, usize::from(seasonal), usize::from(seasonal));

        // Stepwise search (Hyndman and Khandakar, 2008).
        type Key = (Orders, bool);
        let mut tried: Vec<Key> = Vec::new();
        let mut best: Option<(Key, Candidate)> = None;
        let mut consider = |key: Key, best: &mut Option<(Key, Candidate)>| -> bool {
            let (o, c) = key;
            if tried.contains(&key)
                || o.0 > max_p
                || o.1 > max_q
                || o.2 > max_sp
                || o.3 > max_sq
                || (c && !allow_mean)
            {
                return false;
            }
            tried.push(key);
            let mean = if c { w_mean } else { 0.0 };
            match fit_orders(&w, mean, c, o, sm.max(1)) {
                Some(cand) if best.as_ref().is_none_or(|(_, b)| cand.aicc < b.aicc) => {
                    *best = Some((key, cand));
                    true
                }
                _ => false,
            }
        };
        let s = usize::from(seasonal);
        for o in [(2, 2, s, s), (0, 0, 0, 0), (1, 0, s, 0), (0, 1, 0, s)] {
            consider((o, allow_mean), &mut best);
        }
        let mut improved = true;
        let mut rounds = 0;
        while improved && rounds < 20 {
            improved = false;
            rounds += 1;
            let Some((((p, q, sp, sq), c), _)) = best.as_ref().map(|(k, cand)| (*k, cand.aicc))
            else {
                break;
            };
            let dec = |v: usize| v.checked_sub(1);
            let mut neighbours: Vec<Key> = Vec::new();
            for (dp, dq) in [(-1i32, 0i32), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1)] {
                let np = if dp < 0 {
                    dec(p)
                } else {
                    Some(p + dp as usize)
                };
                let nq = if dq < 0 {
                    dec(q)
                } else {
                    Some(q + dq as usize)
                };
                if let (Some(np), Some(nq)) = (np, nq) {
                    neighbours.push(((np, nq, sp, sq), c));
                }
            }
            if seasonal {
                for (a, b) in [(sp ^ 1, sq), (sp, sq ^ 1)] {
                    neighbours.push(((p, q, a, b), c));
                }
            }
            neighbours.push(((p, q, sp, sq), !c));
            for key in neighbours {
                if consider(key, &mut best) {
                    improved = true;
                    break;
                }
            }
        }
        let Some(((orders, has_mean), c)) = best else {
            return Err(Error::NoModel("ARIMA"));
        };
        let mean = if has_mean { w_mean } else { 0.0 };
        // Differencing operator (1 - B)^d (1 - B^m)^D as recursion weights.
        let mut diff_poly = vec![1.0];
        for _ in 0..d {
            diff_poly = poly_mul(&diff_poly, &[1.0, -1.0]);
        }
        if seasonal_d == 1 {
            diff_poly = poly_mul(&diff_poly, &lag_poly(&[1.0], self.season_length, -1.0));
        }
        let delta: Vec<f64> = diff_poly[1..].iter().map(|c| -c).collect();
        Ok(FittedArima {
            orders,
            d,
            seasonal_d,
            m: self.season_length,
            ar: c.ar,
            ma: c.ma,
            mean: mean * scale,
            sigma2: c.sigma2 * scale * scale,
            aicc: c.aicc,
            y: y.to_vec(),
            w: w.iter().map(|v| v * scale).collect(),
            resid: c.resid.iter().map(|v| v * scale).collect(),
            delta,
        })
    }
}

impl FittedArima {
    /// The AICc of the selected orders (CSS likelihood, scaled units).
    pub fn aicc(&self) -> f64 {
        self.aicc
    }

    /// Continues the series with the given future innovations (zero for the
    /// point forecast).
    fn extend(&self, shocks: &[f64]) -> Vec<f64> {
        let h = shocks.len();
        let mut w = self.w.clone();
        let mut e = self.resid.clone();
        let mut y = self.y.clone();
        for shock in shocks {
            let t = w.len();
            let mut z = *shock;
            for (i, a) in self.ar.iter().enumerate() {
                if t > i {
                    z += a * (w[t - 1 - i] - self.mean);
                }
            }
            for (j, b) in self.ma.iter().enumerate() {
                if t > j {
                    z += b * e[t - 1 - j];
                }
            }
            w.push(z + self.mean);
            e.push(*shock);
            let ty = y.len();
            let mut yv = z + self.mean;
            for (i, dl) in self.delta.iter().enumerate() {
                if ty > i {
                    yv += dl * y[ty - 1 - i];
                }
            }
            y.push(yv);
        }
        y.split_off(y.len() - h)
    }

    /// Weights of past innovations in the forecast error (psi weights of
    /// the integrated model).
    fn psi(&self, h: usize) -> Vec<f64> {
        let full_ar = {
            let mut a = vec![1.0];
            a.extend(self.ar.iter().map(|c| -c));
            let mut dp = vec![1.0];
            dp.extend(self.delta.iter().map(|c| -c));
            poly_mul(&a, &dp)
        };
        let mut psi = vec![1.0];
        for j in 1..h {
            let mut v = self.ma.get(j - 1).copied().unwrap_or(0.0);
            for i in 1..=j.min(full_ar.len() - 1) {
                v -= full_ar[i] * psi[j - i];
            }
            psi.push(v);
        }
        psi
    }
}

impl FittedModel for FittedArima {
    /// Those of the differenced series after the AR start-up (which are
    /// zero by construction).
    fn residuals(&self) -> Option<Vec<f64>> {
        Some(self.resid.iter().skip(self.ar.len()).copied().collect())
    }

    fn name(&self) -> String {
        let (p, q, sp, sq) = self.orders;
        if sp + sq + self.seasonal_d > 0 {
            format!(
                "arima({p},{},{q})({sp},{},{sq})[{}]",
                self.d, self.seasonal_d, self.m
            )
        } else {
            format!("arima({p},{},{q})", self.d)
        }
    }

    fn forecast(&self, h: usize, levels: &[f64]) -> Result<Forecast, Error> {
        let point = self.extend(&vec![0.0; h]);
        let psi = self.psi(h);
        let mut acc = 0.0;
        let sd: Vec<f64> = psi
            .iter()
            .map(|p| {
                acc += p * p;
                (self.sigma2 * acc).sqrt()
            })
            .collect();
        normal_forecast(point, &sd, levels)
    }

    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Result<Vec<Vec<f64>>, Error> {
        check_paths(n)?;
        let s = self.sigma2.sqrt();
        Ok(rng::innovations(h, n, seed)
            .iter()
            .map(|z| self.extend(&z.iter().map(|v| s * v).collect::<Vec<_>>()))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stability_test_matches_known_roots() {
        // 1 - 0.5z: root 2, stable; 1 - 1.5z: root 2/3, not.
        assert!(stable(&[0.5], -1.0));
        assert!(!stable(&[1.5], -1.0));
        // 1 - 1.2z + 0.35z^2 = (1 - 0.5z)(1 - 0.7z): stable.
        assert!(stable(&[1.2, -0.35], -1.0));
        // (1 - 0.5z)(1 - 1.25z) = 1 - 1.75z + 0.625z^2: not.
        assert!(!stable(&[1.75, -0.625], -1.0));
    }

    #[test]
    fn forecasts_an_ar1_towards_its_mean() {
        let mut y = vec![0.0; 300];
        let mut r = rng::Rng::new(1);
        for t in 1..300 {
            y[t] = 0.4 * y[t - 1] + r.normal();
        }
        let y: Vec<f64> = y.iter().map(|v| v + 50.0).collect();
        let f = AutoArima::new(1).fit(&y).unwrap();
        let fc = f.forecast(50, &[80.0]).unwrap();
        assert!(
            (fc.point[49] - 50.0).abs() < 1.0,
            "{} {:?}",
            f.name(),
            &fc.point[45..]
        );
    }
}
