//! Test harness: every test gets a fresh database built from the bundled
//! data in its own temporary directory, and drives the router in process.

#![allow(dead_code, clippy::unwrap_used)]

pub mod browser;
pub mod serve;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt as _;
use inflow_server::{AppState, Config};
use tower::ServiceExt as _;

/// The admin token the tests use.
pub const TOKEN: &str = "test-admin-token-0123456789";

/// A router over a fresh database; keep the directory alive while it runs.
pub struct App {
    pub dir: tempfile::TempDir,
    pub state: AppState,
    pub router: Router,
}

impl App {
    pub fn new(admin: bool) -> App {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            db: dir.path().join("inflow.db"),
            admin_token: admin.then(|| TOKEN.to_string()),
        };
        let state = AppState::new(&config).unwrap();
        let router = inflow_server::router(state.clone());
        App { dir, state, router }
    }

    /// A router over a database made without the bundled data, holding
    /// the files `files` (name, text) imported in order.
    pub fn empty_with(files: &[(&str, &str)]) -> App {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("inflow.db");
        let mut a = inflow_app::App::create_empty(&db).unwrap();
        for (name, text) in files {
            a.import_text(name, text).unwrap();
        }
        drop(a);
        let config = Config {
            db,
            admin_token: None,
        };
        let state = AppState::new(&config).unwrap();
        let router = inflow_server::router(state.clone());
        App { dir, state, router }
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.send(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    pub async fn post(&self, uri: &str, content_type: &str, body: impl Into<Body>) -> Reply {
        self.send(
            Request::post(uri)
                .header("content-type", content_type)
                .body(body.into())
                .unwrap(),
        )
        .await
    }
}

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .map(|v| v.to_str().unwrap())
            .unwrap_or("")
    }

    /// Asserts the documented error shape and status, and returns the message.
    pub fn error(&self, status: u16) -> String {
        assert_eq!(self.status.as_u16(), status, "{}", self.text());
        assert!(
            self.content_type().starts_with("application/json"),
            "{}",
            self.content_type()
        );
        let v = self.json();
        assert_eq!(v["error"]["status"], status, "{v}");
        v["error"]["message"].as_str().unwrap().to_string()
    }
}
