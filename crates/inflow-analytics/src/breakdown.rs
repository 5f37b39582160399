//! A total and its components over the same months: each component's
//! value, share of the total, change on a year earlier, and contribution to
//! the total's growth in percentage points; whether the components add up
//! to the total within rounding.
//!
//! The caller chooses the components (through the EBOPS tree and the series
//! metadata); this module only computes. Contributions are measured against
//! the total a year earlier when the total and every component have a value
//! then; otherwise against the period just before (the previous month for
//! one month), when those exist; [`Breakdown::basis`] says which. They sum
//! to the total's growth on that basis when the components add up (and
//! differ by the unexplained part when they do not).

use inflow_core::{MonthlySeries, SeriesMeta, YearMonth};
use serde::Serialize;

use crate::Error;
use crate::round::round_to;

/// What a [`Breakdown`]'s changes and contributions are measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GrowthBasis {
    /// The same months a year earlier.
    YearOnYear,
    /// The same number of months just before (the previous month for one
    /// month): used when a component has no value a year earlier.
    PreviousPeriod,
}

impl GrowthBasis {
    /// The basis in words for prose and tables ("on a year earlier").
    pub fn words(self) -> &'static str {
        match self {
            GrowthBasis::YearOnYear => "on a year earlier",
            GrowthBasis::PreviousPeriod => "on the previous period",
        }
    }
}

