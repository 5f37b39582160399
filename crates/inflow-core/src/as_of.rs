//! The point in time a question is asked from: the latest values, a date,
//! or a month (the vintage of that month's first release).

use std::fmt;
use std::str::FromStr;

use crate::{Date, Error, YearMonth, parse_date};

/// Which data to use, as a user names it with `--as-of` or `?as_of=`.
///
/// `YYYY-MM` means what a reader had when that month's figure was first
/// published (the vintage of its first release); `YYYY-MM-DD` means what
/// was known at the end of that date.
///
/// ```
/// use inflow_core::AsOf;
/// assert!(matches!("2024-04".parse(), Ok(AsOf::Month(_))));
/// assert!(matches!("2024-05-21".parse(), Ok(AsOf::Date(_))));
/// assert_eq!("latest".parse::<AsOf>()?, AsOf::Latest);
/// assert_eq!("2024-04".parse::<AsOf>()?.to_string(), "2024-04");
/// let e = "2024-4".parse::<AsOf>().unwrap_err().to_string();
/// assert_eq!(e, "invalid as-of \"2024-4\": expected a month YYYY-MM or a date YYYY-MM-DD");
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum AsOf {
    /// Everything in the latest vintage.
    #[default]
    Latest,
    /// Data through this month, as known when it was first published.
    Month(YearMonth),
    /// Everything known at the end of this date.
    Date(Date),
}

impl AsOf {
    /// Parses `YYYY-MM` (a month), `YYYY-MM-DD` (a date) or `latest`.
    ///
    /// # Errors
    /// [`Error::InvalidField`] when no form parses.
    pub fn parse(s: &str) -> Result<AsOf, Error> {
        let invalid = || Error::InvalidField {
            field: "as-of",
            value: s.to_string(),
            expected: "a month YYYY-MM or a date YYYY-MM-DD",
        };
        match s.len() {
            6 if s == "latest" => Ok(AsOf::Latest),
            7 => s.parse().map(AsOf::Month).map_err(|_| invalid()),
            10 => parse_date(s).map(AsOf::Date).map_err(|_| invalid()),
            _ => Err(invalid()),
        }
    }
}

impl FromStr for AsOf {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AsOf::parse(s)
    }
}

impl fmt::Display for AsOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AsOf::Latest => f.write_str("latest"),
            AsOf::Month(m) => write!(f, "{m}"),
            AsOf::Date(d) => write!(f, "{d}"),
        }
    }
}

impl<'de> serde::Deserialize<'de> for AsOf {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl serde::Serialize for AsOf {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
