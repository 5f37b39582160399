//! Periods that published figures refer to: one month, or a fiscal year to date.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::month::parse_month_name;
use crate::{Error, FiscalCalendar, FiscalYear, YearMonth};

/// The period a published figure covers.
///
/// ```
/// use inflow_core::{FiscalCalendar, Period};
/// let pk = FiscalCalendar::PAKISTAN;
/// let p = Period::parse("FY2023-24:Jul-Apr", pk)?;
/// assert_eq!(p.months()?.len(), 10);
/// assert_eq!(p.to_string(), "FY2023-24:Jul-Apr");
/// // A whole fiscal year is written without a month range:
/// assert_eq!(Period::parse("FY2023-24:Jul-Jun", pk)?.to_string(), "FY2023-24");
/// // A range must start where the fiscal year starts:
/// assert!(Period::parse("FY2023-24:Aug-Apr", pk).is_err());
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// One calendar month.
    Month(YearMonth),
    /// From the first month of a fiscal year through `through`, included.
    FiscalToDate {
        /// The fiscal year.
        fy: FiscalYear,
        /// The last month covered.
        through: YearMonth,
    },
}

impl Period {
    /// Parses `YYYY-MM`, `FY2023-24` (the whole year) or `FY2023-24:Jul-Apr`
    /// (the first ten months) under `calendar`.
    ///
    /// # Errors
    /// [`Error::InvalidPeriod`] naming what is wrong.
    pub fn parse(s: &str, calendar: FiscalCalendar) -> Result<Period, Error> {
        let bad = |why: String| Error::InvalidPeriod(format!("{s:?}: {why}"));
        if !s.starts_with(['F', 'f']) {
            return s
                .parse::<YearMonth>()
                .map(Period::Month)
                .map_err(|_| bad("expected YYYY-MM, FY2023-24 or FY2023-24:Jul-Apr".into()));
        }
        let (fy_part, range) = match s.split_once(':') {
            Some((a, b)) => (a, Some(b)),
            None => (s, None),
        };
        let fy = calendar
            .parse_fiscal_year(fy_part)
            .map_err(|e| bad(e.to_string()))?;
        let through = match range {
            None => fy.last_month()?,
            Some(r) => {
                let (a, b) = r.split_once('-').unwrap_or((r, r));
                let first =
                    parse_month_name(a).ok_or_else(|| bad(format!("unknown month {a:?}")))?;
                let last =
                    parse_month_name(b).ok_or_else(|| bad(format!("unknown month {b:?}")))?;
                if first != calendar.start_month() {
                    return Err(bad(format!(
                        "a fiscal-year-to-date range starts in {}",
                        crate::month::MONTH_ABBREVS[calendar.start_month() as usize - 1]
                    )));
                }
                let first_month = fy.first_month()?;
                let offset = (last + 12 - first) % 12;
                first_month.add_months(offset as i32)?
            }
        };
        Ok(Period::FiscalToDate { fy, through })
    }

    /// The months covered, in order.
    ///
    /// # Errors
    /// [`Error::InvalidMonth`] when out of the supported years.
    pub fn months(self) -> Result<Vec<YearMonth>, Error> {
        match self {
            Period::Month(m) => Ok(vec![m]),
            Period::FiscalToDate { fy, through } => fy.months_through(through),
        }
    }

    /// The last month covered.
    pub fn last_month(self) -> YearMonth {
        match self {
            Period::Month(m) | Period::FiscalToDate { through: m, .. } => m,
        }
    }

    /// Whether this covers a whole fiscal year.
    pub fn is_full_year(self) -> bool {
        matches!(self, Period::FiscalToDate { fy, through } if fy.position(through) == Some(12))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Month(m) => m.fmt(f),
            Period::FiscalToDate { fy, through } if fy.position(through) == Some(12) => fy.fmt(f),
            Period::FiscalToDate { fy, through } => {
                let first = fy.first_month().map_err(|_| fmt::Error)?;
                write!(f, "{fy}:{}-{}", first.abbrev(), through.abbrev())
            }
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn forms() {
        let pk = FiscalCalendar::PAKISTAN;
        assert_eq!(
            Period::parse("2024-04", pk).unwrap(),
            Period::Month("2024-04".parse().unwrap())
        );
        let p = Period::parse("FY2023-24:Jul-Jul", pk).unwrap();
        assert_eq!(p.months().unwrap().len(), 1);
        assert_eq!(p.to_string(), "FY2023-24:Jul-Jul");
        assert!(Period::parse("FY2023-24", pk).unwrap().is_full_year());
        assert_eq!(
            Period::parse("FY2023-24:Jul-Dec", pk)
                .unwrap()
                .last_month()
                .to_string(),
            "2023-12"
        );
        for s in ["FY2023-24:Jul-Foo", "FY2023-24:", "2024-13", "FYX", "F"] {
            assert!(Period::parse(s, pk).is_err(), "{s}");
        }
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "(FY)?[0-9-]{0,9}(:[A-Za-z-]{0,8})?") {
            let _ = Period::parse(&s, FiscalCalendar::PAKISTAN);
        }

        #[test]
        fn display_round_trips(y in 1001i32..9990, last in 1u32..=12) {
            let pk = FiscalCalendar::PAKISTAN;
            let fy = pk.fiscal_year_starting(y).unwrap();
            let through = fy.first_month().unwrap().add_months(((last + 12 - 7) % 12) as i32).unwrap();
            let p = Period::FiscalToDate { fy, through };
            prop_assert_eq!(Period::parse(&p.to_string(), pk).unwrap(), p);
        }
    }
}
