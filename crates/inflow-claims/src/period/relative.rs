//! Relative period phrases: a year or a month earlier, the same months of
//! another fiscal year, the current or the last fiscal year.

use super::words::fiscal_year_at;
use super::*;

/// Relative phrases: `the same period last year`, `the corresponding
/// months of FY2022-23`, `a year earlier`, `the previous month`, `the
/// current fiscal year`, `last fiscal year`.
pub(super) fn relative_at(t: &[Token<'_>], i: usize, cal: FiscalCalendar) -> Option<Mention> {
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
            // "rose to $366 million last month": the month before the
            // text's date, the claim's own period; "from the previous
            // month", "than last month": a base a month back.
            let base = i.checked_sub(1).is_some_and(|j| {
                t[j].is_any(&[
                    "from", "than", "against", "over", "with", "versus", "vs", "the", "of", "to",
                ])
            });
            if tok.is("last") && !base {
                return mention(Spec::LastMonth, i + 2, false);
            }
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
