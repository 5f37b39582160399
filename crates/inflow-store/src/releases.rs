//! Releases as first-class rows: every import of a file is a release (id,
//! release date, source, file digest, rows, series touched), retractions
//! are appended beside it, and reads leave out what was retracted as of the
//! date read.
//!
//! An import is planned with reads only (status checks, the preview of new
//! months and revisions) and written in one transaction afterwards, so a
//! refused or dry-run import leaves the file byte for byte as it was.

use std::collections::{BTreeSet, HashMap};

use inflow_core::{Amount, Date, ObsStatus, Observation, SeriesKey, Vintage, YearMonth};
use inflow_import::{Batch, BatchKind};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::open::sql as sql_str;
use crate::retractions::{Retracted, retracted_conflict, retracted_keys, visible_history};
use crate::{ApplySummary, Error, Store, plan as row_plan, write as row_write};

/// Plans and writes one batch inside `tx` (the store's own row checks).
pub(crate) fn apply_in(
    tx: &Transaction<'_>,
    path: &str,
    batch: &Batch,
) -> Result<ApplySummary, Error> {
    let planned = row_plan::plan(tx, path, batch)?;
    row_write::write(tx, path, &planned)
}

/// Tables of releases, their links to the import log, and retractions.
/// Created on a new database and, for a database made before releases
/// existed, on first open.
pub(crate) const CREATE_RELEASES: &str = "
CREATE TABLE IF NOT EXISTS releases(
    id             INTEGER PRIMARY KEY,
    release_date   TEXT NOT NULL,
    source         TEXT NOT NULL,
    digest         TEXT NOT NULL,
    kind           TEXT NOT NULL,
    rows           INTEGER NOT NULL,
    series_touched INTEGER NOT NULL,
    imported_at    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS release_imports(
    release_id INTEGER NOT NULL REFERENCES releases(id),
    import_id  INTEGER NOT NULL REFERENCES imports(id),
    PRIMARY KEY(release_id, import_id)
) WITHOUT ROWID;
-- Appended, never updated: a retraction is itself a dated record.
CREATE TABLE IF NOT EXISTS retractions(
    release_id   INTEGER NOT NULL REFERENCES releases(id),
    retracted_on TEXT NOT NULL,
    reason       TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
-- The item number and label a publisher gives a series (SBP's `9.2.2`).
CREATE TABLE IF NOT EXISTS series_items(
    series       TEXT PRIMARY KEY REFERENCES series(key),
    source_item  TEXT NOT NULL,
    source_title TEXT NOT NULL
);
";

/// How the statuses of a file are judged against the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statuses {
    /// Typed by a person (tidy CSV): a first value marked `revised`, or a
    /// changed value marked `reported`/`provisional`, is refused.
    Typed,
    /// As the publisher printed them (the workbook's `(P)`/`(R)` markers):
    /// an unmarked value that differs from the stored one becomes `revised`;
    /// a `revised` marker on a month not stored before is kept.
    Published,
}

/// What is being imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseInfo {
    /// The release date (the vintage) of the file.
    pub release_date: Date,
    /// Where the file came from: its path or URL.
    pub source: String,
    /// SHA-256 of the file's bytes, hex.
    pub digest: String,
    /// `workbook`, `csv` or `bundled`.
    pub kind: String,
}

/// A month a release adds.
#[derive(Debug, Clone, PartialEq)]
pub struct NewValue {
    /// Series.
    pub series: SeriesKey,
    /// Month.
    pub period: YearMonth,
    /// Value (none for a missing month).
    pub value: Option<f64>,
    /// Status as it will be stored.
    pub status: ObsStatus,
}

/// A month whose value a release changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    /// Series.
    pub series: SeriesKey,
    /// Month.
    pub period: YearMonth,
    /// The value it replaces.
    pub old: Option<f64>,
    /// The new value.
    pub new: Option<f64>,
    /// Change in percent of the old value, when both exist and old is not 0.
    pub pct: Option<f64>,
    /// Release date of the replaced value.
    pub replaced_date: Date,
    /// The replaced value's release id, when it came with a recorded release.
    pub replaced_release: Option<i64>,
    /// Status as it will be stored.
    pub status: ObsStatus,
}

