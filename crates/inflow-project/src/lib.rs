//! Fiscal-year projections: what the data known so far says about the
//! fiscal-year total, with intervals and the probability of crossing a
//! target, and a backtest of those projections in pseudo-real time.
//!
//! A projection is the actual total of the months known plus the forecast
//! of the months left. Simulated sample paths of the forecast model summed
//! over the remaining months give the centre and spread of the rest (so
//! errors that persist from month to month widen it); the quantiles and the
//! probability of a target come from a calibration table of past year
//! totals' standardized errors ([`calibrate`]), so coverage holds whether or
//! not the model is right.
//!
//! "As of a month" means what a reader could have computed when that
//! month's figure was first published: the vintage of its first release,
//! with no later month. This is what makes the backtest honest.

mod backtest;
pub mod calibrate;
pub mod panel;
mod total;

use std::collections::BTreeMap;

use inflow_analytics::round::serde_round;
use inflow_core::{FiscalYear, MonthlySeries, Observation, SeriesMeta, Vintage, YearMonth};
use std::sync::{Arc, OnceLock};

use inflow_forecast::ModelSpec;
use serde::{Serialize, Serializer};

pub use backtest::{Backtest, BacktestCell, BacktestRow, backtest};
pub use calibrate::Calibration;
pub use inflow_analytics::round::probability_text;
pub use total::{MIN_HISTORY, MIN_RELATIVE_SCALE, PRIOR_CV, TotalSettings, YearTotal, year_total};

/// Errors from projecting.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The month named by `as_of` was never published.
    #[error("{series} has no published value for {month}")]
    NotPublished {
        /// Series key.
        series: String,
        /// The month.
        month: YearMonth,
    },
    /// Nothing was known at the requested point.
    #[error("{series} has no data as of {at}")]
    NoData {
        /// Series key.
        series: String,
        /// The as-of point, as given.
        at: String,
    },
    /// The fiscal year ends before the data used begins, or the data end
    /// after the fiscal year.
    #[error("cannot project {fy} from data through {last}: {why}")]
    Range {
        /// The fiscal year.
        fy: String,
        /// The last month of data used.
        last: YearMonth,
        /// Why.
        why: &'static str,
    },
    /// A month of the fiscal year so far has no value.
    #[error("{fy} to date is incomplete: no value for {missing}")]
    Gap {
        /// The fiscal year.
        fy: String,
        /// The missing months.
        missing: String,
    },
    /// The forecast model failed.
    #[error(transparent)]
    Forecast(#[from] inflow_forecast::Error),
    /// A domain value was out of range.
    #[error(transparent)]
    Core(#[from] inflow_core::Error),
}

impl Error {
    /// The shared classification: nothing published is not found, a bad
    /// range is invalid input, data that cannot support a projection are
    /// unprocessable.
    pub fn kind(&self) -> inflow_core::ErrorKind {
        use inflow_core::ErrorKind as K;
        match self {
            Error::NotPublished { .. } | Error::NoData { .. } => K::NotFound,
            Error::Range { .. } | Error::Core(_) => K::InvalidInput,
            Error::Gap { .. } | Error::Forecast(_) => K::Unprocessable,
        }
    }
}

/// Which data a projection may use (defined in `inflow-core`, so the front
/// ends can parse it without this crate).
pub use inflow_core::AsOf;

/// What to project and how.
#[derive(Clone, Debug)]
pub struct Request {
    /// The fiscal year; default: the one containing the last month used
    /// (or the next one, if that month closes its year).
    pub fy: Option<FiscalYear>,
    /// Which data to use.
    pub as_of: AsOf,
    /// A threshold for the fiscal-year total, in the series' unit.
    pub target: Option<f64>,
    /// The forecast model.
    pub model: ModelSpec,
    /// Number of simulated paths (default 4000).
    pub paths: usize,
    /// Seed of the simulation; projections are reproducible.
    pub seed: u64,
    /// How the total's quantiles are calibrated.
    pub calibration: Calibrated,
}

/// Which calibration of the year total's quantiles a projection uses.
#[derive(Clone, Debug, Default)]
pub enum Calibrated {
    /// The table fitted on the M3 training data ([`Calibration::bundled`]).
    #[default]
    Bundled,
    /// None: the quantiles of the model's own simulated totals, as before
    /// calibration (to measure what calibration changes, and to fit a new
    /// table).
    Uncalibrated,
    /// A table given by the caller.
    Table(Arc<Calibration>),
}

impl Calibrated {
    /// The table this choice stands for (`None` when uncalibrated).
    pub fn table(&self) -> Option<&Calibration> {
        static BUNDLED: OnceLock<Calibration> = OnceLock::new();
        match self {
            Calibrated::Bundled => Some(BUNDLED.get_or_init(Calibration::bundled)),
            Calibrated::Uncalibrated => None,
            Calibrated::Table(t) => Some(t),
        }
    }
}

impl Request {
    /// The settings of [`year_total`] this request stands for.
    pub fn total_settings(&self) -> TotalSettings<'_> {
        TotalSettings {
            model: self.model,
            paths: self.paths,
            seed: self.seed,
            calibration: self.calibration.table(),
        }
    }
}

