//! Records: all-time highs, highs within a window, since a month or in
//! a fiscal year, judged against the values known before the month.

use super::*;

impl SentenceCheck<'_, '_> {
    pub(super) fn judge_record(&mut self, s: usize, e: usize) {
        // The amount the record phrase is about: the nearest level within
        // twelve tokens.
        let Some(a) = self
            .found
            .amounts
            .iter()
            .filter(|a| a.role != Role::Diff && !a.forecast && a.cur == Cur::Usd)
            .filter(|a| a.first_tok.abs_diff(s) <= 12)
            .min_by_key(|a| a.first_tok.abs_diff(s))
            .copied()
        else {
            return self.judge_bare_record(s, e);
        };
        if self.recorded.contains(&a.first_tok) {
            return;
        }
        self.recorded.push(a.first_tok);
        let sref = self.series_for(a.first_tok);
        let found = self.key_for(a.first_tok, sref);
        let key = found.clone().ok();
        let period = self.level_period(&a);
        let mut ev = self.evidence(key.as_deref(), period);
        ev.tolerance =
            Some("strictly above every earlier value compared (a tie is not a record)".into());
        let (verdict, explanation) = match (key.as_deref(), period) {
            (None, _) => (
                Verdict::Unverifiable,
                format!(
                    "{}.",
                    capitalize(found.as_ref().err().map_or("", String::as_str))
                ),
            ),
            (_, None) => (
                Verdict::Unverifiable,
                "No period is named for this record.".to_string(),
            ),
            (Some(key), Some(p)) => match self.record_scope(s, e) {
                // "The previous high was $303m in December 2023" with no
                // later month named: a record when it was set.
                RecordScope::Previous if self.main.is_some_and(|m| m != p) => {
                    self.previous_record(key, &a, &mut ev)
                }
                RecordScope::AllTime | RecordScope::Previous => {
                    self.record_verdict(key, p, &mut ev)
                }
                scope => self.scoped_record(key, p, scope, &mut ev),
            },
        };
        self.push(
            s,
            e,
            ClaimKind::Record,
            a.num.value,
            Self::written_unit(&a),
            period,
            key,
            verdict,
            explanation,
            ev,
        );
    }

    /// "April was an all-time high": a record phrase with no amount near
    /// it, about a month named beside it, judged on that month's value in
    /// the data. Only the phrases that can mean nothing but a level count:
    /// "record growth" or "a record year" name no value to judge.
    fn judge_bare_record(&mut self, s: usize, e: usize) {
        let t = self.t;
        let after = |k: usize, ws: &[&str]| t.get(s + k).is_some_and(|w| w.is_any(ws));
        let level = t[s].is_any(&["all", "historic", "historical"])
            || (t[s].is_any(&["record", "highest"]) && after(1, &["high", "ever", "level"]));
        if !level || (s > 0 && t[s - 1].is("track")) {
            return;
        }
        let month = self
            .mentions
            .iter()
            .zip(&self.resolved)
            .filter(|(m, _)| {
                // "April 2024 was an all-time high" or "an all-time high in
                // April 2024": the month just before or just after.
                let before = m.end_tok <= s && s - m.end_tok <= 6;
                let after = m.first_tok >= e && m.first_tok - e <= 3;
                !m.back && (before || after)
            })
            .find_map(|(m, p)| match p {
                Some(p @ ClaimPeriod::Month(_)) => Some((m.first_tok, *p)),
                _ => None,
            });
        let Some((at, p)) = month else {
            return;
        };
        if self.recorded.contains(&at) {
            return;
        }
        self.recorded.push(at);
        let sref = self.series_for(at);
        let found = self.key_for(at, sref);
        let key = found.clone().ok();
        let mut ev = self.evidence(key.as_deref(), Some(p));
        ev.tolerance =
            Some("strictly above every earlier value compared (a tie is not a record)".into());
        let (verdict, explanation) = match key.as_deref() {
            None => (
                Verdict::Unverifiable,
                format!(
                    "{}.",
                    capitalize(found.as_ref().err().map_or("", String::as_str))
                ),
            ),
            Some(key) => match self.record_scope(s, e) {
                RecordScope::AllTime | RecordScope::Previous => {
                    self.record_verdict(key, p, &mut ev)
                }
                scope => self.scoped_record(key, p, scope, &mut ev),
            },
        };
        // No number is written: the claim carries the month's value from
        // the data, in the evidence's unit, so a reader sees what was judged.
        let Some(value) = ev.value else {
            return;
        };
        let unit = ev.unit.clone().unwrap_or_else(|| MILLIONS.to_string());
        self.push(
            s,
            e,
            ClaimKind::Record,
            value,
            unit,
            Some(p),
            key,
            verdict,
            explanation,
            ev,
        );
    }

