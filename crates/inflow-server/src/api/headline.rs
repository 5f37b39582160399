//! `GET /api/headline`.

use axum::Json;
use axum::extract::State;
use inflow_app::periodic::AnyHeadline;
use inflow_app::release::HeadlineReport;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{Params, non_empty, series_as_of};
use crate::error::ErrorBody;
use crate::{AppError, AppState};

/// Query parameters of `GET /api/headline`.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HeadlineParams {
    /// The month; default: the latest month with a value.
    #[param(value_type = Option<inflow_core::YearMonth>)]
    month: Option<String>,
    /// Series key; default `pk.ict.exports`.
    #[param(value_type = Option<inflow_core::SeriesKey>)]
    series: Option<String>,
    /// Which data: default the latest values.
    #[param(value_type = Option<inflow_core::AsOf>)]
    as_of: Option<String>,
}

/// `GET /api/headline`: the same JSON as `inflow headline --format json`;
/// `month` is a period of the series' frequency (`2024-04`, `2024-Q2`).
#[utoipa::path(
    get,
    path = "/api/headline",
    tag = "figures",
    operation_id = "headline",
    summary = "Headline figures of a month: value, changes, fiscal year to date, records, calendar",
    params(HeadlineParams),
    responses(
        (status = 200, description = "The headline figures (of a quarterly series: the quarter's, with `frequency` and `fiscal_period`, without calendar and breakdown)", body = HeadlineReport),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
        (status = 404, description = "No such series, or no value for the month", body = ErrorBody),
        (status = 422, description = "The series has no data to compute from", body = ErrorBody),
    )
)]
pub async fn headline(
    State(state): State<AppState>,
    Params(p): Params<HeadlineParams>,
) -> Result<Json<AnyHeadline>, AppError> {
    let (key, as_of) = series_as_of(p.series, p.as_of.as_deref())?;
    let month = non_empty("month", p.month)?;
    let h = state
        .with_app(move |app| Ok(app.headline_any(&key, "month", month.as_deref(), as_of, None)?))
        .await?;
    Ok(Json(h))
}
