//! `GET /api/projection`.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use inflow_app::projection::ProjectionQuery;
use inflow_app::types::Projection;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{Params, non_empty, parse, series_as_of};
use crate::error::ErrorBody;
use crate::{AppError, AppState};

/// Query parameters of `GET /api/projection`.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ProjectionParams {
    /// The fiscal year (`FY24` or `FY2024`; `FY2023-24` is accepted too);
    /// default: the year in progress at the last month used.
    #[param(value_type = Option<String>, pattern = r"^FY([0-9]{2}|[1-9][0-9]{3})$")]
    fy: Option<String>,
    /// Series key; default `pk.ict.exports`.
    #[param(value_type = Option<inflow_core::SeriesKey>)]
    series: Option<String>,
    /// Which data: default the latest values.
    #[param(value_type = Option<inflow_core::AsOf>)]
    as_of: Option<String>,
    /// A threshold for the total, in the series' unit: the answer gives the
    /// probability of exceeding it.
    #[param(value_type = Option<inflow_core::Amount>)]
    target: Option<String>,
}

/// `GET /api/projection`: the same JSON as `inflow project --format json`,
/// computed once per data generation (the app's projection cache).
#[utoipa::path(
    get,
    path = "/api/projection",
    tag = "figures",
    operation_id = "projection",
    summary = "Projected fiscal-year total with calibrated intervals and P(target)",
    params(ProjectionParams),
    responses(
        (status = 200, description = "The projection", body = Projection),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
        (status = 404, description = "No such series, or the month was not published", body = ErrorBody),
        (status = 422, description = "The data cannot give this projection (a gap, a year out of reach)", body = ErrorBody),
    )
)]
pub async fn projection(
    State(state): State<AppState>,
    Params(p): Params<ProjectionParams>,
) -> Result<Response, AppError> {
    let (series, as_of) = series_as_of(p.series, p.as_of.as_deref())?;
    let q = ProjectionQuery {
        series,
        fy: non_empty("fy", p.fy)?,
        as_of,
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
