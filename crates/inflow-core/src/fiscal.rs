//! Fiscal calendars and fiscal years.
//!
//! A fiscal year is named after the calendar years it spans: Pakistan's
//! fiscal year from July 2023 to June 2024 is `FY2023-24`, short `FY24`
//! (the year it ends in). A calendar whose year starts in January has
//! single-year labels (`FY2024`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::month::MONTH_ABBREVS;
use crate::{Error, Frequency, Tick, YearMonth};

/// When a fiscal year starts.
///
/// ```
/// use inflow_core::{FiscalCalendar, YearMonth};
///
/// let pk = FiscalCalendar::PAKISTAN; // July to June
/// let june: YearMonth = "2024-06".parse()?;
/// let july: YearMonth = "2024-07".parse()?;
/// // The June to July boundary starts a new fiscal year:
/// assert_eq!(pk.fiscal_year_of(june).to_string(), "FY2023-24");
/// assert_eq!(pk.fiscal_year_of(july).to_string(), "FY2024-25");
/// assert_eq!(pk.fiscal_year_of(june).position(june), Some(12));
/// assert_eq!(pk.fiscal_year_of(july).position(july), Some(1));
///
/// let india = FiscalCalendar::new(4)?; // April to March
/// assert_eq!(india.fiscal_year_of("2024-03".parse()?).to_string(), "FY2023-24");
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct FiscalCalendar {
    start_month: u8,
}

impl FiscalCalendar {
    /// Pakistan's fiscal year: July to June.
    pub const PAKISTAN: FiscalCalendar = FiscalCalendar { start_month: 7 };
    /// The calendar year: January to December.
    pub const CALENDAR: FiscalCalendar = FiscalCalendar { start_month: 1 };

    /// A calendar whose years start in `start_month` (1 = January).
    ///
    /// # Errors
    /// [`Error::InvalidFiscal`] if the month is not 1 to 12.
    pub fn new(start_month: u32) -> Result<Self, Error> {
        if !(1..=12).contains(&start_month) {
            return Err(Error::InvalidFiscal(format!(
                "fiscal start month {start_month} is not 1 to 12"
            )));
        }
        Ok(FiscalCalendar {
            start_month: start_month as u8,
        })
    }

    /// Whether fiscal years are made of whole periods of `frequency`:
    /// always for months; for quarters when the year starts in January,
    /// April, July or October; for calendar years only when it starts in
    /// January.
    ///
    /// ```
    /// use inflow_core::{FiscalCalendar, Frequency};
    /// assert!(FiscalCalendar::new(4)?.fits(Frequency::Quarterly));
    /// assert!(!FiscalCalendar::new(2)?.fits(Frequency::Quarterly));
    /// assert!(!FiscalCalendar::PAKISTAN.fits(Frequency::Annual));
    /// # Ok::<(), inflow_core::Error>(())
    /// ```
    pub fn fits(self, frequency: Frequency) -> bool {
        match frequency {
            Frequency::Monthly => true,
            Frequency::Quarterly => (self.start_month - 1) % 3 == 0,
            Frequency::Annual => self.start_month == 1,
        }
    }

    /// The fiscal year that contains period `p` (the year of its first month).
    pub fn fiscal_year_of_period<P: Tick>(self, p: P) -> FiscalYear {
        self.fiscal_year_of(p.first_month())
    }

    /// A period written on this calendar: a month as `YYYY-MM`, a quarter as
    /// its fiscal quarter (`FY2024-25 Q1` for April to June 2024 on an April
    /// year), a year as `YYYY`. A quarter that straddles fiscal years (a
    /// calendar that does not [`fit`](Self::fits) quarters) keeps its
    /// calendar name.
    ///
    /// ```
    /// use inflow_core::{FiscalCalendar, YearQuarter};
    /// let q: YearQuarter = "2024-Q2".parse()?;
    /// assert_eq!(FiscalCalendar::new(4)?.period_label(q), "FY2024-25 Q1");
    /// assert_eq!(FiscalCalendar::PAKISTAN.period_label(q), "FY2023-24 Q4");
    /// assert_eq!(FiscalCalendar::CALENDAR.period_label(q), "FY2024 Q2");
    /// # Ok::<(), inflow_core::Error>(())
    /// ```
    pub fn period_label<P: Tick>(self, p: P) -> String {
        match P::FREQUENCY {
            Frequency::Quarterly if self.fits(Frequency::Quarterly) => {
                let fy = self.fiscal_year_of_period(p);
                let pos = fy.position(p.first_month()).unwrap_or(1);
                format!("{fy} Q{}", (pos - 1) / 3 + 1)
            }
            _ => p.to_string(),
        }
    }

