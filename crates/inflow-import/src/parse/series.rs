//! A row of a series file: one series' definition.

use inflow_core::{FiscalCalendar, Frequency, SeriesMeta};

use super::row::Row;
use crate::Error;

/// The definition the row states; its fiscal calendar must suit its
/// frequency.
pub(super) fn row(row: &Row<'_>) -> Result<SeriesMeta, Error> {
    let frequency: Frequency = row.parse(7, str::parse)?;
    let fiscal = row.parse(9, |s| {
        s.parse::<u32>()
            .map_err(|_| "expected the month number (1-12) in which fiscal years start".to_string())
            .and_then(|m| FiscalCalendar::new(m).map_err(|e| e.to_string()))
    })?;
    if !fiscal.fits(frequency) {
        return Err(row.err(
            9,
            match frequency {
                Frequency::Annual => "an annual series has calendar-year periods (YYYY), so its \
                                      fiscal year must start in January (1)"
                    .to_string(),
                _ => format!(
                    "a {} series needs fiscal years of whole calendar quarters: start month 1, \
                     4, 7 or 10, not {}",
                    frequency.adjective(),
                    fiscal.start_month()
                ),
            },
        ));
    }
    Ok(SeriesMeta {
        key: row.parse(0, str::parse)?,
        title: row.required(1)?.to_string(),
        economy: row.parse(2, str::parse)?,
        flow: row.parse(3, str::parse)?,
        ebops: row.parse(4, str::parse)?,
        partner: row.parse(5, str::parse)?,
        unit: row.parse(6, str::parse)?,
        frequency,
        source: row.required(8)?.to_string(),
        fiscal,
    })
}
