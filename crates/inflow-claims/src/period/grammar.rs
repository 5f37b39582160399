//! The period grammar: months, ranges, fiscal years (`FY24`, `2023-24`,
//! `2020/21`), compact forms (`1QFY25`, `5MFY24`), ordinals (`first half`),
//! counts of months and relative phrases, found token by token.

use super::relative::relative_at;
use super::words::*;
use super::*;

/// Parses a period phrase starting at token `i`, returning it and the index
/// of the token after it. Looks at most a dozen tokens ahead.
pub(crate) fn period_at(t: &[Token<'_>], i: usize, cal: FiscalCalendar) -> Option<Mention> {
    let found = month_phrase(t, i, cal)
        .or_else(|| compact_at(t, i, cal))
        .or_else(|| ordinal_at(t, i, cal))
        .or_else(|| count_months_at(t, i, cal))
        .or_else(|| {
            let (fy, end) = fiscal_year_at(t, i, cal)?;
            Some((Spec::Exact(ClaimPeriod::fiscal_year(fy)?), end, None))
        })
        .or_else(|| calendar_year_at(t, i))
        .or_else(|| {
            // `in 2023`, `during 2024`: a year on its own.
            let y = year_at(t, i)?;
            let before = i.checked_sub(1).map(|j| &t[j])?;
            let after_ok = t
                .get(i + 1)
                .is_none_or(|n| !n.is_dash() && n.kind != Tok::Number && !n.is_any(&["-", "/"]));
            (before.is_any(&["in", "during", "for", "throughout"]) && after_ok).then_some((
                Spec::BareYear(y),
                i + 1,
                None,
            ))
        })
        .map(|(spec, end_tok, stated_len)| Mention {
            spec,
            first_tok: i,
            end_tok,
            stated_len,
            back: spec.points_back(),
        });
    found.or_else(|| relative_at(t, i, cal))
}

type Found = (Spec, usize, Option<u32>);

/// `April 2024`, `April FY24`, `July-April 2023-24`, `Jul-Mar FY25`, `July
/// 2023 to March 2024`, `July to March 2024`, `November`, `July-March`.
fn month_phrase(t: &[Token<'_>], i: usize, cal: FiscalCalendar) -> Option<Found> {
    let m1 = month_at(t, i)?;
    let mut j = i + 1;
    let y1 = match year_spec_at(t, j, cal) {
        Some((YearSpec::Calendar(y), end)) => {
            j = end;
            Some(y)
        }
        _ => None,
    };
    let connector = t.get(j).is_some_and(|n| {
        n.is_dash()
            || n.is_any(&["to", "through", "till", "until", "thru"])
            || (n.is("and") && i > 0 && t[i - 1].is("between"))
    });
    if connector {
        if let Some(m2) = month_at(t, j + 1) {
            let k = j + 2;
            let found = match (y1, year_spec_at(t, k, cal)) {
                (Some(y1), Some((YearSpec::Calendar(y2), end))) => {
                    let from = YearMonth::new(y1, m1).ok()?;
                    let to = YearMonth::new(y2, m2).ok()?;
                    ClaimPeriod::range(from, to, cal).map(|p| (Spec::Exact(p), end))
                }
                (_, Some((YearSpec::Fiscal(fy), end))) => {
                    let from = month_in_fy(fy, m1)?;
                    let to = month_in_fy(fy, m2)?;
                    ClaimPeriod::range(from, to, cal).map(|p| (Spec::Exact(p), end))
                }
                (None, Some((YearSpec::Calendar(y2), end))) => {
                    let to = YearMonth::new(y2, m2).ok()?;
                    let from = YearMonth::new(if m1 <= m2 { y2 } else { y2 - 1 }, m1).ok()?;
                    ClaimPeriod::range(from, to, cal).map(|p| (Spec::Exact(p), end))
                }
                (Some(_), None) => None,
                (None, None) => Some((Spec::RangeNoYear(m1, m2), k)),
            };
            if let Some((spec, end)) = found {
                return Some((spec, end, None));
            }
        }
    }
    if let Some(y) = y1 {
        let m = YearMonth::new(y, m1).ok()?;
        return Some((Spec::Exact(ClaimPeriod::Month(m)), j, None));
    }
    if let Some((YearSpec::Fiscal(fy), end)) = year_spec_at(t, i + 1, cal) {
        let m = month_in_fy(fy, m1)?;
        return Some((Spec::Exact(ClaimPeriod::Month(m)), end, None));
    }
    Some((Spec::MonthNoYear(m1), i + 1, None))
}

/// `1QFY25`, `2HFY24`, `5MFY24`, `Q1FY25`, `H1 FY25`, `9M FY25`.
fn compact_at(t: &[Token<'_>], i: usize, cal: FiscalCalendar) -> Option<Found> {
    let tok = t.get(i)?;
    let (n, unit, fy_tok) = if tok.kind == Tok::Number {
        let n: u32 = tok.text.parse().ok()?;
        let u = t.get(i + 1).filter(|u| !u.space_before)?;
        match u.text {
            "QFY" | "HFY" | "MFY" => (n, u.text, i + 1),
            "Q" | "H" | "M" => (n, u.text, i + 2),
            _ => return None,
        }
    } else if tok.text == "Q" || tok.text == "H" {
        let n: u32 = t
            .get(i + 1)
            .filter(|n| !n.space_before)?
            .text
            .parse()
            .ok()?;
        (n, tok.text, i + 2)
    } else {
        return None;
    };
    let (fy, end) = if unit.ends_with("FY") {
        let y = two_digits(t, fy_tok + 1).filter(|_| !t[fy_tok + 1].space_before)?;
        (cal.fiscal_year_starting(2000 + y - 1).ok()?, fy_tok + 2)
    } else {
        fiscal_year_at(t, fy_tok, cal)?
    };
    let first = fy.first_month().ok()?;
    let (from, len) = match unit.chars().next()? {
        'Q' if (1..=4).contains(&n) => (first.add_months(3 * (n as i32 - 1)).ok()?, 3),
        'H' if (1..=2).contains(&n) => (first.add_months(6 * (n as i32 - 1)).ok()?, 6),
        'M' if (1..=12).contains(&n) => {
            let p = ClaimPeriod::first_months(fy, n)?;
            return Some((Spec::Exact(p), end, Some(n)));
        }
        _ => return None,
    };
    let p = ClaimPeriod::range(from, from.add_months(len - 1).ok()?, cal)?;
    Some((Spec::Exact(p), end, None))
}

/// `first seven months [of FY24]`, `first quarter of FY25`, `second half
/// of FY2023-24`, `first month`.
fn ordinal_at(t: &[Token<'_>], i: usize, cal: FiscalCalendar) -> Option<Found> {
    let tok = t.get(i).filter(|t| t.kind == Tok::Word)?;
    let ord = ordinal_word(tok.text)?;
    let next_is = |j: usize, ws: &[&str]| t.get(j).is_some_and(|w| w.is_any(ws));
    if ord == 1 {
        if let Some(n) = count_at(t, i + 1).filter(|_| next_is(i + 2, &["months", "month"])) {
            let (fy, end) = fiscal_context_at(t, i + 3, cal);
            return Some((Spec::FirstMonths(n, fy), end, Some(n)));
        }
        if next_is(i + 1, &["month"]) {
            let (fy, end) = fiscal_context_at(t, i + 2, cal);
            // "the first month of FY24" is July; "the first month on record
            // above $400mn" is a record, not a period.
            if fy.is_none() && !next_is(i + 2, &["of"]) {
                return None;
            }
            return Some((Spec::FirstMonths(1, fy), end, Some(1)));
        }
    }
    let (months, max) = if next_is(i + 1, &["quarter"]) {
        (3, 4)
    } else if next_is(i + 1, &["half"]) {
        (6, 2)
    } else {
        return None;
    };
    if ord > max {
        return None;
    }
    let (fy, end) = fiscal_context_at(t, i + 2, cal);
    match fy {
        Some(fy) => {
            let from = fy
                .first_month()
                .ok()?
                .add_months(months * (ord as i32 - 1))
                .ok()?;
            let p = ClaimPeriod::range(from, from.add_months(months - 1).ok()?, cal)?;
            // "the first half of FY24" is six months long, whatever months
            // the text names beside it.
            Some((Spec::Exact(p), end, (ord == 1).then_some(months as u32)))
        }
        None if ord == 1 => Some((
            Spec::FirstMonths(months as u32, None),
            end,
            Some(months as u32),
        )),
        None => None,
    }
}

/// `seven months of FY24`, `7 months of the current fiscal year`.
fn count_months_at(t: &[Token<'_>], i: usize, cal: FiscalCalendar) -> Option<Found> {
    let n = count_at(t, i)?;
    if !t.get(i + 1).is_some_and(|w| w.is("months")) {
        return None;
    }
    let (fy, end) = fiscal_context_at(t, i + 2, cal);
    if end > i + 2 {
        return Some((Spec::FirstMonths(n, fy), end, Some(n)));
    }
    // `eight months (July-March)`: named beside the months themselves.
    let beside =
        t.get(i + 2).is_some_and(|w| w.text == "(" || w.is_dash()) && month_at(t, i + 3).is_some();
    beside.then_some((Spec::FirstMonths(n, None), i + 2, Some(n)))
}

/// `calendar year 2023`, `CY2023`, `CY23`.
fn calendar_year_at(t: &[Token<'_>], i: usize) -> Option<Found> {
    let tok = t.get(i)?;
    let (y, end) = if tok.is("calendar") && t.get(i + 1).is_some_and(|w| w.is("year")) {
        (year_at(t, i + 2)?, i + 3)
    } else if tok.text == "CY" {
        let y = year_at(t, i + 1).or_else(|| two_digits(t, i + 1).map(|y| 2000 + y))?;
        (y, i + 2)
    } else {
        return None;
    };
    let p = ClaimPeriod::Range {
        from: YearMonth::new(y, 1).ok()?,
        to: YearMonth::new(y, 12).ok()?,
    };
    Some((Spec::Exact(p), end, None))
}

/// Finds every period phrase in a sentence's tokens.
///
/// A fiscal year written apart from the months it qualifies is joined to
/// them: `July to March (FY24)`, `the first eight months (July to March) of
/// FY24`.
pub(crate) fn mentions(t: &[Token<'_>], cal: FiscalCalendar) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match period_at(t, i, cal) {
            Some(m) if m.end_tok > i => {
                i = m.end_tok;
                out.push(m);
            }
            _ => i += 1,
        }
    }
    let glue = |a: &Mention, b: &Mention| {
        b.first_tok >= a.end_tok
            && b.first_tok - a.end_tok <= 3
            && t[a.end_tok..b.first_tok]
                .iter()
                .all(|w| w.is_any(&[")", "(", "of", "the", ",", "in", "for", "during"]))
    };
    // Months without a year, then a fiscal year.
    let mut k = out.len();
    while k > 1 {
        k -= 1;
        let (a, b) = (out[k - 1], out[k]);
        let Spec::Exact(p) = b.spec else { continue };
        if !p.is_full_year() || !glue(&a, &b) {
            continue;
        }
        let fy = cal.fiscal_year_of(p.last());
        let spec = match a.spec {
            Spec::RangeNoYear(m1, m2) => month_in_fy(fy, m1)
                .zip(month_in_fy(fy, m2))
                .and_then(|(f, l)| ClaimPeriod::range(f, l, cal))
                .map(Spec::Exact),
            Spec::MonthNoYear(m) => month_in_fy(fy, m).map(|m| Spec::Exact(ClaimPeriod::Month(m))),
            Spec::FirstMonths(n, None) => Some(Spec::FirstMonths(n, Some(fy))),
            _ => None,
        };
        if let Some(spec) = spec {
            out[k - 1].spec = spec;
            out[k - 1].end_tok = b.end_tok;
            out.remove(k);
        }
    }
    // `May last year`, `May of the previous year`.
    let mut k = out.len();
    while k > 1 {
        k -= 1;
        let (a, b) = (out[k - 1], out[k]);
        if let (Spec::MonthNoYear(m), Spec::YearEarlier) = (a.spec, b.spec) {
            if b.first_tok >= a.end_tok
                && b.first_tok - a.end_tok <= 1
                && t[a.end_tok..b.first_tok].iter().all(|w| w.is("of"))
            {
                out[k - 1].spec = Spec::MonthYearEarlier(m);
                out[k - 1].end_tok = b.end_tok;
                out[k - 1].back = true;
                out.remove(k);
            }
        }
    }
    // `first eight months (July to March 2024)`: the count takes the
    // fiscal year of the months beside it.
    for k in 0..out.len().saturating_sub(1) {
        let (a, b) = (out[k], out[k + 1]);
        if let (Spec::FirstMonths(n, None), Spec::Exact(p)) = (a.spec, b.spec) {
            if glue(&a, &b) {
                out[k].spec = Spec::FirstMonths(n, Some(cal.fiscal_year_of(p.last())));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
