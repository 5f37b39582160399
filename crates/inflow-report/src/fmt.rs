//! Numbers written as the press writes them: `$310 million`,
//! `$2.593 billion`, `21.5%`.

use inflow_core::{Currency, Unit};

/// Groups the integer digits of a non-negative number by thousands and
/// keeps only the decimals it needs (at most `max_decimals`): the one
/// thousands-grouping formatter, `inflow_core::number::grouped`, on the
/// absolute value (signs are words in prose: "up", "down").
///
/// ```
/// assert_eq!(inflow_report::fmt::grouped(3000.0, 0), "3,000");
/// assert_eq!(inflow_report::fmt::grouped(1234.5, 2), "1,234.5");
/// ```
pub fn grouped(v: f64, max_decimals: usize) -> String {
    inflow_core::number::grouped(v.abs(), max_decimals)
}

fn currency_prefix(c: Currency) -> String {
    match c.as_str() {
        "USD" => "$".to_string(),
        other => format!("{other} "),
    }
}

/// An amount of `unit` without sign, scaled to millions or billions as the
/// press does: billions with up to three decimals, millions with the digits
/// published.
///
/// ```
/// use inflow_core::Unit;
/// use inflow_report::fmt::money;
/// assert_eq!(money(310.0, Unit::USD_MILLION), "$310 million");
/// assert_eq!(money(2593.0, Unit::USD_MILLION), "$2.593 billion");
/// assert_eq!(money(3000.0, Unit::USD_MILLION), "$3 billion");
/// assert_eq!(money(163.02, Unit::USD_MILLION), "$163.02 million");
/// assert_eq!(money(-458.0, Unit::USD_MILLION), "$458 million");
/// assert_eq!(money(3197.5, Unit::USD_MILLION), "$3.198 billion");
/// ```
pub fn money(v: f64, unit: Unit) -> String {
    let units = v.abs() * unit.scale.factor();
    let prefix = currency_prefix(unit.currency);
    // Round first so that 999.9996 million is written as a billion.
    let millions = (units / 1e6 * 1000.0).round() / 1000.0;
    if millions >= 1000.0 {
        // Three decimals of a billion are whole millions: round those, so
        // that 3,197.5 million is $3.198 billion, as a reader rounds it
        // (dividing first would leave 3.19749... and print 3.197).
        let whole_millions = (units / 1e6).round();
        format!("{prefix}{} billion", grouped(whole_millions / 1000.0, 3))
    } else if units >= 1e6 {
        format!("{prefix}{} million", grouped(units / 1e6, 3))
    } else {
        format!("{prefix}{}", grouped(units, 2))
    }
}

/// Like [`money`], but billions always with three decimals, for figures
/// printed side by side (a projected total and its interval), where
/// "$4.59 billion" beside "$4.512 billion" looks like another precision.
///
/// ```
/// use inflow_core::Unit;
/// use inflow_report::fmt::money_aligned;
/// assert_eq!(money_aligned(4590.0, Unit::USD_MILLION), "$4.590 billion");
/// assert_eq!(money_aligned(3000.0, Unit::USD_MILLION), "$3.000 billion");
/// assert_eq!(money_aligned(4512.4, Unit::USD_MILLION), "$4.512 billion");
/// assert_eq!(money_aligned(310.0, Unit::USD_MILLION), "$310 million");
/// ```
pub fn money_aligned(v: f64, unit: Unit) -> String {
    let s = money(v, unit);
    let Some(number) = s.strip_suffix(" billion") else {
        return s;
    };
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    format!("{int}.{frac:0<3} billion")
}

/// A percentage without sign, one decimal: `21.5%`.
///
/// ```
/// assert_eq!(inflow_report::fmt::pct(-21.452), "21.5%");
/// assert_eq!(inflow_report::fmt::pct(62.3), "62.3%");
/// ```
pub fn pct(v: f64) -> String {
    format!("{:.1}%", round1(v.abs()))
}

/// A probability in whole percent (one decimal near the ends), never
/// claiming certainty the projection does not have: `more than 99.9%` and
/// `less than 0.1%` at the ends, the thresholds of
/// [`inflow_analytics::round::probability_text`].
///
/// ```
/// assert_eq!(inflow_report::fmt::chance(0.973), "97%");
/// assert_eq!(inflow_report::fmt::chance(0.996), "99.6%");
/// assert_eq!(inflow_report::fmt::chance(0.9999), "more than 99.9%");
/// assert_eq!(inflow_report::fmt::chance(0.0002), "less than 0.1%");
/// ```
pub fn chance(p: f64) -> String {
    let pc = p * 100.0;
    if p > 0.999 {
        "more than 99.9%".to_string()
    } else if p < 0.001 {
        "less than 0.1%".to_string()
    } else if !(1.0..=99.0).contains(&pc) {
        format!("{pc:.1}%")
    } else {
        format!("{:.0}%", pc.round())
    }
}

/// Rounds to one decimal, half away from zero, without `-0.0`.
pub fn round1(v: f64) -> f64 {
    inflow_analytics::round::round_to(v, 1)
}

/// A plain number with the digits published (`2593`, `163.02`), as used in
/// computations of the evidence.
///
/// ```
/// assert_eq!(inflow_report::fmt::plain(2593.0), "2593");
/// assert_eq!(inflow_report::fmt::plain(163.02), "163.02");
/// assert_eq!(inflow_report::fmt::plain(-3.0), "-3");
/// ```
pub fn plain(v: f64) -> String {
    let v = inflow_analytics::round::clean(v);
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A long date as the press writes it: `20 May 2024`.
pub fn long_date(d: inflow_core::Date) -> String {
    let m = inflow_core::month::MONTH_NAMES[usize::from(d.month().unsigned_abs()) - 1];
    format!("{} {m} {}", d.day(), d.year())
}

/// Joins items as English prose: `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
