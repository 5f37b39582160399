//! The one way numbers are written for people: thousands grouped with
//! commas, only the decimals a value needs.

/// Writes `v` with its integer digits grouped by thousands and at most
/// `max_decimals` decimals, trailing zeros dropped. Negative values keep
/// their sign; a value that rounds to zero is written `0`.
///
/// ```
/// use inflow_core::number::grouped;
/// assert_eq!(grouped(2593.0, 3), "2,593");
/// assert_eq!(grouped(163.02, 3), "163.02");
/// assert_eq!(grouped(1234567.5, 3), "1,234,567.5");
/// assert_eq!(grouped(-458.0, 0), "-458");
/// assert_eq!(grouped(-0.0001, 2), "0");
/// assert_eq!(grouped(999.9996, 3), "1,000");
/// ```
pub fn grouped(v: f64, max_decimals: usize) -> String {
    let s = format!("{:.*}", max_decimals, v.abs());
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    if v < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// `n` followed by `word`, in the plural unless `n` is one: `1 month`,
/// `3 months`, `0 claims`.
///
/// ```
/// use inflow_core::number::count;
/// assert_eq!(count(1, "month"), "1 month");
/// assert_eq!(count(3, "month"), "3 months");
/// assert_eq!(count(0, "claim"), "0 claims");
/// ```
pub fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A number for machine-readable text (CSV cells): no grouping, at most six
/// decimals, no trailing zeros.
///
/// ```
/// use inflow_core::number::plain;
/// assert_eq!(plain(2593.0), "2593");
/// assert_eq!(plain(163.0200001), "163.02");
/// assert_eq!(plain(1.0 / 3.0), "0.333333");
/// ```
pub fn plain(v: f64) -> String {
    ((v * 1e6).round() / 1e6).to_string()
}
