//! Retractions: a withdrawn release stays stored, and reads leave it out
//! from its retraction date on. Latest reads never see it; a read as of a
//! date before the retraction still does, as the data stood that day.
//!
//! A retracted release's rows keep their key `(series, period,
//! release_date)`, so a corrected release needs a release date of its own:
//! re-importing the same file, or any file with a value of the same month
//! and release date, is refused with a conflict that says so.

use std::collections::HashMap;

use inflow_core::{Date, Observation, PublishedFigure, SeriesKey, Vintage, parse_date};
use rusqlite::{Connection, params};

use crate::open::sql as sql_str;
use crate::releases::ReleaseRecord;
use crate::rows::read_history;
use crate::{Error, Store, write as row_write};

/// (period, release date, retracted on) of every retracted row of a series
/// in `table` (`observations` or `published`).
fn retracted_rows(
    conn: &Connection,
    path: &str,
    table: &str,
    key: &SeriesKey,
) -> Result<Vec<(String, String, String)>, Error> {
    let sql = format!(
        "SELECT o.period, o.release_date, min(r.retracted_on) FROM {table} o
         JOIN release_imports ri ON ri.import_id = o.import_id
         JOIN retractions r ON r.release_id = ri.release_id
         WHERE o.series = ?1 GROUP BY o.period, o.release_date"
    );
    let mut stmt = conn.prepare_cached(&sql).map_err(sql_str(path))?;
    let rows = stmt
        .query_map([key.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .map_err(sql_str(path))?;
    rows.collect::<Result<_, _>>().map_err(sql_str(path))
}

/// Whether a row retracted on `on` is hidden from a read in `vintage`:
/// always for the latest view, from the retraction date on for as-of reads.
fn hidden(on: &str, vintage: Vintage) -> bool {
    match vintage {
        Vintage::Latest => true,
        Vintage::AsOf(d) => parse_date(on).is_ok_and(|on| on <= d),
    }
}

/// A series' stored history without the rows retracted as seen in `vintage`.
pub(crate) fn visible_history(
    conn: &Connection,
    path: &str,
    key: &SeriesKey,
    vintage: Vintage,
) -> Result<Vec<Observation>, Error> {
    let mut history = read_history(conn, path, key)?;
    let gone = retracted_rows(conn, path, "observations", key)?;
    if !gone.is_empty() {
        history.retain(|o| {
            let (p, d) = (o.period.to_string(), o.release_date.to_string());
            !gone
                .iter()
                .any(|(gp, gd, on)| *gp == p && *gd == d && hidden(on, vintage))
        });
    }
    Ok(history)
}

/// Published totals without those retracted as seen in `vintage`.
pub(crate) fn visible_published(
    conn: &Connection,
    path: &str,
    key: &SeriesKey,
    vintage: Vintage,
    figures: Vec<PublishedFigure>,
) -> Result<Vec<PublishedFigure>, Error> {
    let gone = retracted_rows(conn, path, "published", key)?;
    if gone.is_empty() {
        return Ok(figures);
    }
    Ok(figures
        .into_iter()
        .filter(|f| {
            let (p, d) = (f.period.to_string(), f.release_date.to_string());
            !gone
                .iter()
                .any(|(gp, gd, on)| *gp == p && *gd == d && hidden(on, vintage))
        })
        .collect())
}

/// A retracted release a stored row belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Retracted {
    /// The release id.
    pub id: i64,
    /// When it was retracted.
    pub on: String,
    /// Why.
    pub reason: String,
}

/// The retracted release of every retracted observation of `key`, by
/// (period, release date).
pub(crate) fn retracted_keys(
    conn: &Connection,
    path: &str,
    key: &SeriesKey,
) -> Result<HashMap<(String, String), Retracted>, Error> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT o.period, o.release_date, r.release_id, r.retracted_on, r.reason
             FROM observations o
             JOIN release_imports ri ON ri.import_id = o.import_id
             JOIN retractions r ON r.release_id = ri.release_id
             WHERE o.series = ?1",
        )
        .map_err(sql_str(path))?;
    let rows = stmt
        .query_map([key.as_str()], |r| {
            Ok((
                (r.get(0)?, r.get(1)?),
                Retracted {
                    id: r.get(2)?,
                    on: r.get(3)?,
                    reason: r.get(4)?,
                },
            ))
        })
        .map_err(sql_str(path))?;
    rows.collect::<Result<_, _>>().map_err(sql_str(path))
}

/// The conflict for a row whose key belongs to a retracted release.
pub(crate) fn retracted_conflict(
    file: &str,
    line: u64,
    what: &str,
    released: Date,
    r: &Retracted,
) -> Error {
    let next = released
        .tomorrow()
        .map_or_else(|_| "a later date".to_string(), |d| d.to_string());
    Error::Conflict {
        file: file.to_string(),
        line,
        reason: format!(
            "{what} released {released} belongs to release {}, retracted on {} ({}); a retracted release stays stored for earlier as-of reads and is not re-imported: give the corrected release its own release date (e.g. --released {next})",
            r.id, r.on, r.reason
        ),
    }
}

impl Store {
    /// Every observation of a series as a read in `vintage` sees them:
    /// all vintages, without the rows of releases retracted by then
    /// (latest: every retracted release). Callers that choose a vintage
    /// from the history themselves (projections, the brief) use this with
    /// the vintage they will choose, so a retraction after that date does
    /// not change what they saw.
    ///
    /// # Errors
    /// [`Error::Sqlite`] or [`Error::Corrupt`].
    pub fn history_in(&self, key: &SeriesKey, vintage: Vintage) -> Result<Vec<Observation>, Error> {
        visible_history(&self.conn, &self.path, key, vintage)
    }

    /// Withdraws release `id` as of `on`, for `reason`. Its values stay
    /// stored: reads as of a date before `on` still see them, later and
    /// latest reads do not.
    ///
    /// # Errors
    /// [`Error::UnknownRelease`] for an id that does not exist or is already
    /// retracted; [`Error::Sqlite`].
    pub fn retract(&mut self, id: i64, reason: &str, on: Date) -> Result<ReleaseRecord, Error> {
        let all = self.releases()?;
        let Some(r) = all.iter().find(|r| r.id == id) else {
            return Err(Error::UnknownRelease {
                id,
                reason: format!(
                    "no release has this id; releases: {}",
                    all.iter()
                        .map(|r| r.id.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        };
        if let Some(when) = &r.retracted_on {
            return Err(Error::UnknownRelease {
                id,
                reason: format!("already retracted on {when}"),
            });
        }
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sql_str(&path))?;
        tx.execute(
            "INSERT INTO retractions(release_id, retracted_on, reason, recorded_at) VALUES(?1, ?2, ?3, ?4)",
            params![id, on.to_string(), reason, jiff::Timestamp::now().to_string()],
        )
        .map_err(sql_str(&path))?;
        row_write::bump_generation(&tx, &path)?;
        tx.commit().map_err(sql_str(&path))?;
        let all = self.releases()?;
        all.into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::UnknownRelease {
                id,
                reason: "vanished".into(),
            })
    }
}
