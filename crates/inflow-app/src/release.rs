//! Release day: when each series' next figure is due and whether the data
//! are behind (the release calendar), and a total broken down into its
//! components through the EBOPS tree.

use inflow_analytics::breakdown::{Breakdown, breakdown, children_of, component_name};
use inflow_analytics::calendar::{Announcement, Calendar, calendar};
use inflow_core::{AsOf, Date, MonthlySeries, Vintage, YearMonth};

use crate::{App, Result};

/// Today's date in UTC: the day staleness is judged on when none is given.
pub fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// The headline figures of a month with what the release calendar and the
/// components say: `inflow headline --format json` and `GET /api/headline`.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct HeadlineReport {
    /// The headline figures.
    #[serde(flatten)]
    pub headline: inflow_analytics::Headline,
    /// The release calendar on the reading day (absent without monthly data).
    pub calendar: Option<Calendar>,
    /// A sentence when the data are older than the calendar expects.
    pub stale: Option<String>,
    /// The components of the month, when the series has any with data.
    pub breakdown: Option<Breakdown>,
    /// The figure the month's fiscal year is compared with by default.
    pub target: Option<crate::target::DefaultTarget>,
}

impl App {
    /// The release calendars on `today` of `only` or of every series with
    /// monthly values, with announced dates (series key, announcement).
    ///
    /// # Errors
    /// Not found for an unknown series or one without monthly values.
    pub fn calendars(
        &self,
        only: Option<&str>,
        today: Date,
        announced: &[(String, Announcement)],
    ) -> Result<Vec<Calendar>> {
        let metas = match only {
            Some(k) => vec![self.store.series(k)?],
            // The calendar is estimated from monthly releases; quarterly
            // and annual series are left out of the list, not an error.
            None => self
                .store
                .series_list()?
                .into_iter()
                .filter(|m| m.frequency == inflow_core::Frequency::Monthly)
                .collect(),
        };
        let mut out = Vec::new();
        for meta in metas {
            let key = meta.key.to_string();
            let history = self.store.history(&meta.key)?;
            let mine: Vec<Announcement> = announced
                .iter()
                .filter(|(s, _)| *s == key)
                .map(|(_, a)| a.clone())
                .collect();
            match calendar(&key, &history, &mine, today) {
                Ok(c) => out.push(c),
                // A series with published totals only has no monthly calendar.
                Err(inflow_analytics::Error::Empty(_)) if only.is_none() => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(out)
    }

    /// The calendar of `key` as a reader in the vintage `as_of` saw it, on
    /// `today` (`None` when the series has no monthly value).
    ///
    /// # Errors
    /// Not found for an unknown series.
    pub fn calendar_as_of(&self, key: &str, as_of: AsOf, today: Date) -> Result<Option<Calendar>> {
        let series = self.monthly(key, as_of)?;
        let history: Vec<_> = self
            .store
            .history_in(&series.meta.key, series.vintage)?
            .into_iter()
            .filter(|o| series.vintage.includes(o.release_date))
            .collect();
        Ok(calendar(key, &history, &[], today).ok())
    }

    /// The day a reader in the vintage `as_of` stood on: its date, else
    /// `today`.
    ///
    /// # Errors
    /// Not found for an unknown series or month.
    pub fn reading_day(&self, key: &str, as_of: AsOf, today: Date) -> Result<Date> {
        Ok(match self.vintage(key, as_of)? {
            Vintage::AsOf(d) => d,
            Vintage::Latest => today,
        })
    }

    /// The headline of `month` with the calendar on `today` (default: the
    /// vintage's date, else today) and the breakdown.
    ///
    /// # Errors
    /// As [`App::headline`].
    pub fn headline_report(
        &self,
        key: &str,
        month: Option<YearMonth>,
        as_of: AsOf,
        today_: Option<Date>,
    ) -> Result<HeadlineReport> {
        let headline = self.headline(key, month, as_of)?;
        let day = match today_ {
            Some(d) => d,
            None => self.reading_day(key, as_of, today())?,
        };
        let calendar = self.calendar_as_of(key, as_of, day)?;
        Ok(HeadlineReport {
            stale: calendar.as_ref().and_then(Calendar::staleness),
            calendar,
            breakdown: self.breakdown(key, Some(headline.month), as_of)?,
            target: self.default_target(key, Some(headline.month), as_of)?,
            headline,
        })
    }

    /// The components of `key` in `month` (default: the latest), each with
    /// its value, share, change on a year and contribution to the total's
    /// growth; `None` when the series has no component with a value then.
    ///
    /// # Errors
    /// Not found for an unknown series or a month without a value.
    pub fn breakdown(
        &self,
        key: &str,
        month: Option<YearMonth>,
        as_of: AsOf,
    ) -> Result<Option<Breakdown>> {
        let series = self.monthly(key, as_of)?;
        let month = match month {
            Some(m) => m,
            None => series
                .last_month()
                .ok_or_else(|| inflow_analytics::Error::Empty(key.to_string()))?,
        };
        let all = self.store.series_list()?;
        let mut kids: Vec<(String, String, MonthlySeries)> = Vec::new();
        for m in children_of(&series.meta, &all) {
            let s = self.store.monthly(m.key.as_str(), series.vintage)?;
            if s.value(month).is_some() {
                kids.push((m.key.to_string(), component_name(m), s));
            }
        }
        if kids.is_empty() {
            return Ok(None);
        }
        let refs: Vec<(String, String, &MonthlySeries)> = kids
            .iter()
            .map(|(k, n, s)| (k.clone(), n.clone(), s))
            .collect();
        Ok(Some(breakdown(&series, &refs, &[month])?))
    }
}
