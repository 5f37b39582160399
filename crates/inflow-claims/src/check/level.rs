//! Amounts: levels (a month, a year to date, a fiscal year, any run of
//! months), averages per day or per month, and differences in money.

use super::*;

impl SentenceCheck<'_, '_> {
    pub(super) fn judge_amount(&mut self, a: &Amount) {
        let written = Self::written_unit(a);
        // A statistic named right after the amount is its own: "of FY25's
        // $3.81bn ICT exports", whatever was named before.
        let sref = self
            .found
            .series
            .iter()
            .find(|(p, _)| *p == a.end_tok)
            .map_or_else(|| self.series_for(a.first_tok), |(_, s)| *s);
        let found = self.key_for(a.first_tok, sref);
        let key = found.clone().ok();
        if a.forecast {
            return self.judge_forecast(a, written, key);
        }
        let period = match a.role {
            Role::Diff => self.current_for(a.first_tok),
            _ => self.level_period(a),
        };
        let kind = match a.role {
            Role::Diff => match self.lag_named(period, a.first_tok) {
                Some(1) => ClaimKind::MomChange,
                Some(12) => ClaimKind::YoyChange,
                Some(_) => ClaimKind::Change,
                None if self.comparison_lag(period, a.first_tok) == 1 => ClaimKind::MomChange,
                None => ClaimKind::YoyChange,
            },
            _ if a.per_day => ClaimKind::PerDay,
            _ if a.per_month && period.is_some_and(|p| p.month_count() > 1) => {
                ClaimKind::MonthlyAverage
            }
            _ => Self::kind_of(period),
        };
        let push = |s: &mut Self, verdict, explanation: String, evidence| {
            let (verdict, explanation, evidence) =
                s.second_look(a, sref, period, verdict, explanation, evidence);
            s.push(
                a.first_tok,
                a.end_tok,
                kind,
                a.num.value,
                written.clone(),
                period,
                key.clone(),
                verdict,
                explanation,
                evidence,
            );
        };
        if a.cur == Cur::Pkr {
            // Rupees where the data are in dollars: a currency slip if the
            // number is right in dollars.
            let slip = match (&key, period) {
                (Some(k), Some(p))
                    if a.role != Role::Diff
                        && self.main_series().meta.unit.currency.as_str() == "USD" =>
                {
                    let usd = Amount {
                        cur: Cur::Usd,
                        ..*a
                    };
                    let (v, e, ev) = self.judge_level(&usd, k, p);
                    (v == Verdict::Supported).then(|| {
                        let e = e.replacen("the text's", "as dollars, the text's", 1);
                        (format!("The amount is written in rupees, but the series are in US dollars: {e}"), ev)
                    })
                }
                _ => None,
            };
            if let Some((e, ev)) = slip {
                return push(self, Verdict::UnitError, e, ev);
            }
            let ev = self.evidence(key.as_deref(), period);
            return push(
                self,
                Verdict::Unverifiable,
                "The amount is in Pakistani rupees and the series are in US dollars; no exchange rate is applied.".into(),
                ev,
            );
        }
        if let Err(why) = &found {
            let ev = self.evidence(None, period);
            return push(
                self,
                Verdict::Unverifiable,
                format!("{}.", capitalize(why)),
                ev,
            );
        }
        let Some(key) = key.clone() else { return };
        if a.scale == Scale::Units && a.num.value < 100_000.0 {
            let ev = self.evidence(Some(&key), period);
            return push(
                self,
                Verdict::Unverifiable,
                "The amount has no scale (million, billion), so it is not a total of the series."
                    .into(),
                ev,
            );
        }
        if a.role == Role::Diff {
            let (v, e, ev) = self.judge_diff(a, &key);
            return push(self, v, e, ev);
        }
        let Some(p) = period else {
            let ev = self.evidence(Some(&key), None);
            return push(
                self,
                Verdict::Unverifiable,
                "No period is named for this amount in the sentence or the one before.".into(),
                ev,
            );
        };
        let (v, e, ev) = if a.per_day {
            self.judge_average(a, &key, p, true)
        } else if a.per_month && p.month_count() > 1 {
            self.judge_average(a, &key, p, false)
        } else {
            self.judge_level(a, &key, p)
        };
        if let Some(e) = self.direction_slip(a) {
            return push(self, Verdict::Inconsistent, e, ev);
        }
        push(self, v, e, ev);
    }