impl Default for Request {
    fn default() -> Self {
        Request {
            fy: None,
            as_of: AsOf::Latest,
            target: None,
            model: ModelSpec::Auto,
            paths: 4000,
            seed: 20_240_501,
            calibration: Calibrated::Bundled,
        }
    }
}

/// One month of the projected fiscal year.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct MonthLine {
    /// The month.
    pub month: YearMonth,
    /// Its value, if known.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub actual: Option<f64>,
    /// Point forecast, for months not known.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub point: Option<f64>,
    /// 80% interval of the month's value.
    pub lo_80: Option<f64>,
    /// Upper bound of the 80% interval.
    pub hi_80: Option<f64>,
    /// 95% interval lower bound.
    pub lo_95: Option<f64>,
    /// 95% interval upper bound.
    pub hi_95: Option<f64>,
}

/// A fiscal-year projection. JSON keys are stable (see the README).
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Projection {
    /// Series key.
    pub series: String,
    /// The fiscal year.
    #[serde(serialize_with = "display")]
    pub fiscal_year: FiscalYear,
    /// The last month of data used.
    pub as_of: YearMonth,
    /// The vintage read: `latest` or the release date.
    #[serde(serialize_with = "vintage")]
    pub vintage: Vintage,
    /// Months of the fiscal year known.
    pub months_known: usize,
    /// Their total.
    #[serde(serialize_with = "serde_round::amount")]
    pub actual_to_date: f64,
    /// Projected fiscal-year total (actual plus point forecasts).
    #[serde(serialize_with = "round1")]
    pub point: f64,
    /// Intervals of the total by level (`"80"`, `"95"`): `[lo, hi]`.
    pub intervals: BTreeMap<String, [f64; 2]>,
    /// The target, if one was given.
    pub target: Option<f64>,
    /// Probability that the total exceeds the target; never exactly 0 or 1
    /// while months are left (see [`probability_text`] for how to show it).
    pub p_exceed: Option<f64>,
    /// The model used, with any fallback.
    pub model: String,
    /// How the interval and the probability were made (calibrated or the
    /// simulated totals themselves).
    pub interval_method: String,
    /// Why the interval is wider than the model's own spread (too little
    /// history), if it is.
    pub note: Option<String>,
    /// Unit of every amount.
    pub unit: String,
    /// First and last month of the history the model was fitted on.
    pub fitted_from: YearMonth,
    /// Each month of the fiscal year.
    pub months: Vec<MonthLine>,
}

fn display<T: std::fmt::Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

fn round1<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(inflow_analytics::round::round_to(*v, 1))
}

fn vintage<S: Serializer>(v: &Vintage, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Vintage::Latest => s.serialize_str("latest"),
        Vintage::AsOf(d) => s.collect_str(d),
    }
}

/// The data a reader had: the series in the chosen vintage, cut at the last
/// month used.
///
/// # Errors
/// [`Error::NotPublished`] or [`Error::NoData`].
pub fn data_as_of(
    meta: &SeriesMeta,
    history: &[Observation],
    as_of: AsOf,
) -> Result<(MonthlySeries, YearMonth), Error> {
    let key = meta.key.to_string();
    let (vintage, cut) = match as_of {
        AsOf::Latest => (Vintage::Latest, None),
        AsOf::Date(d) => (Vintage::AsOf(d), None),
        AsOf::Month(m) => {
            let first_release = history
                .iter()
                .filter(|o| o.period == m && o.value.is_some())
                .map(|o| o.release_date)
                .min()
                .ok_or(Error::NotPublished {
                    series: key.clone(),
                    month: m,
                })?;
            (Vintage::AsOf(first_release), Some(m))
        }
    };
    let visible = history
        .iter()
        .filter(|o| cut.is_none_or(|c| o.period <= c))
        .cloned();
    let series = MonthlySeries::from_history(meta.clone(), vintage, visible);
    let last = series.last_month().ok_or_else(|| Error::NoData {
        series: key,
        at: match as_of {
            AsOf::Latest => "latest".into(),
            AsOf::Month(m) => m.to_string(),
            AsOf::Date(d) => d.to_string(),
        },
    })?;
    Ok((series, last))
}

/// The longest stretch of consecutive months with values ending at `last`,
/// oldest first.
fn contiguous_history(series: &MonthlySeries, last: YearMonth) -> (YearMonth, Vec<f64>) {
    let mut values = Vec::new();
    let mut m = last;
    let mut first = last;
    while let Some(v) = series.value(m) {
        values.push(v);
        first = m;
        match m.pred() {
            Ok(p) => m = p,
            Err(_) => break,
        }
    }
    values.reverse();
    (first, values)
}

/// Projects a fiscal-year total.
///
/// # Errors
/// See [`Error`]: unknown as-of points, a fiscal year out of reach of the
/// data, a gap in the year so far, or a model failure.
pub fn project(
    meta: &SeriesMeta,
    history: &[Observation],
    req: &Request,
) -> Result<Projection, Error> {
    let (series, last) = data_as_of(meta, history, req.as_of)?;
    project_series(&series, last, req)
}

