use std::collections::HashMap;

use inflow_core::{
    Amount, Date, FiscalCalendar, Frequency, ObsStatus, Observation, Period, PublishedFigure,
    SeriesKey, SeriesMeta, YearMonth, parse_date,
};

use crate::Error;

const SERIES_HEADER: &[&str] = &[
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
    /// Observations (for [`BatchKind::Observations`]).
    pub observations: Vec<Located<Observation>>,
    /// Published totals (for [`BatchKind::Published`]).
    pub published: Vec<Located<PublishedFigure>>,
}

struct Row<'a> {
    file: &'a str,
    line: u64,
    header: &'static [&'static str],
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    fn get(&self, i: usize) -> &str {
        self.record.get(i).unwrap_or_default()
    }

    fn err(&self, i: usize, reason: impl Into<String>) -> Error {
        Error::Field {
            file: self.file.to_string(),
            line: self.line,
            column: i + 1,
            field: self.header[i].to_string(),
            reason: reason.into(),
        }
    }

    fn parse<T, E: std::fmt::Display>(
        &self,
        i: usize,
        f: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, Error> {
        f(self.get(i)).map_err(|e| self.err(i, e.to_string()))
    }

    fn required(&self, i: usize) -> Result<&str, Error> {
        let v = self.get(i);
        if v.is_empty() {
            Err(self.err(i, "must not be empty"))
        } else {
            Ok(v)
        }
    }
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
/// # Errors
/// The first problem found, naming file, line, column and field.
pub fn parse_str(file: &str, text: &str, known: &[SeriesMeta]) -> Result<Batch, Error> {
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
            found: found.join(","),
            expected: [SERIES_HEADER, OBS_HEADER, PUBLISHED_HEADER]
                .map(|h| h.join(","))
                .join("\n  "),
        });
    };
    let mut batch = Batch {
        file: file.to_string(),
        kind,
        series: Vec::new(),
        observations: Vec::new(),
        published: Vec::new(),
    };
    let mut calendars: HashMap<SeriesKey, FiscalCalendar> =
        known.iter().map(|m| (m.key.clone(), m.fiscal)).collect();
    // Key of each row already seen, mapped to its line, to report duplicates.
    let mut seen: HashMap<String, u64> = HashMap::new();
    for result in reader.records() {
        let record = result.map_err(|e| csv_error(file, &e))?;
        let line = record.position().map_or(0, |p| p.line());
        let row = Row {
            file,
            line,
            header: names,
            record: &record,
        };
        let (key, dup_col) = match kind {
            BatchKind::Series => {
                let meta = series_row(&row)?;
                calendars.insert(meta.key.clone(), meta.fiscal);
                let k = meta.key.to_string();
                batch.series.push(Located { line, value: meta });
                (k, 0)
            }
            BatchKind::Observations => {
                let o = observation_row(&row, &calendars)?;
                let k = format!("{}|{}|{}", o.series, o.period, o.release_date);
                batch.observations.push(Located { line, value: o });
                (k, 1)
            }
            BatchKind::Published => {
                let p = published_row(&row, &calendars)?;
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

fn series_row(row: &Row<'_>) -> Result<SeriesMeta, Error> {
    let frequency = match row.get(7) {
        "M" | "monthly" => Frequency::Monthly,
        _ => return Err(row.err(7, "only monthly series (M) are supported")),
    };
    let fiscal = row.parse(9, |s| {
        s.parse::<u32>()
            .map_err(|_| "expected the month number (1-12) in which fiscal years start".to_string())
            .and_then(|m| FiscalCalendar::new(m).map_err(|e| e.to_string()))
    })?;
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

fn known_series(
    row: &Row<'_>,
    calendars: &HashMap<SeriesKey, FiscalCalendar>,
) -> Result<(SeriesKey, FiscalCalendar), Error> {
    let key: SeriesKey = row.parse(0, str::parse)?;
    let cal = calendars.get(&key).copied().ok_or_else(|| {
        row.err(
            0,
            format!("unknown series {key}; import its definition first (inflow series lists them)"),
        )
    })?;
    Ok((key, cal))
}

fn release_after(row: &Row<'_>, last: YearMonth) -> Result<Date, Error> {
    let date = row.parse(4, parse_date)?;
    let next = last.succ().map_err(|e| row.err(1, e.to_string()))?;
    let earliest = parse_date(&format!("{next}-01")).map_err(|e| row.err(1, e.to_string()))?;
    if date < earliest {
        return Err(row.err(
            4,
            format!("{date} is before the period ends; a release comes after {last}"),
        ));
    }
    Ok(date)
}

fn url(row: &Row<'_>, required: bool) -> Result<String, Error> {
    let u = row.get(5);
    if u.is_empty() && !required {
        return Ok(String::new());
    }
    if !(u.starts_with("https://") || u.starts_with("http://")) || u.contains(char::is_whitespace) {
        return Err(row.err(5, format!("{u:?} is not an http(s) URL")));
    }
    Ok(u.to_string())
}

fn observation_row(
    row: &Row<'_>,
    calendars: &HashMap<SeriesKey, FiscalCalendar>,
) -> Result<Observation, Error> {
    let (series, _) = known_series(row, calendars)?;
    let period: YearMonth = row.parse(1, str::parse)?;
    let status: ObsStatus = row.parse(3, str::parse)?;
    let value = match (row.get(2), status) {
        ("", ObsStatus::Missing) => None,
        (_, ObsStatus::Missing) => return Err(row.err(2, "a missing observation has no value")),
        ("", _) => return Err(row.err(2, "must not be empty unless status is missing")),
        (_, _) => Some(row.parse(2, str::parse::<Amount>)?),
    };
    let release_date = release_after(row, period)?;
    let needs_url = matches!(
        status,
        ObsStatus::Reported | ObsStatus::Provisional | ObsStatus::Revised
    );
    Ok(Observation {
        series,
        period,
        value,
        status,
        release_date,
        source_url: url(row, needs_url)?,
        note: row.get(6).to_string(),
    })
}

fn published_row(
    row: &Row<'_>,
    calendars: &HashMap<SeriesKey, FiscalCalendar>,
) -> Result<PublishedFigure, Error> {
    let (series, cal) = known_series(row, calendars)?;
    let period = row.parse(1, |s| Period::parse(s, cal))?;
    let value = row.parse(2, str::parse::<Amount>)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn known() -> Vec<SeriesMeta> {
        crate::bundled_batches().unwrap()[0]
            .series
            .iter()
            .map(|s| s.value.clone())
            .collect()
    }

    const H: &str = "series,period,value,status,release_date,source_url,note\n";

    fn obs_err(rows: &str) -> String {
        parse_str("f.csv", &format!("{H}{rows}"), &known())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn names_line_column_and_field() {
        let ok = "pk.ict.exports,2030-01,1,reported,2030-02-20,https://a.example/x,\n";
        assert_eq!(
            obs_err(&format!(
                "{ok}pk.ict.exports,2030-02,abc,reported,2030-03-20,https://a.example/x,\n"
            )),
            "f.csv:3:3: field `value`: invalid value \"abc\": expected a number such as 310 or 163.02"
        );
        assert!(
            obs_err("pk.ict.exports,2024-13,1,reported,2024-05-20,https://a.example/x,\n")
                .starts_with("f.csv:2:2: field `period`")
        );
        assert!(
            obs_err(&format!("{ok}{ok}")).starts_with("f.csv:3:2: field `period`: duplicate key")
        );
        assert!(
            obs_err("pk.nope,2024-01,1,reported,2024-02-20,https://a.example/x,\n")
                .contains("unknown series pk.nope")
        );
        assert!(
            obs_err("pk.ict.exports,2024-01,1,reported,2024-01-20,https://a.example/x,\n")
                .starts_with("f.csv:2:5: field `release_date`")
        );
        assert!(
            obs_err("pk.ict.exports,2024-01,1,reported,2024-02-20,,\n")
                .starts_with("f.csv:2:6: field `source_url`")
        );
        assert!(
            obs_err("pk.ict.exports,2024-01,-5,reported,2024-02-20,https://a.example/x,\n")
                .contains("non-negative")
        );
        assert!(
            obs_err("pk.ict.exports,2024-01,1,reported\n")
                .starts_with("f.csv:2: expected 7 fields")
        );
    }

    #[test]
    fn missing_and_derived_rows() {
        let b = parse_str(
            "f.csv",
            &format!("{H}pk.ict.exports,2020-02,,missing,2020-03-20,,not published\npk.ict.exports,2020-03,5,derived,2020-04-20,,from totals\n"),
            &known(),
        )
        .unwrap();
        assert_eq!(b.observations[0].value.value, None);
        assert_eq!(b.observations[1].line, 3);
        assert!(
            obs_err("pk.ict.exports,2020-02,3,missing,2020-03-20,,\n")
                .contains("missing observation has no value")
        );
    }

    #[test]
    fn unknown_header_lists_the_known_ones() {
        let e = parse_str("f.csv", "a,b\n1,2\n", &[])
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("f.csv:1: unrecognised header"));
        assert!(e.contains("series,period,value,status"));
    }

    #[test]
    fn published_periods_use_the_series_calendar() {
        let text = "series,period,value,publisher,release_date,source_url,note\n\
                    pk.ict.exports,FY2023-24:Jul-Apr,2593,SBP,2024-05-20,https://a.example/x,\n\
                    pk.ict.exports,FY2023-24:Jul-Apr,2594,SBP,2024-05-20,https://b.example/y,\n";
        let b = parse_str("p.csv", text, &known()).unwrap();
        assert_eq!(b.published.len(), 2);
        let bad = text.replace("Jul-Apr,2594", "Aug-Apr,2594");
        assert!(
            parse_str("p.csv", &bad, &known())
                .unwrap_err()
                .to_string()
                .starts_with("p.csv:3:2: field `period`")
        );
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_rows(rows in proptest::collection::vec(".{0,80}", 0..5)) {
            let text = format!("{H}{}", rows.join("\n"));
            let _ = parse_str("f.csv", &text, &known());
        }

        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let text = String::from_utf8_lossy(&bytes);
            let _ = parse_str("f.csv", &text, &known());
        }
    }
}
