//! Stable series keys such as `pk.ict.exports`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

/// A stable, human-readable key of a series: dot-separated segments of
/// lower-case ASCII letters, digits and `_`, at most 64 bytes.
///
/// ```
/// use inflow_core::SeriesKey;
/// let k: SeriesKey = "pk.ict.exports".parse()?;
/// assert_eq!(k.as_str(), "pk.ict.exports");
/// assert_eq!(k.economy_prefix(), "pk");
/// assert!("PK.ICT".parse::<SeriesKey>().is_err());
/// assert!("pk..ict".parse::<SeriesKey>().is_err());
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeriesKey(String);

impl SeriesKey {
    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first segment, by convention the economy's ISO code in lower case.
    pub fn economy_prefix(&self) -> &str {
        self.0.split('.').next().unwrap_or_default()
    }
}

impl FromStr for SeriesKey {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let ok_segment = |seg: &str| {
            !seg.is_empty()
                && seg
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
        };
        if s.len() > 64 || !s.split('.').all(ok_segment) {
            return Err(Error::InvalidKey(s.to_string()));
        }
        Ok(SeriesKey(s.to_string()))
    }
}

impl fmt::Display for SeriesKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for SeriesKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SeriesKey({})", self.0)
    }
}

impl Serialize for SeriesKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SeriesKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}
