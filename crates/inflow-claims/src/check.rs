//! From sentences to verdicts: resolving periods and series, pairing the
//! text's own figures, and judging every claim against the data.

use inflow_analytics::headline;
use std::collections::HashMap;

use inflow_core::{
    FiscalCalendar, MonthlySeries, Period, PublishedFigure, Scale, Vintage, YearMonth,
};

use crate::extract::{self, Amount, Cur, Found, Percent, Qual, Role, SeriesRef};
use crate::period::{self, ClaimPeriod, Mention, Spec};
use crate::scan::{self, Token};
use crate::{Claim, ClaimKind, Context, Evidence, Report, Sentence, Verdict};

/// Checks every claim in `text` against `ctx`.
///
/// Never fails and never panics: a claim that cannot be checked is
/// `unverifiable` with the reason. Runs in time linear in `text`.
pub fn check(text: &str, ctx: &Context<'_>) -> Report {
    let tokens = scan::tokenize(text);
    let data = Data::new(ctx);
    let mut report = Report::default();
    let mut prev_main: Option<ClaimPeriod> = None;
    for range in scan::sentences(&tokens) {
        let t = &tokens[range];
        let (Some(first), Some(last)) = (t.first(), t.last()) else {
            continue;
        };
        let sentence = Sentence {
            span: [first.start, last.end],
            text: text[first.start..last.end].to_string(),
        };
        let mut s = SentenceCheck {
            t,
            text,
            data: &data,
            found: extract::find(t),
            mentions: period::mentions(t, data.cal),
            resolved: Vec::new(),
            main: None,
            claims: Vec::new(),
            sentence: &sentence.text,
            index: report.sentences.len(),
            recorded: Vec::new(),
            own_main: None,
        };
        s.resolve(prev_main);
        s.judge();
        // Context reaches one sentence ahead, no further.
        prev_main = s.own_main;
        if !s.claims.is_empty() {
            let mut claims = std::mem::take(&mut s.claims);
            claims.sort_by_key(|c| c.span[0]);
            report.claims.extend(claims);
            report.sentences.push(sentence);
        }
    }
    report
}

/// A value from the data and what it rests on.
#[derive(Clone, Debug)]
struct Point {
    value: f64,
    /// Rounding of the data, in millions.
    half: f64,
    source_url: Option<String>,
    what: String,
}

/// The data, read in the context's vintage.
struct Data<'a> {
    ctx: &'a Context<'a>,
    cal: FiscalCalendar,
    vintage: Vintage,
    /// Published figures visible in the vintage, by series and period.
    published: HashMap<(&'a str, Period), Vec<&'a PublishedFigure>>,
}

impl<'a> Data<'a> {
    fn new(ctx: &'a Context<'a>) -> Self {
        let vintage = ctx.total.vintage;
        let mut published: HashMap<(&str, Period), Vec<&PublishedFigure>> = HashMap::new();
        for f in ctx.published {
            if vintage.includes(f.release_date) {
                published
                    .entry((f.series.as_str(), f.period))
                    .or_default()
                    .push(f);
            }
        }
        Data {
            ctx,
            cal: ctx.total.meta.fiscal,
            vintage,
            published,
        }
    }

    fn vintage_label(&self) -> String {
        match self.vintage {
            Vintage::Latest => "latest".into(),
            Vintage::AsOf(d) => d.to_string(),
        }
    }

    fn key(&self, s: SeriesRef) -> Option<String> {
        match s {
            SeriesRef::Total => Some(self.ctx.total.meta.key.to_string()),
            SeriesRef::Component(suffix, _) => {
                Some(format!("{}.{suffix}", self.ctx.total.meta.key))
            }
            SeriesRef::Other(_) => None,
        }
    }

