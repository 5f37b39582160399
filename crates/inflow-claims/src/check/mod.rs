//! From sentences to verdicts: resolving periods and series, pairing the
//! text's own figures, and judging every claim against the data.

mod data;
mod forecast;
mod growth;
mod label;
mod length;
mod level;
mod record;
mod resolve;
mod tolerance;

use inflow_analytics::headline;
use std::collections::HashMap;

use inflow_core::{
    FiscalCalendar, MonthlySeries, Period, PublishedFigure, Scale, Vintage, YearMonth,
};

use crate::extract::{self, Amount, Cur, Found, Percent, Qual, Role, SeriesRef};
use crate::period::{self, ClaimPeriod, Mention, Spec};
use crate::scan::{self, Token};
use crate::{Claim, ClaimKind, Context, Evidence, Report, Sentence, Verdict};

use data::{Data, Point};
use tolerance::*;

/// Checks every claim in `text` against `ctx`.
///
/// Never fails and never panics: a claim that cannot be checked is
/// `unverifiable` with the reason. Runs in time linear in `text`.
pub fn check(text: &str, ctx: &Context<'_>) -> Report {
    let tokens = scan::tokenize(text);
    let data = Data::new(ctx);
    let mut report = Report::default();
    let mut prev_main: Option<ClaimPeriod> = None;
    // What the sentence before named: its statistic and its last level.
    let mut prev: Carried = Carried::default();
    // The economy a document is about carries from sentence to sentence
    // until another is named.
    let mut doc_economy: Option<&'static crate::lexicon::EconomyName> = None;
    for range in scan::sentences(&tokens) {
        let t = &tokens[range];
        let (Some(first), Some(last)) = (t.first(), t.last()) else {
            continue;
        };
        let sentence = Sentence {
            span: [first.start, last.end],
            text: text[first.start..last.end].to_string(),
        };
        let found = extract::find(t);
        if let Some((_, e)) = found.economies.first() {
            doc_economy = Some(*e);
        }
        let primary = data.primary(doc_economy.map(|e| e.code));
        let cal = primary.map_or(data.cal, |p| p.meta.fiscal);
        let mut s = SentenceCheck {
            t,
            text,
            data: &data,
            primary,
            economy: doc_economy,
            cal,
            mentions: period::mentions(t, cal),
            found,
            resolved: Vec::new(),
            main: None,
            claims: Vec::new(),
            sentence: &sentence.text,
            index: report.sentences.len(),
            recorded: Vec::new(),
            own_main: None,
            prev: prev.clone(),
        };
        s.resolve(prev_main);
        s.judge();
        // Context reaches one sentence ahead, no further.
        prev_main = s.own_main;
        prev = s.carried();
        if !s.claims.is_empty() {
            let mut claims = std::mem::take(&mut s.claims);
            claims.sort_by_key(|c| c.span[0]);
            report.claims.extend(claims);
            report.sentences.push(sentence);
        }
        if report.claims.len() >= crate::MAX_CLAIMS {
            let at = report
                .claims
                .get(crate::MAX_CLAIMS)
                .map_or(last.end, |c| c.span[0]);
            report.claims.truncate(crate::MAX_CLAIMS);
            report.truncated = Some(crate::Truncated {
                limit: crate::MAX_CLAIMS,
                at,
            });
            break;
        }
    }
    report
}

/// The unit evidence amounts are computed in, before
/// [`SentenceCheck::in_series_unit`] restates them.
const MILLIONS: &str = "USD million";

/// Everything needed to judge one sentence.
struct SentenceCheck<'s, 't> {
    t: &'s [Token<'t>],
    text: &'t str,
    data: &'s Data<'s>,
    /// The main series of the economy the sentence is about; `None` when
    /// the text names an economy with no series.
    primary: Option<&'s MonthlySeries>,
    /// The economy named in this sentence or an earlier one.
    economy: Option<&'static crate::lexicon::EconomyName>,
    /// The fiscal calendar of that economy.
    cal: FiscalCalendar,
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
    /// What the sentence before named.
    prev: Carried,
}

/// What a sentence passes to the next one, for claims whose own sentence
/// lacks it: the statistic named (taken up only by a sentence that opens
/// by pointing back: "It", "They", "This", "The figure") and the last level
/// stated.
#[derive(Clone, Debug, Default)]
struct Carried {
    series: Option<SeriesRef>,
    /// The last level (in millions, ± its rounding) and its words.
    level: Option<(f64, f64, String)>,
}

