//! The JSON API through the router, without a socket.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeSet;

use common::{App, TOKEN};
use inflow_core::{AsOf, MonthlySeries, Vintage, YearMonth};

/// What `inflow headline --month M --format json` prints, computed from the
/// same database with the analytics crate directly.
fn cli_headline_json(app: &App, month: &str, vintage: Vintage) -> serde_json::Value {
    let a = inflow_app::App::open(&app.dir.path().join("inflow.db")).unwrap();
    let as_of = match vintage {
        Vintage::Latest => AsOf::Latest,
        Vintage::AsOf(d) => AsOf::Date(d),
    };
    let series: MonthlySeries = a.monthly("pk.ict.exports", as_of).unwrap();
    let month: YearMonth = month.parse().unwrap();
    let h = inflow_analytics::headline(&series, month).unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&serde_json::to_string_pretty(&h).unwrap()).unwrap();
    // With the calendar and the breakdown the CLI adds from the same use case.
    let report = a
        .headline_report("pk.ict.exports", Some(month), as_of, None)
        .unwrap();
    let extra = serde_json::to_value(&report).unwrap();
    for k in ["calendar", "stale", "breakdown", "target"] {
        v[k] = extra[k].clone();
    }
    v
}

#[tokio::test]
async fn headline_is_the_cli_json() {
    let app = App::new(false);
    let r = app.get("/api/headline?month=2024-04").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.content_type().starts_with("application/json"));
    let v = r.json();
    assert_eq!(v, cli_headline_json(&app, "2024-04", Vintage::Latest));
    // The README's figures for April 2024.
    assert_eq!(v["value"], 310.0);
    assert_eq!(v["mom_pct"], 1.3);
    assert_eq!(v["yoy_pct"], 62.3);
    assert_eq!(v["fytd"]["value"], 2593.0);
    assert_eq!(v["fytd"]["previous"], 2135.0);
    assert_eq!(v["record"]["all_time"], true);

    // With the series named and a vintage.
    let r = app
        .get("/api/headline?month=2021-04&series=pk.ict.exports&as_of=2021-06-01")
        .await;
    let date = inflow_core::parse_date("2021-06-01").unwrap();
    assert_eq!(
        r.json(),
        cli_headline_json(&app, "2021-04", Vintage::AsOf(date))
    );
    assert_eq!(r.json()["value"], 196.0);
}

#[tokio::test]
async fn headline_defaults_to_the_latest_month() {
    let app = App::new(false);
    let latest = app.get("/api/series").await.json()[0]["last_month"].clone();
    let v = app.get("/api/headline").await.json();
    assert_eq!(v["month"], latest);
}

