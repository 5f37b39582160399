//! `GET /api/brief`.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use inflow_app::brief::BriefQuery;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{Params, non_empty, parse, series_or_default};
use crate::error::ErrorBody;
use crate::{AppError, AppState};

/// Query parameters of `GET /api/brief`.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BriefParams {
    /// The month; default: the latest month with a value. The brief reads
    /// the data as released with that month.
    #[param(value_type = Option<inflow_core::YearMonth>)]
    month: Option<String>,
    /// Series key; default `pk.ict.exports`.
    #[param(value_type = Option<inflow_core::SeriesKey>)]
    series: Option<String>,
    /// A target for the fiscal-year total, in the series' unit.
    #[param(value_type = Option<inflow_core::Amount>)]
    target: Option<String>,
    /// `json` (default), `md`, `html` (self-contained, charts inline) or `text`.
    #[param(value_type = Option<BriefFormat>)]
    format: Option<String>,
}

/// The formats of `GET /api/brief`.
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // Only its schema is used: `format` is parsed below.
pub enum BriefFormat {
    /// JSON: sections of spans, figures referencing their evidence.
    Json,
    /// Markdown.
    Md,
    /// A self-contained HTML page.
    Html,
    /// Plain text.
    Text,
}

/// `GET /api/brief`: the release brief of a month, as `inflow brief`
/// writes it: JSON (default), Markdown or a self-contained HTML page with
/// its charts inline.
#[utoipa::path(
    get,
    path = "/api/brief",
    tag = "figures",
    operation_id = "brief",
    summary = "The release brief of a month, every figure linked to its evidence",
    params(BriefParams),
    responses(
        (status = 200, description = "The brief", content(
            (inflow_report::BriefJson = "application/json"),
            (String = "text/markdown"),
            (String = "text/html"),
            (String = "text/plain"),
        )),
        (status = 400, description = "A parameter is invalid", body = ErrorBody),
        (status = 404, description = "No such series, or no value for the month", body = ErrorBody),
        (status = 422, description = "The data cannot give a brief for the month", body = ErrorBody),
    )
)]
pub async fn brief(
    State(state): State<AppState>,
    Params(p): Params<BriefParams>,
) -> Result<Response, AppError> {
    let q = BriefQuery {
        series: series_or_default(p.series)?,
        month: parse("month", p.month.as_deref())?,
        target: parse("target", p.target.as_deref())?,
        ..BriefQuery::default()
    };
    let format = non_empty("format", p.format)?.unwrap_or_else(|| "json".into());
    let mime = match format.as_str() {
        "json" => "application/json",
        "md" => "text/markdown; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "text" => "text/plain; charset=utf-8",
        _ => {
            return Err(AppError::bad_param(
                "format",
                "expected json, md, html or text",
            ));
        }
    };
    let text = state
        .with_app_heavy(move |app| {
            let brief = app.brief(&q)?;
            let links = inflow_report::ChartLinks::None;
            Ok(match format.as_str() {
                "md" => inflow_report::markdown(&brief, links),
                "text" => inflow_report::text(&brief),
                "html" => {
                    let font = inflow_report::chart::Font::system()?;
                    inflow_report::html(&brief, &inflow_report::chart::Style::new(font))?
                }
                _ => inflow_report::json(&brief, links)?,
            })
        })
        .await?;
    Ok(([(header::CONTENT_TYPE, mime)], text).into_response())
}
