//! A running `inflow serve` sees an import made by another process, the
//! `inflow import` command, on its next request: its projection cache is
//! keyed on the database's change counter, not only cleared by imports
//! through the API.

#![allow(clippy::unwrap_used)]

use std::process::Command;

use serve::{http_get, serve};

#[path = "../../inflow-server/tests/common/serve.rs"]
mod serve;

fn get_json(addr: std::net::SocketAddr, path: &str) -> serde_json::Value {
    let (status, body) = http_get(addr, path);
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn a_cli_import_shows_in_the_next_projection() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inflow.db");
    let bin = assert_cmd::cargo::cargo_bin("inflow");
    let server = serve(&bin, &db);
    let addr = server.addr;

    let path = "/api/projection?fy=FY2026-27";
    let before = get_json(addr, path);
    // Served from the cache the second time; still the same data.
    assert_eq!(get_json(addr, path), before);

    let csv = dir.path().join("august.csv");
    std::fs::write(
        &csv,
        "series,period,value,status,release_date,source_url,note\n\
         pk.ict.exports,2026-08,900,reported,2026-09-20,https://test.example/august,\n",
    )
    .unwrap();
    let out = Command::new(&bin)
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let after = get_json(addr, path);
    assert_ne!(
        after, before,
        "the projection still shows the data before the import"
    );
    assert_eq!(
        after["months_known"].as_u64().unwrap(),
        before["months_known"].as_u64().unwrap() + 1,
        "{after}"
    );
    drop(server);
}
