//! The dashboard in a real headless Chromium, driven through ChromeDriver
//! (WebDriver): the overview draws its charts, the explorer fills its table,
//! the claim checker highlights verdicts inline.
//!
//! Needs `chromium` and `chromedriver` (Debian packages `chromium` and
//! `chromium-driver`). Without them the test prints why it is skipped,
//! unless `INFLOW_BROWSER_TESTS=1` (set by `.ci/run`), which makes their
//! absence a failure. With `INFLOW_SCREENSHOTS=DIR` it saves a screenshot of
//! every page at desktop and phone width.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

fn find(names: &[&str]) -> Option<PathBuf> {
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
struct Driver {
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

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn start_browser(chromium: &Path, chromedriver: &Path, profile: &Path) -> (Driver, Client) {
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
async fn wait_for(c: &Client, script: &str, what: &str) -> serde_json::Value {
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
struct Cdp(&'static str, serde_json::Value);

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
async fn reqwest_json(base: &str, path: &str) -> serde_json::Value {
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

fn base64_decode(s: &str) -> Vec<u8> {
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
async fn screenshot(c: &Client, name: &str, width: u32) {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_in_headless_chromium() {
    let (Some(chromium), Some(chromedriver)) = (
        find(&["chromium", "chromium-browser", "google-chrome"]),
        find(&["chromedriver"]),
    ) else {
        let msg = "skipping the browser tests: chromium and chromedriver are not installed \
                   (apt-get install chromium chromium-driver)";
        assert!(
            std::env::var("INFLOW_BROWSER_TESTS").as_deref() != Ok("1"),
            "INFLOW_BROWSER_TESTS=1 but {msg}"
        );
        eprintln!("{msg}");
        return;
    };

    let app = common::App::new(false);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(inflow_server::serve(listener, app.state.clone(), async {
        let _ = stopped.await;
    }));
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = start_browser(&chromium, &chromedriver, profile.path()).await;

    // Overview: the headline, and every chart drawn with points.
    c.goto(&format!("{base}/?month=2024-04&target=3000"))
        .await
        .unwrap();
    let month = wait_for(
        &c,
        "document.querySelector('#headline').dataset.month",
        "headline",
    )
    .await;
    assert_eq!(month, "2024-04");
    let headline = c
        .find(Locator::Css("#headline"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(headline.contains("April 2024"), "{headline}");
    assert!(headline.contains("310"), "{headline}");
    assert!(headline.contains("all-time high"), "{headline}");
    for id in ["chart-monthly", "chart-fy", "chart-fan", "chart-total"] {
        let points = wait_for(
            &c,
            &format!("document.getElementById('{id}').dataset.points"),
            id,
        )
        .await;
        let points: u64 = points.as_str().unwrap().parse().unwrap();
        assert!(points > 0, "{id}");
        let size = c
            .execute(
                &format!(
                    "const e = document.querySelector('#{id} canvas, #{id} svg'); \
                     const r = e.getBoundingClientRect(); return [r.width, r.height];"
                ),
                vec![],
            )
            .await
            .unwrap();
        assert!(size[0].as_f64().unwrap() > 200.0, "{id}: {size}");
        assert!(size[1].as_f64().unwrap() > 50.0, "{id}: {size}");
    }
    let monthly: u64 = wait_for(
        &c,
        "document.getElementById('chart-monthly').dataset.points",
        "",
    )
    .await
    .as_str()
    .unwrap()
    .parse()
    .unwrap();
    assert!(
        monthly > 70,
        "one point per month and the record marks: {monthly}"
    );
    // The canvas has pixels drawn in the line's colour somewhere.
    let drawn = c
        .execute(
            "const cv = document.querySelector('#chart-monthly canvas');
             const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
             let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i+3] > 0) n++; return n;",
            vec![],
        )
        .await
        .unwrap();
    assert!(drawn.as_u64().unwrap() > 1000, "{drawn}");
    let summary = c
        .find(Locator::Css("#proj-summary"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(summary.contains("Chance of exceeding 3,000"), "{summary}");
    // The same figures as the API (and so as `inflow project`, the brief and
    // the claim checker, which tests/cli.rs compares with it), as printed:
    // one decimal, thousands grouped.
    let api = reqwest_json(
        &base,
        "/api/projection?series=pk.ict.exports&target=3000&as_of=2024-04",
    )
    .await;
    let num = |v: &serde_json::Value| inflow_core::number::grouped(v.as_f64().unwrap(), 1);
    for (what, v) in [
        ("point", &api["point"]),
        ("80% low", &api["intervals"]["80"][0]),
        ("80% high", &api["intervals"]["80"][1]),
        ("95% low", &api["intervals"]["95"][0]),
        ("95% high", &api["intervals"]["95"][1]),
    ] {
        assert!(
            summary.contains(&num(v)),
            "{what} {} not in {summary}",
            num(v)
        );
    }
    assert!(summary.starts_with("FY2023-24: "), "{summary}");
    // Keyboard: the skip link is the first stop and leads to the content.
    let first = c
        .execute(
            "document.body.focus(); return document.querySelector('a.skip').textContent",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(first, "Skip to content");
    screenshot(&c, "overview", 1280).await;
    screenshot(&c, "overview", 390).await;

    // Explorer: the table, an earlier vintage, the download links.
    c.goto(&format!("{base}/explorer?from=2021-01&to=2021-12"))
        .await
        .unwrap();
    wait_for(
        &c,
        "document.querySelector('#obs').dataset.rows",
        "explorer table",
    )
    .await;
    let text = c
        .find(Locator::Css("#obs tbody"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("193"), "latest value of April 2021: {text}");
    c.execute(
        "const s = document.querySelector('#vintage'); s.value = '2021-05-20'; \
         document.querySelector('#obs').dataset.rows = ''; \
         document.querySelector('#explore button[type=submit]').click();",
        vec![],
    )
    .await
    .unwrap();
    wait_for(
        &c,
        "document.querySelector('#obs').dataset.rows",
        "explorer reload",
    )
    .await;
    let text = c
        .find(Locator::Css("#obs tbody"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("196"), "first value of April 2021: {text}");
    let href = c
        .find(Locator::Css("#dl-csv"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert!(
        href.contains("observations.csv") && href.contains("as_of=2021-05-20"),
        "{href}"
    );
    screenshot(&c, "explorer", 1280).await;
    screenshot(&c, "explorer", 390).await;

    // Claim checker: type a text, submit with the keyboard's Enter on the
    // button, see the verdicts highlighted inline.
    c.goto(&format!("{base}/check")).await.unwrap();
    let area = c
        .wait()
        .for_element(Locator::Css("#check-text"))
        .await
        .unwrap();
    area.send_keys(
        "Pakistan's IT exports were $310 million in April 2024, up 62% on a year earlier. \
         They reached $2.593 million in the first ten months of FY24.",
    )
    .await
    .unwrap();
    c.find(Locator::Css("#check-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let n = wait_for(
        &c,
        "document.querySelector('#check-result').dataset.claims",
        "claims",
    )
    .await;
    assert!(n.as_str().unwrap().parse::<u32>().unwrap() >= 3, "{n}");
    let marks = c
        .execute(
            "return [...document.querySelectorAll('.checked-text mark')].map(m => [m.className, m.textContent])",
            vec![],
        )
        .await
        .unwrap();
    let marks = marks.as_array().unwrap();
    assert!(
        marks
            .iter()
            .any(|m| m[0] == "v-supported" && m[1].as_str().unwrap().contains("$310 million")),
        "{marks:?}"
    );
    assert!(marks.iter().any(|m| m[0] == "v-unit_error"), "{marks:?}");
    let expl = c
        .find(Locator::Css("ol.claims"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(expl.contains("Unit error"), "{expl}");
    screenshot(&c, "check", 1280).await;
    screenshot(&c, "check", 390).await;

    // The brief: the page frames the HTML brief of the month asked for.
    c.goto(&format!("{base}/brief?month=2024-04"))
        .await
        .unwrap();
    wait_for(
        &c,
        "document.querySelector('#brief-frame').dataset.loaded",
        "brief",
    )
    .await;
    let brief = c
        .execute(
            "const d = document.querySelector('#brief-frame').contentDocument; \
             return [d.body.innerText, d.querySelectorAll('svg').length];",
            vec![],
        )
        .await
        .unwrap();
    assert!(brief[0].as_str().unwrap().contains("April 2024"), "{brief}");
    assert!(
        brief[1].as_u64().unwrap() > 0,
        "charts in the brief: {brief}"
    );
    screenshot(&c, "brief", 1280).await;
    screenshot(&c, "brief", 390).await;

    c.close().await.unwrap();
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

/// The April 2024 brief as a reader opens it: its story (headline to data
/// notes) ends within two screens of a 1280x900 window, the evidence is
/// folded away until asked for, and every figure links to an entry of it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn brief_story_fits_two_screens() {
    let (Some(chromium), Some(chromedriver)) = (
        find(&["chromium", "chromium-browser", "google-chrome"]),
        find(&["chromedriver"]),
    ) else {
        assert!(
            std::env::var("INFLOW_BROWSER_TESTS").as_deref() != Ok("1"),
            "INFLOW_BROWSER_TESTS=1 but chromium and chromedriver are not installed"
        );
        eprintln!("skipping: chromium and chromedriver are not installed");
        return;
    };
    let app = common::App::new(false);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(inflow_server::serve(listener, app.state.clone(), async {
        let _ = stopped.await;
    }));
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = start_browser(&chromium, &chromedriver, profile.path()).await;
    c.goto(&format!(
        "{base}/api/brief?month=2024-04&target=3000&format=html"
    ))
    .await
    .unwrap();
    let m = wait_for(
        &c,
        "(() => { const s = document.getElementById('story'); if (!s) return null; \
         const r = s.getBoundingClientRect(); \
         return [r.bottom + window.scrollY, window.innerHeight, window.innerWidth, \
                 document.documentElement.scrollHeight]; })()",
        "the story",
    )
    .await;
    let (bottom, screen, width) = (
        m[0].as_f64().unwrap(),
        m[1].as_f64().unwrap(),
        m[2].as_f64().unwrap(),
    );
    assert_eq!(width, 1280.0, "{m}");
    assert!(
        bottom < 2.0 * screen,
        "the story ends at {bottom} px, more than two screens of {screen} px"
    );
    eprintln!(
        "story ends at {bottom} px of {} px (screen {screen} px)",
        m[3]
    );
    let open = c
        .execute("return document.getElementById('evidence').open", vec![])
        .await
        .unwrap();
    assert_eq!(open, json!(false), "evidence folded");
    let dangling = c
        .execute(
            "return [...document.querySelectorAll('#story a.fig')]
               .filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length
               + (document.querySelectorAll('#story a.fig').length ? 0 : 1000)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(dangling, json!(0), "every figure links to its evidence");
    screenshot(&c, "brief", 1280).await;
    screenshot(&c, "brief", 390).await;
    let _ = stop.send(());
    let _ = server.await;
}
