//! Series of any frequency: the headline figures and fiscal years of a
//! quarterly or annual series, and the choice between them and the monthly
//! use cases by the series' own frequency.

use inflow_analytics::{FiscalYearSummary, Headline};
use inflow_core::{AsOf, Frequency, Series, Tick, Vintage, Year, YearMonth, YearQuarter};
use serde::Serialize;

use crate::release::HeadlineReport;
use crate::{App, Error, Result};

/// The headline of a series, in the shape its frequency gives it: the
/// monthly report (with calendar and components), or the headline figures
/// of a quarter or a year. JSON is the inner value's.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum AnyHeadline {
    /// A monthly series' report.
    Monthly(Box<HeadlineReport>),
    /// A quarter of a quarterly series.
    Quarterly(Box<Headline<YearQuarter>>),
    /// A year of an annual series.
    Annual(Box<Headline<Year>>),
}

/// Fiscal-year summaries of a series of any frequency (JSON: the list).
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum AnyFiscalYears {
    /// Of a monthly series.
    Monthly(Vec<FiscalYearSummary>),
    /// Of a quarterly series.
    Quarterly(Vec<FiscalYearSummary<YearQuarter>>),
    /// Of an annual series.
    Annual(Vec<FiscalYearSummary<Year>>),
}

/// A period typed by a user, read as a period of type `P`; `field` names
/// the option or parameter in the error.
///
/// # Errors
/// [`Error::Invalid`] naming `field` and the form expected.
pub fn parse_period<P: Tick>(field: &'static str, text: &str) -> Result<P> {
    text.parse::<P>().map_err(|e| {
        Error::invalid(
            field,
            format!(
                "{e} (the series is {}: periods are written {})",
                P::FREQUENCY.adjective(),
                P::FREQUENCY.period_format()
            ),
        )
    })
}

impl App {
    /// The frequency of series `key`.
    ///
    /// # Errors
    /// Not found for an unknown series.
    pub fn frequency(&self, key: &str) -> Result<Frequency> {
        Ok(self.store.series(key)?.frequency)
    }

    /// The vintage `as_of` names for a series of periods `P`; a month names
    /// the first release of the period that contains it.
    ///
    /// # Errors
    /// As [`App::vintage`].
    pub fn vintage_of<P: Tick>(&self, key: &str, as_of: AsOf) -> Result<Vintage> {
        match as_of {
            AsOf::Month(m) if P::FREQUENCY != Frequency::Monthly => {
                let meta = self.store.series(key)?;
                let p = P::containing(m);
                let first = self
                    .store
                    .history_of::<P>(&meta.key)?
                    .iter()
                    .filter(|o| o.period == p && o.value.is_some())
                    .map(|o| o.release_date)
                    .min()
                    .ok_or_else(|| {
                        Error::Analytics(inflow_analytics::Error::no_value(
                            meta.key.as_str(),
                            p,
                            None,
                        ))
                    })?;
                Ok(Vintage::AsOf(first))
            }
            _ => self.vintage(key, as_of),
        }
    }

    /// Series `key`'s values of periods `P` in the vintage `as_of` names.
    ///
    /// # Errors
    /// As [`App::vintage`]; unprocessable when the series' periods are not `P`.
    pub fn periodic<P: Tick>(&self, key: &str, as_of: AsOf) -> Result<Series<P>> {
        let meta = self.store.series(key)?;
        if meta.frequency != P::FREQUENCY {
            return Err(inflow_store::Error::Frequency {
                key: meta.key.to_string(),
                found: meta.frequency,
                wanted: P::FREQUENCY,
            }
            .into());
        }
        let vintage = self.vintage_of::<P>(key, as_of)?;
        Ok(self.store.periodic(key, vintage)?)
    }

    /// The headline figures of period `at` (default: the latest with a
    /// value) of a series of periods `P`.
    ///
    /// # Errors
    /// Not found for an unknown series, an empty one or a period without a
    /// value; unprocessable when the series' periods are not `P`.
    pub fn periodic_headline<P: Tick>(
        &self,
        key: &str,
        at: Option<P>,
        as_of: AsOf,
    ) -> Result<Headline<P>> {
        let series = self.periodic::<P>(key, as_of)?;
        let at = match at {
            Some(p) => p,
            None => series
                .last_month()
                .ok_or_else(|| inflow_analytics::Error::Empty(key.to_string()))?,
        };
        Ok(inflow_analytics::headline(&series, at)?)
    }

    /// The headline of any series: `period` is read in the series'
    /// frequency (`2024-04`, `2024-Q2`, `2024`); a monthly series gets the
    /// full report of [`App::headline_report`].
    ///
    /// # Errors
    /// [`Error::Invalid`] (`field`) for a period not of the series'
    /// frequency; otherwise as [`App::headline_report`].
    pub fn headline_any(
        &self,
        key: &str,
        field: &'static str,
        period: Option<&str>,
        as_of: AsOf,
        today: Option<inflow_core::Date>,
    ) -> Result<AnyHeadline> {
        Ok(match self.frequency(key)? {
            Frequency::Monthly => {
                let month = period
                    .map(|p| parse_period::<YearMonth>(field, p))
                    .transpose()?;
                AnyHeadline::Monthly(Box::new(self.headline_report(key, month, as_of, today)?))
            }
            Frequency::Quarterly => {
                let at = period.map(|p| parse_period(field, p)).transpose()?;
                AnyHeadline::Quarterly(Box::new(self.periodic_headline(key, at, as_of)?))
            }
            Frequency::Annual => {
                let at = period.map(|p| parse_period(field, p)).transpose()?;
                AnyHeadline::Annual(Box::new(self.periodic_headline(key, at, as_of)?))
            }
        })
    }

    /// Fiscal-year summaries of a series of periods `P`: every year, or the
    /// one labelled `fy`; with the series they were computed from.
    ///
    /// # Errors
    /// [`Error::Invalid`] (`fy`) for a label that is not a fiscal year of
    /// the series' calendar; not found for an unknown series.
    pub fn periodic_fiscal_years<P: Tick>(
        &self,
        key: &str,
        fy: Option<&str>,
        as_of: AsOf,
    ) -> Result<(Series<P>, Vec<FiscalYearSummary<P>>)> {
        let series = self.periodic::<P>(key, as_of)?;
        let published = self.store.published(key, series.vintage)?;
        let summaries = match fy {
            Some(label) => {
                let fy = series
                    .meta
                    .fiscal
                    .parse_fiscal_year(label)
                    .map_err(|e| Error::invalid("fy", e))?;
                vec![inflow_analytics::fiscal_year_summary(
                    &series, fy, &published,
                )?]
            }
            None => inflow_analytics::fiscal_years(&series, &published)?,
        };
        Ok((series, summaries))
    }

    /// Fiscal-year summaries of any series, by its frequency.
    ///
    /// # Errors
    /// As [`App::periodic_fiscal_years`].
    pub fn fiscal_years_any(
        &self,
        key: &str,
        fy: Option<&str>,
        as_of: AsOf,
    ) -> Result<AnyFiscalYears> {
        Ok(match self.frequency(key)? {
            Frequency::Monthly => {
                AnyFiscalYears::Monthly(self.periodic_fiscal_years::<YearMonth>(key, fy, as_of)?.1)
            }
            Frequency::Quarterly => AnyFiscalYears::Quarterly(
                self.periodic_fiscal_years::<YearQuarter>(key, fy, as_of)?.1,
            ),
            Frequency::Annual => {
                AnyFiscalYears::Annual(self.periodic_fiscal_years::<Year>(key, fy, as_of)?.1)
            }
        })
    }
}
