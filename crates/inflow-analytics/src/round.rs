//! Rounding used in machine-readable output.
//!
//! Percentages are published to one decimal (21.5%), and money sums carry
//! binary noise (163.02 + 124 = 287.02000000000004), so serialized figures
//! are rounded here, once, rather than by every consumer.

/// Rounds to `decimals` places, half away from zero.
///
/// ```
/// assert_eq!(inflow_analytics::round::round_to(21.4520, 1), 21.5);
/// assert_eq!(inflow_analytics::round::round_to(-0.05, 1), -0.1);
/// ```
pub fn round_to(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    let r = (v * f).round() / f;
    // Avoid printing "-0.0".
    if r == 0.0 { 0.0 } else { r }
}

/// Rounds an amount to remove binary noise while keeping every published
/// digit (published values have at most three decimals).
pub fn clean(v: f64) -> f64 {
    round_to(v, 6)
}

/// A probability as text: one decimal in percent, and `>99.9%` or `<0.1%`
/// rather than a rounded `100.0%` or `0.0%`, which would claim a certainty
/// no projection has.
///
/// ```
/// use inflow_analytics::round::probability_text;
/// assert_eq!(probability_text(0.4567), "45.7%");
/// assert_eq!(probability_text(0.99991), ">99.9%");
/// assert_eq!(probability_text(0.0002), "<0.1%");
/// assert_eq!(probability_text(1.0), "100%");
/// ```
pub fn probability_text(p: f64) -> String {
    if p >= 1.0 {
        "100%".into()
    } else if p <= 0.0 {
        "0%".into()
    } else if p > 0.999 {
        ">99.9%".into()
    } else if p < 0.001 {
        "<0.1%".into()
    } else {
        format!("{:.1}%", p * 100.0)
    }
}

/// Serde helpers that round on output.
pub mod serde_round {
    use serde::Serializer;

    /// Serializes a percentage with one decimal.
    pub fn pct<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(super::round_to(*v, 1))
    }

    /// Serializes an optional percentage with one decimal.
    pub fn opt_pct<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_f64(super::round_to(*v, 1)),
            None => s.serialize_none(),
        }
    }

    /// Serializes an optional amount without binary noise.
    pub fn opt_amount<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_f64(super::clean(*v)),
            None => s.serialize_none(),
        }
    }

    /// Serializes an amount without binary noise.
    pub fn amount<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(super::clean(*v))
    }
}