#[tokio::test]
async fn bad_input_is_a_json_4xx_naming_the_problem() {
    let app = App::new(false);
    let m = app.get("/api/headline?month=2024-13").await.error(400);
    assert!(m.contains("`month`"), "{m}");
    let m = app.get("/api/headline?month=April").await.error(400);
    assert!(m.contains("`month`"), "{m}");
    let m = app.get("/api/headline?as_of=2024-02-30").await.error(400);
    assert!(m.contains("`as_of`"), "{m}");
    let m = app.get("/api/headline?mnth=2024-04").await.error(400);
    assert!(m.contains("`mnth`"), "{m}");
    let m = app.get("/api/headline?series=xx.nope").await.error(404);
    assert!(m.contains("unknown series"), "{m}");
    // A month without a value (February 2020 is missing) and one in the future.
    app.get("/api/headline?month=2020-02").await.error(404);
    app.get("/api/headline?month=2099-01").await.error(404);
    let m = app.get("/api/fiscal-years?fy=FY2023-99").await.error(400);
    assert!(m.contains("`fy`"), "{m}");
    let m = app.get("/api/projection?target=-5").await.error(400);
    assert!(m.contains("`target`"), "{m}");
    let m = app.get("/api/projection?as_of=2024").await.error(400);
    assert!(m.contains("`as_of`"), "{m}");
    let m = app
        .get("/api/series/pk.ict.exports/observations?from=2024-05&to=2024-01")
        .await
        // Each month is well-formed; together they ask for nothing: 422.
        .error(422);
    assert!(m.contains("`from`"), "{m}");
    app.get("/api/series/nope/observations").await.error(404);
    app.get("/api/series/nope/vintages").await.error(404);
    app.get("/api/series/nope/observations.csv")
        .await
        .error(404);
    app.get("/api/nothing-here").await.error(404);
    app.send(
        axum::http::Request::delete("/api/headline")
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await
    .error(405);
}

#[tokio::test]
async fn hostile_input_never_gets_a_500() {
    let app = App::new(false);
    let long = "9".repeat(5000);
    let uris = [
        format!("/api/headline?month={long}"),
        "/api/headline?month=%FF%FE".to_string(),
        "/api/headline?month=0000-00".to_string(),
        "/api/headline?month=-2024-04".to_string(),
        "/api/headline?as_of=99999-01-01".to_string(),
        "/api/headline?series=../../etc/passwd".to_string(),
        "/api/headline?series=%00".to_string(),
        "/api/headline?month=2024-04&month=2024-05".to_string(),
        "/api/series/%2e%2e/observations".to_string(),
        "/api/series/pk.ict.exports/observations?from=9999-12&to=9999-12".to_string(),
        "/api/fiscal-years?fy=FY".to_string(),
        "/api/fiscal-years?fy=FY9999-00".to_string(),
        "/api/projection?fy=FY2015-16".to_string(),
        "/api/projection?fy=FY2099-00".to_string(),
        "/api/projection?target=NaN".to_string(),
        "/api/projection?target=inf".to_string(),
        "/api/projection?as_of=1999-01".to_string(),
        "/api/projection?as_of=2020-02".to_string(),
        "/api/projection?as_of=2019-01-01".to_string(),
    ];
    for uri in &uris {
        let r = app.get(uri).await;
        assert!(
            r.status.is_success() || r.status.is_client_error(),
            "{uri}: {} {}",
            r.status,
            r.text()
        );
        if !r.status.is_success() {
            let v = r.json();
            assert!(v["error"]["message"].is_string(), "{uri}: {v}");
            let msg = v["error"]["message"].as_str().unwrap();
            // Nothing about the server's files leaks.
            assert!(!msg.contains(".db"), "{uri}: {msg}");
            assert!(!msg.contains("/tmp"), "{uri}: {msg}");
        }
    }
}

#[tokio::test]
async fn observations_by_vintage_and_csv() {
    let app = App::new(false);
    let q = "from=2021-04&to=2021-04";
    let latest = app
        .get(&format!("/api/series/pk.ict.exports/observations?{q}"))
        .await
        .json();
    assert_eq!(latest["vintage"], "latest");
    assert_eq!(latest["observations"][0]["value"], 193.0);
    assert_eq!(latest["observations"][0]["status"], "revised");
    let early = app
        .get(&format!(
            "/api/series/pk.ict.exports/observations?{q}&as_of=2021-06-01"
        ))
        .await
        .json();
    assert_eq!(early["vintage"], "2021-06-01");
    assert_eq!(early["observations"][0]["value"], 196.0);

    let all = app
        .get("/api/series/pk.ict.exports/observations")
        .await
        .json();
    let rows = all["observations"].as_array().unwrap();
    let april_2024 = rows.iter().find(|r| r["month"] == "2024-04").unwrap();
    assert_eq!(april_2024["all_time_high"], true);
    let april_2023 = rows.iter().find(|r| r["month"] == "2023-04").unwrap();
    assert_eq!(april_2023["all_time_high"], false);

    let r = app
        .get(&format!(
            "/api/series/pk.ict.exports/observations.csv?{q}&as_of=2021-06-01"
        ))
        .await;
    assert_eq!(r.status, 200);
    assert!(r.content_type().starts_with("text/csv"));
    assert!(
        r.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("pk.ict.exports-20210601.csv")
    );
    let text = r.text();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "month,fiscal_year,value,unit,status,source_tier,release_date,source_url,note"
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("2021-04,FY2020-21,196,USD million,reported,secondary,2021-05-20,")
    );
    assert_eq!(lines.next(), None);
}

