use inflow_core::{
    Date, FiscalYear, MonthlySeries, ObsStatus, SourceTier, Unit, Vintage, YearMonth,
};
use serde::{Serialize, Serializer};

use crate::round::serde_round;
use crate::{Error, Sum, pct_change, sum_months};

/// A change from an earlier value.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Change {
    /// The month compared with.
    pub month: YearMonth,
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
pub struct Fytd {
    /// Label of the months covered, such as `Jul-Apr`.
    pub label: String,
    /// Number of months covered, 1 to 12.
    pub months: usize,
    /// First month covered.
    pub from: YearMonth,
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
    /// Months of this year without a value.
    pub missing: Vec<YearMonth>,
    /// Months of the year before without a value.
    pub previous_missing: Vec<YearMonth>,
}

/// 12-month rolling total ending with the month.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Rolling {
    /// First month of the window.
    pub from: YearMonth,
    /// Sum over the window, `None` if a month is missing.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub sum: Option<f64>,
    /// Monthly average over the window, `None` if a month is missing.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub average: Option<f64>,
    /// The same window a year earlier.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub previous_sum: Option<f64>,
    /// Percentage change of the sum on a year earlier.
    #[serde(serialize_with = "serde_round::opt_pct")]
    pub change_pct: Option<f64>,
    /// Months of the window without a value.
    pub missing: Vec<YearMonth>,
}

/// Whether the month set records, each against the months before it only
/// (a record is judged as it stood when the month was released).
///
/// A month equal to the previous high is not a new record. The first month
/// of data is not a record: there is nothing to compare it with.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Records {
    /// Higher than every earlier month of the series.
    pub all_time: bool,
    /// The highest earlier value.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub previous_high: Option<f64>,
    /// The month of `previous_high` (the latest, if tied).
    pub previous_high_month: Option<YearMonth>,
    /// Higher than the same calendar month of every earlier year.
    pub calendar_month: bool,
    /// The highest earlier value of the same calendar month.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub calendar_month_previous_high: Option<f64>,
    /// Its month.
    pub calendar_month_previous_high_month: Option<YearMonth>,
    /// Higher than every earlier month of the same fiscal year.
    pub fiscal_year: bool,
    /// The highest earlier value of the fiscal year.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub fiscal_year_previous_high: Option<f64>,
    /// Its month.
    pub fiscal_year_previous_high_month: Option<YearMonth>,
    /// The first month of data: records are "since" this month.
    pub history_from: YearMonth,
    /// Months before this one without a value (records ignore them).
    pub gaps: usize,
}

/// The headline figures of one month.
///
/// The JSON form (keys are stable and documented in the README) flattens the
/// month-on-month and year-on-year percentages to `mom_pct` and `yoy_pct`.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Headline {
    /// Series key.
    pub series: String,
    /// The month.
    pub month: YearMonth,
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
    pub release_date: Date,
    /// Where it was published.
    pub source_url: String,
    /// Where the value comes from: `official` (an SBP table), `derived`
    /// (computed from published figures) or `secondary` (a press report).
    pub source_tier: SourceTier,
    /// The vintage read: `latest` or the as-of date.
    #[serde(serialize_with = "vintage")]
    pub vintage: Vintage,
    /// Month-on-month percentage change.
    #[serde(serialize_with = "serde_round::opt_pct")]
    pub mom_pct: Option<f64>,
    /// Year-on-year percentage change.
    #[serde(serialize_with = "serde_round::opt_pct")]
    pub yoy_pct: Option<f64>,
    /// Change on the previous month (`None` if it has no value).
    pub mom: Option<Change>,
    /// Change on the same month a year earlier.
    pub yoy: Option<Change>,
    /// Fiscal year to date.
    pub fytd: Fytd,
    /// 12-month rolling total.
    pub rolling_12m: Rolling,
    /// Record status.
    pub record: Records,
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

