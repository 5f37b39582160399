use inflow_core::{FiscalYear, MonthlySeries, Period, PublishedFigure};
use serde::{Serialize, Serializer};

use crate::round::serde_round;
use crate::{Error, Sum, pct_change, sum_months};

/// One fiscal year of a series: the sum of its months, the year before, and
/// the totals published for it.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct FiscalYearSummary {
    /// Series key.
    pub series: String,
    /// The fiscal year.
    #[serde(serialize_with = "display")]
    pub fiscal_year: FiscalYear,
    /// Months with a value.
    pub months_known: usize,
    /// Whether all twelve months have a value.
    pub complete: bool,
    /// Sum of the monthly values (`value` is `None` while months are missing).
    pub total: Sum,
    /// The same months of the year before.
    pub previous: Sum,
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
pub fn fiscal_year_summary(
    series: &MonthlySeries,
    fy: FiscalYear,
    published: &[PublishedFigure],
) -> Result<FiscalYearSummary, Error> {
    let months = fy.months()?;
    let known: Vec<_> = months
        .iter()
        .copied()
        .filter(|m| series.value(*m).is_some())
        .collect();
    let through = match known.last() {
        Some(&last) => last,
        None => fy.last_month()?,
    };
    let covered = fy.months_through(through)?;
    let total = sum_months(series, &months);
    let same_months_now = sum_months(series, &covered);
    let previous_months: Vec<_> = covered
        .iter()
        .map(|m| m.add_months(-12))
        .collect::<Result<_, _>>()?;
    let previous = sum_months(series, &previous_months);
    let change_pct = match (same_months_now.value, previous.value) {
        (Some(a), Some(b)) => pct_change(a, b),
        _ => None,
    };
    let published = published
        .iter()
        .filter(|p| {
            p.series == series.meta.key
                && p.period
                    == Period::FiscalToDate {
                        fy,
                        through: months[11],
                    }
        })
        .cloned()
        .collect();
    Ok(FiscalYearSummary {
        series: series.meta.key.to_string(),
        fiscal_year: fy,
        months_known: known.len(),
        complete: known.len() == 12,
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
pub fn fiscal_years(
    series: &MonthlySeries,
    published: &[PublishedFigure],
) -> Result<Vec<FiscalYearSummary>, Error> {
    let cal = series.meta.fiscal;
    let mut years: Vec<FiscalYear> = series
        .iter()
        .map(|o| cal.fiscal_year_of(o.period))
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
