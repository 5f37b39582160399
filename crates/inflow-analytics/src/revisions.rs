use inflow_core::{Date, ObsStatus, Observation, YearMonth};
use serde::Serialize;

use crate::round::serde_round;

/// One published value in the life of a month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VintageValue {
    /// When it was released.
    pub release_date: Date,
    /// The value (`None` for a missing-status row).
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub value: Option<f64>,
    /// Its status.
    pub status: ObsStatus,
    /// Where it was published.
    pub source_url: String,
}

/// A month whose published value changed at least once.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Revision {
    /// The month.
    pub month: YearMonth,
    /// Every value in release order; the first is the first publication.
    pub vintages: Vec<VintageValue>,
    /// Latest minus first value, when both exist.
    #[serde(serialize_with = "serde_round::opt_amount")]
    pub change: Option<f64>,
}

/// The months of a series' history that were revised, oldest month first.
///
/// ```
/// # use inflow_core::{*, record::*};
/// # let o = |m: &str, v: f64, d: &str| Observation { series: "a.b".parse().unwrap(),
/// #   period: m.parse().unwrap(), value: Some(Amount::try_new(v).unwrap()),
/// #   status: ObsStatus::Reported, release_date: parse_date(d).unwrap(),
/// #   source_url: String::new(), note: String::new() };
/// let history = vec![
///     o("2021-04", 196.0, "2021-05-20"),
///     o("2021-04", 193.0, "2021-06-20"), // revised down by 3
///     o("2021-05", 200.0, "2021-06-20"), // never revised
/// ];
/// let r = inflow_analytics::revisions(&history);
/// assert_eq!(r.len(), 1);
/// assert_eq!(r[0].change, Some(-3.0));
/// ```
pub fn revisions(history: &[Observation]) -> Vec<Revision> {
    let mut sorted: Vec<&Observation> = history.iter().collect();
    sorted.sort_by_key(|o| (o.period, o.release_date));
    let mut out = Vec::new();
    for group in sorted.chunk_by(|a, b| a.period == b.period) {
        if group.len() < 2 {
            continue;
        }
        let vintages: Vec<VintageValue> = group
            .iter()
            .map(|o| VintageValue {
                release_date: o.release_date,
                value: o.value.map(|v| v.get()),
                status: o.status,
                source_url: o.source_url.clone(),
            })
            .collect();
        let change = match (
            vintages.first().and_then(|v| v.value),
            vintages.last().and_then(|v| v.value),
        ) {
            (Some(a), Some(b)) => Some(crate::round::clean(b - a)),
            _ => None,
        };
        out.push(Revision {
            month: group[0].period,
            vintages,
            change,
        });
    }
    out
}
