//! Resolving what a sentence leaves out: the periods of its mentions
//! (bare months, relative phrases, bases), the series a claim is about,
//! and which figures belong to the same comparison.

use super::*;

/// Words between a figure and a period that make the period a comparison's
/// base rather than the figure's own ("$306 million in comparison to March
/// 2023", "grew 19% over July", "$22mn above April's").
const COMPARISON_WORDS: &[&str] = &[
    "compared",
    "comparison",
    "against",
    "from",
    "than",
    "over",
    "versus",
    "vs",
    "above",
    "below",
];

impl SentenceCheck<'_, '_> {
    pub(super) fn is_break(&self, lo: usize, hi: usize) -> bool {
        self.t[lo.min(hi)..hi.max(lo)]
            .iter()
            .any(|w| matches!(w.text, "," | ";" | "(" | ")" | "—" | ":"))
    }

    /// Marks comparison bases among the period mentions and resolves them.
    pub(super) fn resolve(&mut self, prev_main: Option<ClaimPeriod>) {
        let cal = self.cal;
        // Cues before a mention, or a base amount just before it.
        for m in &mut self.mentions {
            let lo = m.first_tok.saturating_sub(3);
            let cue = self.t[lo..m.first_tok].iter().any(|w| {
                w.is_any(&[
                    "compared",
                    "comparison",
                    "against",
                    "versus",
                    "vs",
                    "previous",
                    "preceding",
                    "than",
                    "last",
                    "above",
                    "below",
                ])
            }) || (lo..m.first_tok).any(|k| {
                // "an increase of $22 million over April", "up 7% over
                // March", but not "Over July-April, ...".
                self.t[k].is("over")
                    && k > 0
                    && (self.t[k - 1].is_any(crate::lexicon::increase())
                        || self.t[k - 1].is_any(crate::lexicon::decrease())
                        || self.t[k - 1].is_any(&[
                            "%", "percent", "pc", "million", "billion", "mn", "bn", "m", "b",
                        ]))
            });
            let after_base = self.found.amounts.iter().any(|a| {
                a.role == Role::Base
                    && a.end_tok <= m.first_tok
                    && m.first_tok - a.end_tok <= 4
                    && !self.t[a.end_tok..m.first_tok].iter().any(|w| w.text == ",")
            });
            let from_level = self.t[lo..m.first_tok].iter().any(|w| w.is("from"))
                && matches!(
                    m.spec,
                    Spec::Exact(ClaimPeriod::Month(_)) | Spec::MonthNoYear(_)
                );
            m.back |= cue || after_base || from_level;
        }
        // The reference for what a mention leaves out: the first explicit
        // period that is not a base, else the previous sentence's. A base's
        // period is not one: in "$417 million in July, up from $354 million
        // in July 2025" the bare July is the year after the base's, not the
        // base's own (`after_base` below).
        let reference = self
            .mentions
            .iter()
            .find_map(|m| match m.spec {
                Spec::Exact(p) if !m.back => Some(p),
                _ => None,
            })
            .or(prev_main);
        let base_reference = self.mentions.iter().find_map(|m| match m.spec {
            Spec::Exact(p) if m.back => Some(p),
            _ => None,
        });
        // What a claim's own period must follow when only its base is dated:
        // the base's months a year on (a month on, said month-on-month).
        let base_lag = if self.found.mom_cue && !self.found.yoy_cue {
            1
        } else {
            12
        };
        let after_base = base_reference.and_then(|b| b.shift(-base_lag, cal));
        let fy_of = |p: ClaimPeriod| cal.fiscal_year_of(p.last());
        // In an as-of vintage, a run of months without a year ("July-May",
        // "the first two months of the current fiscal year") is the fiscal
        // year of the latest month known then.
        // The publication date, else the vintage, says when "now" is: the
        // latest month a text published then can report is the one before.
        let published = self.data.ctx.published_on.and_then(|d| {
            YearMonth::new(i32::from(d.year()), u32::try_from(d.month()).ok()?)
                .ok()?
                .add_months(-1)
                .ok()
        });
        let now = published
            .map(ClaimPeriod::Month)
            .or(match self.data.vintage {
                Vintage::AsOf(_) => self.main_series().last_month().map(ClaimPeriod::Month),
                Vintage::Latest => None,
            });
        let fy_reference = reference.or(now).or(after_base);
        let mut resolved: Vec<Option<ClaimPeriod>> = self
            .mentions
            .iter()
            .map(|m| match m.spec {
                Spec::Exact(p) => Some(p),
                Spec::MonthNoYear(month) if reference.is_none() => {
                    // A bare month in a dated text: the latest such month
                    // on or before the publication's "now".
                    if let Some(p) = published {
                        let y = if month <= p.month() {
                            p.year()
                        } else {
                            p.year() - 1
                        };
                        return YearMonth::new(y, month).ok().map(ClaimPeriod::Month);
                    }
                    // Undated, beside a dated base: the first such month
                    // after the base ("in May, 40.7% more than the $236
                    // million of May 2023" is May 2024).
                    let b = base_reference.filter(|_| !m.back)?.last();
                    (1..=12)
                        .filter_map(|k| b.add_months(k).ok())
                        .find(|c| c.month() == month)
                        .map(ClaimPeriod::Month)
                }
                Spec::MonthNoYear(month) | Spec::MonthYearEarlier(month) => {
                    let r = reference?.last();
                    let back = if matches!(m.spec, Spec::MonthYearEarlier(_)) {
                        12
                    } else {
                        0
                    };
                    (-1..=1)
                        .filter_map(|dy| YearMonth::new(r.year() + dy, month).ok())
                        .min_by_key(|c| r.months_until(*c).abs())
                        .and_then(|c| c.add_months(-back).ok())
                        .map(ClaimPeriod::Month)
                }
                Spec::RangeNoYear(a, b) => {
                    let fy = fy_of(fy_reference?);
                    let first = fy.first_month().ok()?;
                    let from = first
                        .add_months(((a + 12 - first.month()) % 12) as i32)
                        .ok()?;
                    let to = first
                        .add_months(((b + 12 - first.month()) % 12) as i32)
                        .ok()?;
                    ClaimPeriod::range(from, to, cal)
                }
                Spec::FirstMonths(n, fy) => {
                    ClaimPeriod::first_months(fy.or_else(|| fy_reference.map(fy_of))?, n)
                }
                Spec::FiscalRelative(k) => {
                    // "Now" is the sentence's period, or in an as-of
                    // vintage the latest month known then, else the month
                    // before publication.
                    let now = reference
                        .or_else(|| match self.data.vintage {
                            Vintage::AsOf(_) => {
                                self.main_series().last_month().map(ClaimPeriod::Month)
                            }
                            Vintage::Latest => None,
                        })
                        .or(now)
                        .or(after_base)?;
                    let fy = cal.fiscal_year_starting(fy_of(now).start_year() + k).ok()?;
                    match (k, now) {
                        // "so far this fiscal year": the year to date.
                        (0, ClaimPeriod::FiscalToDate { .. }) => Some(now),
                        (0, ClaimPeriod::Month(m)) => {
                            ClaimPeriod::range(fy.first_month().ok()?, m, cal)
                        }
                        // "last fiscal year" beside a year-to-date: the same months.
                        (-1, ClaimPeriod::FiscalToDate { fy: rfy, through })
                            if !now.is_full_year() =>
                        {
                            ClaimPeriod::first_months(fy, rfy.position(through)?)
                        }
                        _ => ClaimPeriod::fiscal_year(fy),
                    }
                }
                Spec::BareYear(y) => Some(ClaimPeriod::Range {
                    from: YearMonth::new(y, 1).ok()?,
                    to: YearMonth::new(y, 12).ok()?,
                }),
                Spec::LastMonth => published
                    .or_else(|| now?.last().into())
                    .map(ClaimPeriod::Month),
                Spec::YearEarlier | Spec::MonthEarlier | Spec::CorrespondingOf(_) => None,
            })
            .collect();
        // A count of months beside the months themselves ("eight months
        // (July-March)"): the months named decide what is judged; the count
        // is checked on its own (`judge_period_lengths`).
        for i in 0..self.mentions.len() {
            if self.mentions[i].stated_len.is_none() {
                continue;
            }
            let (a, b) = (self.mentions[i].first_tok, self.mentions[i].end_tok);
            let explicit = self.mentions.iter().enumerate().find(|(j, o)| {
                *j != i
                    && o.stated_len.is_none()
                    && (o.first_tok.abs_diff(b) <= 6 || a.abs_diff(o.end_tok) <= 6)
                    && resolved[*j].is_some_and(|p| p.month_count() > 1 && !p.is_full_year())
            });
            if let Some((j, _)) = explicit {
                resolved[i] = resolved[j];
            }
        }
        self.main = self
            .mentions
            .iter()
            .zip(&resolved)
            .find_map(|(m, p)| (!m.back).then_some(*p).flatten())
            .or(prev_main);
        self.own_main = self
            .mentions
            .iter()
            .zip(&resolved)
            .find_map(|(m, p)| (!m.back).then_some(*p).flatten());
        if self.main.is_none() {
            let key = self.main_series().meta.key.to_string();
            self.main = self.main_from_base(&key);
            self.own_main = self.main;
        }
        if self.main.is_none() {
            // Only the base names its period ("up 25% from $292m in
            // September 2024"): the claim is about the same months a year
            // on (a month on, when the text says month-on-month), if that
            // was known when the text was written.
            let base = self
                .mentions
                .iter()
                .zip(&resolved)
                .find_map(|(m, p)| if m.back { *p } else { None });
            self.main = base
                .and_then(|b| b.shift(-base_lag, cal))
                .filter(|m| now.is_none_or(|n| m.last() <= n.last()));
        }
        for (m, r) in self.mentions.iter().zip(resolved.iter_mut()) {
            if r.is_some() {
                continue;
            }
            *r = match (m.spec, self.main) {
                (Spec::YearEarlier, Some(main)) => main.shift(12, cal),
                (Spec::MonthEarlier, Some(main)) => main.shift(1, cal),
                // "last month" in a dated text with no other period: the
                // month before publication.
                (Spec::MonthEarlier, None) => published.map(ClaimPeriod::Month),
                (
                    Spec::CorrespondingOf(fy),
                    Some(main @ ClaimPeriod::FiscalToDate { fy: mfy, through }),
                ) => {
                    if mfy.start_year() == fy.start_year() + 1 {
                        main.shift(12, cal)
                    } else {
                        mfy.position(through)
                            .and_then(|n| ClaimPeriod::first_months(fy, n))
                    }
                }
                _ => None,
            };
        }
        self.resolved = resolved;
    }

