//! Writing a planned import, and the change counter every write bumps.

use inflow_core::Amount;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::open::sql;
use crate::plan::Plan;
use crate::{ApplySummary, Error};

/// Stores everything `plan` decided, logging the import. A plan that adds
/// nothing writes nothing, not even a log row.
pub(crate) fn write(
    tx: &Transaction<'_>,
    path: &str,
    plan: &Plan<'_>,
) -> Result<ApplySummary, Error> {
    let e = sql(path);
    let added = plan.added();
    let summary = ApplySummary {
        file: plan.file.to_string(),
        added,
        unchanged: plan.unchanged,
    };
    if added == 0 {
        return Ok(summary);
    }
    let now = jiff::Timestamp::now().to_string();
    tx.execute(
        "INSERT INTO imports(file, imported_at, added, unchanged) VALUES(?1, ?2, ?3, ?4)",
        params![plan.file, now, added as i64, plan.unchanged as i64],
    )
    .map_err(&e)?;
    let import_id = tx.last_insert_rowid();
    let insert_series = format!(
        "INSERT INTO series({}) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        crate::rows::series_columns()
    );
    for s in &plan.series {
        tx.execute(
            &insert_series,
            params![
                s[0],
                s[1],
                s[2],
                s[3],
                s[4],
                s[5],
                s[6],
                s[7],
                s[8],
                s[9].parse::<i64>().unwrap_or(1)
            ],
        )
        .map_err(&e)?;
    }
    insert_observations(tx, &plan.observations, import_id).map_err(&e)?;
    insert_observations(tx, &plan.quarterly, import_id).map_err(&e)?;
    insert_observations(tx, &plan.annual, import_id).map_err(&e)?;
    for p in &plan.published {
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
    bump_generation(tx, path)?;
    Ok(summary)
}

/// Counts one more change to the data. Every transaction that changes what
/// a reader would see calls this, so a cache keyed on [`generation`] is
/// invalidated by any writer, in any process.
pub(crate) fn bump_generation(tx: &Transaction<'_>, path: &str) -> Result<(), Error> {
    tx.execute(
        "INSERT INTO meta(key, value) VALUES('generation', '1')
         ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
        [],
    )
    .map_err(sql(path))?;
    Ok(())
}

/// The data's change counter (0 for a database no writer has counted in).
pub(crate) fn generation(conn: &Connection, path: &str) -> Result<u64, Error> {
    let v: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| {
            r.get(0)
        })
        .optional()
        .map_err(sql(path))?;
    Ok(v.and_then(|s| s.parse().ok()).unwrap_or(0))
}

/// Inserts new vintages of one frequency; the period is stored as written
/// (`2024-04`, `2024-Q2`, `2024`), so the text says the frequency too.
fn insert_observations<P: inflow_core::Tick>(
    tx: &rusqlite::Transaction<'_>,
    rows: &[&inflow_core::Observation<P>],
    import_id: i64,
) -> rusqlite::Result<()> {
    for o in rows {
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
        )?;
    }
    Ok(())
}
