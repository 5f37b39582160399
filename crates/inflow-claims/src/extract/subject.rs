//! What a claim is about: the statistic named (from the lexicon), the
//! flow, the economy as reporter or as market, the publisher.

use super::*;

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
pub(super) const PUBLISHERS: &[(&[&str], &str)] = &[
    (&["PBS"], "Pakistan Bureau of Statistics"),
    (&["SBP"], "State Bank of Pakistan"),
    (&["RBI"], "Reserve Bank of India"),
];

pub(super) fn flow_at(t: &[Token<'_>], i: usize) -> Option<FlowRef> {
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
pub(super) fn is_partner(t: &[Token<'_>], i: usize) -> bool {
    let before = |k: usize| i >= k && t[i - k].is_any(&["to", "from", "with"]);
    let the = i >= 1 && t[i - 1].is("the");
    before(1) || (the && before(2))
}

pub(super) fn series_at(t: &[Token<'_>], i: usize) -> Option<(SeriesRef, usize)> {
    let w = &t[i];
    if w.kind != Tok::Word {
        return None;
    }
    if let Some((s, mut end)) = lexicon::statistic_at(t, i)
        && !qualified_services(t, i, s)
    {
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
pub(super) fn group_component_lists(series: &mut Vec<(usize, SeriesRef)>) {
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

/// "services exports" names total services only on its own ("Pakistan's
/// services exports", "overall, services exports"): after a qualifier
/// ("IT-enabled services exports", "software services exports") the
/// services are that qualifier's.
fn qualified_services(t: &[Token<'_>], i: usize, s: &Statistic) -> bool {
    const ALONE_AFTER: &[&str] = &[
        "the",
        "its",
        "their",
        "s",
        "total",
        "overall",
        "country",
        "national",
        "of",
        "and",
        "in",
        "on",
        "that",
        "while",
        "as",
        "whose",
        "whereas",
        "but",
        "with",
        "to",
        "for",
        "gross",
        "aggregate",
        "pakistan",
        "where",
        "when",
        "how",
        "all",
        "whole",
    ];
    if s.ebops != Some("S") || !t[i].is_any(&["services", "exports", "export", "imports", "import"])
    {
        return false;
    }
    let Some(p) = i.checked_sub(1).map(|j| &t[j]) else {
        return false;
    };
    match p.kind {
        Tok::Word => !p.is_any(ALONE_AFTER) && lexicon::economy_of(p).is_none(),
        _ => p.is_dash(),
    }
}
