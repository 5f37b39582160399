//! The period grammar: months, ranges, fiscal years (`FY24`, `2023-24`,
//! `2020/21`), compact forms (`1QFY25`, `5MFY24`), ordinals (`first half`),
//! counts of months and relative phrases, found token by token.

use super::*;

fn month_at(t: &[Token<'_>], i: usize) -> Option<u32> {
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

fn year_at(t: &[Token<'_>], i: usize) -> Option<i32> {
    let tok = t.get(i)?;
    if tok.kind != Tok::Number || tok.text.len() != 4 {
        return None;
    }
    let y: i32 = tok.text.parse().ok()?;
    (1950..=2100).contains(&y).then_some(y)
}

fn two_digits(t: &[Token<'_>], i: usize) -> Option<i32> {
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
fn year_spec_at(t: &[Token<'_>], i: usize, cal: FiscalCalendar) -> Option<(YearSpec, usize)> {
    let mut j = i;
    if t.get(j).is_some_and(|n| n.is_any(&[",", "of"])) {
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

enum YearSpec {
    Fiscal(FiscalYear),
    Calendar(i32),
}

fn month_in_fy(fy: FiscalYear, m: u32) -> Option<YearMonth> {
    let first = fy.first_month().ok()?;
    let offset = (m + 12 - first.month()) % 12;
    first.add_months(offset as i32).ok()
}

/// Months named as a count: `seven`, `7`.
fn count_at(t: &[Token<'_>], i: usize) -> Option<u32> {
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

/// `of FY24`, `of the current fiscal year`, `of this financial year`: the
/// fiscal year a count of months belongs to. Returns the token after.
fn fiscal_context_at(
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

/// Relative phrases: `the same period last year`, `the corresponding
/// months of FY2022-23`, `a year earlier`, `the previous month`, `the
/// current fiscal year`, `last fiscal year`.
fn relative_at(t: &[Token<'_>], i: usize, cal: FiscalCalendar) -> Option<Mention> {
    let tok = t.get(i)?;
    let is = |j: usize, ws: &[&str]| t.get(j).is_some_and(|w| w.is_any(ws));
    let mention = |spec: Spec, end_tok, back| {
        Some(Mention {
            spec,
            first_tok: i,
            end_tok,
            stated_len: None,
            back: back || spec.points_back(),
        })
    };
    if tok.is_any(&["same", "corresponding", "comparable", "like"])
        && is(i + 1, &["period", "months", "month", "quarter", "time"])
    {
        // Whatever qualifies it (`of last year`, `a year earlier`, `of the
        // last fiscal year 2022-23`) is consumed here, up to seven tokens.
        let mut end = i + 2;
        for j in i + 2..(i + 9).min(t.len()) {
            if let Some((fy, e)) = fiscal_year_at(t, j, cal) {
                return mention(Spec::CorrespondingOf(fy), e, true);
            }
            if t[j].is_any(&["year", "earlier", "ago"]) {
                end = j + 1;
                if !is(j + 1, &["earlier", "ago"]) {
                    break;
                }
            } else if !t[j].is_any(&[
                "of",
                "the",
                "last",
                "previous",
                "preceding",
                "a",
                "in",
                "fiscal",
                "financial",
                "prior",
                "one",
            ]) {
                break;
            }
        }
        return mention(Spec::YearEarlier, end, true);
    }
    if tok.is_any(&["a", "one"]) && is(i + 1, &["year"]) && is(i + 2, &["earlier", "ago", "before"])
    {
        return mention(Spec::YearEarlier, i + 3, true);
    }
    if tok.is_any(&["a", "one"])
        && is(i + 1, &["month"])
        && is(i + 2, &["earlier", "ago", "before"])
    {
        return mention(Spec::MonthEarlier, i + 3, true);
    }
    if tok.is_any(&["last", "previous", "preceding", "prior"]) {
        if is(i + 1, &["year"]) && !is(i + 2, &["fiscal", "financial"]) {
            return mention(Spec::YearEarlier, i + 2, true);
        }
        if is(i + 1, &["month"]) {
            return mention(Spec::MonthEarlier, i + 2, true);
        }
        if is(i + 1, &["fiscal", "financial"]) {
            let end = if is(i + 2, &["year"]) { i + 3 } else { i + 2 };
            if let Some((fy, e)) = fiscal_year_at(t, end, cal) {
                return mention(Spec::Exact(ClaimPeriod::fiscal_year(fy)?), e, true);
            }
            return mention(Spec::FiscalRelative(-1), end, true);
        }
    }
    if tok.is_any(&["current", "this", "ongoing", "present"]) && is(i + 1, &["fiscal", "financial"])
    {
        let end = if is(i + 2, &["year"]) { i + 3 } else { i + 2 };
        if let Some((fy, e)) = fiscal_year_at(t, end, cal) {
            return mention(Spec::Exact(ClaimPeriod::fiscal_year(fy)?), e, false);
        }
        return mention(Spec::FiscalRelative(0), end, false);
    }
    if tok.is("next") && is(i + 1, &["fiscal", "financial"]) {
        let end = if is(i + 2, &["year"]) { i + 3 } else { i + 2 };
        return mention(Spec::FiscalRelative(1), end, false);
    }
    None
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
mod tests {
    use super::*;
    use crate::scan::tokenize;
    use proptest::prelude::*;

    const PK: FiscalCalendar = FiscalCalendar::PAKISTAN;

    /// The periods found in `s`, resolved where the text fixes them.
    fn found(s: &str) -> Vec<String> {
        let t = tokenize(s);
        mentions(&t, PK)
            .into_iter()
            .map(|m| match m.spec {
                Spec::Exact(p) => p.to_string(),
                Spec::FirstMonths(n, Some(fy)) => {
                    ClaimPeriod::first_months(fy, n).map_or("?".into(), |p| p.to_string())
                }
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn every_written_form() {
        let cases: &[(&str, &str)] = &[
            ("in April 2024", "2024-04"),
            ("in Apr, 2024", "2024-04"),
            ("in Sept 2023", "2023-09"),
            ("July-April 2023-24", "FY2023-24:Jul-Apr"),
            ("July to April 2023–24", "FY2023-24:Jul-Apr"),
            ("Jul-Mar FY25", "FY2024-25:Jul-Mar"),
            ("July–March of FY2024-25", "FY2024-25:Jul-Mar"),
            ("July 2023 to March 2024", "FY2023-24:Jul-Mar"),
            ("between July 2023 and March 2024", "FY2023-24:Jul-Mar"),
            ("July to March 2024", "FY2023-24:Jul-Mar"),
            ("FY24", "FY2023-24"),
            ("FY2023-24", "FY2023-24"),
            ("FY 2023-24", "FY2023-24"),
            ("fiscal year 2020/21", "FY2020-21"),
            ("FY2020/21", "FY2020-21"),
            ("FY23-24", "FY2023-24"),
            ("fiscal year 2021-22", "FY2021-22"),
            ("financial year 2023–24", "FY2023-24"),
            ("the fiscal year 2024", "FY2023-24"),
            ("2023-24", "FY2023-24"),
            ("1QFY25", "FY2024-25:Jul-Sep"),
            ("Q1FY25", "FY2024-25:Jul-Sep"),
            ("2QFY25", "2024-10..2024-12"),
            ("1HFY24", "FY2023-24:Jul-Dec"),
            ("5MFY24", "FY2023-24:Jul-Nov"),
            ("first seven months of FY24", "FY2023-24:Jul-Jan"),
            ("first quarter of FY25", "FY2024-25:Jul-Sep"),
            ("second half of FY2023-24", "2024-01..2024-06"),
            ("seven months of FY2023-24", "FY2023-24:Jul-Jan"),
            ("7MFY24", "FY2023-24:Jul-Jan"),
            ("calendar year 2023", "2023-01..2023-12"),
            ("CY23", "2023-01..2023-12"),
            ("April FY24", "2024-04"),
            ("the current financial year 2023–24", "FY2023-24"),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), vec![want.to_string()], "{text}");
        }
    }

    #[test]
    fn forms_left_to_context() {
        assert_eq!(found("in November"), vec!["MonthNoYear(11)"]);
        assert_eq!(found("during July-March"), vec!["RangeNoYear(7, 3)"]);
        assert_eq!(
            found("the first seven months"),
            vec!["FirstMonths(7, None)"]
        );
        assert_eq!(found("the same period last year"), vec!["YearEarlier"]);
        assert_eq!(found("the same month a year earlier"), vec!["YearEarlier"]);
        assert_eq!(found("a year ago"), vec!["YearEarlier"]);
        assert_eq!(found("the previous month"), vec!["MonthEarlier"]);
        assert_eq!(found("the current fiscal year"), vec!["FiscalRelative(0)"]);
        assert_eq!(found("last fiscal year"), vec!["FiscalRelative(-1)"]);
        let fy23 = PK.parse_fiscal_year("FY2022-23").unwrap();
        assert_eq!(
            found("the corresponding months of the last fiscal year 2022-23"),
            vec![format!("{:?}", Spec::CorrespondingOf(fy23))]
        );
        // The first eight months, named with the months they are.
        assert_eq!(
            found("the first eight months (July to March) of FY24"),
            vec!["FY2023-24:Jul-Feb", "FY2023-24:Jul-Mar"]
        );
    }

    #[test]
    fn not_periods() {
        // "may" the verb, "march" the noun, a number, a year that is not
        // a period of its own.
        assert!(found("exports may rise as workers march on with 310 since 2019").is_empty());
        assert_eq!(found("exports rose in 2024"), vec!["BareYear(2024)"]);
        assert!(found("FY").is_empty());
        assert!(found("2023-25").is_empty());
    }

    proptest! {
        #[test]
        fn fiscal_labels_round_trip(start in 2000i32..2090) {
            let fy = PK.fiscal_year_starting(start).unwrap();
            let want = fy.to_string();
            for text in [
                fy.to_string(),
                fy.short_label(),
                format!("fiscal year {}-{:02}", start, (start + 1) % 100),
                format!("{}-{}", start, start + 1),
            ] {
                prop_assert_eq!(found(&text), vec![want.clone()], "{}", text);
            }
        }

        #[test]
        fn month_ranges_resolve(start in 2000i32..2090, last in 0i32..12) {
            let fy = PK.fiscal_year_starting(start).unwrap();
            let through = fy.first_month().unwrap().add_months(last).unwrap();
            let want = ClaimPeriod::first_months(fy, last as u32 + 1).unwrap().to_string();
            let text = format!("July-{} {}", through.name(), fy.short_label());
            let got = found(&text);
            if last == 0 {
                // "July-July" is one month.
                prop_assert_eq!(got, vec![format!("{}", fy.first_month().unwrap())]);
            } else {
                prop_assert_eq!(got, vec![want.clone()]);
            }
            let compact = format!("{}MFY{:02}", last + 1, fy.end_year() % 100);
            prop_assert_eq!(found(&compact), vec![want]);
        }

        #[test]
        fn never_panics(s in "\\PC{0,60}") {
            let t = tokenize(&s);
            let _ = mentions(&t, PK);
        }

        #[test]
        fn never_panics_on_near_misses(s in "(FY|fiscal year|first|[1-9]|Q|H|M|QFY|MFY|July|May|to|-|–|of|the|20[0-9][0-9]|[0-9]{2}| ){0,12}") {
            let t = tokenize(&s);
            let _ = mentions(&t, PK);
        }
    }
}