    /// The series a claim at token `at` is about: the nearest series named
    /// before it in the sentence, else after it, else the total.
    pub(super) fn series_for(&self, at: usize) -> SeriesRef {
        // "Freelance receipts under computer and information services": a
        // statistic after "under" or "within" places the one before it in
        // the tree; it is not what the sentence is about.
        let qualifier = |pos: usize| {
            let mut k = pos;
            while k > 0 && self.t[k - 1].is_any(&["the", "its", "their", "a"]) && pos - k < 2 {
                k -= 1;
            }
            k > 0
                && self.t[k - 1].is_any(&["under", "within"])
                && self.found.series.iter().any(|(q, _)| *q + 1 < k)
        };
        let before = self
            .found
            .series
            .iter()
            .rev()
            .find(|(p, _)| *p <= at && !qualifier(*p));
        let after = self
            .found
            .series
            .iter()
            .find(|(p, _)| *p > at && !qualifier(*p));
        if let Some((_, s)) = before.or(after) {
            return *s;
        }
        // "Remittances" alone are workers' remittances; ICT receipts are
        // "export remittances".
        let remittances = self
            .t
            .iter()
            .any(|w| w.is_any(&["remittances", "remittance"]));
        let export = self
            .t
            .iter()
            .any(|w| w.is_any(&["export", "exports", "exporters"]));
        if remittances && !export {
            SeriesRef::Other("workers' remittances")
        } else {
            // Nothing named here, and the sentence points back: the
            // statistic of the sentence before.
            let points_back = self.t.first().is_some_and(|w| {
                w.is_any(&[
                    "it", "they", "this", "these", "its", "their", "those", "that",
                ])
            }) || (self.t.first().is_some_and(|w| w.is("the"))
                && self.t.get(1).is_some_and(|w| {
                    w.is_any(&[
                        "figure",
                        "figures",
                        "segment",
                        "category",
                        "sub-sector",
                        "item",
                    ])
                }));
            match self.prev.series {
                Some(s) if points_back => s,
                _ => SeriesRef::Main,
            }
        }
    }

