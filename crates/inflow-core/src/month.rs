//! Calendar months.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

/// Three-letter English month abbreviations, January first.
pub const MONTH_ABBREVS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Full English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Smallest year a [`YearMonth`] accepts.
pub const MIN_YEAR: i32 = 1000;
/// Largest year a [`YearMonth`] accepts.
pub const MAX_YEAR: i32 = 9999;

/// A calendar month of a year, such as April 2024.
///
/// The year is limited to four digits (1000 to 9999) so that every value has
/// exactly one `YYYY-MM` spelling and month arithmetic can never overflow.
///
/// ```
/// use inflow_core::YearMonth;
///
/// let april: YearMonth = "2024-04".parse()?;
/// assert_eq!(april.to_string(), "2024-04");
/// // Stepping over a year boundary:
/// assert_eq!("2023-12".parse::<YearMonth>()?.succ()?.to_string(), "2024-01");
/// // Invalid months are rejected, not wrapped:
/// assert!("2024-13".parse::<YearMonth>().is_err());
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    // Field order matters: the derived ordering is chronological.
    year: i16,
    month: u8,
}

impl YearMonth {
    /// Builds a month from a year and a month number (1 = January).
    ///
    /// # Errors
    /// [`Error::InvalidMonth`] if the month is not 1 to 12 or the year is not
    /// between [`MIN_YEAR`] and [`MAX_YEAR`].
    pub fn new(year: i32, month: u32) -> Result<Self, Error> {
        if !(1..=12).contains(&month) || !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(Error::InvalidMonth(format!("{year:04}-{month:02}")));
        }
        Ok(YearMonth {
            year: year as i16,
            month: month as u8,
        })
    }

    /// A month from parts the caller has already validated (a year within
    /// [`MIN_YEAR`]..=[`MAX_YEAR`], a month 1 to 12).
    pub(crate) const fn from_valid_parts(year: i16, month: u8) -> Self {
        YearMonth { year, month }
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        i32::from(self.year)
    }

    /// The month number, 1 (January) to 12 (December).
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// Months since January of year 0; a total order usable for arithmetic.
    pub fn ordinal(self) -> i32 {
        self.year() * 12 + self.month() as i32 - 1
    }

    /// The inverse of [`YearMonth::ordinal`].
    ///
    /// # Errors
    /// [`Error::InvalidMonth`] when the result falls outside the supported years.
    pub fn from_ordinal(ordinal: i32) -> Result<Self, Error> {
        YearMonth::new(ordinal.div_euclid(12), (ordinal.rem_euclid(12) + 1) as u32)
    }

    /// This month moved by `n` months (negative moves back).
    ///
    /// ```
    /// use inflow_core::YearMonth;
    /// let m: YearMonth = "2024-04".parse()?;
    /// assert_eq!(m.add_months(-12)?.to_string(), "2023-04");
    /// assert_eq!(m.add_months(9)?.to_string(), "2025-01");
    /// # Ok::<(), inflow_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidMonth`] when the result falls outside the supported years.
    pub fn add_months(self, n: i32) -> Result<Self, Error> {
        let ord = self
            .ordinal()
            .checked_add(n)
            .ok_or_else(|| Error::InvalidMonth(format!("{self} + {n} months")))?;
        YearMonth::from_ordinal(ord)
    }

    /// The next month.
    ///
    /// # Errors
    /// [`Error::InvalidMonth`] after December 9999.
    pub fn succ(self) -> Result<Self, Error> {
        self.add_months(1)
    }

    /// The previous month.
    ///
    /// # Errors
    /// [`Error::InvalidMonth`] before January 1000.
    pub fn pred(self) -> Result<Self, Error> {
        self.add_months(-1)
    }

    /// Number of months from `self` to `other` (positive when `other` is later).
    pub fn months_until(self, other: YearMonth) -> i32 {
        other.ordinal() - self.ordinal()
    }

    /// The months from `self` to `last`, both included; empty if `last` is earlier.
    pub fn through(self, last: YearMonth) -> impl Iterator<Item = YearMonth> {
        (self.ordinal()..=last.ordinal()).filter_map(|o| YearMonth::from_ordinal(o).ok())
    }

    /// Three-letter English abbreviation of the month, such as `Apr`.
    pub fn abbrev(self) -> &'static str {
        MONTH_ABBREVS[usize::from(self.month) - 1]
    }

    /// Full English month name, such as `April`.
    pub fn name(self) -> &'static str {
        MONTH_NAMES[usize::from(self.month) - 1]
    }

    /// The month written as the press writes it: `April 2024`.
    pub fn long_label(self) -> String {
        format!("{} {}", self.name(), self.year)
    }
}

