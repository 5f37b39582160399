use inflow_core::{
    Date, FiscalYear, Frequency, ObsStatus, Series, SourceTier, Tick, Unit, Vintage, YearMonth,
};
use serde::{Serialize, Serializer};

use crate::round::serde_round;
use crate::{Error, Sum, pct_change, sum_months};

/// A change from an earlier value.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Change<P = YearMonth> {
    /// The period (month or quarter) compared with.
    pub month: P,
    /// Its value.
    #[serde(serialize_with = "serde_round::amount")]
    pub value: f64,
    /// Absolute change, in the series' unit.
    #[serde(serialize_with = "serde_round::amount")]
    pub change: f64,
    /// Percentage change; `None` when the earlier value is zero.
    #[serde(serialize_with = "serde_round::opt_pct")]
    pub change_pct: Option<f64>,
}

/// Fiscal-year-to-date total against the same months a year earlier.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Fytd<P = YearMonth> {
    /// Label of the months covered, such as `Jul-Apr`.
    pub label: String,
    /// Number of periods covered: months 1 to 12, or quarters 1 to 4.
    pub months: usize,
    /// First period covered.
    pub from: P,
    /// Total, or `None` if a month is missing (see `missing`).
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub value: Option<f64>,
    /// The same months a year earlier, or `None` if one is missing.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub previous: Option<f64>,
    /// `value - previous`.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub change: Option<f64>,
    /// Percentage change.
    #[serde(serialize_with = "serde_round::opt_pct")]
    pub change_pct: Option<f64>,
    /// Periods of this year without a value.
    pub missing: Vec<P>,
    /// Periods of the year before without a value.
    pub previous_missing: Vec<P>,
}

/// 12-month rolling total ending with the period (twelve months, or four
/// quarters).
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Rolling<P = YearMonth> {
    /// First period of the window.
    pub from: P,
    /// Sum over the window, `None` if a month is missing.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub sum: Option<f64>,
    /// Average per period (per month, or per quarter) over the window,
    /// `None` if a period is missing.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub average: Option<f64>,
    /// The same window a year earlier.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub previous_sum: Option<f64>,
    /// Percentage change of the sum on a year earlier.
    #[serde(serialize_with = "serde_round::opt_pct")]
    pub change_pct: Option<f64>,
    /// Periods of the window without a value.
    pub missing: Vec<P>,
}

/// Whether the month set records, each against the months before it only
/// (a record is judged as it stood when the month was released).
///
/// A month equal to the previous high is not a new record. The first month
/// of data is not a record: there is nothing to compare it with.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Records<P = YearMonth> {
    /// Higher than every earlier month of the series.
    pub all_time: bool,
    /// The highest earlier value.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub previous_high: Option<f64>,
    /// The period of `previous_high` (the latest, if tied).
    #[schema(value_type = Option<YearMonth>)]
    pub previous_high_month: Option<P>,
    /// Higher than the same calendar month (or quarter) of every earlier year.
    pub calendar_month: bool,
    /// The highest earlier value of the same calendar month.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub calendar_month_previous_high: Option<f64>,
    /// Its period.
    #[schema(value_type = Option<YearMonth>)]
    pub calendar_month_previous_high_month: Option<P>,
    /// Higher than every earlier month of the same fiscal year.
    pub fiscal_year: bool,
    /// The highest earlier value of the fiscal year.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub fiscal_year_previous_high: Option<f64>,
    /// Its period.
    #[schema(value_type = Option<YearMonth>)]
    pub fiscal_year_previous_high_month: Option<P>,
    /// The first period of data: records are "since" this period.
    pub history_from: P,
    /// Periods before this one without a value (records ignore them).
    pub gaps: usize,
}

