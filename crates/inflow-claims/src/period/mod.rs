//! Periods as the press writes them, and the periods claims resolve to.
//!
//! The grammar is a handful of hand-written matchers over tokens, each
//! looking a bounded number of tokens ahead: `April 2024`, `July-April
//! 2023-24`, `Jul-Mar FY25`, `July 2023 to March 2024`, `FY24`,
//! `FY2023-24`, `fiscal year 2023-24`, `1QFY25`, `1HFY25`, `5MFY24`, `first
//! seven months of FY24`, `the current fiscal year`, `the same period last
//! year`, `the previous month`, `calendar year 2023`.

mod grammar;
mod relative;
mod words;

pub(crate) use grammar::mentions;
pub(crate) use words::month_at;

use std::fmt;

use inflow_core::month::parse_month_name;
use inflow_core::{FiscalCalendar, FiscalYear, Period, YearMonth};

use crate::number::{number_word, ordinal_word};
use crate::scan::{Tok, Token};

/// A resolved period: one month, a fiscal year to date (a whole fiscal year
/// when it runs through the last month), or any other run of months.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimPeriod {
    /// One calendar month.
    Month(YearMonth),
    /// From the start of fiscal year `fy` through `through`.
    FiscalToDate {
        /// The fiscal year.
        fy: FiscalYear,
        /// The last month covered.
        through: YearMonth,
    },
    /// Any other run of months, both ends included (a quarter, a calendar
    /// year).
    Range {
        /// First month.
        from: YearMonth,
        /// Last month.
        to: YearMonth,
    },
}

impl ClaimPeriod {
    /// A run of months, as a fiscal year to date when it starts a fiscal year.
    pub(crate) fn range(from: YearMonth, to: YearMonth, cal: FiscalCalendar) -> Option<Self> {
        if to < from || from.months_until(to) > 24 {
            return None;
        }
        if from == to {
            return Some(ClaimPeriod::Month(from));
        }
        let fy = cal.fiscal_year_of(from);
        if fy.first_month().ok() == Some(from) && fy.position(to).is_some() {
            Some(ClaimPeriod::FiscalToDate { fy, through: to })
        } else {
            Some(ClaimPeriod::Range { from, to })
        }
    }

    /// The first `n` months of `fy`.
    pub(crate) fn first_months(fy: FiscalYear, n: u32) -> Option<Self> {
        if !(1..=12).contains(&n) {
            return None;
        }
        let through = fy.first_month().ok()?.add_months(n as i32 - 1).ok()?;
        Some(ClaimPeriod::FiscalToDate { fy, through })
    }

    /// The whole fiscal year.
    pub(crate) fn fiscal_year(fy: FiscalYear) -> Option<Self> {
        Some(ClaimPeriod::FiscalToDate {
            fy,
            through: fy.last_month().ok()?,
        })
    }

    /// First month covered.
    pub fn first(self) -> YearMonth {
        match self {
            ClaimPeriod::Month(m) => m,
            ClaimPeriod::FiscalToDate { fy, through } => fy.first_month().unwrap_or(through),
            ClaimPeriod::Range { from, .. } => from,
        }
    }

    /// Last month covered.
    pub fn last(self) -> YearMonth {
        match self {
            ClaimPeriod::Month(m)
            | ClaimPeriod::FiscalToDate { through: m, .. }
            | ClaimPeriod::Range { to: m, .. } => m,
        }
    }

    /// The months covered, in order.
    pub fn months(self) -> Vec<YearMonth> {
        self.first().through(self.last()).collect()
    }

    /// Number of months covered.
    pub fn month_count(self) -> u32 {
        (self.first().months_until(self.last()) + 1).max(0) as u32
    }

    /// Whether this is a whole fiscal year.
    pub fn is_full_year(self) -> bool {
        matches!(self, ClaimPeriod::FiscalToDate { fy, through } if fy.position(through) == Some(12))
    }

