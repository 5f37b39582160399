//! SBP EasyData's series API: `GET /api/v1/series/{key}/data?api_key=..
//! &format=json`, answered with JSON `columns` (names) and `rows` (arrays,
//! newest first).

use inflow_core::YearMonth;

use crate::Error;

/// Where EasyData answers.
pub const EASYDATA_BASE: &str = "https://easydata.sbp.org.pk";

/// One EasyData series, oldest month first.
#[derive(Debug, Clone, PartialEq)]
pub struct EasySeries {
    /// The EasyData series key asked for.
    pub key: String,
    /// The name of the date column used.
    pub date_column: String,
    /// The name of the value column used.
    pub value_column: String,
    /// (month, value) pairs; `None` for an empty or `N/A` value.
    pub points: Vec<(YearMonth, Option<f64>)>,
}

/// The data URL of `key` under `base` (no trailing slash needed).
///
/// ```
/// assert_eq!(
///     inflow_fetch::easydata_url("http://127.0.0.1:9/", "TS_GP_BOP.X", "k"),
///     "http://127.0.0.1:9/api/v1/series/TS_GP_BOP.X/data?api_key=k&format=json"
/// );
/// ```
pub fn easydata_url(base: &str, key: &str, api_key: &str) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    format!(
        "{}/api/v1/series/{}/data?api_key={}&format=json",
        base.trim_end_matches('/'),
        enc(key),
        enc(api_key)
    )
}

fn json_err(url: &str, field: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::Json {
        url: url.to_string(),
        field: field.into(),
        reason: reason.into(),
    }
}

/// Finds the column whose name best matches `want` (`date` or `value`):
/// `Observation Date` first, then any name containing the word.
fn column(columns: &[String], want: &str) -> Option<usize> {
    let lower: Vec<String> = columns.iter().map(|c| c.to_lowercase()).collect();
    lower
        .iter()
        .position(|c| c == &format!("observation {want}"))
        .or_else(|| lower.iter().position(|c| c.contains(want)))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Reads the month of a date cell: `2026-07-31`, `2026-07`, `31-JUL-2026`,
/// `31-Jul-26`.
fn month_of(s: &str) -> Option<YearMonth> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['-', '/', ' ', 'T']).collect();
    let (y, m) = match parts.as_slice() {
        [y, m, ..] if y.len() == 4 => (y.parse().ok()?, m.parse().ok()?),
        [_, mon, y, ..] => {
            let m = MONTHS
                .iter()
                .position(|x| mon.to_lowercase().starts_with(x))?
                + 1;
            let y: i32 = y.parse().ok()?;
            (if y < 100 { 2000 + y } else { y }, m as u32)
        }
        _ => return None,
    };
    YearMonth::new(y, m).ok()
}

fn value_of(v: &serde_json::Value) -> Result<Option<f64>, String> {
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Number(n) => n.as_f64().map(Some).ok_or("not a number".into()),
        serde_json::Value::String(s) => {
            let t = s.trim().replace(',', "");
            if t.is_empty() || t.eq_ignore_ascii_case("n/a") || t == "-" {
                return Ok(None);
            }
            t.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .map(Some)
                .ok_or_else(|| format!("expected a number, found {s:?}"))
        }
        other => Err(format!("expected a number, found {other}")),
    }
}

/// Parses an EasyData JSON answer for series `key`; `url` names it in
/// errors.
///
/// # Errors
/// [`Error::Json`] naming the field (`columns`, `rows[2][3]`) for an
/// answer that is not JSON, lacks a date or value column, holds a date or
/// value that does not read, or gives one month twice.
pub fn parse_easydata(url: &str, key: &str, body: &[u8]) -> Result<EasySeries, Error> {
    let v: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| json_err(url, "body", format!("not JSON: {e}")))?;
    let columns: Vec<String> = v
        .get("columns")
        .and_then(|c| c.as_array())
        .ok_or_else(|| json_err(url, "columns", "expected an array of column names"))?
        .iter()
        .map(|c| match c {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Object(o) => o
                .get("name")
                .and_then(|n| n.as_str())
                .unwrap_or_default()
                .to_string(),
            _ => String::new(),
        })
        .collect();
    let date = column(&columns, "date")
        .ok_or_else(|| json_err(url, "columns", format!("no date column in {columns:?}")))?;
    let value = column(&columns, "value")
        .ok_or_else(|| json_err(url, "columns", format!("no value column in {columns:?}")))?;
    let rows = v
        .get("rows")
        .and_then(|r| r.as_array())
        .ok_or_else(|| json_err(url, "rows", "expected an array of rows"))?;
    let mut points: Vec<(YearMonth, Option<f64>)> = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let cells = row
            .as_array()
            .ok_or_else(|| json_err(url, format!("rows[{i}]"), "expected an array"))?;
        let cell = |j: usize| cells.get(j).unwrap_or(&serde_json::Value::Null);
        let d = cell(date);
        let m = d.as_str().and_then(month_of).ok_or_else(|| {
            json_err(
                url,
                format!("rows[{i}][{date}]"),
                format!("expected a date (YYYY-MM-DD), found {d}"),
            )
        })?;
        let x = value_of(cell(value))
            .map_err(|reason| json_err(url, format!("rows[{i}][{value}]"), reason))?;
        if points.iter().any(|(p, _)| *p == m) {
            return Err(json_err(
                url,
                format!("rows[{i}][{date}]"),
                format!("{m} appears twice"),
            ));
        }
        points.push((m, x));
    }
    points.sort_by_key(|(m, _)| *m);
    Ok(EasySeries {
        key: key.to_string(),
        date_column: columns[date].clone(),
        value_column: columns[value].clone(),
        points,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_newest_first_come_out_oldest_first() {
        let body = br#"{"columns":["Series Key","Observation Date","Observation Value","Unit"],
            "rows":[["K","2026-07-31","417.2","Million US$"],["K","30-JUN-2026","1,001.5",""],["K","2026-05-31",null,""]]}"#;
        let s = parse_easydata("u", "K", body).unwrap();
        assert_eq!(s.points.len(), 3);
        assert_eq!(s.points[0], (YearMonth::new(2026, 5).unwrap(), None));
        assert_eq!(
            s.points[1],
            (YearMonth::new(2026, 6).unwrap(), Some(1001.5))
        );
        assert_eq!(s.points[2], (YearMonth::new(2026, 7).unwrap(), Some(417.2)));
    }

    #[test]
    fn bad_answers_name_the_field() {
        let e = parse_easydata("u", "K", b"<html>").unwrap_err().to_string();
        assert!(e.contains("body: not JSON"), "{e}");
        let e = parse_easydata("u", "K", br#"{"columns":["a"],"rows":[]}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("columns: no date column"), "{e}");
        let body =
            br#"{"columns":["Observation Date","Observation Value"],"rows":[["2026-07-31","x"]]}"#;
        let e = parse_easydata("u", "K", body).unwrap_err().to_string();
        assert!(e.contains("rows[0][1]") && e.contains("\"x\""), "{e}");
        let body = br#"{"columns":["Observation Date","Observation Value"],"rows":[["2026-07-31","1"],["2026-07-01","2"]]}"#;
        let e = parse_easydata("u", "K", body).unwrap_err().to_string();
        assert!(e.contains("rows[1][0]") && e.contains("twice"), "{e}");
    }
}
