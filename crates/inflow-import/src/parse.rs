use std::collections::HashMap;

use inflow_core::{
    Amount, Date, FiscalCalendar, Frequency, Observation, Period, PublishedFigure, SeriesKey,
    SeriesMeta, Year, YearMonth, YearQuarter, parse_date,
};

use crate::Error;
use crate::check::{self, excerpt};

/// Longest reason in a message: reasons built by the core types quote the
/// input, and field lengths are capped, but no message may grow with it.
const MAX_REASON: usize = 300;

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
    /// Monthly observations (for [`BatchKind::Observations`]).
    pub observations: Vec<Located<Observation>>,
    /// Observations of quarterly series (for [`BatchKind::Observations`]).
    pub quarterly: Vec<Located<Observation<YearQuarter>>>,
    /// Observations of annual series (for [`BatchKind::Observations`]).
    pub annual: Vec<Located<Observation<Year>>>,
    /// Published totals (for [`BatchKind::Published`]).
    pub published: Vec<Located<PublishedFigure>>,
}

pub(crate) struct Row<'a> {
    file: &'a str,
    line: u64,
    header: &'static [&'static str],
    record: &'a csv::StringRecord,
    pub(crate) today: Date,
}

/// What a row of observations needs to know of its series.
pub(crate) type Known = HashMap<SeriesKey, (FiscalCalendar, Frequency)>;

