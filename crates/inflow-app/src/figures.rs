//! The headline figures of a month, fiscal-year totals, revisions and
//! reconciliation: each read in the vintage the user chose.

use inflow_analytics::{FiscalYearSummary, Headline, Reconciliation, Revision};
use inflow_core::{AsOf, MonthlySeries, SeriesMeta, YearMonth};

use crate::{App, Result};

/// Fiscal-year summaries with the series they were computed from.
#[derive(Clone, Debug)]
pub struct FiscalYears {
    /// The series in the chosen vintage.
    pub series: MonthlySeries,
    /// One summary per fiscal year, oldest first (or the one asked for).
    pub summaries: Vec<FiscalYearSummary>,
}

/// Revised months of a series.
#[derive(Clone, Debug)]
pub struct Revisions {
    /// The series.
    pub meta: SeriesMeta,
    /// Every revised month, oldest first.
    pub revisions: Vec<Revision>,
}

/// Published totals set against sums of monthly values.
#[derive(Clone, Debug)]
pub struct Reconciled {
    /// The series.
    pub meta: SeriesMeta,
    /// One row per published total.
    pub rows: Vec<Reconciliation>,
}

impl App {
    /// The headline figures of `month` (default: the latest month with a
    /// value) in the vintage `as_of` names.
    ///
    /// # Errors
    /// Not found for an unknown series, an empty series or a month without
    /// a value.
    pub fn headline(&self, key: &str, month: Option<YearMonth>, as_of: AsOf) -> Result<Headline> {
        let series = self.monthly(key, as_of)?;
        let month = match month {
            Some(m) => m,
            None => latest_month(&series)?,
        };
        Ok(inflow_analytics::headline(&series, month)?)
    }

    /// Fiscal-year summaries: every year, or the one labelled `fy`
    /// (`FY2023-24` or `FY24`).
    ///
    /// # Errors
    /// [`Error::Invalid`] (`fy`) for a label that is not a fiscal year of
    /// the series' calendar; not found for an unknown series.
    pub fn fiscal_years(&self, key: &str, fy: Option<&str>, as_of: AsOf) -> Result<FiscalYears> {
        let (series, summaries) = self.periodic_fiscal_years(key, fy, as_of)?;
        Ok(FiscalYears { series, summaries })
    }

    /// Months whose published value changed, with every vintage.
    ///
    /// # Errors
    /// Not found for an unknown series.
    pub fn revisions(&self, key: &str) -> Result<Revisions> {
        let meta = self.store.series(key)?;
        let revisions = inflow_analytics::revisions(&self.store.history(&meta.key)?);
        Ok(Revisions { meta, revisions })
    }

    /// Published totals against sums of monthly values, in a vintage.
    ///
    /// # Errors
    /// Not found for an unknown series.
    pub fn reconcile(&self, key: &str, as_of: AsOf) -> Result<Reconciled> {
        let series = self.monthly(key, as_of)?;
        let published = self.store.published(key, series.vintage)?;
        let rows = inflow_analytics::reconcile(&series, &published);
        Ok(Reconciled {
            meta: series.meta,
            rows,
        })
    }
}

/// The latest month with a value, or the error that says there is none.
///
/// # Errors
/// [`inflow_analytics::Error::Empty`].
pub fn latest_month(series: &MonthlySeries) -> Result<YearMonth> {
    series
        .last_month()
        .ok_or_else(|| inflow_analytics::Error::Empty(series.meta.key.to_string()).into())
}
