//! Classical seasonal decomposition and the seasonality test used before a
//! Theta fit.

/// Additive or multiplicative seasonal component.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SeasonKind {
    Additive,
    Multiplicative,
}

/// Seasonal indices by position in the cycle (`figure[i]` belongs to
/// observations `i, i + m, i + 2m, ...`), from a classical decomposition:
/// centred moving average as trend, mean of the detrended values per
/// position, normalised to sum to 0 (additive) or average 1
/// (multiplicative). The same as R's `decompose` and statsmodels'
/// `seasonal_decompose`.
///
/// Returns `None` when a position has no detrended value (fewer than two
/// full cycles) or the result is not finite.
pub(crate) fn seasonal_figure(y: &[f64], m: usize, kind: SeasonKind) -> Option<Vec<f64>> {
    let n = y.len();
    if m < 2 || n < 2 * m {
        return None;
    }
    // Centred moving average: weights 1/m, or for even m the 2xm average
    // with half weights at both ends.
    let half = m / 2;
    let mut sums = vec![0.0; m];
    let mut counts = vec![0usize; m];
    for t in half..n.saturating_sub(half) {
        let trend = if m % 2 == 0 {
            let inner: f64 = y[t + 1 - half..t + half].iter().sum();
            (inner + 0.5 * (y[t - half] + y[t + half])) / m as f64
        } else {
            y[t - half..=t + half].iter().sum::<f64>() / m as f64
        };
        let d = match kind {
            SeasonKind::Additive => y[t] - trend,
            SeasonKind::Multiplicative => y[t] / trend,
        };
        sums[t % m] += d;
        counts[t % m] += 1;
    }
    if counts.contains(&0) {
        return None;
    }
    let mut figure: Vec<f64> = sums
        .iter()
        .zip(&counts)
        .map(|(s, c)| s / *c as f64)
        .collect();
    let mean = figure.iter().sum::<f64>() / m as f64;
    match kind {
        SeasonKind::Additive => figure.iter_mut().for_each(|f| *f -= mean),
        SeasonKind::Multiplicative => figure.iter_mut().for_each(|f| *f /= mean),
    }
    figure.iter().all(|f| f.is_finite()).then_some(figure)
}

/// Whether the series shows seasonality at lag `m`: the lag-`m`
/// autocorrelation exceeds the 90% two-sided bound of Bartlett's formula
/// (statsforecast's and forecTheta's test before a Theta fit).
pub(crate) fn is_seasonal(y: &[f64], m: usize) -> bool {
    let n = y.len();
    if m < 4 || n < 2 * m {
        return false;
    }
    let mean = y.iter().sum::<f64>() / n as f64;
    let denom: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
    if denom <= 0.0 || !denom.is_finite() {
        return false;
    }
    let acf = |k: usize| {
        (0..n - k)
            .map(|t| (y[t] - mean) * (y[t + k] - mean))
            .sum::<f64>()
            / denom
    };
    let r: Vec<f64> = (1..=m).map(acf).collect();
    let stat = ((1.0 + 2.0 * r[..m - 1].iter().map(|v| v * v).sum::<f64>()) / n as f64).sqrt();
    // scipy.stats.norm.ppf(0.95)
    r[m - 1].abs() / stat > 1.644_853_626_951_472_2
}

/// Least squares fit of `y` on the columns of `x` (row-major, `p` columns)
/// through the normal equations; `None` if singular. Only used for tiny
/// designs (at most four columns).
pub(crate) fn lstsq(x: &[f64], p: usize, y: &[f64]) -> Option<Vec<f64>> {
    let mut a = vec![0.0; p * (p + 1)];
    for (row, yv) in x.chunks_exact(p).zip(y) {
        for i in 0..p {
            for j in 0..p {
                a[i * (p + 1) + j] += row[i] * row[j];
            }
            a[i * (p + 1) + p] += row[i] * yv;
        }
    }
    // Gauss-Jordan with partial pivoting on the augmented matrix.
    for c in 0..p {
        let piv = (c..p).max_by(|&i, &j| {
            a[i * (p + 1) + c]
                .abs()
                .total_cmp(&a[j * (p + 1) + c].abs())
        })?;
        if a[piv * (p + 1) + c].abs() < 1e-12 {
            return None;
        }
        for k in 0..=p {
            a.swap(c * (p + 1) + k, piv * (p + 1) + k);
        }
        let d = a[c * (p + 1) + c];
        for k in 0..=p {
            a[c * (p + 1) + k] /= d;
        }
        for r in 0..p {
            if r != c {
                let f = a[r * (p + 1) + c];
                for k in 0..=p {
                    a[r * (p + 1) + k] -= f * a[c * (p + 1) + k];
                }
            }
        }
    }
    let beta: Vec<f64> = (0..p).map(|i| a[i * (p + 1) + p]).collect();
    beta.iter().all(|b| b.is_finite()).then_some(beta)
}

