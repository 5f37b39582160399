use inflow_core::{MonthlySeries, Period, PublishedFigure};
use serde::Serialize;

use crate::round::serde_round;
use crate::{Sum, sum_months};

/// Largest difference, in the series' unit, between a published total and
/// the sum of monthly values that still counts as agreement. Published
/// totals are rounded to whole millions and each monthly value too, so sums
/// of ten rounded months can drift by a few tenths either way.
pub const RECONCILE_TOLERANCE: f64 = 1.0;

/// How a published total compares with the sum of monthly values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReconciliationStatus {
    /// Within [`RECONCILE_TOLERANCE`].
    Match,
    /// Differs by more than the tolerance.
    Discrepancy,
    /// Some months have no value, so no comparison is possible.
    Incomplete,
}

/// One published total set against the monthly values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reconciliation {
    /// The published figure.
    pub published: PublishedFigure,
    /// The sum of monthly values over the same months.
    pub computed: Sum,
    /// `published - computed`, when computable.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub difference: Option<f64>,
    /// The verdict.
    pub status: ReconciliationStatus,
}

/// Compares every published total of the series with the sum of its monthly
/// values in this vintage, in period order.
///
/// ```
/// # use inflow_core::{record::*, *};
/// # use inflow_analytics::{reconcile, ReconciliationStatus};
/// # let meta = SeriesMeta { key: "x.y".parse()?, title: String::new(), economy: "PK".parse()?,
/// #   flow: Flow::Exports, ebops: "SI".parse()?, partner: Partner::World,
/// #   unit: Unit::USD_MILLION, frequency: Frequency::Monthly, source: String::new(),
/// #   fiscal: FiscalCalendar::PAKISTAN };
/// # let d = parse_date("2024-09-20")?;
/// # let o = |m: &str, v: f64| Observation { series: meta.key.clone(), period: m.parse().unwrap(),
/// #   value: Some(Amount::try_new(v).unwrap()), status: ObsStatus::Reported,
/// #   release_date: d, source_url: String::new(), note: String::new() };
/// let s = MonthlySeries::from_history(meta.clone(), Vintage::Latest,
///     vec![o("2024-07", 286.0), o("2024-08", 298.0)]);
/// let published = |v: f64| PublishedFigure { series: meta.key.clone(),
///     period: Period::parse("FY2024-25:Jul-Aug", FiscalCalendar::PAKISTAN).unwrap(),
///     value: Amount::try_new(v).unwrap(), publisher: "SBP".into(), release_date: d,
///     source_url: String::new(), note: String::new() };
/// let r = reconcile(&s, &[published(584.0), published(590.0)]);
/// assert_eq!(r[0].status, ReconciliationStatus::Match);
/// assert_eq!(r[1].status, ReconciliationStatus::Discrepancy);
/// assert_eq!(r[1].difference, Some(6.0));
/// # Ok::<(), inflow_core::Error>(())
/// ```
pub fn reconcile(series: &MonthlySeries, published: &[PublishedFigure]) -> Vec<Reconciliation> {
    let mut out: Vec<Reconciliation> = published
        .iter()
        .filter(|p| p.series == series.meta.key && series.vintage.includes(p.release_date))
        .filter_map(|p| {
            let months = match p.period {
                Period::Month(m) => vec![m],
                Period::FiscalToDate { .. } => p.period.months().ok()?,
            };
            let computed = sum_months(series, &months);
            let difference = computed
                .value
                .map(|c| crate::round::clean(p.value.get() - c));
            let status = match difference {
                None => ReconciliationStatus::Incomplete,
                Some(d) if d.abs() <= RECONCILE_TOLERANCE => ReconciliationStatus::Match,
                Some(_) => ReconciliationStatus::Discrepancy,
            };
            Some(Reconciliation {
                published: p.clone(),
                computed,
                difference,
                status,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (
            a.published.period.last_month(),
            a.published.period.months().map(|m| m.len()).unwrap_or(0),
        )
            .cmp(&(
                b.published.period.last_month(),
                b.published.period.months().map(|m| m.len()).unwrap_or(0),
            ))
    });
    out
}
