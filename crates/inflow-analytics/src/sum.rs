use inflow_core::{MonthlySeries, YearMonth};
use serde::Serialize;

use crate::round::serde_round;

/// A total over a set of months that knows which months it is missing.
///
/// ```
/// use inflow_analytics::sum_months;
/// # use inflow_core::{record::*, *};
/// # let meta = SeriesMeta { key: "x.y".parse()?, title: String::new(), economy: "PK".parse()?,
/// #   flow: Flow::Exports, ebops: "SI".parse()?, partner: Partner::World,
/// #   unit: Unit::USD_MILLION, frequency: Frequency::Monthly, source: String::new(),
/// #   fiscal: FiscalCalendar::PAKISTAN };
/// # let o = |m: &str, v: f64| Observation { series: meta.key.clone(), period: m.parse().unwrap(),
/// #   value: Some(Amount::try_new(v).unwrap()), status: ObsStatus::Reported,
/// #   release_date: parse_date("2024-01-01").unwrap(), source_url: String::new(), note: String::new() };
/// // February has no value:
/// let s = MonthlySeries::from_history(meta.clone(), Vintage::Latest,
///     vec![o("2024-01", 10.0), o("2024-03", 30.0)]);
/// let months: Vec<YearMonth> = "2024-01".parse::<YearMonth>()?.through("2024-03".parse()?).collect();
/// let total = sum_months(&s, &months);
/// assert_eq!(total.value, None); // not 40: a month is missing
/// assert_eq!(total.partial, 40.0);
/// assert_eq!(total.missing, vec!["2024-02".parse::<YearMonth>()?]);
/// # Ok::<(), inflow_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Sum {
    /// The total, or `None` when any month is missing.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub value: Option<f64>,
    /// The sum of the months that do have values.
    #[serde(serialize_with = "serde_round::amount")]
    pub partial: f64,
    /// How many months the total covers.
    pub months: usize,
    /// Months without a value.
    pub missing: Vec<YearMonth>,
}

impl Sum {
    /// Whether every month has a value.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Sums the values of `months`, recording gaps instead of skipping them.
pub fn sum_months(series: &MonthlySeries, months: &[YearMonth]) -> Sum {
    let mut partial = 0.0;
    let mut missing = Vec::new();
    for &m in months {
        match series.value(m) {
            Some(v) => partial += v,
            None => missing.push(m),
        }
    }
    let partial = crate::round::clean(partial);
    Sum {
        value: missing.is_empty().then_some(partial),
        partial,
        months: months.len(),
        missing,
    }
}

/// Percentage change from `base` to `value`; `None` when the base is zero.
///
/// ```
/// let p = inflow_analytics::pct_change(2593.0, 2135.0).unwrap();
/// assert!((p - 21.452).abs() < 1e-3);
/// assert_eq!(inflow_analytics::pct_change(5.0, 0.0), None);
/// ```
pub fn pct_change(value: f64, base: f64) -> Option<f64> {
    (base != 0.0).then(|| (value - base) / base * 100.0)
}