/// A seasonal figure (one factor per season) and whether it divides the
/// series (multiplicative) rather than being subtracted from it.
pub(crate) type Season = Option<(Vec<f64>, bool)>;

/// Seasonal adjustment as the Theta models do it (and CES after them):
/// when the series tests seasonal, a classical decomposition figure,
/// multiplicative if the series is positive and every factor usable,
/// otherwise additive; returns the figure and the adjusted series.
pub(crate) fn seasonal_adjust(y: &[f64], m: usize) -> (Season, Vec<f64>) {
    let season = if is_seasonal(y, m) {
        let positive = y.iter().all(|v| *v > 0.0);
        let mult = positive
            .then(|| seasonal_figure(y, m, SeasonKind::Multiplicative))
            .flatten()
            .filter(|f| f.iter().all(|v| *v >= 0.01));
        match mult {
            Some(f) => Some((f, true)),
            None => seasonal_figure(y, m, SeasonKind::Additive).map(|f| (f, false)),
        }
    } else {
        None
    };
    let adj: Vec<f64> = match &season {
        Some((f, true)) => y.iter().enumerate().map(|(t, v)| v / f[t % m]).collect(),
        Some((f, false)) => y.iter().enumerate().map(|(t, v)| v - f[t % m]).collect(),
        None => y.to_vec(),
    };
    (season, adj)
}

/// statsforecast's sigma for Theta (and CES after it): the standard
/// deviation of the one-step residuals after the first three, put back on
/// the seasonal scale of a multiplicative figure.
pub(crate) fn residual_sigma(resid: &[f64], season: &Season, m: usize) -> f64 {
    let scaled: Vec<f64> = resid
        .iter()
        .enumerate()
        .map(|(t, e)| match season {
            Some((f, true)) => e * f[t % m],
            _ => *e,
        })
        .collect();
    let tail = if scaled.len() >= 5 {
        &scaled[3..]
    } else {
        &scaled[..]
    };
    let mean = tail.iter().sum::<f64>() / tail.len() as f64;
    let var =
        tail.iter().map(|e| (e - mean).powi(2)).sum::<f64>() / (tail.len() as f64 - 1.0).max(1.0);
    if var.is_finite() { var.sqrt() } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_a_pure_seasonal_pattern() {
        let pattern = [1.0, -2.0, 0.5, 0.5];
        let y: Vec<f64> = (0..24)
            .map(|t| 10.0 + 0.1 * t as f64 + pattern[t % 4])
            .collect();
        let fig = seasonal_figure(&y, 4, SeasonKind::Additive).unwrap();
        for (f, p) in fig.iter().zip(pattern) {
            assert!((f - p).abs() < 1e-9, "{fig:?}");
        }
        assert!(is_seasonal(
            &y.iter().map(|v| v - 0.1 * 0.0).collect::<Vec<_>>(),
            4
        ));
    }

    #[test]
    fn lstsq_fits_a_line() {
        let x: Vec<f64> = (0..5).flat_map(|t| [1.0, t as f64]).collect();
        let y: Vec<f64> = (0..5).map(|t| 2.0 + 3.0 * t as f64).collect();
        let b = lstsq(&x, 2, &y).unwrap();
        assert!((b[0] - 2.0).abs() < 1e-9 && (b[1] - 3.0).abs() < 1e-9);
    }
}
