//! `GET /api/series/{key}/observations` and its `.csv`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use inflow_app::observations::{ObservationQuery, Observations};
use inflow_core::YearMonth;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{Params, parse};
use crate::error::ErrorBody;
use crate::{AppError, AppState};

/// Query parameters of the observation routes.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ObservationParams {
    /// First month, inclusive; default: the first with a value.
    #[param(value_type = Option<inflow_core::YearMonth>)]
    from: Option<String>,
    /// Last month, inclusive; default: the last with a value. Not before `from`.
    #[param(value_type = Option<inflow_core::YearMonth>)]
    to: Option<String>,
    /// Which vintage: default the latest values.
    #[param(value_type = Option<inflow_core::AsOf>)]
    as_of: Option<String>,
}

/// The series key in the path.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct KeyPath {
    /// Series key, such as `pk.ict.exports`.
    #[param(value_type = inflow_core::SeriesKey)]
    pub key: String,
}

impl ObservationParams {
    fn query(self, series: String) -> Result<ObservationQuery, AppError> {
        let from: Option<YearMonth> = parse("from", self.from.as_deref())?;
        let to: Option<YearMonth> = parse("to", self.to.as_deref())?;
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            // Each parameter has its documented form; only together are
            // they unanswerable, which the document's schemas cannot say.
            return Err(AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "parameters `from` and `to`: the first month {f} is after the last month {t}"
                ),
            ));
        }
        Ok(ObservationQuery {
            series,
            from,
            to,
            as_of: parse("as_of", self.as_of.as_deref())?.unwrap_or_default(),
        })
    }
}

async fn read(state: &AppState, q: ObservationQuery) -> Result<Observations, AppError> {
    state.with_app(move |app| Ok(app.observations(&q)?)).await
}

/// `GET /api/series/{key}/observations`.
#[utoipa::path(
    get,
    path = "/api/series/{key}/observations",
    tag = "data",
    operation_id = "observations",
    summary = "A series' monthly values in one vintage",
    params(KeyPath, ObservationParams),
    responses(
        (status = 200, description = "The values, oldest first", body = Observations),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
        (status = 404, description = "No such series", body = ErrorBody),
        (status = 422, description = "`from` is after `to`", body = ErrorBody),
    )
)]
pub async fn observations(
    State(state): State<AppState>,
    Path(KeyPath { key }): Path<KeyPath>,
    Params(p): Params<ObservationParams>,
) -> Result<Json<Observations>, AppError> {
    Ok(Json(read(&state, p.query(key)?).await?))
}

/// `GET /api/series/{key}/observations.csv`: the columns of
/// `inflow show --format csv`.
#[utoipa::path(
    get,
    path = "/api/series/{key}/observations.csv",
    tag = "data",
    operation_id = "observationsCsv",
    summary = "The same values as CSV (the columns of `inflow show --format csv`)",
    params(KeyPath, ObservationParams),
    responses(
        (status = 200, description = "CSV with a header row", content_type = "text/csv", body = String),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
        (status = 404, description = "No such series", body = ErrorBody),
        (status = 422, description = "`from` is after `to`", body = ErrorBody),
    )
)]
pub async fn observations_csv(
    State(state): State<AppState>,
    Path(KeyPath { key }): Path<KeyPath>,
    Params(p): Params<ObservationParams>,
) -> Result<Response, AppError> {
    let obs = read(&state, p.query(key)?).await?;
    let mut body = Vec::new();
    obs.write_csv(&mut body).map_err(AppError::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", obs.csv_file_name()),
            ),
        ],
        body,
    )
        .into_response())
}
