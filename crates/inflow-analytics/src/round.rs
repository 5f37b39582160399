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

/// Half a unit in the last decimal place a published value carries: the
/// most that rounding to its printed precision can have moved it. The
/// precision is read from the value itself (at most six decimals), so a
/// figure printed as `32.80` counts as one decimal, which only widens the
/// tolerance built on it.
///
/// ```
/// use inflow_analytics::round::half_unit_in_last_place as h;
/// assert_eq!(h(2593.0), 0.5);
/// assert_eq!(h(32.81), 0.005);
/// assert_eq!(h(1106.027), 0.0005);
/// assert_eq!(h(0.0), 0.5);
/// ```
pub fn half_unit_in_last_place(v: f64) -> f64 {
    let decimals = (0..6)
        .find(|&d| {
            let scaled = v * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0)
        })
        .unwrap_or(6);
    0.5 / 10f64.powi(decimals)
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
