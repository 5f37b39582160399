//! A second economy's pages in a real headless Chromium: a series of total
//! services (EBOPS `S`) in USD billion with an April fiscal year, imported
//! beside the bundled data. Every page of that series, and its brief, speak
//! of it alone: no Pakistan, no SBP, no July fiscal year in titles, labels,
//! fiscal-year names or source lines.

#![allow(clippy::unwrap_used)]

mod common;

use common::browser::{browser_or_skip, screenshot, start_browser, wait_for};
use fantoccini::Client;
use inflow_server::{AppState, Config};
use serde_json::Value;

const KEY: &str = "xi.services.exports";

/// The words that would betray the bundled series' chrome.
const FORBIDDEN: &[&str] = &["Pakistan", "SBP", "State Bank", "July", "Jul-", "pk.ict"];

fn series_csv() -> String {
    format!(
        "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n\
         {KEY},India: exports of services,IN,exports,S,W1,USD billion,M,Reserve Bank of India,4\n"
    )
}

/// 30 months from April 2022, each released on the 15th of the next month.
fn observations_csv() -> String {
    let mut out = String::from("series,period,value,status,release_date,source_url,note\n");
    let (mut y, mut m) = (2022, 4);
    for i in 0..30 {
        // A rising series with a seasonal swing, two decimals as published.
        let v = 24.0 + 0.35 * f64::from(i) + 1.5 * ((f64::from(m) - 1.0) * 0.52).sin();
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        out.push_str(&format!(
            "{KEY},{y}-{m:02},{v:.2},reported,{ny}-{nm:02}-15,https://rbi.example.org/press/{y}{m:02},\n"
        ));
        (y, m) = (ny, nm);
    }
    out
}

/// The page's text without the other series listed in the series choice.
async fn page_text(c: &Client) -> String {
    let v: Value = c
        .execute(
            "const b = document.documentElement.cloneNode(true); \
             for (const o of b.querySelectorAll('select option')) \
               if (!o.hasAttribute('selected') && o.value !== document.querySelector('#series')?.value) o.remove(); \
             for (const s of b.querySelectorAll('script')) s.remove(); \
             const frame = document.querySelector('iframe'); \
             const inner = frame && frame.contentDocument ? frame.contentDocument.documentElement.textContent : ''; \
             return document.title + '\\n' + b.textContent + '\\n' + inner;",
            vec![],
        )
        .await
        .unwrap();
    v.as_str().unwrap().to_string()
}

fn assert_clean(what: &str, text: &str) {
    for w in FORBIDDEN {
        if let Some(at) = text.find(w) {
            let from = text[..at]
                .char_indices()
                .rev()
                .nth(60)
                .map_or(0, |(i, _)| i);
            let to = (at + 60).min(text.len());
            let to = (to..=text.len())
                .find(|i| text.is_char_boundary(*i))
                .unwrap();
            panic!("{what} says {w:?}: …{}…", &text[from..to]);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_of_another_economy_say_nothing_of_pakistan() {
    let Some((chromium, chromedriver)) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("inflow.db");
    {
        let mut app = inflow_app::App::open(&db).unwrap();
        app.import_text("series.csv", &series_csv()).unwrap();
        app.import_text("observations.csv", &observations_csv())
            .unwrap();
    }
    let state = AppState::new(&Config {
        db,
        admin_token: None,
    })
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(inflow_server::serve(listener, state, async {
        let _ = stopped.await;
    }));
    let profile = tempfile::tempdir().unwrap();
    let (_driver, c) = start_browser(&chromium, &chromedriver, profile.path()).await;

    // The overview: its charts drawn, the fiscal year in April-March terms.
    c.goto(&format!("{base}/?series={KEY}")).await.unwrap();
    wait_for(
        &c,
        "document.getElementById('chart-total').dataset.points",
        "overview",
    )
    .await;
    let text = page_text(&c).await;
    assert!(text.contains("India: exports of services"), "{text}");
    assert!(text.contains("Reserve Bank of India"), "{text}");
    assert!(text.contains("fiscal year April to March"), "{text}");
    assert!(text.contains("FY2024-25"), "{text}");
    assert!(text.contains("USD billion"), "{text}");
    let first = c
        .execute(
            "return document.querySelector('#chart-fy').closest('figure').querySelector('tbody th').textContent",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(first, "Apr", "the fiscal chart starts in April");
    assert_clean("the overview", &text);
    screenshot(&c, "other-economy-overview", 1280).await;
    screenshot(&c, "other-economy-overview", 390).await;

    // The explorer.
    c.goto(&format!("{base}/explorer?series={KEY}"))
        .await
        .unwrap();
    wait_for(
        &c,
        "document.querySelector('#obs').dataset.rows",
        "explorer",
    )
    .await;
    let text = page_text(&c).await;
    assert!(text.contains("FY2022-23"), "{text}");
    assert_clean("the explorer", &text);
    screenshot(&c, "other-economy-explorer", 390).await;

    // The claim checker, with its example written from this series' data.
    c.goto(&format!("{base}/check?series={KEY}")).await.unwrap();
    wait_for(
        &c,
        "document.querySelector('#check-about').textContent.includes('India')",
        "checker",
    )
    .await;
    c.execute("document.querySelector('#check-example').click()", vec![])
        .await
        .unwrap();
    let example = wait_for(&c, "document.querySelector('#check-text').value", "example").await;
    let example = example.as_str().unwrap();
    assert!(
        example.contains("India") && example.contains("billion"),
        "{example}"
    );
    assert_clean("the checker's example", example);
    assert_clean("the checker", &page_text(&c).await);
    screenshot(&c, "other-economy-check", 1280).await;

    // The brief page and the brief itself (Markdown, HTML).
    c.goto(&format!("{base}/brief?series={KEY}")).await.unwrap();
    wait_for(
        &c,
        "document.querySelector('#brief-frame').dataset.loaded",
        "brief",
    )
    .await;
    let text = page_text(&c).await;
    assert!(text.contains("India's exports of services"), "{text}");
    assert!(text.contains("fiscal years run April to March"), "{text}");
    assert_clean("the brief page", &text);
    screenshot(&c, "other-economy-brief", 1280).await;
    for format in ["md", "html", "text"] {
        c.goto(&format!("{base}/api/brief?series={KEY}&format={format}"))
            .await
            .unwrap();
        let body = c
            .execute("return document.documentElement.textContent", vec![])
            .await
            .unwrap();
        let body = body.as_str().unwrap();
        assert!(body.contains("India"), "{format}: {body}");
        assert_clean(&format!("the {format} brief"), body);
    }

    c.close().await.unwrap();
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}