/// What a release adds and revises, per series; printed before writing
/// (`--dry-run`) and after.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Preview {
    /// Months with no earlier value.
    pub new_months: Vec<NewValue>,
    /// Months whose value changes.
    pub revisions: Vec<Revision>,
    /// Rows equal to what was already known.
    pub unchanged: usize,
    /// Series the release defines.
    pub new_series: usize,
    /// Published totals (year-to-date columns) added.
    pub new_totals: usize,
    /// Rows of quarterly and annual series in the release. They are stored
    /// like monthly rows, but the preview lists months only, so they are
    /// counted here rather than left out of the summary.
    pub periodic_rows: usize,
}

/// The result of importing a release.
#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseOutcome {
    /// The new release's id; `None` when nothing was written (dry run, or
    /// nothing new).
    pub release_id: Option<i64>,
    /// The id of an earlier import of the same file with the same release
    /// date, if there is one (then nothing is added).
    pub already: Option<i64>,
    /// New months and revisions.
    pub preview: Preview,
    /// Rows written.
    pub added: usize,
}

/// One release as listed by `inflow releases`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReleaseRecord {
    /// Release id.
    pub id: i64,
    /// Release date (the vintage).
    pub release_date: String,
    /// Path or URL of the file.
    pub source: String,
    /// SHA-256 of the file.
    pub digest: String,
    /// `workbook`, `csv` or `bundled`.
    pub kind: String,
    /// Rows stored.
    pub rows: i64,
    /// Series with at least one stored row.
    pub series_touched: i64,
    /// When it was imported (UTC).
    pub imported_at: String,
    /// When it was retracted, if it was.
    pub retracted_on: Option<String>,
    /// Why it was retracted.
    pub retraction_reason: Option<String>,
}

/// Creates the release tables if they are missing (a database from before
/// releases existed). Only writes when something is missing.
pub(crate) fn ensure_tables(conn: &Connection, path: &str) -> Result<(), Error> {
    let have: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN
             ('releases', 'release_imports', 'retractions', 'series_items')",
            [],
            |r| r.get(0),
        )
        .map_err(sql_str(path))?;
    if have < 4 {
        conn.execute_batch(CREATE_RELEASES).map_err(sql_str(path))?;
    }
    Ok(())
}

fn conflict(file: &str, line: u64, reason: String) -> Error {
    Error::Conflict {
        file: file.to_string(),
        line,
        reason,
    }
}

