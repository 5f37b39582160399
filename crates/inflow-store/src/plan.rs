//! Planning an import: every row of a batch judged against what is stored,
//! with reads only. Nothing here writes, so a rejected batch changes nothing.

use std::collections::HashMap;

use inflow_core::{
    Amount, ObsStatus, Observation, PublishedFigure, SERIES_COLUMNS, SeriesKey, Tick, Year,
    YearQuarter,
};
use inflow_import::Located;
use inflow_import::{Batch, BatchKind};
use rusqlite::{Connection, OptionalExtension, params};

use crate::Error;
use crate::open::sql;
use crate::rows::{meta_row, read_history, series_columns};

/// What an import would store, decided before anything is written.
#[derive(Debug)]
pub(crate) struct Plan<'b> {
    /// The batch's file name, for the import log.
    pub file: &'b str,
    /// Rows equal to what was already known at their release date.
    pub unchanged: usize,
    /// New series definitions, as their stored columns.
    pub series: Vec<[String; 10]>,
    /// New vintages of monthly values.
    pub observations: Vec<&'b Observation>,
    /// New vintages of quarterly values.
    pub quarterly: Vec<&'b Observation<YearQuarter>>,
    /// New vintages of annual values.
    pub annual: Vec<&'b Observation<Year>>,
    /// New published totals.
    pub published: Vec<&'b PublishedFigure>,
}

impl Plan<'_> {
    /// Rows the plan adds.
    pub fn added(&self) -> usize {
        self.series.len()
            + self.observations.len()
            + self.quarterly.len()
            + self.annual.len()
            + self.published.len()
    }
}

/// Judges every row of `batch` against the database (run inside the
/// import's transaction, so what it read is still true when it writes).
///
/// # Errors
/// [`Error::Conflict`] for the first row that disagrees with a stored one.
pub(crate) fn plan<'b>(conn: &Connection, path: &str, batch: &'b Batch) -> Result<Plan<'b>, Error> {
    let mut plan = Plan {
        file: &batch.file,
        unchanged: 0,
        series: Vec::new(),
        observations: Vec::new(),
        quarterly: Vec::new(),
        annual: Vec::new(),
        published: Vec::new(),
    };
    match batch.kind {
        BatchKind::Series => plan_series(conn, path, batch, &mut plan)?,
        BatchKind::Observations => {
            let (mut unchanged, mut new) = (0, Vec::new());
            plan_observations(
                conn,
                path,
                batch,
                &batch.observations,
                &mut unchanged,
                &mut new,
            )?;
            plan.observations = new;
            let mut new = Vec::new();
            plan_observations(
                conn,
                path,
                batch,
                &batch.quarterly,
                &mut unchanged,
                &mut new,
            )?;
            plan.quarterly = new;
            let mut new = Vec::new();
            plan_observations(conn, path, batch, &batch.annual, &mut unchanged, &mut new)?;
            plan.annual = new;
            plan.unchanged += unchanged;
        }
        BatchKind::Published => plan_published(conn, path, batch, &mut plan)?,
    }
    Ok(plan)
}

fn conflict(batch: &Batch, line: u64, reason: String) -> Error {
    Error::Conflict {
        file: batch.file.clone(),
        line,
        reason,
    }
}

fn plan_series(
    conn: &Connection,
    path: &str,
    batch: &Batch,
    plan: &mut Plan<'_>,
) -> Result<(), Error> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {} FROM series WHERE key = ?1",
            series_columns()
        ))
        .map_err(sql(path))?;
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
            .map_err(sql(path))?;
        match stored {
            None => plan.series.push(want),
            Some(have) if have == want => plan.unchanged += 1,
            Some(have) => {
                let i = (0..10).find(|&i| have[i] != want[i]).unwrap_or(0);
                return Err(conflict(
                    batch,
                    s.line,
                    format!(
                        "series {} is already defined with {} {:?}, not {:?}",
                        want[0], SERIES_COLUMNS[i], have[i], want[i]
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Plans the rows of one frequency: new vintages go to `new`, rows equal
/// to what is known count as `unchanged`.
fn plan_observations<'b, P: Tick>(
    conn: &Connection,
    path: &str,
    batch: &Batch,
    observations: &'b [Located<Observation<P>>],
    unchanged: &mut usize,
    new: &mut Vec<&'b Observation<P>>,
) -> Result<(), Error> {
    // Stored history per series, extended with rows planned so far, so
    // several vintages of one period in one file are judged in release order.
    let mut known: HashMap<SeriesKey, Vec<Observation<P>>> = HashMap::new();
    let mut rows: Vec<_> = observations.iter().collect();
    rows.sort_by_key(|o| (o.value.series.clone(), o.value.period, o.value.release_date));
    for row in rows {
        let o = &row.value;
        if !known.contains_key(&o.series) {
            known.insert(o.series.clone(), read_history(conn, path, &o.series)?);
        }
        let history = known.entry(o.series.clone()).or_default();
        let same_month = history.iter().filter(|h| h.period == o.period);
        if let Some(h) = same_month
            .clone()
            .find(|h| h.release_date == o.release_date)
        {
            if h.value == o.value {
                *unchanged += 1;
                continue;
            }
            return Err(conflict(
                batch,
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
        // A provisional value confirmed as revised is news even when the
        // number stays: the publisher no longer expects to change it.
        let confirmed = visible
            .is_some_and(|h| h.status == ObsStatus::Provisional && o.status == ObsStatus::Revised);
        if visible.is_some_and(|h| h.value == o.value) && !confirmed {
            *unchanged += 1;
            continue;
        }
        history.push(o.clone());
        new.push(o);
    }
    Ok(())
}

fn plan_published<'b>(
    conn: &Connection,
    path: &str,
    batch: &'b Batch,
    plan: &mut Plan<'b>,
) -> Result<(), Error> {
    let mut stmt = conn
        .prepare(
            "SELECT value FROM published
             WHERE series = ?1 AND period = ?2 AND release_date = ?3 AND source_url = ?4",
        )
        .map_err(sql(path))?;
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
            .map_err(sql(path))?;
        match stored {
            None => plan.published.push(p),
            Some(v) if v == p.value.get() => plan.unchanged += 1,
            Some(v) => {
                return Err(conflict(
                    batch,
                    row.line,
                    format!(
                        "{} {} from {} released {} is already stored as {v}",
                        p.series, p.period, p.source_url, p.release_date
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn show(v: Option<Amount>) -> String {
    v.map_or_else(|| "missing".to_string(), |a| a.get().to_string())
}
