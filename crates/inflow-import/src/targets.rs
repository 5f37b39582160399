//! Official fiscal-year targets (a ministry's "$5.2 billion of IT exports
//! in FY2025-26"), each with who set it and where it was published: the
//! figure a dashboard or projection compares the year with by default.
//!
//! The file is CSV with the header
//! `series,fiscal_year,value,publisher,source_url,note`; the fiscal year is
//! read in the series' own calendar, so the series must be known.

use std::collections::HashSet;

use inflow_core::{Amount, FiscalYear, SeriesKey, SeriesMeta};

use crate::Error;
use crate::check::url_problem;

/// The header a targets file must have.
pub const TARGETS_HEADER: &[&str] = &[
    "series",
    "fiscal_year",
    "value",
    "publisher",
    "source_url",
    "note",
];

/// One official target for a series' fiscal year.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The series the target is for.
    pub series: SeriesKey,
    /// The fiscal year, in the series' calendar.
    pub fiscal_year: FiscalYear,
    /// The target, in the series' unit.
    pub value: Amount,
    /// Who set it (a ministry, a central bank).
    pub publisher: String,
    /// Where it was published (may be empty; then the note says why).
    pub source_url: String,
    /// Free text: what the target is, how it was found.
    pub note: String,
}

/// The targets shipped with inflow.
pub const BUNDLED_TARGETS: crate::BundledFile = crate::BundledFile {
    name: "data/pk-ict-exports/targets.csv",
    text: include_str!("../../../data/pk-ict-exports/targets.csv"),
};

/// Parses a targets file against the `known` series.
///
/// ```
/// # let known: Vec<inflow_core::SeriesMeta> = inflow_import::bundled_batches()?[0]
/// #     .series.iter().map(|s| s.value.clone()).collect();
/// let text = "series,fiscal_year,value,publisher,source_url,note\n\
///             pk.ict.exports,FY2025-26,5200,MoITT,,announced in a speech\n";
/// let t = inflow_import::parse_targets("t.csv", text, &known)?;
/// assert_eq!(t[0].fiscal_year.to_string(), "FY2025-26");
/// let bad = text.replace("FY2025-26", "2025");
/// let err = inflow_import::parse_targets("t.csv", &bad, &known).unwrap_err();
/// assert!(err.to_string().starts_with("t.csv:2:2: field `fiscal_year`"), "{err}");
/// # Ok::<(), inflow_import::Error>(())
/// ```
///
/// # Errors
/// The first problem found, naming file, line, column and field: an unknown
/// header or series, a malformed fiscal year, value or URL, a duplicate.
pub fn parse_targets(file: &str, text: &str, known: &[SeriesMeta]) -> Result<Vec<Target>, Error> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let row_err = |line: u64, reason: String| Error::Row {
        file: file.to_string(),
        line,
        reason,
    };
    let header = reader
        .headers()
        .map_err(|e| row_err(1, e.to_string()))?
        .clone();
    if header.iter().collect::<Vec<_>>() != TARGETS_HEADER {
        return Err(Error::Header {
            file: file.to_string(),
            found: crate::excerpt(&header.iter().collect::<Vec<_>>().join(",")),
            expected: TARGETS_HEADER.join(","),
        });
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for record in reader.records() {
        let record = record
            .map_err(|e| row_err(e.position().map_or(0, csv::Position::line), e.to_string()))?;
        let line = record.position().map_or(0, csv::Position::line);
        let field = |i: usize, reason: String| Error::Field {
            file: file.to_string(),
            line,
            column: i + 1,
            field: TARGETS_HEADER[i].to_string(),
            reason,
        };
        let get = |i: usize| record.get(i).unwrap_or("");
        let meta = known
            .iter()
            .find(|m| m.key.as_str() == get(0))
            .ok_or_else(|| field(0, format!("unknown series {:?}", crate::excerpt(get(0)))))?;
        let fiscal_year = meta
            .fiscal
            .parse_fiscal_year(get(1))
            .map_err(|e| field(1, e.to_string()))?;
        let value = get(2)
            .parse::<f64>()
            .map_err(|_| field(2, format!("not a number: {:?}", crate::excerpt(get(2)))))
            .and_then(|v| {
                if v <= 0.0 {
                    Err(field(2, format!("a target must be positive, not {v}")))
                } else {
                    Amount::try_new(v).map_err(|e| field(2, e.to_string()))
                }
            })?;
        let publisher = get(3);
        if publisher.is_empty() {
            return Err(field(3, "empty: say who set the target".into()));
        }
        let source_url = get(4);
        if !source_url.is_empty()
            && let Some(problem) = url_problem(source_url)
        {
            return Err(field(4, problem));
        }
        if source_url.is_empty() && get(5).is_empty() {
            return Err(field(
                5,
                "empty while source_url is empty: say where the target comes from".into(),
            ));
        }
        if !seen.insert((meta.key.clone(), fiscal_year)) {
            return Err(field(
                1,
                format!("{} already has a target for {fiscal_year}", meta.key),
            ));
        }
        out.push(Target {
            series: meta.key.clone(),
            fiscal_year,
            value,
            publisher: publisher.to_string(),
            source_url: source_url.to_string(),
            note: get(5).to_string(),
        });
    }
    Ok(out)
}

