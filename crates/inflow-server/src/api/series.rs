//! `GET /api/series` and `GET /api/series/{key}/vintages`.

use axum::Json;
use axum::extract::{Path, State};
use inflow_app::types::SeriesSummary;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::Params;
use super::observations::KeyPath;
use crate::error::ErrorBody;
use crate::{AppError, AppState};

/// Routes that take no query parameters.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NoParams {}

/// The release dates of a series.
#[derive(Serialize, ToSchema)]
pub struct Vintages {
    /// Series key.
    pub series: inflow_core::SeriesKey,
    /// Every release date, newest first; each is a vintage to read with
    /// `as_of`.
    #[schema(value_type = Vec<String>, format = Date)]
    pub release_dates: Vec<inflow_core::Date>,
}

/// `GET /api/series`.
#[utoipa::path(
    get,
    path = "/api/series",
    tag = "data",
    operation_id = "seriesList",
    summary = "Every series with its coverage",
    responses(
        (status = 200, description = "The series, ordered by key", body = Vec<SeriesSummary>),
        (status = 400, description = "A query parameter was given", body = ErrorBody),
    )
)]
pub async fn series_list(
    State(state): State<AppState>,
    _: Params<NoParams>,
) -> Result<Json<Vec<SeriesSummary>>, AppError> {
    Ok(Json(state.with_app(|app| Ok(app.summaries()?)).await?))
}

/// `GET /api/series/{key}/vintages`: the release dates of a series, newest
/// first; each is a vintage to read with `as_of`.
#[utoipa::path(
    get,
    path = "/api/series/{key}/vintages",
    tag = "data",
    operation_id = "vintages",
    summary = "The release dates of a series, newest first",
    params(KeyPath),
    responses(
        (status = 200, description = "The vintages", body = Vintages),
        (status = 400, description = "A query parameter was given", body = ErrorBody),
        (status = 404, description = "No such series", body = ErrorBody),
    )
)]
pub async fn vintages(
    State(state): State<AppState>,
    Path(KeyPath { key }): Path<KeyPath>,
    _: Params<NoParams>,
) -> Result<Json<Vintages>, AppError> {
    let (series, release_dates) = state
        .with_app(move |app| Ok(app.release_dates(&key)?))
        .await?;
    Ok(Json(Vintages {
        series,
        release_dates,
    }))
}