    /// The month number (1 = January) in which fiscal years start.
    pub fn start_month(self) -> u32 {
        u32::from(self.start_month)
    }

    /// The fiscal year that contains `month`.
    pub fn fiscal_year_of(self, month: YearMonth) -> FiscalYear {
        let start_year = if month.month() >= self.start_month() {
            month.year()
        } else {
            month.year() - 1
        };
        FiscalYear {
            start_year,
            calendar: self,
        }
    }

    /// The fiscal year that starts in calendar year `start_year`.
    ///
    /// # Errors
    /// [`Error::InvalidFiscal`] if the year cannot hold its twelve months.
    pub fn fiscal_year_starting(self, start_year: i32) -> Result<FiscalYear, Error> {
        let fy = FiscalYear {
            start_year,
            calendar: self,
        };
        fy.first_month()?;
        fy.last_month()?;
        Ok(fy)
    }

    /// Parses a fiscal-year label under this calendar: `FY2023-24`,
    /// `FY2023-2024`, `FY24` or `2023-24` (for a July calendar all mean July
    /// 2023 to June 2024), or `FY2024` for a January calendar.
    ///
    /// ```
    /// use inflow_core::FiscalCalendar;
    /// let pk = FiscalCalendar::PAKISTAN;
    /// assert_eq!(pk.parse_fiscal_year("FY24")?, pk.parse_fiscal_year("FY2023-24")?);
    /// assert_eq!(pk.parse_fiscal_year("2023-2024")?.to_string(), "FY2023-24");
    /// assert!(pk.parse_fiscal_year("FY2023-25").is_err());
    /// # Ok::<(), inflow_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidFiscal`] when the text is not a label of this calendar.
    pub fn parse_fiscal_year(self, s: &str) -> Result<FiscalYear, Error> {
        let bad = |why: &str| Error::InvalidFiscal(format!("{s:?}: {why}"));
        let t = s.trim();
        let body = t
            .strip_prefix("FY")
            .or_else(|| t.strip_prefix("fy"))
            .or_else(|| t.strip_prefix("Fy"))
            .unwrap_or(t);
        let digits = |x: &str| !x.is_empty() && x.bytes().all(|c| c.is_ascii_digit());
        let (first, second) = match body.split_once('-') {
            Some((a, b)) => (a, Some(b)),
            None => (body, None),
        };
        if !digits(first) || second.is_some_and(|b| !digits(b)) {
            return Err(bad("expected a label such as FY2023-24 or FY24"));
        }
        let n: i32 = first.parse().map_err(|_| bad("year too large"))?;
        let spans_two = self.start_month != 1;
        let start_year = match (first.len(), second) {
            (4, Some(end)) => {
                if !spans_two {
                    return Err(bad(
                        "this calendar's fiscal years are single calendar years",
                    ));
                }
                let end_n: i32 = end.parse().map_err(|_| bad("year too large"))?;
                let ok = match end.len() {
                    4 => end_n == n + 1,
                    2 => end_n == (n + 1) % 100,
                    _ => false,
                };
                if !ok {
                    return Err(bad("the second year must follow the first"));
                }
                n
            }
            (4, None) => {
                if spans_two && t.starts_with(['F', 'f']) {
                    // `FY2024` on a July calendar names the year ending in 2024.
                    n - 1
                } else if spans_two {
                    return Err(bad("expected a label such as FY2023-24"));
                } else {
                    n
                }
            }
            (2, None) if body.len() < t.len() => {
                // Short label: the year the fiscal year ends in, in the 2000s.
                let end = 2000 + n;
                if spans_two { end - 1 } else { end }
            }
            _ => return Err(bad("expected a label such as FY2023-24 or FY24")),
        };
        self.fiscal_year_starting(start_year)
            .map_err(|_| bad("year out of range"))
    }
}

impl Default for FiscalCalendar {
    fn default() -> Self {
        FiscalCalendar::CALENDAR
    }
}

impl TryFrom<u32> for FiscalCalendar {
    type Error = Error;
    fn try_from(m: u32) -> Result<Self, Error> {
        FiscalCalendar::new(m)
    }
}

impl From<FiscalCalendar> for u32 {
    fn from(c: FiscalCalendar) -> u32 {
        c.start_month()
    }
}