    /// The same months `n` months earlier (12: a year earlier).
    pub fn shift(self, n: i32, cal: FiscalCalendar) -> Option<Self> {
        let from = self.first().add_months(-n).ok()?;
        let to = self.last().add_months(-n).ok()?;
        match self {
            ClaimPeriod::Month(_) => Some(ClaimPeriod::Month(from)),
            _ => ClaimPeriod::range(from, to, cal),
        }
    }

    /// The period as the core crate names it, if it is one the core knows
    /// (published figures are indexed by it).
    pub fn to_core(self) -> Option<Period> {
        match self {
            ClaimPeriod::Month(m) => Some(Period::Month(m)),
            ClaimPeriod::FiscalToDate { fy, through } => Some(Period::FiscalToDate { fy, through }),
            ClaimPeriod::Range { .. } => None,
        }
    }

    /// A label for people: `April 2024`, `Jul-Apr FY2023-24`, `FY2023-24`,
    /// `Oct-Dec 2024`.
    pub fn label(self) -> String {
        match self {
            ClaimPeriod::Month(m) => m.long_label(),
            ClaimPeriod::FiscalToDate { fy, through } if self.is_full_year() => {
                let _ = through;
                fy.to_string()
            }
            ClaimPeriod::FiscalToDate { fy, through } => {
                format!("{} {fy}", fy.range_label(through))
            }
            ClaimPeriod::Range { from, to } => format!(
                "{} {}-{} {}",
                from.abbrev(),
                from.year(),
                to.abbrev(),
                to.year()
            ),
        }
    }
}

impl fmt::Display for ClaimPeriod {
    /// Machine form: `2024-04`, `FY2023-24:Jul-Apr`, `FY2023-24`,
    /// `2024-10..2024-12`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_core() {
            Some(p) => p.fmt(f),
            None => write!(f, "{}..{}", self.first(), self.last()),
        }
    }
}

/// A period as written, before resolving what it leaves to context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Spec {
    /// Fully specified.
    Exact(ClaimPeriod),
    /// A month without a year (`in November`).
    MonthNoYear(u32),
    /// A range of months without a year (`July-March`).
    RangeNoYear(u32, u32),
    /// The first `n` months of a fiscal year, given or from context.
    FirstMonths(u32, Option<FiscalYear>),
    /// The fiscal year of the context moved by this many years (`the current
    /// fiscal year` 0, `last fiscal year` -1).
    FiscalRelative(i32),
    /// The context's period a year earlier (`the same period last year`).
    YearEarlier,
    /// The month before the context's (`the previous month`).
    MonthEarlier,
    /// The month before the text's date (`rose to $366 million last
    /// month`): the claim's own period, not a base.
    LastMonth,
    /// A month without a year said to be a year back (`May last year`).
    MonthYearEarlier(u32),
    /// A bare year (`in 2023`): the calendar year, though the press also
    /// writes it for the fiscal year ending then.
    BareYear(i32),
    /// The same months of this fiscal year as the context (`the
    /// corresponding months of FY2022-23`): the months come from context or
    /// from the data.
    CorrespondingOf(FiscalYear),
}

impl Spec {
    /// Whether the phrase itself points back in time (a comparison base).
    pub fn points_back(self) -> bool {
        matches!(
            self,
            Spec::YearEarlier
                | Spec::MonthEarlier
                | Spec::MonthYearEarlier(_)
                | Spec::CorrespondingOf(_)
                | Spec::FiscalRelative(-1)
        )
    }
}

/// A period phrase found in a sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mention {
    pub spec: Spec,
    /// Token range in the sentence.
    pub first_tok: usize,
    pub end_tok: usize,
    /// Months the phrase says it covers (`first eight months`, `8MFY24`),
    /// to check against an explicit range beside it.
    pub stated_len: Option<u32>,
    /// The phrase names a comparison base (`the same period last year`,
    /// `last fiscal year 2022-23`); set later also from cues around it.
    pub back: bool,
}
