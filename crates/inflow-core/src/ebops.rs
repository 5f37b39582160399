//! The EBOPS 2010 services category tree (items `S`, `SA` ... `SL` and their
//! sub-items), with national sub-items where a compiler publishes more
//! detail.

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
    /// The parent code; `None` for the root (`S`, all services).
    pub parent: Option<&'static str>,
}

/// The services tree of EBOPS 2010 (Manual on Statistics of International
/// Trade in Services 2010, annex I), with the BPM6 standard-component codes
/// of the IMF/OECD SDMX item code list (`S`, `SA` ... `SL`, `SC1`, `SI31`).
///
/// Where the State Bank of Pakistan splits an item further than EBOPS 2010
/// does (call centres, freelance computer services, religious travel), the
/// split is a national code `<parent>_PK_<tag>` under the EBOPS item it
/// belongs to, so sums over the tree stay within EBOPS 2010. `SC3` (other
/// modes of transport) has no row of its own in SBP's table; its children
/// do.
pub const CATEGORIES: &[Category] = &[
    Category {
        code: "S",
        name: "Services",
        parent: None,
    },
    Category {
        code: "SA",
        name: "Manufacturing services on physical inputs owned by others",
        parent: Some("S"),
    },
    Category {
        code: "SA1",
        name: "Goods for processing in reporting economy",
        parent: Some("SA"),
    },
    Category {
        code: "SA2",
        name: "Goods for processing abroad",
        parent: Some("SA"),
    },
    Category {
        code: "SB",
        name: "Maintenance and repair services n.i.e.",
        parent: Some("S"),
    },
    Category {
        code: "SC",
        name: "Transport",
        parent: Some("S"),
    },
    Category {
        code: "SC1",
        name: "Sea transport",
        parent: Some("SC"),
    },
    Category {
        code: "SC11",
        name: "Sea transport: passenger",
        parent: Some("SC1"),
    },
    Category {
        code: "SC12",
        name: "Sea transport: freight",
        parent: Some("SC1"),
    },
    Category {
        code: "SC13",
        name: "Sea transport: other",
        parent: Some("SC1"),
    },
    Category {
        code: "SC2",
        name: "Air transport",
        parent: Some("SC"),
    },
    Category {
        code: "SC21",
        name: "Air transport: passenger",
        parent: Some("SC2"),
    },
    Category {
        code: "SC22",
        name: "Air transport: freight",
        parent: Some("SC2"),
    },
    Category {
        code: "SC23",
        name: "Air transport: other",
        parent: Some("SC2"),
    },
    Category {
        code: "SC3",
        name: "Other modes of transport",
        parent: Some("SC"),
    },
    Category {
        code: "SC3B",
        name: "Rail transport",
        parent: Some("SC3"),
    },
    Category {
        code: "SC3B1",
        name: "Rail transport: passenger",
        parent: Some("SC3B"),
    },
    Category {
        code: "SC3B2",
        name: "Rail transport: freight",
        parent: Some("SC3B"),
    },
    Category {
        code: "SC3B3",
        name: "Rail transport: other",
        parent: Some("SC3B"),
    },
    Category {
        code: "SC3C",
        name: "Road transport",
        parent: Some("SC3"),
    },
    Category {
        code: "SC3C1",
        name: "Road transport: passenger",
        parent: Some("SC3C"),
    },
    Category {
        code: "SC3C2",
        name: "Road transport: freight",
        parent: Some("SC3C"),
    },
    Category {
        code: "SC3C3",
        name: "Road transport: other",
        parent: Some("SC3C"),
    },
    Category {
        code: "SC3F",
        name: "Electricity transmission",
        parent: Some("SC3"),
    },
    Category {
        code: "SC3G",
        name: "Other supporting and auxiliary transport services",
        parent: Some("SC3"),
    },
    Category {
        code: "SC4",
        name: "Postal and courier services",
        parent: Some("SC"),
    },
    Category {
        code: "SD",
        name: "Travel",
        parent: Some("S"),
    },
    Category {
        code: "SD1",
        name: "Business travel",
        parent: Some("SD"),
    },
    Category {
        code: "SD11",
        name: "Acquisition of goods and services by border, seasonal, and other short-term workers",
        parent: Some("SD1"),
    },
    Category {
        code: "SD12",
        name: "Other business travel",
        parent: Some("SD1"),
    },
    Category {
        code: "SD2",
        name: "Personal travel",
        parent: Some("SD"),
    },
    Category {
        code: "SD21",
        name: "Health-related expenditure",
        parent: Some("SD2"),
    },
    Category {
        code: "SD22",
        name: "Education-related expenditure",
        parent: Some("SD2"),
    },
    Category {
        code: "SD23",
        name: "Other personal travel",
        parent: Some("SD2"),
    },
    Category {
        code: "SD23_PK_REL",
        name: "Religious travel (Pakistan national sub-item)",
        parent: Some("SD23"),
    },
    Category {
        code: "SD23_PK_OTH",
        name: "Other personal travel other than religious (Pakistan national sub-item)",
        parent: Some("SD23"),
    },
    Category {
        code: "SE",
        name: "Construction",
        parent: Some("S"),
    },
    Category {
        code: "SE1",
        name: "Construction abroad",
        parent: Some("SE"),
    },
    Category {
        code: "SE2",
        name: "Construction in the reporting economy",
        parent: Some("SE"),
    },
    Category {
        code: "SF",
        name: "Insurance and pension services",
        parent: Some("S"),
    },
    Category {
        code: "SF1",
        name: "Direct insurance",
        parent: Some("SF"),
    },
    Category {
        code: "SF11",
        name: "Life insurance",
        parent: Some("SF1"),
    },
    Category {
        code: "SF12",
        name: "Freight insurance",
        parent: Some("SF1"),
    },
    Category {
        code: "SF13",
        name: "Other direct insurance",
        parent: Some("SF1"),
    },
    Category {
        code: "SF2",
        name: "Reinsurance",
        parent: Some("SF"),
    },
    Category {
        code: "SF3",
        name: "Auxiliary insurance services",
        parent: Some("SF"),
    },
    Category {
        code: "SF4",
        name: "Pension and standardized guarantee services",
        parent: Some("SF"),
    },
    Category {
        code: "SG",
        name: "Financial services",
        parent: Some("S"),
    },
    Category {
        code: "SG1",
        name: "Explicitly charged and other financial services",
        parent: Some("SG"),
    },
    Category {
        code: "SG2",
        name: "Financial intermediation services indirectly measured (FISIM)",
        parent: Some("SG"),
    },
    Category {
        code: "SH",
        name: "Charges for the use of intellectual property n.i.e.",
        parent: Some("S"),
    },
    Category {
        code: "SI",
        name: "Telecommunications, computer, and information services",
        parent: Some("S"),
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
        code: "SI1_PK_OTH",
        name: "Telecommunication services other than call centres (Pakistan national sub-item)",
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
        code: "SI2_PK_HWC",
        name: "Hardware consultancy services (Pakistan national sub-item)",
        parent: Some("SI2"),
    },
    Category {
        code: "SI2_PK_SWC",
        name: "Software consultancy services (Pakistan national sub-item)",
        parent: Some("SI2"),
    },
    Category {
        code: "SI2_PK_REP",
        name: "Maintenance and repair of computers (Pakistan national sub-item)",
        parent: Some("SI2"),
    },
    Category {
        code: "SI2_PK_SW",
        name: "Export and import of computer software (Pakistan national sub-item)",
        parent: Some("SI2"),
    },
    Category {
        code: "SI2_PK_FL",
        name: "Freelance computer and information services (Pakistan national sub-item)",
        parent: Some("SI2"),
    },
    Category {
        code: "SI2_PK_OTH",
        name: "Other computer services (Pakistan national sub-item)",
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
    Category {
        code: "SJ",
        name: "Other business services",
        parent: Some("S"),
    },
    Category {
        code: "SJ1",
        name: "Research and development services",
        parent: Some("SJ"),
    },
    Category {
        code: "SJ2",
        name: "Professional and management consulting services",
        parent: Some("SJ"),
    },
    Category {
        code: "SJ21",
        name: "Legal, accounting, management consulting, and public relations services",
        parent: Some("SJ2"),
    },
    Category {
        code: "SJ211",
        name: "Legal services",
        parent: Some("SJ21"),
    },
    Category {
        code: "SJ212",
        name: "Accounting, auditing, bookkeeping, and tax consulting services",
        parent: Some("SJ21"),
    },
    Category {
        code: "SJ213",
        name: "Business and management consulting and public relations services",
        parent: Some("SJ21"),
    },
    Category {
        code: "SJ22",
        name: "Advertising, market research, and public opinion polling services",
        parent: Some("SJ2"),
    },
    Category {
        code: "SJ3",
        name: "Technical, trade-related, and other business services",
        parent: Some("SJ"),
    },
    Category {
        code: "SJ31",
        name: "Architectural, engineering, scientific, and other technical services",
        parent: Some("SJ3"),
    },
    Category {
        code: "SJ32",
        name: "Waste treatment and de-pollution, agricultural, and mining services",
        parent: Some("SJ3"),
    },
    Category {
        code: "SJ33",
        name: "Operating leasing services",
        parent: Some("SJ3"),
    },
    Category {
        code: "SJ34",
        name: "Trade-related services",
        parent: Some("SJ3"),
    },
    Category {
        code: "SJ3_PK_FL",
        name: "Other freelance services (Pakistan national sub-item)",
        parent: Some("SJ3"),
    },
    Category {
        code: "SJ35",
        name: "Other business services n.i.e.",
        parent: Some("SJ3"),
    },
    Category {
        code: "SK",
        name: "Personal, cultural, and recreational services",
        parent: Some("S"),
    },
    Category {
        code: "SK1",
        name: "Audiovisual and related services",
        parent: Some("SK"),
    },
    Category {
        code: "SK11",
        name: "Audiovisual services",
        parent: Some("SK1"),
    },
    Category {
        code: "SK12",
        name: "Artistic related services",
        parent: Some("SK1"),
    },
    Category {
        code: "SK2",
        name: "Other personal, cultural, and recreational services",
        parent: Some("SK"),
    },
    Category {
        code: "SL",
        name: "Government goods and services n.i.e.",
        parent: Some("S"),
    },
    Category {
        code: "SL1",
        name: "Embassies and consulates",
        parent: Some("SL"),
    },
    Category {
        code: "SL2",
        name: "Military units and agencies",
        parent: Some("SL"),
    },
    Category {
        code: "SL3",
        name: "Other government goods and services",
        parent: Some("SL"),
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
    fn codes_are_unique_and_every_item_is_under_services() {
        let all: EbopsCode = "S".parse().unwrap();
        let mut seen = std::collections::HashSet::new();
        for c in CATEGORIES {
            assert!(seen.insert(c.code), "duplicate {}", c.code);
            let code: EbopsCode = c.code.parse().unwrap();
            assert!(code.is_within(&all), "{}", c.code);
        }
        assert!(CATEGORIES.len() > 80);
    }

    #[test]
    fn call_centre_is_under_telecom_not_computer() {
        let cc: EbopsCode = "SI1_PK_CC".parse().unwrap();
        assert!(cc.is_within(&"SI1".parse().unwrap()));
        assert!(!cc.is_within(&"SI2".parse().unwrap()));
    }
}
