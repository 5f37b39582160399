//! The API's own routes: its OpenAPI document and a health check.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::{AppError, AppState, OPENAPI};

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        OPENAPI.as_bytes(),
    )
        .into_response()
}

/// `GET /api/health`.
pub async fn health(State(state): State<AppState>) -> Result<Json<serde_json::Value>, AppError> {
    let n = state.with_app(|app| Ok(app.series_count()?)).await?;
    Ok(Json(json!({ "status": "ok", "series": n })))
}
