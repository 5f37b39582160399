//! Telling another system about a new release: a JSON summary POSTed to a
//! webhook URL (plain `http://`, for a receiver on the same host or network;
//! the summary holds only published figures).

use std::io::{Read as _, Write as _};
use std::net::{TcpStream, ToSocketAddrs};
use std::str::FromStr;
use std::time::Duration;

use crate::Error;

/// A webhook address: `http://host[:port]/path`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Webhook {
    host: String,
    port: u16,
    path: String,
}

impl FromStr for Webhook {
    type Err = Error;

    /// ```
    /// use inflow_app::webhook::Webhook;
    /// assert!("http://127.0.0.1:9000/hook".parse::<Webhook>().is_ok());
    /// assert!("https://example.org/hook".parse::<Webhook>().is_err());
    /// assert!("http:///x".parse::<Webhook>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Webhook, Error> {
        let bad = |why: &str| Error::invalid("webhook", format!("{why} (got {:.60})", s));
        let rest = s
            .strip_prefix("http://")
            .ok_or_else(|| bad("expected an http:// URL (https is not supported)"))?;
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) => (
                h,
                p.parse::<u16>()
                    .map_err(|_| bad("the port is not a number"))?,
            ),
            None => (authority, 80),
        };
        if host.is_empty() || host.contains(['@', ' ', '\r', '\n']) {
            return Err(bad("expected a host name"));
        }
        if path.contains([' ', '\r', '\n']) {
            return Err(bad("the path holds spaces or line breaks"));
        }
        Ok(Webhook {
            host: host.to_string(),
            port,
            path: path.to_string(),
        })
    }
}

impl std::fmt::Display for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "http://{}:{}{}", self.host, self.port, self.path)
    }
}

impl Webhook {
    /// POSTs `body` as JSON and returns the receiver's HTTP status. Waits
    /// at most 10 seconds to connect and for the answer.
    ///
    /// # Errors
    /// A description of what failed (connecting, writing, an answer that is
    /// not HTTP).
    pub fn post(&self, body: &serde_json::Value) -> Result<u16, String> {
        let timeout = Duration::from_secs(10);
        let addr = (self.host.as_str(), self.port)
            .to_socket_addrs()
            .map_err(|e| format!("{self}: {e}"))?
            .next()
            .ok_or_else(|| format!("{self}: no address"))?;
        let mut s =
            TcpStream::connect_timeout(&addr, timeout).map_err(|e| format!("{self}: {e}"))?;
        s.set_read_timeout(Some(timeout))
            .map_err(|e| e.to_string())?;
        s.set_write_timeout(Some(timeout))
            .map_err(|e| e.to_string())?;
        let body = body.to_string();
        write!(
            s,
            "POST {} HTTP/1.1\r\nHost: {}:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nUser-Agent: inflow\r\nConnection: close\r\n\r\n{body}",
            self.path,
            self.host,
            self.port,
            body.len()
        )
        .map_err(|e| format!("{self}: {e}"))?;
        let mut answer = Vec::new();
        let _ = s.take(64 * 1024).read_to_end(&mut answer);
        let head = String::from_utf8_lossy(&answer);
        head.split_whitespace()
            .nth(1)
            .and_then(|c| c.parse::<u16>().ok())
            .filter(|_| head.starts_with("HTTP/"))
            .ok_or_else(|| format!("{self}: the answer is not HTTP"))
    }
}

/// The summary POSTed after an import: the files stored and the releases
/// the import added or changed.
pub fn import_summary(
    stored: &[inflow_store::ApplySummary],
    releases: &[inflow_report::feed::ReleaseEntry],
) -> serde_json::Value {
    let files: Vec<serde_json::Value> = stored
        .iter()
        .map(|s| serde_json::json!({ "file": s.file, "added": s.added, "unchanged": s.unchanged }))
        .collect();
    serde_json::json!({
        "event": "import",
        "files": files,
        "releases": releases,
    })
}