#[tokio::test]
async fn series_vintages_and_fiscal_years() {
    let app = App::new(false);
    let list = app.get("/api/series").await.json();
    let main = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "pk.ict.exports")
        .unwrap();
    assert_eq!(main["unit"], "USD million");
    assert_eq!(main["fiscal_start_month"], 7);
    assert_eq!(main["first_month"], "2019-11");

    let v = app.get("/api/series/pk.ict.exports/vintages").await.json();
    let dates: Vec<&str> = v["release_dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert!(
        dates.contains(&"2021-06-20") || dates.len() > 50,
        "{dates:?}"
    );
    assert!(dates.windows(2).all(|w| w[0] > w[1]), "newest first");

    let fy = app.get("/api/fiscal-years?fy=FY24").await.json();
    assert_eq!(fy.as_array().unwrap().len(), 1);
    assert_eq!(fy[0]["fiscal_year"], "FY2023-24");
    let all = app.get("/api/fiscal-years").await.json();
    assert!(all.as_array().unwrap().len() >= 7);
}

#[tokio::test]
async fn projection_is_the_project_crate_output() {
    let app = App::new(false);
    let r = app
        .get("/api/projection?fy=FY2023-24&as_of=2024-04&target=3000")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    // A connection of its own, so with a cache of its own: computed afresh.
    let a = inflow_app::App::open(&app.dir.path().join("inflow.db")).unwrap();
    let q = inflow_app::projection::ProjectionQuery {
        series: "pk.ict.exports".into(),
        fy: Some("FY2023-24".into()),
        as_of: AsOf::parse("2024-04").unwrap(),
        target: Some("3000".parse().unwrap()),
        ..Default::default()
    };
    let p = a.project(&q).unwrap();
    // Byte for byte: the key order is the CLI's too.
    assert_eq!(r.text(), serde_json::to_string(&*p).unwrap());
    let v = r.json();
    assert_eq!(v["months_known"], 10);
    assert!(v["p_exceed"].as_f64().unwrap() > 0.5);
    // Served again from the cache, identical.
    let again = app
        .get("/api/projection?fy=FY2023-24&as_of=2024-04&target=3000")
        .await;
    assert_eq!(again.body, r.body);
}