/// One component of a [`Breakdown`].
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ComponentRow {
    /// Series key.
    pub series: String,
    /// The component's name (its title without the economy).
    pub name: String,
    /// Its total over the months (`None`: a month has no value).
    pub value: Option<f64>,
    /// Its total over the compared months ([`Breakdown::compared_with`]).
    pub previous: Option<f64>,
    /// Share of the total, percent.
    pub share_pct: Option<f64>,
    /// Change on a year earlier, percent (whatever the basis).
    pub yoy_pct: Option<f64>,
    /// Change on the compared months, percent.
    pub change_pct: Option<f64>,
    /// Contribution to the total's change on the compared months,
    /// percentage points: (value - previous) / total then x 100.
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
    /// What changes and contributions are measured against.
    pub basis: GrowthBasis,
    /// The months compared with (`2025-03`, or `2026-02` on the
    /// previous-period basis).
    pub compared_with: String,
    /// The total over the compared months.
    pub total_previous: Option<f64>,
    /// The total's change on a year earlier, percent (whatever the basis).
    pub total_yoy_pct: Option<f64>,
    /// The total's change on the compared months, percent: what the
    /// contributions add up to.
    pub total_change_pct: Option<f64>,
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

/// One series' totals over the months and the months it is compared with,
/// so the total and each component are measured alike.
struct Compared {
    value: Option<f64>,
    previous: Option<f64>,
    year_ago: Option<f64>,
}

impl Compared {
    fn of(
        s: &MonthlySeries,
        months: &[YearMonth],
        previous: &[YearMonth],
        year_ago: &[YearMonth],
    ) -> Self {
        Compared {
            value: total_over(s, months),
            previous: total_over(s, previous),
            year_ago: total_over(s, year_ago),
        }
    }

    /// Change on a year earlier, percent.
    fn yoy_pct(&self) -> Option<f64> {
        pct(self.value?, self.year_ago?)
    }

    /// Change on the compared months, percent.
    fn change_pct(&self) -> Option<f64> {
        pct(self.value?, self.previous?)
    }
}

fn pct(now: f64, then: f64) -> Option<f64> {
    (then != 0.0).then(|| (now - then) / then * 100.0)
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
    let shift = |by: i32| -> Result<Vec<YearMonth>, Error> {
        Ok(months
            .iter()
            .map(|m| m.add_months(by))
            .collect::<Result<_, _>>()?)
    };
    let year_ago = shift(-12)?;
    // Every series has a value over `then`: the comparison is complete.
    let complete = |then: &[YearMonth]| {
        total_over(total, then).is_some()
            && components.iter().all(|c| total_over(c.2, then).is_some())
    };
    let len = i32::try_from(months.len()).unwrap_or(i32::MAX);
    let just_before = shift(-len)?;
    let (basis, prev_months) = if !complete(&year_ago) && complete(&just_before) {
        (GrowthBasis::PreviousPeriod, just_before)
    } else {
        (GrowthBasis::YearOnYear, year_ago.clone())
    };
    let compare = |s: &MonthlySeries| Compared::of(s, months, &prev_months, &year_ago);
    let whole = compare(total);
    let t_prev = whole.previous;
    let mut rows: Vec<ComponentRow> = components
        .iter()
        .map(|(series, name, s)| {
            let c = compare(s);
            ComponentRow {
                series: series.clone(),
                name: name.clone(),
                value: c.value,
                previous: c.previous,
                share_pct: c.value.and_then(|v| (t != 0.0).then(|| v / t * 100.0)),
                yoy_pct: c.yoy_pct(),
                change_pct: c.change_pct(),
                contribution_pp: c
                    .value
                    .zip(c.previous)
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
    let span = |ms: &[YearMonth]| match ms {
        [one] => one.to_string(),
        [first, .., last] => format!("{first}..{last}"),
        [] => String::new(),
    };
    Ok(Breakdown {
        series: key,
        months: span(months),
        basis,
        compared_with: span(&prev_months),
        total: t,
        total_previous: t_prev,
        total_yoy_pct: whole.yoy_pct(),
        total_change_pct: whole.change_pct(),
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
        assert_eq!(bd.basis, GrowthBasis::YearOnYear);
        assert_eq!(bd.compared_with, "2025-03");
    }

    #[test]
    fn without_year_earlier_components_the_previous_month_is_the_basis() {
        // The total has a year-earlier value, the components only the
        // month before: contributions are to the change on February.
        let total = series(
            "t",
            &[("2025-03", 300.0), ("2026-02", 340.0), ("2026-03", 361.2)],
        );
        let a = series("t.a", &[("2026-02", 240.4), ("2026-03", 250.7)]);
        let b = series("t.b", &[("2026-02", 99.6), ("2026-03", 110.5)]);
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
        assert_eq!(bd.basis, GrowthBasis::PreviousPeriod);
        assert_eq!(bd.compared_with, "2026-02");
        let growth = bd.total_change_pct.unwrap();
        assert!((growth - (361.2 - 340.0) / 340.0 * 100.0).abs() < 1e-9);
        // Year on year is still given for the total, not mixed in.
        assert!((bd.total_yoy_pct.unwrap() - (361.2 - 300.0) / 3.0).abs() < 1e-9);
        assert!(bd.components.iter().all(|c| c.yoy_pct.is_none()));
        // The components add up to 361.2 exactly (and 340.0 a month
        // earlier), so the contributions sum to the total's growth within
        // rounding of the printed one-decimal points.
        let sum = bd.contributions_sum_pp.unwrap();
        assert!((sum - growth).abs() < 0.05, "{sum} vs {growth}");
        let printed: f64 = bd
            .components
            .iter()
            .map(|c| (c.contribution_pp.unwrap() * 10.0).round() / 10.0)
            .sum();
        assert!(
            (printed - growth).abs() <= 0.1 + 1e-9,
            "{printed} vs {growth}"
        );
    }

    #[test]
    fn with_neither_comparison_complete_the_year_basis_stays_and_says_nothing() {
        let total = series("t", &[("2026-03", 360.0)]);
        let a = series("t.a", &[("2026-03", 360.0)]);
        let m: YearMonth = "2026-03".parse().unwrap();
        let bd = breakdown(&total, &[("t.a".into(), "a".into(), &a)], &[m]).unwrap();
        assert_eq!(bd.basis, GrowthBasis::YearOnYear);
        assert!(bd.components[0].contribution_pp.is_none());
        assert!(bd.total_change_pct.is_none());
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
