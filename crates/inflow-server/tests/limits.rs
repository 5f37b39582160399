//! Bounded answers and lenient HTTP parsing: a text of nothing but numbers
//! gets a claim report cut at the stated limit, header names and media
//! types are matched case-insensitively, and an empty check body is refused.

#![allow(clippy::unwrap_used)]

mod common;

use axum::body::Body;
use axum::http::Request;

#[tokio::test]
async fn a_flood_of_numbers_gets_a_bounded_report() {
    let app = common::App::new(false);
    let text = "5% ".repeat(199 * 1024 / 3);
    let r = app.post("/api/check", "text/plain", text).await;
    assert_eq!(r.status, 200, "{}", r.text());
    // 47 MB before the limit.
    assert!(r.body.len() < 2 * 1024 * 1024, "{} bytes", r.body.len());
    let v = r.json();
    assert_eq!(
        v["claims"].as_array().unwrap().len(),
        inflow_app::types::MAX_CLAIMS
    );
    assert_eq!(v["truncated"]["limit"], inflow_app::types::MAX_CLAIMS);
}

#[tokio::test]
async fn media_types_and_auth_schemes_are_case_insensitive() {
    let app = common::App::new(true);
    let body =
        serde_json::json!({ "text": "Exports were $310 million in April 2024." }).to_string();
    let r = app
        .post("/api/check", "APPLICATION/JSON; charset=UTF-8", body)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(!r.json()["claims"].as_array().unwrap().is_empty());

    let csv = "series,period,value,status,release_date,source_url,note\n\
               pk.ict.exports,2026-08,401,reported,2026-09-20,https://test.example/m,\n";
    let r = app
        .send(
            Request::post("/api/import")
                .header("authorization", format!("bearer {}", common::TOKEN))
                .header("content-type", "text/csv")
                .body(Body::from(csv))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status.as_u16() / 100, 2, "{}", r.text());
}

#[tokio::test]
async fn an_empty_check_body_is_refused() {
    let app = common::App::new(false);
    for ct in ["text/plain", "application/json"] {
        let r = app.post("/api/check", ct, "").await;
        assert_eq!(r.status, 400, "{ct}: {}", r.text());
    }
}