impl Row<'_> {
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
    fn screen(&self) -> Result<(), Error> {
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
        let row = Row {
            file,
            line,
            header: names,
            record: &record,
            today,
        };
        row.screen()?;
        let (key, dup_col) = match kind {
            BatchKind::Series => {
                let meta = series_row(&row)?;
                calendars.insert(meta.key.clone(), (meta.fiscal, meta.frequency));
                let k = meta.key.to_string();
                batch.series.push(Located { line, value: meta });
                (k, 0)
            }
            BatchKind::Observations => {
                let k = crate::obs_row::push(&row, &calendars, &mut batch)?;
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

fn published_row(row: &Row<'_>, calendars: &Known) -> Result<PublishedFigure, Error> {
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
        let ok = "pk.ict.exports,2020-01,1,reported,2020-02-20,https://a.example/x,\n";
        assert_eq!(
            obs_err(&format!(
                "{ok}pk.ict.exports,2020-02,abc,reported,2020-03-20,https://a.example/x,\n"
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

    fn series_err(row: &str) -> String {
        let text = format!(
            "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n{row}\n"
        );
        parse_str("s.csv", &text, &[]).unwrap_err().to_string()
    }

    #[test]
    fn an_unterminated_quote_is_refused_where_it_opens() {
        let ok = "pk.ict.exports,2024-01,1,reported,2024-02-20,https://a.example/x,fine\n";
        let text = format!(
            "{ok}pk.ict.exports,2024-02,1,reported,2024-03-20,https://a.example/x,\"never closed\n{}{}",
            ok.replace("2024-01", "2024-03")
                .replace("2024-02-20", "2024-04-20"),
            ok.replace("2024-01", "2024-04")
                .replace("2024-02-20", "2024-05-20"),
        );
        assert_eq!(
            obs_err(&text.replacen(H, "", 1)),
            "f.csv:3:7: field `note`: opens a quote that does not close on its line \
             (fields may not span lines)"
        );
        // Also at the very end of the file, and in a header.
        assert!(
            obs_err("pk.ict.exports,2024-01,1,reported,2024-02-20,https://a.example/x,\"end")
                .starts_with("f.csv:2:7: field `note`")
        );
        let e = parse_str("f.csv", "series,\"period\n", &known()).unwrap_err();
        assert!(
            e.to_string().starts_with("f.csv:1: field 2 opens a quote"),
            "{e}"
        );
        // Properly quoted fields, commas and doubled quotes inside, still work.
        let b = parse_str(
            "f.csv",
            &format!("{H}pk.ict.exports,2024-01,1,reported,2024-02-20,https://a.example/x,\"a, \"\"b\"\"\"\n"),
            &known(),
        )
        .unwrap();
        assert_eq!(b.observations[0].value.note, "a, \"b\"");
    }

    #[test]
    fn values_must_be_finite_and_in_range() {
        let row = |v: &str| {
            format!("pk.ict.exports,2024-01,{v},reported,2024-02-20,https://a.example/x,\n")
        };
        assert!(
            obs_err(&row("1e308")).starts_with(
                "f.csv:2:3: field `value`: 1e308 is beyond the largest accepted value, 1e12"
            ),
            "{}",
            obs_err(&row("1e308"))
        );
        assert!(obs_err(&row("-0")).starts_with("f.csv:2:3: field `value`: -0 is not a value"));
        assert!(obs_err(&row("inf")).starts_with("f.csv:2:3: field `value`"));
        assert!(obs_err(&row("NaN")).starts_with("f.csv:2:3: field `value`"));
        assert!(obs_err(&row("1e400")).starts_with("f.csv:2:3: field `value`"));
        let text = "series,period,value,publisher,release_date,source_url,note\n\
                    pk.ict.exports,FY2023-24,2e15,SBP,2024-07-20,https://a.example/x,\n";
        assert!(
            parse_str("p.csv", text, &known())
                .unwrap_err()
                .to_string()
                .starts_with("p.csv:2:3: field `value`")
        );
        assert!(parse_str("f.csv", &format!("{H}{}", row("0")), &known()).is_ok());
    }

    #[test]
    fn release_dates_in_the_future_are_refused() {
        let today: Date = "2026-12-03".parse().unwrap();
        let row =
            |d: &str| format!("{H}pk.ict.exports,2024-01,1,reported,{d},https://a.example/x,\n");
        let on = |d: &str| parse_str_on("f.csv", &row(d), &known(), today);
        assert!(on("2026-12-04").is_ok());
        assert_eq!(
            on("9999-12-31").unwrap_err().to_string(),
            "f.csv:2:5: field `release_date`: 9999-12-31 is in the future (today is 2026-12-03)"
        );
        assert!(on("2026-12-05").is_err());
    }

    #[test]
    fn source_urls_must_be_absolute_with_a_host() {
        for bad in [
            "http://",
            "https://example.org/\"><script>alert(1)</script>",
            "javascript:alert(1)",
            "https:///x",
        ] {
            let quoted = bad.replace('"', "\"\"");
            let e = obs_err(&format!(
                "pk.ict.exports,2024-01,1,reported,2024-02-20,\"{quoted}\",\n"
            ));
            assert!(e.starts_with("f.csv:2:6: field `source_url`"), "{bad}: {e}");
        }
    }

    #[test]
    fn economies_are_iso_codes_and_text_has_no_control_characters() {
        let e = series_err("zz.x,Title,ZZ,exports,SI,W1,USD million,M,Someone,7");
        assert!(e.starts_with("s.csv:2:3: field `economy`"), "{e}");
        let e = series_err("zz.x,Title,PK,exports,SI,ZZ,USD million,M,Someone,7");
        assert!(e.starts_with("s.csv:2:6: field `partner`"), "{e}");
        let e = series_err("zz.x,Title \u{1b}[31mred,PK,exports,SI,W1,USD million,M,Someone,7");
        assert!(
            e.starts_with("s.csv:2:2: field `title`") && e.contains("control character"),
            "{e}"
        );
        let e = obs_err("pk.ict.exports,2024-01,1,final,2024-02-20,https://a.example/x,\n");
        assert!(e.starts_with("f.csv:2:4: field `status`"), "{e}");
    }

    #[test]
    fn messages_quote_only_a_short_excerpt() {
        let huge = "h".repeat(10 * 1024 * 1024);
        let e = parse_str("f.csv", &format!("{huge}\n1\n"), &[])
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("f.csv:1: unrecognised header"),
            "{}",
            &e[..80]
        );
        assert!(e.len() < 600, "{} bytes", e.len());
        let e = obs_err(&format!(
            "pk.ict.exports,2024-01,1,reported,2024-02-20,https://a.example/x,{huge}\n"
        ));
        assert!(
            e.starts_with("f.csv:2:7: field `note`") && e.len() < 600,
            "{}",
            e.len()
        );
        let e = obs_err(&format!(
            "pk.ict.exports,{huge},1,reported,2024-02-20,https://a.example/x,\n"
        ));
        assert!(
            e.starts_with("f.csv:2:2: field `period`") && e.len() < 600,
            "{}",
            e.len()
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
