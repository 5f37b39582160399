use inflow_core::{MonthlySeries, Period, PublishedFigure};
use serde::Serialize;

use crate::round::{half_unit_in_last_place, serde_round};
use crate::{Sum, sum_months};

/// How far a sum of rounded months may drift, in standard deviations of
/// the accumulated rounding error, before the drift counts as a
/// discrepancy: 3.29 leaves one false alarm in a thousand comparisons.
const ROUNDING_Z: f64 = 3.29;

/// The largest difference between a published total and the sum of the
/// monthly values that rounding alone explains, in the series' unit.
///
/// Every figure is taken at the precision it was published with (the digits
/// it carries): a total printed as `2,593` may be off by half a unit, a
/// monthly value printed as `32.81` by half a hundredth. The months' rounding
/// errors are independent and uniform, so their sum is bounded by the smaller
/// of the worst case (every month off by half a unit the same way) and
/// [`ROUNDING_Z`] standard deviations of the sum. The tolerance therefore
/// follows the unit and precision of the series, never a fixed amount: a
/// USD billion series published to two decimals tolerates a few hundredths.
///
/// ```
/// use inflow_analytics::rounding_tolerance;
/// // Two whole-million months against a whole-million total: 0.5 + 2 × 0.5.
/// assert_eq!(rounding_tolerance(584.0, &[286.0, 298.0]), 1.5);
/// // Twelve months of a USD billion series published to two decimals.
/// let t = rounding_tolerance(156.73, &[13.07; 12]);
/// assert!(t > 0.03 && t < 0.04, "{t}");
/// ```
pub fn rounding_tolerance(published: f64, months: &[f64]) -> f64 {
    let halves: Vec<f64> = months.iter().map(|&v| half_unit_in_last_place(v)).collect();
    let worst: f64 = halves.iter().sum();
    let sd = (halves.iter().map(|h| h * h / 3.0).sum::<f64>()).sqrt();
    crate::round::clean(half_unit_in_last_place(published) + worst.min(ROUNDING_Z * sd))
}

/// How a published total compares with the sum of monthly values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReconciliationStatus {
    /// Within the rounding tolerance of the figures ([`rounding_tolerance`]).
    Match,
    /// Differs by more than rounding explains.
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
    /// The largest difference rounding explains ([`rounding_tolerance`]),
    /// when computable.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub tolerance: Option<f64>,
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
            let tolerance = computed.value.map(|_| {
                let values: Vec<f64> = months.iter().filter_map(|m| series.value(*m)).collect();
                rounding_tolerance(p.value.get(), &values)
            });
            let status = match (difference, tolerance) {
                (Some(d), Some(t)) if d.abs() <= t => ReconciliationStatus::Match,
                (Some(_), _) => ReconciliationStatus::Discrepancy,
                (None, _) => ReconciliationStatus::Incomplete,
            };
            Some(Reconciliation {
                published: p.clone(),
                computed,
                difference,
                tolerance,
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
