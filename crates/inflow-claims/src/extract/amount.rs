//! Sums of money: currency, scale, hedge, and role (a level, the base
//! compared with, or a difference), with the cues around them.

use super::*;

pub(super) fn amount_at(t: &[Token<'_>], i: usize) -> Option<Amount> {
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
    let implied_cur = cur.is_none();
    if implied_cur && (scale == Scale::Units || !ends_figure(t.get(end))) {
        return None;
    }
    let cur = cur.unwrap_or(Cur::Usd);
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
        reached: 0.0,
        implied_cur,
    };
    classify(t, &mut a);
    // "grew by 14.75 million": a change with no currency is money only
    // when a change verb governs it.
    if implied_cur && a.role != Role::Diff {
        return None;
    }
    Some(a)
}

/// Whether the token after "14.75 million" ends the figure rather than
/// naming what is counted ("2.3 million freelancers", "5 million jobs").
fn ends_figure(next: Option<&Token<'_>>) -> bool {
    const AFTER: &[&str] = &[
        "in",
        "on",
        "from",
        "to",
        "during",
        "over",
        "against",
        "compared",
        "as",
        "year",
        "this",
        "last",
        "for",
        "while",
        "and",
        "which",
        "that",
        "yoy",
        "mom",
        "year-on-year",
        "month-on-month",
        "when",
        "between",
        "since",
        "till",
        "until",
        "by",
        "at",
        "with",
        "or",
        "but",
        "than",
        "after",
        "before",
        "through",
        "within",
        "per",
        "a",
    ];
    next.is_none_or(|n| n.kind != Tok::Word || n.is_any(AFTER))
}

/// Index of the word before `i` after skipping articles and hedges, with
/// the hedge found.
pub(super) fn look_back(t: &[Token<'_>], i: usize) -> (Option<usize>, Qual) {
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
        if w.is("than") && prev_is(&["more", "less", "fewer"]) && comparative_of_rate(t, j) {
            // "17.4 percent more than the $1,944 million": the base of a
            // rate, not a hedge on the amount.
            return (Some(j), qual);
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

/// Whether "more than" / "less than" ending at `than` follows a rate or
/// a multiple ("40.7pc more than", "twice as much", "3 times more than"),
/// making what follows a comparison base rather than a bound.
fn comparative_of_rate(t: &[Token<'_>], than: usize) -> bool {
    than >= 2
        && t[than - 2].is_any(&[
            "%",
            "percent",
            "pc",
            "pct",
            "cent",
            "times",
            "fold",
            "percentage",
        ])
}

pub(super) fn is_clause_break(t: &Token<'_>) -> bool {
    matches!(
        t.text,
        "," | ";" | ":" | "(" | ")" | "—" | "–" | "." | "!" | "?" | "\u{201c}" | "\u{201d}"
    )
}

/// Whether the number at `k` is a figure (an amount or a percentage)
/// rather than part of a period such as `FY23`.
pub(super) fn is_figure(t: &[Token<'_>], k: usize) -> bool {
    t[k].kind == Tok::Number
        && (k > 0 && t[k - 1].text == "$"
            || t.get(k + 1).is_some_and(|n| {
                n.text == "%" || n.is_any(&["percent", "pc", "per"]) || scale_word(n).is_some()
            }))
}

pub(super) fn classify(t: &[Token<'_>], a: &mut Amount) {
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
            // Otherwise "from $X to $Y", "rose to $Y": a level, reached by
            // the change named just before ("declined slightly to $Y").
            let lo = prev.unwrap_or(0).saturating_sub(2);
            for w in t[lo..prev.unwrap_or(0)].iter().rev() {
                if w.is_any(lexicon::increase()) {
                    a.reached = 1.0;
                    break;
                }
                if w.is_any(lexicon::decrease()) {
                    a.reached = -1.0;
                    break;
                }
            }
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
                let hedge = w.is("than")
                    && j > 0
                    && t[j - 1].is_any(&["more", "less", "fewer"])
                    && !comparative_of_rate(t, j);
                // "exports of $2.97bn against imports of $422mn": two flows
                // set side by side, not a comparison base in time.
                let pairing = w.is_any(&["against", "versus", "vs"])
                    && t.get(j + 1).is_some_and(|n| {
                        n.is_any(&[
                            "imports", "import", "exports", "export", "payments", "receipts",
                            "outflows", "inflows",
                        ])
                    });
                if !hedge && !pairing {
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

pub(super) fn classify_tail(t: &[Token<'_>], a: &mut Amount) {
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
    // Forward-looking: a cue within ten tokens before, in the sentence, or
    // the amount named as a goal ("the $5.2 billion target").
    let before = &t[lo..a.first_tok];
    a.forecast = n.is_some_and(|w| w.is_any(&["target", "targets", "goal", "goals"]))
        // "a shortfall of $600 million": a gap to a goal, not a level.
        || before
            .iter()
            .rev()
            .take(3)
            .any(|w| w.is_any(&["shortfall", "short"]))
        || before
            .iter()
            .any(|w| w.kind == Tok::Word && (w.is_any(lexicon::forecast()) || w.text == "may"))
        || before
            .windows(2)
            .any(|w| (w[0].is("set") && w[1].is("to")) || (w[0].is("on") && w[1].is("track")));
}
