//! The database schema. `PRAGMA user_version` holds [`VERSION`].

/// Current schema version.
pub const VERSION: i64 = 1;

/// Creates every table. Run on an empty database inside a transaction.
pub const CREATE: &str = "
CREATE TABLE meta(
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE series(
    key          TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    economy      TEXT NOT NULL,
    flow         TEXT NOT NULL,
    ebops        TEXT NOT NULL,
    partner      TEXT NOT NULL,
    unit         TEXT NOT NULL,
    frequency    TEXT NOT NULL,
    source       TEXT NOT NULL,
    fiscal_start INTEGER NOT NULL
);
CREATE TABLE imports(
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    added       INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL
);
-- One row per value per release: never updated, never deleted.
CREATE TABLE observations(
    series       TEXT NOT NULL REFERENCES series(key),
    period       TEXT NOT NULL,
    release_date TEXT NOT NULL,
    value        REAL,
    status       TEXT NOT NULL,
    source_url   TEXT NOT NULL,
    note         TEXT NOT NULL,
    import_id    INTEGER NOT NULL REFERENCES imports(id),
    PRIMARY KEY(series, period, release_date)
) WITHOUT ROWID;
CREATE TABLE published(
    series       TEXT NOT NULL REFERENCES series(key),
    period       TEXT NOT NULL,
    release_date TEXT NOT NULL,
    source_url   TEXT NOT NULL,
    value        REAL NOT NULL,
    publisher    TEXT NOT NULL,
    note         TEXT NOT NULL,
    import_id    INTEGER NOT NULL REFERENCES imports(id),
    PRIMARY KEY(series, period, release_date, source_url)
) WITHOUT ROWID;
";
