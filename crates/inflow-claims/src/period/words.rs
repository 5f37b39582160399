//! Words of a period phrase: month names, years, fiscal-year labels and
//! counts of months, each read at one token.

use super::*;

pub(crate) fn month_at(t: &[Token<'_>], i: usize) -> Option<u32> {
    let tok = t.get(i)?;
    if tok.kind != Tok::Word || !tok.capitalised() {
        return None;
    }
    // "May" is a verb and "March" a noun too; both count only capitalised,
    // and "May" only when a year, a dash or another month is near.
    let m = parse_month_name(tok.text)?;
    if tok.text == "May" {
        let near = t
            .get(i + 1)
            .is_some_and(|n| n.kind == Tok::Number || n.is_dash() || n.is_any(&["to", "and", ","]))
            || t.get(i.wrapping_sub(1)).is_some_and(|p| {
                p.is_any(&[
                    "in", "of", "during", "for", "and", "to", "-", "–", "through",
                ])
            });
        if !near {
            return None;
        }
    }
    Some(m)
}

pub(super) fn year_at(t: &[Token<'_>], i: usize) -> Option<i32> {
    let tok = t.get(i)?;
    if tok.kind != Tok::Number || tok.text.len() != 4 {
        return None;
    }
    let y: i32 = tok.text.parse().ok()?;
    (1950..=2100).contains(&y).then_some(y)
}

pub(super) fn two_digits(t: &[Token<'_>], i: usize) -> Option<i32> {
    let tok = t.get(i)?;
    (tok.kind == Tok::Number && tok.text.len() == 2)
        .then(|| tok.text.parse().ok())
        .flatten()
}

/// A fiscal-year label at `i`: `FY24`, `FY 2023-24`, `FY23-24`, `2023-24`,
/// `2023-2024`, `fiscal year 2023-24` (and `financial year`), `FY2024`.
/// Returns the year and the token after it.
pub(crate) fn fiscal_year_at(
    t: &[Token<'_>],
    i: usize,
    cal: FiscalCalendar,
) -> Option<(FiscalYear, usize)> {
    let tok = t.get(i)?;
    // "2020-21" and "2020/21" both name a fiscal year.
    let dash_then = |j: usize| t.get(j).is_some_and(|n| n.is_dash() || n.text == "/");
    let from_end = |end_year: i32| cal.fiscal_year_starting(end_year - 1).ok();
    if tok.is_any(&["FY", "FYs"]) {
        let mut j = i + 1;
        if dash_then(j) {
            j += 1;
        }
        if let Some(y) = year_at(t, j) {
            // FY2023-24, FY2023-2024, or FY2024 (the year it ends in).
            if dash_then(j + 1) {
                if two_digits(t, j + 2) == Some((y + 1) % 100) {
                    return Some((cal.fiscal_year_starting(y).ok()?, j + 3));
                }
                if year_at(t, j + 2) == Some(y + 1) {
                    return Some((cal.fiscal_year_starting(y).ok()?, j + 3));
                }
            }
            return Some((from_end(y)?, j + 1));
        }
        if let Some(a) = two_digits(t, j) {
            if dash_then(j + 1) && two_digits(t, j + 2) == Some((a + 1) % 100) {
                return Some((cal.fiscal_year_starting(2000 + a).ok()?, j + 3));
            }
            return Some((from_end(2000 + a)?, j + 1));
        }
        return None;
    }
    if tok.is_any(&["fiscal", "financial"]) {
        let mut j = i + 1;
        if t.get(j).is_some_and(|n| n.is("year")) {
            j += 1;
        }
        if t.get(j).is_some_and(|n| n.is("of")) {
            j += 1;
        }
        if let Some(r) = fiscal_year_at(t, j, cal) {
            return Some(r);
        }
        // `fiscal year 2024`: the year it ends in.
        if let Some(y) = year_at(t, j) {
            return Some((from_end(y)?, j + 1));
        }
        return None;
    }
    if let Some(y) = year_at(t, i) {
        if dash_then(i + 1)
            && !t[i + 1].space_before
            && (two_digits(t, i + 2) == Some((y + 1) % 100) || year_at(t, i + 2) == Some(y + 1))
        {
            return Some((cal.fiscal_year_starting(y).ok()?, i + 3));
        }
    }
    None
}

/// A year or fiscal year after a month range: `2023-24`, `FY24`, `of
/// FY2023-24`, `of fiscal year 2023-24`, `, 2024`.
pub(super) fn year_spec_at(
    t: &[Token<'_>],
    i: usize,
    cal: FiscalCalendar,
) -> Option<(YearSpec, usize)> {
    let mut j = i;
    // "July-March period of FY25", "Jul-Dec months of 2024-25".
    if t.get(j)
        .is_some_and(|n| n.is_any(&["period", "months", "window"]))
        && t.get(j + 1).is_some_and(|n| n.is_any(&["of", "in"]))
    {
        j += 1;
    }
    if t.get(j).is_some_and(|n| n.is_any(&[",", "of", "in"])) {
        j += 1;
    }
    if t.get(j).is_some_and(|n| n.is("the")) {
        j += 1;
    }
    if let Some((fy, end)) = fiscal_year_at(t, j, cal) {
        return Some((YearSpec::Fiscal(fy), end));
    }
    year_at(t, j).map(|y| (YearSpec::Calendar(y), j + 1))
}

pub(super) enum YearSpec {
    Fiscal(FiscalYear),
    Calendar(i32),
}

pub(super) fn month_in_fy(fy: FiscalYear, m: u32) -> Option<YearMonth> {
    let first = fy.first_month().ok()?;
    let offset = (m + 12 - first.month()) % 12;
    first.add_months(offset as i32).ok()
}

/// Months named as a count: `seven`, `7`.
pub(super) fn count_at(t: &[Token<'_>], i: usize) -> Option<u32> {
    let tok = t.get(i)?;
    match tok.kind {
        Tok::Word => number_word(tok.text),
        Tok::Number => tok
            .text
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=12).contains(n)),
        Tok::Symbol => None,
    }
}

/// `of FY24`, `of the current fiscal year`, `of this financial year`: the
/// fiscal year a count of months belongs to. Returns the token after.
pub(super) fn fiscal_context_at(
    t: &[Token<'_>],
    i: usize,
    cal: FiscalCalendar,
) -> (Option<FiscalYear>, usize) {
    let mut j = i;
    if t.get(j).is_some_and(|w| w.is_any(&["of", "in", "during"])) {
        j += 1;
    }
    if t.get(j).is_some_and(|w| w.is("the")) {
        j += 1;
    }
    if let Some((fy, end)) = fiscal_year_at(t, j, cal) {
        return (Some(fy), end);
    }
    if t.get(j)
        .is_some_and(|w| w.is_any(&["current", "this", "ongoing", "present"]))
        && t.get(j + 1)
            .is_some_and(|w| w.is_any(&["fiscal", "financial"]))
    {
        let end = if t.get(j + 2).is_some_and(|w| w.is("year")) {
            j + 3
        } else {
            j + 2
        };
        if let Some((fy, end2)) = fiscal_year_at(t, end, cal) {
            return (Some(fy), end2);
        }
        return (None, end);
    }
    (None, i)
}
