//! The coverage an interval claims.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Error;

/// An interval level in percent, strictly between 0 and 100 (`80`, `95`,
/// `99.5`). A level of 0 or 100 would be an interval of no width or of
/// infinite width, so neither can be asked for.
///
/// ```
/// use inflow_core::Level;
/// let l: Level = "80".parse()?;
/// assert_eq!(l.percent(), 80.0);
/// assert_eq!(l.probability(), 0.8);
/// assert_eq!(l.to_string(), "80");
/// assert_eq!("99.5".parse::<Level>()?.to_string(), "99.5");
/// assert!("100".parse::<Level>().is_err());
/// assert!("0".parse::<Level>().is_err());
/// assert!("NaN".parse::<Level>().is_err());
/// assert!("80%".parse::<Level>().is_err());
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Level(f64);

impl Level {
    /// Validates a level given in percent.
    ///
    /// # Errors
    /// [`Error::InvalidField`] (`level`) unless `0 < percent < 100`.
    pub fn try_new(percent: f64) -> Result<Self, Error> {
        if percent > 0.0 && percent < 100.0 {
            Ok(Level(percent))
        } else {
            Err(Error::InvalidField {
                field: "level",
                value: percent.to_string(),
                expected: "a percentage strictly between 0 and 100",
            })
        }
    }

    /// The level in percent.
    pub fn percent(self) -> f64 {
        self.0
    }

    /// The level as a probability (0.8 for 80).
    pub fn probability(self) -> f64 {
        self.0 / 100.0
    }
}

impl TryFrom<f64> for Level {
    type Error = Error;
    fn try_from(v: f64) -> Result<Self, Error> {
        Level::try_new(v)
    }
}

impl From<Level> for f64 {
    fn from(l: Level) -> f64 {
        l.0
    }
}

impl FromStr for Level {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let v: f64 = s.trim().parse().map_err(|_| Error::InvalidField {
            field: "level",
            value: s.chars().take(40).collect(),
            expected: "a percentage such as 80 or 95",
        })?;
        Level::try_new(v)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_refuses_what_from_str_refuses() {
        let ok: Level = serde_json::from_str("95").unwrap();
        assert_eq!(ok.percent(), 95.0);
        assert!(serde_json::from_str::<Level>("100").is_err());
        assert!(serde_json::from_str::<Level>("-5").is_err());
        assert_eq!(serde_json::to_string(&ok).unwrap(), "95.0");
    }
}
