//! Projections on the bundled Pakistan data.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_core::{FiscalCalendar, Observation, SeriesMeta, Vintage};
use inflow_project::{AsOf, Request, backtest, project};

fn load() -> (SeriesMeta, Vec<Observation>) {
    let b = inflow_import::bundled_batches().unwrap();
    let meta = b[0].series[0].value.clone();
    (
        meta,
        b[1].observations.iter().map(|o| o.value.clone()).collect(),
    )
}

fn fy(s: &str) -> inflow_core::FiscalYear {
    FiscalCalendar::PAKISTAN.parse_fiscal_year(s).unwrap()
}

#[test]
fn fy24_as_of_april_2024() {
    let (meta, history) = load();
    let req = Request {
        fy: Some(fy("FY2023-24")),
        as_of: AsOf::parse("2024-04").unwrap(),
        target: Some(3000.0),
        ..Request::default()
    };
    let p = project(&meta, &history, &req).unwrap();
    assert_eq!(p.months_known, 10);
    assert_eq!(p.actual_to_date, 2593.0);
    // April 2024 was first released on 2024-05-20: nothing later is used.
    assert_eq!(
        p.vintage,
        Vintage::AsOf(inflow_core::parse_date("2024-05-20").unwrap())
    );
    let (lo80, hi80) = (p.intervals["80"][0], p.intervals["80"][1]);
    let (lo95, hi95) = (p.intervals["95"][0], p.intervals["95"][1]);
    assert!(
        lo95 <= lo80 && lo80 < p.point && p.point < hi80 && hi80 <= hi95,
        "{p:?}"
    );
    // Two months left, each around 250-350: the total is 2593 + 500..700.
    assert!((3093.0..3293.0).contains(&p.point), "{}", p.point);
    let pe = p.p_exceed.unwrap();
    assert!(pe > 0.9, "3,000 needs only 407 in May and June: {pe}");
    assert_eq!(p.months.len(), 12);
    assert_eq!(p.months[9].actual, Some(310.0));
    assert!(p.months[10].point.is_some());
    let json = serde_json::to_value(&p).unwrap();
    for key in [
        "series",
        "fiscal_year",
        "as_of",
        "months_known",
        "actual_to_date",
        "point",
        "intervals",
        "target",
        "p_exceed",
        "model",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["as_of"], "2024-04");
    assert_eq!(json["fiscal_year"], "FY2023-24");
}

#[test]
fn a_date_as_of_uses_what_was_known_that_day() {
    let (meta, history) = load();
    let req = Request {
        as_of: AsOf::parse("2021-06-01").unwrap(),
        ..Request::default()
    };
    let p = project(&meta, &history, &req).unwrap();
    assert_eq!(p.as_of.to_string(), "2021-04");
    assert_eq!(p.fiscal_year.to_string(), "FY2020-21");
    // April 2021 as first published (196), not as revised (193).
    assert_eq!(p.months[9].actual, Some(196.0));
}

#[test]
fn the_next_year_from_june_and_a_finished_year() {
    let (meta, history) = load();
    let p = project(
        &meta,
        &history,
        &Request {
            as_of: AsOf::parse("2024-06").unwrap(),
            ..Request::default()
        },
    )
    .unwrap();
    assert_eq!(p.fiscal_year.to_string(), "FY2024-25");
    assert_eq!(p.months_known, 0);
    assert_eq!(p.actual_to_date, 0.0);
    let done = project(
        &meta,
        &history,
        &Request {
            fy: Some(fy("FY2023-24")),
            ..Request::default()
        },
    )
    .unwrap();
    assert_eq!(done.point, 3223.0);
    assert_eq!(done.months_known, 12);
}

#[test]
fn unpublished_or_unreachable_points_are_errors() {
    let (meta, history) = load();
    let e = project(
        &meta,
        &history,
        &Request {
            as_of: AsOf::parse("2020-03").unwrap(),
            ..Request::default()
        },
    );
    assert!(
        e.unwrap_err()
            .to_string()
            .contains("no published value for 2020-03")
    );
    let e = project(
        &meta,
        &history,
        &Request {
            as_of: AsOf::parse("2019-01-01").unwrap(),
            ..Request::default()
        },
    );
    assert!(e.is_err());
    // FY2019-20 so far has gaps (Feb and Mar 2020).
    let e = project(
        &meta,
        &history,
        &Request {
            as_of: AsOf::parse("2020-04").unwrap(),
            ..Request::default()
        },
    );
    assert!(e.unwrap_err().to_string().contains("incomplete"));
}

#[test]
fn backtest_covers_each_month_known() {
    let (meta, history) = load();
    let years: Vec<_> = ["FY2021-22", "FY2022-23", "FY2023-24", "FY2024-25"]
        .iter()
        .map(|s| fy(s))
        .collect();
    let b = backtest(
        &meta,
        &history,
        &years,
        &Request {
            paths: 500,
            ..Request::default()
        },
    )
    .unwrap();
    assert_eq!(b.fiscal_years.len(), 4);
    assert_eq!(b.rows.len(), 11);
    assert_eq!(b.cells.len(), 44);
    for r in &b.rows {
        assert_eq!(r.n, 4);
        assert!(r.inflow_mape.is_finite() && (0.0..=1.0).contains(&r.coverage_80));
    }
    // After eleven months only June is unknown: the error is small.
    assert!(b.rows[10].inflow_mape < 3.0, "{:?}", b.rows[10]);
}

#[test]
fn one_month_of_history_gives_a_wide_interval_and_says_why() {
    // June 2020 is missing, so as of July 2020 the unbroken history is one
    // month: the model can only repeat it, and the interval must not.
    let (meta, history) = load();
    let req = Request {
        fy: Some(fy("FY2020-21")),
        as_of: AsOf::parse("2020-07").unwrap(),
        target: Some(2000.0),
        ..Request::default()
    };
    let p = project(&meta, &history, &req).unwrap();
    assert_eq!(p.months_known, 1);
    let [lo80, hi80] = p.intervals["80"];
    let [lo95, hi95] = p.intervals["95"];
    assert!(
        lo95 < lo80 && lo80 < p.point && p.point < hi80 && hi80 < hi95,
        "{p:?}"
    );
    // Wide: at least 10% either side of the point at 80%.
    assert!(hi80 - lo80 > 0.2 * p.point, "{lo80} {hi80}");
    let pe = p.p_exceed.unwrap();
    assert!(pe > 0.0 && pe < 1.0, "{pe}");
    assert!(
        p.note.as_deref().unwrap().contains("only 1 month of"),
        "{:?}",
        p.note
    );
    for m in p.months.iter().filter(|m| m.point.is_some()) {
        assert!(m.hi_80.unwrap() > m.lo_80.unwrap(), "{m:?}");
    }
}
