//! Box-constrained Nelder-Mead minimisation.
//!
//! The variant used by statsforecast for ETS and Theta (adaptive coefficients
//! of Gao and Han, 2012; points clamped into the box; stop when the standard
//! deviation of the simplex values falls below a tolerance), so that fitted
//! parameters land where statsforecast's do.

/// Settings of one minimisation.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NelderMead {
    /// Relative size of the initial simplex.
    pub init_step: f64,
    /// Step for a coordinate that starts at exactly zero.
    pub zero_pert: f64,
    /// Stop when the simplex values' standard deviation is below this.
    pub tol_std: f64,
    /// Iteration cap.
    pub max_iter: usize,
}

impl Default for NelderMead {
    fn default() -> Self {
        NelderMead {
            init_step: 0.05,
            zero_pert: 1e-4,
            tol_std: 1e-4,
            max_iter: 1_000,
        }
    }
}

/// The best point found and its value.
#[derive(Clone, Debug)]
pub(crate) struct Minimum {
    pub x: Vec<f64>,
    pub f: f64,
}

fn clamp_into(x: &mut [f64], lower: &[f64], upper: &[f64]) {
    for ((v, lo), hi) in x.iter_mut().zip(lower).zip(upper) {
        *v = v.max(*lo).min(*hi);
    }
}

fn std_dev(v: &[f64]) -> f64 {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    (v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n).sqrt()
}

impl NelderMead {
    /// Minimises `f` from `x0` within `[lower, upper]` (non-finite values of
    /// `f` count as +inf).
    pub(crate) fn minimize(
        &self,
        mut f: impl FnMut(&[f64]) -> f64,
        x0: &[f64],
        lower: &[f64],
        upper: &[f64],
    ) -> Minimum {
        let n = x0.len();
        let mut eval = |x: &[f64]| {
            let v = f(x);
            if v.is_nan() { f64::INFINITY } else { v }
        };
        if n == 0 {
            return Minimum {
                x: Vec::new(),
                f: eval(&[]),
            };
        }
        let nf = n as f64;
        let (alpha, gamma, rho, sigma) =
            (1.0, 1.0 + 2.0 / nf, 0.75 - 1.0 / (2.0 * nf), 1.0 - 1.0 / nf);
        let mut start = x0.to_vec();
        clamp_into(&mut start, lower, upper);
        let mut simplex: Vec<Vec<f64>> = vec![start; n + 1];
        for i in 0..n {
            let v = &mut simplex[i][i];
            *v = if *v == 0.0 {
                self.zero_pert
            } else {
                *v * (1.0 + self.init_step)
            };
            *v = v.max(lower[i]).min(upper[i]);
        }
        let mut fs: Vec<f64> = simplex.iter().map(|x| eval(x)).collect();
        let mut order: Vec<usize> = (0..=n).collect();
        let mut centroid = vec![0.0; n];
        let mut xr = vec![0.0; n];
        let mut xt = vec![0.0; n];
        let mut best = 0;
        for _ in 0..self.max_iter {
            if std_dev(&fs) < self.tol_std {
                break;
            }
            order.sort_by(|&a, &b| fs[a].total_cmp(&fs[b]));
            best = order[0];
            let worst = order[n];
            let second = order[n - 1];
            centroid.iter_mut().for_each(|c| *c = 0.0);
            for &j in &order[..n] {
                for (c, v) in centroid.iter_mut().zip(&simplex[j]) {
                    *c += v / nf;
                }
            }
            for k in 0..n {
                xr[k] = centroid[k] + alpha * (centroid[k] - simplex[worst][k]);
            }
            clamp_into(&mut xr, lower, upper);
            let fr = eval(&xr);
            if fs[best] <= fr && fr < fs[second] {
                simplex[worst].copy_from_slice(&xr);
                fs[worst] = fr;
                continue;
            }
            if fr < fs[best] {
                for k in 0..n {
                    xt[k] = centroid[k] + gamma * (xr[k] - centroid[k]);
                }
                clamp_into(&mut xt, lower, upper);
                let fe = eval(&xt);
                if fe < fr {
                    simplex[worst].copy_from_slice(&xt);
                    fs[worst] = fe;
                } else {
                    simplex[worst].copy_from_slice(&xr);
                    fs[worst] = fr;
                }
                continue;
            }
            if fs[second] <= fr && fr < fs[worst] {
                for k in 0..n {
                    xt[k] = centroid[k] + rho * (xr[k] - centroid[k]);
                }
                clamp_into(&mut xt, lower, upper);
                let fc = eval(&xt);
                if fc <= fr {
                    simplex[worst].copy_from_slice(&xt);
                    fs[worst] = fc;
                    continue;
                }
            } else {
                for k in 0..n {
                    xt[k] = centroid[k] - rho * (xr[k] - centroid[k]);
                }
                clamp_into(&mut xt, lower, upper);
                let fc = eval(&xt);
                if fc < fs[worst] {
                    simplex[worst].copy_from_slice(&xt);
                    fs[worst] = fc;
                    continue;
                }
            }
            // Shrink towards the best point.
            let xb = simplex[best].clone();
            for (j, row) in simplex.iter_mut().enumerate() {
                if j == best {
                    continue;
                }
                for k in 0..n {
                    row[k] = (xb[k] + sigma * (row[k] - xb[k]))
                        .max(lower[k])
                        .min(upper[k]);
                }
                fs[j] = eval(row);
            }
        }
        // statsforecast returns the best point of the last ordering; taking
        // the true minimum is never worse.
        let arg = (0..=n)
            .min_by(|&a, &b| fs[a].total_cmp(&fs[b]))
            .unwrap_or(best);
        Minimum {
            x: simplex[arg].clone(),
            f: fs[arg],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_a_bowl_inside_the_box() {
        let nm = NelderMead {
            tol_std: 1e-12,
            ..NelderMead::default()
        };
        let m = nm.minimize(
            |x| (x[0] - 0.3).powi(2) + 10.0 * (x[1] + 2.0).powi(2),
            &[0.5, 1.0],
            &[0.0, -1.0],
            &[1.0, 5.0],
        );
        assert!((m.x[0] - 0.3).abs() < 1e-4, "{:?}", m.x);
        // The unconstrained minimum at -2 is outside the box.
        assert!((m.x[1] + 1.0).abs() < 1e-6, "{:?}", m.x);
    }
}
