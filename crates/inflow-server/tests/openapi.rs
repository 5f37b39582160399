//! The generated OpenAPI document against the server's real answers: every
//! route is called (through the router and over a loopback socket), with
//! good and bad requests, and each answer's status, media type and body
//! must be what the document says. The schemas' patterns are checked
//! against the parsers they describe.

#![allow(clippy::unwrap_used)]

mod common;
#[path = "common/contract.rs"]
mod contract;

use std::collections::BTreeSet;
use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use common::{App, TOKEN};
use contract::{Answer, Contract};
use proptest::prelude::*;

const NEW_MONTH: &str = "series,period,value,status,release_date,source_url,note
pk.ict.exports,2026-08,401,reported,2026-09-20,https://example.org/september-release,
";

/// One request of the tour, with the path as the document writes it.
struct Case {
    method: &'static str,
    template: &'static str,
    uri: String,
    content_type: Option<&'static str>,
    token: bool,
    body: String,
}

fn get(template: &'static str, uri: &str) -> Case {
    Case {
        method: "GET",
        template,
        uri: uri.to_string(),
        content_type: None,
        token: false,
        body: String::new(),
    }
}

fn post(template: &'static str, uri: &str, content_type: &'static str, body: &str) -> Case {
    Case {
        method: "POST",
        template,
        uri: uri.to_string(),
        content_type: Some(content_type),
        token: false,
        body: body.to_string(),
    }
}

fn with_token(mut c: Case) -> Case {
    c.token = true;
    c
}

/// Every route, answered with success and with its documented failures.
fn tour() -> Vec<Case> {
    const OBS: &str = "/api/series/{key}/observations";
    const CSV: &str = "/api/series/{key}/observations.csv";
    const VINTAGES: &str = "/api/series/{key}/vintages";
    let mut cases = vec![
        get("/", "/"),
        get("/explorer", "/explorer"),
        get("/check", "/check"),
        get("/brief", "/brief"),
        get("/assets/{file}", "/assets/nope.js"),
        get("/feed.atom", "/feed.atom"),
        get("/api/openapi.json", "/api/openapi.json"),
        get("/api/health", "/api/health"),
        get("/api/series", "/api/series"),
        get("/api/series", "/api/series?page=2"),
        get(OBS, "/api/series/pk.ict.exports/observations"),
        get(
            OBS,
            "/api/series/pk.ict.exports/observations?from=2023-07&to=2024-06&as_of=2024-05-31",
        ),
        get(OBS, "/api/series/pk.ict.exports/observations?as_of=2021-05"),
        get(OBS, "/api/series/pk.ict.exports/observations?from=2024-13"),
        get(OBS, "/api/series/pk.ict.exports/observations?to="),
        get(
            OBS,
            "/api/series/pk.ict.exports/observations?from=2024-05&to=2024-01",
        ),
        get("/api/projection", "/api/projection?fy=FY00"),
        get(OBS, "/api/series/no.such.series/observations"),
        get(
            CSV,
            "/api/series/pk.ict.exports/observations.csv?from=2024-01",
        ),
        get(CSV, "/api/series/pk.ict.exports/observations.csv?as_of=x"),
        get(CSV, "/api/series/no.such.series/observations.csv"),
        get(VINTAGES, "/api/series/pk.ict.exports/vintages"),
        get(VINTAGES, "/api/series/no.such.series/vintages"),
        get("/api/headline", "/api/headline"),
        get("/api/headline", "/api/headline?month=2024-04&as_of=2024-05"),
        get("/api/headline", "/api/headline?month=April"),
        get("/api/headline", "/api/headline?month=1990-01"),
        get("/api/headline", "/api/headline?series=no.such.series"),
        get("/api/fiscal-years", "/api/fiscal-years"),
        get(
            "/api/fiscal-years",
            "/api/fiscal-years?fy=FY24&as_of=2024-05-31",
        ),
        get("/api/fiscal-years", "/api/fiscal-years?fy=FY2023-25"),
        get("/api/projection", "/api/projection"),
        get(
            "/api/projection",
            "/api/projection?fy=FY24&as_of=2024-04&target=3200",
        ),
        get("/api/projection", "/api/projection?target=-1"),
        get("/api/projection", "/api/projection?fy=FY2090"),
        post(
            "/api/check",
            "/api/check",
            "text/plain",
            "ICT exports rose to $310 million in April 2024, up 62% on a year earlier.",
        ),
        post(
            "/api/check",
            "/api/check",
            "application/json",
            r#"{"text": "IT exports were $3.2 billion in FY24.", "as_of": "2024-08"}"#,
        ),
        post(
            "/api/check",
            "/api/check?series=",
            "application/json",
            r#"{"text": "IT exports were $3.2 billion in FY24."}"#,
        ),
        post("/api/check", "/api/check", "text/plain", "   "),
        post(
            "/api/check",
            "/api/check",
            "application/json",
            r#"{"txt": 1}"#,
        ),
        post(
            "/api/check",
            "/api/check",
            "text/plain",
            &"5% ".repeat(80 * 1024),
        ),
        get("/api/brief", "/api/brief"),
        get("/api/brief", "/api/brief?format=md&month=2024-04"),
        get("/api/brief", "/api/brief?format=html"),
        get("/api/brief", "/api/brief?format=text&target=3200"),
        get("/api/brief", "/api/brief?format=pdf"),
        post("/api/import", "/api/import", "text/csv", NEW_MONTH),
        with_token(post("/api/import", "/api/import", "text/csv", NEW_MONTH)),
        with_token(post("/api/import", "/api/import", "text/csv", NEW_MONTH)),
        with_token(post(
            "/api/import",
            "/api/import?name=conflict.csv",
            "text/csv",
            &NEW_MONTH.replace("401", "402"),
        )),
        with_token(post(
            "/api/import",
            "/api/import",
            "text/csv",
            &NEW_MONTH.replace("2026-08", "2026-13"),
        )),
        with_token(post(
            "/api/import",
            "/api/import?name=",
            "text/csv",
            NEW_MONTH,
        )),
    ];
    for name in [
        "app.js",
        "app.css",
        "uplot.iife.min.js",
        "uplot.min.css",
        "uplot.LICENSE",
    ] {
        cases.push(get("/assets/{file}", &format!("/assets/{name}")));
    }
    cases
}