    fn series(&self, key: &str) -> Option<&'a MonthlySeries> {
        if self.ctx.total.meta.key.as_str() == key {
            return Some(self.ctx.total);
        }
        self.ctx
            .components
            .iter()
            .find(|c| c.meta.key.as_str() == key)
    }

    /// Every value the data hold for `p`: the sum of monthly values (first,
    /// when complete) and each published figure for exactly that period.
    fn points(&self, key: &str, p: ClaimPeriod) -> (Vec<Point>, Vec<YearMonth>) {
        let mut out = Vec::new();
        let mut missing = Vec::new();
        if let Some(s) = self.series(key) {
            let months = p.months();
            let sum = inflow_analytics::sum_months(s, &months);
            match sum.value {
                Some(v) => {
                    let url = months
                        .iter()
                        .rev()
                        .filter_map(|m| s.get(*m))
                        .map(|o| o.source_url.clone())
                        .find(|u| !u.is_empty());
                    let what = if months.len() == 1 {
                        format!("{key} for {}", p.label())
                    } else {
                        format!(
                            "sum of {} monthly values of {key}, {} to {}",
                            months.len(),
                            p.first().long_label(),
                            p.last().long_label()
                        )
                    };
                    out.push(Point {
                        value: v,
                        half: 0.5 * (months.len() as f64).sqrt(),
                        source_url: url,
                        what,
                    });
                }
                None => missing = sum.missing,
            }
        }
        if let Some(core) = p.to_core() {
            for f in self.published.get(&(key, core)).into_iter().flatten() {
                {
                    let v = f.value.get();
                    let decimals = format!("{v}").split('.').nth(1).map_or(0, str::len) as i32;
                    out.push(Point {
                        value: v,
                        half: 0.5 * 10f64.powi(-decimals),
                        source_url: (!f.source_url.is_empty()).then(|| f.source_url.clone()),
                        what: format!(
                            "{key} {} as published by {} on {}",
                            p.label(),
                            f.publisher,
                            f.release_date
                        ),
                    });
                }
            }
        }
        (out, missing)
    }

    fn best(&self, key: &str, p: ClaimPeriod) -> Option<Point> {
        self.points(key, p).0.into_iter().next()
    }

    fn missing_reason(&self, key: &str, p: ClaimPeriod, missing: &[YearMonth]) -> String {
        let v = self.vintage_label();
        if missing.is_empty() {
            format!("there is no value of {key} for {} (vintage {v})", p.label())
        } else {
            let names: Vec<String> = missing.iter().take(4).map(|m| m.long_label()).collect();
            format!(
                "{key} has no value for {}{} (vintage {v})",
                names.join(", "),
                if missing.len() > 4 { " and more" } else { "" }
            )
        }
    }
}

/// A value as the text gives it, with its rounding and hedge, in millions.
#[derive(Clone, Copy, Debug)]
struct Stated {
    value: f64,
    half: f64,
    qual: Qual,
}

impl Stated {
    fn of(a: &Amount) -> Self {
        Stated {
            value: a.sign * a.millions(),
            half: a.half_millions(),
            qual: a.qual,
        }
    }

    /// The interval the stated value allows.
    fn interval(self) -> (f64, f64) {
        let (v, h) = (self.value, self.half);
        match self.qual {
            Qual::Exact => (v - h, v + h),
            Qual::About => {
                let w = h.max(0.05 * v.abs());
                (v - w, v + w)
            }
            Qual::AtLeast => (v - h, v.abs() * 1.5 + h),
            Qual::AtMost => (f64::NEG_INFINITY, v + h),
        }
    }

    fn tolerance_note(self) -> String {
        match self.qual {
            Qual::Exact => format!("±{} (the rounding of the text)", fmt_num(self.half)),
            Qual::About => format!(
                "±{} (the text hedges: about)",
                fmt_num(self.half.max(0.05 * self.value.abs()))
            ),
            Qual::AtLeast => format!(
                "a lower bound less {} (the text says over, more than or crossing)",
                fmt_num(self.half)
            ),
            Qual::AtMost => format!(
                "an upper bound plus {} (the text says under or less than)",
                fmt_num(self.half)
            ),
        }
    }
}

fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 + 1e-9 && b.0 <= a.1 + 1e-9
}

/// The interval a stated percentage allows: rounded either way or cut
/// short (21% for 21.45%, about 25% for 25.6%).
fn pct_interval(p: &Percent) -> (f64, f64) {
    let h = p.num.half_unit();
    let v = p.value;
    let (lo, hi) = if v >= 0.0 {
        (v - h, v + 2.0 * h - 1e-9)
    } else {
        (v - 2.0 * h + 1e-9, v + h)
    };
    match p.qual {
        Qual::Exact => (lo, hi),
        Qual::About => (v - (2.0 * h).max(1.0), v + (2.0 * h).max(1.0)),
        Qual::AtLeast => (lo, f64::INFINITY),
        Qual::AtMost => (f64::NEG_INFINITY, hi),
    }
}

/// Percentage change from `b` to `a`, both ± their half units.
fn pct_range(a: f64, ha: f64, b: f64, hb: f64) -> Option<(f64, f64, f64)> {
    if b - hb <= 0.0 {
        return None;
    }
    let point = (a / b - 1.0) * 100.0;
    let lo = ((a - ha) / (b + hb) - 1.0) * 100.0;
    let hi = ((a + ha) / (b - hb) - 1.0) * 100.0;
    Some((point, lo, hi))
}

