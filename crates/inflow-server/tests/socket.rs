//! The server on a real socket: in process on 127.0.0.1:0, and the
//! `inflow serve` binary against `inflow headline`.

#![allow(clippy::unwrap_used)]

mod common;

use common::serve::{http_get, serve};

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A minimal HTTP/1.1 POST of a text/plain body: status and body.
fn http_post(addr: SocketAddr, path: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/plain\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    (
        head.split(' ').nth(1).unwrap().parse().unwrap(),
        body.to_string(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_on_a_loopback_socket() {
    let app = common::App::new(false);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(inflow_server::serve(listener, app.state.clone(), async {
        let _ = stopped.await;
    }));

    let results = tokio::task::spawn_blocking(move || {
        // Several clients at once, each on its own connection.
        let handles: Vec<_> = (0..16)
            .map(|i| {
                std::thread::spawn(move || {
                    let path = if i % 2 == 0 {
                        "/api/headline?month=2024-04"
                    } else {
                        "/api/series/pk.ict.exports/observations?from=2024-01&to=2024-06"
                    };
                    http_get(addr, path)
                })
            })
            .collect();
        let mut out: Vec<(u16, String)> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        out.push(http_get(addr, "/api/headline?month=2024-13"));
        out.push(http_get(addr, "/"));
        out
    })
    .await
    .unwrap();
    for (status, body) in &results[..16] {
        assert_eq!(*status, 200, "{body}");
        serde_json::from_str::<serde_json::Value>(body).unwrap();
    }
    let h: serde_json::Value = serde_json::from_str(&results[0].1).unwrap();
    assert_eq!(h["value"], 310.0);
    assert_eq!(results[16].0, 400);
    assert_eq!(results[17].0, 200);
    assert!(results[17].1.contains("<!doctype html>"));

    // A body announced over the limit is refused before it is read, with
    // the same JSON error shape as every other error.
    let refused = tokio::task::spawn_blocking(move || {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(
            s,
            "POST /api/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/plain\r\n\
             Content-Length: 3000000\r\nConnection: close\r\n\r\nabc"
        )
        .unwrap();
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        String::from_utf8_lossy(&raw).into_owned()
    })
    .await
    .unwrap();
    assert!(refused.starts_with("HTTP/1.1 413"), "{refused}");
    assert!(refused.contains("\"status\":413"), "{refused}");
    assert!(
        refused
            .to_ascii_lowercase()
            .contains("x-content-type-options: nosniff"),
        "{refused}"
    );

    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
}

/// The `inflow` binary built beside this test, if the workspace built it
/// (`cargo test --workspace` does).
fn inflow_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?;
    let bin = dir.join(format!("inflow{}", std::env::consts::EXE_SUFFIX));
    bin.exists().then_some(bin)
}

#[test]
fn binary_serves_what_the_cli_prints() {
    let Some(bin) = inflow_binary() else {
        let msg = "skipping binary_serves_what_the_cli_prints: the `inflow` binary is not built \
                   (run `cargo test --workspace`, or `cargo build -p inflow-cli` first)";
        assert!(
            std::env::var("INFLOW_BROWSER_TESTS").as_deref() != Ok("1"),
            "{msg}"
        );
        eprintln!("{msg}");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inflow.db");
    let cli = Command::new(&bin)
        .arg("--db")
        .arg(&db)
        .args(["headline", "--month", "2024-04", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let expected: serde_json::Value = serde_json::from_slice(&cli.stdout).unwrap();

    let served = serve(&bin, &db);
    let addr = served.addr;
    let (status, body) = http_get(addr, "/api/headline?month=2024-04");
    assert_eq!(status, 200, "{body}");
    let served: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(served, expected);
    // The claim checker: the API's report is `inflow check --format json`'s.
    let text = "IT exports rose to $310 million in April 2024, up 62% year on year, \
                and are expected to cross $3.5 billion in FY24.";
    let mut check = Command::new(&bin)
        .arg("--db")
        .arg(&db)
        .args(["check", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    check
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = check.wait_with_output().unwrap();
    assert!(out.status.success());
    let expected: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let (status, body) = http_post(addr, "/api/check", text);
    assert_eq!(status, 200, "{body}");
    let served: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(served, expected);
    assert!(served["claims"].as_array().unwrap().len() >= 3, "{served}");

    let (status, page) = http_get(addr, "/");
    assert_eq!(status, 200);
    assert!(page.contains("chart-monthly"));
    drop(served);
}
