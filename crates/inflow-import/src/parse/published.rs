//! A row of a published-totals file: a total as a source printed it.

use inflow_core::{Period, PublishedFigure};

use super::row::{Known, Row, amount, known_series, release_after, url};
use crate::Error;

/// The figure the row states, its period read on its series' calendar.
pub(super) fn row(row: &Row<'_>, calendars: &Known) -> Result<PublishedFigure, Error> {
    let (series, (cal, _)) = known_series(row, calendars)?;
    let period = row.parse(1, |s| Period::parse(s, cal))?;
    let value = amount(row)?;
    let publisher = row.required(3)?.to_string();
    let release_date = release_after(row, period.last_month())?;
    Ok(PublishedFigure {
        series,
        period,
        value,
        publisher,
        release_date,
        source_url: url(row, true)?,
        note: row.get(6).to_string(),
    })
}
