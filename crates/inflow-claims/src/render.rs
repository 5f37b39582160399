//! The terminal form of a report.

use std::fmt::Write;

use crate::Report;

impl Report {
    /// Renders the report for a terminal: each sentence that has claims,
    /// with the claims marked `[1: $310 million]`, then one line per claim
    /// with its verdict and explanation, then a tally.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let mut n = 0;
        // Group claims by sentence in one pass: filtering all claims for
        // each sentence is quadratic, which a 1 MB text makes visible.
        let mut by_sentence: Vec<Vec<&crate::Claim>> = vec![Vec::new(); self.sentences.len()];
        for c in &self.claims {
            if let Some(v) = by_sentence.get_mut(c.sentence_index) {
                v.push(c);
            }
        }
        for (s, claims) in self.sentences.iter().zip(by_sentence) {
            let first = n + 1;
            // Mark claims in the sentence, skipping any that overlap one
            // already marked.
            let mut marked = String::new();
            let mut pos = s.span[0];
            for (k, c) in claims.iter().enumerate() {
                let [a, b] = c.span;
                if a < pos || b > s.span[1] {
                    continue;
                }
                marked.push_str(&s.text[pos - s.span[0]..a - s.span[0]]);
                let _ = write!(
                    marked,
                    "[{}: {}]",
                    first + k,
                    &s.text[a - s.span[0]..b - s.span[0]]
                );
                pos = b;
            }
            marked.push_str(&s.text[pos - s.span[0]..]);
            let _ = writeln!(out, "{}", marked.replace('\n', " "));
            for c in claims {
                n += 1;
                let what = [c.period.as_deref(), c.series.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                let _ = writeln!(
                    out,
                    "  [{n}] {:<12} {} ({}{}{}): {}",
                    c.verdict.as_str(),
                    c.text,
                    c.kind.as_str(),
                    if what.is_empty() { "" } else { ", " },
                    what,
                    c.explanation
                );
            }
            out.push('\n');
        }
        let tally: Vec<String> = [
            crate::Verdict::Supported,
            crate::Verdict::Contradicted,
            crate::Verdict::UnitError,
            crate::Verdict::Inconsistent,
            crate::Verdict::Unverifiable,
            crate::Verdict::Forecast,
        ]
        .into_iter()
        .filter_map(|v| {
            let k = self.count(v);
            (k > 0).then(|| format!("{k} {}", v.as_str()))
        })
        .collect();
        let _ = writeln!(
            out,
            "{} claims{}{}",
            self.claims.len(),
            if tally.is_empty() { "" } else { ": " },
            tally.join(", ")
        );
        if let Some(t) = &self.truncated {
            let _ = writeln!(
                out,
                "stopped after {} claims, at byte {}: the rest of the text was not checked",
                t.limit, t.at
            );
        }
        out
    }
}
