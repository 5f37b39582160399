//! The EBOPS 2010 category tree for telecommunication, computer and
//! information services (item SI), with room for national sub-items.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

/// One category of the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Category {
    /// The code, such as `SI2`.
    pub code: &'static str,
    /// The English name used by the Extended Balance of Payments Services
    /// classification (EBOPS 2010), or the national name of a sub-item.
    pub name: &'static str,
    /// The parent code; `None` for the root of this subtree.
    pub parent: Option<&'static str>,
}

/// The SI subtree of EBOPS 2010 (Manual on Statistics of International Trade
/// in Services 2010, annex), and Pakistan's national sub-item for call centre
/// services, which SBP reports under telecommunication services.
pub const CATEGORIES: &[Category] = &[
    Category {
        code: "SI",
        name: "Telecommunications, computer, and information services",
        parent: None,
    },
    Category {
        code: "SI1",
        name: "Telecommunications services",
        parent: Some("SI"),
    },
    Category {
        code: "SI1_PK_CC",
        name: "Call centre services (Pakistan national sub-item)",
        parent: Some("SI1"),
    },
    Category {
        code: "SI2",
        name: "Computer services",
        parent: Some("SI"),
    },
    Category {
        code: "SI21",
        name: "Computer software",
        parent: Some("SI2"),
    },
    Category {
        code: "SI22",
        name: "Other computer services",
        parent: Some("SI2"),
    },
    Category {
        code: "SI3",
        name: "Information services",
        parent: Some("SI"),
    },
    Category {
        code: "SI31",
        name: "News agency services",
        parent: Some("SI3"),
    },
    Category {
        code: "SI32",
        name: "Other information services",
        parent: Some("SI3"),
    },
];

/// A validated code of [`CATEGORIES`].
///
/// ```
/// use inflow_core::EbopsCode;
/// let c: EbopsCode = "SI2".parse()?;
/// assert_eq!(c.category().name, "Computer services");
/// assert_eq!(c.parent().map(|p| p.to_string()), Some("SI".to_string()));
/// assert!(c.is_within(&"SI".parse()?));
/// assert!("SZ9".parse::<EbopsCode>().is_err());
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct EbopsCode(&'static Category);

impl EbopsCode {
    /// The category this code names.
    pub fn category(self) -> &'static Category {
        self.0
    }

    /// The code as text.
    pub fn as_str(self) -> &'static str {
        self.0.code
    }

    /// The parent category, if any.
    pub fn parent(self) -> Option<EbopsCode> {
        self.0.parent.and_then(|p| p.parse().ok())
    }

    /// Whether `self` is `ancestor` or lies beneath it.
    pub fn is_within(self, ancestor: &EbopsCode) -> bool {
        let mut cur = Some(self);
        while let Some(c) = cur {
            if c == *ancestor {
                return true;
            }
            cur = c.parent();
        }
        false
    }
}

impl FromStr for EbopsCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        CATEGORIES
            .iter()
            .find(|c| c.code == s)
            .map(EbopsCode)
            .ok_or_else(|| Error::InvalidEbops(s.to_string()))
    }
}

impl fmt::Display for EbopsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.code)
    }
}

impl fmt::Debug for EbopsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EbopsCode({})", self.0.code)
    }
}

impl Serialize for EbopsCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.code)
    }
}

impl<'de> Deserialize<'de> for EbopsCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parent_exists_and_tree_has_one_root() {
        for c in CATEGORIES {
            if let Some(p) = c.parent {
                assert!(p.parse::<EbopsCode>().is_ok(), "{p}");
            }
        }
        assert_eq!(CATEGORIES.iter().filter(|c| c.parent.is_none()).count(), 1);
    }

    #[test]
    fn call_centre_is_under_telecom_not_computer() {
        let cc: EbopsCode = "SI1_PK_CC".parse().unwrap();
        assert!(cc.is_within(&"SI1".parse().unwrap()));
        assert!(!cc.is_within(&"SI2".parse().unwrap()));
    }
}