/// The bundled targets, parsed against the bundled series.
///
/// # Errors
/// Only if the bundled data is itself invalid, which the tests rule out.
pub fn bundled_targets() -> Result<Vec<Target>, Error> {
    let known: Vec<SeriesMeta> = crate::bundled_batches()?
        .iter()
        .flat_map(|b| b.series.iter().map(|s| s.value.clone()))
        .collect();
    parse_targets(BUNDLED_TARGETS.name, BUNDLED_TARGETS.text, &known)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn known() -> Vec<SeriesMeta> {
        crate::bundled_batches().unwrap()[0]
            .series
            .iter()
            .map(|s| s.value.clone())
            .collect()
    }

    fn err(rows: &str) -> String {
        let text = format!("{}\n{rows}\n", TARGETS_HEADER.join(","));
        parse_targets("t.csv", &text, &known())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn bundled_targets_parse_with_their_sources() {
        let t = bundled_targets().unwrap();
        let fy26 = t
            .iter()
            .find(|t| t.fiscal_year.to_string() == "FY2025-26")
            .unwrap();
        assert_eq!(fy26.value.get(), 5200.0);
        assert!(fy26.publisher.contains("Information Technology"));
        assert!(
            t.iter()
                .all(|t| !t.source_url.is_empty() || !t.note.is_empty())
        );
    }

    #[test]
    fn bad_rows_name_line_column_and_field() {
        assert!(
            err("pk.nope,FY2025-26,1,X,,n").starts_with("t.csv:2:1: field `series`"),
            "{}",
            err("pk.nope,FY2025-26,1,X,,n")
        );
        assert!(err("pk.ict.exports,FY2025-26,-5,X,,n").starts_with("t.csv:2:3: field `value`"));
        assert!(err("pk.ict.exports,FY2025-26,abc,X,,n").contains("not a number"));
        assert!(err("pk.ict.exports,FY2025-26,5,,,n").starts_with("t.csv:2:4: field `publisher`"));
        assert!(err("pk.ict.exports,FY2025-26,5,X,ftp:nohost,n").starts_with("t.csv:2:5:"));
        assert!(err("pk.ict.exports,FY2025-26,5,X,,").starts_with("t.csv:2:6: field `note`"));
        let dup = err("pk.ict.exports,FY2025-26,5,X,,n\npk.ict.exports,FY2025-26,6,X,,n");
        assert!(
            dup.starts_with("t.csv:3:2:") && dup.contains("already"),
            "{dup}"
        );
        assert!(
            parse_targets("t.csv", "a,b\n", &known())
                .unwrap_err()
                .to_string()
                .contains("t.csv")
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in ".{0,200}") {
            let _ = parse_targets("t.csv", &text, &known());
        }
    }
}
