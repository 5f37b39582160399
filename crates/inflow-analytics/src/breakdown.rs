//! A total and its components over the same months: each component's
//! value, share of the total, change on a year earlier, and contribution to
//! the total's growth in percentage points; whether the components add up
//! to the total within rounding.
//!
//! The caller chooses the components (through the EBOPS tree and the series
//! metadata); this module only computes. Contributions are measured against
//! the total a year earlier, so they sum to the total's growth when the
//! components add up (and differ by the unexplained part when they do not).

use inflow_core::{MonthlySeries, SeriesMeta, YearMonth};
use serde::Serialize;

use crate::Error;
use crate::round::round_to;

/// One component of a [`Breakdown`].
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ComponentRow {
    /// Series key.
    pub series: String,
    /// The component's name (its title without the economy).
    pub name: String,
    /// Its total over the months (`None`: a month has no value).
    pub value: Option<f64>,
    /// The same months a year earlier.
    pub previous: Option<f64>,
    /// Share of the total, percent.
    pub share_pct: Option<f64>,
    /// Change on a year earlier, percent.
    pub yoy_pct: Option<f64>,
    /// Contribution to the total's change on a year earlier, percentage
    /// points: (value - previous) / total a year earlier x 100.
    pub contribution_pp: Option<f64>,
}

/// A total broken down into its components.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Breakdown {
    /// The total's series key.
    pub series: String,
    /// The months covered (`2024-04` or `2023-07..2024-04`).
    pub months: String,
    /// The total over the months.
    pub total: f64,
    /// The total a year earlier.
    pub total_previous: Option<f64>,
    /// The total's change on a year earlier, percent.
    pub total_yoy_pct: Option<f64>,
    /// The components, largest first.
    pub components: Vec<ComponentRow>,
    /// Sum of the components (`None`: a component has no value).
    pub components_sum: Option<f64>,
    /// Total minus the sum of the components.
    pub unexplained: Option<f64>,
    /// The largest difference rounding can explain: half the published
    /// precision for each value added.
    pub tolerance: f64,
    /// Whether the components add up to the total within `tolerance`.
    pub adds_up: bool,
    /// Sum of the contributions, percentage points.
    pub contributions_sum_pp: Option<f64>,
}

/// The series among `all` that are direct components of `total` in the
/// EBOPS 2010 tree: an item whose parent is the total's item, with the same
/// economy, flow, partner and unit.
pub fn children_of<'a>(total: &SeriesMeta, all: &'a [SeriesMeta]) -> Vec<&'a SeriesMeta> {
    all.iter()
        .filter(|m| {
            m.ebops.parent() == Some(total.ebops)
                && m.economy == total.economy
                && m.flow == total.flow
                && m.partner == total.partner
                && m.unit == total.unit
        })
        .collect()
}

/// A component's name for prose: its title after the economy, without
/// "exports of" ("computer services").
pub fn component_name(meta: &SeriesMeta) -> String {
    let t = meta
        .title
        .split_once(": ")
        .map_or(meta.title.as_str(), |(_, w)| w);
    let t = t.strip_prefix(&format!("{} of ", meta.flow)).unwrap_or(t);
    t.to_string()
}

fn total_over(s: &MonthlySeries, months: &[YearMonth]) -> Option<f64> {
    months.iter().map(|m| s.value(*m)).sum()
}

/// Decimals a value was published with (at most 3).
fn decimals(v: f64) -> i32 {
    (0..3)
        .find(|d| {
            let f = 10f64.powi(*d);
            ((v * f).round() - v * f).abs() < 1e-6
        })
        .unwrap_or(3)
}

/// Half the published precision of every value added: the most rounding
/// can move a sum of them (each value rounded to its own decimals).
fn rounding(series: &[&MonthlySeries], months: &[YearMonth]) -> f64 {
    series
        .iter()
        .flat_map(|s| months.iter().filter_map(|m| s.value(*m)))
        .map(|v| 10f64.powi(-decimals(v)) / 2.0)
        .sum()
}

