//! Forward-looking claims, with the projection as known then.

use super::*;

impl SentenceCheck<'_, '_> {
    pub(super) fn judge_forecast(&mut self, a: &Amount, written: String, key: Option<String>) {
        let cal = self.cal;
        // A target is a level of its own year, whatever cue precedes it.
        let as_level = Amount {
            role: Role::Level,
            ..*a
        };
        let period = self
            .level_period(&as_level)
            .or_else(|| self.main_series().last_month().map(ClaimPeriod::Month));
        let fy = period.map(|p| cal.fiscal_year_of(p.last()));
        let mut ev = self.evidence(key.as_deref(), fy.and_then(ClaimPeriod::fiscal_year));
        let target = a.millions();
        let (verdict, explanation) = match (fy, self.data.ctx.projector) {
            (None, _) => (
                Verdict::Forecast,
                "A forward-looking claim, but no fiscal year is named.".to_string(),
            ),
            (Some(fy), None) => (
                Verdict::Forecast,
                format!(
                    "A forward-looking claim about {fy}; no projector was supplied, so no projection is reported."
                ),
            ),
            (Some(fy), Some(proj)) => match proj.project(fy, Some(target)) {
                Some(s) => {
                    let p = s
                        .p_exceed
                        .map(|p| {
                            format!(
                                ", probability of exceeding {} {:.0}%",
                                self.money(target),
                                p * 100.0
                            )
                        })
                        .unwrap_or_default();
                    let e = format!(
                        "A forward-looking claim: {} projects {fy} at {} (80% interval {} to {}){p}, as of {}.",
                        s.model,
                        self.money(s.point),
                        fmt_num(s.lo_80),
                        fmt_num(s.hi_80),
                        s.as_of.long_label()
                    );
                    ev.value = Some(s.point);
                    ev.computation = format!("projection by {} as of {}", s.model, s.as_of);
                    ev.projection = Some(s);
                    (Verdict::Forecast, e)
                }
                None => (
                    Verdict::Forecast,
                    format!(
                        "A forward-looking claim about {fy}; the projector has no projection for it."
                    ),
                ),
            },
        };
        // If the year is over in this vintage, say how it turned out.
        let mut explanation = explanation;
        if let (Some(fy), Some(key), None) = (fy, key.as_deref(), self.data.ctx.outcome) {
            if let Some(outcome) = ClaimPeriod::fiscal_year(fy).and_then(|p| self.data.best(key, p))
            {
                if explanation.ends_with('.') {
                    explanation.pop();
                }
                explanation.push_str(&format!(
                    "; the outcome is known in this vintage: {}.",
                    self.money(outcome.value)
                ));
                if ev.value.is_none() {
                    ev.value = Some(outcome.value);
                    ev.computation = outcome.what;
                }
            }
        }
        // Judged after the fact: how it turned out in the latest data.
        if let (Some(fy), Some(latest)) = (fy, self.data.ctx.outcome)
            && std::ptr::eq(self.main_series(), self.data.ctx.total)
            && let Ok(months) = fy.months()
        {
            let sum = inflow_analytics::sum_months(latest, &months);
            if let Some(v) = sum.value {
                let v = v * latest.meta.unit.scale.factor() / 1e6;
                let (lo, hi) = Stated::of(a).interval();
                let came_true = match a.qual {
                    Qual::AtLeast => v > target,
                    Qual::AtMost => v < target,
                    _ => v >= lo.min(target * 0.95) && v <= hi.max(target * 1.05),
                };
                if explanation.ends_with('.') {
                    explanation.pop();
                }
                let how = if came_true {
                    "it came true"
                } else {
                    "it did not come true"
                };
                explanation.push_str(&format!(
                    "; {how}: {fy} came to {} in the latest data.",
                    self.money(v)
                ));
                ev.expected = Some(v);
            }
        }
        ev.tolerance = Some(format!("target {}", self.money(target)));
        self.push(
            a.first_tok,
            a.end_tok,
            ClaimKind::Forecast,
            a.num.value,
            written,
            fy.and_then(ClaimPeriod::fiscal_year),
            key,
            verdict,
            explanation,
            ev,
        );
    }
}