    /// The period of a level amount: a mention right after it, else the
    /// nearest non-base mention before it, else the sentence's.
    pub(super) fn level_period(&self, a: &Amount) -> Option<ClaimPeriod> {
        let after = self.mentions.iter().zip(&self.resolved).find(|(m, _)| {
            m.first_tok >= a.end_tok
                && m.first_tok - a.end_tok <= 5
                && !self.is_break(a.end_tok, m.first_tok)
        });
        // A period right after the amount is its own, unless a comparison
        // word stands between ("$306 million in comparison to March 2023").
        if let Some((m, p)) = after {
            let compared = self.t[a.end_tok..m.first_tok]
                .iter()
                .any(|w| w.is_any(COMPARISON_WORDS));
            if !compared || a.role == Role::Base {
                return *p;
            }
        }
        if a.role == Role::Base {
            // Further off, a base's period is still its own: "compared with
            // $2.135 billion earned ... in the corresponding months of FY23".
            if let Some((_, p)) = self.mentions.iter().zip(&self.resolved).find(|(m, _)| {
                m.first_tok >= a.end_tok
                    && m.first_tok - a.end_tok <= 10
                    && !self.is_break(a.end_tok, m.first_tok)
            }) {
                return *p;
            }
            if let Some(p) = self.possessive_period(a) {
                return Some(p);
            }
            return self.base_period();
        }
        let before = self
            .mentions
            .iter()
            .zip(&self.resolved)
            .rev()
            .find(|(m, _)| m.end_tok <= a.first_tok && !m.back);
        before
            .and_then(|(_, p)| *p)
            .or(self.main)
            .or_else(|| self.lone_backward_period())
    }