    /// A level said to be reached by a rise (a fall) that is below (above)
    /// the text's own base, beyond the rounding of both.
    fn direction_slip(&self, a: &Amount) -> Option<String> {
        if a.reached == 0.0 {
            return None;
        }
        let b = self.nearest(a.first_tok, &[Role::Base], Some(a.first_tok))?;
        if a.cur != b.cur {
            return None;
        }
        let d = a.millions() - b.millions();
        let slack = a.half_millions() + b.half_millions();
        if d * a.reached >= -slack {
            return None;
        }
        let (said, really) = if a.reached > 0.0 {
            ("a rise", "below")
        } else {
            ("a fall", "above")
        };
        Some(format!(
            "The text says {} {} was reached by {said}, but it is {really} the base it gives, {} {}.",
            fmt_num(a.num.value),
            a.scale.word(),
            fmt_num(b.num.value),
            b.scale.word()
        ))
    }

    pub(super) fn judge_level(
        &self,
        a: &Amount,
        key: &str,
        p: ClaimPeriod,
    ) -> (Verdict, String, Evidence) {
        let mut ev = self.evidence(Some(key), Some(p));
        let (mut points, missing) = self.data.points(key, p);
        // A base period named only as "the corresponding months of FY23":
        // take the months whose total matches, if any.
        let stated = Stated::of(a);
        if points.is_empty() {
            return (
                Verdict::Unverifiable,
                self.data.nothing(key, p, &missing),
                ev,
            );
        }
        let iv = stated.interval();
        let matches =
            |pt: &Point, iv: (f64, f64)| overlaps(iv, (pt.value - pt.half, pt.value + pt.half));
        ev.tolerance = Some(stated.tolerance_note(self.per_unit()));
        if let Some(pt) = points.iter().find(|pt| matches(pt, iv)) {
            ev.value = Some(pt.value);
            ev.source_url.clone_from(&pt.source_url);
            ev.computation = pt.what.clone();
            if a.num.comma_decimal {
                // "$2,59 billion": right only if the comma is read as a point.
                ev.expected = Some(pt.value);
                return (
                    Verdict::UnitError,
                    format!(
                        "The data give {} for {}, which the text's {} matches only with its comma read as a decimal point.",
                        self.money(pt.value),
                        p.label(),
                        self.text_of(a)
                    ),
                    ev,
                );
            }
            let note = format!(
                "{}, data ±{}",
                stated.tolerance_note(self.per_unit()),
                fmt_num(pt.half / self.per_unit())
            );
            ev.tolerance = Some(note.clone());
            return (
                Verdict::Supported,
                format!(
                    "The data give {} for {}; the text's {} agrees within {note}.",
                    self.money(pt.value),
                    p.label(),
                    written(a, true)
                ),
                ev,
            );
        }
        // "in 2024" is often written for the fiscal year ending in 2024.
        let bare = self
            .mentions
            .iter()
            .zip(&self.resolved)
            .any(|(m, r)| matches!(m.spec, Spec::BareYear(_)) && *r == Some(p));
        if bare {
            let fy = self.cal.fiscal_year_of(p.first());
            if let Some(pt) = ClaimPeriod::fiscal_year(fy).and_then(|q| {
                self.data
                    .points(key, q)
                    .0
                    .into_iter()
                    .find(|pt| matches(pt, iv))
            }) {
                ev.value = Some(pt.value);
                ev.period = Some(fy.to_string());
                ev.source_url.clone_from(&pt.source_url);
                ev.computation = pt.what.clone();
                return (
                    Verdict::Supported,
                    format!(
                        "Read as {fy} (the press often names a fiscal year by the year it ends in), the data give {}, which the text's {} matches.",
                        self.money(pt.value),
                        written(a, false)
                    ),
                    ev,
                );
            }
        }
        // Another scale, or a comma read as a decimal point.
        let mut alternatives: Vec<(f64, f64, String)> = Vec::new();
        for s in [Scale::Thousand, Scale::Million, Scale::Billion] {
            if s != a.scale {
                let f = s.factor() / 1e6;
                alternatives.push((
                    a.num.value * f,
                    a.num.half_unit() * f,
                    format!("{} {}", fmt_num(a.num.value), s.word()),
                ));
            }
        }
        if let Some(v) = a.num.comma_as_point() {
            let f = a.scale.factor() / 1e6;
            alternatives.push((
                v * f,
                0.0005 * f,
                format!(
                    "{} {} (the comma read as a decimal point)",
                    fmt_num(v),
                    a.scale.word()
                ),
            ));
        }
        for (v, h, label) in &alternatives {
            let alt = Stated {
                value: *v,
                half: *h,
                qual: a.qual,
            };
            if let Some(pt) = points.iter().find(|pt| matches(pt, alt.interval())) {
                ev.value = Some(pt.value);
                ev.expected = Some(pt.value);
                ev.source_url.clone_from(&pt.source_url);
                ev.computation = pt.what.clone();
                return (
                    Verdict::UnitError,
                    format!(
                        "The data give {} for {}; the text's {} matches only as {label}.",
                        self.money(pt.value),
                        p.label(),
                        written(a, false)
                    ),
                    ev,
                );
            }
        }
        let pt = points.remove(0);
        ev.value = Some(pt.value);
        ev.expected = Some(pt.value);
        ev.source_url.clone_from(&pt.source_url);
        ev.computation = pt.what.clone();
        let mut hint = String::new();
        if let ClaimPeriod::FiscalToDate { fy, through } = p {
            let n = fy.position(through).unwrap_or(0);
            for m in 1..=12 {
                if m == n {
                    continue;
                }
                if let Some(other) =
                    ClaimPeriod::first_months(fy, m).and_then(|q| self.data.best(key, q))
                {
                    if overlaps(iv, (other.value - other.half, other.value + other.half)) {
                        hint = format!("; it matches the first {m} months instead");
                        break;
                    }
                }
            }
        }
        (
            Verdict::Contradicted,
            format!(
                "The data give {} for {}, not {} (tolerance {}){hint}.",
                self.money(pt.value),
                p.label(),
                written(a, true),
                stated.tolerance_note(self.per_unit())
            ),
            ev,
        )
    }

