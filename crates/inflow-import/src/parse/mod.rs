//! Tidy CSV files: which kind a file is (from its header), and the loop
//! that reads it row by row into a [`Batch`], refusing duplicates.
//!
//! Each kind's rows are read in their own module; [`row`] holds what they
//! share (field access, messages that name the cell, common fields).

mod observations;
mod published;
mod row;
mod series;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use inflow_core::{
    Date, Observation, PublishedFigure, SERIES_COLUMNS, SeriesMeta, Year, YearQuarter,
};

use crate::Error;
use crate::check::{self, excerpt};
use row::{Known, Row};

const SERIES_HEADER: &[&str] = &SERIES_COLUMNS;
const OBS_HEADER: &[&str] = &[
    "series",
    "period",
    "value",
    "status",
    "release_date",
    "source_url",
    "note",
];
const PUBLISHED_HEADER: &[&str] = &[
    "series",
    "period",
    "value",
    "publisher",
    "release_date",
    "source_url",
    "note",
];

/// Which kind of file a batch came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchKind {
    /// Series definitions.
    Series,
    /// Vintaged monthly observations.
    Observations,
    /// Totals as published.
    Published,
}

/// A parsed value with the line it came from, so later checks (such as a
/// conflict with a stored value) can point at the row.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// 1-based line number in the file.
    pub line: u64,
    /// The parsed value.
    pub value: T,
}

/// Everything parsed from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// The file's name as given, for messages.
    pub file: String,
    /// The kind of file.
    pub kind: BatchKind,
    /// Series definitions (for [`BatchKind::Series`]).
    pub series: Vec<Located<SeriesMeta>>,
    /// Monthly observations (for [`BatchKind::Observations`]).
    pub observations: Vec<Located<Observation>>,
    /// Observations of quarterly series (for [`BatchKind::Observations`]).
    pub quarterly: Vec<Located<Observation<YearQuarter>>>,
    /// Observations of annual series (for [`BatchKind::Observations`]).
    pub annual: Vec<Located<Observation<Year>>>,
    /// Published totals (for [`BatchKind::Published`]).
    pub published: Vec<Located<PublishedFigure>>,
}

/// Parses and validates one file.
///
/// `known` lists the series already defined (in the store, or earlier in
/// the same import); observation and published rows must name one of them.
///
/// ```
/// let text = "series,period,value,status,release_date,source_url,note\n\
///             pk.ict.exports,2024-13,310,reported,2024-05-20,https://example.org/a,\n";
/// # let known: Vec<inflow_core::SeriesMeta> = inflow_import::bundled_batches()?[0]
/// #     .series.iter().map(|s| s.value.clone()).collect();
/// let err = inflow_import::parse_str("new.csv", text, &known).unwrap_err();
/// assert!(err.to_string().starts_with("new.csv:2:2: field `period`"));
/// # Ok::<(), inflow_import::Error>(())
/// ```
///
/// Release dates are checked against today's date (UTC); use
/// [`parse_str_on`] to give the date.
///
/// # Errors
/// The first problem found, naming file, line, column and field.
pub fn parse_str(file: &str, text: &str, known: &[SeriesMeta]) -> Result<Batch, Error> {
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    parse_str_on(file, text, known, today)
}

