//! Series metadata and observations.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{EbopsCode, Error, FiscalCalendar, SeriesKey, Unit};

/// An economy: an ISO 3166-1 alpha-2 code in upper case (`PK`, `IN`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Economy([u8; 2]);

impl Economy {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl FromStr for Economy {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let b = s.as_bytes();
        if b.len() == 2 && crate::iso3166::is_assigned(s) {
            Ok(Economy([b[0], b[1]]))
        } else {
            Err(Error::InvalidField {
                field: "economy",
                value: s.to_string(),
                expected: "an assigned ISO 3166 alpha-2 code such as PK",
            })
        }
    }
}

impl fmt::Display for Economy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The counterpart of the flow: the world (all partners) or one economy.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Partner {
    /// All partner economies together (SDMX code `W1`).
    World,
    /// One partner economy.
    Economy(Economy),
}

impl FromStr for Partner {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "W1" | "world" | "WORLD" => Ok(Partner::World),
            other => other.parse().map(Partner::Economy),
        }
    }
}

impl fmt::Display for Partner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Partner::World => f.write_str("W1"),
            Partner::Economy(e) => e.fmt(f),
        }
    }
}

/// Direction of a trade flow.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Flow {
    /// Credits: receipts from exports.
    Exports,
    /// Debits: payments for imports.
    Imports,
}

impl FromStr for Flow {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "exports" => Ok(Flow::Exports),
            "imports" => Ok(Flow::Imports),
            _ => Err(Error::InvalidField {
                field: "flow",
                value: s.to_string(),
                expected: "exports or imports",
            }),
        }
    }
}

impl fmt::Display for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Flow::Exports => "exports",
            Flow::Imports => "imports",
        })
    }
}

/// How often a series is observed (SDMX `FREQ`: `M`, `Q`, `A`).
///
/// ```
/// use inflow_core::Frequency;
/// assert_eq!("Q".parse::<Frequency>()?, Frequency::Quarterly);
/// assert_eq!("annual".parse::<Frequency>()?.to_string(), "A");
/// assert!("W".parse::<Frequency>().is_err());
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(
    Clone, Copy, PartialEq, Eq, Hash, Debug, Default, Serialize, Deserialize, utoipa::ToSchema,
)]
pub enum Frequency {
    /// One value per calendar month (SDMX `M`).
    #[default]
    #[serde(rename = "M")]
    Monthly,
    /// One value per calendar quarter (SDMX `Q`), periods `2024-Q1`.
    #[serde(rename = "Q")]
    Quarterly,
    /// One value per calendar year (SDMX `A`), periods `2024`.
    #[serde(rename = "A")]
    Annual,
}

impl Frequency {
    /// Periods per year: 12, 4 or 1.
    pub fn per_year(self) -> u32 {
        match self {
            Frequency::Monthly => 12,
            Frequency::Quarterly => 4,
            Frequency::Annual => 1,
        }
    }

    /// The word for one period: `month`, `quarter`, `year`.
    pub fn period_noun(self) -> &'static str {
        match self {
            Frequency::Monthly => "month",
            Frequency::Quarterly => "quarter",
            Frequency::Annual => "year",
        }
    }

    /// The adjective: `monthly`, `quarterly`, `annual`.
    pub fn adjective(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Annual => "annual",
        }
    }

    /// How a period of this frequency is written, for error messages.
    pub fn period_format(self) -> &'static str {
        match self {
            Frequency::Monthly => "YYYY-MM such as 2019-04",
            Frequency::Quarterly => "YYYY-Qn such as 2019-Q2",
            Frequency::Annual => "YYYY such as 2019",
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Frequency::Monthly => "M",
            Frequency::Quarterly => "Q",
            Frequency::Annual => "A",
        })
    }
}

impl FromStr for Frequency {
    type Err = Error;