/// One fiscal year of a [`FiscalCalendar`].
///
/// ```
/// use inflow_core::FiscalCalendar;
///
/// let fy = FiscalCalendar::PAKISTAN.parse_fiscal_year("FY2023-24")?;
/// assert_eq!(fy.first_month()?.to_string(), "2023-07");
/// assert_eq!(fy.last_month()?.to_string(), "2024-06");
/// assert_eq!(fy.short_label(), "FY24");
/// assert_eq!(fy.previous()?.to_string(), "FY2022-23");
/// assert_eq!(fy.months()?.len(), 12);
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FiscalYear {
    start_year: i32,
    calendar: FiscalCalendar,
}

impl FiscalYear {
    /// The calendar year in which this fiscal year starts.
    pub fn start_year(self) -> i32 {
        self.start_year
    }

    /// The calendar year in which this fiscal year ends.
    pub fn end_year(self) -> i32 {
        if self.calendar.start_month == 1 {
            self.start_year
        } else {
            self.start_year + 1
        }
    }

    /// The calendar this fiscal year belongs to.
    pub fn calendar(self) -> FiscalCalendar {
        self.calendar
    }

    /// The first month of the fiscal year.
    ///
    /// # Errors
    /// [`Error::InvalidMonth`] when out of the supported years.
    pub fn first_month(self) -> Result<YearMonth, Error> {
        YearMonth::new(self.start_year, self.calendar.start_month())
    }

    /// The last month of the fiscal year.
    ///
    /// # Errors
    /// [`Error::InvalidMonth`] when out of the supported years.
    pub fn last_month(self) -> Result<YearMonth, Error> {
        self.first_month()?.add_months(11)
    }

    /// The twelve months in order.
    ///
    /// # Errors
    /// [`Error::InvalidMonth`] when out of the supported years.
    pub fn months(self) -> Result<Vec<YearMonth>, Error> {
        Ok(self.first_month()?.through(self.last_month()?).collect())
    }

    /// The months from the start of the year through `through`, or an error
    /// if `through` is not in this year.
    ///
    /// # Errors
    /// [`Error::InvalidFiscal`] if `through` falls outside the fiscal year.
    pub fn months_through(self, through: YearMonth) -> Result<Vec<YearMonth>, Error> {
        if self.calendar.fiscal_year_of(through) != self {
            return Err(Error::InvalidFiscal(format!("{through} is not in {self}")));
        }
        Ok(self.first_month()?.through(through).collect())
    }

    /// The periods of this fiscal year, in order: its months, or the
    /// quarters (or calendar years) whose months all fall in it.
    ///
    /// # Errors
    /// [`Error::InvalidMonth`] when out of the supported years.
    pub fn periods<P: Tick>(self) -> Result<Vec<P>, Error> {
        let mut out: Vec<P> = self
            .months()?
            .into_iter()
            .map(P::containing)
            .filter(|p| self.contains(*p))
            .collect();
        out.dedup();
        Ok(out)
    }

    /// The periods from the start of the year through `through`, or an error
    /// if `through` is not in this year.
    ///
    /// # Errors
    /// [`Error::InvalidFiscal`] if `through` falls outside the fiscal year.
    pub fn periods_through<P: Tick>(self, through: P) -> Result<Vec<P>, Error> {
        if !self.contains(through) {
            return Err(Error::InvalidFiscal(format!("{through} is not in {self}")));
        }
        Ok(self
            .periods::<P>()?
            .into_iter()
            .filter(|p| *p <= through)
            .collect())
    }

    /// Whether every month of period `p` is in this fiscal year.
    pub fn contains<P: Tick>(self, p: P) -> bool {
        self.position(p.first_month()).is_some() && self.position(p.last_month()).is_some()
    }

    /// Position of `month` in this fiscal year, 1 to 12, or `None` if it is
    /// not in this year.
    pub fn position(self, month: YearMonth) -> Option<u32> {
        let first = self.first_month().ok()?;
        let d = first.months_until(month);
        (0..12).contains(&d).then(|| d as u32 + 1)
    }

    /// The fiscal year before this one.
    ///
    /// # Errors
    /// [`Error::InvalidFiscal`] when out of the supported years.
    pub fn previous(self) -> Result<FiscalYear, Error> {
        self.calendar.fiscal_year_starting(self.start_year - 1)
    }

