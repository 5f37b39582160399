//! Tests of the ETS models.

use super::*;

#[test]
fn spec_display() {
    let s = EtsSpec {
        error: Component::Multiplicative,
        trend: Component::Additive,
        damped: true,
        season: Component::Multiplicative,
    };
    assert_eq!(s.to_string(), "MAdM");
}

#[test]
fn ring_layout_matches_the_recursion() {
    // With gamma = 0 the seasonal states never change, so an exactly
    // periodic additive series is fitted without error.
    let pattern = [3.0, -1.0, -2.0, 0.0];
    let y: Vec<f64> = (0..40).map(|t| 10.0 + pattern[t % 4]).collect();
    let mut ring = pattern.to_vec();
    let (mut l, mut b) = (10.0, 0.0);
    let p = Params {
        alpha: 0.5,
        beta: 0.0,
        gamma: 0.0,
        phi: 1.0,
    };
    let (_, sse) = run::<false, false, 1>(&y, p, &mut l, &mut b, &mut ring);
    assert!(sse < 1e-20);
}