/// Checks release dates and statuses against the store and computes the
/// preview. Reads only.
fn plan(
    conn: &Connection,
    path: &str,
    batches: &[Batch],
    statuses: Statuses,
    today: Date,
) -> Result<(Vec<Batch>, Preview), Error> {
    let mut preview = Preview::default();
    let mut out = Vec::with_capacity(batches.len());
    let mut histories: HashMap<SeriesKey, Vec<Observation>> = HashMap::new();
    let release_of = release_ids_by_date(conn, path)?;
    let mut retracted: HashMap<SeriesKey, HashMap<(String, String), Retracted>> = HashMap::new();
    for batch in batches {
        let mut b = batch.clone();
        preview.new_series += b.series.len();
        for row in &b.published {
            if row.value.release_date > today {
                return Err(conflict(
                    &b.file,
                    row.line,
                    format!(
                        "release date {} is after today ({today}); a release cannot come from the future",
                        row.value.release_date
                    ),
                ));
            }
        }
        preview.new_totals += b.published.len();
        preview.periodic_rows += b.quarterly.len() + b.annual.len();
        if b.kind == BatchKind::Published {
            preview.new_totals -= count_known_totals(conn, path, &b)?;
        }
        let mut skip = Vec::new();
        for (index, row) in b.observations.iter_mut().enumerate() {
            let o = &mut row.value;
            if o.release_date > today {
                return Err(conflict(
                    &b.file,
                    row.line,
                    format!(
                        "release date {} is after today ({today}); a release cannot come from the future",
                        o.release_date
                    ),
                ));
            }
            if !retracted.contains_key(&o.series) {
                retracted.insert(o.series.clone(), retracted_keys(conn, path, &o.series)?);
            }
            let gone = retracted
                .get(&o.series)
                .and_then(|m| m.get(&(o.period.to_string(), o.release_date.to_string())));
            if let Some(r) = gone {
                let what = format!("{} {}", o.series, o.period);
                return Err(retracted_conflict(
                    &b.file,
                    row.line,
                    &what,
                    o.release_date,
                    r,
                ));
            }
            if !histories.contains_key(&o.series) {
                let h = visible_history(conn, path, &o.series, Vintage::Latest)?;
                histories.insert(o.series.clone(), h);
            }
            let history = histories.entry(o.series.clone()).or_default();
            let earlier = history
                .iter()
                .filter(|h| h.period == o.period && h.release_date < o.release_date)
                .max_by_key(|h| h.release_date)
                .cloned();
            let stored_same_date = history
                .iter()
                .find(|h| h.period == o.period && h.release_date == o.release_date);
            let same_date = stored_same_date.is_some_and(|h| agrees(h.value, o.value));
            if same_date && stored_same_date.is_some_and(|h| h.value != o.value) {
                // The same release stored at a coarser precision (a figure
                // captured to two decimals): not a conflict, nothing new.
                skip.push(index);
            }
            let changed = earlier.as_ref().is_some_and(|e| e.value != o.value);
            let first_marked =
                |s: ObsStatus| matches!(s, ObsStatus::Reported | ObsStatus::Provisional);
            match statuses {
                Statuses::Typed => {
                    if o.status == ObsStatus::Revised && earlier.is_none() && !same_date {
                        return Err(conflict(
                            &b.file,
                            row.line,
                            format!(
                                "{} {} is marked revised but no earlier value is stored; a first value is reported or provisional",
                                o.series, o.period
                            ),
                        ));
                    }
                    if first_marked(o.status) && changed {
                        return Err(conflict(
                            &b.file,
                            row.line,
                            format!(
                                "{} {} is marked {} but changes the value released {} ({}); a changed value is revised",
                                o.series,
                                o.period,
                                o.status,
                                earlier
                                    .as_ref()
                                    .map_or(String::new(), |e| e.release_date.to_string()),
                                show(earlier.as_ref().and_then(|e| e.value))
                            ),
                        ));
                    }
                }
                Statuses::Published => {
                    if o.status == ObsStatus::Reported && changed {
                        o.status = ObsStatus::Revised;
                        o.note
                            .push_str("; unmarked in the table, differs from the earlier release");
                    }
                }
            }
            if same_date || earlier.as_ref().is_some_and(|e| e.value == o.value) {
                preview.unchanged += 1;
                continue;
            }
            match earlier {
                None => preview.new_months.push(NewValue {
                    series: o.series.clone(),
                    period: o.period,
                    value: o.value.map(Amount::get),
                    status: o.status,
                }),
                Some(e) => {
                    let old = e.value.map(Amount::get);
                    let new = o.value.map(Amount::get);
                    let pct = match (old, new) {
                        (Some(a), Some(b)) if a != 0.0 => Some((b - a) / a * 100.0),
                        _ => None,
                    };
                    preview.revisions.push(Revision {
                        series: o.series.clone(),
                        period: o.period,
                        old,
                        new,
                        pct,
                        replaced_date: e.release_date,
                        replaced_release: release_of
                            .get(&(
                                e.series.to_string(),
                                e.period.to_string(),
                                e.release_date.to_string(),
                            ))
                            .copied(),
                        status: o.status,
                    });
                }
            }
            history.push(o.clone());
        }
        let mut index = 0;
        b.observations.retain(|_| {
            index += 1;
            !skip.contains(&(index - 1))
        });
        out.push(b);
    }
    Ok((out, preview))
}

/// Whether a stored value and a new one for the same release agree: equal,
/// or the stored one is the new one rounded to the stored one's decimals
/// (at most two).
fn agrees(stored: Option<Amount>, new: Option<Amount>) -> bool {
    match (stored, new) {
        (Some(a), Some(b)) => {
            let (a, b) = (a.get(), b.get());
            a == b
                || [0, 1, 2].iter().any(|&d| {
                    let f = 10f64.powi(d);
                    (a * f).round() == a * f && (b * f).round() / f == a
                })
        }
        (a, b) => a == b,
    }
}

fn count_known_totals(conn: &Connection, path: &str, b: &Batch) -> Result<usize, Error> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT count(*) FROM published
             WHERE series = ?1 AND period = ?2 AND release_date = ?3 AND source_url = ?4",
        )
        .map_err(sql_str(path))?;
    let mut n = 0;
    for row in &b.published {
        let p = &row.value;
        let c: i64 = stmt
            .query_row(
                params![
                    p.series.as_str(),
                    p.period.to_string(),
                    p.release_date.to_string(),
                    p.source_url
                ],
                |r| r.get(0),
            )
            .map_err(sql_str(path))?;
        n += usize::from(c > 0);
    }
    Ok(n)
}

