//! Importing one file as a release: the kind is detected from the content
//! (an Excel workbook, or tidy CSV), then read, checked and applied.

use inflow_core::{Date, SeriesKey};
use inflow_import::{Batch, sbp};

use crate::releases::{ReleaseInfo, ReleaseOutcome, Statuses};
use crate::{Error, Store};

/// What kind of file an import was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// SBP's trade-in-services workbook (`.xls` or `.xlsx`).
    Workbook,
    /// One of inflow's tidy CSV kinds.
    Csv,
}

/// Why a file could not be imported: a problem with the file itself (read
/// or parse), or with the store.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file does not read (wrong layout, bad row, not UTF-8).
    #[error(transparent)]
    File(#[from] inflow_import::Error),
    /// The store refused it or failed.
    #[error(transparent)]
    Store(#[from] Error),
}

/// A file to import.
#[derive(Debug, Clone)]
pub struct ImportRequest<'a> {
    /// Its name or URL, for messages and the release record.
    pub name: &'a str,
    /// Its bytes.
    pub bytes: &'a [u8],
    /// The release date; required for a workbook, which carries none.
    /// Tidy CSV rows carry their own.
    pub released: Option<Date>,
    /// Where SBP published it, when fetched from a URL.
    pub source_url: Option<&'a str>,
    /// Today, the latest release date accepted.
    pub today: Date,
    /// Plan and preview only; write nothing.
    pub dry_run: bool,
}

impl Store {
    /// Imports one file as a release, detecting its kind from its content.
    ///
    /// # Errors
    /// [`ImportError::File`] when the file does not read (naming file and
    /// line, or sheet and cell) or a workbook comes without `released`;
    /// [`ImportError::Store`] when the store refuses it (a release date
    /// after today, a status that contradicts what is stored, a conflict).
    pub fn import_file(
        &mut self,
        req: &ImportRequest<'_>,
    ) -> Result<(FileKind, ReleaseOutcome), ImportError> {
        let digest = sbp::digest(req.bytes);
        if sbp::is_workbook(req.bytes) {
            let wb = sbp::read_workbook(req.name, req.bytes)?;
            let Some(released) = req.released else {
                return Err(inflow_import::Error::Workbook {
                    file: req.name.to_string(),
                    reason: "a workbook carries no release date; give --released YYYY-MM-DD".into(),
                }
                .into());
            };
            let known: Vec<SeriesKey> = self.series_list()?.into_iter().map(|m| m.key).collect();
            let url = req.source_url.unwrap_or(sbp::SBP_SOURCE_URL);
            let batches = sbp::to_batches(&wb, released, url, &known)?;
            let info = ReleaseInfo {
                release_date: released,
                source: req.name.to_string(),
                digest,
                kind: "workbook".into(),
            };
            let items = sbp::source_items(&wb);
            let out = self.import_release(
                &info,
                &batches,
                &items,
                Statuses::Published,
                req.today,
                req.dry_run,
            )?;
            return Ok((FileKind::Workbook, out));
        }
        let text = std::str::from_utf8(req.bytes).map_err(|e| inflow_import::Error::Row {
            file: req.name.to_string(),
            line: 1 + req.bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64,
            reason: "not valid UTF-8 (and not an Excel workbook)".to_string(),
        })?;
        let batch: Batch = inflow_import::parse_str(req.name, text, &self.series_list()?)?;
        let release_date = req
            .released
            .or_else(|| {
                batch
                    .observations
                    .iter()
                    .map(|o| o.value.release_date)
                    .max()
            })
            .or_else(|| batch.published.iter().map(|p| p.value.release_date).max())
            .unwrap_or(req.today);
        let info = ReleaseInfo {
            release_date,
            source: req.name.to_string(),
            digest,
            kind: "csv".into(),
        };
        let out = self.import_release(
            &info,
            &[batch],
            &[],
            Statuses::Typed,
            req.today,
            req.dry_run,
        )?;
        Ok((FileKind::Csv, out))
    }
}
