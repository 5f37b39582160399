//! The overview as a reader uses it on release day, in a real headless
//! Chromium over a real server on loopback: the target comes from the data
//! with its source, the chosen month drives every chart and figure, an
//! error replaces the old view, legends have no placeholders, the
//! components are broken down, a link reproduces a view, `?embed=1` shows
//! one chart, and nothing is wider than a 390 px phone.

#![allow(clippy::unwrap_used)]

mod common;

use common::browser::{Cdp, Dashboard, reqwest_json, screenshot, wait_for};
use fantoccini::Client;
use serde_json::{Value, json};

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap()
}

/// Submits the overview's form with `month` (and an empty target, so the
/// default applies) and waits for the headline of `expect`.
async fn choose_month(c: &Client, month: &str) {
    js(
        c,
        &format!(
            "document.querySelector('#month').value = '{month}'; \
             const t = document.querySelector('#target'); t.value = ''; \
             t.dispatchEvent(new Event('input')); \
             document.querySelector('#error').replaceChildren(); \
             document.querySelector('#controls button[type=submit]').click();"
        ),
    )
    .await;
}

/// What every chart of the overview says it shows.
async fn chart_states(c: &Client) -> Value {
    js(
        c,
        "const d = (id) => document.getElementById(id).dataset; \
         return { monthly: d('chart-monthly').through, fiscal: d('chart-fy').through, \
                  fan: d('chart-fan').fy, total: d('chart-total').points || null, \
                  headline: document.querySelector('#headline').dataset.month || null };",
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overview_follows_the_data_and_the_reader() {
    let Some(d) = Dashboard::start().await else {
        return;
    };
    let (base, c) = (d.base.clone(), d.c.clone());

    // 1. The default target is the fiscal year's official target, stored as
    // data with its source, and the projection is judged against it.
    c.goto(&format!("{base}/?month=2026-02")).await.unwrap();
    wait_for(
        &c,
        "document.getElementById('chart-total').dataset.points",
        "projection",
    )
    .await;
    let api = reqwest_json(&base, "/api/headline?month=2026-02").await;
    assert_eq!(api["target"]["kind"], "official", "{}", api["target"]);
    let official = api["target"]["value"].as_f64().unwrap();
    assert_eq!(official, 5200.0);
    let form = js(
        &c,
        "return [document.querySelector('#target').value, \
                 document.querySelector('#target-source').textContent, \
                 document.querySelector('#proj-summary').textContent, \
                 document.querySelector('#chart-total svg').getAttribute('aria-label')];",
    )
    .await;
    assert_eq!(form[0], "5200", "{form}");
    assert!(form[1].as_str().unwrap().contains("FY2025-26"), "{form}");
    assert!(
        form[1]
            .as_str()
            .unwrap()
            .contains("Ministry of Information Technology"),
        "{form}"
    );
    assert!(
        form[2]
            .as_str()
            .unwrap()
            .contains("Chance of exceeding 5,200"),
        "{form}"
    );
    assert!(form[3].as_str().unwrap().contains("target 5,200"), "{form}");

    // 2. The month chosen drives every chart; the default target follows
    // the fiscal year (no official target for FY2023-24: FY2022-23 as SBP
    // published it, not a sum of months).
    assert_eq!(
        chart_states(&c).await,
        json!({ "monthly": "2026-02", "fiscal": "2026-02", "fan": "FY2025-26", "total": "1", "headline": "2026-02" })
    );
    choose_month(&c, "2024-04").await;
    wait_for(
        &c,
        "document.querySelector('#headline').dataset.month === '2024-04'",
        "April 2024",
    )
    .await;
    wait_for(
        &c,
        "document.getElementById('chart-total').dataset.points",
        "projection",
    )
    .await;
    assert_eq!(
        chart_states(&c).await,
        json!({ "monthly": "2024-04", "fiscal": "2024-04", "fan": "FY2023-24", "total": "1", "headline": "2024-04" })
    );
    let api = reqwest_json(&base, "/api/headline?month=2024-04").await;
    assert_eq!(
        api["target"]["kind"], "previous_year_published",
        "{}",
        api["target"]
    );
    let target = js(&c, "return document.querySelector('#target').value").await;
    assert_eq!(
        target.as_str().unwrap().parse::<f64>().unwrap(),
        api["target"]["value"].as_f64().unwrap()
    );
    let fy_label = js(
        &c,
        "return document.getElementById('chart-fy').getAttribute('aria-label')",
    )
    .await;
    assert!(
        fy_label
            .as_str()
            .unwrap()
            .contains("FY2023-24 so far 2,593"),
        "{fy_label}"
    );

    // 3. An error replaces the view: no old figures under the new request.
    choose_month(&c, "2020-03").await;
    let err = wait_for(
        &c,
        "document.querySelector('#error').textContent",
        "the error",
    )
    .await;
    assert!(
        err.as_str().unwrap().contains("2020-03") || err.as_str().unwrap().contains("March 2020"),
        "{err}"
    );
    let shown = js(
        &c,
        "return [document.getElementById('view').offsetParent === null, \
                 document.querySelector('main').innerText, \
                 document.querySelectorAll('canvas, #view svg').length];",
    )
    .await;
    assert_eq!(shown[0], true, "the old view is hidden: {shown}");
    let text = shown[1].as_str().unwrap();
    assert!(
        !text.contains("April 2024") && !text.contains("2,593"),
        "{text}"
    );
    assert_eq!(shown[2], 0, "no chart left drawn: {shown}");
    screenshot(&c, "overview-error", 1280).await;

    // 4. The breakdown of March 2026: the components, their shares and
    // contributions (to the change on February: no components a year
    // earlier), adding up to the total's change.
    choose_month(&c, "2026-03").await;
    wait_for(
        &c,
        "document.querySelector('#headline').dataset.month === '2026-03'",
        "March 2026",
    )
    .await;
    wait_for(
        &c,
        "document.getElementById('chart-breakdown').dataset.points",
        "breakdown bars",
    )
    .await;
    let api = reqwest_json(&base, "/api/headline?month=2026-03").await;
    let b = &api["breakdown"];
    let n = b["components"].as_array().unwrap().len();
    let view = js(
        &c,
        "return [document.querySelector('#bd-table').dataset.rows, \
                 document.querySelector('#bd-summary').textContent, \
                 document.querySelector('#bd-table').innerText, \
                 document.getElementById('chart-breakdown').dataset.points];",
    )
    .await;
    assert_eq!(view[0], n.to_string(), "{view}");
    assert_eq!(view[3], n.to_string(), "{view}");
    let summary = view[1].as_str().unwrap();
    assert!(
        summary.contains("February 2026") && summary.contains("month before"),
        "{summary}"
    );
    let sum = b["contributions_sum_pp"].as_f64().unwrap();
    assert!(
        summary.contains(&format!("+{sum:.1} points")),
        "{summary} lacks {sum:.1}"
    );
    let table = view[2].as_str().unwrap();
    for c_ in b["components"].as_array().unwrap() {
        assert!(table.contains(c_["name"].as_str().unwrap()), "{table}");
        let share = format!("{:.1}%", c_["share_pct"].as_f64().unwrap());
        assert!(table.contains(&share), "{share} not in {table}");
    }
    screenshot(&c, "overview-breakdown", 1280).await;
    screenshot(&c, "overview-breakdown", 390).await;

    // 5. Legends: drawn by the page, with names and no placeholder dashes.
    let legends = js(
        &c,
        "return [...document.querySelectorAll('#view figure')].filter(f => f.querySelector('[data-chart]') \
                 && f.querySelector('[data-chart]').id !== 'chart-total' \
                 && f.querySelector('[data-chart]').id !== 'chart-breakdown') \
                 .map(f => { const l = f.querySelector('ul.chart-legend'); return l ? l.innerText : null; });",
    )
    .await;
    let legends = legends.as_array().unwrap();
    assert_eq!(legends.len(), 3, "{legends:?}");
    for l in legends {
        let l = l
            .as_str()
            .unwrap_or_else(|| panic!("a chart without legend: {legends:?}"));
        assert!(!l.contains('–') && l.trim().len() > 10, "{l}");
    }
    let uplot_legends = js(&c, "return document.querySelectorAll('.u-legend').length").await;
    assert_eq!(uplot_legends, 0);

    // 6. A share link reproduces the view (series, month, target).
    let link = js(&c, "return document.querySelector('#share-link').href").await;
    let link = link.as_str().unwrap().to_string();
    assert!(
        link.contains("series=pk.ict.exports")
            && link.contains("month=2026-03")
            && link.contains("target=5200"),
        "{link}"
    );
    let before = js(
        &c,
        "return document.querySelector('#proj-summary').textContent",
    )
    .await;
    c.goto(&link).await.unwrap();
    wait_for(
        &c,
        "document.getElementById('chart-total').dataset.points",
        "shared view",
    )
    .await;
    let after = js(
        &c,
        "return [document.querySelector('#headline').dataset.month, document.querySelector('#target').value, \
                 document.querySelector('#proj-summary').textContent, document.querySelector('#series').value];",
    )
    .await;
    assert_eq!(after, json!(["2026-03", "5200", before, "pk.ict.exports"]));

    // 7. ?embed=1: one chart, no navigation, form or footer, with a credit
    // linking back to the full view.
    let embed = js(&c, "return document.querySelector('#embed-fiscal').href").await;
    c.goto(embed.as_str().unwrap()).await.unwrap();
    wait_for(
        &c,
        "document.getElementById('chart-fy').dataset.points",
        "embedded chart",
    )
    .await;
    let e = js(
        &c,
        "const vis = (el) => el && el.offsetParent !== null; \
         return [vis(document.querySelector('header.top')), vis(document.querySelector('#controls')), \
                 vis(document.querySelector('footer')), \
                 [...document.querySelectorAll('[data-embed]')].filter(vis).map(s => s.dataset.embed), \
                 document.querySelector('#embed-credit a').href];",
    )
    .await;
    assert_eq!(e[0], false, "{e}");
    assert_eq!(e[1], false, "{e}");
    assert_eq!(e[2], false, "{e}");
    assert_eq!(e[3], json!(["fiscal"]), "{e}");
    assert!(!e[4].as_str().unwrap().contains("embed=1"), "{e}");
    assert!(e[4].as_str().unwrap().contains("month=2026-03"), "{e}");
    screenshot(&c, "embed-fiscal", 640).await;
    screenshot(&c, "embed-fiscal", 390).await;

    // 8. The brief page takes the same default target, and an error hides
    // the brief shown before.
    c.goto(&format!("{base}/brief?month=2026-02"))
        .await
        .unwrap();
    wait_for(
        &c,
        "document.querySelector('#brief-frame').dataset.loaded",
        "brief",
    )
    .await;
    let b = js(
        &c,
        "return [document.querySelector('#brief-target').value, \
                 document.querySelector('#brief-target-source').textContent, \
                 document.querySelector('#brief-frame').contentDocument.body.innerText, \
                 document.querySelector('#brief-html').href];",
    )
    .await;
    assert_eq!(b[0], "5200", "{b}");
    assert!(b[1].as_str().unwrap().contains("Ministry"), "{b}");
    assert!(
        b[2].as_str().unwrap().contains("target of $5.2 billion"),
        "the brief weighs the target: {b}"
    );
    assert!(b[3].as_str().unwrap().contains("target=5200"), "{b}");
    // A year with no official target: last year's total is offered, not
    // put to the brief as "the target".
    js(
        &c,
        "document.querySelector('#brief-month').value = '2024-04'; \
         document.querySelector('#brief-form button[type=submit]').click();",
    )
    .await;
    wait_for(
        &c,
        "document.querySelector('#brief-frame').dataset.loaded === '2024-04'",
        "the April 2024 brief",
    )
    .await;
    let b = js(
        &c,
        "return [document.querySelector('#brief-target').value, \
                 document.querySelector('#brief-target-source').textContent, \
                 document.querySelector('#brief-frame').contentDocument.body.innerText];",
    )
    .await;
    assert_eq!(b[0], "", "{b}");
    assert!(
        b[1].as_str()
            .unwrap()
            .contains("No official target for FY2023-24"),
        "{b}"
    );
    assert!(!b[2].as_str().unwrap().contains("The target of"), "{b}");
    js(
        &c,
        "document.querySelector('#brief-month').value = '2020-03'; \
         document.querySelector('#brief-form button[type=submit]').click();",
    )
    .await;
    wait_for(
        &c,
        "document.querySelector('#error').textContent",
        "the brief's error",
    )
    .await;
    let gone = js(
        &c,
        "return document.querySelector('#brief-frame').offsetParent === null",
    )
    .await;
    assert_eq!(gone, true, "the old brief is hidden");

    // 9. A 390 px phone: no page scrolls sideways, tables included (each
    // row a labelled block), and every chart fits.
    c.issue_cmd(Cdp(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true }),
    ))
    .await
    .unwrap();
    for (path, ready) in [
        (
            "/?month=2026-03",
            "document.getElementById('chart-total').dataset.points",
        ),
        ("/explorer", "document.querySelector('#obs').dataset.rows"),
    ] {
        c.goto(&format!("{base}{path}")).await.unwrap();
        wait_for(&c, ready, path).await;
        let m = js(
            &c,
            "for (const d of document.querySelectorAll('details')) d.open = true; \
             const wide = [...document.querySelectorAll('table, canvas, svg, .chart')] \
               .map(e => [e.id || e.tagName, Math.round(e.getBoundingClientRect().right)]) \
               .filter(([_, r]) => r > window.innerWidth); \
             return [document.documentElement.scrollWidth, window.innerWidth, wide, \
                     document.querySelectorAll('table').length];",
        )
        .await;
        assert_eq!(m[1], 390, "{m}");
        assert!(
            m[0].as_u64().unwrap() <= 390,
            "{path} scrolls sideways: {m}"
        );
        assert_eq!(m[2], json!([]), "{path}: wider than the phone: {m}");
        assert!(m[3].as_u64().unwrap() >= 1, "{m}");
    }
    c.issue_cmd(Cdp("Emulation.clearDeviceMetricsOverride", json!({})))
        .await
        .unwrap();

    d.finish().await;
}
