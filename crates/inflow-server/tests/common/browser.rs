//! A real headless Chromium driven through ChromeDriver (WebDriver), for the
//! browser tests: starting it, waiting for the page, DevTools commands,
//! screenshots.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::json;

/// Chromium and ChromeDriver, or `None` (after saying why) when they are not
/// installed; with `INFLOW_BROWSER_TESTS=1` their absence fails the test.
pub fn browser_or_skip() -> Option<(PathBuf, PathBuf)> {
    match (
        find(&["chromium", "chromium-browser", "google-chrome"]),
        find(&["chromedriver"]),
    ) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => {
            let msg = "skipping the browser tests: chromium and chromedriver are not installed \
                       (apt-get install chromium chromium-driver)";
            assert!(
                std::env::var("INFLOW_BROWSER_TESTS").as_deref() != Ok("1"),
                "INFLOW_BROWSER_TESTS=1 but {msg}"
            );
            eprintln!("{msg}");
            None
        }
    }
}

pub fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Ends the browser session and the driver when the test ends, also on a
/// failed assertion (killing only the driver would leave Chromium running).
pub struct Driver {
    child: std::process::Child,
    port: u16,
    session: Option<String>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(id) = &self.session
            && let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", self.port))
        {
            use std::io::{Read as _, Write as _};
            let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
            let _ = write!(
                s,
                "DELETE /session/{id} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            );
            let _ = s.read_to_end(&mut Vec::new());
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub async fn start_browser(
    chromium: &Path,
    chromedriver: &Path,
    profile: &Path,
) -> (Driver, Client) {
    let port = free_port();
    let mut driver = Driver {
        child: Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
        port,
        session: None,
    };
    // The flags headless Chromium needs on a closed network as root.
    let caps = json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--force-device-scale-factor=1",
                format!("--user-data-dir={}", profile.display()),
                "--window-size=1280,900",
            ]
        }
    });
    let caps = caps.as_object().unwrap().clone();
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(c) => {
                driver.session = c.session_id().await.unwrap();
                return (driver, c);
            }
            Err(e) if started.elapsed() < Duration::from_secs(20) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("could not start a browser session through chromedriver: {e}"),
        }
    }
}

/// Waits until `script` (a JS expression) is truthy, and returns its value.
pub async fn wait_for(c: &Client, script: &str, what: &str) -> serde_json::Value {
    let started = Instant::now();
    loop {
        let v = c
            .execute(&format!("return ({script}) || null;"), vec![])
            .await
            .unwrap();
        if !v.is_null() && v != json!(false) {
            return v;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let err = c
                .execute(
                    "return document.querySelector('#error').textContent",
                    vec![],
                )
                .await
                .unwrap();
            panic!("timed out waiting for {what}; page error: {err}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A Chrome DevTools command sent through ChromeDriver's
/// `goog/cdp/execute` endpoint (full-page screenshots and device emulation
/// are not part of WebDriver).
#[derive(Debug)]
pub struct Cdp(pub &'static str, pub serde_json::Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        let body = json!({ "cmd": self.0, "params": self.1 }).to_string();
        (axum::http::Method::POST, Some(body))
    }
}

/// GETs a JSON document from the server under test over plain HTTP/1.1.
pub async fn reqwest_json(base: &str, path: &str) -> serde_json::Value {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let host = base.trim_start_matches("http://");
    let mut s = tokio::net::TcpStream::connect(host).await.unwrap();
    s.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await
    .unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).await.unwrap();
    let text = String::from_utf8(out).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    serde_json::from_str(body).unwrap()
}

pub fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let bytes: Vec<u8> = s.bytes().filter(|c| *c != b'=').map(val).collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &v)| acc | (u32::from(v) << (18 - 6 * i)));
        let [_, a, b, c] = n.to_be_bytes();
        out.extend_from_slice(&[a, b, c][..chunk.len() - 1]);
    }
    out
}

/// Saves a screenshot of the whole page at `width` CSS pixels (a phone is
/// emulated below 600) if INFLOW_SCREENSHOTS names a directory.
pub async fn screenshot(c: &Client, name: &str, width: u32) {
    let Some(dir) = std::env::var_os("INFLOW_SCREENSHOTS") else {
        return;
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let metrics =
        json!({ "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600 });
    c.issue_cmd(Cdp("Emulation.setDeviceMetricsOverride", metrics))
        .await
        .unwrap();
    // Let the charts redraw at the new width (they listen to resize).
    tokio::time::sleep(Duration::from_millis(600)).await;
    let h = c
        .execute("return document.documentElement.scrollHeight", vec![])
        .await
        .unwrap()
        .as_u64()
        .unwrap();
    let shot = c
        .issue_cmd(Cdp(
            "Page.captureScreenshot",
            json!({ "format": "png", "captureBeyondViewport": true,
                    "clip": { "x": 0, "y": 0, "width": width, "height": h.min(8000), "scale": 1 } }),
        ))
        .await
        .unwrap();
    let png = base64_decode(shot["data"].as_str().unwrap());
    std::fs::write(dir.join(format!("{name}-{width}.png")), png).unwrap();
    c.issue_cmd(Cdp("Emulation.clearDeviceMetricsOverride", json!({})))
        .await
        .unwrap();
}

/// The dashboard over a fresh database with the bundled data, served on
/// loopback, and a browser session on it: what every browser test starts
/// from.
pub struct Dashboard {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The browser session.
    pub c: Client,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    _app: super::App,
    _driver: Driver,
    _profile: tempfile::TempDir,
}

impl Dashboard {
    /// Starts the server and the browser, or `None` (with a message) when
    /// Chromium is missing and not required.
    pub async fn start() -> Option<Dashboard> {
        let (chromium, chromedriver) = browser_or_skip()?;
        let app = super::App::new(false);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(inflow_server::serve(listener, app.state.clone(), async {
            let _ = stopped.await;
        }));
        let profile = tempfile::tempdir().unwrap();
        let (driver, c) = start_browser(&chromium, &chromedriver, profile.path()).await;
        Some(Dashboard {
            base,
            c,
            stop,
            server,
            _app: app,
            _driver: driver,
            _profile: profile,
        })
    }

    /// Closes the browser and stops the server, which must stop cleanly.
    pub async fn finish(self) {
        self.c.close().await.unwrap();
        self.stop.send(()).unwrap();
        self.server.await.unwrap().unwrap();
    }
}
