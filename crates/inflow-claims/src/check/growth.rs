//! Percentages: growth against a base (stated in the text or taken from
//! the data) and shares of the total.

use super::*;

impl SentenceCheck<'_, '_> {
    pub(super) fn judge_percent(&mut self, p: &Percent) {
        let mut sref = self.series_for(p.first_tok);
        let own = self.main_series().meta.ebops.as_str();
        if p.share
            && matches!(sref, SeriesRef::Component(c) if c.ebops.is_some_and(|c| c != own && is_within(own, c)))
        {
            // "the share of ICT in services exports ... 42.6 percent": the
            // broader statistic named last is the whole, not the part.
            sref = SeriesRef::Total;
        }
        if p.share && matches!(sref, SeriesRef::Total | SeriesRef::Main) {
            // "..., with 81% coming from computer services": the share is
            // the component's, named after it.
            // Else "freelancers' share of IT exports was 15%": a part of
            // the main statistic named anywhere in the sentence.
            let own = self.main_series().meta.ebops.as_str();
            let part = |s: &SeriesRef| matches!(s, SeriesRef::Component(c) if c.ebops.is_some_and(|c| is_within(c, own)));
            let after = self
                .found
                .series
                .iter()
                .find(|(pos, s)| *pos > p.first_tok && part(s));
            let anywhere = || {
                self.found
                    .series
                    .iter()
                    .filter(|(_, s)| part(s))
                    .min_by_key(|(pos, _)| pos.abs_diff(p.first_tok))
            };
            if let Some((_, c)) = after.or_else(|| {
                self.whole_for(p.first_tok, sref)
                    .is_none()
                    .then(anywhere)
                    .flatten()
            }) {
                sref = *c;
            }
        }
        let found = self.key_for(p.first_tok, sref);
        let key = found.clone().ok();
        let period = if p.share {
            self.share_period(p)
        } else {
            self.current_for(p.first_tok)
        };
        let refused = if p.share {
            None
        } else if p.after_points {
            Some(
                "The level of a rate after a change in percentage points, not a growth rate; no series of that rate is loaded.",
            )
        } else if !p.directed {
            Some(
                "Not recognised as a growth rate or a share (no change or comparison is named beside it).",
            )
        } else {
            None
        };
        if let Some(e) = refused {
            let ev = self.evidence(key.as_deref(), period);
            return self.push(
                p.first_tok,
                p.end_tok,
                ClaimKind::Growth,
                p.num.value,
                "percent".into(),
                period,
                key,
                Verdict::Unverifiable,
                e.into(),
                ev,
            );
        }
        let kind = if p.share {
            ClaimKind::Share
        } else {
            match self.lag_named(period, p.first_tok) {
                Some(1) => ClaimKind::MomGrowth,
                Some(12) => ClaimKind::YoyGrowth,
                Some(_) => ClaimKind::Growth,
                None if self.comparison_lag(period, p.first_tok) == 1 => ClaimKind::MomGrowth,
                None => ClaimKind::YoyGrowth,
            }
        };
        let (verdict, explanation, evidence) = if p.share {
            self.judge_share(p, sref, &found)
        } else {
            self.judge_growth(p, &found)
        };
        self.push(
            p.first_tok,
            p.end_tok,
            kind,
            p.num.value,
            "percent".into(),
            period,
            key,
            verdict,
            explanation,
            evidence,
        );
    }

