//! Downloads against a real HTTP server on 127.0.0.1: conditional GET,
//! redirects, retries with back-off, cut-off bodies, error statuses and
//! bodies that are not workbooks.

use std::time::Duration;

use inflow_fetch::test_server::{Request, Server, response};
use inflow_fetch::{Answer, Client, ClientConfig, Error, Validators, check_workbook};

const WORKBOOK: &[u8] = inflow_import::BUNDLED_WORKBOOKS[0].bytes;
const LAST_MODIFIED: &str = "Tue, 17 Mar 2026 04:12:00 GMT";

fn client(retries: u32) -> Client {
    Client::new(ClientConfig {
        timeout: Duration::from_secs(10),
        retries,
        backoff: Duration::from_millis(10),
        max_wait: Duration::from_millis(50),
        ..ClientConfig::default()
    })
}

/// Serves the workbook with validators, answering 304 to a matching
/// conditional request.
fn publisher(req: &Request, _: usize) -> Vec<u8> {
    if req.header("if-none-match") == Some("\"v1\"") {
        return response(304, &[("ETag", "\"v1\"")], b"");
    }
    response(
        200,
        &[
            ("ETag", "\"v1\""),
            ("Last-Modified", LAST_MODIFIED),
            ("Content-Type", "application/vnd.ms-excel"),
        ],
        WORKBOOK,
    )
}

fn body(a: Answer) -> inflow_fetch::Fetched {
    match a {
        Answer::Body(f) => f,
        Answer::NotModified { .. } => panic!("expected a body"),
    }
}

#[test]
fn a_conditional_get_sends_back_the_validators_and_gets_304() {
    let s = Server::start(Box::new(publisher)).unwrap();
    let c = client(0);
    let f = body(
        c.get(&s.url("/dt.xls"), &Validators::default(), false)
            .unwrap(),
    );
    assert_eq!(f.bytes, WORKBOOK);
    check_workbook("u", &f).unwrap();
    assert_eq!(f.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(f.validators.last_modified.as_deref(), Some(LAST_MODIFIED));
    let again = c.get(&s.url("/dt.xls"), &f.validators, false).unwrap();
    assert_eq!(again, Answer::NotModified { attempts: 1 });
    let reqs = s.requests();
    assert_eq!(reqs[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(reqs[1].header("if-modified-since"), Some(LAST_MODIFIED));
    // SBP's firewall refuses default client agents.
    assert!(
        reqs[0]
            .header("user-agent")
            .unwrap()
            .starts_with("Mozilla/5.0")
    );
}

#[test]
fn redirects_are_followed_and_loops_refused() {
    let s = Server::start(Box::new(|req: &Request, _| match req.path.as_str() {
        "/ecodata/dt.xls" => response(302, &[("Location", "/files/dt.xls")], b""),
        "/loop" => response(301, &[("Location", "/loop")], b""),
        _ => publisher(req, 0),
    }))
    .unwrap();
    let f = body(
        client(0)
            .get(&s.url("/ecodata/dt.xls"), &Validators::default(), false)
            .unwrap(),
    );
    assert_eq!(f.final_url, s.url("/files/dt.xls"));
    assert_eq!(f.bytes, WORKBOOK);
    let e = client(0)
        .get(&s.url("/loop"), &Validators::default(), false)
        .unwrap_err();
    assert!(matches!(e, Error::Redirect { .. }), "{e:?}");
    assert!(e.to_string().contains("too many redirects"), "{e}");
}

#[test]
fn server_errors_are_retried_with_back_off_then_succeed() {
    let s = Server::start(Box::new(|req: &Request, n| {
        if n < 2 {
            response(503, &[], b"busy")
        } else {
            publisher(req, n)
        }
    }))
    .unwrap();
    let f = body(
        client(3)
            .get(&s.url("/dt.xls"), &Validators::default(), false)
            .unwrap(),
    );
    assert_eq!(f.attempts, 3);
    assert_eq!(s.requests().len(), 3);
}

#[test]
fn a_server_error_on_every_attempt_names_the_status() {
    let s = Server::start(Box::new(|_: &Request, _| response(500, &[], b"oops"))).unwrap();
    let e = client(2)
        .get(&s.url("/dt.xls"), &Validators::default(), false)
        .unwrap_err();
    assert_eq!(s.requests().len(), 3);
    let m = e.to_string();
    assert!(m.contains("/dt.xls") && m.contains("HTTP 500"), "{m}");
}

#[test]
fn a_client_error_is_not_retried() {
    let s = Server::start(Box::new(|_: &Request, _| response(404, &[], b"no"))).unwrap();
    let e = client(3)
        .get(&s.url("/dt.xls"), &Validators::default(), false)
        .unwrap_err();
    assert_eq!(s.requests().len(), 1);
    assert_eq!(e.kind(), inflow_core::ErrorKind::NotFound);
    assert!(e.to_string().contains("HTTP 404"), "{e}");
}

#[test]
fn a_cut_off_body_is_an_error_after_the_retries() {
    let s = Server::start(Box::new(|_: &Request, _| {
        let mut r = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            WORKBOOK.len()
        )
        .into_bytes();
        r.extend_from_slice(&WORKBOOK[..WORKBOOK.len() / 3]);
        r
    }))
    .unwrap();
    let e = client(1)
        .get(&s.url("/dt.xls"), &Validators::default(), false)
        .unwrap_err();
    assert_eq!(s.requests().len(), 2);
    let m = e.to_string();
    assert!(
        m.contains("/dt.xls") && m.contains("after 2 attempts"),
        "{m}"
    );
}

#[test]
fn an_html_page_is_not_a_workbook() {
    let s = Server::start(Box::new(|_: &Request, _| {
        response(
            200,
            &[("Content-Type", "text/html")],
            b"<html><body>The requested URL was rejected.</body></html>",
        )
    }))
    .unwrap();
    let f = body(
        client(0)
            .get(&s.url("/dt.xls"), &Validators::default(), false)
            .unwrap(),
    );
    let e = check_workbook(&s.url("/dt.xls"), &f).unwrap_err();
    let m = e.to_string();
    assert!(
        m.contains("text/html") && m.contains("<html><body>The requested URL"),
        "{m}"
    );
}

#[test]
fn rate_limits_honour_retry_after_and_refused_keys_say_they_expire() {
    let s = Server::start(Box::new(|req: &Request, _| {
        if req.path.starts_with("/limited") {
            response(429, &[("Retry-After", "0")], b"")
        } else {
            response(401, &[], b"")
        }
    }))
    .unwrap();
    let e = client(2)
        .get(
            &s.url("/limited?api_key=SECRET"),
            &Validators::default(),
            true,
        )
        .unwrap_err();
    let m = e.to_string();
    assert!(matches!(e, Error::RateLimited { attempts: 3, .. }), "{m}");
    assert!(!m.contains("SECRET") && m.contains("api_key=***"), "{m}");
    let e = client(2)
        .get(&s.url("/key?api_key=SECRET"), &Validators::default(), true)
        .unwrap_err();
    let m = e.to_string();
    assert!(m.contains("HTTP 401") && m.contains("90 days"), "{m}");
    assert!(!m.contains("SECRET"), "{m}");
}

#[test]
fn a_closed_port_is_unreachable() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let e = client(1)
        .get(
            &format!("http://127.0.0.1:{port}/dt.xls"),
            &Validators::default(),
            false,
        )
        .unwrap_err();
    assert!(matches!(e, Error::Unreachable { attempts: 2, .. }), "{e:?}");
}
