//! JSON API handlers. Parameters are parsed here, at the edge, into the
//! domain's validated types; a bad one is a 400 that names it.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use inflow_core::{MonthlySeries, Vintage, YearMonth};
use inflow_project::AsOf;
use serde::Serialize;
use serde_json::json;

use crate::{AppError, AppState, OPENAPI};

/// The series used when a request names none.
pub const DEFAULT_SERIES: &str = "pk.ict.exports";

/// Query parameters, checked against the names a route accepts.
pub struct Params(HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Query(map) = Query::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|e| AppError::new(StatusCode::BAD_REQUEST, e.body_text()))?;
        Ok(Params(map))
    }
}

impl Params {
    /// Rejects parameters the route does not know (a typo such as `mnth`
    /// would otherwise be silently ignored).
    fn allow(&self, names: &[&str]) -> Result<(), AppError> {
        let mut unknown: Vec<&str> = self
            .0
            .keys()
            .map(String::as_str)
            .filter(|k| !names.contains(k))
            .collect();
        unknown.sort_unstable();
        match unknown.first() {
            None => Ok(()),
            Some(k) => Err(AppError::bad_param(
                k,
                format!("unknown parameter; this route takes {}", names.join(", ")),
            )),
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    fn series(&self) -> String {
        self.get("series").unwrap_or(DEFAULT_SERIES).to_string()
    }

    fn month(&self, name: &str) -> Result<Option<YearMonth>, AppError> {
        self.get(name)
            .map(|v| v.parse().map_err(|e| AppError::bad_param(name, e)))
            .transpose()
    }

    fn vintage(&self) -> Result<Vintage, AppError> {
        Ok(match self.get("as_of") {
            None => Vintage::Latest,
            Some(v) => Vintage::AsOf(
                inflow_core::parse_date(v).map_err(|e| AppError::bad_param("as_of", e))?,
            ),
        })
    }
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        OPENAPI.as_bytes(),
    )
        .into_response()
}

/// `GET /api/health`.
pub async fn health(State(state): State<AppState>) -> Result<Json<serde_json::Value>, AppError> {
    let n = state.with_store(|s| Ok(s.series_list()?.len())).await?;
    Ok(Json(json!({ "status": "ok", "series": n })))
}

/// `GET /api/series`.
pub async fn series_list(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<Vec<serde_json::Value>>, AppError> {
    params.allow(&[])?;
    let rows = state
        .with_store(|store| {
            store
                .summaries()?
                .into_iter()
                .map(|row| serde_json::to_value(row).map_err(AppError::internal))
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(Json(rows))
}

/// One month of a series in one vintage.
#[derive(Serialize)]
struct ObsRow {
    month: YearMonth,
    fiscal_year: String,
    value: Option<f64>,
    status: &'static str,
    release_date: String,
    source_url: String,
    note: String,
    /// Higher than every earlier month, as the headline judges it.
    all_time_high: bool,
}

struct ObsQuery {
    key: String,
    from: Option<YearMonth>,
    to: Option<YearMonth>,
    vintage: Vintage,
}

impl ObsQuery {
    fn parse(key: String, params: &Params) -> Result<ObsQuery, AppError> {
        params.allow(&["from", "to", "as_of"])?;
        let q = ObsQuery {
            key,
            from: params.month("from")?,
            to: params.month("to")?,
            vintage: params.vintage()?,
        };
        if let (Some(a), Some(b)) = (q.from, q.to)
            && a > b
        {
            return Err(AppError::bad_param(
                "from",
                format!("{a} is after `to` {b}"),
            ));
        }
        Ok(q)
    }

    async fn rows(self, state: &AppState) -> Result<(MonthlySeries, Vec<ObsRow>), AppError> {
        state
            .with_store(move |store| {
                let series = store.monthly(&self.key, self.vintage)?;
                let rows = series
                    .iter()
                    .filter(|o| {
                        self.from.is_none_or(|f| o.period >= f)
                            && self.to.is_none_or(|t| o.period <= t)
                    })
                    .map(|o| ObsRow {
                        month: o.period,
                        fiscal_year: series.meta.fiscal.fiscal_year_of(o.period).to_string(),
                        value: o.value.map(|v| v.get()),
                        status: o.status.as_str(),
                        release_date: o.release_date.to_string(),
                        source_url: o.source_url.clone(),
                        note: o.note.clone(),
                        all_time_high: o.value.is_some()
                            && inflow_analytics::headline(&series, o.period)
                                .is_ok_and(|h| h.record.all_time),
                    })
                    .collect();
                Ok((series, rows))
            })
            .await
    }
}

fn vintage_label(v: Vintage) -> String {
    match v {
        Vintage::Latest => "latest".to_string(),
        Vintage::AsOf(d) => d.to_string(),
    }
}

/// `GET /api/series/{key}/observations`.
pub async fn observations(
    State(state): State<AppState>,
    Path(key): Path<String>,
    params: Params,
) -> Result<Json<serde_json::Value>, AppError> {
    let q = ObsQuery::parse(key, &params)?;
    let vintage = q.vintage;
    let (series, rows) = q.rows(&state).await?;
    Ok(Json(json!({
        "series": series.meta.key.to_string(),
        "title": series.meta.title,
        "unit": series.meta.unit.to_string(),
        "vintage": vintage_label(vintage),
        "observations": rows,
    })))
}

/// `GET /api/series/{key}/observations.csv`: the columns of
/// `inflow show --format csv`.
pub async fn observations_csv(
    State(state): State<AppState>,
    Path(key): Path<String>,
    params: Params,
) -> Result<Response, AppError> {
    let q = ObsQuery::parse(key, &params)?;
    let vintage = q.vintage;
    let (series, rows) = q.rows(&state).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let unit = series.meta.unit.to_string();
    let csv_err = |e: csv::Error| AppError::internal(e);
    w.write_record([
        "month",
        "fiscal_year",
        "value",
        "unit",
        "status",
        "release_date",
        "source_url",
        "note",
    ])
    .map_err(csv_err)?;
    for r in &rows {
        let value = r
            .value
            .map(|v| ((v * 1e6).round() / 1e6).to_string())
            .unwrap_or_default();
        w.write_record([
            r.month.to_string().as_str(),
            &r.fiscal_year,
            &value,
            &unit,
            r.status,
            &r.release_date,
            &r.source_url,
            &r.note,
        ])
        .map_err(csv_err)?;
    }
    let body = w.into_inner().map_err(AppError::internal)?;
    let file = format!(
        "{}-{}.csv",
        series.meta.key,
        vintage_label(vintage).replace('-', "")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// `GET /api/series/{key}/vintages`: the release dates of a series, newest
/// first; each is a vintage to read with `as_of`.
pub async fn vintages(
    State(state): State<AppState>,
    Path(key): Path<String>,
    params: Params,
) -> Result<Json<serde_json::Value>, AppError> {
    params.allow(&[])?;
    let (key, dates) = state
        .with_store(move |store| {
            let meta = store.series(&key)?;
            let mut dates: Vec<String> = store
                .history(&meta.key)?
                .iter()
                .map(|o| o.release_date.to_string())
                .collect();
            dates.sort_unstable();
            dates.dedup();
            dates.reverse();
            Ok((meta.key.to_string(), dates))
        })
        .await?;
    Ok(Json(json!({ "series": key, "release_dates": dates })))
}

/// `GET /api/headline`: the same JSON as `inflow headline --format json`.
pub async fn headline(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<inflow_analytics::Headline>, AppError> {
    params.allow(&["month", "series", "as_of"])?;
    let month = params.month("month")?;
    let key = params.series();
    let vintage = params.vintage()?;
    let h = state
        .with_store(move |store| {
            let series = store.monthly(&key, vintage)?;
            let month = match month {
                Some(m) => m,
                None => series
                    .last_month()
                    .ok_or_else(|| inflow_analytics::Error::Empty(key.clone()))?,
            };
            Ok(inflow_analytics::headline(&series, month)?)
        })
        .await?;
    Ok(Json(h))
}

/// `GET /api/fiscal-years`: the same JSON as `inflow fy --format json`.
pub async fn fiscal_years(
    State(state): State<AppState>,
    params: Params,
) -> Result<Json<Vec<inflow_analytics::FiscalYearSummary>>, AppError> {
    params.allow(&["fy", "series", "as_of"])?;
    let key = params.series();
    let vintage = params.vintage()?;
    let fy = params.get("fy").map(str::to_string);
    let out = state
        .with_store(move |store| {
            let series = store.monthly(&key, vintage)?;
            let published = store.published(&key, vintage)?;
            Ok(match fy {
                Some(label) => {
                    let fy = series
                        .meta
                        .fiscal
                        .parse_fiscal_year(&label)
                        .map_err(|e| AppError::bad_param("fy", e))?;
                    vec![inflow_analytics::fiscal_year_summary(
                        &series, fy, &published,
                    )?]
                }
                None => inflow_analytics::fiscal_years(&series, &published)?,
            })
        })
        .await?;
    Ok(Json(out))
}

/// `GET /api/projection`: the same JSON as `inflow project --format json`.
pub async fn projection(
    State(state): State<AppState>,
    params: Params,
) -> Result<Response, AppError> {
    params.allow(&["fy", "series", "as_of", "target"])?;
    let key = params.series();
    let as_of = match params.get("as_of") {
        None => AsOf::Latest,
        Some(v) => AsOf::parse(v)
            .map_err(|e| AppError::bad_param("as_of", format!("{e} (or a month YYYY-MM)")))?,
    };
    let target = params
        .get("target")
        .map(|t| match t.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
            _ => Err(AppError::bad_param(
                "target",
                "expected a non-negative number",
            )),
        })
        .transpose()?;
    let fy = params.get("fy").map(str::to_string);
    let cache_key = format!(
        "{}|{key}|{fy:?}|{as_of:?}|{:?}",
        state.generation(),
        target.map(f64::to_bits)
    );
    if let Some(hit) = state.cached_projection(&cache_key) {
        return Ok(json_text(hit));
    }
    let value = state
        .with_store_heavy(move |store| {
            let meta = store.series(&key)?;
            let fy = fy
                .map(|s| meta.fiscal.parse_fiscal_year(&s))
                .transpose()
                .map_err(|e| AppError::bad_param("fy", e))?;
            let history = store.history(&meta.key)?;
            let req = inflow_project::Request {
                fy,
                as_of,
                target,
                ..inflow_project::Request::default()
            };
            let p = inflow_project::project(&meta, &history, &req)?;
            serde_json::to_string(&p).map_err(AppError::internal)
        })
        .await?;
    let value: Arc<str> = value.into();
    state.cache_projection(cache_key, Arc::clone(&value));
    Ok(json_text(value))
}

/// A response of JSON already serialized (keys in the order the type
/// declares them, as the CLI prints them).
fn json_text(text: Arc<str>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        text.as_bytes().to_vec(),
    )
        .into_response()
}

/// `POST /api/import`: one tidy CSV file in the body, applied as one
/// transaction. Exists only when the server has an admin token.
pub async fn import(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Params,
    body: Bytes,
) -> Result<(StatusCode, Json<serde_json::Value>), AppError> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.as_bytes().strip_prefix(b"Bearer "));
    match presented {
        Some(token) if state.token_matches(token) => {}
        _ => {
            return Err(AppError::new(
                StatusCode::UNAUTHORIZED,
                "importing needs the admin token: Authorization: Bearer TOKEN",
            ));
        }
    }
    params.allow(&["name"])?;
    let name = params.get("name").unwrap_or("upload.csv").to_string();
    let text = String::from_utf8(body.to_vec())
        .map_err(|_| AppError::new(StatusCode::BAD_REQUEST, "the body is not UTF-8 text"))?;
    let summary = state
        .with_store(move |store| {
            let known = store.series_list()?;
            let batch = inflow_import::parse_str(&name, &text, &known)?;
            Ok(store.apply(&batch)?)
        })
        .await?;
    state.data_changed();
    let status = if summary.added > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(json!({
            "file": summary.file,
            "added": summary.added,
            "unchanged": summary.unchanged,
        })),
    ))
}

/// Largest text `POST /api/check` reads, in bytes.
pub const CHECK_LIMIT: usize = 200 * 1024;

/// The body of `POST /api/check`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckBody {
    text: String,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    series: Option<String>,
}