/// The headline figures of one month (or quarter, or year: the period type
/// `P` is the series').
///
/// The JSON form (keys are stable and documented in the README) flattens the
/// month-on-month and year-on-year percentages to `mom_pct` and `yoy_pct`.
/// For a quarterly series `mom` is the change on the previous quarter
/// (QoQ), the key `frequency` says `Q` and `fiscal_period` names the fiscal
/// quarter (`FY2024-25 Q1`); neither key appears for a monthly series.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Headline<P = YearMonth> {
    /// Series key.
    pub series: String,
    /// The period: a month, or a quarter such as `2024-Q2`.
    pub month: P,
    /// The series' frequency (`Q`, `A`); written only when not monthly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
    /// The period on the fiscal calendar, such as `FY2024-25 Q1`; written
    /// only when not monthly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiscal_period: Option<String>,
    /// Its fiscal year.
    #[serde(serialize_with = "display")]
    pub fiscal_year: FiscalYear,
    /// The month's value.
    #[serde(serialize_with = "serde_round::amount")]
    pub value: f64,
    /// Unit of every amount.
    #[serde(serialize_with = "display")]
    pub unit: Unit,
    /// Status of the value.
    pub status: ObsStatus,
    /// When the value was released.
    #[schema(value_type = String, format = Date)]
    pub release_date: Date,
    /// Where it was published.
    pub source_url: String,
    /// Where the value comes from: `official` (an SBP table), `derived`
    /// (computed from published figures) or `secondary` (a press report).
    pub source_tier: SourceTier,
    /// The vintage read: `latest` or the as-of date.
    #[serde(serialize_with = "vintage")]
    pub vintage: Vintage,
    /// Percentage change on the previous period (month-on-month, or
    /// quarter-on-quarter).
    #[serde(serialize_with = "serde_round::opt_pct")]
    pub mom_pct: Option<f64>,
    /// Year-on-year percentage change.
    #[serde(serialize_with = "serde_round::opt_pct")]
    pub yoy_pct: Option<f64>,
    /// Change on the previous period (`None` if it has no value).
    pub mom: Option<Change<P>>,
    /// Change on the same period a year earlier.
    pub yoy: Option<Change<P>>,
    /// Fiscal year to date.
    pub fytd: Fytd<P>,
    /// 12-month rolling total.
    pub rolling_12m: Rolling<P>,
    /// Record status.
    pub record: Records<P>,
}

fn display<T: std::fmt::Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

fn vintage<S: Serializer>(v: &Vintage, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Vintage::Latest => s.serialize_str("latest"),
        Vintage::AsOf(d) => s.collect_str(d),
    }
}

fn change<P: Tick>(series: &Series<P>, month: P, value: f64, back: i32) -> Option<Change<P>> {
    let earlier = month.shift(-back).ok()?;
    let prev = series.value(earlier)?;
    Some(Change {
        month: earlier,
        value: prev,
        change: crate::round::clean(value - prev),
        change_pct: pct_change(value, prev),
    })
}

/// Computes the headline figures of `month` (a period of the series'
/// frequency).
///
/// # Errors
/// [`Error::NoValue`] if the month has no value in this vintage
/// ([`Error::NoPeriodValue`] for a quarter or a year).
pub fn headline<P: Tick>(series: &Series<P>, month: P) -> Result<Headline<P>, Error> {
    let no_value = || Error::no_value(series.meta.key.as_str(), month, series.last_month());
    let obs = series.get(month).ok_or_else(no_value)?;
    let value = obs.value.ok_or_else(no_value)?.get();
    let fy = series.meta.fiscal.fiscal_year_of_period(month);
    let mom = change(series, month, value, 1);
    let yoy = change(series, month, value, P::PER_YEAR);
    Ok(Headline {
        series: series.meta.key.to_string(),
        month,
        frequency: (P::FREQUENCY != Frequency::Monthly).then_some(P::FREQUENCY),
        fiscal_period: (P::FREQUENCY != Frequency::Monthly)
            .then(|| series.meta.fiscal.period_label(month)),
        fiscal_year: fy,
        value,
        unit: series.meta.unit,
        status: obs.status,
        release_date: obs.release_date,
        source_url: obs.source_url.clone(),
        source_tier: obs.tier(),
        vintage: series.vintage,
        mom_pct: mom.as_ref().and_then(|c| c.change_pct),
        yoy_pct: yoy.as_ref().and_then(|c| c.change_pct),
        mom,
        yoy,
        fytd: fytd(series, month)?,
        rolling_12m: rolling(series, month)?,
        record: records(series, month, value)?,
    })
}

