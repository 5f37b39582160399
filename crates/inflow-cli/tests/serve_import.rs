//! A running `inflow serve` sees an import made by another process, the
//! `inflow import` command, on its next request: its projection cache is
//! keyed on the database's change counter, not only cleared by imports
//! through the API.

#![allow(clippy::unwrap_used)]

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Kills the server when the test ends, also on a failed assertion.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get_json(addr: &str, path: &str) -> serde_json::Value {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}\n{body}");
    serde_json::from_str(body).unwrap()
}

#[test]
fn a_cli_import_shows_in_the_next_projection() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inflow.db");
    let bin = assert_cmd::cargo::cargo_bin("inflow");
    let mut child = Command::new(&bin)
        .arg("--db")
        .arg(&db)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let server = Server(child);
    let line = stderr
        .lines()
        .map_while(Result::ok)
        .find(|l| l.contains("listening on"))
        .expect("the server says where it listens");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap()
        .to_string();

    let path = "/api/projection?fy=FY2026-27";
    let before = get_json(&addr, path);
    // Served from the cache the second time; still the same data.
    assert_eq!(get_json(&addr, path), before);

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

    let after = get_json(&addr, path);
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