    /// Average proceeds per day, or per month over a longer period.
    pub(super) fn judge_average(
        &self,
        a: &Amount,
        key: &str,
        p: ClaimPeriod,
        per_day: bool,
    ) -> (Verdict, String, Evidence) {
        let mut ev = self.evidence(Some(key), Some(p));
        let (n, unit) = if per_day {
            (
                p.months().iter().map(|m| days_in_month(*m)).sum::<u32>(),
                "day",
            )
        } else {
            (p.month_count(), "month")
        };
        let (points, missing) = self.data.points(key, p);
        let Some(first) = points.first() else {
            return (
                Verdict::Unverifiable,
                self.data.nothing(key, p, &missing),
                ev,
            );
        };
        let stated = Stated::of(a);
        let n = f64::from(n.max(1));
        let pt = points
            .iter()
            .find(|pt| {
                let avg = pt.value / n;
                overlaps(stated.interval(), (avg - pt.half / n, avg + pt.half / n))
            })
            .unwrap_or(first);
        let avg = pt.value / n;
        ev.value = Some(avg);
        ev.computation = format!("{} = {} over {n} {unit}s", pt.what, self.money(pt.value));
        ev.source_url.clone_from(&pt.source_url);
        ev.tolerance = Some(stated.tolerance_note(self.per_unit()));
        let what = format!(
            "{} over the {n} {unit}s of {} is {} a {unit}",
            self.money(pt.value),
            p.label(),
            self.money(avg)
        );
        if overlaps(stated.interval(), (avg - pt.half / n, avg + pt.half / n)) {
            (Verdict::Supported, format!("{what}, as the text says."), ev)
        } else {
            ev.expected = Some(avg);
            (
                Verdict::Contradicted,
                format!("{what}, not {}.", fmt_num(a.millions())),
                ev,
            )
        }
    }