/// What came back.
struct Reply {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

fn request(c: &Case) -> Request<Body> {
    let mut b = Request::builder().method(c.method).uri(&c.uri);
    if let Some(ct) = c.content_type {
        b = b.header("content-type", ct);
    }
    if c.token {
        b = b.header("authorization", format!("Bearer {TOKEN}"));
    }
    b.body(Body::from(c.body.clone())).unwrap()
}

/// Checks every answer and that every documented operation answered with
/// a success at least once.
fn check_all(contract: &Contract, answers: &[(&Case, Reply)]) {
    let mut failures = Vec::new();
    let mut succeeded = BTreeSet::new();
    for (case, reply) in answers {
        let a = Answer {
            method: case.method,
            template: case.template,
            status: reply.status,
            content_type: &reply.content_type,
            body: &reply.body,
        };
        if let Err(e) = contract.check(&a) {
            failures.push(format!("{}: {e}", case.uri));
        }
        if (200..300).contains(&reply.status) {
            succeeded.insert((case.method.to_string(), case.template.to_string()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let documented: BTreeSet<_> = contract.operations().into_iter().collect();
    let missing: Vec<_> = documented.difference(&succeeded).collect();
    assert!(
        missing.is_empty(),
        "never answered with a success: {missing:?}"
    );
}

#[tokio::test]
async fn every_route_answers_as_documented_through_the_router() {
    let app = App::new(true);
    let contract = Contract::new(inflow_server::openapi::json());
    let cases = tour();
    let mut answers = Vec::new();
    for c in &cases {
        let r = app.send(request(c)).await;
        answers.push((
            c,
            Reply {
                status: r.status.as_u16(),
                content_type: r.content_type().to_string(),
                body: r.body,
            },
        ));
    }
    check_all(&contract, &answers);

    // A read-only server answers the import route with a documented 404.
    let read_only = App::new(false);
    let c = with_token(post("/api/import", "/api/import", "text/csv", NEW_MONTH));
    let r = read_only.send(request(&c)).await;
    assert_eq!(r.status, 404);
    contract
        .check(&Answer {
            method: "POST",
            template: "/api/import",
            status: 404,
            content_type: r.content_type(),
            body: &r.body,
        })
        .unwrap();
}

/// One HTTP/1.1 exchange on a new connection, whole body read (chunked
/// bodies decoded).
fn over_socket(addr: SocketAddr, c: &Case) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut head = format!(
        "{} {} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        c.method,
        c.uri,
        c.body.len()
    );
    if let Some(ct) = c.content_type {
        head.push_str(&format!("Content-Type: {ct}\r\n"));
    }
    if c.token {
        head.push_str(&format!("Authorization: Bearer {TOKEN}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(c.body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut body = raw[split + 4..].to_vec();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let header = |name: &str| {
        head.lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_string())
    };
    if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        body = dechunk(&body);
    }
    Reply {
        status,
        content_type: header("content-type").unwrap_or_default(),
        body,
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size_text = String::from_utf8(raw[..eol].to_vec()).unwrap();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap();
        raw = &raw[eol + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_as_documented_over_a_socket() {
    let app = App::new(true);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(inflow_server::serve(listener, app.state.clone(), async {
        let _ = stopped.await;
    }));
    let served = tokio::task::spawn_blocking(move || {
        let doc = over_socket(addr, &get("/api/openapi.json", "/api/openapi.json"));
        let contract = Contract::new(std::str::from_utf8(&doc.body).unwrap());
        let cases = tour();
        let answers: Vec<_> = cases.iter().map(|c| (c, over_socket(addr, c))).collect();
        check_all(&contract, &answers);
        doc.body
    })
    .await
    .unwrap();
    assert_eq!(served, inflow_server::openapi::json().as_bytes());
    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}

#[test]
fn the_document_lists_exactly_the_routes_and_every_schema_compiles() {
    let contract = Contract::new(inflow_server::openapi::json());
    let doc: serde_json::Value = serde_json::from_str(inflow_server::openapi::json()).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let routes: BTreeSet<(String, String)> = inflow_server::routes(true)
        .into_iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    let documented: BTreeSet<_> = contract.operations().into_iter().collect();
    assert_eq!(routes, documented);
    for (name, schema) in contract.component_schemas() {
        jsonschema::validator_for(&schema)
            .unwrap_or_else(|e| panic!("schema {name} does not compile: {e}"));
    }
}

/// Whether `value` is valid for the parameter's schema.
fn accepts(schema: &serde_json::Value, value: &str) -> bool {
    contract::validate(schema, &serde_json::Value::from(value)).is_ok()
}

fn contract() -> Contract {
    Contract::new(inflow_server::openapi::json())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The month pattern accepts exactly what the month parser accepts.
    #[test]
    fn month_schema_is_the_parser(s in "[0-9]{4}-[0-9]{2}|[0-9]{3,5}-[0-9]{1,3}|.{0,8}") {
        let schema = contract().parameter_schema("GET", "/api/headline", "month");
        prop_assert_eq!(accepts(&schema, &s), s.parse::<inflow_core::YearMonth>().is_ok(), "{}", s);
    }

    /// The as-of schema accepts exactly what the as-of parser accepts.
    #[test]
    fn as_of_schema_is_the_parser(
        s in "latest|[0-9]{4}-[0-9]{2}|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[01][0-9]-[0-3][0-9]|.{0,11}"
    ) {
        let schema = contract().parameter_schema("GET", "/api/headline", "as_of");
        prop_assert_eq!(accepts(&schema, &s), s.parse::<inflow_core::AsOf>().is_ok(), "{}", s);
    }

    /// The series-key schema accepts exactly what the key parser accepts.
    #[test]
    fn series_key_schema_is_the_parser(s in "[a-z0-9_.]{0,70}|[a-zA-Z0-9_.-]{0,12}") {
        let schema = contract().parameter_schema("GET", "/api/headline", "series");
        prop_assert_eq!(accepts(&schema, &s), s.parse::<inflow_core::SeriesKey>().is_ok(), "{}", s);
    }
}

#[test]
fn the_checker_refuses_answers_that_differ_from_the_document() {
    let contract = contract();
    let health = |status: u16, content_type: &str, body: &str| {
        contract.check(&Answer {
            method: "GET",
            template: "/api/health",
            status,
            content_type,
            body: body.as_bytes(),
        })
    };
    assert!(health(200, "application/json", r#"{"status":"ok","series":3}"#).is_ok());
    // A field the document does not name, a missing one, a wrong type.
    assert!(
        health(
            200,
            "application/json",
            r#"{"status":"ok","series":3,"x":1}"#
        )
        .is_err()
    );
    assert!(health(200, "application/json", r#"{"status":"ok"}"#).is_err());
    assert!(health(200, "application/json", r#"{"status":"ok","series":"3"}"#).is_err());
    // An undocumented status or media type.
    assert!(health(418, "application/json", r#"{"status":"ok","series":3}"#).is_err());
    assert!(health(200, "text/html", "ok").is_err());
    // An error body with a field the document does not name.
    let headline = r#"{"error":{"status":404,"message":"no"},"extra":true}"#;
    assert!(
        contract
            .check(&Answer {
                method: "GET",
                template: "/api/headline",
                status: 404,
                content_type: "application/json",
                body: headline.as_bytes(),
            })
            .is_err()
    );
}
