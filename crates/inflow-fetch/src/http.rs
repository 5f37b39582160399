//! One GET with what an unattended download needs: a timeout, retries with
//! exponential back-off (honouring `Retry-After`), a browser-like
//! User-Agent (SBP's firewall refuses default ones), conditional requests
//! (`If-None-Match`, `If-Modified-Since`) and a size limit.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ureq::ResponseExt as _;

use crate::Error;

/// A browser-like User-Agent; SBP's web firewall answers default client
/// agents with an error page.
pub const USER_AGENT: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 inflow/0.1";

/// The largest body accepted (SBP's workbook is about 100 KB).
pub const BODY_LIMIT: u64 = 64 * 1024 * 1024;

/// How downloads behave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// Whole-request timeout (connect, send, read).
    pub timeout: Duration,
    /// Attempts after the first, for connection failures, 5xx and 429.
    pub retries: u32,
    /// The first wait between attempts; doubled each time.
    pub backoff: Duration,
    /// The longest wait between attempts, also for `Retry-After`.
    pub max_wait: Duration,
    /// The `User-Agent` header.
    pub user_agent: String,
}

impl Default for ClientConfig {
    fn default() -> ClientConfig {
        ClientConfig {
            timeout: Duration::from_secs(60),
            retries: 3,
            backoff: Duration::from_secs(2),
            max_wait: Duration::from_secs(120),
            user_agent: USER_AGENT.to_string(),
        }
    }
}

/// Validators of an earlier answer, sent back as a conditional request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    /// The `ETag` header.
    pub etag: Option<String>,
    /// The `Last-Modified` header, as sent.
    pub last_modified: Option<String>,
}

impl Validators {
    /// Whether there is anything to send.
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A body received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The URL after redirects.
    pub final_url: String,
    /// The body.
    pub bytes: Vec<u8>,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The answer's validators (`ETag`, `Last-Modified`).
    pub validators: Validators,
    /// Requests made, retries included.
    pub attempts: u32,
}

/// What a GET returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// HTTP 304: unchanged since the validators sent.
    NotModified {
        /// Requests made.
        attempts: u32,
    },
    /// A body.
    Body(Fetched),
}

/// An HTTP client with one configuration.
#[derive(Debug)]
pub struct Client {
    agent: ureq::Agent,
    config: ClientConfig,
}

/// Hides the value of an `api_key` query parameter, for messages.
///
/// ```
/// assert_eq!(
///     inflow_fetch::redact("http://h/x?api_key=SECRET&format=json"),
///     "http://h/x?api_key=***&format=json"
/// );
/// ```
pub fn redact(url: &str) -> String {
    let Some(i) = url.find("api_key=") else {
        return url.to_string();
    };
    let start = i + "api_key=".len();
    let end = url[start..].find('&').map_or(url.len(), |j| start + j);
    format!("{}***{}", &url[..start], &url[end..])
}

enum Try {
    /// Wait this long, then try again; the message says why.
    Again(Option<Duration>, String, Option<u16>),
    Done(Result<Answer, Error>),
}