    /// Parses the SDMX code (`M`, `Q`, `A`) or the English adjective, any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "m" | "monthly" => Ok(Frequency::Monthly),
            "q" | "quarterly" => Ok(Frequency::Quarterly),
            "a" | "y" | "annual" | "yearly" => Ok(Frequency::Annual),
            _ => Err(Error::InvalidField {
                field: "frequency",
                value: s.to_string(),
                expected: "M (monthly), Q (quarterly) or A (annual)",
            }),
        }
    }
}

/// The fields of a series definition, in order, named as users see them:
/// the header of a series CSV file, the columns of the store's `series`
/// table and the first columns of `inflow series --format csv`, so a
/// listing can be read back as a definition.
///
/// `fiscal_start` is [`FiscalCalendar::start_month`], a month number.
pub const SERIES_COLUMNS: [&str; 10] = [
    "key",
    "title",
    "economy",
    "flow",
    "ebops",
    "partner",
    "unit",
    "frequency",
    "source",
    "fiscal_start",
];

/// Everything known about a series except its values.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesMeta {
    /// Stable key, such as `pk.ict.exports`.
    pub key: SeriesKey,
    /// Human-readable title.
    pub title: String,
    /// Reporting economy.
    pub economy: Economy,
    /// Exports or imports.
    pub flow: Flow,
    /// EBOPS 2010 category.
    pub ebops: EbopsCode,
    /// Counterpart economy or the world.
    pub partner: Partner,
    /// Unit and scale of every value.
    pub unit: Unit,
    /// Observation frequency.
    pub frequency: Frequency,
    /// The publishing institution, such as `State Bank of Pakistan`.
    pub source: String,
    /// The reporting economy's fiscal calendar.
    pub fiscal: FiscalCalendar,
}

/// How an observation came to be.
#[derive(
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Debug,
    Serialize,
    Deserialize,
    PartialOrd,
    Ord,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ObsStatus {
    /// As first published, with no marker from the publisher.
    Reported,
    /// First published and marked provisional by the publisher (SBP's `(P)`):
    /// expected to be revised.
    Provisional,
    /// A later release changed an earlier published value.
    Revised,
    /// Not published on its own; computed from published totals.
    Derived,
    /// Known not to be available; carries no value.
    Missing,
}

impl ObsStatus {
    /// The status as stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            ObsStatus::Reported => "reported",
            ObsStatus::Provisional => "provisional",
            ObsStatus::Revised => "revised",
            ObsStatus::Derived => "derived",
            ObsStatus::Missing => "missing",
        }
    }
}

impl FromStr for ObsStatus {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "reported" => Ok(ObsStatus::Reported),
            "provisional" => Ok(ObsStatus::Provisional),
            "revised" => Ok(ObsStatus::Revised),
            "derived" => Ok(ObsStatus::Derived),
            "missing" => Ok(ObsStatus::Missing),
            _ => Err(Error::InvalidField {
                field: "status",
                value: s.to_string(),
                expected: "reported, provisional, revised, derived or missing",
            }),
        }
    }
}

impl fmt::Display for ObsStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finite, non-negative amount in a series' unit.
///
/// ```
/// use inflow_core::Amount;
/// assert_eq!(Amount::try_new(310.0)?.get(), 310.0);
/// assert!(Amount::try_new(f64::NAN).is_err());
/// assert!(Amount::try_new(-1.0).is_err());
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, PartialOrd, Debug, Serialize)]
#[serde(transparent)]
pub struct Amount(f64);

impl Amount {
    /// Validates an amount.
    ///
    /// # Errors
    /// [`Error::InvalidField`] for NaN, infinities and negative values: export
    /// receipts are gross flows and cannot be negative.
    pub fn try_new(v: f64) -> Result<Self, Error> {
        if v.is_finite() && v >= 0.0 {
            Ok(Amount(v))
        } else {
            Err(Error::InvalidField {
                field: "value",
                value: v.to_string(),
                expected: "a finite, non-negative number",
            })
        }
    }

    /// The value.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl FromStr for Amount {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let v: f64 = s.trim().parse().map_err(|_| Error::InvalidField {
            field: "value",
            value: s.to_string(),
            expected: "a number such as 310 or 163.02",
        })?;
        Amount::try_new(v)
    }
}