fn change(series: &MonthlySeries, month: YearMonth, value: f64, back: i32) -> Option<Change> {
    let earlier = month.add_months(-back).ok()?;
    let prev = series.value(earlier)?;
    Some(Change {
        month: earlier,
        value: prev,
        change: crate::round::clean(value - prev),
        change_pct: pct_change(value, prev),
    })
}

/// Computes the headline figures of `month`.
///
/// # Errors
/// [`Error::NoValue`] if the month has no value in this vintage.
pub fn headline(series: &MonthlySeries, month: YearMonth) -> Result<Headline, Error> {
    let no_value = || Error::NoValue {
        series: series.meta.key.to_string(),
        month,
        latest: series.last_month(),
    };
    let obs = series.get(month).ok_or_else(no_value)?;
    let value = obs.value.ok_or_else(no_value)?.get();
    let fy = series.meta.fiscal.fiscal_year_of(month);
    let mom = change(series, month, value, 1);
    let yoy = change(series, month, value, 12);
    Ok(Headline {
        series: series.meta.key.to_string(),
        month,
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

fn shifted(months: &[YearMonth], back: i32) -> Result<Vec<YearMonth>, Error> {
    Ok(months
        .iter()
        .map(|m| m.add_months(-back))
        .collect::<Result<_, _>>()?)
}

fn compare(now: &Sum, before: &Sum) -> (Option<f64>, Option<f64>) {
    match (now.value, before.value) {
        (Some(a), Some(b)) => (Some(crate::round::clean(a - b)), pct_change(a, b)),
        _ => (None, None),
    }
}

fn fytd(series: &MonthlySeries, month: YearMonth) -> Result<Fytd, Error> {
    let fy = series.meta.fiscal.fiscal_year_of(month);
    let months = fy.months_through(month)?;
    let now = sum_months(series, &months);
    let before = sum_months(series, &shifted(&months, 12)?);
    let (change, change_pct) = compare(&now, &before);
    Ok(Fytd {
        label: fy.range_label(month),
        months: months.len(),
        from: fy.first_month()?,
        value: now.value,
        previous: before.value,
        change,
        change_pct,
        missing: now.missing,
        previous_missing: before.missing,
    })
}

fn rolling(series: &MonthlySeries, month: YearMonth) -> Result<Rolling, Error> {
    let from = month.add_months(-11)?;
    let months: Vec<YearMonth> = from.through(month).collect();
    let now = sum_months(series, &months);
    let before = sum_months(series, &shifted(&months, 12)?);
    let (_, change_pct) = compare(&now, &before);
    Ok(Rolling {
        from,
        sum: now.value,
        average: now.value.map(|v| v / 12.0),
        previous_sum: before.value,
        change_pct,
        missing: now.missing,
    })
}

/// The highest value among `months` before `month`, latest month on ties.
fn high(
    series: &MonthlySeries,
    keep: impl Fn(YearMonth) -> bool,
    month: YearMonth,
) -> Option<(f64, YearMonth)> {
    series
        .iter()
        .filter(|o| o.period < month && keep(o.period))
        .filter_map(|o| o.value.map(|v| (v.get(), o.period)))
        .fold(None, |best, (v, m)| match best {
            Some((bv, _)) if bv > v => best,
            _ => Some((v, m)),
        })
}

fn records(series: &MonthlySeries, month: YearMonth, value: f64) -> Result<Records, Error> {
    let (history_from, _) = series
        .span()
        .ok_or_else(|| Error::Empty(series.meta.key.to_string()))?;
    let fy = series.meta.fiscal.fiscal_year_of(month);
    let all = high(series, |_| true, month);
    let cal = high(series, |m| m.month() == month.month(), month);
    let fyh = high(series, |m| fy.position(m).is_some(), month);
    let beats = |h: Option<(f64, YearMonth)>| h.is_some_and(|(v, _)| value > v);
    let gaps = history_from
        .through(month)
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
