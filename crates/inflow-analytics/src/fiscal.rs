use inflow_core::{FiscalYear, Period, PublishedFigure, Series, Tick, YearMonth};
use serde::{Serialize, Serializer};

use crate::round::serde_round;
use crate::{Error, Sum, pct_change, sum_months};

/// One fiscal year of a series: the sum of its months (or quarters), the
/// year before, and the totals published for it.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FiscalYearSummary<P = YearMonth> {
    /// Series key.
    pub series: String,
    /// The fiscal year.
    #[serde(serialize_with = "display")]
    pub fiscal_year: FiscalYear,
    /// Periods (months, or quarters) with a value.
    pub months_known: usize,
    /// Whether every period of the year (twelve months, four quarters) has
    /// a value.
    pub complete: bool,
    /// Sum of the values (`value` is `None` while periods are missing).
    pub total: Sum<P>,
    /// The same periods of the year before.
    pub previous: Sum<P>,
    /// Percentage change on the year before, over the same months.
    #[serde(serialize_with = "serde_round::opt_pct")]
    pub change_pct: Option<f64>,
    /// Full-year totals as published (several sources may differ).
    pub published: Vec<PublishedFigure>,
}

fn display<T: std::fmt::Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// Summarises fiscal year `fy`. For a year in progress the comparison is
/// with the same months of the year before.
///
/// # Errors
/// [`Error::Core`] when the year is out of the supported range.
pub fn fiscal_year_summary<P: Tick>(
    series: &Series<P>,
    fy: FiscalYear,
    published: &[PublishedFigure],
) -> Result<FiscalYearSummary<P>, Error> {
    let months = fy.periods::<P>()?;
    let known: Vec<_> = months
        .iter()
        .copied()
        .filter(|m| series.value(*m).is_some())
        .collect();
    let covered = match known.last() {
        Some(&last) => fy.periods_through(last)?,
        None => months.clone(),
    };
    let total = sum_months(series, &months);
    let same_months_now = sum_months(series, &covered);
    let previous_months: Vec<_> = covered
        .iter()
        .map(|m| m.shift(-P::PER_YEAR))
        .collect::<Result<_, _>>()?;
    let previous = sum_months(series, &previous_months);
    let change_pct = match (same_months_now.value, previous.value) {
        (Some(a), Some(b)) => pct_change(a, b),
        _ => None,
    };
    let year_end = fy.last_month()?;
    let published = published
        .iter()
        .filter(|p| {
            p.series == series.meta.key
                && p.period
                    == Period::FiscalToDate {
                        fy,
                        through: year_end,
                    }
        })
        .cloned()
        .collect();
    Ok(FiscalYearSummary {
        series: series.meta.key.to_string(),
        fiscal_year: fy,
        months_known: known.len(),
        complete: known.len() == months.len(),
        total,
        previous,
        change_pct,
        published,
    })
}

/// Every fiscal year that has at least one month of data or a published
/// total, oldest first.
///
/// # Errors
/// [`Error::Core`] when a year is out of the supported range.
pub fn fiscal_years<P: Tick>(
    series: &Series<P>,
    published: &[PublishedFigure],
) -> Result<Vec<FiscalYearSummary<P>>, Error> {
    let cal = series.meta.fiscal;
    let mut years: Vec<FiscalYear> = series
        .iter()
        .map(|o| cal.fiscal_year_of_period(o.period))
        .chain(
            published
                .iter()
                .filter(|p| p.series == series.meta.key && p.period.is_full_year())
                .map(|p| cal.fiscal_year_of(p.period.last_month())),
        )
        .collect();
    years.sort();
    years.dedup();
    years
        .into_iter()
        .map(|fy| fiscal_year_summary(series, fy, published))
        .collect()
}
