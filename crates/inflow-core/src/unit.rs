//! Units of measure with scale: `USD million`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

/// A power-of-ten scale applied to a currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scale {
    /// Single units.
    Units,
    /// Thousands (10^3).
    Thousand,
    /// Millions (10^6).
    Million,
    /// Billions (10^9).
    Billion,
}

impl Scale {
    /// The multiplier to single units.
    pub fn factor(self) -> f64 {
        match self {
            Scale::Units => 1.0,
            Scale::Thousand => 1e3,
            Scale::Million => 1e6,
            Scale::Billion => 1e9,
        }
    }

    /// The English word, empty for single units.
    pub fn word(self) -> &'static str {
        match self {
            Scale::Units => "",
            Scale::Thousand => "thousand",
            Scale::Million => "million",
            Scale::Billion => "billion",
        }
    }
}

/// A currency code: three upper-case ASCII letters as in ISO 4217 (`USD`, `PKR`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// United States dollar.
    pub const USD: Currency = Currency(*b"USD");

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Construction only admits ASCII upper-case letters.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let b = s.as_bytes();
        if b.len() == 3 && b.iter().all(u8::is_ascii_uppercase) {
            Ok(Currency([b[0], b[1], b[2]]))
        } else {
            Err(Error::InvalidUnit(format!(
                "{s:?}: a currency is three upper-case letters such as USD"
            )))
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.as_str())
    }
}

/// A monetary unit with scale, such as `USD million`.
///
/// ```
/// use inflow_core::{Scale, Unit};
/// let u: Unit = "USD million".parse()?;
/// assert_eq!(u, Unit::USD_MILLION);
/// assert_eq!(u.to_string(), "USD million");
/// // 2,593 USD million is 2.593 USD billion:
/// assert_eq!(u.convert(2593.0, Scale::Billion), 2.593);
/// assert!("USD zillion".parse::<Unit>().is_err());
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Unit {
    /// The currency.
    pub currency: Currency,
    /// The scale every value is expressed in.
    pub scale: Scale,
}

impl Unit {
    /// US dollars, millions: the unit of SBP's ICT export figures.
    pub const USD_MILLION: Unit = Unit {
        currency: Currency::USD,
        scale: Scale::Million,
    };

    /// Converts `value` in this unit to the same currency at scale `to`.
    pub fn convert(self, value: f64, to: Scale) -> f64 {
        let v = value * self.scale.factor() / to.factor();
        // Round away binary noise from the power-of-ten division.
        (v * 1e9).round() / 1e9
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.scale {
            Scale::Units => write!(f, "{}", self.currency),
            s => write!(f, "{} {}", self.currency, s.word()),
        }
    }
}

impl FromStr for Unit {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let mut parts = s.split_whitespace();
        let currency: Currency = parts.next().unwrap_or_default().parse()?;
        let scale = match parts.next().map(str::to_ascii_lowercase).as_deref() {
            None => Scale::Units,
            Some("thousand") => Scale::Thousand,
            Some("million") => Scale::Million,
            Some("billion") => Scale::Billion,
            Some(other) => {
                return Err(Error::InvalidUnit(format!(
                    "{s:?}: unknown scale {other:?} (expected thousand, million or billion)"
                )));
            }
        };
        if parts.next().is_some() {
            return Err(Error::InvalidUnit(format!(
                "{s:?}: expected CURRENCY [SCALE]"
            )));
        }
        Ok(Unit { currency, scale })
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}
