//! Word lists kept as data (`lexicon/*.txt`): change verbs, forecast cues,
//! economies and statistics. Each list is parsed once, on first use; a word
//! added to a file needs no code change.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::scan::Token;

const VERBS: &str = include_str!("lexicon/verbs.txt");
const ECONOMIES: &str = include_str!("lexicon/economies.txt");
const STATISTICS: &str = include_str!("lexicon/statistics.txt");

fn content(line: &str) -> &str {
    line.split('#').next().unwrap_or("").trim()
}

/// The words of one `[section]` of `verbs.txt`.
fn section(name: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in VERBS.lines() {
        let line = content(line);
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            inside = s == name;
        } else if inside {
            out.extend(line.split_whitespace());
        }
    }
    out
}

macro_rules! word_list {
    ($(#[$doc:meta])* $fn:ident, $name:literal) => {
        $(#[$doc])*
        pub(crate) fn $fn() -> &'static [&'static str] {
            static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
            CELL.get_or_init(|| section($name))
        }
    };
}

word_list!(
    /// Words of a rise: "increased", "enhanced", "growth".
    increase,
    "increase"
);
word_list!(
    /// Words of a fall: "declined", "dipped", "contraction".
    decrease,
    "decrease"
);
word_list!(
    /// Verbs that take the change directly: "rose $119 million".
    change_verbs,
    "change_verb"
);
word_list!(
    /// Cues of a forward-looking figure: "expected", "target".
    forecast,
    "forecast"
);

/// An economy a text can name.
#[derive(Debug)]
pub(crate) struct EconomyName {
    /// ISO 3166 alpha-2 code, as in `SeriesMeta::economy`.
    pub code: &'static str,
    /// How to name it in an explanation.
    pub name: &'static str,
    words: Vec<&'static str>,
}

fn economies() -> &'static [EconomyName] {
    static CELL: OnceLock<Vec<EconomyName>> = OnceLock::new();
    CELL.get_or_init(|| {
        ECONOMIES
            .lines()
            .map(content)
            .filter(|l| !l.is_empty())
            .filter_map(|l| {
                let mut parts = l.split('|').map(str::trim);
                Some(EconomyName {
                    code: parts.next()?,
                    name: parts.next()?,
                    words: parts.next()?.split_whitespace().collect(),
                })
            })
            .collect()
    })
}

/// Whether token `t` is the lexicon word `w`: words written in capitals
/// (`IT`, `UK`) must match exactly, so that "it" is not IT; others ignore
/// case.
fn word_is(t: &Token<'_>, w: &str) -> bool {
    if w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()) {
        t.text == w
    } else {
        t.is(w)
    }
}

/// The economy a word names, if any: one hash lookup per word.
pub(crate) fn economy_of(t: &Token<'_>) -> Option<&'static EconomyName> {
    static INDEX: OnceLock<HashMap<String, Vec<(&'static str, &'static EconomyName)>>> =
        OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m: HashMap<String, Vec<_>> = HashMap::new();
        for e in economies() {
            for w in &e.words {
                m.entry(w.to_ascii_lowercase()).or_default().push((*w, e));
            }
        }
        m
    });
    index
        .get(&t.text.to_ascii_lowercase())?
        .iter()
        .find(|(w, _)| word_is(t, w))
        .map(|(_, e)| *e)
}

/// The name of the economy with ISO code `code`, else the code itself.
pub(crate) fn economy_name(code: &str) -> String {
    economies()
        .iter()
        .find(|e| e.code == code)
        .map_or_else(|| code.to_string(), |e| e.name.to_string())
}

/// A statistic a text can name.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Statistic {
    /// How to name it in an explanation.
    pub name: &'static str,
    /// EBOPS 2010 code, when the statistic has one.
    pub ebops: Option<&'static str>,
    /// The source's item number (SBP's `9.2.5`), when it has one.
    pub item: Option<&'static str>,
    phrases: Vec<Vec<&'static str>>,
}

pub(crate) fn statistics() -> &'static [Statistic] {
    static CELL: OnceLock<Vec<Statistic>> = OnceLock::new();
    CELL.get_or_init(|| {
        STATISTICS
            .lines()
            .map(content)
            .filter(|l| !l.is_empty())
            .filter_map(|l| {
                let mut parts = l.split('|').map(str::trim);
                let name = parts.next()?;
                let opt = |s: &'static str| (s != "-").then_some(s);
                let ebops = opt(parts.next()?);
                let item = opt(parts.next()?);
                let phrases = parts
                    .next()?
                    .split(';')
                    .map(|p| p.split_whitespace().collect::<Vec<_>>())
                    .filter(|p| !p.is_empty())
                    .collect();
                Some(Statistic {
                    name,
                    ebops,
                    item,
                    phrases,
                })
            })
            .collect()
    })
}

/// The statistic whose longest phrase starts at token `i`, and the token
/// after the phrase. Phrases are indexed by their first word, so a token
/// costs one hash lookup.
pub(crate) fn statistic_at(t: &[Token<'_>], i: usize) -> Option<(&'static Statistic, usize)> {
    type Index = HashMap<String, Vec<(&'static Statistic, &'static [&'static str])>>;
    static INDEX: OnceLock<Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m: Index = HashMap::new();
        for s in statistics() {
            for p in &s.phrases {
                m.entry(p[0].to_ascii_lowercase())
                    .or_default()
                    .push((s, p.as_slice()));
            }
        }
        m
    });
    let mut best: Option<(&'static Statistic, usize)> = None;
    for (s, p) in index.get(&t.get(i)?.text.to_ascii_lowercase())? {
        let fits = p
            .iter()
            .enumerate()
            .all(|(k, w)| t.get(i + k).is_some_and(|tok| word_is(tok, w)));
        if fits && best.is_none_or(|(_, end)| i + p.len() > end) {
            best = Some((s, i + p.len()));
        }
    }
    best
}

impl Statistic {
    /// Whether this is one of the three parts of ICT services (a list of
    /// them names the whole).
    pub fn is_ict_part(&self) -> bool {
        matches!(self.ebops, Some("SI1" | "SI2" | "SI3"))
    }
}

/// The statistic with EBOPS code `code`.
pub(crate) fn statistic_by_code(code: &str) -> Option<&'static Statistic> {
    statistics().iter().find(|s| s.ebops == Some(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse() {
        assert!(increase().contains(&"enhanced"));
        assert!(decrease().contains(&"plummeted"));
        assert!(change_verbs().contains(&"rose"));
        assert!(forecast().contains(&"expected"));
        assert!(
            economies()
                .iter()
                .any(|e| e.code == "IN" && e.words.contains(&"Indian"))
        );
        let free = statistics()
            .iter()
            .find(|s| s.item == Some("9.2.5"))
            .unwrap();
        assert!(free.phrases.iter().any(|p| p == &["freelancers"]));
        assert_eq!(
            statistic_by_code("SI2").map(|s| s.name),
            Some("computer services")
        );
    }
}