#[tokio::test]
async fn claim_check_json_and_plain_text() {
    let app = App::new(false);
    let text = "Pakistan's IT exports were $310 million in April 2024, up 62% on a year earlier. \
                They reached $2.593 million in the first ten months of FY24.";
    let r = app
        .post(
            "/api/check",
            "application/json",
            serde_json::json!({ "text": text }).to_string(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    let claims = v["claims"].as_array().unwrap();
    assert!(claims.len() >= 3, "{v}");
    let verdicts: Vec<&str> = claims
        .iter()
        .map(|c| c["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts[0], "supported", "{v}");
    assert!(verdicts.contains(&"unit_error"), "{verdicts:?}");
    for c in claims {
        let [s, e] = [
            c["span"][0].as_u64().unwrap(),
            c["span"][1].as_u64().unwrap(),
        ];
        assert_eq!(&text[s as usize..e as usize], c["text"].as_str().unwrap());
        assert!(!c["explanation"].as_str().unwrap().is_empty());
    }

    let plain = app.post("/api/check", "text/plain", text).await;
    assert_eq!(plain.json(), v);

    // Judged as known on a date before April 2024 was published.
    let early = app
        .post(
            "/api/check",
            "application/json",
            serde_json::json!({ "text": text, "as_of": "2024-05-01" }).to_string(),
        )
        .await
        .json();
    assert_ne!(early["claims"][0]["verdict"], "supported", "{early}");

    let m = app
        .post("/api/check", "application/json", "{\"txt\": 1}")
        .await
        .error(400);
    assert!(m.starts_with("body"), "{m}");
    let m = app
        .post(
            "/api/check",
            "application/json",
            serde_json::json!({ "text": text, "as_of": "soon" }).to_string(),
        )
        .await
        .error(400);
    assert!(m.contains("`as_of`"), "{m}");
    app.post("/api/check", "text/plain", "x".repeat(300 * 1024))
        .await
        .error(413);
    // The document requires a body; an empty one is an error, not an
    // empty report (issue 15: schemathesis found the mismatch).
    let m = app.post("/api/check", "text/plain", "").await.error(400);
    assert!(m.contains("empty"), "{m}");
}

const NEW_MONTH: &str = "series,period,value,status,release_date,source_url,note
pk.ict.exports,2026-08,401,reported,2026-09-20,https://example.org/september-release,
";

#[tokio::test]
async fn import_needs_the_token_and_is_absent_without_one() {
    let read_only = App::new(false);
    read_only
        .post("/api/import", "text/csv", NEW_MONTH)
        .await
        .error(404);
    assert!(
        !inflow_server::routes(false)
            .iter()
            .any(|(_, p)| *p == "/api/import")
    );

    let app = App::new(true);
    app.post("/api/import", "text/csv", NEW_MONTH)
        .await
        .error(401);
    let wrong = |token: &str| {
        axum::http::Request::post("/api/import")
            .header("authorization", format!("Bearer {token}"))
            .body(axum::body::Body::from(NEW_MONTH))
            .unwrap()
    };
    app.send(wrong("test-admin-token-012345678"))
        .await
        .error(401);
    app.send(wrong(&format!("{TOKEN}x"))).await.error(401);
    app.send(wrong("")).await.error(401);

    let r = app.send(wrong(TOKEN)).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["added"], 1);
    let h = app.get("/api/headline").await.json();
    assert_eq!(h["month"], "2026-08");
    assert_eq!(h["value"], 401.0);
    // Importing the same file again adds nothing.
    let r = app.send(wrong(TOKEN)).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["unchanged"], 1);

    // A conflicting value for a stored key, and a malformed row: nothing stored.
    let conflict = NEW_MONTH.replace("401", "402");
    let req = axum::http::Request::post("/api/import?name=conflict.csv")
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(axum::body::Body::from(conflict))
        .unwrap();
    let m = app.send(req).await.error(409);
    assert!(m.contains("conflict.csv:2"), "{m}");
    let bad = NEW_MONTH.replace("2026-08", "2026-13");
    let req = axum::http::Request::post("/api/import")
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(axum::body::Body::from(bad))
        .unwrap();
    let m = app.send(req).await.error(422);
    assert!(m.contains("upload.csv:2"), "{m}");

    // Bodies over the limit are refused before they are read.
    let big = "x".repeat(inflow_server::BODY_LIMIT + 1);
    let req = axum::http::Request::post("/api/import")
        .header("authorization", format!("Bearer {TOKEN}"))
        .body(axum::body::Body::from(big))
        .unwrap();
    app.send(req).await.error(413);
}

/// `(METHOD, path)` of every operation in the OpenAPI document.
fn documented() -> BTreeSet<(String, String)> {
    let doc: serde_json::Value = serde_json::from_str(inflow_server::openapi::json()).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.insert((method.to_uppercase(), path.clone()));
        }
    }
    out
}

#[tokio::test]
async fn openapi_document_lists_exactly_the_routes() {
    let app = App::new(true);
    let served = app.get("/api/openapi.json").await;
    assert_eq!(served.status, 200);
    assert_eq!(served.text(), inflow_server::openapi::json());

    let routes: BTreeSet<(String, String)> = inflow_server::routes(true)
        .into_iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(routes, documented());

    // The table is the router: every listed route answers (a 404 from the
    // fallback or a 405 would mean a listed route is not routed).
    for (method, path) in &routes {
        let uri = path
            .replace("{key}", "pk.ict.exports")
            .replace("{file}", "app.js");
        let req = axum::http::Request::builder()
            .method(method.as_str())
            .uri(&uri)
            .header("content-type", "text/plain")
            .header("authorization", format!("Bearer {TOKEN}"))
            .body(axum::body::Body::empty())
            .unwrap();
        let r = app.send(req).await;
        assert!(
            r.status != 404 && r.status != 405,
            "{method} {uri}: {} {}",
            r.status,
            r.text()
        );
    }
}

