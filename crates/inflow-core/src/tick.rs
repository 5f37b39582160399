//! The period of one observation: a month, a quarter or a year. A series is
//! generic over it ([`crate::Series`]), so a series holds periods of one
//! frequency only: a quarter cannot be stored in a monthly series.

use std::fmt::{Debug, Display};
use std::hash::Hash;
use std::str::FromStr;

use serde::Serialize;

use crate::{Error, Frequency, Year, YearMonth, YearQuarter};

/// What every observation period offers: a frequency, arithmetic on an
/// ordinal, and the months it covers.
///
/// ```
/// use inflow_core::{Tick, YearMonth, YearQuarter};
/// let q: YearQuarter = "2024-Q1".parse()?;
/// assert_eq!(q.shift(-1)?.to_string(), "2023-Q4");
/// // A year back is four quarters back:
/// assert_eq!(q.shift(-YearQuarter::PER_YEAR)?.to_string(), "2023-Q1");
/// assert_eq!(YearQuarter::containing("2024-05".parse()?).to_string(), "2024-Q2");
/// assert_eq!(q.months().len(), 3);
/// assert_eq!(q.long_label(), "Jan-Mar 2024");
/// assert_eq!(q.season_name(), "January-March quarter");
/// assert_eq!(Tick::long_label("2024-04".parse::<YearMonth>()?), "April 2024");
/// # Ok::<(), inflow_core::Error>(())
/// ```
pub trait Tick:
    Copy + Ord + Eq + Hash + Debug + Display + FromStr<Err = Error> + Serialize + Send + Sync + 'static
{
    /// The frequency of series with this period.
    const FREQUENCY: Frequency;
    /// Periods in a year: 12, 4 or 1.
    const PER_YEAR: i32;

    /// A total order usable for arithmetic (periods since year 0).
    fn ordinal(self) -> i32;

    /// The inverse of [`Tick::ordinal`].
    ///
    /// # Errors
    /// [`Error::InvalidPeriod`] or [`Error::InvalidMonth`] outside the
    /// supported years.
    fn from_ordinal(ordinal: i32) -> Result<Self, Error>;

    /// The period that contains `month`.
    fn containing(month: YearMonth) -> Self;

    /// The first month covered.
    fn first_month(self) -> YearMonth;

    /// The last month covered.
    fn last_month(self) -> YearMonth;

    /// The position of the period in its calendar year, 1 to
    /// [`Tick::PER_YEAR`] (the month number, the quarter number, or 1).
    fn in_year(self) -> u32;

    /// The period as the press writes it: `April 2024`, `Apr-Jun 2024`,
    /// `2024`.
    fn long_label(self) -> String;

    /// A short form for comparisons ("vs Mar 2024"): `Mar 2024`,
    /// `Jan-Mar 2024`, `2023`.
    fn short_label(self) -> String;

    /// The same period of every year, for "highest ... on record":
    /// `April`, `April-June quarter`, `year`.
    fn season_name(self) -> String;

    /// This period moved by `n` periods (negative moves back).
    ///
    /// # Errors
    /// As [`Tick::from_ordinal`], also on overflow.
    fn shift(self, n: i32) -> Result<Self, Error> {
        let ord = self
            .ordinal()
            .checked_add(n)
            .ok_or_else(|| Error::InvalidPeriod(format!("{self} + {n} periods")))?;
        Self::from_ordinal(ord)
    }

    /// The periods from `self` to `last`, both included; empty if `last` is
    /// earlier.
    fn until(self, last: Self) -> Vec<Self> {
        (self.ordinal()..=last.ordinal())
            .filter_map(|o| Self::from_ordinal(o).ok())
            .collect()
    }

    /// Every month covered, in order.
    fn months(self) -> Vec<YearMonth> {
        self.first_month().through(self.last_month()).collect()
    }
}

impl Tick for YearMonth {
    const FREQUENCY: Frequency = Frequency::Monthly;
    const PER_YEAR: i32 = 12;

    fn ordinal(self) -> i32 {
        YearMonth::ordinal(self)
    }
    fn from_ordinal(ordinal: i32) -> Result<Self, Error> {
        YearMonth::from_ordinal(ordinal)
    }
    fn containing(month: YearMonth) -> Self {
        month
    }
    fn first_month(self) -> YearMonth {
        self
    }
    fn last_month(self) -> YearMonth {
        self
    }
    fn in_year(self) -> u32 {
        self.month()
    }
    fn long_label(self) -> String {
        YearMonth::long_label(self)
    }
    fn short_label(self) -> String {
        format!("{} {}", self.abbrev(), self.year())
    }
    fn season_name(self) -> String {
        self.name().to_string()
    }
}

impl Tick for YearQuarter {
    const FREQUENCY: Frequency = Frequency::Quarterly;
    const PER_YEAR: i32 = 4;

    fn ordinal(self) -> i32 {
        self.year() * 4 + self.quarter() as i32 - 1
    }
    fn from_ordinal(ordinal: i32) -> Result<Self, Error> {
        YearQuarter::new(ordinal.div_euclid(4), (ordinal.rem_euclid(4) + 1) as u32)
    }
    fn containing(month: YearMonth) -> Self {
        YearQuarter::of_month(month)
    }
    fn first_month(self) -> YearMonth {
        YearQuarter::first_month(self)
    }
    fn last_month(self) -> YearMonth {
        YearQuarter::last_month(self)
    }
    fn in_year(self) -> u32 {
        self.quarter()
    }
    fn long_label(self) -> String {
        format!(
            "{}-{} {}",
            self.first_month().abbrev(),
            self.last_month().abbrev(),
            self.year()
        )
    }
    fn short_label(self) -> String {
        Tick::long_label(self)
    }
    fn season_name(self) -> String {
        format!(
            "{}-{} quarter",
            self.first_month().name(),
            self.last_month().name()
        )
    }
}

impl Tick for Year {
    const FREQUENCY: Frequency = Frequency::Annual;
    const PER_YEAR: i32 = 1;

    fn ordinal(self) -> i32 {
        self.get()
    }
    fn from_ordinal(ordinal: i32) -> Result<Self, Error> {
        Year::new(ordinal)
    }
    fn containing(month: YearMonth) -> Self {
        Year::of_month(month)
    }
    fn first_month(self) -> YearMonth {
        Year::first_month(self)
    }
    fn last_month(self) -> YearMonth {
        Year::last_month(self)
    }
    fn in_year(self) -> u32 {
        1
    }
    fn long_label(self) -> String {
        self.to_string()
    }
    fn short_label(self) -> String {
        self.to_string()
    }
    fn season_name(self) -> String {
        "year".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn ordinals_round_trip(o in 4_000i32..39_999) {
            let q = YearQuarter::from_ordinal(o).unwrap();
            prop_assert_eq!(Tick::ordinal(q), o);
            prop_assert_eq!(YearQuarter::containing(q.first_month()), q);
        }
    }

    #[test]
    fn shifting_past_the_bounds_is_an_error() {
        let q = YearQuarter::new(9999, 4).unwrap();
        assert!(q.shift(1).is_err());
        assert!(q.shift(i32::MAX).is_err());
        assert!(Year::new(1000).unwrap().shift(-1).is_err());
    }
}
