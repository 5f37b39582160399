//! Calendar quarters and calendar years: the periods of quarterly and annual
//! series, written as SDMX writes them (`2024-Q1`, `2024`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::month::{MAX_YEAR, MIN_YEAR};
use crate::{Error, YearMonth};

/// A calendar quarter, such as the second quarter of 2019 (April to June).
///
/// Quarters are calendar quarters, as SDMX and the IMF publish them; a
/// fiscal label (`FY2019-20 Q1` for an April year) is a way of writing one
/// (see [`crate::FiscalCalendar::quarter_label`]), not another value.
///
/// ```
/// use inflow_core::YearQuarter;
/// let q: YearQuarter = "2019-Q2".parse()?;
/// assert_eq!(q.first_month().to_string(), "2019-04");
/// assert_eq!(q.last_month().to_string(), "2019-06");
/// assert_eq!(q.to_string(), "2019-Q2");
/// // A month is not a quarter, and there is no fifth quarter:
/// assert!("2019-06".parse::<YearQuarter>().is_err());
/// assert!("2019-Q5".parse::<YearQuarter>().is_err());
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearQuarter {
    // Field order matters: the derived ordering is chronological.
    year: i16,
    quarter: u8,
}

impl YearQuarter {
    /// Builds a quarter from a year and a quarter number (1 = January to March).
    ///
    /// # Errors
    /// [`Error::InvalidPeriod`] if the quarter is not 1 to 4 or the year is
    /// not between [`MIN_YEAR`] and [`MAX_YEAR`].
    pub fn new(year: i32, quarter: u32) -> Result<Self, Error> {
        if !(1..=4).contains(&quarter) || !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(Error::InvalidPeriod(format!(
                "{year:04}-Q{quarter}: expected YYYY-Qn with n from 1 to 4"
            )));
        }
        Ok(YearQuarter {
            year: year as i16,
            quarter: quarter as u8,
        })
    }

    /// The quarter a month falls in.
    pub fn of_month(month: YearMonth) -> Self {
        YearQuarter {
            year: month.year() as i16,
            quarter: ((month.month() - 1) / 3 + 1) as u8,
        }
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        i32::from(self.year)
    }

    /// The quarter number, 1 to 4.
    pub fn quarter(self) -> u32 {
        u32::from(self.quarter)
    }

    /// The quarter's first month.
    pub fn first_month(self) -> YearMonth {
        // In range by construction: the year is valid and the month 1 to 10.
        YearMonth::from_valid_parts(self.year, self.quarter * 3 - 2)
    }

    /// The quarter's last month.
    pub fn last_month(self) -> YearMonth {
        YearMonth::from_valid_parts(self.year, self.quarter * 3)
    }
}

/// A calendar year as the period of an annual series, such as `2019`.
///
/// ```
/// use inflow_core::Year;
/// let y: Year = "2019".parse()?;
/// assert_eq!(y.first_month().to_string(), "2019-01");
/// assert_eq!(y.last_month().to_string(), "2019-12");
/// assert!("2019-01".parse::<Year>().is_err());
/// assert!("19".parse::<Year>().is_err());
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Year(i16);

impl Year {
    /// Builds a year.
    ///
    /// # Errors
    /// [`Error::InvalidPeriod`] outside [`MIN_YEAR`] to [`MAX_YEAR`].
    pub fn new(year: i32) -> Result<Self, Error> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(Error::InvalidPeriod(format!(
                "{year}: expected a four-digit year YYYY"
            )));
        }
        Ok(Year(year as i16))
    }

    /// The year of a month (always in range, as the month's is).
    pub fn of_month(month: YearMonth) -> Self {
        Year(month.year() as i16)
    }

    /// The year as a number.
    pub fn get(self) -> i32 {
        i32::from(self.0)
    }

    /// January of the year.
    pub fn first_month(self) -> YearMonth {
        YearMonth::from_valid_parts(self.0, 1)
    }

    /// December of the year.
    pub fn last_month(self) -> YearMonth {
        YearMonth::from_valid_parts(self.0, 12)
    }
}

impl fmt::Display for YearQuarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.quarter)
    }
}

impl fmt::Debug for YearQuarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "YearQuarter({self})")
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.0)
    }
}

impl fmt::Debug for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Year({self})")
    }
}

fn four_digits(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl FromStr for YearQuarter {
    type Err = Error;

    /// Parses `YYYY-Qn` (SDMX), also `YYYYQn` and a lower-case `q`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad =
            || Error::InvalidPeriod(format!("{s:?}: expected a quarter YYYY-Qn such as 2019-Q2"));
        let (y, q) = match s.split_once(['Q', 'q']) {
            Some((y, q)) => (y.strip_suffix('-').unwrap_or(y), q),
            None => return Err(bad()),
        };
        let year = four_digits(y).ok_or_else(bad)?;
        if q.len() != 1 || !q.as_bytes()[0].is_ascii_digit() {
            return Err(bad());
        }
        YearQuarter::new(year, u32::from(q.as_bytes()[0] - b'0')).map_err(|_| bad())
    }
}

impl FromStr for Year {
    type Err = Error;

    /// Parses exactly `YYYY`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let year = four_digits(s).ok_or_else(|| {
            Error::InvalidPeriod(format!("{s:?}: expected a year YYYY such as 2019"))
        })?;
        Year::new(year)
    }
}

macro_rules! serde_as_text {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

serde_as_text!(YearQuarter);
serde_as_text!(Year);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quarter_forms() {
        assert_eq!(
            "2019Q2".parse::<YearQuarter>().unwrap().to_string(),
            "2019-Q2"
        );
        assert_eq!("2019-q4".parse::<YearQuarter>().unwrap().quarter(), 4);
        for s in [
            "2019-Q0", "2019-Q", "2019-Q12", "19-Q1", "2019-06", "", "Q1", "2019--Q1", "0999-Q1",
        ] {
            assert!(s.parse::<YearQuarter>().is_err(), "{s:?}");
        }
        let m: YearMonth = "2024-09".parse().unwrap();
        assert_eq!(YearQuarter::of_month(m).to_string(), "2024-Q3");
    }

    proptest! {
        #[test]
        fn quarter_round_trips(y in MIN_YEAR..=MAX_YEAR, q in 1u32..=4) {
            let v = YearQuarter::new(y, q).unwrap();
            prop_assert_eq!(v.to_string().parse::<YearQuarter>().unwrap(), v);
            prop_assert_eq!(YearQuarter::of_month(v.first_month()), v);
            prop_assert_eq!(YearQuarter::of_month(v.last_month()), v);
        }

        #[test]
        fn parse_never_panics(s in ".{0,10}") {
            let _ = s.parse::<YearQuarter>();
            let _ = s.parse::<Year>();
        }
    }
}