    /// What a record phrase compares with: "highest in five months",
    /// "highest since March 2024", "highest this fiscal year", "second
    /// highest", or all time.
    pub(super) fn record_scope(&self, s: usize, e: usize) -> RecordScope {
        let t = self.t;
        if s > 0 && t[s - 1].is_any(&["second", "third", "fourth", "near", "nearly", "almost"]) {
            return RecordScope::Unchecked;
        }
        if s > 0 && t[s - 1].is_any(&["previous", "earlier", "prior", "former", "old"]) {
            return RecordScope::Previous;
        }
        let ahead = &t[e..(e + 6).min(t.len())];
        for (k, w) in ahead.iter().enumerate() {
            if w.is("since") {
                let at = e + k + 1;
                let since = self
                    .mentions
                    .iter()
                    .zip(&self.resolved)
                    .find(|(m, _)| m.first_tok >= at && m.first_tok <= at + 2)
                    .and_then(|(_, p)| *p);
                return since.map_or(RecordScope::Unchecked, |p| RecordScope::Since(p.last()));
            }
            if w.is_any(&["months", "month", "years", "year"]) && k > 0 {
                let n = crate::number::number_word(ahead[k - 1].text)
                    .or_else(|| ahead[k - 1].text.parse().ok());
                let per = if w.is_any(&["years", "year"]) { 12 } else { 1 };
                if ahead[..k]
                    .iter()
                    .any(|x| x.is_any(&["fiscal", "financial", "this", "current"]))
                {
                    return RecordScope::FiscalYear;
                }
                return n.map_or(RecordScope::Unchecked, |n: u32| {
                    RecordScope::Window((n as i32).saturating_mul(per).min(1200))
                });
            }
            if w.is_any(&["fiscal", "financial"]) {
                return RecordScope::FiscalYear;
            }
            if w.is_any(&[".", ",", ";"]) {
                break;
            }
        }
        RecordScope::AllTime
    }

    pub(super) fn scoped_record(
        &self,
        key: &str,
        p: ClaimPeriod,
        scope: RecordScope,
        ev: &mut Evidence,
    ) -> (Verdict, String) {
        let (ClaimPeriod::Month(m), Some(series)) = (p, self.data.series_covering(key, p)) else {
            return (
                Verdict::Unverifiable,
                "Only monthly records within a window are checked.".into(),
            );
        };
        let Some(v) = series.value(m) else {
            return (Verdict::Unverifiable, self.data.nothing(key, p, &[]));
        };
        let (from, what) = match scope {
            RecordScope::Window(n) if n > 1 => (
                m.add_months(-(n - 1)).ok(),
                format!("the previous {} months", n - 1),
            ),
            RecordScope::Since(since) => (
                since.add_months(1).ok(),
                format!("the months since {}", since.long_label()),
            ),
            RecordScope::FiscalYear => {
                let fy = self.cal.fiscal_year_of(m);
                (fy.first_month().ok(), format!("the earlier months of {fy}"))
            }
            _ => {
                return (
                    Verdict::Unverifiable,
                    "A ranking other than the highest is not checked.".into(),
                );
            }
        };
        let Some(from) = from else {
            return (Verdict::Unverifiable, "The window is out of range.".into());
        };
        let high = from
            .through(m)
            .filter(|x| *x < m)
            .filter_map(|x| series.value(x).map(|v| (v, x)))
            .fold(None, |best: Option<(f64, YearMonth)>, (v, x)| match best {
                Some((bv, _)) if bv >= v => best,
                _ => Some((v, x)),
            });
        ev.value = Some(v);
        let Some((hv, hm)) = high else {
            return (
                Verdict::Unverifiable,
                format!("No value in {what} to compare with."),
            );
        };
        ev.computation = format!(
            "{} in {} against {what}; highest among them {} in {}",
            self.money(v),
            m.long_label(),
            self.money(hv),
            hm.long_label()
        );
        if v > hv {
            (
                Verdict::Supported,
                format!(
                    "{} in {} is above {what} (highest {} in {}).",
                    self.money(v),
                    m.long_label(),
                    self.money(hv),
                    hm.long_label()
                ),
            )
        } else {
            ev.expected = Some(hv);
            (
                Verdict::Contradicted,
                format!(
                    "{} in {} is not above {what}: {} had {}.",
                    self.money(v),
                    m.long_label(),
                    hm.long_label(),
                    self.money(hv)
                ),
            )
        }
    }