    pub(super) fn judge_growth(
        &self,
        p: &Percent,
        found: &Result<String, String>,
    ) -> (Verdict, String, Evidence) {
        let key = found.as_deref().ok();
        let stated = pct_interval(p);
        let mut ev = self.evidence(key, self.current_for(p.first_tok));
        ev.unit = Some("percent".into());
        ev.tolerance = Some(format!(
            "{} to {} (the text's {}% rounded either way or cut short, and the rounding of the figures compared)",
            fmt_num(stated.0),
            fmt_num(stated.1),
            fmt_num(p.num.value)
        ));
        // The text's own figures first.
        let cur = self.nearest(p.first_tok, &[Role::Level], None);
        let base = self.nearest(p.first_tok, &[Role::Base], None);
        let diff = self.nearest(p.first_tok, &[Role::Diff], None);
        let related: Vec<&Amount> = [cur.as_ref(), base.as_ref(), diff.as_ref()]
            .into_iter()
            .flatten()
            .collect();
        let own = match (cur, base, diff) {
            _ if !self.same_comparison(p.first_tok, &related) => None,
            (Some(c), Some(b), _) => {
                let bv = rescale(b.millions(), c.millions());
                pct_range(
                    c.millions(),
                    c.half_millions(),
                    bv,
                    b.half_millions() * bv / b.millions().max(1e-12),
                )
                .map(|r| {
                    (
                        r,
                        format!("{} / {} - 1", fmt_num(c.millions()), fmt_num(bv)),
                    )
                })
            }
            (_, Some(b), Some(d)) => {
                let bv = b.millions();
                let dv = d.sign * d.millions();
                pct_range(bv + dv, d.half_millions(), bv, b.half_millions())
                    .map(|r| (r, format!("{} / {}", fmt_num(dv), fmt_num(bv))))
            }
            // "This shows growth of 18% compared to $437 million": the
            // level is the sentence before's.
            (None, Some(b), None) if self.prev.level.is_some() && self.own_main.is_none() => {
                let (cv, ch, words) = self.prev.level.clone().unwrap_or_default();
                let bv = rescale(b.millions(), cv);
                pct_range(cv, ch, bv, b.half_millions() * bv / b.millions().max(1e-12)).map(|r| {
                    (
                        r,
                        format!(
                            "{} / {} - 1, with {words} from the sentence before",
                            fmt_num(cv),
                            fmt_num(bv)
                        ),
                    )
                })
            }
            (Some(c), None, Some(d)) => {
                let cv = c.millions();
                let dv = d.sign * d.millions();
                pct_range(cv, c.half_millions(), cv - dv, d.half_millions()).map(|r| {
                    (
                        r,
                        format!("{} / ({} - {})", fmt_num(dv), fmt_num(cv), fmt_num(dv)),
                    )
                })
            }
            _ => None,
        };
        if let Some(((point, lo, hi), how)) = own.clone() {
            if !overlaps(stated, (lo, hi)) {
                ev.value = Some(point);
                ev.expected = Some(point);
                ev.computation = format!("{how} = {} (the text's own figures)", fmt_pct(point));
                return (
                    Verdict::Inconsistent,
                    format!(
                        "The figures the text compares give {}, not {}%.",
                        fmt_pct(point),
                        fmt_num(p.value)
                    ),
                    ev,
                );
            }
        }
        let key = match found {
            Ok(key) => key.as_str(),
            Err(why) => {
                return (
                    Verdict::Unverifiable,
                    format!(
                        "{}.",
                        capitalize(&why.replace("the amount is", "the percentage is"))
                    ),
                    ev,
                );
            }
        };
        let Some(main) = self
            .current_for(p.first_tok)
            .or_else(|| self.main_from_base(key))
        else {
            return (
                Verdict::Unverifiable,
                "No period is named for this percentage in the sentence or the one before.".into(),
                ev,
            );
        };
        ev.period = Some(main.to_string());
        let base_p = self
            .base_period_for(main, p.first_tok)
            .or_else(|| main.shift(12, self.cal));
        let Some(base_p) = base_p else {
            return (
                Verdict::Unverifiable,
                "No base period to compare with.".into(),
                ev,
            );
        };
        let (c, b) = match self.data.pair(key, main, base_p, |c, b| {
            pct_range(c.value, c.half, b.value, b.half)
                .is_some_and(|(_, lo, hi)| overlaps(stated, (lo, hi)))
        }) {
            Ok(cb) => cb,
            Err((p, missing)) => {
                if let Some(((point, _, _), how)) = own {
                    ev.value = Some(point);
                    ev.computation = format!("{how} = {} (the text's own figures)", fmt_pct(point));
                    return (
                        Verdict::Unverifiable,
                        format!(
                            "The text's own figures agree ({}), but there is nothing to check them against: {}.",
                            fmt_pct(point),
                            self.data.missing_reason(key, p, &missing)
                        ),
                        ev,
                    );
                }
                return (
                    Verdict::Unverifiable,
                    self.data.nothing(key, p, &missing),
                    ev,
                );
            }
        };
        let Some((point, lo, hi)) = pct_range(c.value, c.half, b.value, b.half) else {
            return (
                Verdict::Unverifiable,
                format!("The base, {}, is zero.", base_p.label()),
                ev,
            );
        };
        ev.value = Some(point);
        ev.source_url.clone_from(&c.source_url);
        ev.computation = format!(
            "{} ({}) / {} ({}) - 1 = {}",
            fmt_num(c.value),
            main.label(),
            fmt_num(b.value),
            base_p.label(),
            fmt_pct(point)
        );
        if overlaps(stated, (lo, hi)) {
            (
                Verdict::Supported,
                format!(
                    "{} against {} is {}; the text's {}% is that rounded or cut short.",
                    main.label(),
                    base_p.label(),
                    fmt_pct(point),
                    fmt_num(p.value)
                ),
                ev,
            )
        } else {
            ev.expected = Some(point);
            (
                Verdict::Contradicted,
                format!(
                    "{} against {} is {}, not {}%.",
                    main.label(),
                    base_p.label(),
                    fmt_pct(point),
                    fmt_num(p.value)
                ),
                ev,
            )
        }
    }

