//! The terminal form of a report, as snapshots.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_claims::{Context, check};
use inflow_core::{MonthlySeries, Vintage, parse_date};

mod common;
use common::Bundled;

/// A made-up dispatch in the style of the press, with one mistake of each
/// kind, judged as known on 2024-05-25.
const DISPATCH: &str = "\
KARACHI: Pakistan's ICT receipts touched $310 million in April 2024, an all-time high.
Over July-April 2023-24 the sector brought in US$ 2.593 billion, against $2.135 million a year earlier, an increase of $458 million or 21%.
Computer services rose 30% to $230 million from $200 million.
In the first eight months (July to March) of FY24, receipts were $2.283 billion.
Receipts in March 2024 were $300 million.
Officials expect receipts to exceed $3 billion in FY24.";

#[test]
fn dispatch_as_text() {
    let data = Bundled::load(Vintage::AsOf(parse_date("2024-05-25").unwrap()));
    let report = check(DISPATCH, &data.ctx());
    insta::assert_snapshot!(report.render_text());
}

#[test]
fn empty_and_claimless_text() {
    let batches = inflow_import::bundled_batches().unwrap();
    let meta = batches[0].series[0].value.clone();
    let series = MonthlySeries::from_history(meta, Vintage::Latest, Vec::new());
    let ctx = Context::new(&series);
    insta::assert_snapshot!(check("", &ctx).render_text(), @"0 claims");
    let r = check("No figures here, only words about the IT sector.", &ctx);
    assert!(r.claims.is_empty());
    assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"claims":[]}"#);
}
