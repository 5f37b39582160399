//! `inflow fetch easydata` against a real HTTP server on 127.0.0.1 that
//! answers as SBP's EasyData API does (JSON columns and rows, newest
//! first), and refuses keys and rates as it does.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_fetch::test_server::{Request, Server, response};
use predicates::prelude::*;

use common::Env;

mod common;

const KEY: &str = "TS_GP_BOP_SERV_M.ICT0010";

fn answer() -> Vec<u8> {
    serde_json::json!({
        "columns": ["Series Key", "Series Name", "Observation Date", "Observation Value", "Unit"],
        "rows": [
            [KEY, "ICT services exports", "2026-08-31", "401.5", "Million US$"],
            [KEY, "ICT services exports", "2026-07-31", "417", "Million US$"],
            [KEY, "ICT services exports", "2026-06-30", "416.5", "Million US$"],
        ]
    })
    .to_string()
    .into_bytes()
}

fn api() -> Server {
    Server::start(Box::new(|req: &Request, _| {
        let path = format!("/api/v1/series/{KEY}/data?api_key=GOOD&format=json");
        if req.path == path {
            return response(200, &[("Content-Type", "application/json")], &answer());
        }
        if req.path.contains("api_key=BUSY") {
            return response(429, &[("Retry-After", "0")], b"");
        }
        if req.path.contains("api_key=ODD") {
            return response(200, &[], br#"{"columns":["Observation Date","Observation Value"],"rows":[["2026-08-31","4O1"]]}"#);
        }
        response(401, &[], b"{\"error\":\"invalid key\"}")
    }))
    .unwrap()
}

#[test]
fn a_series_is_printed_previewed_and_imported_with_revisions() {
    let env = Env::created();
    let s = api();
    let base = s.url("");
    let before = env.db_bytes();
    env.cmd(&[
        "fetch",
        "easydata",
        KEY,
        "--api-key",
        "GOOD",
        "--url",
        &base,
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains("3 months"))
    .stdout(predicate::str::contains("2026-08"))
    .stdout(predicate::str::contains("401.5"))
    .stdout(predicate::str::contains("GOOD").not());
    let import = [
        "fetch",
        "easydata",
        KEY,
        "--api-key",
        "GOOD",
        "--url",
        &base,
        "--into",
        "pk.ict.exports",
        "--released",
        "2026-09-18",
    ];
    let mut dry = import.to_vec();
    dry.push("--dry-run");
    env.cmd(&dry)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "would add 1 new month and 1 revision",
        ))
        .stdout(predicate::str::contains("dry run: nothing written"));
    assert_eq!(env.db_bytes(), before);
    env.cmd(&import)
        .assert()
        .success()
        .stdout(predicate::str::contains("stored as release 2"));
    let h = env.json(&["headline", "--format", "json"]);
    assert_eq!(
        (h["month"].as_str(), h["value"].as_f64()),
        (Some("2026-08"), Some(401.5))
    );
    let june = env.json(&[
        "show",
        "pk.ict.exports",
        "--from",
        "2026-06",
        "--to",
        "2026-06",
        "--format",
        "json",
    ]);
    assert_eq!(june[0]["value"], 416.5);
    assert_eq!(june[0]["status"], "revised");
    assert!(!june[0]["source_url"].as_str().unwrap().contains("GOOD"));
    // The same answer again adds nothing.
    let again = env.db_bytes();
    env.cmd(&import)
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing"));
    assert_eq!(env.db_bytes(), again);
}

#[test]
fn refused_keys_rate_limits_and_odd_answers_are_clear_and_write_nothing() {
    let env = Env::created();
    let s = api();
    let base = s.url("");
    let before = env.db_bytes();
    let run = |key: &str| {
        env.cmd(&[
            "fetch",
            "easydata",
            KEY,
            "--api-key",
            key,
            "--url",
            &base,
            "--into",
            "pk.ict.exports",
            "--retries",
            "1",
        ])
        .assert()
    };
    run("EXPIRED")
        .code(2)
        .stderr(predicate::str::contains("HTTP 401"))
        .stderr(predicate::str::contains("90 days"))
        .stderr(predicate::str::contains("EXPIRED").not());
    run("BUSY").code(1).stderr(predicate::str::contains(
        "rate limited (HTTP 429) after 2 attempts",
    ));
    run("ODD")
        .code(4)
        .stderr(predicate::str::contains("rows[0][1]"))
        .stderr(predicate::str::contains("\"4O1\""));
    env.cmd(&["fetch", "easydata", KEY, "--url", &base])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--api-key"));
    assert_eq!(env.db_bytes(), before);
    // Only requests the server answered were made (no internet).
    assert!(
        s.requests()
            .iter()
            .all(|r| r.path.starts_with("/api/v1/series/"))
    );
}