/// [`parse_str`] with the date that counts as today: a release date more
/// than one day after it (a day's grace for time zones ahead of UTC) is
/// refused as a release from the future.
///
/// ```
/// # let known: Vec<inflow_core::SeriesMeta> = inflow_import::bundled_batches()?[0]
/// #     .series.iter().map(|s| s.value.clone()).collect();
/// let text = "series,period,value,status,release_date,source_url,note\n\
///             pk.ict.exports,2024-04,310,reported,2024-05-20,https://example.org/a,\n";
/// let on = |d: &str| inflow_import::parse_str_on("f.csv", text, &known, d.parse().unwrap());
/// assert!(on("2024-05-20").is_ok());
/// assert!(on("2024-05-19").is_ok());
/// let err = on("2024-05-18").unwrap_err().to_string();
/// assert!(err.starts_with("f.csv:2:5: field `release_date`: 2024-05-20 is in the future"), "{err}");
/// # Ok::<(), inflow_import::Error>(())
/// ```
///
/// # Errors
/// The first problem found, naming file, line, column and field.
pub fn parse_str_on(
    file: &str,
    text: &str,
    known: &[SeriesMeta],
    today: Date,
) -> Result<Batch, Error> {
    let unclosed = check::unclosed_quote(text);
    if let Some((1, column)) = unclosed {
        return Err(Error::Row {
            file: file.to_string(),
            line: 1,
            reason: format!("field {column} opens a quote that does not close on its line"),
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| csv_error(file, &e))?.clone();
    let found: Vec<&str> = header.iter().collect();
    let (kind, names) = if found == SERIES_HEADER {
        (BatchKind::Series, SERIES_HEADER)
    } else if found == OBS_HEADER {
        (BatchKind::Observations, OBS_HEADER)
    } else if found == PUBLISHED_HEADER {
        (BatchKind::Published, PUBLISHED_HEADER)
    } else {
        return Err(Error::Header {
            file: file.to_string(),
            found: excerpt(&found.join(",")),
            expected: [SERIES_HEADER, OBS_HEADER, PUBLISHED_HEADER]
                .map(|h| h.join(","))
                .join("\n  "),
        });
    };
    if let Some((line, column)) = unclosed {
        let reason = "opens a quote that does not close on its line (fields may not span lines)";
        return Err(match names.get(column - 1) {
            Some(name) => Error::Field {
                file: file.to_string(),
                line,
                column,
                field: (*name).to_string(),
                reason: reason.to_string(),
            },
            None => Error::Row {
                file: file.to_string(),
                line,
                reason: format!("field {column} {reason}"),
            },
        });
    }
    let mut batch = Batch {
        file: file.to_string(),
        kind,
        series: Vec::new(),
        observations: Vec::new(),
        quarterly: Vec::new(),
        annual: Vec::new(),
        published: Vec::new(),
    };
    let mut calendars: Known = known
        .iter()
        .map(|m| (m.key.clone(), (m.fiscal, m.frequency)))
        .collect();
    // Key of each row already seen, mapped to its line, to report duplicates.
    let mut seen: HashMap<String, u64> = HashMap::new();
    for result in reader.records() {
        let record = result.map_err(|e| csv_error(file, &e))?;
        let line = record.position().map_or(0, |p| p.line());
        let row = Row::new(file, line, names, &record, today);
        row.screen()?;
        let (key, dup_col) = match kind {
            BatchKind::Series => {
                let meta = series::row(&row)?;
                calendars.insert(meta.key.clone(), (meta.fiscal, meta.frequency));
                let k = meta.key.to_string();
                batch.series.push(Located { line, value: meta });
                (k, 0)
            }
            BatchKind::Observations => {
                let k = observations::push(&row, &calendars, &mut batch)?;
                (k, 1)
            }
            BatchKind::Published => {
                let p = published::row(&row, &calendars)?;
                let k = format!(
                    "{}|{}|{}|{}",
                    p.series, p.period, p.release_date, p.source_url
                );
                batch.published.push(Located { line, value: p });
                (k, 1)
            }
        };
        if let Some(first) = seen.insert(key, line) {
            return Err(row.err(
                dup_col,
                format!("duplicate key: the same row key is already on line {first}"),
            ));
        }
    }
    Ok(batch)
}

fn csv_error(file: &str, e: &csv::Error) -> Error {
    let line = e.position().map_or(1, |p| p.line());
    let reason = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("expected {expected_len} fields, found {len}")
        }
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
        _ => e.to_string(),
    };
    Error::Row {
        file: file.to_string(),
        line,
        reason,
    }
}