/// A number for people: `2,593`, `2.135`, `21.45`.
fn fmt_num(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    let neg = r < 0.0;
    let r = r.abs();
    let int = r.trunc() as u64;
    let frac = r - int as f64;
    let digits = int.to_string();
    let mut s = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            s.push(',');
        }
        s.push(c);
    }
    if frac > 1e-9 {
        let f = format!("{frac:.3}");
        s.push_str(f.trim_start_matches('0').trim_end_matches('0'));
    }
    if neg { format!("-{s}") } else { s }
}

fn fmt_pct(v: f64) -> String {
    format!("{:.2}%", v)
}

/// Everything needed to judge one sentence.
struct SentenceCheck<'s, 't> {
    t: &'s [Token<'t>],
    text: &'t str,
    data: &'s Data<'s>,
    found: Found,
    mentions: Vec<Mention>,
    /// The resolved period of each mention.
    resolved: Vec<Option<ClaimPeriod>>,
    main: Option<ClaimPeriod>,
    claims: Vec<Claim>,
    sentence: &'s str,
    index: usize,
    /// Amounts (by first token) that already have a record claim.
    recorded: Vec<usize>,
    /// The sentence's main period when the sentence itself names it.
    own_main: Option<ClaimPeriod>,
}

impl SentenceCheck<'_, '_> {
    fn is_break(&self, lo: usize, hi: usize) -> bool {
        self.t[lo.min(hi)..hi.max(lo)]
            .iter()
            .any(|w| matches!(w.text, "," | ";" | "(" | ")" | "—" | ":"))
    }

