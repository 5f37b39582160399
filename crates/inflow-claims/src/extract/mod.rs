//! Finding amounts, percentages, series and cues in one sentence.
//!
//! Every matcher looks a bounded number of tokens around its anchor, so a
//! sentence of `n` tokens costs `O(n)` here.

mod amount;
mod subject;

use amount::*;
use subject::*;
pub(crate) use subject::{FlowRef, SeriesRef};

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
    /// No currency is written ("grew by 14.75 million"): taken to be the
    /// series' own. Only changes are read this way; a bare "2.3 million"
    /// elsewhere is as likely people as money.
    pub implied_cur: bool,
    /// A level reached by a stated change ("increased to $X" 1, "fell to
    /// $X" -1; 0 when none is said), checked against the text's own base.
    pub reached: f64,
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
    /// A change in percentage points comes just before ("rose 3.2
    /// percentage points to 42.6 percent"): the percentage is the level of
    /// a rate or a share, not a growth rate.
    pub after_points: bool,
    /// A share given as the comparison's base ("46% ..., up from 45.5% a
    /// year earlier"): judged in the base period.
    pub base_share: bool,
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
    /// Where those cues stand, so that a sentence saying both ("fell 3%
    /// month-on-month but rose 14% year-on-year") gives each figure the
    /// one nearest it.
    pub mom_at: Vec<usize>,
    pub yoy_at: Vec<usize>,
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
            f.mom_at.push(i);
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
            f.yoy_at.push(i);
        }
        i += 1;
    }
    group_component_lists(&mut f.series);
    join_ranges(t, &mut f.amounts);
    mark_base_shares(t, &mut f.percents);
    f
}

/// "made up 46% of services exports ..., up from 45.5% a year earlier": a
/// percentage named as the base after a share is the same share in the
/// base period, not a growth rate.
fn mark_base_shares(t: &[Token<'_>], percents: &mut [Percent]) {
    for k in 1..percents.len() {
        let p = percents[k];
        if p.share || !percents[..k].iter().any(|q| q.share && !q.base_share) {
            continue;
        }
        let lo = p.first_tok.saturating_sub(3);
        let after_cue = t[lo..p.first_tok]
            .iter()
            .any(|w| w.is_any(&["from", "than", "against", "compared", "versus", "vs"]));
        if after_cue {
            percents[k].share = true;
            percents[k].base_share = true;
        }
    }
}

/// "between $300 million and $350 million (a month)": one range, its ends
/// a lower and an upper bound on the same figure, sharing what follows the
/// second ("a month", "a day").
fn join_ranges(t: &[Token<'_>], amounts: &mut [Amount]) {
    for k in 1..amounts.len() {
        let (a, b) = (amounts[k - 1], amounts[k]);
        let between = a.first_tok > 0 && t[a.first_tok - 1].is("between");
        let joined = b.first_tok == a.end_tok + 1
            && t.get(a.end_tok)
                .is_some_and(|w| w.is("and") || w.is_dash() || w.is("to"));
        if !(between && joined) || a.cur != b.cur || a.forecast != b.forecast {
            continue;
        }
        let lo = &mut amounts[k - 1];
        lo.qual = Qual::AtLeast;
        lo.role = Role::Level;
        lo.per_day = b.per_day;
        lo.per_month = b.per_month;
        let hi = &mut amounts[k];
        hi.qual = Qual::AtMost;
        hi.role = Role::Level;
    }
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
        // "30 percent of that month's IT exports", "46% of the total": a
        // percentage of something is a share, unless what follows is a
        // change ("a rise of 5% of ...") or a time.
        && t.get(end + 1).is_some_and(|w| {
            w.kind == Tok::Word
                && !w.is_any(lexicon::increase())
                && !w.is_any(lexicon::decrease())
                && !w.is_any(&["growth", "increase", "decrease", "decline", "change", "late"])
                && crate::period::month_at(t, end + 1).is_none()
        });
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
    let after_points = t[first.saturating_sub(4)..first]
        .iter()
        .any(|w| w.is_any(&["points", "point", "pp", "ppt", "bps"]));
    // "The share of ICT ... rose 3.2 percentage points to 42.6 percent".
    let share = share
        || after_points
            && t[..first]
                .iter()
                .any(|w| w.is_any(&["share", "proportion"]));
    Some(Percent {
        first_tok: first,
        end_tok: end,
        num,
        value: if after_points {
            num.value
        } else {
            sign * num.value
        },
        qual,
        share,
        directed,
        after_points,
        base_share: false,
    })
}

fn record_at(t: &[Token<'_>], i: usize) -> Option<usize> {
    let w = &t[i];
    let next = |k: usize, ws: &[&str]| t.get(i + k).is_some_and(|n| n.is_any(ws));
    let negated = |j: usize| {
        t[j.saturating_sub(3)..j]
            .iter()
            .any(|p| p.is_any(&["not", "below", "short", "shy", "never", "no"]))
    };
    // "the highest July figure on record": "on record" belongs to the
    // superlative before it, which is the claim (or is left alone).
    let on_record_of_superlative = w.is_any(&["record", "records"])
        && i > 0
        && t[i - 1].is("on")
        && t[i.saturating_sub(6)..i - 1]
            .iter()
            .any(|p| p.is_any(&["highest", "best", "largest", "strongest", "biggest", "peak"]));
    if on_record_of_superlative {
        return None;
    }
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
    // "the highest July figure on record" is a record among Julys, not an
    // all-time one; the checker does not judge records of one calendar
    // month, so the phrase is left alone rather than judged as all-time.
    let skip_ever = usize::from(t.get(end).is_some_and(|n| n.is("ever")));
    if crate::period::month_at(t, end + skip_ever).is_some() {
        return None;
    }
    (!negated(i)).then_some(end)
}
