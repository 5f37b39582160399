use std::collections::HashMap;
use std::path::{Path, PathBuf};

use inflow_core::{
    Amount, FiscalCalendar, Frequency, MonthlySeries, ObsStatus, Observation, Period,
    PublishedFigure, SeriesKey, SeriesMeta, Vintage, parse_date,
};
use inflow_import::{BUNDLED, BUNDLED_WORKBOOKS, Batch, BatchKind};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};

use crate::{Error, schema};

/// An open inflow database.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: String,
}

/// What an import changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplySummary {
    /// The file imported.
    pub file: String,
    /// Rows stored: new series, new vintages of values, new published totals.
    pub added: usize,
    /// Rows identical to what was already known at their release date.
    pub unchanged: usize,
}

/// One past import, as logged in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    /// The file's name as given.
    pub file: String,
    /// When it was imported (UTC, RFC 3339).
    pub imported_at: String,
    /// Rows added.
    pub added: usize,
    /// Rows that were already known.
    pub unchanged: usize,
}

/// A digest of the bundled files, so a database built by an older binary
/// picks up newer bundled data. FNV-1a is enough: this detects change, it
/// does not defend against tampering, and it must be stable across Rust
/// versions (std's hasher is not).
fn bundled_digest() -> String {
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

impl Store {
    /// Opens the database at `path`, creating it with the bundled data if it
    /// does not exist, and bringing the bundled data up to date if this
    /// binary carries newer data than the file.
    ///
    /// # Errors
    /// [`Error::Sqlite`] if the file is not an SQLite database,
    /// [`Error::Corrupt`] if it is not an inflow database,
    /// [`Error::SchemaTooNew`], or [`Error::Io`] if it cannot be created.
    pub fn open(path: &Path) -> Result<Store, Error> {
        if !path.exists() {
            create(path)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql(path))?;
        let mut store = Store {
            conn,
            path: path.display().to_string(),
        };
        // A reader that meets an import's write lock waits for it rather
        // than failing: the server reads while an admin imports.
        store
            .conn
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(store.err())?;
        store.check_schema()?;
        store.refresh_bundled()?;
        Ok(store)
    }

    /// The database file's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub(crate) fn err(&self) -> impl Fn(rusqlite::Error) -> Error + '_ {
        move |source| Error::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn corrupt(&self, reason: impl std::fmt::Display) -> Error {
        Error::Corrupt {
            path: self.path.clone(),
            reason: reason.to_string(),
        }
    }

    fn check_schema(&self) -> Result<(), Error> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(self.err())?;
        if version > schema::VERSION {
            return Err(Error::SchemaTooNew {
                path: self.path.clone(),
                found: version,
                supported: schema::VERSION,
            });
        }
        if version < 1 {
            return Err(self.corrupt("not an inflow database (no schema version)"));
        }
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(self.err())?;
        crate::releases::ensure_tables(&self.conn, &self.path)
    }

    fn refresh_bundled(&mut self) -> Result<(), Error> {
        let stored: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'bundled_digest'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err())?;
        let digest = bundled_digest();
        if stored.as_deref() == Some(digest.as_str()) {
            return Ok(());
        }
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(sql_str(&path))?;
        crate::bundled::apply_bundled(&tx, &path)?;
        set_digest(&tx, &path, &digest)?;
        tx.commit().map_err(sql_str(&path))
    }

    /// Imports one parsed file as a single transaction.
    ///
    /// Every row is checked before anything is written: a row whose key is
    /// already stored with a different value is a [`Error::Conflict`] and
    /// nothing is stored. Rows equal to what was known at their release
    /// date are counted as unchanged; an import that adds nothing writes
    /// nothing.
    ///
    /// # Errors
    /// [`Error::Conflict`] naming the file and line, or [`Error::Sqlite`].
    pub fn apply(&mut self, batch: &Batch) -> Result<ApplySummary, Error> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(sql_str(&path))?;
        let summary = apply_in(&tx, &path, batch)?;
        if summary.added > 0 {
            tx.commit().map_err(sql_str(&path))?;
        }
        Ok(summary)
    }

    /// Every series, ordered by key.
    ///
    /// # Errors
    /// [`Error::Sqlite`] or [`Error::Corrupt`].
    pub fn series_list(&self) -> Result<Vec<SeriesMeta>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT key, title, economy, flow, ebops, partner, unit, frequency, source, fiscal_start
                 FROM series ORDER BY key",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map([], |r| {
                Ok([
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get::<_, i64>(9)?.to_string(),
                ])
            })
            .map_err(self.err())?;
        let mut out = Vec::new();
        for row in rows {
            let f = row.map_err(self.err())?;
            out.push(meta_from_row(&f).map_err(|e| self.corrupt(format!("series {}: {e}", f[0])))?);
        }
        Ok(out)
    }

    /// The series with this key.
    ///
    /// # Errors
    /// [`Error::UnknownSeries`] listing the keys that exist.
    pub fn series(&self, key: &str) -> Result<SeriesMeta, Error> {
        let all = self.series_list()?;
        match all.iter().find(|m| m.key.as_str() == key) {
            Some(m) => Ok(m.clone()),
            None => Err(Error::UnknownSeries {
                key: key.to_string(),
                known: all
                    .iter()
                    .map(|m| m.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// Every stored observation of a series, all vintages, ordered by month
    /// then release date.
    ///
    /// # Errors
    /// [`Error::Sqlite`] or [`Error::Corrupt`].
    pub fn history(&self, key: &SeriesKey) -> Result<Vec<Observation>, Error> {
        crate::releases::visible_history(&self.conn, &self.path, key, Vintage::Latest)
    }

    /// The series' monthly values in one vintage.
    ///
    /// # Errors
    /// [`Error::UnknownSeries`], [`Error::Sqlite`] or [`Error::Corrupt`].
    pub fn monthly(&self, key: &str, vintage: Vintage) -> Result<MonthlySeries, Error> {
        let meta = self.series(key)?;
        let history = crate::releases::visible_history(&self.conn, &self.path, &meta.key, vintage)?;
        Ok(MonthlySeries::from_history(meta, vintage, history))
    }

    /// Totals published for a series and released in `vintage`, ordered by
    /// period end then release date.
    ///
    /// # Errors
    /// [`Error::UnknownSeries`], [`Error::Sqlite`] or [`Error::Corrupt`].
    pub fn published(&self, key: &str, vintage: Vintage) -> Result<Vec<PublishedFigure>, Error> {
        let meta = self.series(key)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT period, release_date, source_url, value, publisher, note
                 FROM published WHERE series = ?1 ORDER BY release_date, period",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map([key], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, f64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .map_err(self.err())?;
        let mut out = Vec::new();
        for row in rows {
            let (period, release, source_url, value, publisher, note) = row.map_err(self.err())?;
            let bad = |e: inflow_core::Error| self.corrupt(format!("{key} {period}: {e}"));
            let release_date = parse_date(&release).map_err(bad)?;
            if !vintage.includes(release_date) {
                continue;
            }
            out.push(PublishedFigure {
                series: meta.key.clone(),
                period: Period::parse(&period, meta.fiscal).map_err(bad)?,
                value: Amount::try_new(value).map_err(bad)?,
                publisher,
                release_date,
                source_url,
                note,
            });
        }
        out.sort_by_key(|p| (p.period.last_month(), p.release_date));
        crate::releases::visible_published(&self.conn, &self.path, &meta.key, vintage, out)
    }

    /// Past imports, oldest first.
    ///
    /// # Errors
    /// [`Error::Sqlite`].
    pub fn imports(&self) -> Result<Vec<ImportRecord>, Error> {
        let mut stmt = self
            .conn
            .prepare("SELECT file, imported_at, added, unchanged FROM imports ORDER BY id")
            .map_err(self.err())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(ImportRecord {
                    file: r.get(0)?,
                    imported_at: r.get(1)?,
                    added: r.get::<_, i64>(2)?.try_into().unwrap_or(0),
                    unchanged: r.get::<_, i64>(3)?.try_into().unwrap_or(0),
                })
            })
            .map_err(self.err())?;
        rows.collect::<Result<_, _>>().map_err(self.err())
    }
}

fn sql(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |source| Error::Sqlite {
        path: path.display().to_string(),
        source,
    }
}

pub(crate) fn sql_str(path: &str) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |source| Error::Sqlite {
        path: path.to_string(),
        source,
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Builds a new database in a temporary file beside `path`, then renames it
/// into place, so a failure leaves no half-written database.
fn create(path: &Path) -> Result<(), Error> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let mut tmp = PathBuf::from(path);
    tmp.set_file_name(format!(
        ".{}.{}.tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("inflow.db"),
        std::process::id()
    ));
    let result = (|| {
        let mut conn = Connection::open(&tmp).map_err(sql(&tmp))?;
        let tmp_s = tmp.display().to_string();
        let tx = conn.transaction().map_err(sql(&tmp))?;
        tx.execute_batch(schema::CREATE).map_err(sql(&tmp))?;
        tx.pragma_update(None, "user_version", schema::VERSION)
            .map_err(sql(&tmp))?;
        crate::bundled::apply_bundled(&tx, &tmp_s)?;
        set_digest(&tx, &tmp_s, &bundled_digest())?;
        tx.commit().map_err(sql(&tmp))?;
        conn.close().map_err(|(_, e)| sql(&tmp)(e))?;
        std::fs::rename(&tmp, path).map_err(io(path))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn set_digest(tx: &Transaction<'_>, path: &str, digest: &str) -> Result<(), Error> {
    tx.execute(
        "INSERT INTO meta(key, value) VALUES('bundled_digest', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [digest],
    )
    .map_err(sql_str(path))?;
    Ok(())
}

fn meta_from_row(f: &[String; 10]) -> Result<SeriesMeta, inflow_core::Error> {
    Ok(SeriesMeta {
        key: f[0].parse()?,
        title: f[1].clone(),
        economy: f[2].parse()?,
        flow: f[3].parse()?,
        ebops: f[4].parse()?,
        partner: f[5].parse()?,
        unit: f[6].parse()?,
        frequency: Frequency::Monthly,
        source: f[8].clone(),
        fiscal: FiscalCalendar::new(f[9].parse().unwrap_or(0))?,
    })
}

fn meta_row(m: &SeriesMeta) -> [String; 10] {
    [
        m.key.to_string(),
        m.title.clone(),
        m.economy.to_string(),
        m.flow.to_string(),
        m.ebops.to_string(),
        m.partner.to_string(),
        m.unit.to_string(),
        m.frequency.to_string(),
        m.source.clone(),
        m.fiscal.start_month().to_string(),
    ]
}

const META_FIELDS: [&str; 10] = [
    "key",
    "title",
    "economy",
    "flow",
    "ebops",
    "partner",
    "unit",
    "frequency",
    "source",
    "fiscal_start",
];

/// Plans every row against what is stored (reads only), then writes.
pub(crate) fn apply_in(
    tx: &Transaction<'_>,
    path: &str,
    batch: &Batch,
) -> Result<ApplySummary, Error> {
    let e = sql_str(path);
    let conflict = |line: u64, reason: String| Error::Conflict {
        file: batch.file.clone(),
        line,
        reason,
    };
    let mut unchanged = 0;
    let mut new_series = Vec::new();
    let mut new_obs: Vec<&Observation> = Vec::new();
    let mut new_pub = Vec::new();
    match batch.kind {
        BatchKind::Series => {
            let mut stmt = tx
                .prepare(
                    "SELECT key, title, economy, flow, ebops, partner, unit, frequency, source, fiscal_start
                     FROM series WHERE key = ?1",
                )
                .map_err(&e)?;
            for s in &batch.series {
                let want = meta_row(&s.value);
                let stored: Option<[String; 10]> = stmt
                    .query_row([&want[0]], |r| {
                        let mut a: [String; 10] = Default::default();
                        for (i, slot) in a.iter_mut().enumerate().take(9) {
                            *slot = r.get(i)?;
                        }
                        a[9] = r.get::<_, i64>(9)?.to_string();
                        Ok(a)
                    })
                    .optional()
                    .map_err(&e)?;
                match stored {
                    None => new_series.push(want),
                    Some(have) if have == want => unchanged += 1,
                    Some(have) => {
                        let i = (0..10).find(|&i| have[i] != want[i]).unwrap_or(0);
                        return Err(conflict(
                            s.line,
                            format!(
                                "series {} is already defined with {} {:?}, not {:?}",
                                want[0], META_FIELDS[i], have[i], want[i]
                            ),
                        ));
                    }
                }
            }
        }
        BatchKind::Observations => {
            // Stored history per series, extended with rows planned so far,
            // so several vintages of one month in one file are judged in
            // release order.
            let mut known: HashMap<SeriesKey, Vec<Observation>> = HashMap::new();
            let mut rows: Vec<_> = batch.observations.iter().collect();
            rows.sort_by_key(|o| (o.value.series.clone(), o.value.period, o.value.release_date));
            for row in rows {
                let o = &row.value;
                if !known.contains_key(&o.series) {
                    known.insert(o.series.clone(), read_history(tx, path, &o.series)?);
                }
                let history = known.entry(o.series.clone()).or_default();
                let same_month = history.iter().filter(|h| h.period == o.period);
                if let Some(h) = same_month
                    .clone()
                    .find(|h| h.release_date == o.release_date)
                {
                    if h.value == o.value {
                        unchanged += 1;
                        continue;
                    }
                    return Err(conflict(
                        row.line,
                        format!(
                            "{} {} released {} is already stored as {}; stored values are never \
                             overwritten, so give a changed value its own release_date",
                            o.series,
                            o.period,
                            o.release_date,
                            show(h.value)
                        ),
                    ));
                }
                let visible = same_month
                    .filter(|h| h.release_date < o.release_date)
                    .max_by_key(|h| h.release_date);
                // A provisional value confirmed as revised is news even when
                // the number stays: the publisher no longer expects to change it.
                let confirmed = visible.is_some_and(|h| {
                    h.status == ObsStatus::Provisional && o.status == ObsStatus::Revised
                });
                if visible.is_some_and(|h| h.value == o.value) && !confirmed {
                    unchanged += 1;
                    continue;
                }
                history.push(o.clone());
                new_obs.push(o);
            }
        }
        BatchKind::Published => {
            let mut stmt = tx
                .prepare(
                    "SELECT value FROM published
                     WHERE series = ?1 AND period = ?2 AND release_date = ?3 AND source_url = ?4",
                )
                .map_err(&e)?;
            for row in &batch.published {
                let p = &row.value;
                let stored: Option<f64> = stmt
                    .query_row(
                        params![
                            p.series.as_str(),
                            p.period.to_string(),
                            p.release_date.to_string(),
                            p.source_url
                        ],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(&e)?;
                match stored {
                    None => new_pub.push(p),
                    Some(v) if v == p.value.get() => unchanged += 1,
                    Some(v) => {
                        return Err(conflict(
                            row.line,
                            format!(
                                "{} {} from {} released {} is already stored as {v}",
                                p.series, p.period, p.source_url, p.release_date
                            ),
                        ));
                    }
                }
            }
        }
    }
    let added = new_series.len() + new_obs.len() + new_pub.len();
    if added == 0 {
        return Ok(ApplySummary {
            file: batch.file.clone(),
            added,
            unchanged,
        });
    }
    let now = jiff::Timestamp::now().to_string();
    tx.execute(
        "INSERT INTO imports(file, imported_at, added, unchanged) VALUES(?1, ?2, ?3, ?4)",
        params![batch.file, now, added as i64, unchanged as i64],
    )
    .map_err(&e)?;
    let import_id = tx.last_insert_rowid();
    for s in &new_series {
        tx.execute(
            "INSERT INTO series(key, title, economy, flow, ebops, partner, unit, frequency, source, fiscal_start)
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9].parse::<i64>().unwrap_or(1)],
        )
        .map_err(&e)?;
    }
    for o in &new_obs {
        tx.execute(
            "INSERT INTO observations(series, period, release_date, value, status, source_url, note, import_id)
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                o.series.as_str(),
                o.period.to_string(),
                o.release_date.to_string(),
                o.value.map(Amount::get),
                o.status.as_str(),
                o.source_url,
                o.note,
                import_id
            ],
        )
        .map_err(&e)?;
    }
    for p in &new_pub {
        tx.execute(
            "INSERT INTO published(series, period, release_date, source_url, value, publisher, note, import_id)
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                p.series.as_str(),
                p.period.to_string(),
                p.release_date.to_string(),
                p.source_url,
                p.value.get(),
                p.publisher,
                p.note,
                import_id
            ],
        )
        .map_err(&e)?;
    }
    Ok(ApplySummary {
        file: batch.file.clone(),
        added,
        unchanged,
    })
}

fn show(v: Option<Amount>) -> String {
    v.map_or_else(|| "missing".to_string(), |a| a.get().to_string())
}

/// Every stored observation of a series, ordered by month then release date.
pub(crate) fn read_history(
    conn: &Connection,
    path: &str,
    key: &SeriesKey,
) -> Result<Vec<Observation>, Error> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT period, release_date, value, status, source_url, note
             FROM observations WHERE series = ?1 ORDER BY period, release_date",
        )
        .map_err(sql_str(path))?;
    let rows = stmt
        .query_map([key.as_str()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<f64>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })
        .map_err(sql_str(path))?;
    let mut out = Vec::new();
    for row in rows {
        let (period, release, value, status, source_url, note) = row.map_err(sql_str(path))?;
        let bad = |e: inflow_core::Error| Error::Corrupt {
            path: path.to_string(),
            reason: format!("{key} {period}: {e}"),
        };
        out.push(Observation {
            series: key.clone(),
            period: period.parse().map_err(bad)?,
            value: value.map(Amount::try_new).transpose().map_err(bad)?,
            status: status.parse().map_err(bad)?,
            release_date: parse_date(&release).map_err(bad)?,
            source_url,
            note,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use inflow_core::{Vintage, YearMonth};

    fn fresh() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("sub/inflow.db")).unwrap();
        (dir, store)
    }

    fn ym(s: &str) -> YearMonth {
        s.parse().unwrap()
    }

    fn batch(store: &Store, text: &str) -> Batch {
        inflow_import::parse_str("new.csv", text, &store.series_list().unwrap()).unwrap()
    }

    const H: &str = "series,period,value,status,release_date,source_url,note\n";

    #[test]
    fn new_database_holds_the_bundled_data_and_every_vintage() {
        let (_d, store) = fresh();
        // The bundled series, and credit and debit of every item of the
        // bundled SBP workbook (88 items).
        assert_eq!(store.series_list().unwrap().len(), 176);
        let latest = store.monthly("pk.ict.exports", Vintage::Latest).unwrap();
        assert_eq!(latest.value(ym("2021-04")), Some(193.0));
        let then = store
            .monthly(
                "pk.ict.exports",
                Vintage::AsOf(parse_date("2021-06-01").unwrap()),
            )
            .unwrap();
        assert_eq!(then.value(ym("2021-04")), Some(196.0));
        assert_eq!(
            store
                .history(&"pk.ict.exports".parse().unwrap())
                .unwrap()
                .len(),
            94
        );
        assert!(
            store
                .published("pk.ict.exports", Vintage::Latest)
                .unwrap()
                .len()
                > 100
        );
        assert!(matches!(
            store.series("pk.nope"),
            Err(Error::UnknownSeries { .. })
        ));
    }

    #[test]
    fn a_changed_value_is_a_new_vintage_and_the_same_value_is_not() {
        let (_d, mut store) = fresh();
        let b = batch(
            &store,
            &format!(
                "{H}pk.ict.exports,2026-02,363.81,revised,2026-09-20,https://a.example/same,\n\
                 pk.ict.exports,2026-01,380,revised,2026-09-20,https://a.example/rev,\n\
                 pk.ict.exports,2026-08,400,reported,2026-09-20,https://a.example/new,\n"
            ),
        );
        let s = store.apply(&b).unwrap();
        assert_eq!((s.added, s.unchanged), (2, 1));
        let latest = store.monthly("pk.ict.exports", Vintage::Latest).unwrap();
        assert_eq!(latest.value(ym("2026-01")), Some(380.0));
        // The earlier value is still there for anyone reading as of before.
        let before = store
            .monthly(
                "pk.ict.exports",
                Vintage::AsOf(parse_date("2026-09-19").unwrap()),
            )
            .unwrap();
        assert_eq!(before.value(ym("2026-01")), Some(373.528));
        assert_eq!(before.value(ym("2026-08")), None);
        // Importing the same file again adds nothing and logs nothing.
        let again = store.apply(&b).unwrap();
        assert_eq!((again.added, again.unchanged), (0, 3));
        assert_eq!(
            store
                .imports()
                .unwrap()
                .iter()
                .filter(|i| i.file == "new.csv")
                .count(),
            1
        );
    }

    #[test]
    fn conflicting_row_changes_nothing() {
        let (dir, mut store) = fresh();
        let path = dir.path().join("sub/inflow.db");
        drop(store);
        let before = std::fs::read(&path).unwrap();
        store = Store::open(&path).unwrap();
        let b = batch(
            &store,
            &format!(
                "{H}pk.ict.exports,2026-08,400,reported,2026-09-20,https://a.example/new,\n\
                 pk.ict.exports,2021-04,199,reported,2021-05-20,https://a.example/x,\n"
            ),
        );
        let err = store.apply(&b).unwrap_err().to_string();
        assert!(
            err.starts_with(
                "new.csv:3: pk.ict.exports 2021-04 released 2021-05-20 is already stored as 196"
            ),
            "{err}"
        );
        drop(store);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn not_a_database_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.db");
        std::fs::write(&p, "hello, this is text").unwrap();
        assert!(matches!(Store::open(&p), Err(Error::Sqlite { .. })));
        let empty = dir.path().join("empty.db");
        Connection::open(&empty)
            .unwrap()
            .execute_batch("CREATE TABLE t(x)")
            .unwrap();
        assert!(matches!(Store::open(&empty), Err(Error::Corrupt { .. })));
    }

    #[test]
    fn series_redefinition_is_a_conflict() {
        let (_d, mut store) = fresh();
        let text = "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n\
                    pk.ict.exports,x,PK,exports,SI,W1,USD thousand,M,SBP,7\n";
        let err = store.apply(&batch(&store, text)).unwrap_err().to_string();
        assert!(err.contains("already defined with title"), "{err}");
        let text = "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n\
                    in.ict.exports,India ICT exports,IN,exports,SI,W1,USD million,M,RBI,4\n";
        assert_eq!(store.apply(&batch(&store, text)).unwrap().added, 1);
        assert_eq!(
            store.series("in.ict.exports").unwrap().fiscal.start_month(),
            4
        );
    }
}