    /// The fiscal year after this one.
    ///
    /// # Errors
    /// [`Error::InvalidFiscal`] when out of the supported years.
    pub fn next(self) -> Result<FiscalYear, Error> {
        self.calendar.fiscal_year_starting(self.start_year + 1)
    }

    /// Short label: `FY24` (the last two digits of the year it ends in).
    pub fn short_label(self) -> String {
        format!("FY{:02}", self.end_year().rem_euclid(100))
    }

    /// The label of a period from the start of the year through `through`,
    /// as `Jul-Apr` (or `Jul` for the first month alone).
    pub fn range_label(self, through: YearMonth) -> String {
        let first = MONTH_ABBREVS[self.calendar.start_month() as usize - 1];
        if through.month() == self.calendar.start_month() {
            first.to_string()
        } else {
            format!("{first}-{}", through.abbrev())
        }
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.calendar.start_month == 1 {
            write!(f, "FY{}", self.start_year)
        } else {
            write!(
                f,
                "FY{}-{:02}",
                self.start_year,
                self.end_year().rem_euclid(100)
            )
        }
    }
}

impl Serialize for FiscalYear {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ym(s: &str) -> YearMonth {
        s.parse().unwrap()
    }

    #[test]
    fn june_july_boundary() {
        let pk = FiscalCalendar::PAKISTAN;
        let fy = pk.fiscal_year_of(ym("2024-06"));
        assert_eq!(fy.to_string(), "FY2023-24");
        assert_eq!(fy.next().unwrap(), pk.fiscal_year_of(ym("2024-07")));
        assert_eq!(fy.range_label(ym("2024-04")), "Jul-Apr");
        assert_eq!(fy.range_label(ym("2023-07")), "Jul");
        assert!(fy.months_through(ym("2024-07")).is_err());
        assert_eq!(fy.months_through(ym("2024-06")).unwrap().len(), 12);
        assert_eq!(fy.position(ym("2023-06")), None);
    }

    #[test]
    fn calendar_year_labels() {
        let cal = FiscalCalendar::CALENDAR;
        let fy = cal.fiscal_year_of(ym("2024-06"));
        assert_eq!(fy.to_string(), "FY2024");
        assert_eq!(fy.short_label(), "FY24");
        assert_eq!(cal.parse_fiscal_year("FY2024").unwrap(), fy);
        assert!(cal.parse_fiscal_year("FY2023-24").is_err());
    }

    #[test]
    fn label_forms() {
        let pk = FiscalCalendar::PAKISTAN;
        let fy = pk.parse_fiscal_year("FY2023-24").unwrap();
        for s in ["FY24", "fy24", "2023-24", "FY2023-2024", "FY2024"] {
            assert_eq!(pk.parse_fiscal_year(s).unwrap(), fy, "{s}");
        }
        for s in [
            "",
            "FY",
            "FY2023-",
            "FY2023-23",
            "FY1999-00x",
            "FY2",
            "24",
            "FY-24",
        ] {
            assert!(pk.parse_fiscal_year(s).is_err(), "{s:?}");
        }
        assert_eq!(
            pk.parse_fiscal_year("FY1999-00").unwrap().to_string(),
            "FY1999-00"
        );
        assert!(FiscalCalendar::new(0).is_err());
        assert!(FiscalCalendar::new(13).is_err());
    }

    proptest! {
        // Years from 1002: the fiscal year before the month's must be
        // representable too, and 1001-01's (July start) begins in 0999-07.
        #[test]
        fn every_month_in_exactly_its_fiscal_year(start in 1u32..=12, y in 1002i32..9998, m in 1u32..=12) {
            let cal = FiscalCalendar::new(start).unwrap();
            let month = YearMonth::new(y, m).unwrap();
            let fy = cal.fiscal_year_of(month);
            let pos = fy.position(month).unwrap();
            prop_assert!((1..=12).contains(&pos));
            prop_assert_eq!(fy.first_month().unwrap().add_months(pos as i32 - 1).unwrap(), month);
            prop_assert_eq!(cal.parse_fiscal_year(&fy.to_string()).unwrap(), fy);
            prop_assert!(fy.previous().unwrap().position(month).is_none());
        }

        #[test]
        fn fiscal_parse_never_panics(s in ".{0,16}") {
            let _ = FiscalCalendar::PAKISTAN.parse_fiscal_year(&s);
            let _ = FiscalCalendar::CALENDAR.parse_fiscal_year(&s);
        }
    }
}
