//! One error type for every handler: it maps library errors to an HTTP
//! status and a message that is safe to show. Failures of the database or of
//! the server itself become a 500 whose message says nothing about paths or
//! SQL; the detail goes to the server's log only.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use inflow_app::ErrorKind;
use serde::Serialize;
use utoipa::ToSchema;

/// An error answered as `{"error": {"status": ..., "message": ...}}`.
#[derive(Debug)]
pub struct AppError {
    status: StatusCode,
    message: String,
}

impl AppError {
    /// An error with this status and a message shown to the client.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        AppError {
            status,
            message: message.into(),
        }
    }

    /// 400: a request parameter is invalid; the message names it.
    pub fn bad_param(name: &str, why: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            format!("parameter `{name}`: {why}"),
        )
    }

    /// 404 with a message.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// 500: logs the cause and answers without it.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal server error")
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The message shown to the client.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.status, self.message)
    }
}

/// The JSON body of every error response: `{"error": {"status": ..., "message": ...}}`.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Error)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// The content of an [`ErrorBody`].
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// The HTTP status, repeated.
    #[schema(minimum = 400, maximum = 599)]
    pub status: u16,
    /// What was wrong, naming the request field when one was.
    pub message: String,
}

/// The JSON body of an error response.
pub fn error_body(status: StatusCode, message: &str) -> ErrorBody {
    ErrorBody {
        error: ErrorDetail {
            status: status.as_u16(),
            message: message.to_string(),
        },
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        (self.status, Json(error_body(self.status, &self.message))).into_response()
    }
}

/// The HTTP status of an error kind: the same classification the CLI's exit
/// codes come from.
pub fn status_of(kind: ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::InvalidInput => StatusCode::BAD_REQUEST,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Rejected | ErrorKind::Unprocessable => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorKind::Conflict => StatusCode::CONFLICT,
        ErrorKind::Storage | ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl From<inflow_app::Error> for AppError {
    fn from(e: inflow_app::Error) -> Self {
        let kind = e.kind();
        let status = status_of(kind);
        if status.is_server_error() {
            // Paths, SQL errors and build defects stay in the log.
            return AppError::internal(e);
        }
        match e.field() {
            // The parameter's own form is wrong: the request is malformed.
            Some(field) => AppError::bad_param(field, e),
            // Well-formed parameters the data cannot answer (a fiscal year
            // the data cannot project): 422, as the document says, so a
            // client can tell "fix the request's syntax" from "ask
            // something else".
            None if kind == ErrorKind::InvalidInput => {
                AppError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
            }
            None => AppError::new(status, e.to_string()),
        }
    }
}

impl From<inflow_report::Error> for AppError {
    fn from(e: inflow_report::Error) -> Self {
        inflow_app::Error::from(e).into()
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        AppError::internal(e)
    }
}