/// Release id of every stored observation that came with a release.
fn release_ids_by_date(
    conn: &Connection,
    path: &str,
) -> Result<HashMap<(String, String, String), i64>, Error> {
    let mut stmt = conn
        .prepare(
            "SELECT o.series, o.period, o.release_date, ri.release_id FROM observations o
             JOIN release_imports ri ON ri.import_id = o.import_id",
        )
        .map_err(sql_str(path))?;
    let rows = stmt
        .query_map([], |r| Ok(((r.get(0)?, r.get(1)?, r.get(2)?), r.get(3)?)))
        .map_err(sql_str(path))?;
    rows.collect::<Result<_, _>>().map_err(sql_str(path))
}

fn show(v: Option<Amount>) -> String {
    v.map_or_else(|| "missing".to_string(), |a| a.get().to_string())
}

fn max_import_id(tx: &Transaction<'_>, path: &str) -> Result<i64, Error> {
    tx.query_row("SELECT coalesce(max(id), 0) FROM imports", [], |r| r.get(0))
        .map_err(sql_str(path))
}

/// Writes planned batches as one release inside `tx`; returns its id and the
/// rows written (no release row when nothing is new).
fn write(
    tx: &Transaction<'_>,
    path: &str,
    info: &ReleaseInfo,
    batches: &[Batch],
    items: &[(SeriesKey, String, String)],
) -> Result<(Option<i64>, usize), Error> {
    let before = max_import_id(tx, path)?;
    let mut added = 0;
    let mut touched: BTreeSet<String> = BTreeSet::new();
    for b in batches {
        let s = apply_in(tx, path, b)?;
        added += s.added;
    }
    if added == 0 {
        return Ok((None, 0));
    }
    let after = max_import_id(tx, path)?;
    {
        let mut stmt = tx
            .prepare(
                "SELECT DISTINCT series FROM observations WHERE import_id > ?1 AND import_id <= ?2
                 UNION SELECT DISTINCT series FROM published WHERE import_id > ?1 AND import_id <= ?2",
            )
            .map_err(sql_str(path))?;
        let rows = stmt
            .query_map([before, after], |r| r.get::<_, String>(0))
            .map_err(sql_str(path))?;
        for r in rows {
            touched.insert(r.map_err(sql_str(path))?);
        }
    }
    let rows: i64 = tx
        .query_row(
            "SELECT (SELECT count(*) FROM observations WHERE import_id > ?1 AND import_id <= ?2)
                  + (SELECT count(*) FROM published WHERE import_id > ?1 AND import_id <= ?2)",
            [before, after],
            |r| r.get(0),
        )
        .map_err(sql_str(path))?;
    tx.execute(
        "INSERT INTO releases(release_date, source, digest, kind, rows, series_touched, imported_at)
         VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            info.release_date.to_string(),
            info.source,
            info.digest,
            info.kind,
            rows,
            touched.len() as i64,
            jiff::Timestamp::now().to_string()
        ],
    )
    .map_err(sql_str(path))?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO release_imports(release_id, import_id) SELECT ?1, id FROM imports WHERE id > ?2 AND id <= ?3",
        params![id, before, after],
    )
    .map_err(sql_str(path))?;
    for (key, item, title) in items {
        tx.execute(
            "INSERT OR IGNORE INTO series_items(series, source_item, source_title) VALUES(?1, ?2, ?3)",
            params![key.as_str(), item, title],
        )
        .map_err(sql_str(path))?;
    }
    Ok((Some(id), added))
}

/// Plans and writes a release inside an open transaction (the bundled data
/// on creation uses this too).
pub(crate) fn import_in(
    tx: &Transaction<'_>,
    path: &str,
    info: &ReleaseInfo,
    batches: &[Batch],
    items: &[(SeriesKey, String, String)],
    statuses: Statuses,
    today: Date,
) -> Result<ReleaseOutcome, Error> {
    ensure_tables(tx, path)?;
    if let Some(id) = find_release_ro(tx, path, info)? {
        return Ok(ReleaseOutcome {
            release_id: None,
            already: Some(id),
            preview: Preview::default(),
            added: 0,
        });
    }
    let (planned, preview) = plan(tx, path, batches, statuses, today)?;
    let (release_id, added) = write(tx, path, info, &planned, items)?;
    Ok(ReleaseOutcome {
        release_id,
        already: None,
        preview,
        added,
    })
}

