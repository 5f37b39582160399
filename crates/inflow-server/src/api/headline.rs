//! `GET /api/headline`.

use axum::Json;
use axum::extract::State;
use inflow_app::periodic::AnyHeadline;
use serde::Deserialize;

use super::{Params, parse, series_or_default};
use crate::{AppError, AppState};

/// Query parameters of `GET /api/headline`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadlineParams {
    month: Option<String>,
    series: Option<String>,
    as_of: Option<String>,
}

/// `GET /api/headline`: the same JSON as `inflow headline --format json`;
/// `month` is a period of the series' frequency (`2024-04`, `2024-Q2`).
pub async fn headline(
    State(state): State<AppState>,
    Params(p): Params<HeadlineParams>,
) -> Result<Json<AnyHeadline>, AppError> {
    let as_of = parse("as_of", p.as_of.as_deref())?.unwrap_or_default();
    let key = series_or_default(p.series);
    let month = p.month.filter(|m| !m.is_empty());
    let h = state
        .with_app(move |app| Ok(app.headline_any(&key, "month", month.as_deref(), as_of, None)?))
        .await?;
    Ok(Json(h))
}
