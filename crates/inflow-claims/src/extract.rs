//! Finding amounts, percentages, series and cues in one sentence.
//!
//! Every matcher looks a bounded number of tokens around its anchor, so a
//! sentence of `n` tokens costs `O(n)` here.

use inflow_core::Scale;

use crate::lexicon::{self, EconomyName, Statistic};
use crate::number::{Num, parse_number};
use crate::scan::{Tok, Token};

/// The currency an amount is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cur {
    Usd,
    Pkr,
}

/// What an amount is in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// A level: "exports were $310 million".
    Level,
    /// The level compared against: "from $235 million", "compared to $X".
    Base,
    /// A difference: "an increase of $458 million".
    Diff,
}

/// Hedges around a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Qual {
    Exact,
    /// about, around, nearly, almost, roughly, some.
    About,
    /// over, more than, above, crossing, exceeding.
    AtLeast,
    /// less than, under, below, up to.
    AtMost,
}

impl Qual {
    pub fn word(self) -> &'static str {
        match self {
            Qual::Exact => "",
            Qual::About => "about ",
            Qual::AtLeast => "at least ",
            Qual::AtMost => "at most ",
        }
    }
}

/// A sum of money in the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Amount {
    pub first_tok: usize,
    pub end_tok: usize,
    pub num: Num,
    pub scale: Scale,
    pub cur: Cur,
    pub role: Role,
    pub qual: Qual,
    /// -1 for a decrease, 1 for an increase or when not said.
    pub sign: f64,
    pub forecast: bool,
    pub per_day: bool,
    /// An average month: "averaged $318 million", "$318 million a month".
    pub per_month: bool,
}

impl Amount {
    /// The amount in millions of its currency.
    pub fn millions(&self) -> f64 {
        self.num.value * self.scale.factor() / 1e6
    }

    /// Half a unit of the last written digit, in millions.
    pub fn half_millions(&self) -> f64 {
        self.num.half_unit() * self.scale.factor() / 1e6
    }
}

/// A percentage in the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Percent {
    pub first_tok: usize,
    pub end_tok: usize,
    pub num: Num,
    /// Signed: negative for a stated fall.
    pub value: f64,
    pub qual: Qual,
    pub share: bool,
    /// A change word, a comparison or a year-on-year cue is near: the
    /// percentage is a growth rate (not a tax rate or a market share).
    pub directed: bool,
}

/// Which series a phrase names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SeriesRef {
    /// Nothing named: the context's main series.
    Main,
    /// The headline: total ICT (telecommunication, computer and
    /// information) services, or the context's main series.
    Total,
    /// Another statistic of the lexicon: a component, an item, total
    /// services.
    Component(&'static Statistic),
    /// Something else entirely (textile exports, workers' remittances).
    Other(&'static str),
}

/// The flow a phrase names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FlowRef {
    /// Exports, receipts, credit.
    Exports,
    /// Imports, payments, debit.
    Imports,
    /// Net: a surplus, a deficit, the balance.
    Net,
}

impl FlowRef {
    /// The flow as a word, for explanations.
    pub fn word(self) -> &'static str {
        match self {
            FlowRef::Exports => "exports",
            FlowRef::Imports => "imports",
            FlowRef::Net => "net balance",
        }
    }
}

/// Publishers a text may attribute figures to, by the words that name
/// them, with the name a series' `source` carries.
const PUBLISHERS: &[(&[&str], &str)] = &[
    (&["PBS"], "Pakistan Bureau of Statistics"),
    (&["SBP"], "State Bank of Pakistan"),
    (&["RBI"], "Reserve Bank of India"),
];

