//! Importing tidy CSV files: each file is one transaction, so a file is
//! stored whole or not at all, and a list of files reports exactly which
//! were stored.

use std::path::Path;

use inflow_store::ApplySummary;

use crate::{App, Error, Result};

impl App {
    /// Imports one file's text, named `name` in messages. Forgets cached
    /// projections when anything was added.
    ///
    /// # Errors
    /// Rejected for a malformed file, a conflict for a row that disagrees
    /// with a stored vintage; nothing is stored in either case.
    pub fn import_text(&mut self, name: &str, text: &str) -> Result<ApplySummary> {
        let batch = inflow_import::parse_str(name, text, &self.store.series_list()?)?;
        let summary = self.store.apply(&batch)?;
        if summary.added > 0 {
            self.cache.clear();
        }
        Ok(summary)
    }

    /// Imports one file from disk.
    ///
    /// # Errors
    /// [`Error::Read`] when it cannot be read, rejected when it is not
    /// UTF-8, and as [`App::import_text`].
    pub fn import_file(&mut self, path: &Path) -> Result<ApplySummary> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: name.clone(),
            source,
        })?;
        let text = String::from_utf8(bytes).map_err(|e| inflow_import::Error::Row {
            file: name.clone(),
            line: 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64,
            reason: "not valid UTF-8".to_string(),
        })?;
        self.import_text(&name, &text)
    }

    /// Imports files in order, each in its own transaction, calling
    /// `stored` after each one that succeeds; stops at the first failure.
    ///
    /// # Errors
    /// [`Error::ImportStopped`], naming the files stored before the one
    /// that failed and the ones not tried, with the failure as its source.
    pub fn import_files(
        &mut self,
        paths: &[impl AsRef<Path>],
        mut stored: impl FnMut(&ApplySummary),
    ) -> Result<Vec<ApplySummary>> {
        let mut done = Vec::new();
        for (i, path) in paths.iter().enumerate() {
            match self.import_file(path.as_ref()) {
                Ok(s) => {
                    stored(&s);
                    done.push(s);
                }
                Err(e) => {
                    return Err(Error::ImportStopped {
                        stored: done.into_iter().map(|s| s.file).collect(),
                        failed: path.as_ref().display().to_string(),
                        not_tried: paths[i + 1..]
                            .iter()
                            .map(|p| p.as_ref().display().to_string())
                            .collect(),
                        source: Box::new(e),
                    });
                }
            }
        }
        Ok(done)
    }
}
