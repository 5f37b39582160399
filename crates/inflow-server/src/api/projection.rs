//! `GET /api/projection`.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use inflow_app::projection::ProjectionQuery;
use serde::Deserialize;

use super::{Params, non_empty, parse, series_or_default};
use crate::{AppError, AppState};

/// Query parameters of `GET /api/projection`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectionParams {
    fy: Option<String>,
    series: Option<String>,
    as_of: Option<String>,
    target: Option<String>,
}

/// `GET /api/projection`: the same JSON as `inflow project --format json`,
/// computed once per data generation (the app's projection cache).
pub async fn projection(
    State(state): State<AppState>,
    Params(p): Params<ProjectionParams>,
) -> Result<Response, AppError> {
    let q = ProjectionQuery {
        series: series_or_default(p.series),
        fy: non_empty(p.fy),
        as_of: parse("as_of", p.as_of.as_deref())?.unwrap_or_default(),
        target: parse("target", p.target.as_deref())?,
        ..ProjectionQuery::default()
    };
    let text = state
        .with_app_heavy(move |app| {
            let p = app.project(&q)?;
            serde_json::to_string(&*p).map_err(AppError::internal)
        })
        .await?;
    // Serialized here rather than by `Json` so the keys keep the order the
    // type declares, as the CLI prints them.
    Ok(([(header::CONTENT_TYPE, "application/json")], text).into_response())
}