    /// Judges a difference: first against the text's own figures, then
    /// against the data.
    pub(super) fn judge_diff(&self, a: &Amount, key: &str) -> (Verdict, String, Evidence) {
        let stated = Stated::of(a);
        let iv = stated.interval();
        let main = self.current_for(a.first_tok);
        let mut ev = self.evidence(Some(key), main);
        ev.tolerance = Some(stated.tolerance_note(self.per_unit()));
        if let (Some(cur), Some(base)) = (
            self.nearest(a.first_tok, &[Role::Level], None),
            self.nearest(a.first_tok, &[Role::Base], None),
        ) && self.same_comparison(a.first_tok, &[&cur, &base])
        {
            let (c, b) = (cur.millions(), rescale(base.millions(), cur.millions()));
            let h = cur.half_millions() + base.half_millions();
            let d = c - b;
            ev.value = Some(d);
            ev.computation = format!(
                "{} - {} = {} (the text's own figures)",
                fmt_num(c),
                fmt_num(b),
                fmt_num(d)
            );
            if !overlaps(iv, (d - h, d + h)) && !overlaps(iv, (-d - h, -d + h)) {
                ev.expected = Some(d);
                if let Some(e) =
                    self.percent_as_money(a, (c, cur.half_millions()), (b, base.half_millions()))
                {
                    return (
                        Verdict::UnitError,
                        format!("{e} (the text's own figures)."),
                        ev,
                    );
                }
                return (
                    Verdict::Inconsistent,
                    format!(
                        "The text's own figures differ by {}, not {}.",
                        self.money(d.abs()),
                        self.money(a.millions())
                    ),
                    ev,
                );
            }
        }
        let Some(main) = main else {
            return (
                Verdict::Unverifiable,
                "No period is named for this change in the sentence or the one before.".into(),
                ev,
            );
        };
        let Some(base_p) = self.base_period_for(main, a.first_tok) else {
            return (
                Verdict::Unverifiable,
                "No base period to compare with.".into(),
                ev,
            );
        };
        // Any pairing of the monthly sums and the published totals may be
        // what the text used: published totals differ by a few million
        // after revisions.
        let (cur, base) = match self.data.pair(key, main, base_p, |c, b| {
            let d = c.value - b.value;
            overlaps(iv, (d - c.half - b.half, d + c.half + b.half))
        }) {
            Ok(cb) => cb,
            Err((p, missing)) => {
                return (
                    Verdict::Unverifiable,
                    self.data.nothing(key, p, &missing),
                    ev,
                );
            }
        };
        let d = cur.value - base.value;
        let h = cur.half + base.half;
        ev.value = Some(d);
        ev.source_url.clone_from(&cur.source_url);
        ev.computation = format!(
            "{} ({}) - {} ({}) = {}",
            fmt_num(cur.value),
            main.label(),
            fmt_num(base.value),
            base_p.label(),
            fmt_num(d)
        );
        if overlaps(iv, (d - h, d + h)) {
            return (
                Verdict::Supported,
                format!(
                    "{} changed by {} on {}; the text's {} agrees within {}.",
                    main.label(),
                    self.money(d),
                    base_p.label(),
                    self.money(a.millions()),
                    stated.tolerance_note(self.per_unit())
                ),
                ev,
            );
        }
        ev.expected = Some(d);
        if let Some(e) = self.percent_as_money(a, (cur.value, cur.half), (base.value, base.half)) {
            return (
                Verdict::UnitError,
                format!("{e}: {} against {}.", main.label(), base_p.label()),
                ev,
            );
        }
        let level_hint = if overlaps(iv, (cur.value - cur.half, cur.value + cur.half)) {
            format!(
                "; {} is the level of {}, not its change",
                self.money(cur.value),
                main.label()
            )
        } else {
            String::new()
        };
        (
            Verdict::Contradicted,
            format!(
                "{} changed by {} on {}, not {}{level_hint}.",
                main.label(),
                self.money(d),
                base_p.label(),
                self.money(stated.value)
            ),
            ev,
        )
    }

    /// "grew by 14.75 million" where the growth was 14.75 percent: the
    /// number fits the percentage change from `base` to `cur` (each a
    /// value ± its rounding, in millions) and not the change in money.
    /// The words saying so, or `None`.
    fn percent_as_money(&self, a: &Amount, cur: (f64, f64), base: (f64, f64)) -> Option<String> {
        let (_, lo, hi) = pct_range(cur.0, cur.1, base.0, base.1)?;
        let v = a.sign * a.num.value;
        let h = a.num.half_unit();
        let fits = overlaps((v - h, v + h), (lo, hi));
        let range = if (hi - lo).abs() < 0.005 {
            fmt_pct(lo)
        } else {
            format!("{} to {}", fmt_pct(lo), fmt_pct(hi))
        };
        fits.then(|| {
            format!(
                "The change in money is {}; the text's {} is the percentage change ({range}), written as money",
                self.money(cur.0 - base.0),
                self.text_of(a),
            )
        })
    }

