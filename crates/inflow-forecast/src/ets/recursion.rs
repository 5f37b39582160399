//! The ETS recursion, monomorphised per model form.

use super::*;

#[derive(Clone, Copy, Debug)]
pub(super) struct Params {
    pub(super) alpha: f64,
    pub(super) beta: f64,
    pub(super) gamma: f64,
    pub(super) phi: f64,
}

/// Runs the ETS recursion over `y` from the given initial states (updated in
/// place to the final states). Returns `(lik, sse)` with
/// `lik = n ln(sse) + 2 sum ln|f|` (the last term for multiplicative error
/// only), statsforecast's `-2 log L` up to a constant.
#[inline(always)]
pub(super) fn run<const MULT_ERR: bool, const TREND: bool, const SEASON: u8>(
    y: &[f64],
    p: Params,
    level: &mut f64,
    slope: &mut f64,
    ring: &mut [f64],
) -> (f64, f64) {
    let m = ring.len().max(1);
    let (mut l, mut b) = (*level, *slope);
    let mut sse = 0.0;
    let mut sum_log = 0.0;
    let mut prod = 1.0f64;
    let mut in_block = 0u32;
    let beta_over_alpha = p.beta / p.alpha;
    let mut k = 0usize;
    for &yt in y {
        let phib = if TREND { p.phi * b } else { 0.0 };
        let q = l + phib;
        let sv = if SEASON > 0 { ring[k] } else { 0.0 };
        let f = match SEASON {
            0 => q,
            1 => q + sv,
            _ => q * sv,
        };
        let e = if MULT_ERR {
            let f0 = if f.abs() < TOL { f + TOL } else { f };
            let a = f.abs();
            // Sum of logs as the log of blocks of products: one `ln` per
            // block instead of per step (the logs were most of the cost),
            // flushed early before the product can over- or underflow.
            prod *= if a > 0.0 { a } else { a + 1e-8 };
            in_block += 1;
            if in_block == 16 || !(1e-100..=1e100).contains(&prod) {
                sum_log += prod.ln();
                prod = 1.0;
                in_block = 0;
            }
            (yt - f) / f0
        } else {
            yt - f
        };
        sse += e * e;
        let pval = match SEASON {
            0 => yt,
            1 => yt - sv,
            _ => {
                if sv.abs() < TOL {
                    HUGE
                } else {
                    yt / sv
                }
            }
        };
        let lnew = q + p.alpha * (pval - q);
        if TREND {
            b = phib + beta_over_alpha * (lnew - l - phib);
        }
        if SEASON > 0 {
            let t = if SEASON == 1 {
                yt - q
            } else if q.abs() < TOL {
                HUGE
            } else {
                yt / q
            };
            ring[k] = sv + p.gamma * (t - sv);
            k += 1;
            if k == m {
                k = 0;
            }
        }
        l = lnew;
    }
    if MULT_ERR {
        sum_log += prod.ln();
    }
    *level = l;
    *slope = b;
    let n = y.len() as f64;
    let mut lik = if sse > 0.0 {
        n * sse.ln()
    } else {
        n * (sse + 1e-8).ln()
    };
    if MULT_ERR {
        lik += 2.0 * sum_log;
    }
    (lik, sse)
}

pub(super) fn run_dyn(
    spec: EtsSpec,
    y: &[f64],
    p: Params,
    level: &mut f64,
    slope: &mut f64,
    ring: &mut [f64],
) -> (f64, f64) {
    use Component::{Additive as A, Multiplicative as M, None as N};
    match (spec.error == M, spec.trend == A, spec.season) {
        (false, false, N) => run::<false, false, 0>(y, p, level, slope, ring),
        (false, false, A) => run::<false, false, 1>(y, p, level, slope, ring),
        (false, false, M) => run::<false, false, 2>(y, p, level, slope, ring),
        (false, true, N) => run::<false, true, 0>(y, p, level, slope, ring),
        (false, true, A) => run::<false, true, 1>(y, p, level, slope, ring),
        (false, true, M) => run::<false, true, 2>(y, p, level, slope, ring),
        (true, false, N) => run::<true, false, 0>(y, p, level, slope, ring),
        (true, false, A) => run::<true, false, 1>(y, p, level, slope, ring),
        (true, false, M) => run::<true, false, 2>(y, p, level, slope, ring),
        (true, true, N) => run::<true, true, 0>(y, p, level, slope, ring),
        (true, true, A) => run::<true, true, 1>(y, p, level, slope, ring),
        (true, true, M) => run::<true, true, 2>(y, p, level, slope, ring),
    }
}