    /// The period named just before an amount in the possessive: "than
    /// August's $235 million".
    fn possessive_period(&self, a: &Amount) -> Option<ClaimPeriod> {
        self.mentions
            .iter()
            .zip(&self.resolved)
            .find(|(m, _)| {
                m.end_tok < a.first_tok
                    && a.first_tok - m.end_tok <= 2
                    && self.t[m.end_tok..a.first_tok]
                        .iter()
                        .all(|w| matches!(w.text, "'" | "\u{2019}" | "s"))
            })
            .and_then(|(_, p)| *p)
    }

    /// "IT exports in the last fiscal year were $3.81 billion": a sentence
    /// whose only period is a fiscal year named relative to the
    /// publication date, and which compares nothing, is about that year.
    fn lone_backward_period(&self) -> Option<ClaimPeriod> {
        if self.found.amounts.iter().any(|a| a.role == Role::Base) {
            return None;
        }
        let mut own = self.mentions.iter().zip(&self.resolved).filter(|(m, p)| {
            p.is_some() && matches!(m.spec, Spec::FiscalRelative(_) | Spec::Exact(_))
        });
        let one = own.next();
        if own.next().is_some() || self.mentions.len() > 1 {
            return None;
        }
        one.and_then(|(_, p)| *p)
    }

    /// The period a change or a percentage at token `at` is about: that of
    /// the nearest level amount (before it, else after it), else the
    /// sentence's.
    pub(super) fn current_for(&self, at: usize) -> Option<ClaimPeriod> {
        let levels = || {
            self.found
                .amounts
                .iter()
                .filter(|a| a.role == Role::Level && !a.forecast && a.cur == Cur::Usd)
        };
        // Its own period: "grew 19% in July-December".
        let own = self.mentions.iter().zip(&self.resolved).find(|(m, _)| {
            !m.back
                && m.first_tok > at
                && m.first_tok - at <= 5
                && !self.is_break(at, m.first_tok)
                && !self.t[at..m.first_tok]
                    .iter()
                    .any(|w| w.is_any(COMPARISON_WORDS))
        });
        if let Some((_, Some(p))) = own {
            return Some(*p);
        }
        let before = levels().rfind(|a| a.first_tok < at);
        let after = levels().find(|a| a.first_tok > at);
        before
            .or(after)
            .and_then(|a| self.level_period(a))
            .or(self.main)
    }

    /// Whether amounts at `others` are part of the same comparison as the
    /// claim at `at`: no "while" or ";" between, no other series named
    /// between, and no period of its own that differs from theirs.
    pub(super) fn same_comparison(&self, at: usize, others: &[&Amount]) -> bool {
        let lo = others
            .iter()
            .map(|a| a.first_tok)
            .chain([at])
            .min()
            .unwrap_or(at);
        let hi = others
            .iter()
            .map(|a| a.end_tok)
            .chain([at + 1])
            .max()
            .unwrap_or(at);
        let between = &self.t[lo..hi.min(self.t.len())];
        if between
            .iter()
            .any(|w| w.is_any(&["while", "whereas", "meanwhile", ";", "whilst"]))
        {
            return false;
        }
        let series = self.series_for(at);
        if others
            .iter()
            .any(|a| self.series_for(a.first_tok) != series)
        {
            return false;
        }
        let cur = self.current_for(at);
        let level = others.iter().find(|a| a.role == Role::Level);
        match (cur, level.and_then(|a| self.level_period(a))) {
            (Some(c), Some(l)) => c == l,
            _ => true,
        }
    }