impl<'s> SentenceCheck<'s, '_> {
    /// The main series, or the context's when the text's economy has none
    /// (claims about it are then unverifiable, see [`Self::key_for`]).
    fn main_series(&self) -> &'s MonthlySeries {
        self.primary.unwrap_or(self.data.ctx.total)
    }

    /// What this sentence passes on: the statistic it names and its last
    /// level in US dollars.
    fn carried(&self) -> Carried {
        let series = self.found.series.last().map(|(_, s)| *s);
        let level = self
            .found
            .amounts
            .iter()
            .rfind(|a| {
                a.role == Role::Level && a.cur == Cur::Usd && !a.forecast && a.scale != Scale::Units
            })
            .map(|a| (a.millions(), a.half_millions(), self.text_of(a).to_string()))
            .or_else(|| {
                self.prev
                    .level
                    .clone()
                    .filter(|_| self.found.amounts.is_empty())
            });
        Carried { series, level }
    }

    /// An amount held in millions, written in the main series' scale
    /// (`2,593 million`, `32.8 billion`).
    fn money(&self, millions: f64) -> String {
        let scale = self.main_series().meta.unit.scale;
        let v = fmt_num(millions / (scale.factor() / 1e6));
        match scale.word() {
            "" => v,
            w => format!("{v} {w}"),
        }
    }

    /// Millions per unit of the main series' scale (1 for a USD million
    /// series, 1,000 for a billion one): amounts are held in millions and
    /// reported in the series' scale.
    fn per_unit(&self) -> f64 {
        self.main_series().meta.unit.scale.factor() / 1e6
    }

    /// Evidence amounts, held in millions, restated in the unit of the
    /// series consulted (`USD billion` for a billion series).
    fn in_series_unit(&self, mut ev: Evidence) -> Evidence {
        if ev.unit.as_deref() != Some(MILLIONS) {
            return ev;
        }
        let series = ev
            .series
            .as_deref()
            .and_then(|k| self.data.series(k))
            .unwrap_or(self.main_series());
        let unit = series.meta.unit;
        let f = unit.scale.factor() / 1e6;
        if f > 0.0 {
            ev.value = ev.value.map(|v| v / f);
            ev.expected = ev.expected.map(|v| v / f);
        }
        ev.unit = Some(unit.to_string());
        ev
    }

    /// The flow a claim at token `at` is about: the nearest flow word
    /// before it in the sentence, else after it; exports when none.
    fn flow_for(&self, at: usize) -> extract::FlowRef {
        let before = self.found.flows.iter().rev().find(|(p, _)| *p <= at);
        let after = self.found.flows.iter().find(|(p, _)| *p > at);
        before
            .or(after)
            .map_or(extract::FlowRef::Exports, |(_, f)| *f)
    }

    /// The key of the series a claim at token `at` about `sref` is judged
    /// against.
    ///
    /// # Errors
    /// Why there is none, naming the economy or the statistic, so that the
    /// claim is `unverifiable` rather than judged against the wrong series.
    fn key_for(&self, at: usize, sref: SeriesRef) -> Result<String, String> {
        let Some(primary) = self.primary else {
            let name = self.economy.map_or("this economy", |e| e.name);
            return Err(format!(
                "the text is about {name}, and no series of {name} is loaded"
            ));
        };
        let own = primary.meta.ebops.as_str();
        let stat = match sref {
            SeriesRef::Main => None,
            SeriesRef::Total if own == "SI" => None,
            SeriesRef::Total => crate::lexicon::statistic_by_code("SI"),
            SeriesRef::Component(s) if s.ebops == Some(own) => None,
            SeriesRef::Component(s) => Some(s),
            SeriesRef::Other(what) => {
                return Err(format!(
                    "the amount is about {what}, and no series for it is loaded"
                ));
            }
        };
        let publisher = self.found.publishers.first().map(|(_, p)| *p);
        self.data
            .find(primary, stat, self.flow_for(at), publisher)
            .map(|f| f.key())
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
            unit: Some(MILLIONS.to_string()),
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
        let evidence = self.in_series_unit(evidence);
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
        self.judge_period_labels();
    }

    fn written_unit(a: &Amount) -> String {
        let cur = match a.cur {
            Cur::Usd => "USD",
            Cur::Pkr => "PKR",
        };
        match a.scale {
            // "grew by 14.75 million": no currency written.
            s if a.implied_cur => s.word().to_string(),
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
}

enum Pending {
    Amount(Amount),
    Percent(Percent),
    Record(usize, usize),
}
