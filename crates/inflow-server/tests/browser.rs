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

use common::browser::{Dashboard, reqwest_json, screenshot, wait_for};
use fantoccini::Locator;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_in_headless_chromium() {
    let Some(d) = Dashboard::start().await else {
        return;
    };
    let (base, c) = (d.base.clone(), d.c.clone());

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
    // Nov 2019 to Apr 2024 less three gaps: 51 months, the record marks
    // and the ring on the month shown; nothing after April 2024.
    assert!(
        monthly > 51 && monthly < 75,
        "one point per month through April 2024 and the record marks: {monthly}"
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

    d.finish().await;
}

/// The April 2024 brief as a reader opens it: its story (headline to data
/// notes) ends within two screens of a 1280x900 window, the evidence is
/// folded away until asked for, and every figure links to an entry of it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn brief_story_fits_two_screens() {
    let Some(d) = Dashboard::start().await else {
        return;
    };
    let (base, c) = (d.base.clone(), d.c.clone());
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
    d.finish().await;
}
