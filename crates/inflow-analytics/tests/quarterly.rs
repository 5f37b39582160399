//! Headline figures and fiscal years of a quarterly series on an April
//! fiscal year: changes on the quarter and on the year, the fiscal year to
//! date by quarters, records among quarters only.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_analytics::{Error, fiscal_years, headline};
use inflow_core::{record::*, *};

fn meta() -> SeriesMeta {
    SeriesMeta {
        key: "xq.services.exports".parse().unwrap(),
        title: "Services exports".into(),
        economy: "IN".parse().unwrap(),
        flow: Flow::Exports,
        ebops: "S".parse().unwrap(),
        partner: Partner::World,
        unit: "USD billion".parse().unwrap(),
        frequency: Frequency::Quarterly,
        source: "Example agency".into(),
        fiscal: FiscalCalendar::new(4).unwrap(),
    }
}

/// Quarters 2019-Q2 (FY2019-20 Q1) to 2021-Q1 (FY2020-21 Q4), released the
/// month after each quarter ends.
fn series(values: &[f64]) -> QuarterlySeries {
    let meta = meta();
    let first: YearQuarter = "2019-Q2".parse().unwrap();
    let obs = values.iter().enumerate().map(|(i, v)| {
        let q = first.shift(i as i32).unwrap();
        let released = q.last_month().succ().unwrap();
        Observation {
            series: meta.key.clone(),
            period: q,
            value: Some(Amount::try_new(*v).unwrap()),
            status: ObsStatus::Reported,
            release_date: parse_date(&format!("{released}-20")).unwrap(),
            source_url: "https://stats.example/q".into(),
            note: String::new(),
        }
    });
    QuarterlySeries::from_history(meta.clone(), Vintage::Latest, obs.collect::<Vec<_>>())
}

const VALUES: [f64; 8] = [50.0, 52.0, 55.0, 53.0, 54.0, 56.0, 60.0, 58.0];

#[test]
fn quarter_on_quarter_year_on_year_and_fiscal_year_to_date() {
    let s = series(&VALUES);
    let q: YearQuarter = "2020-Q4".parse().unwrap(); // FY2020-21 Q3: Oct-Dec 2020
    let h = headline(&s, q).unwrap();
    assert_eq!(h.value, 60.0);
    assert_eq!(h.fiscal_period.as_deref(), Some("FY2020-21 Q3"));
    assert_eq!(h.fiscal_year.to_string(), "FY2020-21");
    // QoQ against 2020-Q3 (56), YoY against 2019-Q4 (55).
    assert_eq!(h.mom.as_ref().unwrap().month.to_string(), "2020-Q3");
    assert!((h.mom_pct.unwrap() - (60.0 / 56.0 - 1.0) * 100.0).abs() < 1e-9);
    assert_eq!(h.yoy.as_ref().unwrap().month.to_string(), "2019-Q4");
    assert!((h.yoy_pct.unwrap() - (60.0 / 55.0 - 1.0) * 100.0).abs() < 1e-9);
    // Fiscal year to date: three quarters, Apr-Dec, against Apr-Dec 2019.
    assert_eq!(h.fytd.months, 3);
    assert_eq!(h.fytd.label, "Apr-Dec");
    assert_eq!(h.fytd.from.to_string(), "2020-Q2");
    assert_eq!(h.fytd.value, Some(54.0 + 56.0 + 60.0));
    assert_eq!(h.fytd.previous, Some(50.0 + 52.0 + 55.0));
    // Four quarters make the rolling year.
    assert_eq!(h.rolling_12m.from.to_string(), "2020-Q1");
    assert_eq!(h.rolling_12m.sum, Some(53.0 + 54.0 + 56.0 + 60.0));
    // A record among quarters, and the highest October-December quarter.
    assert!(h.record.all_time);
    assert_eq!(h.record.previous_high, Some(56.0));
    assert!(h.record.calendar_month);
    assert_eq!(
        h.record
            .calendar_month_previous_high_month
            .unwrap()
            .to_string(),
        "2019-Q4"
    );
    let json = serde_json::to_value(&h).unwrap();
    assert_eq!(json["month"], "2020-Q4");
    assert_eq!(json["frequency"], "Q");
    assert_eq!(json["fiscal_period"], "FY2020-21 Q3");
}

#[test]
fn a_quarter_below_the_high_is_no_record_and_a_gap_names_the_quarter() {
    let s = series(&VALUES);
    let h = headline(&s, "2021-Q1".parse().unwrap()).unwrap();
    assert!(!h.record.all_time);
    assert_eq!(h.record.previous_high_month.unwrap().to_string(), "2020-Q4");
    let e = headline(&s, "2021-Q2".parse().unwrap()).unwrap_err();
    assert!(matches!(e, Error::NoPeriodValue { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        "xq.services.exports has no value for 2021-Q2 (latest period with data: 2021-Q1)"
    );
}

#[test]
fn fiscal_years_sum_four_quarters() {
    let s = series(&VALUES);
    let years = fiscal_years(&s, &[]).unwrap();
    assert_eq!(years.len(), 2);
    assert_eq!(years[0].fiscal_year.to_string(), "FY2019-20");
    assert!(years[0].complete);
    assert_eq!(years[0].total.value, Some(210.0));
    assert_eq!(years[1].total.value, Some(228.0));
    assert!((years[1].change_pct.unwrap() - (228.0 / 210.0 - 1.0) * 100.0).abs() < 1e-9);
    // A year with three quarters is incomplete and compared like for like.
    let part = series(&VALUES[..7]);
    let y = &fiscal_years(&part, &[]).unwrap()[1];
    assert!(!y.complete);
    assert_eq!(y.months_known, 3);
    assert_eq!(y.total.value, None);
    assert_eq!(y.total.missing[0].to_string(), "2021-Q1");
    assert!((y.change_pct.unwrap() - (170.0 / 157.0 - 1.0) * 100.0).abs() < 1e-9);
}
