//! `POST /api/import` (only with an admin token).

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{Params, non_empty};
use crate::error::ErrorBody;
use crate::{AppError, AppState};

/// Query parameters of `POST /api/import`.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// The file's name, as error messages and the import log show it;
    /// default `upload.csv`.
    #[param(min_length = 1)]
    name: Option<String>,
}

/// What an import did.
#[derive(Serialize, ToSchema)]
pub struct Imported {
    /// The file's name.
    pub file: String,
    /// Rows stored.
    pub added: usize,
    /// Rows already stored with the same values.
    pub unchanged: usize,
}

/// `POST /api/import`: one tidy CSV file in the body, applied as one
/// transaction. Exists only when the server has an admin token.
#[utoipa::path(
    post,
    path = "/api/import",
    tag = "admin",
    operation_id = "import",
    summary = "Import one tidy CSV file (observations, series or published totals) as one transaction",
    description = "Exists only when the server was started with `--admin-token`; otherwise it answers 404.",
    params(ImportParams),
    request_body(description = "The CSV file", content_type = "text/csv", content = String),
    security(("admin_token" = [])),
    responses(
        (status = 201, description = "Rows were added", body = Imported),
        (status = 200, description = "Nothing new: every row was already stored", body = Imported),
        (status = 400, description = "A parameter is invalid, or the body is not UTF-8", body = ErrorBody),
        (status = 401, description = "No or a wrong admin token", body = ErrorBody),
        (status = 404, description = "The server is read-only", body = ErrorBody),
        (status = 409, description = "The file contradicts what is stored", body = ErrorBody),
        (status = 413, description = "The file is larger than the limit", body = ErrorBody),
        (status = 422, description = "A row is invalid; the message names its line and field", body = ErrorBody),
    )
)]
pub async fn import(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Result<Params<ImportParams>, AppError>,
    body: Bytes,
) -> Result<(StatusCode, Json<Imported>), AppError> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| bearer(v.as_bytes()));
    match presented {
        Some(token) if state.token_matches(token) => {}
        _ => {
            return Err(AppError::new(
                StatusCode::UNAUTHORIZED,
                "importing needs the admin token: Authorization: Bearer TOKEN",
            ));
        }
    }
    // Checked after the token, so an unauthenticated caller learns nothing
    // about the parameters.
    let Params(p) = params?;
    let name = non_empty("name", p.name)?.unwrap_or_else(|| "upload.csv".to_string());
    let text = String::from_utf8(body.to_vec())
        .map_err(|_| AppError::new(StatusCode::BAD_REQUEST, "the body is not UTF-8 text"))?;
    let summary = state
        .with_app(move |app| Ok(app.import_text(&name, &text)?))
        .await?;
    let status = if summary.added > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(Imported {
            file: summary.file,
            added: summary.added,
            unchanged: summary.unchanged,
        }),
    ))
}

/// The token of an `Authorization: Bearer TOKEN` header. The scheme name is
/// case-insensitive (RFC 9110 section 11.1), so `bearer` works as well.
fn bearer(value: &[u8]) -> Option<&[u8]> {
    let space = value.iter().position(|&b| b == b' ')?;
    let (scheme, rest) = value.split_at(space);
    if !scheme.eq_ignore_ascii_case(b"bearer") {
        return None;
    }
    let token = rest.trim_ascii();
    (!token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::bearer;

    #[test]
    fn the_scheme_is_case_insensitive() {
        assert_eq!(bearer(b"Bearer abc"), Some(&b"abc"[..]));
        assert_eq!(bearer(b"bearer abc"), Some(&b"abc"[..]));
        assert_eq!(bearer(b"BEARER  abc "), Some(&b"abc"[..]));
        assert_eq!(bearer(b"Basic abc"), None);
        assert_eq!(bearer(b"Bearer"), None);
        assert_eq!(bearer(b"Bearer "), None);
    }
}