impl Store {
    /// Imports the batches of one file as one release, in one transaction:
    /// release dates after `today` and statuses that contradict the store
    /// are refused before anything is written. With `dry_run` nothing is
    /// written; the outcome's preview says what would be.
    ///
    /// `items` records the publisher's item number and label of series
    /// (`9.2.2`, "Software consultancy services").
    ///
    /// # Errors
    /// [`Error::Conflict`] naming the file and line (or sheet row), or
    /// [`Error::Sqlite`].
    pub fn import_release(
        &mut self,
        info: &ReleaseInfo,
        batches: &[Batch],
        items: &[(SeriesKey, String, String)],
        statuses: Statuses,
        today: Date,
        dry_run: bool,
    ) -> Result<ReleaseOutcome, Error> {
        let path = self.path.clone();
        if dry_run {
            let known = find_release_ro(&self.conn, &path, info)?;
            if known.is_some() {
                return Ok(ReleaseOutcome {
                    release_id: None,
                    already: known,
                    preview: Preview::default(),
                    added: 0,
                });
            }
            // The whole import runs, row checks included, and is rolled
            // back: the preview then refuses exactly what the import would.
            let tx = self.conn.transaction().map_err(sql_str(&path))?;
            let out = import_in(&tx, &path, info, batches, items, statuses, today)?;
            tx.rollback().map_err(sql_str(&path))?;
            return Ok(ReleaseOutcome {
                release_id: None,
                already: None,
                preview: out.preview,
                added: 0,
            });
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sql_str(&path))?;
        let out = import_in(&tx, &path, info, batches, items, statuses, today)?;
        if out.added > 0 {
            tx.commit().map_err(sql_str(&path))?;
        }
        Ok(out)
    }

    /// Every release, oldest first, with its retraction if any.
    ///
    /// # Errors
    /// [`Error::Sqlite`].
    pub fn releases(&self) -> Result<Vec<ReleaseRecord>, Error> {
        if !has_release_tables(&self.conn, &self.path)? {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare(
                "SELECT r.id, r.release_date, r.source, r.digest, r.kind, r.rows, r.series_touched,
                        r.imported_at, t.retracted_on, t.reason
                 FROM releases r LEFT JOIN retractions t ON t.release_id = r.id
                 ORDER BY r.id",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(ReleaseRecord {
                    id: r.get(0)?,
                    release_date: r.get(1)?,
                    source: r.get(2)?,
                    digest: r.get(3)?,
                    kind: r.get(4)?,
                    rows: r.get(5)?,
                    series_touched: r.get(6)?,
                    imported_at: r.get(7)?,
                    retracted_on: r.get(8)?,
                    retraction_reason: r.get(9)?,
                })
            })
            .map_err(self.err())?;
        rows.collect::<Result<_, _>>().map_err(self.err())
    }

    /// The publisher's item number and label of every series that has one.
    ///
    /// # Errors
    /// [`Error::Sqlite`].
    pub fn source_items(&self) -> Result<HashMap<String, (String, String)>, Error> {
        if !has_release_tables(&self.conn, &self.path)? {
            return Ok(HashMap::new());
        }
        let mut stmt = self
            .conn
            .prepare("SELECT series, source_item, source_title FROM series_items")
            .map_err(self.err())?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .map_err(self.err())?;
        rows.collect::<Result<_, _>>().map_err(self.err())
    }
}

fn has_release_tables(conn: &Connection, path: &str) -> Result<bool, Error> {
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'releases'",
            [],
            |r| r.get(0),
        )
        .map_err(sql_str(path))?;
    Ok(n > 0)
}

fn find_release_ro(
    conn: &Connection,
    path: &str,
    info: &ReleaseInfo,
) -> Result<Option<i64>, Error> {
    if !has_release_tables(conn, path)? {
        return Ok(None);
    }
    conn.query_row(
        "SELECT id FROM releases WHERE digest = ?1 AND release_date = ?2
         AND id NOT IN (SELECT release_id FROM retractions) ORDER BY id LIMIT 1",
        params![info.digest, info.release_date.to_string()],
        |r| r.get(0),
    )
    .optional()
    .map_err(sql_str(path))
}
