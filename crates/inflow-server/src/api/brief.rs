//! `GET /api/brief`.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use inflow_app::brief::BriefQuery;
use serde::Deserialize;

use super::{Params, parse, series_or_default};
use crate::{AppError, AppState};

/// Query parameters of `GET /api/brief`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefParams {
    month: Option<String>,
    series: Option<String>,
    target: Option<String>,
    format: Option<String>,
}

/// `GET /api/brief`: the release brief of a month, as `inflow brief`
/// writes it: JSON (default), Markdown or a self-contained HTML page with
/// its charts inline.
pub async fn brief(
    State(state): State<AppState>,
    Params(p): Params<BriefParams>,
) -> Result<Response, AppError> {
    let q = BriefQuery {
        series: series_or_default(p.series),
        month: parse("month", p.month.as_deref())?,
        target: parse("target", p.target.as_deref())?,
        ..BriefQuery::default()
    };
    let format = p
        .format
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| "json".into());
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
