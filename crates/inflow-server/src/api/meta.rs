//! The API's own routes: its OpenAPI document and a health check.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ErrorBody;
use crate::{AppError, AppState};

/// The answer of `GET /api/health`.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// Always `ok` when the database answered.
    #[schema(value_type = String, pattern = "^ok$")]
    pub status: &'static str,
    /// How many series the database holds.
    pub series: usize,
}

/// `GET /api/openapi.json`.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "meta",
    operation_id = "openapi",
    summary = "This document, generated from the handlers' types",
    responses((status = 200, description = "OpenAPI 3.1", content_type = "application/json", body = Object))
)]
pub async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::json(),
    )
        .into_response()
}

/// `GET /api/health`.
#[utoipa::path(
    get,
    path = "/api/health",
    tag = "meta",
    operation_id = "health",
    summary = "Whether the server and its database answer",
    responses(
        (status = 200, description = "Healthy", body = Health),
        (status = 500, description = "The database failed", body = ErrorBody),
    )
)]
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    let series = state.with_app(|app| Ok(app.series_count()?)).await?;
    Ok(Json(Health {
        status: "ok",
        series,
    }))
}
