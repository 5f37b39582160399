//! When the next figure of a series is due, and whether the data are behind.
//!
//! The expected date is `estimated` from the series' own release history:
//! for each month, the day its first value was released, counted from the
//! first day of the following month (SBP: about the 17th to the 20th). The
//! median offset of the last [`HISTORY`] months gives the date, their range
//! the window. A date imported from a publisher's calendar is `announced`
//! and wins over the estimate for its month.

use inflow_core::{Date, Observation, YearMonth};
use serde::Serialize;

use crate::Error;

/// How many recent first releases the estimate uses.
pub const HISTORY: usize = 12;

/// A first release more than this many days from the median is an
/// outlier (a month first published late, with a later release).
pub const LATE_DAYS: i64 = 10;

/// Where an expected date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Estimated from the series' release history.
    Estimated,
    /// Announced by the publisher (an imported calendar).
    Announced,
}

/// A publisher's announced release date of one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Announcement {
    /// The month the release will cover.
    pub month: YearMonth,
    /// The announced date.
    #[schema(value_type = String, format = Date)]
    pub date: Date,
    /// Where it was announced.
    pub source: String,
}

/// The expected first release of one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ExpectedRelease {
    /// The month the release covers.
    pub month: YearMonth,
    /// The expected date.
    #[schema(value_type = String, format = Date)]
    pub date: Date,
    /// Earliest date of the window (the announced date when announced).
    #[schema(value_type = String, format = Date)]
    pub earliest: Date,
    /// Latest date of the window.
    #[schema(value_type = String, format = Date)]
    pub latest: Date,
    /// `estimated` or `announced`.
    pub basis: Basis,
    /// How the date was found, in words.
    pub derivation: String,
}

/// The release calendar of a series as of a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Calendar {
    /// Series key.
    pub series: String,
    /// The day the calendar is read on.
    #[schema(value_type = String, format = Date)]
    pub today: Date,
    /// The latest month with a value.
    pub latest_month: YearMonth,
    /// When that month was first released.
    #[schema(value_type = String, format = Date)]
    pub latest_release: Date,
    /// The release after the latest month (due, or overdue).
    pub next: ExpectedRelease,
    /// The first release expected after `today`.
    pub upcoming: ExpectedRelease,
    /// Months whose release was expected by `today` (window passed) but
    /// which are not in the data, oldest first.
    pub overdue: Vec<YearMonth>,
}

impl Calendar {
    /// Whether the data are older than the calendar expects.
    pub fn is_behind(&self) -> bool {
        !self.overdue.is_empty()
    }

    /// A sentence for readers when the data are behind: "August 2026 was
    /// expected around 2026-09-20; the latest here is July 2026."
    pub fn staleness(&self) -> Option<String> {
        let first = self.overdue.first()?;
        let mut s = format!(
            "{} was expected around {}; the latest here is {}",
            first.long_label(),
            self.next.date,
            self.latest_month.long_label()
        );
        if self.overdue.len() > 1 {
            s.push_str(&format!(
                " ({} months behind the calendar)",
                self.overdue.len()
            ));
        }
        s.push('.');
        Some(s)
    }
}

/// The first release date of each month with a value, in month order.
pub fn first_releases(history: &[Observation]) -> Vec<(YearMonth, Date)> {
    let mut firsts: std::collections::BTreeMap<YearMonth, Date> = Default::default();
    for o in history.iter().filter(|o| o.value.is_some()) {
        firsts
            .entry(o.period)
            .and_modify(|d| *d = (*d).min(o.release_date))
            .or_insert(o.release_date);
    }
    firsts.into_iter().collect()
}

fn month_start(m: YearMonth) -> Result<Date, Error> {
    Date::new(m.year() as i16, m.month() as i8, 1)
        .map_err(|e| Error::Core(inflow_core::Error::InvalidDate(e.to_string())))
}

fn plus_days(d: Date, days: i64) -> Result<Date, Error> {
    d.checked_add(jiff::Span::new().days(days))
        .map_err(|e| Error::Core(inflow_core::Error::InvalidDate(e.to_string())))
}

