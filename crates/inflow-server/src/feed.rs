//! `GET /feed.atom`: the releases in the database as an Atom feed, newest
//! first, for feed readers and newsroom alerting.

use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

use crate::{AppError, AppState};

/// How many releases the feed lists.
pub const FEED_ENTRIES: usize = 50;

/// The feed. Its id and self link use the `Host` the client asked for.
#[utoipa::path(
    get,
    path = "/feed.atom",
    tag = "pages",
    operation_id = "feed",
    summary = "The releases in the database as an Atom feed, newest first",
    responses(
        (status = 200, description = "An Atom 1.0 feed", content_type = "application/atom+xml", body = String),
        (status = 500, description = "The database failed", body = crate::error::ErrorBody)
    )
)]
pub async fn atom(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
        })
        .unwrap_or("localhost")
        .to_string();
    let entries = state
        .with_app(move |app| Ok(app.releases(FEED_ENTRIES)?))
        .await?;
    let xml = inflow_report::feed::atom(
        "inflow: services-export releases",
        &format!("http://{host}/feed.atom"),
        &entries,
    );
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}