/// `POST /api/check`: the claim checker's report on a text, judged against
/// the data as known on `as_of` (default: the latest values). The body is
/// JSON `{"text": ..., "as_of": "YYYY-MM-DD"}` or the text itself as
/// `text/plain`.
pub async fn check(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Params,
    body: Bytes,
) -> Result<Json<inflow_claims::Report>, AppError> {
    params.allow(&["as_of", "series"])?;
    if body.len() > CHECK_LIMIT {
        return Err(AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the text is longer than {} KiB", CHECK_LIMIT / 1024),
        ));
    }
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    let (text, as_of, key) = if is_json {
        let b: CheckBody = serde_json::from_slice(&body).map_err(|e| {
            AppError::new(
                StatusCode::BAD_REQUEST,
                format!("body: expected {{\"text\": ..., \"as_of\": \"YYYY-MM-DD\"}}: {e}"),
            )
        })?;
        (b.text, b.as_of, b.series)
    } else {
        let text = String::from_utf8(body.to_vec())
            .map_err(|_| AppError::new(StatusCode::BAD_REQUEST, "the body is not UTF-8 text"))?;
        (
            text,
            params.get("as_of").map(str::to_string),
            params.get("series").map(str::to_string),
        )
    };
    let vintage = match as_of.as_deref().filter(|s| !s.is_empty()) {
        None => Vintage::Latest,
        Some(v) => {
            Vintage::AsOf(inflow_core::parse_date(v).map_err(|e| AppError::bad_param("as_of", e))?)
        }
    };
    let key = key.unwrap_or_else(|| DEFAULT_SERIES.to_string());
    let report = state
        .with_store_heavy(move |store| {
            let total = store.monthly(&key, vintage)?;
            let prefix = format!("{key}.");
            let mut components = Vec::new();
            let mut published = store.published(&key, vintage)?;
            for meta in store.series_list()? {
                if meta.key.as_str().starts_with(&prefix) {
                    components.push(store.monthly(meta.key.as_str(), vintage)?);
                    published.extend(store.published(meta.key.as_str(), vintage)?);
                }
            }
            // The same context as `inflow check` builds, so both give the
            // same verdicts.
            let history = store.history(&total.meta.key)?;
            let as_of = match vintage {
                Vintage::Latest => AsOf::Latest,
                Vintage::AsOf(d) => AsOf::Date(d),
            };
            let projector = inflow_project::ClaimsProjector::new(&total.meta, &history, as_of);
            let ctx = inflow_claims::Context::new(&total)
                .with_components(&components)
                .map_err(AppError::internal)?
                .with_published(&published)
                .with_projector(&projector);
            Ok(inflow_claims::check(&text, &ctx))
        })
        .await?;
    Ok(Json(report))
}

/// `GET /api/brief`: the release brief of a month, as `inflow brief`
/// writes it: JSON (default), Markdown or a self-contained HTML page with
/// its charts inline.
pub async fn brief(State(state): State<AppState>, params: Params) -> Result<Response, AppError> {
    params.allow(&["month", "series", "target", "format"])?;
    let month = params.month("month")?;
    let key = params.series();
    let target = params
        .get("target")
        .map(|t| match t.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
            _ => Err(AppError::bad_param(
                "target",
                "expected a non-negative number",
            )),
        })
        .transpose()?;
    let format = params.get("format").unwrap_or("json").to_string();
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
        .with_store_heavy(move |store| {
            let meta = store.series(&key)?;
            let history = store.history(&meta.key)?;
            let opts = inflow_report::Options {
                month,
                target,
                ..inflow_report::Options::default()
            };
            let brief = inflow_report::build(&meta, &history, &opts)?;
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
