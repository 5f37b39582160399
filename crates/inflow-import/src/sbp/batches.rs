//! A read workbook as import batches: series definitions for items not yet
//! known, monthly observations, and the year-to-date columns as published
//! totals.

use inflow_core::{
    Amount, Date, Economy, FiscalCalendar, Flow, Frequency, ObsStatus, Observation, Partner,
    Period, PublishedFigure, SeriesKey, SeriesMeta, Unit,
};

use super::{Marker, Workbook};
use crate::{Batch, BatchKind, Error, Located};

/// Where SBP publishes the workbook.
pub const SBP_SOURCE_URL: &str = "https://www.sbp.org.pk/ecodata/dt.xls";

/// Turns a workbook into batches to apply in order: new series, monthly
/// credits and debits (status from the heading's marker: `(P)` provisional,
/// `(R)` revised, none reported; `N/A` cells missing), and the fiscal
/// year-to-date columns as totals published by SBP.
///
/// `known` lists series already defined; only the others get a definition,
/// titled with the label as SBP publishes it.
///
/// # Errors
/// [`Error::Workbook`] only if a value cannot be represented, which the
/// reader has already ruled out.
pub fn to_batches(
    wb: &Workbook,
    release_date: Date,
    source_url: &str,
    known: &[SeriesKey],
) -> Result<Vec<Batch>, Error> {
    let bad = |e: inflow_core::Error| Error::Workbook {
        file: wb.file.clone(),
        reason: e.to_string(),
    };
    let economy: Economy = "PK".parse().map_err(bad)?;
    let mut series = Vec::new();
    for item in &wb.items {
        for flow in [Flow::Exports, Flow::Imports] {
            let key = item.sbp.key(flow).map_err(bad)?;
            if known.contains(&key)
                || series
                    .iter()
                    .any(|s: &Located<SeriesMeta>| s.value.key == key)
            {
                continue;
            }
            series.push(Located {
                line: u64::from(item.row),
                value: SeriesMeta {
                    key,
                    title: item.title.clone(),
                    economy,
                    flow,
                    ebops: item.sbp.ebops().map_err(bad)?,
                    partner: Partner::World,
                    unit: Unit::USD_MILLION,
                    frequency: Frequency::Monthly,
                    source: "State Bank of Pakistan".into(),
                    fiscal: FiscalCalendar::PAKISTAN,
                },
            });
        }
    }
    let short = wb.digest.get(..12).unwrap_or(&wb.digest);
    let mut observations = Vec::new();
    let mut published = Vec::new();
    for v in &wb.values {
        let item = &wb.items[v.item];
        let group = &wb.groups[v.group];
        let key = item.sbp.key(v.flow).map_err(bad)?;
        let side = match v.flow {
            Flow::Exports => "credit",
            Flow::Imports => "debit",
        };
        let note = format!(
            "SBP EBOPS workbook {} (sha256 {short}), {} {} {side}",
            wb.file, v.cell, group.period
        );
        let value = v
            .usd_million
            .map(Amount::try_new)
            .transpose()
            .map_err(bad)?;
        match group.period {
            Period::Month(period) => {
                let status = match (value, group.marker) {
                    (None, _) => ObsStatus::Missing,
                    (Some(_), Marker::Provisional) => ObsStatus::Provisional,
                    (Some(_), Marker::Revised) => ObsStatus::Revised,
                    (Some(_), Marker::None) => ObsStatus::Reported,
                };
                observations.push(Located {
                    line: u64::from(item.row),
                    value: Observation {
                        series: key,
                        period,
                        value,
                        status,
                        release_date,
                        source_url: source_url.to_string(),
                        note,
                    },
                });
            }
            Period::FiscalToDate { .. } => {
                if let Some(value) = value {
                    published.push(Located {
                        line: u64::from(item.row),
                        value: PublishedFigure {
                            series: key,
                            period: group.period,
                            value,
                            publisher: "SBP".into(),
                            release_date,
                            source_url: source_url.to_string(),
                            note,
                        },
                    });
                }
            }
        }
    }
    let batch = |kind| Batch {
        file: wb.file.clone(),
        kind,
        series: Vec::new(),
        observations: Vec::new(),
        quarterly: Vec::new(),
        annual: Vec::new(),
        published: Vec::new(),
    };
    let mut s = batch(BatchKind::Series);
    s.series = series;
    let mut o = batch(BatchKind::Observations);
    o.observations = observations;
    let mut p = batch(BatchKind::Published);
    p.published = published;
    Ok(vec![s, o, p])
}

/// The item number and label SBP gives each series of the workbook, for
/// `inflow series`: (key, `9.2.2`, "Software consultancy services").
pub fn source_items(wb: &Workbook) -> Vec<(SeriesKey, String, String)> {
    let mut out = Vec::new();
    for item in &wb.items {
        for flow in [Flow::Exports, Flow::Imports] {
            if let Ok(key) = item.sbp.key(flow) {
                let number = if item.sbp.number.is_empty() {
                    String::new()
                } else {
                    item.sbp.number.to_string()
                };
                out.push((key, number, item.title.clone()));
            }
        }
    }
    out
}
