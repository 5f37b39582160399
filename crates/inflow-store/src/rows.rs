//! How series and observations map to table rows, both ways.

use inflow_core::{Amount, FiscalCalendar, Observation, SeriesKey, SeriesMeta, Tick, parse_date};
use rusqlite::Connection;

use crate::Error;
use crate::open::sql;

/// The `series` table's columns, in the order of [`meta_row`].
pub(crate) const META_FIELDS: [&str; 10] = [
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
