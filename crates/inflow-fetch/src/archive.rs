//! The archive of what was published: every downloaded file kept once,
//! named by its SHA-256, and per URL the validators of the last download
//! (for the next conditional request).
//!
//! Kept beside the database, not in it, so that a fetch that brings
//! nothing new leaves the database file byte for byte as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Error, Validators};

/// What the last download of a URL was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remembered {
    /// Its validators.
    pub validators: Validators,
    /// SHA-256 of its body, hex.
    pub digest: String,
    /// The archived file's extension (`xls`, `xlsx`, `json`).
    pub ext: String,
}

/// A directory of fetched files.
#[derive(Debug, Clone)]
pub struct Archive {
    dir: PathBuf,
}

const STATE: &str = "fetches.json";

impl Archive {
    /// The archive in `dir` (created on the first write).
    pub fn new(dir: impl Into<PathBuf>) -> Archive {
        Archive { dir: dir.into() }
    }

    /// Its directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the file with `digest` and `ext` is (or would be) kept.
    pub fn path_of(&self, digest: &str, ext: &str) -> PathBuf {
        self.dir.join(format!("{digest}.{ext}"))
    }

    fn state(&self) -> Result<BTreeMap<String, Remembered>, Error> {
        let path = self.dir.join(STATE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
            Err(source) => return Err(archive_err(&path, source)),
        };
        // A damaged state file only costs an unconditional download.
        Ok(serde_json::from_str(&text).unwrap_or_default())
    }

    /// The last download of `url`, when its file is still in the archive
    /// (otherwise a conditional request could answer "not modified" for a
    /// file that is no longer here).
    ///
    /// # Errors
    /// [`Error::Archive`] when the state file cannot be read.
    pub fn remembered(&self, url: &str) -> Result<Option<Remembered>, Error> {
        Ok(self
            .state()?
            .remove(url)
            .filter(|r| self.path_of(&r.digest, &r.ext).is_file()))
    }

    /// Reads an archived file.
    ///
    /// # Errors
    /// [`Error::Archive`].
    pub fn read(&self, r: &Remembered) -> Result<Vec<u8>, Error> {
        let path = self.path_of(&r.digest, &r.ext);
        std::fs::read(&path).map_err(|e| archive_err(&path, e))
    }

    /// Keeps `bytes` as `<digest>.<ext>` (once; an existing copy stays).
    ///
    /// # Errors
    /// [`Error::Archive`].
    pub fn keep(&self, bytes: &[u8], digest: &str, ext: &str) -> Result<PathBuf, Error> {
        let path = self.path_of(digest, ext);
        if !path.is_file() {
            write_atomic(&path, bytes)?;
        }
        Ok(path)
    }

    /// Records the last download of `url`.
    ///
    /// # Errors
    /// [`Error::Archive`].
    pub fn remember(&self, url: &str, r: Remembered) -> Result<(), Error> {
        let mut state = self.state()?;
        state.insert(url.to_string(), r);
        let text = serde_json::to_string_pretty(&state).unwrap_or_default();
        write_atomic(&self.dir.join(STATE), text.as_bytes())
    }
}

/// Writes through a temporary file renamed into place, so a reader never
/// sees half a file.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| archive_err(dir, e))?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| archive_err(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        archive_err(path, e)
    })
}

fn archive_err(path: &Path, source: std::io::Error) -> Error {
    Error::Archive {
        path: path.display().to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_download_needs_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = Archive::new(dir.path().join("archive"));
        assert_eq!(a.remembered("http://x/dt.xls").unwrap(), None);
        let r = Remembered {
            validators: Validators {
                etag: Some("\"1\"".into()),
                last_modified: None,
            },
            digest: "ab".into(),
            ext: "xls".into(),
        };
        a.remember("http://x/dt.xls", r.clone()).unwrap();
        assert_eq!(a.remembered("http://x/dt.xls").unwrap(), None);
        a.keep(b"bytes", "ab", "xls").unwrap();
        assert_eq!(a.remembered("http://x/dt.xls").unwrap(), Some(r.clone()));
        assert_eq!(a.read(&r).unwrap(), b"bytes");
    }
}
