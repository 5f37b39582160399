use std::path::Path;

use inflow_core::{
    Amount, MonthlySeries, Observation, Period, PublishedFigure, Series, SeriesKey, SeriesMeta,
    Tick, Vintage, YearMonth, parse_date,
};
use inflow_import::Batch;
use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, open, plan, rows, write};

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

impl Store {
    /// Opens the database at `path`, creating it with the bundled data if it
    /// does not exist, and bringing the bundled data up to date if this
    /// binary carries newer data than the file.
    ///
    /// Safe to call from several processes at once on the same new path:
    /// one builds the database while the others wait, and none replaces a
    /// file another has written to.
    ///
    /// # Errors
    /// [`Error::Sqlite`] if the file is not an SQLite database,
    /// [`Error::Corrupt`] if it is not an inflow database,
    /// [`Error::SchemaTooNew`], or [`Error::Io`] if it cannot be created.
    pub fn open(path: &Path) -> Result<Store, Error> {
        Ok(Store {
            conn: open::connect(path)?,
            path: path.display().to_string(),
        })
    }

    /// Creates a new database at `path` without the bundled Pakistan data,
    /// for another economy's series alone; opening it later never adds the
    /// bundled data either.
    ///
    /// # Errors
    /// [`Error::Exists`] when a non-empty file is already there; otherwise
    /// as [`Store::open`].
    pub fn create_empty(path: &Path) -> Result<Store, Error> {
        Ok(Store {
            conn: open::create_empty(path)?,
            path: path.display().to_string(),
        })
    }

    /// The database file's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub(crate) fn err(&self) -> impl Fn(rusqlite::Error) -> Error + '_ {
        open::sql(&self.path)
    }

    fn corrupt(&self, reason: impl std::fmt::Display) -> Error {
        Error::Corrupt {
            path: self.path.clone(),
            reason: reason.to_string(),
        }
    }

    /// Imports one parsed file as a single transaction.
    ///
    /// Every row is checked before anything is written: a row whose key is
    /// already stored with a different value is a [`Error::Conflict`] and
    /// nothing is stored. Rows equal to what was known at their release
    /// date are counted as unchanged; an import that adds nothing writes
    /// nothing.
    ///
    /// The write lock is taken before the first read (`BEGIN IMMEDIATE`), so
    /// an import that meets another one waits for it to finish instead of
    /// failing with "database is locked", and what the plan read is still
    /// true when it writes.
    ///
    /// # Errors
    /// [`Error::Conflict`] naming the file and line, or [`Error::Sqlite`].
    pub fn apply(&mut self, batch: &Batch) -> Result<ApplySummary, Error> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(open::sql(&self.path))?;
        let planned = plan::plan(&tx, &self.path, batch)?;
        let summary = write::write(&tx, &self.path, &planned)?;
        if summary.added > 0 {
            tx.commit().map_err(open::sql(&self.path))?;
        }
        Ok(summary)
    }

    /// The data's change counter: it grows with every transaction that
    /// changes stored data, whichever process or connection made it, so a
    /// cache of results computed from the data can be keyed on it.
    ///
    /// # Errors
    /// [`Error::Sqlite`].
    pub fn generation(&self) -> Result<u64, Error> {
        write::generation(&self.conn, &self.path)
    }

    /// Runs SQLite's `PRAGMA integrity_check` and returns what it reports
    /// (`["ok"]` for a sound file).
    ///
    /// # Errors
    /// [`Error::Sqlite`].
    pub fn integrity_check(&self) -> Result<Vec<String>, Error> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(self.err())?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(self.err())?;
        rows.collect::<Result<_, _>>().map_err(self.err())
    }

    /// Every series, ordered by key.
    ///
    /// # Errors
    /// [`Error::Sqlite`] or [`Error::Corrupt`].
    pub fn series_list(&self) -> Result<Vec<SeriesMeta>, Error> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM series ORDER BY key",
                crate::rows::series_columns()
            ))
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
            out.push(
                rows::meta_from_row(&f)
                    .map_err(|e| self.corrupt(format!("series {}: {e}", f[0])))?,
            );
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
                // An empty database is a common first mistake: say what
                // to do rather than list nothing.
                known: if all.is_empty() {
                    "none (the database is empty: import series definitions first)".to_string()
                } else {
                    all.iter()
                        .map(|m| m.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            }),
        }
    }

    /// Every stored observation of a monthly series, all vintages, ordered
    /// by month then release date.
    ///
    /// # Errors
    /// [`Error::Frequency`] for a series that is not monthly,
    /// [`Error::Sqlite`] or [`Error::Corrupt`].
    pub fn history(&self, key: &SeriesKey) -> Result<Vec<Observation>, Error> {
        self.history_of::<YearMonth>(key)
    }

    /// Every stored observation of a series of periods `P`, all vintages,
    /// ordered by period then release date.
    ///
    /// # Errors
    /// [`Error::UnknownSeries`], [`Error::Frequency`] when the series' periods
    /// are not `P`, [`Error::Sqlite`] or [`Error::Corrupt`].
    pub fn history_of<P: Tick>(&self, key: &SeriesKey) -> Result<Vec<Observation<P>>, Error> {
        self.of_frequency::<P>(key.as_str())?;
        crate::retractions::visible_history(&self.conn, &self.path, key, Vintage::Latest)
    }

    /// The series' monthly values in one vintage.
    ///
    /// # Errors
    /// [`Error::UnknownSeries`], [`Error::Frequency`] for a series that is
    /// not monthly, [`Error::Sqlite`] or [`Error::Corrupt`].
    pub fn monthly(&self, key: &str, vintage: Vintage) -> Result<MonthlySeries, Error> {
        self.periodic(key, vintage)
    }

    /// The series' values in one vintage, as periods `P` (months, quarters
    /// or years).
    ///
    /// # Errors
    /// [`Error::UnknownSeries`], [`Error::Frequency`] when the series' periods
    /// are not `P`, [`Error::Sqlite`] or [`Error::Corrupt`].
    pub fn periodic<P: Tick>(&self, key: &str, vintage: Vintage) -> Result<Series<P>, Error> {
        let meta = self.of_frequency::<P>(key)?;
        let history =
            crate::retractions::visible_history(&self.conn, &self.path, &meta.key, vintage)?;
        Ok(Series::from_history(meta, vintage, history))
    }

    /// The series' metadata, or [`Error::Frequency`] when its periods are not `P`.
    pub(crate) fn of_frequency<P: Tick>(&self, key: &str) -> Result<SeriesMeta, Error> {
        let meta = self.series(key)?;
        if meta.frequency != P::FREQUENCY {
            return Err(Error::Frequency {
                key: meta.key.to_string(),
                found: meta.frequency,
                wanted: P::FREQUENCY,
            });
        }
        Ok(meta)
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
        crate::retractions::visible_published(&self.conn, &self.path, &meta.key, vintage, out)
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
