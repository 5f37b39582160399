//! `POST /api/check`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use inflow_app::claims::CheckQuery;
use inflow_app::types::ClaimsReport;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{Params, parse, present, series_or_default};
use crate::error::ErrorBody;
use crate::{AppError, AppState};

/// Largest text `POST /api/check` reads, in bytes.
pub const CHECK_LIMIT: usize = 200 * 1024;

/// Query parameters of `POST /api/check` (for a `text/plain` body; a JSON
/// body carries them itself).
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CheckParams {
    /// Judge against the data as known then; default the latest values.
    #[param(value_type = Option<inflow_core::AsOf>)]
    as_of: Option<String>,
    /// The series claims are judged against; default `pk.ict.exports`.
    #[param(value_type = Option<inflow_core::SeriesKey>)]
    series: Option<String>,
    /// The day the text was published: relative words ("last month") are
    /// read from it.
    #[param(value_type = Option<inflow_core::Date>)]
    published: Option<String>,
}

/// The JSON body of `POST /api/check`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckBody {
    /// The text to check (at most 200 KiB), not only white space.
    #[schema(min_length = 1, pattern = r"\S")]
    text: String,
    /// Judge against the data as known then; default the latest values.
    #[serde(default)]
    #[schema(value_type = Option<inflow_core::AsOf>)]
    as_of: Option<String>,
    /// The series claims are judged against; default `pk.ict.exports`.
    #[serde(default)]
    #[schema(value_type = Option<inflow_core::SeriesKey>)]
    series: Option<String>,
    /// The day the text was published.
    #[serde(default)]
    #[schema(value_type = Option<inflow_core::Date>)]
    published: Option<String>,
}

/// `POST /api/check`: the claim checker's report on a text, judged against
/// the data as known on `as_of` (default: the latest values). The body is
/// JSON `{"text": ..., "as_of": "YYYY-MM-DD"}` or the text itself as
/// `text/plain`.
#[utoipa::path(
    post,
    path = "/api/check",
    tag = "figures",
    operation_id = "checkClaims",
    summary = "Find the numeric claims in a text and judge each against the data",
    params(CheckParams),
    request_body(
        description = "The text, as JSON or as plain text",
        content(
            (CheckBody = "application/json"),
            (String = "text/plain"),
        )
    ),
    responses(
        (status = 200, description = "Every claim found with its verdict and evidence (cut at a stated number of claims)", body = ClaimsReport),
        (status = 400, description = "The body or a parameter is invalid", body = ErrorBody),
        (status = 404, description = "No such series", body = ErrorBody),
        (status = 413, description = "The text is too long", body = ErrorBody),
        (status = 422, description = "The series has no data to judge against", body = ErrorBody),
    )
)]
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
        series: series_or_default(series)?,
        as_of: parse("as_of", as_of.as_deref())?.unwrap_or_default(),
        published: present("published", published.as_deref())?
            .map(|d| inflow_core::parse_date(d).map_err(|e| AppError::bad_param("published", e)))
            .transpose()?,
    };
    let report = state
        .with_app_heavy(move |app| Ok(app.check(&text, &q)?))
        .await?;
    Ok(Json(report))
}