/// Days from the first day of the month after `m` to `released`.
fn offset(m: YearMonth, released: Date) -> Result<i64, Error> {
    let start = month_start(m.succ()?)?;
    Ok(i64::from((released - start).get_days()))
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The release schedule learnt from a history: median and range of the
/// day offsets of the recent first releases.
struct Schedule {
    median: i64,
    min: i64,
    max: i64,
    n: usize,
    late: usize,
    from: YearMonth,
    to: YearMonth,
}

impl Schedule {
    fn learn(firsts: &[(YearMonth, Date)]) -> Result<Schedule, Error> {
        let recent = &firsts[firsts.len().saturating_sub(HISTORY)..];
        let mut offsets: Vec<i64> = recent
            .iter()
            .map(|(m, d)| offset(*m, *d))
            .collect::<Result<_, _>>()?;
        offsets.sort_unstable();
        let n = offsets.len();
        let median = offsets[n / 2];
        // A month first published with a later month's release (a late
        // figure) says nothing about the schedule: it stays out of the
        // window, and the derivation says how many were left out.
        let usual: Vec<i64> = offsets
            .iter()
            .copied()
            .filter(|o| (o - median).abs() <= LATE_DAYS)
            .collect();
        Ok(Schedule {
            median,
            min: usual.first().copied().unwrap_or(median),
            max: usual.last().copied().unwrap_or(median),
            n,
            late: n - usual.len(),
            from: recent[0].0,
            to: recent[n - 1].0,
        })
    }

    fn expect(&self, m: YearMonth, announced: &[Announcement]) -> Result<ExpectedRelease, Error> {
        if let Some(a) = announced.iter().find(|a| a.month == m) {
            return Ok(ExpectedRelease {
                month: m,
                date: a.date,
                earliest: a.date,
                latest: a.date,
                basis: Basis::Announced,
                derivation: format!("announced: {}", a.source),
            });
        }
        let start = month_start(m.succ()?)?;
        Ok(ExpectedRelease {
            month: m,
            date: plus_days(start, self.median)?,
            earliest: plus_days(start, self.min)?,
            latest: plus_days(start, self.max)?,
            basis: Basis::Estimated,
            derivation: {
                let mut d = format!(
                    "median day of the first release of the {} months {}..{}: the {} of the following month (range {} to {})",
                    self.n,
                    self.from,
                    self.to,
                    ordinal(self.median + 1),
                    ordinal(self.min + 1),
                    ordinal(self.max + 1),
                );
                if self.late > 0 {
                    d.push_str(&format!(
                        "; {} first published more than {LATE_DAYS} days off the usual day left out of the range",
                        self.late
                    ));
                }
                d
            },
        })
    }
}

/// The calendar of a series on `today` from its full history (every
/// vintage) and any announced dates.
///
/// # Errors
/// [`Error::Empty`] when the series has no value.
///
/// ```
/// use inflow_analytics::calendar::{Basis, calendar};
/// use inflow_core::{Amount, Date, ObsStatus, Observation, SeriesKey, YearMonth};
/// let key: SeriesKey = "pk.ict.exports".parse().unwrap();
/// let obs = |m: &str, d: Date| Observation {
///     series: key.clone(),
///     period: m.parse().unwrap(),
///     value: Some(Amount::try_new(300.0).unwrap()),
///     status: ObsStatus::Reported,
///     release_date: d,
///     source_url: String::new(),
///     note: String::new(),
/// };
/// let history = vec![
///     obs("2026-05", Date::constant(2026, 6, 18)),
///     obs("2026-06", Date::constant(2026, 7, 20)),
///     obs("2026-07", Date::constant(2026, 8, 19)),
/// ];
/// let c = calendar("pk.ict.exports", &history, &[], Date::constant(2026, 12, 2)).unwrap();
/// assert_eq!(c.next.month.to_string(), "2026-08");
/// assert_eq!(c.next.date, Date::constant(2026, 9, 19));
/// assert_eq!(c.next.basis, Basis::Estimated);
/// assert!(c.is_behind());
/// assert_eq!(
///     c.staleness().unwrap(),
///     "August 2026 was expected around 2026-09-19; the latest here is July 2026 (3 months behind the calendar)."
/// );
/// assert_eq!(c.upcoming.month.to_string(), "2026-11");
/// ```
pub fn calendar(
    series: &str,
    history: &[Observation],
    announced: &[Announcement],
    today: Date,
) -> Result<Calendar, Error> {
    let firsts = first_releases(history);
    let Some(&(latest_month, latest_release)) = firsts.last() else {
        return Err(Error::Empty(series.to_string()));
    };
    let schedule = Schedule::learn(&firsts)?;
    let next = schedule.expect(latest_month.succ()?, announced)?;
    let mut overdue = Vec::new();
    let mut m = latest_month.succ()?;
    let upcoming = loop {
        let e = schedule.expect(m, announced)?;
        if e.latest >= today {
            break e;
        }
        overdue.push(m);
        m = m.succ()?;
    };
    Ok(Calendar {
        series: series.to_string(),
        today,
        latest_month,
        latest_release,
        next,
        upcoming,
        overdue,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn bundled() -> Vec<Observation> {
        let b = inflow_import::bundled_batches().unwrap();
        b[1].observations
            .iter()
            .map(|o| o.value.clone())
            .filter(|o| o.series.as_str() == "pk.ict.exports")
            .collect()
    }

    #[test]
    fn sbp_releases_land_around_the_twentieth() {
        let h = bundled();
        let last = first_releases(&h).last().unwrap().1;
        let c = calendar("pk.ict.exports", &h, &[], last).unwrap();
        assert_eq!(c.next.basis, Basis::Estimated);
        let day = c.next.date.day();
        assert!((15..=23).contains(&day), "{:?}", c.next);
        assert!(!c.is_behind(), "on the day of the latest release: {c:?}");
        assert!(c.staleness().is_none());
    }

    #[test]
    fn behind_on_a_late_day() {
        let h = bundled();
        let c = calendar("pk.ict.exports", &h, &[], Date::constant(2026, 12, 2)).unwrap();
        assert!(c.is_behind());
        let s = c.staleness().unwrap();
        assert!(s.contains("was expected around"), "{s}");
        assert!(s.contains(&c.latest_month.long_label()), "{s}");
        assert!(c.upcoming.date >= Date::constant(2026, 12, 2));
    }

    #[test]
    fn announced_dates_win() {
        let h = bundled();
        let firsts = first_releases(&h);
        let (last_m, last_d) = *firsts.last().unwrap();
        let next = last_m.succ().unwrap();
        let a = Announcement {
            month: next,
            date: plus_days(last_d, 33).unwrap(),
            source: "SBP advance release calendar".into(),
        };
        let c = calendar("pk.ict.exports", &h, std::slice::from_ref(&a), last_d).unwrap();
        assert_eq!(c.next.basis, Basis::Announced);
        assert_eq!(c.next.date, a.date);
        assert!(c.next.derivation.contains("SBP advance release calendar"));
    }

    #[test]
    fn no_history_is_an_error() {
        assert!(matches!(
            calendar("x", &[], &[], Date::constant(2026, 1, 1)),
            Err(Error::Empty(_))
        ));
    }
}
