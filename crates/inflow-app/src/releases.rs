//! Official releases: importing a file as a release (SBP's workbook or tidy
//! CSV, told apart by content), listing releases, retracting one.

use std::path::Path;

use inflow_core::Date;
use inflow_store::{FileKind, ImportError, ImportRequest, ReleaseOutcome, ReleaseRecord};

use crate::{App, Error, Result};

impl From<ImportError> for Error {
    fn from(e: ImportError) -> Error {
        match e {
            ImportError::File(e) => Error::Import(e),
            ImportError::Store(e) => Error::Store(e),
        }
    }
}

/// Today's date in UTC: the latest release date an import may carry, and
/// the date of a retraction.
pub fn today() -> Date {
    inflow_store::today()
}

impl App {
    /// Imports `bytes` (named `name`) as one release. `released` is the
    /// release date (required for a workbook); `source_url` where the file
    /// was fetched from. With `dry_run` nothing is written and the outcome
    /// previews what would be.
    ///
    /// # Errors
    /// Rejected for a file that does not read; a conflict for a release date
    /// after today, a status that contradicts the store, or a value that
    /// disagrees with a stored vintage. Nothing is stored in either case.
    pub fn import_release_bytes(
        &mut self,
        name: &str,
        bytes: &[u8],
        released: Option<Date>,
        source_url: Option<&str>,
        dry_run: bool,
    ) -> Result<(FileKind, ReleaseOutcome)> {
        let req = ImportRequest {
            name,
            bytes,
            released,
            source_url,
            today: today(),
            dry_run,
        };
        let out = self.store.import_file(&req)?;
        if out.1.added > 0 {
            self.cache.clear();
        }
        Ok(out)
    }

    /// Imports the file at `path` as one release; see
    /// [`App::import_release_bytes`].
    ///
    /// # Errors
    /// [`Error::Read`] when it cannot be read, and as
    /// [`App::import_release_bytes`].
    pub fn import_release(
        &mut self,
        path: &Path,
        released: Option<Date>,
        dry_run: bool,
    ) -> Result<(FileKind, ReleaseOutcome)> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: name.clone(),
            source,
        })?;
        self.import_release_bytes(&name, &bytes, released, None, dry_run)
    }

    /// Every release, oldest first, with its retraction if any.
    ///
    /// # Errors
    /// A storage error.
    pub fn release_records(&self) -> Result<Vec<ReleaseRecord>> {
        Ok(self.store.releases()?)
    }

    /// Withdraws release `id` today, for `why`.
    ///
    /// # Errors
    /// [`Error::Invalid`] (`why`) for an empty reason; not found for an
    /// unknown or already retracted release.
    pub fn retract(&mut self, id: i64, why: &str) -> Result<ReleaseRecord> {
        let why = why.trim();
        if why.is_empty() {
            return Err(Error::invalid("why", "say why the release is withdrawn"));
        }
        let r = self.store.retract(id, why, today())?;
        self.cache.clear();
        Ok(r)
    }
}
