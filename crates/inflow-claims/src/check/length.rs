//! Period lengths as named (`first eight months`) against the months
//! they come with.

use super::*;

impl SentenceCheck<'_, '_> {
    /// "the first eight months (July to March)": a period's stated length
    /// against the months named beside it.
    pub(super) fn judge_period_lengths(&mut self) {
        let mut found = Vec::new();
        for (i, m) in self.mentions.iter().enumerate() {
            let Some(n) = m.stated_len else { continue };
            for (j, o) in self.mentions.iter().enumerate() {
                if i == j || o.stated_len.is_some() {
                    continue;
                }
                let near =
                    o.first_tok.abs_diff(m.end_tok) <= 6 || m.first_tok.abs_diff(o.end_tok) <= 6;
                if !near {
                    continue;
                }
                let len = match (o.spec, self.resolved[j]) {
                    (Spec::RangeNoYear(a, b), _) => (b + 12 - a) % 12 + 1,
                    (Spec::Exact(p @ ClaimPeriod::FiscalToDate { .. }), _) if !p.is_full_year() => {
                        p.month_count()
                    }
                    (Spec::Exact(p @ ClaimPeriod::Range { .. }), _) => p.month_count(),
                    _ => continue,
                };
                found.push((m.first_tok, m.end_tok, n, len, self.resolved[j]));
                break;
            }
        }
        for (s, e, n, len, p) in found {
            let mut ev = self.evidence(None, p);
            ev.unit = Some("months".into());
            ev.value = Some(f64::from(len));
            ev.computation = format!("the months named beside it span {len} months");
            let (v, x) = if n == len {
                (
                    Verdict::Supported,
                    format!("The months named beside it span {len} months, as stated."),
                )
            } else {
                ev.expected = Some(f64::from(len));
                (
                    Verdict::Inconsistent,
                    format!("The text says {n} months but the months named beside it span {len}."),
                )
            };
            self.push(
                s,
                e,
                ClaimKind::PeriodLength,
                f64::from(n),
                "months".into(),
                p,
                None,
                v,
                x,
                ev,
            );
        }
    }
}
