//! `GET /api/fiscal-years`.

use axum::Json;
use axum::extract::State;
use inflow_app::periodic::AnyFiscalYears;
use serde::Deserialize;

use super::{Params, non_empty, parse, series_or_default};
use crate::{AppError, AppState};

/// Query parameters of `GET /api/fiscal-years`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiscalParams {
    fy: Option<String>,
    series: Option<String>,
    as_of: Option<String>,
}

/// `GET /api/fiscal-years`: the same JSON as `inflow fy --format json`.
pub async fn fiscal_years(
    State(state): State<AppState>,
    Params(p): Params<FiscalParams>,
) -> Result<Json<AnyFiscalYears>, AppError> {
    let as_of = parse("as_of", p.as_of.as_deref())?.unwrap_or_default();
    let key = series_or_default(p.series);
    let fy = non_empty(p.fy);
    let out = state
        .with_app(move |app| Ok(app.fiscal_years_any(&key, fy.as_deref(), as_of)?))
        .await?;
    Ok(Json(out))
}
