//! `GET /api/series` and `GET /api/series/{key}/vintages`.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;
use serde_json::json;

use super::Params;
use crate::{AppError, AppState};

/// `GET /api/series` takes no parameters.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

/// `GET /api/series`.
pub async fn series_list(
    State(state): State<AppState>,
    _: Params<NoParams>,
) -> Result<Json<Vec<inflow_app::types::SeriesSummary>>, AppError> {
    Ok(Json(state.with_app(|app| Ok(app.summaries()?)).await?))
}

/// `GET /api/series/{key}/vintages`: the release dates of a series, newest
/// first; each is a vintage to read with `as_of`.
pub async fn vintages(
    State(state): State<AppState>,
    Path(key): Path<String>,
    _: Params<NoParams>,
) -> Result<Json<serde_json::Value>, AppError> {
    let (key, dates) = state
        .with_app(move |app| Ok(app.release_dates(&key)?))
        .await?;
    let dates: Vec<String> = dates.iter().map(ToString::to_string).collect();
    Ok(Json(
        json!({ "series": key.to_string(), "release_dates": dates }),
    ))
}
