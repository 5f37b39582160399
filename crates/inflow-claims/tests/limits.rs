//! Output amplification: a text that is nothing but numbers gives a report
//! of at most `MAX_CLAIMS` claims that says it was cut, not one claim per
//! number (199 KiB of "5% " gave 47 MB of JSON).

#![allow(clippy::unwrap_used)]

mod common;

use inflow_claims::{MAX_CLAIMS, Truncated};
use inflow_core::Vintage;

#[test]
fn a_text_of_numbers_is_cut_at_the_claim_limit() {
    let b = common::Bundled::load(Vintage::Latest);
    let ctx = b.ctx();
    let text = "5% ".repeat(199 * 1024 / 3);
    let report = inflow_claims::check(&text, &ctx);
    assert_eq!(report.claims.len(), MAX_CLAIMS);
    let Some(Truncated { limit, at }) = report.truncated else {
        panic!("the report does not say it was cut");
    };
    assert_eq!(limit, MAX_CLAIMS);
    assert!(at > 0 && at < text.len(), "{at}");
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.len() < 2 * 1024 * 1024, "{} bytes", json.len());
    assert!(
        json.contains("\"truncated\":{\"limit\":500"),
        "{}",
        &json[json.len() - 200..]
    );
    assert!(report.render_text().contains("stopped after 500 claims"));
}

#[test]
fn an_ordinary_text_is_not_cut() {
    let b = common::Bundled::load(Vintage::Latest);
    let ctx = b.ctx();
    let report = inflow_claims::check("Exports were $310 million in April 2024.", &ctx);
    assert_eq!(report.truncated, None);
    assert!(
        !serde_json::to_string(&report)
            .unwrap()
            .contains("truncated")
    );
}
