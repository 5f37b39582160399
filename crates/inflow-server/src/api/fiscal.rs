//! `GET /api/fiscal-years`.

use axum::Json;
use axum::extract::State;
use inflow_app::periodic::AnyFiscalYears;
use inflow_app::types::FiscalYearSummary;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{Params, non_empty, series_as_of};
use crate::error::ErrorBody;
use crate::{AppError, AppState};

/// Query parameters of `GET /api/fiscal-years`.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FiscalParams {
    /// One fiscal year (`FY24` or `FY2024`; `FY2023-24` and `2023-24` are
    /// accepted too); default: every year with data.
    #[param(value_type = Option<String>, pattern = r"^FY([0-9]{2}|[1-9][0-9]{3})$")]
    fy: Option<String>,
    /// Series key; default `pk.ict.exports`.
    #[param(value_type = Option<inflow_core::SeriesKey>)]
    series: Option<String>,
    /// Which data: default the latest values.
    #[param(value_type = Option<inflow_core::AsOf>)]
    as_of: Option<String>,
}

/// `GET /api/fiscal-years`: the same JSON as `inflow fy --format json`.
#[utoipa::path(
    get,
    path = "/api/fiscal-years",
    tag = "figures",
    operation_id = "fiscalYears",
    summary = "Fiscal-year totals with the year before and the published totals",
    params(FiscalParams),
    responses(
        (status = 200, description = "One summary per fiscal year, oldest first (of a quarterly series: its quarters in place of months)", body = Vec<FiscalYearSummary>),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
        (status = 404, description = "No such series", body = ErrorBody),
        (status = 422, description = "The series has no data to compute from", body = ErrorBody),
    )
)]
pub async fn fiscal_years(
    State(state): State<AppState>,
    Params(p): Params<FiscalParams>,
) -> Result<Json<AnyFiscalYears>, AppError> {
    let (key, as_of) = series_as_of(p.series, p.as_of.as_deref())?;
    let fy = non_empty("fy", p.fy)?;
    let out = state
        .with_app(move |app| Ok(app.fiscal_years_any(&key, fy.as_deref(), as_of)?))
        .await?;
    Ok(Json(out))
}
