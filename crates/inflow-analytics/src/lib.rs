//! Headline figures of a monthly series: the month's value, changes on the
//! month and the year, fiscal-year-to-date totals against the same months a
//! year earlier, 12-month rolling sums, records, fiscal-year totals and a
//! reconciliation of published totals with sums of monthly values.
//!
//! Everything here works on a [`MonthlySeries`] (one vintage of a series) and
//! does no I/O. Gaps are explicit: a total over a month without a value is a
//! [`Sum`] that names the missing months rather than a smaller number.

pub mod breakdown;
pub mod calendar;
mod fiscal;
mod headline;
mod reconcile;
mod revisions;
pub mod round;
mod sum;

pub use fiscal::{FiscalYearSummary, fiscal_year_summary, fiscal_years};
pub use headline::{Change, Fytd, Headline, Records, Rolling, headline};
pub use reconcile::{Reconciliation, ReconciliationStatus, reconcile, rounding_tolerance};
pub use revisions::{Revision, VintageValue, revisions};
pub use sum::{Sum, pct_change, sum_months};

pub use inflow_core::{MonthlySeries, QuarterlySeries, Series};

/// Errors from computing figures.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum Error {
    /// The series has no value for the requested month.
    #[error("{series} has no value for {month}{}", .latest.map(|l| format!(" (latest month with data: {l})")).unwrap_or_default())]
    NoValue {
        /// The series key.
        series: String,
        /// The requested month.
        month: inflow_core::YearMonth,
        /// The latest month that has a value, if any.
        latest: Option<inflow_core::YearMonth>,
    },
    /// The series (quarterly or annual) has no value for the requested period.
    #[error("{series} has no value for {period}{}", .latest.as_ref().map(|l| format!(" (latest period with data: {l})")).unwrap_or_default())]
    NoPeriodValue {
        /// The series key.
        series: String,
        /// The requested period, such as `2024-Q2`.
        period: String,
        /// The latest period that has a value, if any.
        latest: Option<String>,
    },
    /// The series has no values at all in this vintage.
    #[error("{0} has no values in this vintage")]
    Empty(String),
    /// A domain value was out of range.
    #[error(transparent)]
    Core(#[from] inflow_core::Error),
}

impl Error {
    /// The error for a period without a value: [`Error::NoValue`] for a
    /// month, [`Error::NoPeriodValue`] for a quarter or a year.
    pub fn no_value<P: inflow_core::Tick>(series: &str, period: P, latest: Option<P>) -> Error {
        // A month's text is its `YearMonth`, so monthly periods keep the
        // typed variant that callers match on.
        let month = |p: P| p.to_string().parse::<inflow_core::YearMonth>().ok();
        match (P::FREQUENCY, month(period)) {
            (inflow_core::Frequency::Monthly, Some(m)) => Error::NoValue {
                series: series.to_string(),
                month: m,
                latest: latest.and_then(month),
            },
            _ => Error::NoPeriodValue {
                series: series.to_string(),
                period: period.to_string(),
                latest: latest.map(|l| l.to_string()),
            },
        }
    }

    /// The shared classification: a month or series without values is not
    /// found; a bad domain value is invalid input.
    pub fn kind(&self) -> inflow_core::ErrorKind {
        match self {
            Error::NoValue { .. } | Error::NoPeriodValue { .. } | Error::Empty(_) => {
                inflow_core::ErrorKind::NotFound
            }
            Error::Core(c) => c.kind(),
        }
    }
}
