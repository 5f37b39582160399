//! Loading the bundled data into a new or older database: the tidy CSV files,
//! then each bundled SBP workbook as a release of its own.

use inflow_core::{SeriesKey, parse_date};
use inflow_import::{BUNDLED_WORKBOOKS, bundled_batches, sbp};
use rusqlite::Transaction;

use crate::Error;
use crate::open::sql as sql_str;
use crate::releases::{ReleaseInfo, Statuses, apply_in, ensure_tables, import_in};

/// Applies every bundled file inside `tx`. Rows already stored are skipped,
/// so this also brings an older database up to date.
pub(crate) fn apply_bundled(tx: &Transaction<'_>, path: &str) -> Result<(), Error> {
    ensure_tables(tx, path)?;
    for b in &bundled_batches()? {
        apply_in(tx, path, b)?;
    }
    for w in BUNDLED_WORKBOOKS {
        let bundled = |reason: String| {
            Error::Bundled(inflow_import::Error::Workbook {
                file: w.name.to_string(),
                reason,
            })
        };
        let wb = sbp::read_workbook(w.name, w.bytes)?;
        let date = parse_date(w.release_date).map_err(|e| bundled(e.to_string()))?;
        let known = known_keys(tx, path)?;
        let batches = sbp::to_batches(&wb, date, w.source_url, &known)?;
        let info = ReleaseInfo {
            release_date: date,
            source: w.name.to_string(),
            digest: wb.digest.clone(),
            kind: "bundled".into(),
        };
        import_in(
            tx,
            path,
            &info,
            &batches,
            &sbp::source_items(&wb),
            Statuses::Published,
            date,
        )?;
    }
    Ok(())
}

/// Keys of every stored series.
pub(crate) fn known_keys(tx: &Transaction<'_>, path: &str) -> Result<Vec<SeriesKey>, Error> {
    let mut stmt = tx
        .prepare("SELECT key FROM series")
        .map_err(sql_str(path))?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(sql_str(path))?;
    let mut out = Vec::new();
    for r in rows {
        let k = r.map_err(sql_str(path))?;
        out.push(k.parse().map_err(|e: inflow_core::Error| Error::Corrupt {
            path: path.to_string(),
            reason: e.to_string(),
        })?);
    }
    Ok(out)
}
