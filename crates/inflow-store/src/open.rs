//! Opening a database file, creating it in place when it is new.
//!
//! Creation happens inside the file, under SQLite's own write lock
//! (`BEGIN IMMEDIATE`), not in a temporary file renamed into place: two
//! processes that first use the same new path both open it, one of them
//! builds the schema and loads the bundled data while the other waits, and
//! the waiter then finds a finished database. Nothing is ever renamed over
//! an existing file, so an import the first process reported cannot be
//! replaced by the second one's copy, and a creation killed half-way leaves
//! no temporary file: SQLite rolls the transaction back and the next open
//! finds an empty file and builds it again.

use std::path::Path;
use std::time::Duration;

use inflow_import::{BUNDLED, BUNDLED_WORKBOOKS};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};

use crate::{Error, schema, write};

/// How long a writer waits for another writer's transaction before giving
/// up. Imports take milliseconds to seconds; a queue of them must not fail.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// A digest of the bundled files, so a database built by an older binary
/// picks up newer bundled data. FNV-1a is enough: this detects change, it
/// does not defend against tampering, and it must be stable across Rust
/// versions (std's hasher is not).
pub(crate) fn bundled_digest() -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in BUNDLED {
        for b in f.name.bytes().chain(f.text.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    for w in BUNDLED_WORKBOOKS {
        let fields = [w.name.as_bytes(), w.bytes, w.release_date.as_bytes()];
        for b in fields.into_iter().flatten() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

pub(crate) fn sql(path: &str) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |source| Error::Sqlite {
        path: path.to_string(),
        source,
    }
}

/// The value of `bundled_digest` in a database made without the bundled
/// data (`inflow init --empty`): it never matches a digest, and opening such
/// a file never loads the bundled series.
pub(crate) const NO_BUNDLED: &str = "none";

/// Opens (creating if absent) the database at `path` and brings it to the
/// current schema and bundled data.
pub(crate) fn connect(path: &Path) -> Result<Connection, Error> {
    connect_with(path, true)
}

/// Creates a new database at `path` without the bundled data.
///
/// # Errors
/// [`Error::Exists`] when the file exists and is not empty; otherwise as
/// [`connect`].
pub(crate) fn create_empty(path: &Path) -> Result<Connection, Error> {
    let shown = path.display().to_string();
    if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) {
        return Err(Error::Exists { path: shown });
    }
    let conn = connect_with(path, false)?;
    // Another process may have built the file with the bundled data between
    // the check above and the lock: then it is not the empty one asked for.
    if !has_digest(&conn, &shown, NO_BUNDLED)? {
        return Err(Error::Exists { path: shown });
    }
    Ok(conn)
}

fn connect_with(path: &Path, bundled: bool) -> Result<Connection, Error> {
    let shown = path.display().to_string();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.display().to_string(),
            source,
        })?;
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sql(&shown))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sql(&shown))?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(sql(&shown))?;
    // Readers never block the writer and the writer never blocks readers.
    // Persistent in the file; switching an old file needs a moment without
    // other connections, so a failure here only keeps the old journal mode.
    let mode: Option<String> = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
        .ok();
    if mode.is_none() {
        // A "file is not a database" error surfaces here as well; report it
        // rather than carrying on with an unusable connection.
        let _: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sql(&shown))?;
    }
    let version = user_version(&conn, &shown)?;
    if version > schema::VERSION {
        return Err(too_new(&shown, version));
    }
    if version < schema::VERSION || !bundled_current(&conn, &shown)? {
        initialise(&mut conn, &shown, bundled)?;
    }
    Ok(conn)
}

fn user_version(conn: &Connection, path: &str) -> Result<i64, Error> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(sql(path))
}

fn too_new(path: &str, found: i64) -> Error {
    Error::SchemaTooNew {
        path: path.to_string(),
        found,
        supported: schema::VERSION,
    }
}

/// Whether the file holds the current bundled data, or was made without it.
fn bundled_current(conn: &Connection, path: &str) -> Result<bool, Error> {
    Ok(has_digest(conn, path, &bundled_digest())? || has_digest(conn, path, NO_BUNDLED)?)
}

fn has_digest(conn: &Connection, path: &str, digest: &str) -> Result<bool, Error> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'bundled_digest'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql(path))?;
    Ok(stored.as_deref() == Some(digest))
}

/// Builds the schema of an empty file, or loads newer bundled data, under
/// the write lock. Everything is checked again once the lock is held: the
/// process that waited finds the work done by the one that held it. With
/// `bundled` false a new file is marked as made without the bundled data.
fn initialise(conn: &mut Connection, path: &str, bundled: bool) -> Result<(), Error> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql(path))?;
    let version = user_version(&tx, path)?;
    if version > schema::VERSION {
        return Err(too_new(path, version));
    }
    let new = version < 1;
    if new {
        let tables: i64 = tx
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(sql(path))?;
        if tables > 0 {
            return Err(Error::Corrupt {
                path: path.to_string(),
                reason: "not an inflow database (no schema version)".to_string(),
            });
        }
        tx.execute_batch(schema::CREATE).map_err(sql(path))?;
        tx.pragma_update(None, "user_version", schema::VERSION)
            .map_err(sql(path))?;
    }
    if new && !bundled {
        crate::releases::ensure_tables(&tx, path)?;
        set_digest(&tx, path, NO_BUNDLED)?;
        write::bump_generation(&tx, path)?;
        return tx.commit().map_err(sql(path));
    }
    let digest = bundled_digest();
    if !bundled_current(&tx, path)? {
        crate::bundled::apply_bundled(&tx, path)?;
        set_digest(&tx, path, &digest)?;
        write::bump_generation(&tx, path)?;
    }
    tx.commit().map_err(sql(path))
}

fn set_digest(tx: &Transaction<'_>, path: &str, digest: &str) -> Result<(), Error> {
    tx.execute(
        "INSERT INTO meta(key, value) VALUES('bundled_digest', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [digest],
    )
    .map_err(sql(path))?;
    Ok(())
}
