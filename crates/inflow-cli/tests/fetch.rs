//! `inflow fetch sbp` against a real HTTP server on 127.0.0.1 serving the
//! shipped workbook and a revised copy of it: release date from
//! Last-Modified, no new release on a second fetch, dry runs and failed
//! downloads leave the database byte for byte as it was.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use std::path::PathBuf;

use calamine::Data;
use common::{Env, WORKBOOK};
use inflow_fetch::test_server::{Request, Server, response};
use predicates::prelude::*;

mod common;

fn archive(env: &Env) -> PathBuf {
    env.dir.path().join("archive")
}

/// The database and the archive directory's file names.
fn state(env: &Env) -> (Vec<u8>, Vec<String>) {
    let mut names: Vec<String> = std::fs::read_dir(archive(env))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    (env.db_bytes(), names)
}

/// The shipped workbook saved as `.xlsx`, with SBP's manufacturing row
/// (item 1) revised up by 1 thousand US$ in every column: a later release
/// that revises earlier months.
fn revised_release() -> Vec<u8> {
    let mut g = common::grid();
    let (r, _) = common::find(&g, |s| {
        s.trim_start().starts_with("1.") && s.contains("Manufacturing")
    });
    let mut revised = 0;
    for d in &mut g[r] {
        if let Data::Float(f) = d {
            *f += 1.0;
            revised += 1;
        }
    }
    assert!(revised > 0, "the manufacturing row holds no numbers");
    common::xlsx(&g)
}

/// Serves `body` at /dt.xls with an ETag and a Last-Modified, honouring
/// If-None-Match.
fn publisher(body: Vec<u8>, last_modified: &'static str) -> Server {
    Server::start(Box::new(move |req: &Request, _| {
        if req.path != "/dt.xls" {
            return response(404, &[], b"not here");
        }
        if req.header("if-none-match") == Some("\"r1\"") {
            return response(304, &[("ETag", "\"r1\"")], b"");
        }
        response(
            200,
            &[
                ("ETag", "\"r1\""),
                ("Last-Modified", last_modified),
                ("Content-Type", "application/vnd.ms-excel"),
            ],
            &body,
        )
    }))
    .unwrap()
}

#[test]
fn fetching_the_published_file_again_is_no_new_release() {
    let env = Env::created();
    let s = publisher(WORKBOOK.to_vec(), "Tue, 17 Mar 2026 04:12:00 GMT");
    let url = s.url("/dt.xls");
    let before = state(&env);
    env.cmd(&["fetch", "sbp", "--url", &url, "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no new release"));
    assert_eq!(state(&env), before);
    // The shipped workbook is the bundled release 1: same digest.
    env.cmd(&["fetch", "sbp", "--url", &url])
        .assert()
        .success()
        .stdout(predicate::str::contains("no new release"))
        .stdout(predicate::str::contains("same SHA-256"))
        .stdout(predicate::str::contains("release 1 of 2026-03-17"));
    assert_eq!(state(&env).0, before.0);
    // It is now archived with its validators, so the next fetch is
    // conditional and the server answers 304.
    env.cmd(&["fetch", "sbp", "--url", &url])
        .assert()
        .success()
        .stdout(predicate::str::contains("304 Not Modified"));
    assert_eq!(state(&env).0, before.0);
    let reqs = s.requests();
    assert_eq!(reqs.last().unwrap().header("if-none-match"), Some("\"r1\""));
    assert!(
        reqs[0]
            .header("user-agent")
            .unwrap()
            .starts_with("Mozilla/")
    );
}

