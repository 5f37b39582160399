//! Where the database lives when the user does not say.

use std::path::PathBuf;

use crate::{Error, Result};

/// `inflow.db` in the user's data directory (e.g.
/// `~/.local/share/inflow/inflow.db` on Linux).
///
/// # Errors
/// [`Error::NoHome`] when there is no home directory.
pub fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "inflow").ok_or(Error::NoHome)?;
    Ok(dirs.data_dir().join("inflow.db"))
}
