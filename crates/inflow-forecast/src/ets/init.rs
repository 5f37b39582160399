//! Initial states from a classical decomposition or a Fourier regression.

use super::*;

/// Initial level, slope and seasonal ring (`ring[k]` is the seasonal state
/// of cycle position `k`), as statsforecast's `initstate`.
pub(super) fn initial_states(y: &[f64], m: usize, spec: EtsSpec) -> Option<(f64, f64, Vec<f64>)> {
    let n = y.len();
    let (ring, y_sa): (Vec<f64>, Vec<f64>) = if spec.has_season() {
        if n < 4 {
            return None;
        }
        let mult = spec.season == Component::Multiplicative;
        // Seasonal component per time index.
        let seasonal: Vec<f64> = if n < 3 * m {
            // Too short for a decomposition: linear trend plus one pair of
            // Fourier terms, seasonal = y minus the fitted trend.
            let x: Vec<f64> = (1..=n)
                .flat_map(|t| {
                    let a = std::f64::consts::TAU * t as f64 / m as f64;
                    [1.0, t as f64, a.cos(), a.sin()]
                })
                .collect();
            let c = lstsq(&x, 4, y)?;
            (1..=n)
                .map(|t| {
                    let trend = c[0] + c[1] * t as f64;
                    if mult {
                        y[t - 1] / trend
                    } else {
                        y[t - 1] - trend
                    }
                })
                .collect()
        } else {
            let kind = if mult {
                SeasonKind::Multiplicative
            } else {
                SeasonKind::Additive
            };
            let fig = seasonal_figure(y, m, kind)?;
            (0..n).map(|t| fig[t % m]).collect()
        };
        let mut ring: Vec<f64> = seasonal[..m].to_vec();
        let y_sa: Vec<f64> = if mult {
            for v in &mut ring[1..] {
                *v = v.max(1e-2);
            }
            let s: f64 = ring[1..].iter().sum();
            if s > m as f64 {
                let d: f64 = ring[1..].iter().map(|v| v + 1e-2).sum();
                ring[1..].iter_mut().for_each(|v| *v /= d);
            }
            y.iter()
                .zip(&seasonal)
                .map(|(v, s)| v / s.max(1e-2))
                .collect()
        } else {
            y.iter().zip(&seasonal).map(|(v, s)| v - s).collect()
        };
        (ring, y_sa)
    } else {
        (Vec::new(), y.to_vec())
    };
    let period = if spec.has_season() { m } else { 1 };
    let maxn = (2 * period).max(10).min(n);
    let (l0, b0) = if spec.has_trend() {
        if maxn < 2 {
            return None;
        }
        let x: Vec<f64> = (1..=maxn).flat_map(|t| [1.0, t as f64]).collect();
        let c = lstsq(&x, 2, &y_sa[..maxn])?;
        let (mut l0, mut b0) = (c[0], c[1]);
        if (l0 + b0).abs() < 1e-8 {
            l0 *= 1.0 + 1e-3;
            b0 *= 1.0 - 1e-3;
        }
        (l0, b0)
    } else {
        (y_sa[..maxn].iter().sum::<f64>() / maxn as f64, 0.0)
    };
    let ok = l0.is_finite() && b0.is_finite() && ring.iter().all(|v| v.is_finite());
    ok.then_some((l0, b0, ring))
}