    /// Marks comparison bases among the period mentions and resolves them.
    fn resolve(&mut self, prev_main: Option<ClaimPeriod>) {
        let cal = self.data.cal;
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
                ])
            }) || (lo..m.first_tok).any(|k| {
                // "an increase of $22 million over April", "up 7% over
                // March", but not "Over July-April, ...".
                self.t[k].is("over")
                    && k > 0
                    && (self.t[k - 1].is_any(extract::INCREASE)
                        || self.t[k - 1].is_any(extract::DECREASE)
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
        // period that is not a base, else the previous sentence's.
        let reference = self
            .mentions
            .iter()
            .find_map(|m| match m.spec {
                Spec::Exact(p) if !m.back => Some(p),
                _ => None,
            })
            .or_else(|| {
                self.mentions.iter().find_map(|m| match m.spec {
                    Spec::Exact(p) => Some(p),
                    _ => None,
                })
            })
            .or(prev_main);
        let fy_of = |p: ClaimPeriod| cal.fiscal_year_of(p.last());
        // In an as-of vintage, a run of months without a year ("July-May",
        // "the first two months of the current fiscal year") is the fiscal
        // year of the latest month known then.
        let now = match self.data.vintage {
            Vintage::AsOf(_) => self.data.ctx.total.last_month().map(ClaimPeriod::Month),
            Vintage::Latest => None,
        };
        let fy_reference = reference.or(now);
        let mut resolved: Vec<Option<ClaimPeriod>> = self
            .mentions
            .iter()
            .map(|m| match m.spec {
                Spec::Exact(p) => Some(p),
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
                    // vintage the latest month known then.
                    let now = reference.or_else(|| match self.data.vintage {
                        Vintage::AsOf(_) => {
                            self.data.ctx.total.last_month().map(ClaimPeriod::Month)
                        }
                        Vintage::Latest => None,
                    })?;
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
            let key = self.data.ctx.total.meta.key.to_string();
            self.main = self.main_from_base(&key);
            self.own_main = self.main;
        }
        for (m, r) in self.mentions.iter().zip(resolved.iter_mut()) {
            if r.is_some() {
                continue;
            }
            *r = match (m.spec, self.main) {
                (Spec::YearEarlier, Some(main)) => main.shift(12, cal),
                (Spec::MonthEarlier, Some(main)) => main.shift(1, cal),
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
    fn series_for(&self, at: usize) -> SeriesRef {
        let before = self.found.series.iter().rev().find(|(p, _)| *p <= at);
        let after = self.found.series.iter().find(|(p, _)| *p > at);
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
            SeriesRef::Total
        }
    }

    /// The period of a level amount: a mention right after it, else the
    /// nearest non-base mention before it, else the sentence's.
    fn level_period(&self, a: &Amount) -> Option<ClaimPeriod> {
        let after = self.mentions.iter().zip(&self.resolved).find(|(m, _)| {
            m.first_tok >= a.end_tok
                && m.first_tok - a.end_tok <= 5
                && !self.is_break(a.end_tok, m.first_tok)
        });
        // A period right after the amount is its own, unless a comparison
        // word stands between ("$306 million in comparison to March 2023").
        if let Some((m, p)) = after {
            let compared = self.t[a.end_tok..m.first_tok].iter().any(|w| {
                w.is_any(&[
                    "compared",
                    "comparison",
                    "against",
                    "from",
                    "than",
                    "over",
                    "versus",
                    "vs",
                ])
            });
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
            return self.base_period();
        }
        let before = self
            .mentions
            .iter()
            .zip(&self.resolved)
            .rev()
            .find(|(m, _)| m.end_tok <= a.first_tok && !m.back);
        before.and_then(|(_, p)| *p).or(self.main)
    }

    /// The period a change or a percentage at token `at` is about: that of
    /// the nearest level amount (before it, else after it), else the
    /// sentence's.
    fn current_for(&self, at: usize) -> Option<ClaimPeriod> {
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
                && !self.t[at..m.first_tok].iter().any(|w| {
                    w.is_any(&["compared", "comparison", "against", "from", "than", "over"])
                })
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
    fn same_comparison(&self, at: usize, others: &[&Amount]) -> bool {
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
    fn lag_named(&self, cur: Option<ClaimPeriod>, at: usize) -> Option<i32> {
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
    fn comparison_lag(&self, cur: Option<ClaimPeriod>, at: usize) -> i32 {
        if let (Some(cur), Some(base)) = (cur, self.explicit_base_for(at)) {
            let lag = base.last().months_until(cur.last());
            if lag == 1 || lag == 12 {
                return lag;
            }
        }
        match cur {
            Some(ClaimPeriod::Month(_)) | None if self.found.mom_cue && !self.found.yoy_cue => 1,
            _ => 12,
        }
    }

    /// The base named for a comparison at token `at`: the period of the
    /// nearest base amount, else the first period phrase that points back.
    fn explicit_base_for(&self, at: usize) -> Option<ClaimPeriod> {
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
        });
        own.or_else(|| {
            self.mentions
                .iter()
                .zip(&self.resolved)
                .find_map(|(m, p)| if m.back { *p } else { None })
        })
    }

    fn base_period(&self) -> Option<ClaimPeriod> {
        self.base_period_for(self.main?, 0)
    }

    /// The base period of a comparison with `cur` at token `at`.
    fn base_period_for(&self, cur: ClaimPeriod, at: usize) -> Option<ClaimPeriod> {
        let lag = self.comparison_lag(Some(cur), at);
        self.explicit_base_for(at)
            .filter(|b| *b != cur && b.month_count() == cur.month_count() && b.last() < cur.last())
            .or_else(|| cur.shift(lag, self.data.cal))
    }

    /// The amount's words as written.
    fn text_of(&self, a: &Amount) -> &str {
        let end = a.end_tok.max(a.first_tok + 1) - 1;
        &self.text[self.t[a.first_tok].start..self.t[end].end]
    }

    fn evidence(&self, key: Option<&str>, p: Option<ClaimPeriod>) -> Evidence {
        Evidence {
            series: key.map(str::to_string),
            period: p.map(|p| p.to_string()),
            vintage: self.data.vintage_label(),
            unit: Some(self.data.ctx.total.meta.unit.to_string()),
            ..Evidence::default()
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        first_tok: usize,
        end_tok: usize,
        kind: ClaimKind,
        value: f64,
        unit: String,
        period: Option<ClaimPeriod>,
        series: Option<String>,
        verdict: Verdict,
        explanation: String,
        evidence: Evidence,
    ) {
        let start = self.t[first_tok].start;
        let end = self.t[end_tok.max(first_tok + 1) - 1].end;
        self.claims.push(Claim {
            sentence: self.sentence.to_string(),
            span: [start, end],
            text: self.text[start..end].to_string(),
            kind,
            value,
            unit,
            period: period.map(|p| p.to_string()),
            series,
            verdict,
            explanation,
            evidence,
            sentence_index: self.index,
        });
    }

    fn judge(&mut self) {
        let amounts = self.found.amounts.clone();
        let percents = self.found.percents.clone();
        let mut claims: Vec<(usize, Pending)> = Vec::new();
        for a in &amounts {
            claims.push((a.first_tok, Pending::Amount(*a)));
        }
        for p in &percents {
            claims.push((p.first_tok, Pending::Percent(*p)));
        }
        for &(s, e) in &self.found.records {
            claims.push((s, Pending::Record(s, e)));
        }
        claims.sort_by_key(|(pos, _)| *pos);
        for (_, c) in claims {
            match c {
                Pending::Amount(a) => self.judge_amount(&a),
                Pending::Percent(p) => self.judge_percent(&p),
                Pending::Record(s, e) => self.judge_record(s, e),
            }
        }
        self.judge_period_lengths();
    }

    fn written_unit(a: &Amount) -> String {
        let cur = match a.cur {
            Cur::Usd => "USD",
            Cur::Pkr => "PKR",
        };
        match a.scale {
            Scale::Units => cur.to_string(),
            s => format!("{cur} {}", s.word()),
        }
    }

    fn kind_of(p: Option<ClaimPeriod>) -> ClaimKind {
        match p {
            Some(ClaimPeriod::Month(_)) => ClaimKind::MonthlyValue,
            Some(p @ ClaimPeriod::FiscalToDate { .. }) if p.is_full_year() => {
                ClaimKind::FiscalYearTotal
            }
            Some(ClaimPeriod::FiscalToDate { .. }) => ClaimKind::FiscalYtd,
            Some(ClaimPeriod::Range { .. }) => ClaimKind::PeriodTotal,
            None => ClaimKind::Level,
        }
    }

    /// The nearest amount with one of `roles`, other than `skip`.
    fn nearest(&self, at: usize, roles: &[Role], skip: Option<usize>) -> Option<Amount> {
        self.found
            .amounts
            .iter()
            .filter(|a| {
                roles.contains(&a.role)
                    && Some(a.first_tok) != skip
                    && a.cur == Cur::Usd
                    && !a.forecast
            })
            .min_by_key(|a| a.first_tok.abs_diff(at))
            .copied()
    }

    fn judge_amount(&mut self, a: &Amount) {
        let written = Self::written_unit(a);
        let sref = self.series_for(a.first_tok);
        let key = self.data.key(sref);
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
            let ev = self.evidence(key.as_deref(), period);
            return push(
                self,
                Verdict::Unverifiable,
                "The amount is in Pakistani rupees and the series are in US dollars; no exchange rate is applied.".into(),
                ev,
            );
        }
        if let SeriesRef::Other(what) = sref {
            let ev = self.evidence(None, period);
            return push(
                self,
                Verdict::Unverifiable,
                format!(
                    "The amount is about {what}, not ICT exports, and no series for it is loaded."
                ),
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
        push(self, v, e, ev);
    }

    fn judge_level(&self, a: &Amount, key: &str, p: ClaimPeriod) -> (Verdict, String, Evidence) {
        let mut ev = self.evidence(Some(key), Some(p));
        let (mut points, missing) = self.data.points(key, p);
        // A base period named only as "the corresponding months of FY23":
        // take the months whose total matches, if any.
        let stated = Stated::of(a);
        if points.is_empty() {
            return (
                Verdict::Unverifiable,
                format!(
                    "Nothing to check against: {}.",
                    self.data.missing_reason(key, p, &missing)
                ),
                ev,
            );
        }
        let iv = stated.interval();
        let matches =
            |pt: &Point, iv: (f64, f64)| overlaps(iv, (pt.value - pt.half, pt.value + pt.half));
        ev.tolerance = Some(stated.tolerance_note());
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
                        "The data give {} million for {}, which the text's {} matches only with its comma read as a decimal point.",
                        fmt_num(pt.value),
                        p.label(),
                        self.text_of(a)
                    ),
                    ev,
                );
            }
            let note = format!("{}, data ±{}", stated.tolerance_note(), fmt_num(pt.half));
            ev.tolerance = Some(note.clone());
            return (
                Verdict::Supported,
                format!(
                    "The data give {} million for {}; the text's {}{} {} agrees within {note}.",
                    fmt_num(pt.value),
                    p.label(),
                    a.qual.word(),
                    fmt_num(a.num.value),
                    a.scale.word(),
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
            let fy = self.data.cal.fiscal_year_of(p.first());
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
                        "Read as {fy} (the press often names a fiscal year by the year it ends in), the data give {} million, which the text's {} {} matches.",
                        fmt_num(pt.value),
                        fmt_num(a.num.value),
                        a.scale.word()
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
                        "The data give {} million for {}; the text's {} {} matches only as {}.",
                        fmt_num(pt.value),
                        p.label(),
                        fmt_num(a.num.value),
                        a.scale.word(),
                        label
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
                "The data give {} million for {}, not {}{} {} (tolerance {}){hint}.",
                fmt_num(pt.value),
                p.label(),
                a.qual.word(),
                fmt_num(a.num.value),
                a.scale.word(),
                stated.tolerance_note()
            ),
            ev,
        )
    }

    /// Average proceeds per day, or per month over a longer period.
    fn judge_average(
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
                format!(
                    "Nothing to check against: {}.",
                    self.data.missing_reason(key, p, &missing)
                ),
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
        ev.computation = format!(
            "{} = {} million over {n} {unit}s",
            pt.what,
            fmt_num(pt.value)
        );
        ev.source_url.clone_from(&pt.source_url);
        ev.tolerance = Some(stated.tolerance_note());
        let what = format!(
            "{} million over the {n} {unit}s of {} is {} million a {unit}",
            fmt_num(pt.value),
            p.label(),
            fmt_num(avg)
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
    fn judge_diff(&self, a: &Amount, key: &str) -> (Verdict, String, Evidence) {
        let stated = Stated::of(a);
        let iv = stated.interval();
        let main = self.current_for(a.first_tok);
        let mut ev = self.evidence(Some(key), main);
        ev.tolerance = Some(stated.tolerance_note());
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
                return (
                    Verdict::Inconsistent,
                    format!(
                        "The text's own figures differ by {} million, not {} million.",
                        fmt_num(d.abs()),
                        fmt_num(a.millions())
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
        let (cs, bs) = (
            self.data.points(key, main).0,
            self.data.points(key, base_p).0,
        );
        let pair = cs
            .iter()
            .flat_map(|c| bs.iter().map(move |b| (c, b)))
            .find(|(c, b)| {
                let d = c.value - b.value;
                overlaps(iv, (d - c.half - b.half, d + c.half + b.half))
            })
            .or_else(|| cs.first().zip(bs.first()))
            .map(|(c, b)| (c.clone(), b.clone()));
        let (cur, base) = pair.unzip();
        let (Some(cur), Some(base)) = (cur, base) else {
            let p = if self.data.best(key, main).is_none() {
                main
            } else {
                base_p
            };
            let (_, missing) = self.data.points(key, p);
            return (
                Verdict::Unverifiable,
                format!(
                    "Nothing to check against: {}.",
                    self.data.missing_reason(key, p, &missing)
                ),
                ev,
            );
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
                    "{} changed by {} million on {}; the text's {} million agrees within {}.",
                    main.label(),
                    fmt_num(d),
                    base_p.label(),
                    fmt_num(a.millions()),
                    stated.tolerance_note()
                ),
                ev,
            );
        }
        ev.expected = Some(d);
        let level_hint = if overlaps(iv, (cur.value - cur.half, cur.value + cur.half)) {
            format!(
                "; {} million is the level of {}, not its change",
                fmt_num(cur.value),
                main.label()
            )
        } else {
            String::new()
        };
        (
            Verdict::Contradicted,
            format!(
                "{} changed by {} million on {}, not {} million{level_hint}.",
                main.label(),
                fmt_num(d),
                base_p.label(),
                fmt_num(stated.value)
            ),
            ev,
        )
    }

    fn judge_percent(&mut self, p: &Percent) {
        let mut sref = self.series_for(p.first_tok);
        if p.share && sref == SeriesRef::Total {
            // "..., with 81% coming from computer services": the share is
            // the component's, named after it.
            if let Some((_, c)) = self
                .found
                .series
                .iter()
                .find(|(pos, s)| *pos > p.first_tok && matches!(s, SeriesRef::Component(..)))
            {
                sref = *c;
            }
        }
        let key = self.data.key(sref);
        let period = self.current_for(p.first_tok);
        if !p.share && !p.directed {
            let ev = self.evidence(key.as_deref(), period);
            let e = "Not recognised as a growth rate or a share (no change or comparison is named beside it).";
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
            self.judge_share(p, sref, key.as_deref())
        } else {
            self.judge_growth(p, sref, key.as_deref())
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

    fn judge_growth(
        &self,
        p: &Percent,
        sref: SeriesRef,
        key: Option<&str>,
    ) -> (Verdict, String, Evidence) {
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
        let Some(key) = key else {
            let what = if let SeriesRef::Other(w) = sref {
                w
            } else {
                "this"
            };
            return (
                Verdict::Unverifiable,
                format!("The percentage is about {what}, for which no series is loaded."),
                ev,
            );
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
            .or_else(|| main.shift(12, self.data.cal));
        let Some(base_p) = base_p else {
            return (
                Verdict::Unverifiable,
                "No base period to compare with.".into(),
                ev,
            );
        };
        let (cs, bs) = (
            self.data.points(key, main).0,
            self.data.points(key, base_p).0,
        );
        let pair = cs
            .iter()
            .flat_map(|c| bs.iter().map(move |b| (c, b)))
            .find(|(c, b)| {
                pct_range(c.value, c.half, b.value, b.half)
                    .is_some_and(|(_, lo, hi)| overlaps(stated, (lo, hi)))
            })
            .or_else(|| cs.first().zip(bs.first()))
            .map(|(c, b)| (c.clone(), b.clone()));
        let (c, b) = pair.unzip();
        let (Some(c), Some(b)) = (c, b) else {
            let p = if self.data.best(key, main).is_none() {
                main
            } else {
                base_p
            };
            let (_, missing) = self.data.points(key, p);
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
                format!(
                    "Nothing to check against: {}.",
                    self.data.missing_reason(key, p, &missing)
                ),
                ev,
            );
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

    /// When the only period is a base named as "the corresponding months of
    /// FY2022-23", find the months whose total matches the base amount and
    /// take the same months a year later.
    fn main_from_base(&self, key: &str) -> Option<ClaimPeriod> {
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

    fn judge_share(
        &self,
        p: &Percent,
        sref: SeriesRef,
        key: Option<&str>,
    ) -> (Verdict, String, Evidence) {
        let current = self.current_for(p.first_tok);
        let mut ev = self.evidence(key, current);
        ev.unit = Some("percent".into());
        let (Some(key), SeriesRef::Component(_, name)) = (key, sref) else {
            return (
                Verdict::Unverifiable,
                "A share needs a component series; none is named.".into(),
                ev,
            );
        };
        let total_key = self.data.ctx.total.meta.key.to_string();
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
                    "Nothing to check against: no value of {name} or of the total for {}.",
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
            "{} / {} = {}",
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
                    "{name} were {} of the total in {}.",
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
                    "{name} were {} of the total in {}, not {}%.",
                    fmt_pct(point),
                    main.label(),
                    fmt_num(p.num.value)
                ),
                ev,
            )
        }
    }

    fn judge_record(&mut self, s: usize, e: usize) {
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
            return;
        };
        if self.recorded.contains(&a.first_tok) {
            return;
        }
        self.recorded.push(a.first_tok);
        let sref = self.series_for(a.first_tok);
        let key = self.data.key(sref);
        let period = self.level_period(&a);
        let mut ev = self.evidence(key.as_deref(), period);
        ev.tolerance =
            Some("strictly above every earlier value compared (a tie is not a record)".into());
        let (verdict, explanation) = match (key.as_deref(), period) {
            (None, _) => (
                Verdict::Unverifiable,
                "The record is not about ICT exports.".to_string(),
            ),
            (_, None) => (
                Verdict::Unverifiable,
                "No period is named for this record.".to_string(),
            ),
            (Some(key), Some(p)) => match self.record_scope(s, e) {
                RecordScope::AllTime => self.record_verdict(key, p, &mut ev),
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

    /// What a record phrase compares with: "highest in five months",
    /// "highest since March 2024", "highest this fiscal year", "second
    /// highest", or all time.
    fn record_scope(&self, s: usize, e: usize) -> RecordScope {
        let t = self.t;
        if s > 0 && t[s - 1].is_any(&["second", "third", "fourth", "near", "nearly", "almost"]) {
            return RecordScope::Unchecked;
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

    fn scoped_record(
        &self,
        key: &str,
        p: ClaimPeriod,
        scope: RecordScope,
        ev: &mut Evidence,
    ) -> (Verdict, String) {
        let (ClaimPeriod::Month(m), Some(series)) = (p, self.data.series(key)) else {
            return (
                Verdict::Unverifiable,
                "Only monthly records within a window are checked.".into(),
            );
        };
        let Some(v) = series.value(m) else {
            return (
                Verdict::Unverifiable,
                format!(
                    "Nothing to check against: {}.",
                    self.data.missing_reason(key, p, &[])
                ),
            );
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
                let fy = self.data.cal.fiscal_year_of(m);
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
            "{} million in {} against {what}; highest among them {} million in {}",
            fmt_num(v),
            m.long_label(),
            fmt_num(hv),
            hm.long_label()
        );
        if v > hv {
            (
                Verdict::Supported,
                format!(
                    "{} million in {} is above {what} (highest {} million in {}).",
                    fmt_num(v),
                    m.long_label(),
                    fmt_num(hv),
                    hm.long_label()
                ),
            )
        } else {
            ev.expected = Some(hv);
            (
                Verdict::Contradicted,
                format!(
                    "{} million in {} is not above {what}: {} had {} million.",
                    fmt_num(v),
                    m.long_label(),
                    hm.long_label(),
                    fmt_num(hv)
                ),
            )
        }
    }

    fn record_verdict(&self, key: &str, p: ClaimPeriod, ev: &mut Evidence) -> (Verdict, String) {
        if let (ClaimPeriod::Month(m), Some(series)) = (p, self.data.series(key)) {
            return match headline(series, m) {
                Ok(h) => {
                    ev.value = Some(h.value);
                    ev.source_url = Some(h.source_url.clone()).filter(|u| !u.is_empty());
                    let prev = match (h.record.previous_high, h.record.previous_high_month) {
                        (Some(v), Some(pm)) => {
                            format!("{} million in {}", fmt_num(v), pm.long_label())
                        }
                        _ => "nothing".into(),
                    };
                    ev.computation = format!(
                        "{} million in {} against every month since {}; highest before: {prev}",
                        fmt_num(h.value),
                        m.long_label(),
                        h.record.history_from.long_label()
                    );
                    if h.record.all_time {
                        (
                            Verdict::Supported,
                            format!(
                                "{} million in {} was the highest month since data begin in {} (previous high {prev}).",
                                fmt_num(h.value),
                                m.long_label(),
                                h.record.history_from.long_label()
                            ),
                        )
                    } else {
                        ev.expected = h.record.previous_high;
                        (
                            Verdict::Contradicted,
                            format!(
                                "{} million in {} was not a record: the highest before it was {prev}.",
                                fmt_num(h.value),
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
            return (
                Verdict::Unverifiable,
                format!(
                    "Nothing to check against: {}.",
                    self.data.missing_reason(key, p, &missing)
                ),
            );
        };
        let mut best: Option<(f64, ClaimPeriod)> = None;
        let mut compared = 0;
        for k in 1..=30 {
            let Some(q) = p.shift(12 * k, self.data.cal) else {
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
            "{} million in {} against {compared} earlier years; highest before: {} million in {}",
            fmt_num(now.value),
            p.label(),
            fmt_num(high),
            when.label()
        );
        if now.value > high {
            (
                Verdict::Supported,
                format!(
                    "{} million in {} beats every earlier year in the data (previous high {} million in {}).",
                    fmt_num(now.value),
                    p.label(),
                    fmt_num(high),
                    when.label()
                ),
            )
        } else {
            ev.expected = Some(high);
            (
                Verdict::Contradicted,
                format!(
                    "{} million in {} was not a record: {} had {} million.",
                    fmt_num(now.value),
                    p.label(),
                    when.label(),
                    fmt_num(high)
                ),
            )
        }
    }

    fn judge_forecast(&mut self, a: &Amount, written: String, key: Option<String>) {
        let cal = self.data.cal;
        // A target is a level of its own year, whatever cue precedes it.
        let as_level = Amount {
            role: Role::Level,
            ..*a
        };
        let period = self
            .level_period(&as_level)
            .or_else(|| self.data.ctx.total.last_month().map(ClaimPeriod::Month));
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
                                ", probability of exceeding {} million {:.0}%",
                                fmt_num(target),
                                p * 100.0
                            )
                        })
                        .unwrap_or_default();
                    let e = format!(
                        "A forward-looking claim: {} projects {fy} at {} million (80% interval {} to {}){p}, as of {}.",
                        s.model,
                        fmt_num(s.point),
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
        if let (Some(fy), Some(key)) = (fy, key.as_deref()) {
            if let Some(outcome) = ClaimPeriod::fiscal_year(fy).and_then(|p| self.data.best(key, p))
            {
                if explanation.ends_with('.') {
                    explanation.pop();
                }
                explanation.push_str(&format!(
                    "; the outcome is known in this vintage: {} million.",
                    fmt_num(outcome.value)
                ));
                if ev.value.is_none() {
                    ev.value = Some(outcome.value);
                    ev.computation = outcome.what;
                }
            }
        }
        ev.tolerance = Some(format!("target {} million", fmt_num(target)));
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

    /// "the first eight months (July to March)": a period's stated length
    /// against the months named beside it.
    fn judge_period_lengths(&mut self) {
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

/// What a record is a record of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RecordScope {
    AllTime,
    /// The highest in this many months, the month itself included.
    Window(i32),
    /// The highest since this month.
    Since(YearMonth),
    /// The highest of its fiscal year so far.
    FiscalYear,
    /// Second highest, near-record: not checked.
    Unchecked,
}

enum Pending {
    Amount(Amount),
    Percent(Percent),
    Record(usize, usize),
}

/// A base written at another scale than the value it is compared with
/// ("$2.593 billion ... compared to $2.135 million") is read at the value's
/// scale, so that the unit slip is reported once (on the amount) rather
/// than again as a wrong percentage.
fn rescale(base: f64, value: f64) -> f64 {
    if base <= 0.0 || value <= 0.0 {
        return base;
    }
    let mut b = base;
    while value / b > 100.0 {
        b *= 1000.0;
    }
    while b / value > 100.0 {
        b /= 1000.0;
    }
    b
}

fn days_in_month(m: YearMonth) -> u32 {
    match m.month() {
        4 | 6 | 9 | 11 => 30,
        2 => {
            let y = m.year();
            if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                29
            } else {
                28
            }
        }
        _ => 31,
    }
}