#[tokio::test]
async fn pages_and_assets() {
    let app = App::new(false);
    for (path, marker) in [
        ("/", "id=\"chart-monthly\""),
        ("/explorer", "id=\"obs\""),
        ("/check", "id=\"check-text\""),
        ("/brief", "id=\"brief-frame\""),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status, 200);
        assert!(r.content_type().starts_with("text/html"));
        let html = r.text();
        assert!(html.contains(marker), "{path}");
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("name=\"viewport\""));
        // Offline: no script or style from anywhere else.
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "{path}"
        );
    }
    let js = app.get("/assets/uplot.iife.min.js").await;
    assert!(js.content_type().starts_with("text/javascript"));
    assert!(
        js.text()
            .starts_with("/*! https://github.com/leeoniya/uPlot")
    );
    assert!(
        app.get("/assets/uplot.LICENSE")
            .await
            .text()
            .contains("MIT")
    );
    assert!(
        app.get("/assets/app.css")
            .await
            .content_type()
            .starts_with("text/css")
    );
    let missing = app.get("/assets/../Cargo.toml").await;
    assert_eq!(missing.status, 404);
    let page = app.get("/no-such-page").await;
    assert_eq!(page.status, 404);
    assert!(page.content_type().starts_with("text/html"));
    let csp = app.get("/").await.headers["content-security-policy"].clone();
    assert!(csp.to_str().unwrap().contains("default-src 'self'"));
}

#[tokio::test]
async fn brief_in_three_formats() {
    let app = App::new(false);
    let r = app.get("/api/brief?month=2024-04").await;
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["month"], "2024-04");
    assert_eq!(v["vintage"], "2024-05-20");
    let md = app.get("/api/brief?month=2024-04&format=md").await;
    assert!(md.content_type().starts_with("text/markdown"));
    assert!(md.text().contains("$310 million"), "{}", md.text());
    let html = app
        .get("/api/brief?month=2024-04&format=html&target=3000")
        .await;
    assert!(html.content_type().starts_with("text/html"));
    assert!(html.text().contains("<svg"), "charts inline");
    let m = app.get("/api/brief?format=pdf").await.error(400);
    assert!(m.contains("`format`"), "{m}");
    let m = app.get("/api/brief?month=2024-4").await.error(400);
    assert!(m.contains("`month`"), "{m}");
    app.get("/api/brief?month=2020-02").await.error(404);
    app.get("/api/brief?series=nope").await.error(404);
}

/// `/feed.atom` is Atom (parsed as XML in the Atom namespace, with the
/// elements RFC 4287 requires) and its newest entry is the latest release.
#[tokio::test]
async fn feed_is_atom_with_the_latest_release() {
    let app = App::new(false);
    let r = app.get("/feed.atom").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.content_type().starts_with("application/atom+xml"));
    let text = r.text();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let atom = "http://www.w3.org/2005/Atom";
    let feed = doc.root_element();
    assert!(feed.has_tag_name((atom, "feed")), "{text}");
    let child = |n: roxmltree::Node<'_, '_>, name: &str| {
        n.children()
            .find(|c| c.has_tag_name((atom, name)))
            .unwrap_or_else(|| panic!("no <{name}>"))
            .text()
            .unwrap_or_default()
            .to_string()
    };
    for required in ["id", "title", "updated"] {
        assert!(!child(feed, required).is_empty(), "feed <{required}>");
    }
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((atom, "entry")))
        .collect();
    assert!(entries.len() > 10, "{}", entries.len());
    let mut ids = BTreeSet::new();
    for e in &entries {
        assert!(ids.insert(child(*e, "id")), "ids unique");
        let updated = child(*e, "updated");
        assert!(
            updated.len() == 20 && updated.ends_with("T00:00:00Z"),
            "{updated}"
        );
    }
    // The bundled data's latest release: July 2026 from SBP's headline
    // table, released 2026-08-19.
    let first = entries[0];
    assert_eq!(child(first, "updated"), "2026-08-19T00:00:00Z");
    assert!(
        child(first, "title").contains("July 2026 at 417"),
        "{}",
        child(first, "title")
    );
    assert!(child(first, "summary").starts_with("Added July 2026 417"));
    assert_eq!(child(feed, "updated"), "2026-08-19T00:00:00Z");
}
