//! Fetching one series from SBP's EasyData API and, when asked, importing
//! it into an inflow series as one release (through the tidy-CSV import, so
//! every check of `inflow import` applies).

use std::fmt::Write as _;

use inflow_core::{Date, Vintage};
use inflow_fetch::{Answer, Client, ClientConfig, EasySeries, Validators};
use inflow_store::{FileKind, ReleaseOutcome};

use crate::{App, Error, Result};

pub use inflow_fetch::EASYDATA_BASE;

/// What to fetch from EasyData.
#[derive(Debug, Clone)]
pub struct EasydataFetch {
    /// The API's base URL (`https://easydata.sbp.org.pk`).
    pub base: String,
    /// EasyData's series key.
    pub key: String,
    /// The API key (valid 90 days).
    pub api_key: String,
    /// The inflow series to import the values into; none: only fetch.
    pub into: Option<String>,
    /// The release date of the imported values [default: today].
    pub released: Option<Date>,
    /// Preview only: write nothing.
    pub dry_run: bool,
    /// Timeout, retries, back-off.
    pub client: ClientConfig,
}

/// What an EasyData fetch got and did.
#[derive(Debug, Clone, PartialEq)]
pub struct EasydataOutcome {
    /// The URL asked, API key hidden.
    pub url: String,
    /// The series as EasyData gave it, oldest month first.
    pub series: EasySeries,
    /// The import, when `into` was given.
    pub import: Option<(FileKind, ReleaseOutcome)>,
}

impl App {
    /// Fetches an EasyData series and, with `into`, imports its values
    /// (months with a value) into that series as one release: a month
    /// whose value differs from the one known the day before is `revised`, others
    /// `reported`. Values are taken in the inflow series' unit.
    ///
    /// # Errors
    /// [`Error::Fetch`] for a failed request (a refused or expired key, a
    /// rate limit after retries, an answer that is not the JSON expected,
    /// naming the field); not found for an unknown `into`; everything
    /// `inflow import` refuses. Nothing is written then.
    pub fn fetch_easydata(&mut self, req: &EasydataFetch) -> Result<EasydataOutcome> {
        if req.api_key.trim().is_empty() {
            return Err(Error::invalid(
                "api_key",
                "give the EasyData API key (--api-key)",
            ));
        }
        let target = match &req.into {
            Some(k) => Some(self.store.series(k)?),
            None => None,
        };
        let url = inflow_fetch::easydata_url(&req.base, &req.key, &req.api_key);
        let shown = inflow_fetch::redact(&url);
        let client = Client::new(req.client.clone());
        let body = match client.get(&url, &Validators::default(), true)? {
            Answer::Body(f) => f.bytes,
            Answer::NotModified { .. } => {
                return Err(inflow_fetch::Error::Status {
                    url: shown,
                    status: 304,
                }
                .into());
            }
        };
        let series = inflow_fetch::parse_easydata(&shown, &req.key, &body)?;
        let Some(meta) = target else {
            return Ok(EasydataOutcome {
                url: shown,
                series,
                import: None,
            });
        };
        let released = req.released.unwrap_or_else(crate::releases::today);
        // A value is revised against what was known before its release.
        let before = match released.yesterday() {
            Ok(d) => Vintage::AsOf(d),
            Err(_) => Vintage::Latest,
        };
        let latest = self.store.monthly(meta.key.as_str(), before)?;
        let source = shown.replace("api_key=***&", "");
        let mut csv = String::from("series,period,value,status,release_date,source_url,note\n");
        for (month, value) in &series.points {
            let Some(v) = value else { continue };
            let stored = latest.value(*month);
            let status = if stored.is_some_and(|s| s != *v) {
                "revised"
            } else {
                "reported"
            };
            let _ = writeln!(
                csv,
                "{},{month},{v},{status},{released},{source},EasyData series {}",
                meta.key,
                req.key.replace(',', " ")
            );
        }
        let import = self.import_release_bytes(
            &format!("EasyData {}", req.key),
            csv.as_bytes(),
            Some(released),
            Some(&source),
            req.dry_run,
        )?;
        Ok(EasydataOutcome {
            url: shown,
            series,
            import: Some(import),
        })
    }
}