impl Client {
    /// A client with `config`.
    pub fn new(config: ClientConfig) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            .max_redirects(5)
            .user_agent(config.user_agent.as_str())
            .build()
            .into();
        Client { agent, config }
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// GETs `url`, conditionally when `validators` hold anything. Retries
    /// connection failures, timeouts, cut-off bodies, 5xx and 429 up to
    /// `retries` times, waiting `backoff`, doubled each time (or the
    /// server's `Retry-After`), never more than `max_wait`.
    ///
    /// # Errors
    /// [`Error::Url`] for a URL that cannot be requested; [`Error::Status`]
    /// for a 4xx (or a 5xx on every attempt); [`Error::ApiKey`] for 401/403
    /// when `api` is set; [`Error::RateLimited`]; [`Error::Redirect`];
    /// [`Error::Body`] for a body cut short; [`Error::Unreachable`].
    pub fn get(&self, url: &str, validators: &Validators, api: bool) -> Result<Answer, Error> {
        let shown = redact(url);
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(Error::Url {
                url: shown,
                reason: "expected an http:// or https:// URL".into(),
            });
        }
        let mut wait = self.config.backoff;
        let mut last = String::new();
        let mut last_status = None;
        let mut retry_after = None;
        for attempt in 1..=self.config.retries + 1 {
            match self.once(url, &shown, validators, api, attempt) {
                Try::Done(r) => return r,
                Try::Again(after, why, status) => {
                    last = why;
                    last_status = status;
                    retry_after = after.map(|d| d.as_secs());
                    if attempt <= self.config.retries {
                        let d = after.unwrap_or(wait).min(self.config.max_wait);
                        std::thread::sleep(d);
                        wait = wait.saturating_mul(2);
                    }
                }
            }
        }
        let attempts = self.config.retries + 1;
        Err(match last_status {
            Some(429) => Error::RateLimited {
                url: shown,
                retry_after,
                attempts,
            },
            Some(status) => Error::Status { url: shown, status },
            None => Error::Unreachable {
                url: shown,
                reason: last,
                attempts,
            },
        })
    }

    fn once(&self, url: &str, shown: &str, v: &Validators, api: bool, attempt: u32) -> Try {
        let mut req = self.agent.get(url);
        if let Some(etag) = &v.etag {
            req = req.header("If-None-Match", etag.as_str());
        }
        if let Some(lm) = &v.last_modified {
            req = req.header("If-Modified-Since", lm.as_str());
        }
        let mut resp = match req.call() {
            Ok(r) => r,
            Err(e) => return failure(e, shown),
        };
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|h| h.to_str().ok())
                .map(str::to_string)
        };
        match status {
            200..=299 => {}
            304 => return Try::Done(Ok(Answer::NotModified { attempts: attempt })),
            429 | 503 => {
                let after = header("retry-after").and_then(|s| retry_after(&s));
                return Try::Again(after, format!("HTTP {status}"), Some(status));
            }
            500..=599 => return Try::Again(None, format!("HTTP {status}"), Some(status)),
            401 | 403 if api => {
                return Try::Done(Err(Error::ApiKey {
                    url: shown.to_string(),
                    status,
                }));
            }
            300..=399 => {
                return Try::Done(Err(Error::Redirect {
                    url: shown.to_string(),
                    reason: format!(
                        "HTTP {status} redirect without a usable Location ({})",
                        header("location").unwrap_or_else(|| "none".into())
                    ),
                }));
            }
            _ => {
                return Try::Done(Err(Error::Status {
                    url: shown.to_string(),
                    status,
                }));
            }
        }
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let content_type = header("content-type");
        // A compressed body's Content-Length counts the compressed bytes.
        let expected = header("content-length")
            .filter(|_| header("content-encoding").is_none())
            .and_then(|s| s.trim().parse::<u64>().ok());
        let final_url = resp.get_uri().to_string();
        let bytes = match resp
            .body_mut()
            .with_config()
            .limit(BODY_LIMIT)
            .read_to_vec()
        {
            Ok(b) => b,
            Err(ureq::Error::BodyExceedsLimit(n)) => {
                return Try::Done(Err(Error::Body {
                    url: shown.to_string(),
                    reason: format!("larger than the limit of {n} bytes"),
                }));
            }
            Err(e) => {
                return Try::Again(None, format!("the body was cut short: {e}"), None);
            }
        };
        if let Some(n) = expected {
            if n != bytes.len() as u64 {
                return Try::Again(
                    None,
                    format!(
                        "the body was cut short: Content-Length {n}, received {}",
                        bytes.len()
                    ),
                    None,
                );
            }
        }
        Try::Done(Ok(Answer::Body(Fetched {
            final_url,
            bytes,
            content_type,
            validators,
            attempts: attempt,
        })))
    }
}

fn failure(e: ureq::Error, shown: &str) -> Try {
    let url = shown.to_string();
    match e {
        ureq::Error::BadUri(reason) => Try::Done(Err(Error::Url { url, reason })),
        ureq::Error::TooManyRedirects => Try::Done(Err(Error::Redirect {
            url,
            reason: "too many redirects (more than 5)".into(),
        })),
        ureq::Error::RedirectFailed => Try::Done(Err(Error::Redirect {
            url,
            reason: "a redirect could not be followed".into(),
        })),
        other => Try::Again(None, other.to_string(), None),
    }
}

/// Reads `Retry-After`: seconds, or an HTTP date (then the time until it).
fn retry_after(s: &str) -> Option<Duration> {
    if let Ok(n) = s.trim().parse::<u64>() {
        return Some(Duration::from_secs(n));
    }
    let at = crate::http_date(s)?;
    let now = jiff::Timestamp::now();
    let secs = at.as_second().saturating_sub(now.as_second()).max(0);
    Some(Duration::from_secs(secs as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("Tue, 17 Mar 2020 09:12:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn a_url_without_scheme_is_refused_without_a_request() {
        let c = Client::new(ClientConfig::default());
        let e = c.get("ftp://x/dt.xls", &Validators::default(), false);
        assert!(matches!(e, Err(Error::Url { .. })), "{e:?}");
    }
}