    /// "Beating the previous record of $X": X against the highest month
    /// before the sentence's own month, as known then.
    fn previous_record(&self, key: &str, a: &Amount, ev: &mut Evidence) -> (Verdict, String) {
        let Some(ClaimPeriod::Month(m)) = self.main else {
            return (
                Verdict::Unverifiable,
                "No month is named that this previous record was beaten in.".into(),
            );
        };
        let p = ClaimPeriod::Month(m);
        let Some(series) = self.data.series_covering(key, p) else {
            return (Verdict::Unverifiable, self.data.nothing(key, p, &[]));
        };
        let Ok(h) = headline(series, m) else {
            return (Verdict::Unverifiable, self.data.nothing(key, p, &[m]));
        };
        let (Some(v), Some(pm)) = (h.record.previous_high, h.record.previous_high_month) else {
            return (
                Verdict::Unverifiable,
                format!("No month before {} to compare with.", m.long_label()),
            );
        };
        let factor = series.meta.unit.scale.factor() / 1e6;
        let high = v * factor;
        ev.value = Some(high);
        ev.expected = Some(high);
        ev.computation = format!(
            "highest month before {}: {} in {}",
            m.long_label(),
            self.money(high),
            pm.long_label()
        );
        if (a.millions() - high).abs() <= a.half_millions() + 0.5 * factor {
            (
                Verdict::Supported,
                format!(
                    "The highest month before {} was {} in {}.",
                    m.long_label(),
                    self.money(high),
                    pm.long_label()
                ),
            )
        } else {
            (
                Verdict::Contradicted,
                format!(
                    "The highest month before {} was {} in {}, not {} {}.",
                    m.long_label(),
                    self.money(high),
                    pm.long_label(),
                    fmt_num(a.num.value),
                    a.scale.word()
                ),
            )
        }
    }

    pub(super) fn record_verdict(
        &self,
        key: &str,
        p: ClaimPeriod,
        ev: &mut Evidence,
    ) -> (Verdict, String) {
        if let (ClaimPeriod::Month(m), Some(series)) = (p, self.data.series_covering(key, p)) {
            return match headline(series, m) {
                Ok(h) => {
                    ev.value = Some(h.value);
                    ev.source_url = Some(h.source_url.clone()).filter(|u| !u.is_empty());
                    let prev = match (h.record.previous_high, h.record.previous_high_month) {
                        (Some(v), Some(pm)) => {
                            format!("{} in {}", self.money(v), pm.long_label())
                        }
                        _ => "nothing".into(),
                    };
                    ev.computation = format!(
                        "{} in {} against every month since {}; highest before: {prev}",
                        self.money(h.value),
                        m.long_label(),
                        h.record.history_from.long_label()
                    );
                    if h.record.all_time {
                        (
                            Verdict::Supported,
                            format!(
                                "{} in {} was the highest month since data begin in {} (previous high {prev}).",
                                self.money(h.value),
                                m.long_label(),
                                h.record.history_from.long_label()
                            ),
                        )
                    } else {
                        ev.expected = h.record.previous_high;
                        (
                            Verdict::Contradicted,
                            format!(
                                "{} in {} was not a record: the highest before it was {prev}.",
                                self.money(h.value),
                                m.long_label()
                            ),
                        )
                    }
                }
                Err(e) => (
                    Verdict::Unverifiable,
                    format!("Nothing to check against: {e}."),
                ),
            };
        }
        // A total over months: against the same months of earlier years.
        let Some(now) = self.data.best(key, p) else {
            let (_, missing) = self.data.points(key, p);
            return (Verdict::Unverifiable, self.data.nothing(key, p, &missing));
        };
        let mut best: Option<(f64, ClaimPeriod)> = None;
        let mut compared = 0;
        for k in 1..=30 {
            let Some(q) = p.shift(12 * k, self.cal) else {
                break;
            };
            if let Some(pt) = self.data.best(key, q) {
                compared += 1;
                if best.is_none_or(|(v, _)| pt.value > v) {
                    best = Some((pt.value, q));
                }
            }
        }
        ev.value = Some(now.value);
        let Some((high, when)) = best else {
            return (
                Verdict::Unverifiable,
                format!("No earlier {} to compare with.", p.label()),
            );
        };
        ev.computation = format!(
            "{} in {} against {compared} earlier years; highest before: {} in {}",
            self.money(now.value),
            p.label(),
            self.money(high),
            when.label()
        );
        if now.value > high {
            (
                Verdict::Supported,
                format!(
                    "{} in {} beats every earlier year in the data (previous high {} in {}).",
                    self.money(now.value),
                    p.label(),
                    self.money(high),
                    when.label()
                ),
            )
        } else {
            ev.expected = Some(high);
            (
                Verdict::Contradicted,
                format!(
                    "{} in {} was not a record: {} had {}.",
                    self.money(now.value),
                    p.label(),
                    when.label(),
                    self.money(high)
                ),
            )
        }
    }
}

/// What a record is a record of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RecordScope {
    AllTime,
    /// The highest in this many months, the month itself included.
    Window(i32),
    /// The highest since this month.
    Since(YearMonth),
    /// The highest of its fiscal year so far.
    FiscalYear,
    /// The high a record beat ("the previous record of $303 million"):
    /// the amount is the highest month before the sentence's own.
    Previous,
    /// Second highest, near-record: not checked.
    Unchecked,
}
