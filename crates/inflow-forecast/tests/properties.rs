//! Properties that must hold for every model on any input.

use inflow_forecast::{ModelSpec, fit, sum_distribution};
use proptest::prelude::*;

/// Monthly-looking series: positive level, trend, seasonality and noise.
fn seasonal_series() -> impl Strategy<Value = Vec<f64>> {
    (
        24usize..72,
        1.0f64..1e4,
        -0.02f64..0.02,
        0.0f64..0.5,
        proptest::collection::vec(-1.0f64..1.0, 72),
    )
        .prop_map(|(n, level, trend, amp, noise)| {
            (0..n)
                .map(|t| {
                    let season = 1.0 + amp * (std::f64::consts::TAU * t as f64 / 12.0).sin();
                    level * (1.0 + trend * t as f64) * season * (1.0 + 0.05 * noise[t])
                })
                .collect()
        })
}

/// Anything finite: short, constant, zero, negative, huge or tiny values.
fn any_finite_series() -> impl Strategy<Value = Vec<f64>> {
    prop_oneof![
        proptest::collection::vec(-1e6f64..1e6, 1..40),
        (1usize..60, -1e3f64..1e3).prop_map(|(n, v)| vec![v; n]),
        (1usize..60).prop_map(|n| vec![0.0; n]),
        proptest::collection::vec(
            prop_oneof![Just(1e300), Just(-1e300), Just(1e-300), 0.0f64..1.0],
            1..50
        ),
        proptest::collection::vec(proptest::num::f64::NORMAL, 1..40),
    ]
}

const SPECS: [ModelSpec; 7] = ModelSpec::ALL;

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn intervals_widen_with_level(y in seasonal_series(), spec_i in 0usize..6) {
        let model = fit(SPECS[spec_i], &y, 12).unwrap();
        let fc = model.forecast(15, &[50.0, 80.0, 95.0]).unwrap();
        for j in 0..15 {
            let tol = 1e-9 * fc.point[j].abs().max(1.0);
            for w in fc.intervals.windows(2) {
                prop_assert!(w[1].lo[j] <= w[0].lo[j] + tol, "{} step {j}", model.name());
                prop_assert!(w[1].hi[j] >= w[0].hi[j] - tol, "{} step {j}", model.name());
            }
            prop_assert!(fc.intervals[0].lo[j] <= fc.point[j] + tol);
            prop_assert!(fc.intervals[0].hi[j] >= fc.point[j] - tol);
        }
    }

    #[test]
    fn path_sums_centre_on_the_sum_of_points(y in seasonal_series(), spec_i in 0usize..6) {
        let model = fit(SPECS[spec_i], &y, 12).unwrap();
        let k = 12;
        let point_sum: f64 = model.forecast(k, &[]).unwrap().point.iter().sum();
        let dist = sum_distribution(model.as_ref(), k, 4000, 11).unwrap();
        let sd = (dist.quantile(0.8413) - dist.quantile(0.1587)) / 2.0;
        // A model fitted on the log scale forecasts each month's median, and
        // the mean of a sum of exponentials lies above the sum of medians;
        // so for it the sum of the paths' monthly medians is compared. The
        // others forecast the mean (1% allowed for multiplicative models,
        // whose point forecast is the median-like deterministic path).
        let centre = if model.name().starts_with("log ") {
            let paths = model.sample_paths(k, 4000, 11).unwrap();
            (0..k)
                .map(|j| {
                    let mut v: Vec<f64> = paths.iter().map(|p| p[j]).collect();
                    v.sort_by(f64::total_cmp);
                    v[v.len() / 2]
                })
                .sum()
        } else {
            dist.mean()
        };
        let tol = 5.0 * sd / (4000f64).sqrt() + 0.01 * point_sum.abs();
        prop_assert!((centre - point_sum).abs() <= tol,
            "{}: centre {centre} (mean {}) vs points {point_sum} (tol {tol})", model.name(), dist.mean());
    }

    #[test]
    fn fitting_never_panics(y in any_finite_series(), spec_i in 0usize..6, m in 1usize..13) {
        if let Ok(model) = fit(SPECS[spec_i], &y, m) {
            let fc = model.forecast(6, &[80.0]).unwrap();
            prop_assert_eq!(fc.point.len(), 6);
            let paths = model.sample_paths(6, 10, 3).unwrap();
            prop_assert_eq!(paths.len(), 10);
        }
    }
}

#[test]
fn sum_distribution_is_deterministic_for_a_seed() {
    let y: Vec<f64> = (0..60)
        .map(|t| 100.0 + t as f64 + 10.0 * ((t % 12) as f64) + 5.0 * (t as f64 * 1.7).sin())
        .collect();
    let model = fit(ModelSpec::Auto, &y, 12).unwrap();
    let a = sum_distribution(model.as_ref(), 12, 500, 99).unwrap();
    let b = sum_distribution(model.as_ref(), 12, 500, 99).unwrap();
    assert_eq!(a.samples(), b.samples());
    let (lo, hi) = a.interval(0.8);
    assert!(lo < a.mean() && a.mean() < hi);
    assert!((a.p_exceed(a.quantile(0.9)) - 0.1).abs() < 0.01);
}

#[test]
fn degenerate_series_fall_back_and_say_so() {
    let m = fit(ModelSpec::Auto, &[3.0, 4.0], 12).unwrap();
    assert!(m.name().contains("fallback"), "{}", m.name());
    assert!(m.fallback().is_some());
    let m = fit(ModelSpec::Arima, &[1.0, 2.0, 3.0], 12).unwrap();
    assert!(m.name().contains("fallback"), "{}", m.name());
}
