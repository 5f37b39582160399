//! Fiscal-year labels as written: `FY 2201-22` or `fiscal year 2021-23`
//! name no fiscal year, whatever the figures beside them.

use super::*;
use crate::scan::Tok;

impl SentenceCheck<'_, '_> {
    /// Flags a fiscal-year label whose two years are not consecutive
    /// (`FY 2201-22`, `FY2019-21`): a typo in the period, so every figure
    /// beside it is about a period the text does not name.
    pub(super) fn judge_period_labels(&mut self) {
        let t = self.t;
        let mut found = Vec::new();
        for i in 0..t.len() {
            let Some(j) = label_start(t, i) else { continue };
            let (Some(a), Some(dash), Some(b)) = (t.get(j), t.get(j + 1), t.get(j + 2)) else {
                continue;
            };
            let digits = |w: &Token<'_>, n: usize| {
                w.kind == Tok::Number
                    && w.text.len() == n
                    && w.text.bytes().all(|c| c.is_ascii_digit())
            };
            if !digits(a, 4) || !(dash.is_dash() || dash.text == "/") {
                continue;
            }
            let (Ok(start), Ok(end)) = (a.text.parse::<i32>(), b.text.parse::<i32>()) else {
                continue;
            };
            let consecutive = if digits(b, 2) {
                (start + 1) % 100 == end
            } else if digits(b, 4) {
                end == start + 1
            } else {
                continue;
            };
            if consecutive && (1950..=2100).contains(&start) {
                continue;
            }
            // The year it ends in is the likelier to be right: a two-digit
            // end is what "FY22" would say.
            let end_year = if digits(b, 2) { 2000 + end } else { end };
            found.push((i, j + 3, start, b.text.to_string(), end_year));
        }
        for (s, e, start, end_text, end_year) in found {
            let label = &self.text[t[s].start..t[e - 1].end];
            let meant = self
                .cal
                .fiscal_year_starting(end_year - 1)
                .map(|fy| format!("; {fy} (ending in {end_text}) is probably meant"))
                .unwrap_or_default();
            let mut ev = self.evidence(None, None);
            ev.unit = None;
            ev.computation = format!("{start} and {end_text} are not consecutive years");
            self.push(
                s,
                e,
                ClaimKind::PeriodLabel,
                f64::from(start),
                "year".into(),
                None,
                None,
                Verdict::Inconsistent,
                format!(
                    "\"{label}\" names no fiscal year: {start} and {end_text} are not consecutive years{meant}."
                ),
                ev,
            );
        }
    }
}

/// The first year token of a fiscal-year label starting at `i` (`FY`,
/// `FY-`, `fiscal year`, `financial year`), or `None`.
fn label_start(t: &[Token<'_>], i: usize) -> Option<usize> {
    let w = t.get(i)?;
    let mut j = if w.is_any(&["FY", "FYs"]) {
        i + 1
    } else if w.is_any(&["fiscal", "financial"]) && t.get(i + 1).is_some_and(|n| n.is("year")) {
        i + 2
    } else {
        return None;
    };
    if t.get(j).is_some_and(|n| n.is_dash()) {
        j += 1;
    }
    Some(j)
}
