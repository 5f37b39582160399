//! How series and observations map to table rows, both ways.

use inflow_core::{
    Amount, FiscalCalendar, Observation, SERIES_COLUMNS, SeriesKey, SeriesMeta, Tick, parse_date,
};
use rusqlite::Connection;

use crate::Error;
use crate::open::sql;

/// The `series` table's columns, in the order of [`meta_row`], for SQL:
/// the table's columns are named as the definition's fields.
pub(crate) fn series_columns() -> String {
    SERIES_COLUMNS.join(", ")
}

pub(crate) fn meta_from_row(f: &[String; 10]) -> Result<SeriesMeta, inflow_core::Error> {
    Ok(SeriesMeta {
        key: f[0].parse()?,
        title: f[1].clone(),
        economy: f[2].parse()?,
        flow: f[3].parse()?,
        ebops: f[4].parse()?,
        partner: f[5].parse()?,
        unit: f[6].parse()?,
        frequency: f[7].parse()?,
        source: f[8].clone(),
        fiscal: FiscalCalendar::new(f[9].parse().unwrap_or(0))?,
    })
}

pub(crate) fn meta_row(m: &SeriesMeta) -> [String; 10] {
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

/// Every stored observation of a series, ordered by period then release
/// date, read as periods of type `P` (a stored period of another frequency
/// is a corrupt file: imports only store the series' own).
pub(crate) fn read_history<P: Tick>(
    conn: &Connection,
    path: &str,
    key: &SeriesKey,
) -> Result<Vec<Observation<P>>, Error> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT period, release_date, value, status, source_url, note
             FROM observations WHERE series = ?1 ORDER BY period, release_date",
        )
        .map_err(sql(path))?;
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
        .map_err(sql(path))?;
    let mut out = Vec::new();
    for row in rows {
        let (period, release, value, status, source_url, note) = row.map_err(sql(path))?;
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
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// The SQL built from [`SERIES_COLUMNS`] only works while the table's
    /// columns carry the same names in the same order.
    #[test]
    fn the_series_table_has_the_definition_columns() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(crate::schema::CREATE).unwrap();
        let mut stmt = conn.prepare("PRAGMA table_info(series)").unwrap();
        let names: Vec<String> = stmt
            .query_map([], |r| r.get(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(names, SERIES_COLUMNS);
    }
}
