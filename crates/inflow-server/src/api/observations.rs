//! `GET /api/series/{key}/observations` and its `.csv`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use inflow_app::observations::{ObservationQuery, Observations};
use serde::Deserialize;

use super::{Params, parse};
use crate::{AppError, AppState};

/// Query parameters of the observation routes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservationParams {
    from: Option<String>,
    to: Option<String>,
    as_of: Option<String>,
}

impl ObservationParams {
    fn query(self, series: String) -> Result<ObservationQuery, AppError> {
        Ok(ObservationQuery {
            series,
            from: parse("from", self.from.as_deref())?,
            to: parse("to", self.to.as_deref())?,
            as_of: parse("as_of", self.as_of.as_deref())?.unwrap_or_default(),
        })
    }
}

async fn read(state: &AppState, q: ObservationQuery) -> Result<Observations, AppError> {
    state.with_app(move |app| Ok(app.observations(&q)?)).await
}

/// `GET /api/series/{key}/observations`.
pub async fn observations(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Params(p): Params<ObservationParams>,
) -> Result<Json<Observations>, AppError> {
    Ok(Json(read(&state, p.query(key)?).await?))
}

/// `GET /api/series/{key}/observations.csv`: the columns of
/// `inflow show --format csv`.
pub async fn observations_csv(
    State(state): State<AppState>,
    Path(key): Path<String>,
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