    /// The period a share is judged in: its own, or for a share named as
    /// the base, the base period of the sentence's comparison.
    pub(super) fn share_period(&self, p: &Percent) -> Option<ClaimPeriod> {
        let current = self.current_for(p.first_tok);
        if p.base_share {
            return current.and_then(|c| self.base_period_for(c, p.first_tok));
        }
        current
    }

    pub(super) fn judge_share(
        &self,
        p: &Percent,
        sref: SeriesRef,
        found: &Result<String, String>,
    ) -> (Verdict, String, Evidence) {
        let key = found.as_deref().ok();
        let current = self.share_period(p);
        let mut ev = self.evidence(key, current);
        ev.unit = Some("percent".into());
        let whole = self.whole_for(p.first_tok, sref);
        let name = match (sref, whole) {
            (SeriesRef::Component(stat), _) => stat.name,
            (SeriesRef::Main | SeriesRef::Total, Some(_)) => {
                crate::lexicon::statistic_by_code(self.main_series().meta.ebops.as_str())
                    .map_or("the main series", |s| s.name)
            }
            _ => {
                return (
                    Verdict::Unverifiable,
                    "A share needs a component series; none is named.".into(),
                    ev,
                );
            }
        };
        let Some(key) = key else {
            return (
                Verdict::Unverifiable,
                format!(
                    "{}.",
                    capitalize(found.as_ref().err().map_or("", String::as_str))
                ),
                ev,
            );
        };
        let total_key = match whole {
            Some((at, w)) => match self.key_for(at, SeriesRef::Component(w)) {
                Ok(k) => k,
                Err(why) => {
                    return (Verdict::Unverifiable, format!("{}.", capitalize(&why)), ev);
                }
            },
            None => self.main_series().meta.key.to_string(),
        };
        let whole_name = whole.map_or("the total", |(_, w)| w.name);
        let Some(main) = current else {
            return (
                Verdict::Unverifiable,
                "No period is named for this share.".into(),
                ev,
            );
        };
        let (Some(c), Some(t)) = (self.data.best(key, main), self.data.best(&total_key, main))
        else {
            return (
                Verdict::Unverifiable,
                format!(
                    "Nothing to check against: no value of {name} or of {whole_name} for {}.",
                    main.label()
                ),
                ev,
            );
        };
        let point = c.value / t.value * 100.0;
        let lo = (c.value - c.half) / (t.value + t.half) * 100.0;
        let hi = (c.value + c.half) / (t.value - t.half).max(1e-9) * 100.0;
        ev.value = Some(point);
        ev.computation = format!(
            "{} ({key}) / {} ({total_key}) = {}",
            fmt_num(c.value),
            fmt_num(t.value),
            fmt_pct(point)
        );
        ev.source_url.clone_from(&c.source_url);
        let stated = pct_interval(&Percent {
            value: p.value.abs(),
            ..*p
        });
        if overlaps(stated, (lo, hi)) {
            (
                Verdict::Supported,
                format!(
                    "{} were {} of {whole_name} in {}.",
                    capitalize(name),
                    fmt_pct(point),
                    main.label()
                ),
                ev,
            )
        } else {
            ev.expected = Some(point);
            (
                Verdict::Contradicted,
                format!(
                    "{} were {} of {whole_name} in {}, not {}%.",
                    capitalize(name),
                    fmt_pct(point),
                    main.label(),
                    fmt_num(p.num.value)
                ),
                ev,
            )
        }
    }

    /// The whole a share at `at` is of: a broader statistic named in the
    /// sentence ("of total services exports", "of which IT made up"),
    /// nearest first; `None` for the main series.
    fn whole_for(
        &self,
        at: usize,
        part: SeriesRef,
    ) -> Option<(usize, &'static crate::lexicon::Statistic)> {
        let own = self.main_series().meta.ebops.as_str();
        let part_code = match part {
            SeriesRef::Component(s) => s.ebops?,
            SeriesRef::Main | SeriesRef::Total => own,
            SeriesRef::Other(_) => return None,
        };
        self.found
            .series
            .iter()
            .filter_map(|&(pos, s)| match s {
                SeriesRef::Component(w) => w
                    .ebops
                    .filter(|c| *c != part_code && is_within(part_code, c))
                    .map(|_| (pos, w)),
                _ => None,
            })
            .min_by_key(|(pos, _)| pos.abs_diff(at))
    }
}

/// Whether EBOPS code `part` is under `whole` (`SI2_PK_FL` under `SI2`,
/// `SI` under `S`).
fn is_within(part: &str, whole: &str) -> bool {
    match (
        part.parse::<inflow_core::EbopsCode>(),
        whole.parse::<inflow_core::EbopsCode>(),
    ) {
        (Ok(p), Ok(w)) => p.is_within(&w),
        _ => part.starts_with(whole),
    }
}
