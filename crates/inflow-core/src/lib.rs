//! Domain core of inflow: months, fiscal calendars, series keys, the EBOPS
//! category tree, units and observation metadata.
//!
//! This crate does no I/O and has no heavy dependencies, so every other crate
//! (store, import, analytics, forecast, claims, report, the CLI and the
//! server) can build on it.
//!
//! The central types are [`YearMonth`] (a calendar month; [`YearQuarter`]
//! and [`Year`] for quarterly and annual series, all [`Tick`]s), [`FiscalCalendar`]
//! and [`FiscalYear`] (Pakistan's runs July to June), [`SeriesKey`],
//! [`SeriesMeta`] and [`Unit`].

pub mod as_of;
pub mod ebops;
pub mod fiscal;
pub mod iso3166;
pub mod key;
pub mod kind;
pub mod level;
pub mod month;
pub mod number;
pub mod period;
pub mod quarter;
pub mod record;
pub mod schema;
pub mod series;
pub mod tick;
pub mod tier;
pub mod unit;

pub use as_of::AsOf;
pub use ebops::EbopsCode;
pub use fiscal::{FiscalCalendar, FiscalYear};
pub use jiff::civil::Date;
pub use key::SeriesKey;
pub use kind::ErrorKind;
pub use level::Level;
pub use month::YearMonth;
pub use period::Period;
pub use quarter::{Year, YearQuarter};
pub use record::{
    AnnualSeries, MonthlySeries, Observation, PublishedFigure, QuarterlySeries, Series, Vintage,
};
pub use series::{
    Amount, Economy, Flow, Frequency, ObsStatus, Partner, SERIES_COLUMNS, SeriesMeta,
};
pub use tick::Tick;
pub use tier::{SourceTier, tier_of_url};
pub use unit::{Currency, Scale, Unit};

/// Errors from validating domain values.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// Not a month `YYYY-MM` between 1000-01 and 9999-12.
    #[error("invalid month {0:?}: expected YYYY-MM with a month from 01 to 12")]
    InvalidMonth(String),
    /// Not a fiscal calendar or fiscal-year label.
    #[error("invalid fiscal year {0}")]
    InvalidFiscal(String),
    /// Not a period of a published figure.
    #[error("invalid period {0}")]
    InvalidPeriod(String),
    /// Not a series key.
    #[error(
        "invalid series key {0:?}: expected dot-separated lower-case segments such as pk.ict.exports"
    )]
    InvalidKey(String),
    /// Not a known EBOPS 2010 code.
    #[error("unknown EBOPS 2010 code {0:?}")]
    InvalidEbops(String),
    /// Not a unit such as `USD million`.
    #[error("invalid unit {0}")]
    InvalidUnit(String),
    /// Not a calendar date `YYYY-MM-DD`.
    #[error("invalid date {0:?}: expected YYYY-MM-DD")]
    InvalidDate(String),
    /// Some other field failed validation.
    #[error("invalid {field} {value:?}: expected {expected}")]
    InvalidField {
        /// The field's name.
        field: &'static str,
        /// The text that was rejected.
        value: String,
        /// What was expected instead.
        expected: &'static str,
    },
}

impl Error {
    /// How this error is classified: every domain validation failure is
    /// invalid input.
    pub fn kind(&self) -> ErrorKind {
        ErrorKind::InvalidInput
    }
}

/// Parses a calendar date written `YYYY-MM-DD`.
///
/// ```
/// assert_eq!(inflow_core::parse_date("2021-05-20")?.to_string(), "2021-05-20");
/// assert!(inflow_core::parse_date("2021-02-30").is_err());
/// # Ok::<(), inflow_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidDate`] for anything else, including impossible days.
pub fn parse_date(s: &str) -> Result<Date, Error> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(Error::InvalidDate(s.to_string()));
    }
    s.parse::<Date>()
        .map_err(|_| Error::InvalidDate(s.to_string()))
}