#[test]
fn a_new_release_is_dated_by_last_modified_previewed_then_imported_once() {
    let env = Env::created();
    let s = publisher(revised_release(), "Wed, 18 Mar 2026 05:30:00 GMT");
    let url = s.url("/dt.xls");
    let before = state(&env);
    // On 2026-03-20 the bundled press figures are stored: the dry run
    // reports the conflict the import would meet.
    env.cmd(&[
        "fetch",
        "sbp",
        "--url",
        &url,
        "--dry-run",
        "--released",
        "2026-03-20",
    ])
    .assert()
    .code(4)
    .stderr(predicate::str::contains("already stored as 365"));
    assert_eq!(state(&env), before, "a refused dry run wrote something");
    env.cmd(&["fetch", "sbp", "--url", &url, "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "release date 2026-03-18 (from the server's Last-Modified)",
        ))
        .stdout(predicate::str::contains("would add"))
        .stdout(predicate::str::contains(
            "pk.services.exports.manufacturing",
        ))
        .stdout(predicate::str::contains("dry run: nothing written"));
    assert_eq!(state(&env), before, "a dry run wrote something");

    env.cmd(&["fetch", "sbp", "--url", &url])
        .assert()
        .success()
        .stdout(predicate::str::contains("stored as release 2"))
        .stdout(predicate::str::contains("kept as"));
    let releases = env.json(&["releases", "--format", "json"]);
    let r = &releases[1];
    assert_eq!(r["release_date"], "2026-03-18");
    assert_eq!(r["source"], url.as_str());
    let digest = r["digest"].as_str().unwrap();
    let (db, files) = state(&env);
    assert!(files.contains(&format!("{digest}.xlsx")), "{files:?}");
    // The revision is stored: the February 2026 value is 1 thousand US$
    // (0.001 million) above the bundled one.
    let show = |as_of: &str| {
        env.json(&[
            "show",
            "pk.services.exports.manufacturing",
            "--from",
            "2026-02",
            "--to",
            "2026-02",
            "--as-of",
            as_of,
            "--format",
            "json",
        ])[0]["value"]
            .as_f64()
    };
    let (old, new) = (show("2026-03-17").unwrap(), show("2026-03-19").unwrap());
    assert!((new - old - 0.001).abs() < 1e-9, "{old} -> {new}");

    // Fetched again: 304, no new release, nothing written.
    env.cmd(&["fetch", "sbp", "--url", &url])
        .assert()
        .success()
        .stdout(predicate::str::contains("no new release"))
        .stdout(predicate::str::contains("release 2 of 2026-03-18"));
    assert_eq!(state(&env).0, db);
}

#[test]
fn failed_downloads_name_the_url_and_write_nothing() {
    let env = Env::created();
    let html = Server::start(Box::new(|_: &Request, _| {
        response(
            200,
            &[("Content-Type", "text/html; charset=utf-8")],
            b"<html><head><title>Request Rejected</title></head></html>",
        )
    }))
    .unwrap();
    let cut = Server::start(Box::new(|_: &Request, _| {
        let mut r = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            WORKBOOK.len()
        )
        .into_bytes();
        r.extend_from_slice(&WORKBOOK[..1000]);
        r
    }))
    .unwrap();
    let undated = Server::start(Box::new(|_: &Request, _| {
        response(200, &[], &revised_release())
    }))
    .unwrap();
    let gone = publisher(WORKBOOK.to_vec(), "Tue, 17 Mar 2026 04:12:00 GMT");
    let before = state(&env);
    let fetch = |url: &str| {
        let mut c = env.cmd(&["fetch", "sbp", "--url", url, "--retries", "1"]);
        c.assert()
    };
    fetch(&html.url("/dt.xls"))
        .code(4)
        .stderr(predicate::str::contains("expected an Excel workbook"))
        .stderr(predicate::str::contains("text/html"))
        .stderr(predicate::str::contains("Request Rejected"));
    fetch(&cut.url("/dt.xls"))
        .code(1)
        .stderr(predicate::str::contains(cut.url("/dt.xls")))
        .stderr(predicate::str::contains("cut short"));
    fetch(&undated.url("/dt.xls"))
        .code(2)
        .stderr(predicate::str::contains("no usable Last-Modified"))
        .stderr(predicate::str::contains("--released"));
    fetch(&gone.url("/old/dt.xls"))
        .code(3)
        .stderr(predicate::str::contains("HTTP 404"));
    env.cmd(&["fetch", "sbp", "--url", "ftp://127.0.0.1/dt.xls"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("http:// or https://"));
    // A release date from the future is refused, as for `inflow import`.
    env.cmd(&[
        "fetch",
        "sbp",
        "--url",
        &undated.url("/dt.xls"),
        "--released",
        "2030-01-01",
    ])
    .assert()
    .code(4)
    .stderr(predicate::str::contains("after today"));
    assert_eq!(state(&env), before);
}
