//! JSON API handlers, one module per resource. Each route has a typed
//! query struct that rejects unknown parameters; values are parsed here, at
//! the edge, into the domain's validated types, and a bad one is a 400 that
//! names it. The work itself is an [`inflow_app`] use case.

pub(crate) mod brief;
pub(crate) mod check;
pub(crate) mod fiscal;
pub(crate) mod headline;
pub(crate) mod import;
pub(crate) mod meta;
pub(crate) mod observations;
pub(crate) mod projection;
pub(crate) mod series;

use std::str::FromStr;

use axum::extract::{FromRequestParts, Query};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::AppError;

pub use brief::{BriefFormat, brief};
pub use check::check;
pub use fiscal::fiscal_years;
pub use headline::headline;
pub use import::import;
pub use meta::{health, openapi};
pub use observations::{observations, observations_csv};
pub use projection::projection;
pub use series::{series_list, vintages};

/// A route's query parameters as its typed struct `T`, which should be
/// `#[serde(deny_unknown_fields)]` so a typo such as `mnth` is a 400
/// rather than silently ignored.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Params<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Query(q) = Query::<T>::from_request_parts(parts, state)
            .await
            .map_err(|e| AppError::new(StatusCode::BAD_REQUEST, e.body_text()))?;
        Ok(Params(q))
    }
}

/// Parses the optional parameter `name`. An empty value is refused like
/// any other invalid one (the document's patterns do not allow it): leave
/// the parameter out to mean "absent".
fn parse<T>(name: &str, value: Option<&str>) -> Result<Option<T>, AppError>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    present(name, value)?
        .map(|v| v.parse().map_err(|e| AppError::bad_param(name, e)))
        .transpose()
}

/// The optional text parameter `name`, refusing an empty value.
fn present<'a>(name: &str, value: Option<&'a str>) -> Result<Option<&'a str>, AppError> {
    match value {
        Some("") => Err(AppError::bad_param(
            name,
            "empty; leave the parameter out instead",
        )),
        v => Ok(v),
    }
}

/// The series a request names, or the default one.
fn series_or_default(series: Option<String>) -> Result<String, AppError> {
    Ok(present("series", series.as_deref())?
        .unwrap_or(inflow_app::DEFAULT_SERIES)
        .to_string())
}

/// The series and the vintage a figure request names (default: the
/// default series, latest data), read alike by every route that takes them.
fn series_as_of(
    series: Option<String>,
    as_of: Option<&str>,
) -> Result<(String, inflow_core::AsOf), AppError> {
    Ok((
        series_or_default(series)?,
        parse("as_of", as_of)?.unwrap_or_default(),
    ))
}

/// An optional text parameter, refusing an empty value.
fn non_empty(name: &str, v: Option<String>) -> Result<Option<String>, AppError> {
    present(name, v.as_deref())?;
    Ok(v)
}
