//! A quarterly series on an April fiscal year through the API, in a
//! database made without the bundled data: the same figures as the CLI,
//! with fiscal-quarter labels.

#![allow(clippy::unwrap_used)]

mod common;

use common::App;

const SERIES: &str = "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n\
    in.services.quarterly,India: services exports by quarter,IN,exports,S,W1,USD billion,Q,Reserve Bank of India,4\n";

const OBS: &str = "series,period,value,status,release_date,source_url,note\n\
    in.services.quarterly,2019-Q2,50,reported,2019-08-20,https://stats.example/q/1,\n\
    in.services.quarterly,2019-Q3,52,reported,2019-11-20,https://stats.example/q/2,\n\
    in.services.quarterly,2019-Q4,55,reported,2020-02-20,https://stats.example/q/3,\n\
    in.services.quarterly,2020-Q1,53,reported,2020-05-20,https://stats.example/q/4,\n\
    in.services.quarterly,2020-Q2,54,reported,2020-08-20,https://stats.example/q/5,\n\
    in.services.quarterly,2020-Q1,53.5,revised,2020-08-20,https://stats.example/q/5,\n";

fn app() -> App {
    App::empty_with(&[("series.csv", SERIES), ("obs.csv", OBS)])
}

#[tokio::test]
async fn observations_headline_and_fiscal_years_of_a_quarterly_series() {
    let app = app();
    let r = app
        .get("/api/series/in.services.quarterly/observations")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["frequency"], "Q");
    let rows = v["observations"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[4]["month"], "2020-Q2");
    assert_eq!(rows[4]["fiscal_period"], "FY2020-21 Q1");
    assert_eq!(rows[3]["value"], 53.5);

    let r = app
        .get("/api/headline?series=in.services.quarterly&month=2020-Q1&as_of=2020-06-01")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let h = r.json();
    // As first released: 53, below the 55 of 2019-Q4.
    assert_eq!(h["value"], 53.0);
    assert_eq!(h["fiscal_period"], "FY2019-20 Q4");
    assert_eq!(h["fytd"]["value"], 210.0);
    assert_eq!(h["fytd"]["months"], 4);
    assert_eq!(h["record"]["all_time"], false);
    assert_eq!(h["mom"]["month"], "2019-Q4");

    let r = app
        .get("/api/fiscal-years?series=in.services.quarterly")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let fy = r.json();
    assert_eq!(fy[0]["fiscal_year"], "FY2019-20");
    assert_eq!(fy[0]["total"]["value"], 210.5);
    assert_eq!(fy[0]["complete"], true);
    assert_eq!(fy[1]["months_known"], 1);
}

#[tokio::test]
async fn a_month_for_a_quarterly_series_is_a_400_naming_the_parameter() {
    let app = app();
    let r = app
        .get("/api/headline?series=in.services.quarterly&month=2020-04")
        .await;
    assert_eq!(r.status, 400, "{}", r.text());
    let m = r.text();
    assert!(m.contains("`month`") && m.contains("YYYY-Qn"), "{m}");
    let r = app
        .get("/api/headline?series=in.services.quarterly&month=2021-Q1")
        .await;
    assert_eq!(r.status, 404, "{}", r.text());
    assert!(r.text().contains("no value for 2021-Q1"), "{}", r.text());
}
