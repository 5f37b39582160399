//! SBP's trade-in-services workbook: where it is published, whether a body
//! is one, and its release date from `Last-Modified`.

use inflow_core::Date;

use crate::{Error, Fetched, Validators};

/// Where SBP publishes the workbook.
pub const SBP_URL: &str = "https://www.sbp.org.pk/ecodata/dt.xls";

/// The same file on SBP's archive host, tried when the main host fails.
pub const SBP_MIRROR_URL: &str = "https://archive.sbp.org.pk/ecodata/dt.xls";

/// Checks that a body is an Excel workbook (an OLE `.xls` or a zip
/// `.xlsx`), not an HTML error page or a firewall's refusal.
///
/// # Errors
/// [`Error::NotWorkbook`] naming the URL, the Content-Type and how the body
/// starts.
pub fn check_workbook(url: &str, f: &Fetched) -> Result<(), Error> {
    if inflow_import::sbp::is_workbook(&f.bytes) {
        return Ok(());
    }
    let start: String = String::from_utf8_lossy(&f.bytes[..f.bytes.len().min(60)])
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    Err(Error::NotWorkbook {
        url: url.to_string(),
        content_type: f.content_type.clone(),
        bytes: f.bytes.len(),
        start: start.trim().to_string(),
    })
}

/// The release date a download carries: the UTC date of its
/// `Last-Modified` header (SBP updates the file when it publishes the
/// month; Pakistan is UTC+5, so a file saved in Karachi's working day has
/// the same date in UTC).
///
/// ```
/// use inflow_fetch::{Validators, release_date};
/// let v = Validators {
///     etag: None,
///     last_modified: Some("Tue, 17 Mar 2026 04:12:00 GMT".into()),
/// };
/// assert_eq!(release_date("u", &v).unwrap().to_string(), "2026-03-17");
/// assert!(release_date("u", &Validators::default()).is_err());
/// ```
///
/// # Errors
/// [`Error::NoReleaseDate`] when the header is missing or not a date.
pub fn release_date(url: &str, v: &Validators) -> Result<Date, Error> {
    let got = v.last_modified.as_deref();
    got.and_then(crate::http_date)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
        .ok_or_else(|| Error::NoReleaseDate {
            url: url.to_string(),
            got: got.map_or_else(|| "none".into(), |s| format!("{s:?}")),
        })
}
