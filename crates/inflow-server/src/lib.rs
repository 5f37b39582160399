//! The inflow web server: a JSON API and a dashboard over one inflow store.
//!
//! [`router`] builds the whole application as an axum [`Router`], so tests
//! drive it without a socket (`tower::ServiceExt::oneshot`); [`serve`] runs
//! it on a listener and [`run_blocking`] is what `inflow serve` calls.
//!
//! Every route is registered through one table ([`routes`] lists it). The
//! OpenAPI document served at `/api/openapi.json` ([`openapi`]) is generated
//! from the handlers' attributes and response types; tests check that it
//! lists exactly the table's routes and that every route's real answers
//! match their schemas.
//!
//! The server is read-only unless it is given an admin token: only then does
//! `POST /api/import` exist, and it needs `Authorization: Bearer TOKEN`
//! (compared in constant time).
//!
//! SQLite connections are not `Sync`, so handlers borrow one from a small
//! pool ([`state::Pool`]) inside `spawn_blocking`, keeping the async workers
//! free while SQLite and the analytics run.

mod api;
mod error;
mod feed;
pub mod hook;
mod listen;
pub mod openapi;
mod pages;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};

pub use error::AppError;
pub use listen::{Limits, serve_with};
pub use state::{AppState, Pool};

/// Largest request body accepted (an import file), in bytes.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Longest a request may take before it is answered with 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// How the server is set up.
#[derive(Clone, Debug)]
pub struct Config {
    /// The database file (created with the bundled data if absent).
    pub db: PathBuf,
    /// The bearer token that enables the write routes; `None`: read-only,
    /// and the write routes do not exist.
    pub admin_token: Option<String>,
}

/// Errors from starting the server.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database could not be opened.
    #[error(transparent)]
    App(#[from] inflow_app::Error),
    /// The listener could not be bound or failed.
    #[error("cannot serve on {addr}")]
    Io {
        /// The address asked for.
        addr: SocketAddr,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The admin token is unusable.
    #[error("the admin token must be at least 16 characters")]
    WeakToken,
}

impl Error {
    /// The shared classification: a short token is invalid input; the
    /// database's errors keep theirs; a failing listener is internal.
    pub fn kind(&self) -> inflow_app::ErrorKind {
        match self {
            Error::App(e) => e.kind(),
            Error::Io { .. } => inflow_app::ErrorKind::Internal,
            Error::WeakToken => inflow_app::ErrorKind::InvalidInput,
        }
    }
}

/// Registers routes and records them, so the list of routes and the router
/// are built by the same code.
struct Table {
    router: Router<AppState>,
    routes: Vec<(Method, &'static str)>,
}

impl Table {
    fn add(mut self, method: Method, path: &'static str, handler: MethodRouter<AppState>) -> Self {
        self.routes.push((method, path));
        self.router = self.router.route(path, handler);
        self
    }
}

fn table(admin: bool) -> Table {
    use axum::routing::{get, post};
    let t = Table {
        router: Router::new(),
        routes: Vec::new(),
    };
    let mut t = t
        .add(Method::GET, "/", get(pages::overview))
        .add(Method::GET, "/explorer", get(pages::explorer))
        .add(Method::GET, "/check", get(pages::checker))
        .add(Method::GET, "/brief", get(pages::brief))
        .add(Method::GET, "/assets/{file}", get(pages::asset))
        .add(Method::GET, "/feed.atom", get(feed::atom))
        .add(Method::GET, "/api/openapi.json", get(api::openapi))
        .add(Method::GET, "/api/health", get(api::health))
        .add(Method::GET, "/api/series", get(api::series_list))
        .add(
            Method::GET,
            "/api/series/{key}/observations",
            get(api::observations),
        )
        .add(
            Method::GET,
            "/api/series/{key}/observations.csv",
            get(api::observations_csv),
        )
        .add(
            Method::GET,
            "/api/series/{key}/vintages",
            get(api::vintages),
        )
        .add(Method::GET, "/api/headline", get(api::headline))
        .add(Method::GET, "/api/fiscal-years", get(api::fiscal_years))
        .add(Method::GET, "/api/projection", get(api::projection))
        .add(Method::POST, "/api/check", post(api::check))
        .add(Method::GET, "/api/brief", get(api::brief));
    if admin {
        t = t.add(Method::POST, "/api/import", post(api::import));
    }
    t
}

/// The routes of a server with (`admin`) or without an admin token, as
/// `(method, path)` in axum's path syntax.
pub fn routes(admin: bool) -> Vec<(Method, &'static str)> {
    table(admin).routes
}

/// Builds the application.
pub fn router(state: AppState) -> Router {
    let admin = state.admin_enabled();
    table(admin)
        .router
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        // Outside the limit and the timeout, so their answers get the JSON
        // shape too; inside the headers, so every answer gets those.
        .layer(middleware::from_fn(json_errors))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
                 frame-ancestors 'self'; base-uri 'none'; form-action 'self'",
            ),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        // Outermost, so every request is logged with the status it got,
        // through `tracing` (the binary's subscriber reads `RUST_LOG`).
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(tracing::Level::INFO))
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .with_state(state)
}

async fn fallback(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        AppError::not_found(format!("no such route: {}", uri.path())).into_response()
    } else {
        pages::not_found()
    }
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> AppError {
    AppError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}", uri.path()),
    )
}

/// Gives errors that the layers answer on their own (413 from the body
/// limit, 408 from the timeout) the JSON shape of every other API error.
async fn json_errors(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api");
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if api && (status.is_client_error() || status.is_server_error()) && !is_json {
        let message = status.canonical_reason().unwrap_or("error");
        return AppError::new(status, message.to_lowercase()).into_response();
    }
    res
}

/// Serves the application on a bound listener until `shutdown` completes,
/// with the default [`Limits`] (see [`serve_with`]).
///
/// # Errors
/// An I/O error from the listener.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, router(state), Limits::default(), shutdown).await
}

/// Opens the store, binds `addr`, prints the address it listens on and
/// serves until Ctrl-C. This is `inflow serve`.
///
/// # Errors
/// [`Error::App`] if the database cannot be opened, [`Error::Io`] if the
/// address cannot be bound, [`Error::WeakToken`] for a short admin token.
pub fn run_blocking(addr: SocketAddr, config: Config) -> Result<(), Error> {
    run_blocking_with_webhook(addr, config, None)
}

/// [`run_blocking`], also POSTing each new release to `webhook` (checked
/// every given interval; see [`hook::watch_releases`]).
///
/// # Errors
/// As [`run_blocking`].
pub fn run_blocking_with_webhook(
    addr: SocketAddr,
    config: Config,
    webhook: Option<(inflow_app::webhook::Webhook, std::time::Duration)>,
) -> Result<(), Error> {
    let state = AppState::new(&config)?;
    let io = |source| Error::Io { addr, source };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(io)?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(io)?;
        let local = listener.local_addr().map_err(io)?;
        eprintln!(
            "inflow serve: listening on http://{local}/ ({}; database {})",
            if config.admin_token.is_some() {
                "imports enabled"
            } else {
                "read-only"
            },
            config.db.display()
        );
        let watcher = webhook.map(|(hook, every)| {
            eprintln!("inflow serve: new releases are POSTed to {hook}");
            tokio::spawn(hook::watch_releases(state.clone(), hook, every))
        });
        serve(listener, state, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(io)?;
        if let Some(w) = watcher {
            w.abort();
        }
        Ok(())
    })
}