/// Parses an English month name or its three-letter abbreviation (any case)
/// into a month number.
///
/// ```
/// assert_eq!(inflow_core::month::parse_month_name("jul"), Some(7));
/// assert_eq!(inflow_core::month::parse_month_name("September"), Some(9));
/// assert_eq!(inflow_core::month::parse_month_name("Sept"), Some(9));
/// assert_eq!(inflow_core::month::parse_month_name("Ju"), None);
/// ```
pub fn parse_month_name(s: &str) -> Option<u32> {
    let lower = s.to_ascii_lowercase();
    if lower == "sept" {
        return Some(9);
    }
    MONTH_NAMES
        .iter()
        .zip(MONTH_ABBREVS)
        .position(|(name, abbr)| {
            lower == name.to_ascii_lowercase() || lower == abbr.to_ascii_lowercase()
        })
        .map(|i| i as u32 + 1)
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl fmt::Debug for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "YearMonth({self})")
    }
}

impl FromStr for YearMonth {
    type Err = Error;

    /// Parses exactly `YYYY-MM`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = || Error::InvalidMonth(s.to_string());
        let b = s.as_bytes();
        if b.len() != 7
            || b[4] != b'-'
            || !b
                .iter()
                .enumerate()
                .all(|(i, c)| i == 4 || c.is_ascii_digit())
        {
            return Err(bad());
        }
        let year: i32 = s[..4].parse().map_err(|_| bad())?;
        let month: u32 = s[5..].parse().map_err(|_| bad())?;
        YearMonth::new(year, month).map_err(|_| bad())
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rejects_malformed() {
        for s in [
            "2024-13", "2024-00", "2024-4", "24-04", "2024/04", "", "0999-01", "2024-04 ",
            "+024-04",
        ] {
            assert!(s.parse::<YearMonth>().is_err(), "{s:?} should be rejected");
        }
    }

    #[test]
    fn arithmetic_crosses_years() {
        let m: YearMonth = "2024-01".parse().unwrap();
        assert_eq!(m.pred().unwrap().to_string(), "2023-12");
        assert_eq!(m.months_until("2025-03".parse().unwrap()), 14);
        assert_eq!(m.through("2024-03".parse().unwrap()).count(), 3);
        assert_eq!(m.through("2023-03".parse().unwrap()).count(), 0);
    }

    #[test]
    fn bounds_are_errors_not_panics() {
        assert!(YearMonth::new(9999, 12).unwrap().succ().is_err());
        assert!(YearMonth::new(1000, 1).unwrap().pred().is_err());
        assert!(
            YearMonth::new(2000, 1)
                .unwrap()
                .add_months(i32::MAX)
                .is_err()
        );
    }

    proptest! {
        #[test]
        fn display_parse_round_trip(y in MIN_YEAR..=MAX_YEAR, m in 1u32..=12) {
            let ym = YearMonth::new(y, m).unwrap();
            prop_assert_eq!(ym.to_string().parse::<YearMonth>().unwrap(), ym);
        }

        #[test]
        fn parse_never_panics(s in ".{0,12}") {
            let _ = s.parse::<YearMonth>();
        }

        #[test]
        fn ordinal_round_trip_and_order(a in 12_000i32..119_999, b in 12_000i32..119_999) {
            let x = YearMonth::from_ordinal(a).unwrap();
            let y = YearMonth::from_ordinal(b).unwrap();
            prop_assert_eq!(x.ordinal(), a);
            prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            prop_assert_eq!(x.months_until(y), b - a);
        }
    }
}
