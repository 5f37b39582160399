//! `POST /api/check`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use inflow_app::claims::CheckQuery;
use inflow_app::types::ClaimsReport;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{Params, parse, present, series_as_of};
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
    #[param(value_type = Option<String>, format = Date)]
    published: Option<String>,
}

/// The JSON body of `POST /api/check`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckBody {
    /// The text to check (at most 200 KiB), not only white space.
    // The pattern is `BLANK_PATTERN` below (an attribute needs a literal).
    #[schema(min_length = 1, pattern = r"[^ \t\n\f\r]")]
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
    #[schema(value_type = Option<String>, format = Date)]
    published: Option<String>,
}

/// `POST /api/check`: the claim checker's report on a text, judged against
/// the data as known on `as_of` (default: the latest values). The body is
/// JSON `{"text": ..., "as_of": "YYYY-MM-DD"}` or the text itself as
/// `text/plain`; query parameters apply to both (a JSON body's fields win).
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
            (PlainText = "text/plain"),
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
    // The query's parameters are checked whatever the body is; a JSON
    // body's own fields take precedence over them.
    present("series", p.series.as_deref())?;
    parse::<inflow_core::AsOf>("as_of", p.as_of.as_deref())?;
    published_date(p.published.as_deref())?;
    let (text, as_of, series, published) = if is_json {
        let b: CheckBody = serde_json::from_slice(&body).map_err(|e| {
            AppError::new(
                StatusCode::BAD_REQUEST,
                format!("body: expected {{\"text\": ..., \"as_of\": \"YYYY-MM-DD\"}}: {e}"),
            )
        })?;
        if b.text.bytes().all(|c| c.is_ascii_whitespace()) {
            return Err(AppError::bad_param("text", "empty: send the text to check"));
        }
        (
            b.text,
            b.as_of.or(p.as_of),
            b.series.or(p.series),
            b.published.or(p.published),
        )
    } else {
        let text = String::from_utf8(body.to_vec())
            .map_err(|_| AppError::new(StatusCode::BAD_REQUEST, "the body is not UTF-8 text"))?;
        (text, p.as_of, p.series, p.published)
    };
    let (series, as_of) = series_as_of(series, as_of.as_deref())?;
    let q = CheckQuery {
        series,
        as_of,
        published: published_date(published.as_deref())?,
    };
    let report = state
        .with_app_heavy(move |app| Ok(app.check(&text, &q)?))
        .await?;
    Ok(Json(report))
}

/// The optional `published` date.
fn published_date(v: Option<&str>) -> Result<Option<inflow_core::Date>, AppError> {
    present("published", v)?
        .map(|d| inflow_core::parse_date(d).map_err(|e| AppError::bad_param("published", e)))
        .transpose()
}

/// A character that is not ASCII white space ([`u8::is_ascii_whitespace`]:
/// space, tab, LF, FF, CR). Spelled out rather than `\S`, whose meaning
/// differs between regex engines (Unicode spaces, U+0085, U+FEFF).
const BLANK_PATTERN: &str = r"[^ \t\n\f\r]";

/// The schema of a `text/plain` body: the text, not only white space.
pub struct PlainText;

impl utoipa::PartialSchema for PlainText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .min_length(Some(1))
            .pattern(Some(BLANK_PATTERN))
            .description(Some(
                "The text to check (at most 200 KiB), not only white space.",
            ))
            .into()
    }
}

impl ToSchema for PlainText {}