fn flow_at(t: &[Token<'_>], i: usize) -> Option<FlowRef> {
    let w = &t[i];
    if w.is_any(&[
        "imports", "import", "payments", "debit", "debits", "imported",
    ]) {
        Some(FlowRef::Imports)
    } else if w.is_any(&["surplus", "deficit", "balance", "net"]) {
        // "net exports", "net of", "network" are not all balances, but a
        // net figure is never a gross one.
        Some(FlowRef::Net)
    } else if w.is_any(&[
        "exports",
        "export",
        "receipts",
        "credit",
        "earnings",
        "remittances",
    ]) {
        Some(FlowRef::Exports)
    } else {
        None
    }
}

/// Whether an economy named at `i` is a market ("exports to the UAE",
/// "clients in the US") rather than the reporter.
fn is_partner(t: &[Token<'_>], i: usize) -> bool {
    let before = |k: usize| i >= k && t[i - k].is_any(&["to", "from", "with"]);
    let the = i >= 1 && t[i - 1].is("the");
    before(1) || (the && before(2))
}

/// What a sentence contains.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub amounts: Vec<Amount>,
    pub percents: Vec<Percent>,
    pub series: Vec<(usize, SeriesRef)>,
    /// Token ranges of "record", "all-time high", "highest".
    pub records: Vec<(usize, usize)>,
    /// Economies named as the subject (not as a market: "exports to the
    /// UAE" names a partner).
    pub economies: Vec<(usize, &'static EconomyName)>,
    /// Flows named: imports, the balance.
    pub flows: Vec<(usize, FlowRef)>,
    /// Publishers named (`PBS`, `SBP`), by position.
    pub publishers: Vec<(usize, &'static str)>,
    /// The sentence says month-on-month / year-on-year.
    pub mom_cue: bool,
    pub yoy_cue: bool,
}

const BASE_CUES: &[&str] = &[
    "from",
    "compared",
    "comparison",
    "against",
    "versus",
    "vs",
    "previous",
    "preceding",
    "earlier",
    "than",
];
const MOM_CUES: &[&str] = &["mom", "sequential", "sequentially"];
const YOY_CUES: &[&str] = &["yoy", "annual", "annually"];

fn scale_word(t: &Token<'_>) -> Option<Scale> {
    if t.kind != Tok::Word {
        return None;
    }
    let w = t.text.to_ascii_lowercase();
    let adjacent = !t.space_before;
    match w.as_str() {
        "million" | "millions" | "mn" | "mln" | "mio" => Some(Scale::Million),
        "billion" | "billions" | "bn" | "bln" => Some(Scale::Billion),
        "thousand" => Some(Scale::Thousand),
        "m" if adjacent => Some(Scale::Million),
        "b" if adjacent => Some(Scale::Billion),
        "k" if adjacent => Some(Scale::Thousand),
        _ => None,
    }
}

/// Scans a sentence.
pub(crate) fn find(t: &[Token<'_>]) -> Found {
    let mut f = Found::default();
    let mut i = 0;
    while i < t.len() {
        let tok = &t[i];
        if tok.kind == Tok::Number {
            if let Some(a) = amount_at(t, i) {
                i = a.end_tok;
                f.amounts.push(a);
                continue;
            }
            if let Some(p) = percent_at(t, i) {
                i = p.end_tok;
                f.percents.push(p);
                continue;
            }
        }
        if let Some((s, end)) = series_at(t, i) {
            f.series.push((i, s));
            i = end;
            continue;
        }
        if let Some(e) = lexicon::economy_of(tok) {
            if is_partner(t, i) {
                f.series
                    .push((i, SeriesRef::Other("exports to one market")));
            } else {
                f.economies.push((i, e));
            }
        }
        if let Some(fl) = flow_at(t, i) {
            f.flows.push((i, fl));
        }
        if let Some((_, name)) = PUBLISHERS.iter().find(|(ws, _)| ws.contains(&tok.text)) {
            f.publishers.push((i, name));
        }
        if let Some(end) = record_at(t, i) {
            f.records.push((i, end));
            i = end;
            continue;
        }
        let next = |w: &str| t.get(i + 1).is_some_and(|n| n.is(w));
        let next2 = |w: &str| t.get(i + 2).is_some_and(|n| n.is(w));
        if tok.is_any(MOM_CUES)
            || (tok.is("month") && next("-") && next2("on"))
            || (tok.is("month") && next("on") && next2("month"))
            || (tok.is_any(&["previous", "preceding", "last"]) && next("month"))
            || (tok.is("m") && next("/") && next2("m"))
        {
            f.mom_cue = true;
        }
        if tok.is_any(YOY_CUES)
            || (tok.is("year") && next("-") && next2("on"))
            || (tok.is("year") && next("on") && next2("year"))
            || (tok.is("y") && next("/") && next2("y"))
            || (tok.is_any(&["a", "one"]) && next("year") && next2("earlier"))
            || (tok.is_any(&["last", "previous"]) && next("year"))
            || tok.is_any(&["same", "corresponding"])
        {
            f.yoy_cue = true;
        }
        i += 1;
    }
    group_component_lists(&mut f.series);
    f
}

fn amount_at(t: &[Token<'_>], i: usize) -> Option<Amount> {
    let num = parse_number(t[i].text)?;
    let mut first = i;
    let mut cur = None;
    // Currency before: `$`, `US$`, `US $`, `USD`, `Rs`, `Rs.`, `PKR`.
    if i > 0 {
        let p = &t[i - 1];
        if p.text == "$" {
            cur = Some(Cur::Usd);
            first = i - 1;
            if i > 1 && t[i - 2].is_any(&["US", "USD"]) {
                first = i - 2;
            }
        } else if p.is_any(&["USD", "US"]) && p.text.chars().all(|c| c.is_ascii_uppercase()) {
            cur = Some(Cur::Usd);
            first = i - 1;
        } else if p.is_any(&["Rs", "PKR", "Rupees"]) {
            cur = Some(Cur::Pkr);
            first = i - 1;
        } else if p.text == "." && i > 1 && t[i - 2].is("Rs") {
            cur = Some(Cur::Pkr);
            first = i - 2;
        }
    }
    let mut end = i + 1;
    let mut scale = Scale::Units;
    // "$3.2-billion".
    if t.get(end).is_some_and(|d| d.is_dash() && !d.space_before)
        && t.get(end + 1)
            .is_some_and(|w| !w.space_before && scale_word(w).is_some())
    {
        end += 1;
    }
    if t.get(end).is_some_and(|w| {
        w.is_any(&[
            "trillion", "tn", "crore", "crores", "lakh", "lakhs", "lac", "arab", "kharab",
        ])
    }) {
        return None;
    }
    if let Some(s) = t.get(end).and_then(scale_word) {
        scale = s;
        end += 1;
    }
    if let Some(n) = t.get(end) {
        if n.is_any(&["dollars", "dollar", "USD"]) {
            cur = cur.or(Some(Cur::Usd));
            end += 1;
        } else if n.text == "US"
            && t.get(end + 1)
                .is_some_and(|w| w.is_any(&["dollars", "dollar"]))
        {
            cur = cur.or(Some(Cur::Usd));
            end += 2;
        } else if n.is_any(&["rupees", "rupee", "PKR"]) {
            cur = cur.or(Some(Cur::Pkr));
            end += 1;
        }
    }
    let cur = cur?;
    let mut a = Amount {
        first_tok: first,
        end_tok: end,
        num,
        scale,
        cur,
        role: Role::Level,
        qual: Qual::Exact,
        sign: 1.0,
        forecast: false,
        per_day: false,
        per_month: false,
    };
    classify(t, &mut a);
    Some(a)
}

/// Index of the word before `i` after skipping articles and hedges, with
/// the hedge found.
fn look_back(t: &[Token<'_>], i: usize) -> (Option<usize>, Qual) {
    let mut j = i;
    let mut qual = Qual::Exact;
    let mut steps = 0;
    while j > 0 && steps < 5 {
        j -= 1;
        steps += 1;
        let w = &t[j];
        let prev_is = |ws: &[&str]| j > 0 && t[j - 1].is_any(ws);
        let change_of =
            w.is("of") && (prev_is(lexicon::increase()) || prev_is(lexicon::decrease()));
        if !change_of
            && w.is_any(&[
                "a",
                "an",
                "the",
                "some",
                "mark",
                "level",
                "figure",
                "threshold",
                "of",
            ])
        {
            if w.is("some") && qual == Qual::Exact {
                qual = Qual::About;
            }
            continue;
        }
        if w.is_any(&[
            "about",
            "around",
            "approximately",
            "approx",
            "roughly",
            "nearly",
            "almost",
            "circa",
            "estimated",
        ]) || (w.is("to") && prev_is(&["close"]))
        {
            qual = Qual::About;
            if w.is("to") {
                j -= 1;
            }
            continue;
        }
        if w.is("over")
            && (prev_is(lexicon::increase())
                || prev_is(lexicon::decrease())
                || prev_is(&["%", "percent", "pc"]))
        {
            // "an increase over $191 million": a base, not a hedge.
            return (Some(j), qual);
        }
        if w.is_any(&[
            "over",
            "above",
            "exceeding",
            "exceed",
            "exceeded",
            "exceeds",
            "crossing",
            "cross",
            "crossed",
            "surpassing",
            "surpass",
            "surpassed",
            "beyond",
            "upwards",
        ]) || (w.is("than") && prev_is(&["more"]))
            || (w.is("least") && prev_is(&["at"]))
        {
            qual = Qual::AtLeast;
            if w.is_any(&["than", "least"]) {
                j -= 1;
            }
            continue;
        }
        if w.is_any(&["under", "below"]) || (w.is("than") && prev_is(&["less", "fewer"])) {
            qual = Qual::AtMost;
            if w.is("than") {
                j -= 1;
            }
            continue;
        }
        return (Some(j), qual);
    }
    (None, qual)
}

fn is_clause_break(t: &Token<'_>) -> bool {
    matches!(
        t.text,
        "," | ";" | ":" | "(" | ")" | "—" | "–" | "." | "!" | "?" | "\u{201c}" | "\u{201d}"
    )
}

/// Whether the number at `k` is a figure (an amount or a percentage)
/// rather than part of a period such as `FY23`.
fn is_figure(t: &[Token<'_>], k: usize) -> bool {
    t[k].kind == Tok::Number
        && (k > 0 && t[k - 1].text == "$"
            || t.get(k + 1).is_some_and(|n| {
                n.text == "%" || n.is_any(&["percent", "pc", "per"]) || scale_word(n).is_some()
            }))
}

fn classify(t: &[Token<'_>], a: &mut Amount) {
    let (prev, qual) = look_back(t, a.first_tok);
    a.qual = qual;
    let word = |j: Option<usize>| j.map(|j| &t[j]);
    // A difference: "increased by $X", "an increase of $X", "$X more than".
    if let Some(p) = word(prev) {
        let before = prev.and_then(|j| j.checked_sub(1)).map(|j| &t[j]);
        let change_before = |ws: &[&str]| before.is_some_and(|b| b.is_any(ws));
        if p.is_any(lexicon::change_verbs()) {
            // "rose $119 million", "fell $6 million": the change itself.
            a.role = Role::Diff;
            if p.is_any(lexicon::decrease()) {
                a.sign = -1.0;
            }
        }
        if p.is("by") || p.is("of") {
            if change_before(lexicon::increase()) {
                a.role = Role::Diff;
            } else if change_before(lexicon::decrease()) {
                a.role = Role::Diff;
                a.sign = -1.0;
            }
        }
        if p.is("or") {
            // "an increase of 25%, or $89 million": the same change in money.
            let lo = prev.unwrap_or(0).saturating_sub(3);
            let pct_before = t[lo..prev.unwrap_or(0)]
                .iter()
                .any(|w| w.text == "%" || w.is_any(&["percent", "pc", "pct", "cent"]));
            if pct_before {
                a.role = Role::Diff;
                let lo = lo.saturating_sub(6);
                if t[lo..a.first_tok]
                    .iter()
                    .any(|w| w.is_any(lexicon::decrease()))
                {
                    a.sign = -1.0;
                }
            }
        }
        if p.is("to") {
            if change_before(&["compared", "comparison", "relative", "opposed", "compare"]) {
                // "compared to $X": the base.
                a.role = Role::Base;
            }
            // Otherwise "from $X to $Y", "rose to $Y": a level.
            classify_tail(t, a);
            return;
        }
    }
    if a.role == Role::Level {
        if let Some(n) = t.get(a.end_tok) {
            let then = t.get(a.end_tok + 1).is_some_and(|w| w.is("than"));
            if (n.is_any(&["more", "higher"]) && then) || n.is("above") {
                a.role = Role::Diff;
            } else if (n.is_any(&["less", "lower"]) && then) || n.is("below") {
                a.role = Role::Diff;
                a.sign = -1.0;
            }
        }
    }
    if a.role == Role::Level {
        // A base: a comparison word shortly before, within the clause.
        let mut j = a.first_tok;
        let mut steps = 0;
        while j > 0 && steps < 7 {
            j -= 1;
            steps += 1;
            let w = &t[j];
            if is_clause_break(w) || is_figure(t, j) {
                break;
            }
            let over_base = w.is("over")
                && j > 0
                && (t[j - 1].is_any(lexicon::increase())
                    || t[j - 1].is_any(lexicon::decrease())
                    || t[j - 1].is_any(&["%", "percent", "pc"]));
            if w.is_any(BASE_CUES) || over_base {
                let hedge = w.is("than") && j > 0 && t[j - 1].is_any(&["more", "less", "fewer"]);
                if !hedge {
                    a.role = Role::Base;
                }
                break;
            }
            if w.is("last") && t.get(j + 1).is_some_and(|n| n.is("year")) {
                a.role = Role::Base;
                break;
            }
        }
    }
    classify_tail(t, a);
}

fn classify_tail(t: &[Token<'_>], a: &mut Amount) {
    // Cues are looked for up to ten tokens back, but not past another
    // figure: "against a target of $3.5 billion, exports reached $3.2
    // billion" forecasts only the first.
    let mut lo = a.first_tok.saturating_sub(10);
    if let Some(k) = (lo..a.first_tok).rev().find(|&k| is_figure(t, k)) {
        lo = k + 1;
    }
    // Per day: "$10 million per day", "a day", "daily".
    let n = t.get(a.end_tok);
    let n2 = t.get(a.end_tok + 1);
    if n.is_some_and(|w| w.is("daily"))
        || (n.is_some_and(|w| w.is_any(&["per", "a", "each", "every"]))
            && n2.is_some_and(|w| w.is("day")))
    {
        a.per_day = true;
    }
    let averaged = t[lo..a.first_tok]
        .iter()
        .any(|w| w.is_any(&["averaged", "average", "averaging", "avg"]));
    if averaged
        || n.is_some_and(|w| w.is("monthly") && n2.is_some_and(|w| w.is("average")))
        || (n.is_some_and(|w| w.is_any(&["per", "a", "each", "every"]))
            && n2.is_some_and(|w| w.is("month")))
    {
        a.per_month = !a.per_day;
    }
    // Forward-looking: a cue within ten tokens before, in the sentence.
    let before = &t[lo..a.first_tok];
    a.forecast = before
        .iter()
        .any(|w| w.kind == Tok::Word && (w.is_any(lexicon::forecast()) || w.text == "may"))
        || before
            .windows(2)
            .any(|w| (w[0].is("set") && w[1].is("to")) || (w[0].is("on") && w[1].is("track")));
}

fn percent_at(t: &[Token<'_>], i: usize) -> Option<Percent> {
    let num = parse_number(t[i].text)?;
    let n = t.get(i + 1)?;
    let end = if n.text == "%" || n.is_any(&["percent", "pc", "pct", "percentage"]) {
        if n.is("percentage") && t.get(i + 2).is_some_and(|w| w.is_any(&["points", "point"])) {
            return None;
        }
        i + 2
    } else if n.is("per") && t.get(i + 2).is_some_and(|w| w.is("cent")) {
        i + 3
    } else {
        return None;
    };
    if t.get(end).is_some_and(|w| w.is_any(&["points", "point"])) {
        return None;
    }
    let mut first = i;
    let negative_sign = i > 0 && t[i - 1].is_dash() && !t[i].space_before && {
        // "-1.9%" but not "2023-24 21%".
        i < 2 || t[i - 2].kind != Tok::Number
    };
    if negative_sign {
        first = i - 1;
    }
    let (_, qual) = look_back(t, first);
    // Direction: the nearest increase or decrease word, up to eight tokens
    // before or three after.
    let mut sign = 1.0;
    let mut best = usize::MAX;
    let lo = first.saturating_sub(8);
    for (j, w) in t.iter().enumerate().take((end + 3).min(t.len())).skip(lo) {
        if (first..end).contains(&j) || w.kind != Tok::Word {
            continue;
        }
        let d = if j < first { first - j } else { j - end + 1 };
        if d < best && w.is_any(lexicon::decrease()) {
            best = d;
            sign = -1.0;
        } else if d < best && w.is_any(lexicon::increase()) {
            best = d;
            sign = 1.0;
        }
    }
    if negative_sign {
        sign = -1.0;
    }
    let window = &t[first.saturating_sub(6)..(end + 4).min(t.len())];
    let share = window.iter().any(|w| {
        w.is_any(&[
            "share",
            "accounted",
            "accounting",
            "accounts",
            "constituted",
            "constitutes",
            "comprised",
            "contributed",
            "contribution",
            "portion",
            "proportion",
            "made",
            "makes",
            "coming",
            "came",
            "comes",
            "contributing",
            "constituting",
            "comprise",
            "comprises",
        ])
    }) || t.get(end).is_some_and(|w| w.is("of"))
        && t.get(end + 1)
            .is_some_and(|w| w.is_any(&["total", "the", "overall", "all", "Pakistan"]));
    let directed = best != usize::MAX
        || negative_sign
        || window.iter().any(|w| {
            w.is_any(&[
                "yoy",
                "compared",
                "comparison",
                "against",
                "from",
                "over",
                "than",
                "year",
                "month",
                "annual",
                "annually",
                "higher",
                "lower",
            ])
        });
    Some(Percent {
        first_tok: first,
        end_tok: end,
        num,
        value: sign * num.value,
        qual,
        share,
        directed,
    })
}

fn series_at(t: &[Token<'_>], i: usize) -> Option<(SeriesRef, usize)> {
    let w = &t[i];
    if w.kind != Tok::Word {
        return None;
    }
    if let Some((s, mut end)) = lexicon::statistic_at(t, i) {
        // "ICT services", "computer services": the noun belongs to the name.
        if t.get(end)
            .is_some_and(|n| n.is_any(&["services", "service", "sector"]))
        {
            end += 1;
        }
        let r = if s.ebops == Some("SI") {
            SeriesRef::Total
        } else {
            SeriesRef::Component(s)
        };
        return Some((r, end));
    }
    const OTHER: &[(&str, &str)] = &[
        ("textile", "textile exports"),
        ("textiles", "textile exports"),
        ("merchandise", "merchandise trade"),
        ("goods", "goods trade"),
        ("petroleum", "petroleum"),
        ("oil", "oil"),
        ("reserves", "foreign exchange reserves"),
        ("GDP", "GDP"),
        ("FDI", "foreign direct investment"),
        ("investment", "investment"),
        ("budget", "the budget"),
        ("tax", "taxes"),
        ("taxes", "taxes"),
        ("revenue", "revenue"),
        ("rice", "rice exports"),
        ("workers", "workers' remittances"),
        ("home", "home remittances"),
        ("loan", "loans"),
        ("loans", "loans"),
        ("funding", "funding"),
        ("valuation", "a valuation"),
        ("salary", "salaries"),
        ("salaries", "salaries"),
        ("market", "a market size"),
        ("overseas", "workers' remittances"),
        ("diaspora", "workers' remittances"),
        ("startups", "startup funding"),
        ("raised", "funding"),
        ("Europe", "exports to one region"),
        ("EU", "exports to one region"),
        ("Gulf", "exports to one region"),
        ("grant", "a grant"),
        ("allocated", "an allocation"),
        ("allocation", "an allocation"),
        ("debt", "debt"),
        ("bonds", "bonds"),
        ("Eurobond", "bonds"),
        ("IMF", "IMF lending"),
    ];
    OTHER
        .iter()
        .find(|(k, _)| w.is(k))
        .map(|(_, name)| (SeriesRef::Other(name), i + 1))
}

/// "telecommunication, computer and information services" lists the
/// components of the total: two or more different components within a few
/// tokens of each other name the total.
fn group_component_lists(series: &mut Vec<(usize, SeriesRef)>) {
    let mut out: Vec<(usize, SeriesRef)> = Vec::with_capacity(series.len());
    let mut i = 0;
    while i < series.len() {
        let (pos, s) = series[i];
        let mut j = i + 1;
        let mut distinct = false;
        if let SeriesRef::Component(st) = s
            && st.is_ict_part()
        {
            while j < series.len() {
                let (p2, s2) = series[j];
                let close = p2 - series[j - 1].0 <= 4;
                if !close || !matches!(s2, SeriesRef::Component(x) if x.is_ict_part()) {
                    break;
                }
                distinct |= s2 != s;
                j += 1;
            }
        }
        if distinct {
            out.push((pos, SeriesRef::Total));
            i = j;
        } else {
            out.push((pos, s));
            i += 1;
        }
    }
    *series = out;
}

fn record_at(t: &[Token<'_>], i: usize) -> Option<usize> {
    let w = &t[i];
    let next = |k: usize, ws: &[&str]| t.get(i + k).is_some_and(|n| n.is_any(ws));
    let negated = |j: usize| {
        t[j.saturating_sub(3)..j]
            .iter()
            .any(|p| p.is_any(&["not", "below", "short", "shy", "never", "no"]))
    };
    let end = if w.is_any(&["record", "records"]) && !next(1, &["keeping", "keepers"]) {
        i + 1
    } else if w.is("all") && next(1, &["-"]) && next(2, &["time"]) {
        let k = if next(3, &["monthly"]) { 4 } else { 3 };
        if next(k, &["high", "highs"]) {
            i + k + 1
        } else {
            i + 3
        }
    } else if w.is("all") && next(1, &["time"]) {
        let k = if next(2, &["monthly"]) { 3 } else { 2 };
        if next(k, &["high", "highs"]) {
            i + k + 1
        } else {
            i + 2
        }
    } else if w.is_any(&["highest", "peak"]) {
        i + 1
    } else if w.is_any(&["historic", "historical"]) && next(1, &["high"]) {
        i + 2
    } else {
        return None;
    };
    (!negated(i)).then_some(end)
}