    /// Months between the base the text names and `cur`, when the text
    /// names one (Some(0) when a base figure is given without a period).
    pub(super) fn lag_named(&self, cur: Option<ClaimPeriod>, at: usize) -> Option<i32> {
        let has_base_figure = self.nearest(at, &[Role::Base], None).is_some();
        match (cur, self.explicit_base_for(at)) {
            (Some(c), Some(b)) if b.month_count() == c.month_count() => {
                Some(b.last().months_until(c.last()))
            }
            (_, None) if has_base_figure => Some(0),
            _ => None,
        }
    }

    /// Month-on-month or year-on-year, from the base's period or the cues.
    pub(super) fn comparison_lag(&self, cur: Option<ClaimPeriod>, at: usize) -> i32 {
        if let (Some(cur), Some(base)) = (cur, self.explicit_base_for(at)) {
            let lag = base.last().months_until(cur.last());
            if lag == 1 || lag == 12 {
                return lag;
            }
        }
        match cur {
            Some(ClaimPeriod::Month(_)) | None if self.mom_cue_at(at) => 1,
            _ => 12,
        }
    }

    /// Whether the month-on-month cue is the one that governs a figure at
    /// token `at`: the only kind of cue in the sentence, or, with both, the
    /// nearer one.
    pub(super) fn mom_cue_at(&self, at: usize) -> bool {
        let nearest = |cues: &[usize]| cues.iter().map(|c| c.abs_diff(at)).min();
        match (self.found.mom_cue, self.found.yoy_cue) {
            (true, false) => true,
            (true, true) => match (nearest(&self.found.mom_at), nearest(&self.found.yoy_at)) {
                (Some(m), Some(y)) => m < y,
                _ => false,
            },
            _ => false,
        }
    }

    /// The base named for a comparison at token `at`: the period of the
    /// nearest base amount, else the first period phrase that points back.
    pub(super) fn explicit_base_for(&self, at: usize) -> Option<ClaimPeriod> {
        let base_amount = self
            .found
            .amounts
            .iter()
            .filter(|a| a.role == Role::Base)
            .min_by_key(|a| a.first_tok.abs_diff(at));
        let own = base_amount.and_then(|a| {
            self.mentions
                .iter()
                .zip(&self.resolved)
                .find(|(m, _)| {
                    m.first_tok >= a.end_tok
                        && m.first_tok - a.end_tok <= 10
                        && !self.is_break(a.end_tok, m.first_tok)
                })
                .and_then(|(_, p)| *p)
                .or_else(|| self.possessive_period(a))
        });
        own.or_else(|| {
            // A base phrase across "but" or "while" belongs to the other
            // clause: in "dipped 3% month-on-month ... but were 13.8%
            // higher than a year earlier" the year is not the 3%'s base.
            self.mentions
                .iter()
                .zip(&self.resolved)
                .filter(|(m, _)| m.back && !self.across_contrast(at, m.first_tok))
                .find_map(|(_, p)| *p)
        })
    }

    /// Whether a contrast word ("but", "while", "whereas") stands between
    /// tokens `a` and `b`.
    fn across_contrast(&self, a: usize, b: usize) -> bool {
        self.t[a.min(b)..b.max(a)]
            .iter()
            .any(|w| w.is_any(&["but", "while", "whereas", "although", "though"]))
    }

    pub(super) fn base_period(&self) -> Option<ClaimPeriod> {
        self.base_period_for(self.main?, 0)
    }

    /// The base period of a comparison with `cur` at token `at`.
    pub(super) fn base_period_for(&self, cur: ClaimPeriod, at: usize) -> Option<ClaimPeriod> {
        let lag = self.comparison_lag(Some(cur), at);
        self.explicit_base_for(at)
            .filter(|b| *b != cur && b.month_count() == cur.month_count() && b.last() < cur.last())
            .or_else(|| cur.shift(lag, self.cal))
    }

    /// When the only period is a base named as "the corresponding months of
    /// FY2022-23", find the months whose total matches the base amount and
    /// take the same months a year later.
    pub(super) fn main_from_base(&self, key: &str) -> Option<ClaimPeriod> {
        let base = self.nearest(0, &[Role::Base], None)?;
        let fy = self.mentions.iter().find_map(|m| match m.spec {
            Spec::CorrespondingOf(fy) => Some(fy),
            _ => None,
        })?;
        let iv = Stated::of(&base).interval();
        let n = (1..=12).find(|n| {
            ClaimPeriod::first_months(fy, *n)
                .and_then(|p| self.data.best(key, p))
                .is_some_and(|pt| overlaps(iv, (pt.value - pt.half, pt.value + pt.half)))
        })?;
        ClaimPeriod::first_months(fy.next().ok()?, n)
    }
}
