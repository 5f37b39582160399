//! Fetching SBP's workbook: download (conditionally, with retries), check it
//! is a workbook, tell a file already stored from a new release, then import
//! it through [`App::import_release_bytes`] with the server's
//! `Last-Modified` as the release date, and keep the raw file in the
//! archive by digest.
//!
//! Nothing is written to the database or the archive when the download or
//! the import fails, in a dry run, or when the file is one already stored.

use std::path::{Path, PathBuf};

use inflow_core::Date;
use inflow_fetch::{Answer, Archive, Client, Remembered};
use inflow_store::{FileKind, ReleaseOutcome, ReleaseRecord};

use crate::{App, Error, Result};

pub use inflow_fetch::{ClientConfig, SBP_MIRROR_URL, SBP_URL};

/// The archive of fetched files for the database at `db`: `archive/`
/// beside it.
pub fn default_archive_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("archive")
}

/// What to fetch and how.
#[derive(Debug, Clone)]
pub struct SbpFetch {
    /// URLs tried in order; the next one only when a host cannot be
    /// reached or answers with a server error.
    pub urls: Vec<String>,
    /// The release date, overriding `Last-Modified`.
    pub released: Option<Date>,
    /// Preview only: write nothing (neither the database nor the archive).
    pub dry_run: bool,
    /// Where raw files and the last validators are kept.
    pub archive: PathBuf,
    /// Timeout, retries, back-off, User-Agent.
    pub client: ClientConfig,
}

/// Where the release date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFrom {
    /// `--released`.
    Option,
    /// The server's `Last-Modified` header.
    LastModified,
}

/// What a fetch did.
#[derive(Debug, Clone, PartialEq)]
pub enum FetchOutcome {
    /// The file is one already stored: no new release.
    NoNewRelease {
        /// The URL that answered.
        url: String,
        /// The server said 304 Not Modified (otherwise the digest matched).
        not_modified: bool,
        /// The stored release with this file's digest.
        release: ReleaseRecord,
    },
    /// The file was imported (or, in a dry run, previewed).
    Imported {
        /// The URL that answered, after redirects.
        url: String,
        /// SHA-256 of the file.
        digest: String,
        /// The release date used.
        released: Date,
        /// Where that date came from.
        date_from: DateFrom,
        /// Workbook or CSV.
        kind: FileKind,
        /// What the release added and revised.
        outcome: ReleaseOutcome,
        /// Where the raw file was kept (none in a dry run).
        archived: Option<PathBuf>,
    },
}

/// A body in hand: fresh from the server or, after a 304, from the
/// archive.
struct Got {
    url: String,
    bytes: Vec<u8>,
    remembered: Remembered,
    not_modified: bool,
}

fn ext_of(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"PK") {
        "xlsx"
    } else {
        "xls"
    }
}

fn download(client: &Client, archive: &Archive, url: &str) -> Result<Got> {
    let prior = archive.remembered(url)?;
    let validators = prior
        .as_ref()
        .map(|r| r.validators.clone())
        .unwrap_or_default();
    match client.get(url, &validators, false)? {
        Answer::NotModified { .. } => match prior {
            Some(r) => Ok(Got {
                url: url.to_string(),
                bytes: archive.read(&r)?,
                remembered: r,
                not_modified: true,
            }),
            // Validators are only sent with a file in the archive.
            None => Err(inflow_fetch::Error::Status {
                url: url.to_string(),
                status: 304,
            }
            .into()),
        },
        Answer::Body(f) => {
            inflow_fetch::check_workbook(url, &f)?;
            let digest = inflow_import::sbp::digest(&f.bytes);
            let remembered = Remembered {
                validators: f.validators.clone(),
                digest,
                ext: ext_of(&f.bytes).to_string(),
            };
            Ok(Got {
                url: f.final_url,
                bytes: f.bytes,
                remembered,
                not_modified: false,
            })
        }
    }
}

/// Whether a failure on one host is worth trying the next for.
fn try_next(e: &Error) -> bool {
    matches!(
        e,
        Error::Fetch(
            inflow_fetch::Error::Unreachable { .. }
                | inflow_fetch::Error::Status {
                    status: 500..=599,
                    ..
                }
        )
    )
}

impl App {
    /// Fetches SBP's workbook and imports it as a release; see the module
    /// documentation.
    ///
    /// # Errors
    /// [`Error::Fetch`] for a download that fails (naming the URL and the
    /// status or failure) or a body that is not a workbook; a workbook
    /// without `released` or a `Last-Modified` date; everything
    /// [`App::import_release_bytes`] refuses. Nothing is written then.
    pub fn fetch_sbp(&mut self, req: &SbpFetch) -> Result<FetchOutcome> {
        let client = Client::new(req.client.clone());
        let archive = Archive::new(&req.archive);
        let mut first_err = None;
        let mut got = None;
        for url in &req.urls {
            match download(&client, &archive, url) {
                Ok(g) => {
                    got = Some((url.clone(), g));
                    break;
                }
                Err(e) if try_next(&e) => {
                    first_err.get_or_insert(e);
                }
                Err(e) => return Err(e),
            }
        }
        let Some((asked, got)) = got else {
            return Err(first_err.unwrap_or_else(|| Error::invalid("url", "no URL to fetch")));
        };
        let digest = got.remembered.digest.clone();
        let known = self
            .release_records()?
            .into_iter()
            .filter(|r| r.digest == digest)
            .min_by_key(|r| r.retracted_on.is_some());
        if let Some(release) = known {
            if !req.dry_run && !got.not_modified {
                archive.keep(&got.bytes, &digest, &got.remembered.ext)?;
                archive.remember(&asked, got.remembered.clone())?;
            }
            return Ok(FetchOutcome::NoNewRelease {
                url: got.url,
                not_modified: got.not_modified,
                release,
            });
        }
        let (released, date_from) = match req.released {
            Some(d) => (d, DateFrom::Option),
            None => (
                inflow_fetch::release_date(&got.url, &got.remembered.validators)?,
                DateFrom::LastModified,
            ),
        };
        let (kind, outcome) = self.import_release_bytes(
            &got.url,
            &got.bytes,
            Some(released),
            Some(&got.url),
            req.dry_run,
        )?;
        let archived = if req.dry_run {
            None
        } else {
            let path = archive.keep(&got.bytes, &digest, &got.remembered.ext)?;
            archive.remember(&asked, got.remembered.clone())?;
            Some(path)
        };
        Ok(FetchOutcome::Imported {
            url: got.url,
            digest,
            released,
            date_from,
            kind,
            outcome,
            archived,
        })
    }
}
