//! One error type for every handler: it maps library errors to an HTTP
//! status and a message that is safe to show. Failures of the database or of
//! the server itself become a 500 whose message says nothing about paths or
//! SQL; the detail goes to the server's log (stderr) only.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

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
        eprintln!("inflow serve: internal error: {cause}");
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

/// The JSON body of an error response.
pub fn error_body(status: StatusCode, message: &str) -> serde_json::Value {
    json!({ "error": { "status": status.as_u16(), "message": message } })
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        (self.status, Json(error_body(self.status, &self.message))).into_response()
    }
}

impl From<inflow_store::Error> for AppError {
    fn from(e: inflow_store::Error) -> Self {
        use inflow_store::Error as E;
        match e {
            E::UnknownSeries { .. } => AppError::not_found(e.to_string()),
            // Names the uploaded file's line and what disagrees: the client's own data.
            E::Conflict { .. } => AppError::new(StatusCode::CONFLICT, e.to_string()),
            // Paths, SQL errors and build defects stay in the log.
            _ => AppError::internal(e),
        }
    }
}

impl From<inflow_import::Error> for AppError {
    fn from(e: inflow_import::Error) -> Self {
        AppError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
    }
}

impl From<inflow_analytics::Error> for AppError {
    fn from(e: inflow_analytics::Error) -> Self {
        use inflow_analytics::Error as E;
        match e {
            E::NoValue { .. } | E::Empty(_) => AppError::not_found(e.to_string()),
            E::Core(c) => AppError::new(StatusCode::BAD_REQUEST, c.to_string()),
        }
    }
}

impl From<inflow_project::Error> for AppError {
    fn from(e: inflow_project::Error) -> Self {
        use inflow_project::Error as E;
        match e {
            E::NotPublished { .. } | E::NoData { .. } => AppError::not_found(e.to_string()),
            E::Range { .. } | E::Core(_) => AppError::new(StatusCode::BAD_REQUEST, e.to_string()),
            // The data cannot support a projection (a gap, too little history).
            E::Gap { .. } | E::Forecast(_) => {
                AppError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
            }
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        AppError::internal(e)
    }
}

impl From<inflow_report::Error> for AppError {
    fn from(e: inflow_report::Error) -> Self {
        use inflow_report::Error as E;
        match e {
            E::Analytics(a) => a.into(),
            E::Core(c) => AppError::new(StatusCode::BAD_REQUEST, c.to_string()),
            // Fonts, files and serialization are the server's business.
            other => AppError::internal(other),
        }
    }
}
