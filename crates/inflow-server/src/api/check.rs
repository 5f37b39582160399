//! `POST /api/check`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use inflow_app::claims::CheckQuery;
use inflow_app::types::ClaimsReport;
use serde::Deserialize;

use super::{Params, parse, series_or_default};
use crate::{AppError, AppState};

/// Largest text `POST /api/check` reads, in bytes.
pub const CHECK_LIMIT: usize = 200 * 1024;

/// Query parameters of `POST /api/check` (for a `text/plain` body).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckParams {
    as_of: Option<String>,
    series: Option<String>,
    published: Option<String>,
}

/// The JSON body of `POST /api/check`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckBody {
    text: String,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    series: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

/// `POST /api/check`: the claim checker's report on a text, judged against
/// the data as known on `as_of` (default: the latest values). The body is
/// JSON `{"text": ..., "as_of": "YYYY-MM-DD"}` or the text itself as
/// `text/plain`.
pub async fn check(
    State(state): State<AppState>,
    headers: HeaderMap,
    Params(p): Params<CheckParams>,
    body: Bytes,
) -> Result<Json<ClaimsReport>, AppError> {
    if body.len() > CHECK_LIMIT {
        return Err(AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the text is longer than {} KiB", CHECK_LIMIT / 1024),
        ));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(AppError::new(
            StatusCode::BAD_REQUEST,
            "the body is empty: send the text to check",
        ));
    }
    // Media types are case-insensitive (RFC 9110 section 8.3.1).
    let is_json = headers.get(header::CONTENT_TYPE).is_some_and(|v| {
        let essence = v
            .as_bytes()
            .split(|&b| b == b';')
            .next()
            .unwrap_or_default();
        essence
            .trim_ascii()
            .eq_ignore_ascii_case(b"application/json")
    });
    let (text, as_of, series, published) = if is_json {
        let b: CheckBody = serde_json::from_slice(&body).map_err(|e| {
            AppError::new(
                StatusCode::BAD_REQUEST,
                format!("body: expected {{\"text\": ..., \"as_of\": \"YYYY-MM-DD\"}}: {e}"),
            )
        })?;
        (b.text, b.as_of, b.series, b.published)
    } else {
        let text = String::from_utf8(body.to_vec())
            .map_err(|_| AppError::new(StatusCode::BAD_REQUEST, "the body is not UTF-8 text"))?;
        (text, p.as_of, p.series, p.published)
    };
    let q = CheckQuery {
        series: series_or_default(series),
        as_of: parse("as_of", as_of.as_deref())?.unwrap_or_default(),
        published: published
            .filter(|d| !d.is_empty())
            .map(|d| inflow_core::parse_date(&d).map_err(|e| AppError::bad_param("published", e)))
            .transpose()?,
    };
    let report = state
        .with_app_heavy(move |app| Ok(app.check(&text, &q)?))
        .await?;
    Ok(Json(report))
}