/// Breaks `total` over `months` into `components` (key, name, series).
///
/// # Errors
/// [`Error::NoValue`] when the total has no value in one of the months.
pub fn breakdown(
    total: &MonthlySeries,
    components: &[(String, String, &MonthlySeries)],
    months: &[YearMonth],
) -> Result<Breakdown, Error> {
    let key = total.meta.key.to_string();
    let Some(t) = total_over(total, months) else {
        let missing = months
            .iter()
            .find(|m| total.value(**m).is_none())
            .copied()
            .unwrap_or_else(|| months[0]);
        return Err(Error::NoValue {
            series: key,
            month: missing,
            latest: total.last_month(),
        });
    };
    let prev_months: Vec<YearMonth> = months
        .iter()
        .map(|m| m.add_months(-12))
        .collect::<Result<_, _>>()?;
    let t_prev = total_over(total, &prev_months);
    let pct = |a: f64, b: f64| (b != 0.0).then(|| (a - b) / b * 100.0);
    let mut rows: Vec<ComponentRow> = components
        .iter()
        .map(|(series, name, s)| {
            let value = total_over(s, months);
            let previous = total_over(s, &prev_months);
            ComponentRow {
                series: series.clone(),
                name: name.clone(),
                value,
                previous,
                share_pct: value.and_then(|v| (t != 0.0).then(|| v / t * 100.0)),
                yoy_pct: value.zip(previous).and_then(|(v, p)| pct(v, p)),
                contribution_pp: value
                    .zip(previous)
                    .zip(t_prev)
                    .and_then(|((v, p), tp)| (tp != 0.0).then(|| (v - p) / tp * 100.0)),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.value
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&a.value.unwrap_or(f64::NEG_INFINITY))
    });
    let sum: Option<f64> = rows.iter().map(|r| r.value).sum();
    let mut all: Vec<&MonthlySeries> = vec![total];
    all.extend(components.iter().map(|c| c.2));
    let tolerance = rounding(&all, months);
    let unexplained = sum.map(|s| round_to(t - s, 3));
    let adds_up = unexplained.is_some_and(|u| u.abs() <= tolerance + 1e-9);
    let contributions_sum_pp = rows.iter().map(|r| r.contribution_pp).sum();
    Ok(Breakdown {
        series: key,
        months: match months {
            [one] => one.to_string(),
            [first, .., last] => format!("{first}..{last}"),
            [] => String::new(),
        },
        total: t,
        total_previous: t_prev,
        total_yoy_pct: t_prev.and_then(|p| pct(t, p)),
        components: rows,
        components_sum: sum,
        unexplained,
        tolerance,
        adds_up,
        contributions_sum_pp,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use inflow_core::{Amount, Date, ObsStatus, Observation, SeriesKey, SeriesMeta, Vintage};

    fn series(key: &str, values: &[(&str, f64)]) -> MonthlySeries {
        let b = inflow_import::bundled_batches().unwrap();
        let mut meta: SeriesMeta = b[0].series[0].value.clone();
        meta.key = key.parse::<SeriesKey>().unwrap();
        let obs: Vec<Observation> = values
            .iter()
            .map(|(m, v)| Observation {
                series: meta.key.clone(),
                period: m.parse().unwrap(),
                value: Some(Amount::try_new(*v).unwrap()),
                status: ObsStatus::Reported,
                release_date: Date::constant(2026, 5, 20),
                source_url: "https://example.org/".into(),
                note: String::new(),
            })
            .collect();
        MonthlySeries::from_history(meta, Vintage::Latest, obs)
    }

    #[test]
    fn contributions_sum_to_the_total_growth() {
        let total = series("t", &[("2025-03", 300.0), ("2026-03", 360.0)]);
        let a = series("t.a", &[("2025-03", 200.0), ("2026-03", 250.0)]);
        let b = series("t.b", &[("2025-03", 100.0), ("2026-03", 110.0)]);
        let m: YearMonth = "2026-03".parse().unwrap();
        let bd = breakdown(
            &total,
            &[
                ("t.b".into(), "b".into(), &b),
                ("t.a".into(), "a".into(), &a),
            ],
            &[m],
        )
        .unwrap();
        assert_eq!(bd.components[0].series, "t.a", "largest first");
        assert!((bd.total_yoy_pct.unwrap() - 20.0).abs() < 1e-9);
        let c: Vec<f64> = bd
            .components
            .iter()
            .map(|r| r.contribution_pp.unwrap())
            .collect();
        assert!((c[0] - 50.0 / 3.0).abs() < 1e-9 && (c[1] - 10.0 / 3.0).abs() < 1e-9);
        assert!((bd.contributions_sum_pp.unwrap() - 20.0).abs() < 1e-9);
        assert!(bd.adds_up);
        assert!((bd.components[0].share_pct.unwrap() - 250.0 / 3.6).abs() < 1e-9);
    }

    #[test]
    fn a_gap_between_total_and_components_is_said() {
        let total = series("t", &[("2026-03", 360.0)]);
        let a = series("t.a", &[("2026-03", 250.4)]);
        let m: YearMonth = "2026-03".parse().unwrap();
        let bd = breakdown(&total, &[("t.a".into(), "a".into(), &a)], &[m]).unwrap();
        assert!(!bd.adds_up);
        assert!((bd.unexplained.unwrap() - 109.6).abs() < 1e-9);
        assert!(bd.contributions_sum_pp.is_none(), "no year-earlier data");
    }

    #[test]
    fn children_found_through_the_ebops_tree() {
        let b = inflow_import::bundled_batches().unwrap();
        let all: Vec<SeriesMeta> = b[0].series.iter().map(|s| s.value.clone()).collect();
        let total = all
            .iter()
            .find(|m| m.key.as_str() == "pk.ict.exports")
            .unwrap();
        let kids: Vec<&str> = children_of(total, &all)
            .iter()
            .map(|m| m.key.as_str())
            .collect();
        assert!(kids.contains(&"pk.ict.exports.computer"), "{kids:?}");
        assert!(!kids.contains(&"pk.ict.exports"), "{kids:?}");
        assert!(
            !kids.contains(&"pk.ict.exports.call_centre"),
            "a grandchild: {kids:?}"
        );
        let computer = all
            .iter()
            .find(|m| m.key.as_str() == "pk.ict.exports.computer")
            .unwrap();
        assert_eq!(component_name(computer), "computer services");
    }

    #[test]
    fn rounding_is_tolerated() {
        let total = series("t", &[("2026-03", 360.1)]);
        let a = series("t.a", &[("2026-03", 250.0)]);
        let b = series("t.b", &[("2026-03", 110.0)]);
        let m: YearMonth = "2026-03".parse().unwrap();
        let bd = breakdown(
            &total,
            &[
                ("t.a".into(), "a".into(), &a),
                ("t.b".into(), "b".into(), &b),
            ],
            &[m],
        )
        .unwrap();
        assert!(bd.adds_up, "{bd:?}");
    }
}
