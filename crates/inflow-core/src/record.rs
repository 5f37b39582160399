//! Stored facts: vintaged observations (of months, quarters or years),
//! published totals, and a series' values as known at one moment.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::{
    Amount, Date, ObsStatus, Period, SeriesKey, SeriesMeta, Tick, Year, YearMonth, YearQuarter,
};

/// One published value of one period (by default a month) of one series,
/// as of one release.
///
/// A period has one record per release that changed it; the newest record
/// released on or before a date is what was known on that date.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Observation<P = YearMonth> {
    /// The series.
    pub series: SeriesKey,
    /// The period the value is for (a month, a quarter or a year).
    pub period: P,
    /// The value, absent only when `status` is [`ObsStatus::Missing`].
    pub value: Option<Amount>,
    /// How the value came to be.
    pub status: ObsStatus,
    /// When this value was released (the start of its vintage).
    #[schema(value_type = String, format = Date)]
    pub release_date: Date,
    /// Where the value was published; may be empty for derived values.
    pub source_url: String,
    /// Free-text note, such as how a derived value was computed.
    pub note: String,
}

/// A total as published by a source, kept to check sums of monthly values
/// against and to judge claims. Several sources may publish different
/// figures for the same period; each is kept.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PublishedFigure {
    /// The series.
    pub series: SeriesKey,
    /// The period covered.
    pub period: Period,
    /// The published value.
    pub value: Amount,
    /// Who published it, such as `SBP` or `PBS`.
    pub publisher: String,
    /// When it was released.
    #[schema(value_type = String, format = Date)]
    pub release_date: Date,
    /// Where it was published.
    pub source_url: String,
    /// Free-text note.
    pub note: String,
}

/// Which release to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Vintage {
    /// The newest value of every month.
    #[default]
    Latest,
    /// What was known at the end of this date (ALFRED's real-time view).
    AsOf(Date),
}

impl std::fmt::Display for Vintage {
    /// `latest` or the date, as JSON and file names show a vintage.
    ///
    /// ```
    /// use inflow_core::{Vintage, parse_date};
    /// assert_eq!(Vintage::Latest.to_string(), "latest");
    /// assert_eq!(Vintage::AsOf(parse_date("2021-06-01")?).to_string(), "2021-06-01");
    /// # Ok::<(), inflow_core::Error>(())
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Vintage::Latest => f.write_str("latest"),
            Vintage::AsOf(d) => write!(f, "{d}"),
        }
    }
}

impl Vintage {
    /// Whether a value released on `released` is visible in this vintage.
    pub fn includes(self, released: Date) -> bool {
        match self {
            Vintage::Latest => true,
            Vintage::AsOf(d) => released <= d,
        }
    }
}

/// A series' values as known in one [`Vintage`]: at most one observation
/// per period. Periods without an observation are gaps. The period type
/// fixes the frequency, so one series never mixes months and quarters.
///
/// ```
/// use inflow_core::{record::*, *};
/// let meta = SeriesMeta {
///     key: "pk.ict.exports".parse()?, title: "ICT exports".into(),
///     economy: "PK".parse()?, flow: Flow::Exports, ebops: "SI".parse()?,
///     partner: Partner::World, unit: Unit::USD_MILLION,
///     frequency: Frequency::Monthly, source: "SBP".into(),
///     fiscal: FiscalCalendar::PAKISTAN,
/// };
/// let obs = |m: &str, v: f64, released: &str| Observation {
///     series: meta.key.clone(), period: m.parse().unwrap(),
///     value: Some(Amount::try_new(v).unwrap()), status: ObsStatus::Reported,
///     release_date: parse_date(released).unwrap(), source_url: String::new(),
///     note: String::new(),
/// };
/// // April 2021 was first published as 196 and revised to 193 a month later.
/// let history = vec![obs("2021-04", 196.0, "2021-05-20"), obs("2021-04", 193.0, "2021-06-20")];
/// let latest = MonthlySeries::from_history(meta.clone(), Vintage::Latest, history.clone());
/// let april: YearMonth = "2021-04".parse()?;
/// assert_eq!(latest.value(april), Some(193.0));
/// let then = MonthlySeries::from_history(meta, Vintage::AsOf(parse_date("2021-06-01")?), history);
/// assert_eq!(then.value(april), Some(196.0));
/// // A month with no observation is a gap, not a zero:
/// assert_eq!(then.value("2021-05".parse()?), None);
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Series<P = YearMonth> {
    /// The series' metadata.
    pub meta: SeriesMeta,
    /// Which vintage these values are.
    pub vintage: Vintage,
    obs: BTreeMap<P, Observation<P>>,
}

/// A series of monthly values.
pub type MonthlySeries = Series<YearMonth>;
/// A series of calendar-quarter values.
pub type QuarterlySeries = Series<YearQuarter>;
/// A series of calendar-year values.
pub type AnnualSeries = Series<Year>;

impl<P: Tick> Series<P> {
    /// Selects, from every stored observation of a series, the one visible in
    /// `vintage` for each period (the newest released on or before its date).
    pub fn from_history(
        meta: SeriesMeta,
        vintage: Vintage,
        history: impl IntoIterator<Item = Observation<P>>,
    ) -> Self {
        let mut obs: BTreeMap<P, Observation<P>> = BTreeMap::new();
        for o in history {
            if o.series != meta.key || !vintage.includes(o.release_date) {
                continue;
            }
            match obs.get(&o.period) {
                Some(cur) if cur.release_date >= o.release_date => {}
                _ => {
                    obs.insert(o.period, o);
                }
            }
        }
        Series { meta, vintage, obs }
    }

    /// The observation of period `month`, if any.
    pub fn get(&self, month: P) -> Option<&Observation<P>> {
        self.obs.get(&month)
    }

    /// The value of period `month`; `None` for a gap or a missing-status observation.
    pub fn value(&self, month: P) -> Option<f64> {
        self.obs.get(&month).and_then(|o| o.value).map(Amount::get)
    }

    /// Every observation in period order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Observation<P>> {
        self.obs.values()
    }

    /// The first and last periods with a value.
    pub fn span(&self) -> Option<(P, P)> {
        let mut with_value = self.obs.values().filter(|o| o.value.is_some());
        let first = with_value.next()?.period;
        let last = with_value.next_back().map_or(first, |o| o.period);
        Some((first, last))
    }

    /// The latest period with a value (a month, for a monthly series).
    pub fn last_month(&self) -> Option<P> {
        self.span().map(|(_, last)| last)
    }

    /// Number of periods with an observation.
    pub fn len(&self) -> usize {
        self.obs.len()
    }

    /// Whether no period has an observation.
    pub fn is_empty(&self) -> bool {
        self.obs.is_empty()
    }
}