/// Projects from a series already cut to what was known (see [`data_as_of`]).
///
/// # Errors
/// As [`project`].
pub fn project_series(
    series: &MonthlySeries,
    last: YearMonth,
    req: &Request,
) -> Result<Projection, Error> {
    let cal = series.meta.fiscal;
    let fy = match req.fy {
        Some(fy) => fy,
        None => {
            let fy = cal.fiscal_year_of(last);
            if fy.position(last) == Some(12) {
                fy.next()?
            } else {
                fy
            }
        }
    };
    let range = |why| Error::Range {
        fy: fy.to_string(),
        last,
        why,
    };
    if last > fy.last_month()? {
        // A finished year needs no projection, but answering with the
        // actual total is what a user asking about it expects.
        if let Some(p) = finished_year(series, fy, last, req)? {
            return Ok(p);
        }
        return Err(range(
            "the year is over and some of its months have no value",
        ));
    }
    let first = fy.first_month()?;
    let known: Vec<YearMonth> = if last >= first {
        first.through(last).collect()
    } else {
        Vec::new()
    };
    let missing: Vec<String> = known
        .iter()
        .filter(|m| series.value(**m).is_none())
        .map(ToString::to_string)
        .collect();
    if !missing.is_empty() {
        return Err(Error::Gap {
            fy: fy.to_string(),
            missing: missing.join(", "),
        });
    }
    let actual: f64 = known.iter().filter_map(|m| series.value(*m)).sum();
    // Steps from the month after `last` to the end of the fiscal year; the
    // year's own months are the last `remaining` of them.
    let h = last.months_until(fy.last_month()?) as usize;
    let remaining = 12 - known.len();
    if h > 36 {
        return Err(range(
            "the year starts more than two years after the data end",
        ));
    }
    let (fitted_from, y) = contiguous_history(series, last);
    let total = year_total(&y, actual, h, remaining, &req.total_settings())?;
    let fc = &total.forecast;
    let point = total.point();
    let mut intervals = BTreeMap::new();
    for level in [80.0, 95.0] {
        let (lo, hi) = total.interval(level);
        intervals.insert(format!("{level:.0}"), [round(lo), round(hi)]);
    }
    let p_exceed = req.target.map(|t| total.p_exceed(t));
    let months = fy
        .months()?
        .into_iter()
        .map(|m| {
            let step = last.months_until(m);
            if step <= 0 {
                return MonthLine {
                    month: m,
                    actual: series.value(m),
                    point: None,
                    lo_80: None,
                    hi_80: None,
                    lo_95: None,
                    hi_95: None,
                };
            }
            let i = step as usize - 1;
            MonthLine {
                month: m,
                actual: None,
                point: Some(fc.point[i]),
                lo_80: Some(round(fc.intervals[0].lo[i])),
                hi_80: Some(round(fc.intervals[0].hi[i])),
                lo_95: Some(round(fc.intervals[1].lo[i])),
                hi_95: Some(round(fc.intervals[1].hi[i])),
            }
        })
        .collect();
    Ok(Projection {
        series: series.meta.key.to_string(),
        fiscal_year: fy,
        as_of: last,
        vintage: series.vintage,
        months_known: known.len(),
        actual_to_date: actual,
        point,
        intervals,
        target: req.target,
        p_exceed,
        model: total.model.clone(),
        interval_method: total.method(req.paths),
        note: total.widened.clone(),
        unit: series.meta.unit.to_string(),
        fitted_from,
        months,
    })
}

fn finished_year(
    series: &MonthlySeries,
    fy: FiscalYear,
    last: YearMonth,
    req: &Request,
) -> Result<Option<Projection>, Error> {
    let sum = inflow_analytics::sum_months(series, &fy.months()?);
    let Some(total) = sum.value else {
        return Ok(None);
    };
    let intervals = [80.0, 95.0]
        .map(|l| (format!("{l:.0}"), [total, total]))
        .into_iter()
        .collect();
    Ok(Some(Projection {
        series: series.meta.key.to_string(),
        fiscal_year: fy,
        as_of: last,
        vintage: series.vintage,
        months_known: 12,
        actual_to_date: total,
        point: total,
        intervals,
        target: req.target,
        p_exceed: req.target.map(|t| if total > t { 1.0 } else { 0.0 }),
        model: "actual (the year is complete)".into(),
        interval_method: "none: every month of the year is known".into(),
        note: None,
        unit: series.meta.unit.to_string(),
        fitted_from: fy.first_month()?,
        months: fy
            .months()?
            .into_iter()
            .map(|m| MonthLine {
                month: m,
                actual: series.value(m),
                point: None,
                lo_80: None,
                hi_80: None,
                lo_95: None,
                hi_95: None,
            })
            .collect(),
    }))
}

fn round(v: f64) -> f64 {
    inflow_analytics::round::round_to(v, 1)
}