    /// A second look at an amount that could not be checked against the
    /// data: the text's own pair at mixed scales, and magnitudes the data
    /// make implausible.
    fn second_look(
        &self,
        a: &Amount,
        sref: SeriesRef,
        period: Option<ClaimPeriod>,
        verdict: Verdict,
        explanation: String,
        ev: Evidence,
    ) -> (Verdict, String, Evidence) {
        if verdict != Verdict::Unverifiable || a.cur != Cur::Usd || a.scale == Scale::Units {
            return (verdict, explanation, ev);
        }
        // "from $286.00m to $0.324m": a pair a thousandfold apart is a
        // scale slip in the base (or in the second of two levels).
        let other = match a.role {
            Role::Base => self.nearest(a.first_tok, &[Role::Level], Some(a.first_tok)),
            Role::Level => self
                .nearest(a.first_tok, &[Role::Base, Role::Level], Some(a.first_tok))
                .filter(|o| o.first_tok < a.first_tok),
            Role::Diff => None,
        };
        if let Some(o) = other
            && self.same_comparison(a.first_tok, &[&o])
        {
            let at_scale = rescale(a.millions(), o.millions());
            if (at_scale / a.millions() - 1.0).abs() > 0.5 {
                let mut ev = ev;
                ev.expected = Some(at_scale);
                ev.computation = format!(
                    "{} beside {}: a factor of {} apart",
                    self.text_of(a),
                    self.text_of(&o),
                    fmt_num(
                        (o.millions() / a.millions())
                            .max(a.millions() / o.millions())
                            .round()
                    )
                );
                return (
                    Verdict::UnitError,
                    format!(
                        "The text compares {} with {}, a thousandfold apart: one of the two is at the wrong scale ({} at the other's).",
                        self.text_of(a),
                        self.text_of(&o),
                        self.money(at_scale)
                    ),
                    ev,
                );
            }
        }
        self.plausibility(a, sref, period, verdict, explanation, ev)
    }

    /// Bounds from the data: no services figure of an economy is more than
    /// ten times the largest monthly value of its broadest series over the
    /// same number of months, and the main statistic is never less than a
    /// tenth of its smallest month.
    fn plausibility(
        &self,
        a: &Amount,
        sref: SeriesRef,
        period: Option<ClaimPeriod>,
        verdict: Verdict,
        explanation: String,
        mut ev: Evidence,
    ) -> (Verdict, String, Evidence) {
        let Some(primary) = self.primary else {
            return (verdict, explanation, ev);
        };
        let services = matches!(
            sref,
            SeriesRef::Main | SeriesRef::Total | SeriesRef::Component(_)
        );
        if !services || a.forecast || a.per_day || a.per_month {
            return (verdict, explanation, ev);
        }
        let factor = primary.meta.unit.scale.factor() / 1e6;
        let values: Vec<f64> = primary
            .iter()
            .filter_map(|o| o.value)
            .map(|v| v.get() * factor)
            .collect();
        let (Some(max), Some(min)) = (
            values.iter().copied().reduce(f64::max),
            values.iter().copied().reduce(f64::min),
        ) else {
            return (verdict, explanation, ev);
        };
        let n = period.map_or(12, ClaimPeriod::month_count).max(1) as f64;
        let v = a.millions();
        let name = &primary.meta.key;
        if v > 10.0 * max * n {
            ev.tolerance = Some(format!(
                "at most ten times {} a month over {n} months",
                self.money(max)
            ));
            return (
                Verdict::UnitError,
                format!(
                    "{} is implausible: more than ten times the largest month of {name} ({}) over {n} months; the scale is probably wrong.",
                    self.text_of(a),
                    self.money(max),
                ),
                ev,
            );
        }
        let main_statistic = matches!(sref, SeriesRef::Main | SeriesRef::Total)
            && primary.meta.ebops.as_str() == "SI"
            || matches!(sref, SeriesRef::Main);
        if main_statistic && a.role != Role::Diff && v < min / 10.0 {
            ev.tolerance = Some(format!("at least a tenth of {}", self.money(min)));
            return (
                Verdict::Contradicted,
                format!(
                    "{} cannot be {name}: no month of it was below {}; the figure is a component's or at the wrong scale.",
                    self.text_of(a),
                    self.money(min),
                ),
                ev,
            );
        }
        (verdict, explanation, ev)
    }
}

/// An amount as the text wrote it (`about 2.6 billion`), with or without
/// its hedge.
fn written(a: &Amount, with_hedge: bool) -> String {
    let hedge = if with_hedge { a.qual.word() } else { "" };
    format!("{hedge}{} {}", fmt_num(a.num.value), a.scale.word())
}
