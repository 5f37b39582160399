//! The period heading of a column group: an Excel date serial, or text such
//! as `Jan-26 (R)`, `Feb-26 (P)`, `Jul-Feb, FY25` or `Jul-Mar, FY25 (R)`.

use calamine::Data;
use inflow_core::month::parse_month_name;
use inflow_core::{FiscalCalendar, Period, YearMonth};

use super::label::normalise;

/// SBP's marker on a period heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// No marker.
    None,
    /// `(P)`: provisional.
    Provisional,
    /// `(R)`: revised.
    Revised,
}

/// What a heading cell says, or why it cannot be read.
pub fn parse_heading(cell: &Data, fiscal: FiscalCalendar) -> Result<(Period, Marker), String> {
    match cell {
        Data::DateTime(dt) => {
            let (y, m, ..) = dt.to_ymd_hms_milli();
            month(i32::from(y), u32::from(m)).map(|p| (p, Marker::None))
        }
        Data::Float(f) => serial(*f).map(|p| (p, Marker::None)),
        Data::Int(i) => serial(*i as f64).map(|p| (p, Marker::None)),
        Data::DateTimeIso(s) => {
            let ym = s.get(..7).unwrap_or(s);
            ym.parse::<YearMonth>()
                .map(|m| (Period::Month(m), Marker::None))
                .map_err(|_| format!("date {s:?}"))
        }
        Data::String(s) => parse_text(s, fiscal),
        Data::Empty => Err("an empty cell".into()),
        other => Err(format!("{other:?}")),
    }
}

fn month(y: i32, m: u32) -> Result<Period, String> {
    YearMonth::new(y, m)
        .map(Period::Month)
        .map_err(|e| e.to_string())
}

/// An Excel serial date (1900 system: day 1 is 1900-01-01, with Excel's
/// phantom 1900-02-29), to its month. Only serials of 1950 to 2100 are
/// taken as dates; any other number is not a period heading.
fn serial(f: f64) -> Result<Period, String> {
    if !(18_264.0..=73_415.0).contains(&f) {
        return Err(format!(
            "the number {f}, not an Excel date between 1950 and 2100"
        ));
    }
    // Days since 1970-01-01: serial 25569 is 1970-01-01.
    let days = f.floor() as i64 - 25_569;
    let (y, m, _) = civil_from_days(days);
    month(y as i32, m)
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn parse_text(raw: &str, fiscal: FiscalCalendar) -> Result<(Period, Marker), String> {
    let text = normalise(raw);
    let lower = text.to_ascii_lowercase();
    let (body, marker) = if let Some(b) = lower.strip_suffix("(p)") {
        (b.trim_end(), Marker::Provisional)
    } else if let Some(b) = lower.strip_suffix("(r)") {
        (b.trim_end(), Marker::Revised)
    } else {
        (lower.as_str(), Marker::None)
    };
    let bad = || format!("{raw:?}");
    if let Some(i) = body.find("fy") {
        // `Jul-Feb, FY26`, `Jul-Feb FY2025-26`
        let range = body[..i].trim().trim_end_matches(',').trim();
        let fy = body[i..].trim();
        let (first, last) = range.split_once('-').ok_or_else(bad)?;
        let first = parse_month_name(first.trim()).ok_or_else(bad)?;
        let last = parse_month_name(last.trim()).ok_or_else(bad)?;
        let label = format!(
            "{}:{}-{}",
            fy.to_ascii_uppercase(),
            inflow_core::month::MONTH_ABBREVS[first as usize - 1],
            inflow_core::month::MONTH_ABBREVS[last as usize - 1]
        );
        let period = Period::parse(&label, fiscal).map_err(|e| e.to_string())?;
        return Ok((period, marker));
    }
    // `Jan-26`, `Jan-2026`, `January 2026`
    let (m, y) = body
        .split_once(['-', ' '])
        .map(|(a, b)| (a.trim(), b.trim()))
        .ok_or_else(bad)?;
    let m = parse_month_name(m).ok_or_else(bad)?;
    if y.is_empty() || !y.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let y: i32 = y.parse().map_err(|_| bad())?;
    let y = match y {
        0..=99 => 2000 + y,
        1950..=2100 => y,
        _ => return Err(bad()),
    };
    month(y, m).map(|p| (p, marker))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PK: FiscalCalendar = FiscalCalendar::PAKISTAN;

    fn text(s: &str) -> Result<(String, Marker), String> {
        parse_heading(&Data::String(s.into()), PK).map(|(p, m)| (p.to_string(), m))
    }

    #[test]
    fn serials_and_text_forms() {
        let (p, m) = parse_heading(&Data::Float(45716.0), PK).unwrap();
        assert_eq!((p.to_string(), m), ("2025-02".into(), Marker::None));
        assert_eq!(
            text("Jan-26 (R)").unwrap(),
            ("2026-01".into(), Marker::Revised)
        );
        assert_eq!(
            text("Feb-26 (P)").unwrap(),
            ("2026-02".into(), Marker::Provisional)
        );
        assert_eq!(text("Mar-25 (R)").unwrap().0, "2025-03");
        assert_eq!(text("March 2025").unwrap().0, "2025-03");
        assert_eq!(
            text("Jul-Feb, FY25").unwrap(),
            ("FY2024-25:Jul-Feb".into(), Marker::None)
        );
        assert_eq!(
            text("Jul-Mar, FY25 (R)").unwrap(),
            ("FY2024-25:Jul-Mar".into(), Marker::Revised)
        );
        assert_eq!(
            text("Jul-Feb,\u{a0} FY26 (P) ").unwrap(),
            ("FY2025-26:Jul-Feb".into(), Marker::Provisional)
        );
        assert_eq!(text("Jul-Jun, FY26").unwrap().0, "FY2025-26");
    }

    #[test]
    fn not_periods() {
        assert!(text("Credit").is_err());
        assert!(text("Feb-26 (X)").is_err());
        assert!(text("Aug-Feb, FY26").is_err());
        assert!(parse_heading(&Data::Float(3.5), PK).is_err());
        assert!(parse_heading(&Data::Empty, PK).is_err());
    }

    #[test]
    fn serial_edges() {
        assert_eq!(serial(25569.0).unwrap().to_string(), "1970-01");
        assert_eq!(serial(45688.0).unwrap().to_string(), "2025-01");
        assert_eq!(serial(45716.9).unwrap().to_string(), "2025-02");
    }
}
