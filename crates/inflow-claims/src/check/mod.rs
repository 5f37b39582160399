//! From sentences to verdicts: resolving periods and series, pairing the
//! text's own figures, and judging every claim against the data.

mod data;
mod forecast;
mod growth;
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
}

enum Pending {
    Amount(Amount),
    Percent(Percent),
    Record(usize, usize),
}
