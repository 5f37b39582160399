//! Reconciliation in the unit and precision of the series, not in millions:
//! a USD billion series with an April fiscal year, published to two decimals.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_analytics::{ReconciliationStatus, reconcile};
use inflow_core::{record::*, *};

fn india() -> (SeriesMeta, Vec<Observation>) {
    let meta = SeriesMeta {
        key: "in.services.exports".parse().unwrap(),
        title: "Services exports".into(),
        economy: "IN".parse().unwrap(),
        flow: Flow::Exports,
        ebops: "SI".parse().unwrap(),
        partner: Partner::World,
        unit: "USD billion".parse().unwrap(),
        frequency: Frequency::Monthly,
        source: String::new(),
        fiscal: FiscalCalendar::new(4).unwrap(),
    };
    let d = parse_date("2024-05-15").unwrap();
    // Twelve months April 2023 to March 2024 that sum to 156.07.
    let values = [
        12.51, 12.63, 12.80, 12.95, 13.02, 12.88, 13.10, 13.22, 13.35, 13.40, 13.06, 13.15,
    ];
    assert_eq!((values.iter().sum::<f64>() * 100.0).round(), 15607.0);
    let start: YearMonth = "2023-04".parse().unwrap();
    let obs = values
        .iter()
        .enumerate()
        .map(|(i, v)| Observation {
            series: meta.key.clone(),
            period: start.add_months(i as i32).unwrap(),
            value: Some(Amount::try_new(*v).unwrap()),
            status: ObsStatus::Reported,
            release_date: d,
            source_url: String::new(),
            note: String::new(),
        })
        .collect();
    (meta, obs)
}

fn published(meta: &SeriesMeta, value: f64) -> PublishedFigure {
    PublishedFigure {
        series: meta.key.clone(),
        period: Period::parse("FY2023-24:Apr-Mar", meta.fiscal).unwrap(),
        value: Amount::try_new(value).unwrap(),
        publisher: "RBI".into(),
        release_date: parse_date("2024-05-15").unwrap(),
        source_url: String::new(),
        note: String::new(),
    }
}

#[test]
fn a_billion_series_flags_a_difference_of_660_million() {
    let (meta, obs) = india();
    let s = MonthlySeries::from_history(meta.clone(), Vintage::Latest, obs);
    let r = reconcile(&s, &[published(&meta, 156.73), published(&meta, 156.09)]);
    assert_eq!(r.len(), 2);
    let off = r
        .iter()
        .find(|x| x.published.value.get() == 156.73)
        .unwrap();
    assert_eq!(off.status, ReconciliationStatus::Discrepancy);
    assert_eq!(off.difference, Some(0.66));
    // Two hundredths is within what twelve rounded months can drift.
    let near = r
        .iter()
        .find(|x| x.published.value.get() == 156.09)
        .unwrap();
    assert_eq!(near.status, ReconciliationStatus::Match, "{near:?}");
    // Values printed as 12.80 count as one decimal, so the tolerance is a
    // little wider than two-decimal rounding alone, still far below 0.66.
    assert!(near.tolerance.unwrap() < 0.2, "{near:?}");
}
