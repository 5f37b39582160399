//! Downloading official releases: SBP's trade-in-services workbook
//! (`dt.xls`) and series from SBP's EasyData API.
//!
//! The only crate with an HTTP client (ureq, rustls). It downloads and
//! checks what it got; reading the workbook and storing it is the import
//! crate's and the store's work, composed by `inflow-app`.

mod archive;
mod easydata;
mod error;
mod http;
mod sbp;

pub use archive::{Archive, Remembered};
pub use easydata::{EASYDATA_BASE, EasySeries, easydata_url, parse_easydata};
pub use error::Error;
pub use http::{Answer, BODY_LIMIT, Client, ClientConfig, Fetched, USER_AGENT, Validators, redact};
pub use sbp::{SBP_MIRROR_URL, SBP_URL, check_workbook, release_date};

/// Reads an HTTP date (`Tue, 17 Mar 2026 09:12:00 GMT`, RFC 9110's
/// preferred form, and RFC 2822 forms with a numeric zone).
///
/// ```
/// let t = inflow_fetch::http_date("Tue, 17 Mar 2026 09:12:00 GMT").unwrap();
/// assert_eq!(t.to_string(), "2026-03-17T09:12:00Z");
/// assert!(inflow_fetch::http_date("yesterday").is_none());
/// ```
pub fn http_date(s: &str) -> Option<jiff::Timestamp> {
    jiff::fmt::rfc2822::parse(s.trim())
        .ok()
        .map(|z| z.timestamp())
}

#[cfg(feature = "test-server")]
pub mod test_server;