fn shifted<P: Tick>(months: &[P], back: i32) -> Result<Vec<P>, Error> {
    Ok(months
        .iter()
        .map(|m| m.shift(-back))
        .collect::<Result<_, _>>()?)
}

fn compare<P>(now: &Sum<P>, before: &Sum<P>) -> (Option<f64>, Option<f64>) {
    match (now.value, before.value) {
        (Some(a), Some(b)) => (Some(crate::round::clean(a - b)), pct_change(a, b)),
        _ => (None, None),
    }
}

fn fytd<P: Tick>(series: &Series<P>, month: P) -> Result<Fytd<P>, Error> {
    let fy = series.meta.fiscal.fiscal_year_of_period(month);
    let months = fy.periods_through(month)?;
    let now = sum_months(series, &months);
    let before = sum_months(series, &shifted(&months, P::PER_YEAR)?);
    let (change, change_pct) = compare(&now, &before);
    Ok(Fytd {
        label: fy.range_label(month.last_month()),
        months: months.len(),
        from: months.first().copied().unwrap_or(month),
        value: now.value,
        previous: before.value,
        change,
        change_pct,
        missing: now.missing,
        previous_missing: before.missing,
    })
}

fn rolling<P: Tick>(series: &Series<P>, month: P) -> Result<Rolling<P>, Error> {
    let from = month.shift(1 - P::PER_YEAR)?;
    let months: Vec<P> = from.until(month);
    let now = sum_months(series, &months);
    let before = sum_months(series, &shifted(&months, P::PER_YEAR)?);
    let (_, change_pct) = compare(&now, &before);
    Ok(Rolling {
        from,
        sum: now.value,
        average: now.value.map(|v| v / f64::from(P::PER_YEAR)),
        previous_sum: before.value,
        change_pct,
        missing: now.missing,
    })
}

/// The highest value among `months` before `month`, latest month on ties.
fn high<P: Tick>(series: &Series<P>, keep: impl Fn(P) -> bool, month: P) -> Option<(f64, P)> {
    series
        .iter()
        .filter(|o| o.period < month && keep(o.period))
        .filter_map(|o| o.value.map(|v| (v.get(), o.period)))
        .fold(None, |best, (v, m)| match best {
            Some((bv, _)) if bv > v => best,
            _ => Some((v, m)),
        })
}

fn records<P: Tick>(series: &Series<P>, month: P, value: f64) -> Result<Records<P>, Error> {
    let (history_from, _) = series
        .span()
        .ok_or_else(|| Error::Empty(series.meta.key.to_string()))?;
    let fy = series.meta.fiscal.fiscal_year_of_period(month);
    let all = high(series, |_| true, month);
    let cal = high(series, |m| m.in_year() == month.in_year(), month);
    let fyh = high(series, |m| fy.contains(m), month);
    let beats = |h: Option<(f64, P)>| h.is_some_and(|(v, _)| value > v);
    let gaps = history_from
        .until(month)
        .into_iter()
        .filter(|m| series.value(*m).is_none())
        .count();
    Ok(Records {
        all_time: beats(all),
        previous_high: all.map(|h| h.0),
        previous_high_month: all.map(|h| h.1),
        calendar_month: beats(cal),
        calendar_month_previous_high: cal.map(|h| h.0),
        calendar_month_previous_high_month: cal.map(|h| h.1),
        fiscal_year: beats(fyh),
        fiscal_year_previous_high: fyh.map(|h| h.0),
        fiscal_year_previous_high_month: fyh.map(|h| h.1),
        history_from,
        gaps,
    })
}
