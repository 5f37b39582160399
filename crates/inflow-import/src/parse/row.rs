//! One row of a tidy CSV file as its readers see it: fields by position,
//! errors that name file, line, column and field, and the fields several
//! kinds of file share (series key, release date, source URL, value).

use std::collections::HashMap;

use inflow_core::{Amount, Date, FiscalCalendar, Frequency, SeriesKey, YearMonth, parse_date};

use crate::Error;
use crate::check::{self, excerpt};

/// Longest reason in a message: reasons built by the core types quote the
/// input, and field lengths are capped, but no message may grow with it.
const MAX_REASON: usize = 300;

/// A CSV record with where it came from and the date that counts as today.
pub(crate) struct Row<'a> {
    file: &'a str,
    line: u64,
    header: &'static [&'static str],
    record: &'a csv::StringRecord,
    pub(crate) today: Date,
}

/// What a row of observations needs to know of its series.
pub(crate) type Known = HashMap<SeriesKey, (FiscalCalendar, Frequency)>;

impl<'a> Row<'a> {
    pub(crate) fn new(
        file: &'a str,
        line: u64,
        header: &'static [&'static str],
        record: &'a csv::StringRecord,
        today: Date,
    ) -> Self {
        Row {
            file,
            line,
            header,
            record,
            today,
        }
    }

    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    pub(crate) fn get(&self, i: usize) -> &str {
        self.record.get(i).unwrap_or_default()
    }

    pub(crate) fn err(&self, i: usize, reason: impl Into<String>) -> Error {
        let mut reason = reason.into();
        if reason.len() > MAX_REASON {
            let mut cut = MAX_REASON;
            while !reason.is_char_boundary(cut) {
                cut -= 1;
            }
            reason.truncate(cut);
            reason.push('\u{2026}');
        }
        Error::Field {
            file: self.file.to_string(),
            line: self.line,
            column: i + 1,
            field: self.header[i].to_string(),
            reason,
        }
    }

    /// Refuses fields longer than their kind allows and control characters
    /// (which would reach terminals and pages as they are).
    pub(crate) fn screen(&self) -> Result<(), Error> {
        for (i, name) in self.header.iter().enumerate() {
            let v = self.get(i);
            let max = check::max_len(name);
            if v.len() > max {
                return Err(self.err(
                    i,
                    format!(
                        "{} is longer than the {max} bytes this field may hold",
                        excerpt(v)
                    ),
                ));
            }
            if let Some(c) = v.chars().find(|c| c.is_control()) {
                return Err(self.err(
                    i,
                    format!("{} holds the control character {c:?}", excerpt(v)),
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn parse<T, E: std::fmt::Display>(
        &self,
        i: usize,
        f: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, Error> {
        f(self.get(i)).map_err(|e| self.err(i, e.to_string()))
    }

    pub(crate) fn required(&self, i: usize) -> Result<&str, Error> {
        let v = self.get(i);
        if v.is_empty() {
            Err(self.err(i, "must not be empty"))
        } else {
            Ok(v)
        }
    }
}

pub(crate) fn known_series(
    row: &Row<'_>,
    calendars: &Known,
) -> Result<(SeriesKey, (FiscalCalendar, Frequency)), Error> {
    let key: SeriesKey = row.parse(0, str::parse)?;
    let cal = calendars.get(&key).copied().ok_or_else(|| {
        row.err(
            0,
            format!("unknown series {key}; import its definition first (inflow series lists them)"),
        )
    })?;
    Ok((key, cal))
}

pub(crate) fn release_after(row: &Row<'_>, last: YearMonth) -> Result<Date, Error> {
    let date = row.parse(4, parse_date)?;
    let next = last.succ().map_err(|e| row.err(1, e.to_string()))?;
    let earliest = parse_date(&format!("{next}-01")).map_err(|e| row.err(1, e.to_string()))?;
    if date < earliest {
        return Err(row.err(
            4,
            format!("{date} is before the period ends; a release comes after {last}"),
        ));
    }
    if date > row.today.tomorrow().unwrap_or(row.today) {
        return Err(row.err(
            4,
            format!("{date} is in the future (today is {})", row.today),
        ));
    }
    Ok(date)
}

pub(crate) fn url(row: &Row<'_>, required: bool) -> Result<String, Error> {
    let u = row.get(5);
    if u.is_empty() && !required {
        return Ok(String::new());
    }
    if let Some(problem) = check::url_problem(u) {
        return Err(row.err(5, problem));
    }
    Ok(u.to_string())
}

/// The value column: a finite, non-negative number within the stated range.
pub(crate) fn amount(row: &Row<'_>) -> Result<Amount, Error> {
    let a = row.parse(2, str::parse::<Amount>)?;
    match check::value_problem(a.get()) {
        Some(problem) => Err(row.err(2, problem)),
        None => Ok(a),
    }
}
