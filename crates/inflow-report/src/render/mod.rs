//! The brief written out: Markdown (figures footnoted), HTML (figures
//! linked, charts inline, evidence folded away), plain text for a wire
//! story, and JSON (figures referenced).
//!
//! Every form puts the story first and the evidence last, in one compact
//! appendix: one row per source observation, each figure naming the rows it
//! rests on instead of repeating them.

mod html;
mod json;
mod markdown;
mod text;

pub use html::html;
pub use json::{BriefChart, BriefJson, json};
pub use markdown::markdown;
pub use text::text;

use inflow_core::{Date, ObsStatus, YearMonth};

use crate::chart::ChartFile;
use crate::fmt::plain;
use crate::{Brief, Evidence};

/// Where the charts are, for the Markdown and JSON forms: written files to
/// link, or none (the text then says how to get them).
#[derive(Clone, Copy, Debug)]
pub enum ChartLinks<'a> {
    /// Charts were not written.
    None,
    /// Charts written to these files (linked by file name, relative to the
    /// brief's own file in the same directory).
    Files(&'a [ChartFile]),
}

pub(crate) fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub(crate) fn heading(brief: &Brief) -> String {
    format!("{} — {}", brief.title, brief.month.long_label())
}

/// One source observation of the appendix.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Row {
    pub series: String,
    pub period: YearMonth,
    pub value: Option<f64>,
    pub status: ObsStatus,
    pub release_date: Date,
    pub source_url: String,
    pub note: String,
}

/// The observations every figure rests on, each once, and for each
/// evidence (in order) the 1-based rows it uses.
pub(crate) struct Appendix {
    pub rows: Vec<Row>,
    pub uses: Vec<Vec<usize>>,
}

pub(crate) fn appendix(brief: &Brief) -> Appendix {
    let mut rows: Vec<Row> = Vec::new();
    for e in &brief.evidence {
        for o in &e.observations {
            let row = Row {
                series: e.series.clone(),
                period: o.period,
                value: o.value,
                status: o.status,
                release_date: o.release_date,
                source_url: o.source_url.clone(),
                note: o.note.clone(),
            };
            if !rows.contains(&row) {
                rows.push(row);
            }
        }
    }
    rows.sort_by(|a, b| {
        (&a.series, a.period, a.release_date).cmp(&(&b.series, b.period, b.release_date))
    });
    let uses = brief
        .evidence
        .iter()
        .map(|e| {
            let mut u: Vec<usize> = e
                .observations
                .iter()
                .filter_map(|o| {
                    rows.iter().position(|r| {
                        r.series == e.series
                            && r.period == o.period
                            && r.release_date == o.release_date
                            && r.value == o.value
                            && r.source_url == o.source_url
                    })
                })
                .map(|i| i + 1)
                .collect();
            u.sort_unstable();
            u.dedup();
            u
        })
        .collect();
    Appendix { rows, uses }
}

/// Row numbers as runs: `3–12, 15`.
///
/// ```ignore
/// assert_eq!(row_runs(&[3, 4, 5, 9]), "3–5, 9");
/// ```
pub(crate) fn row_runs(rows: &[usize]) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &r in rows {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == r => *end = r,
            _ => runs.push((r, r)),
        }
    }
    runs
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(crate) fn footnote_number(id: &str) -> &str {
    id.trim_start_matches('n')
}

/// What a figure is and how it was computed, without its observations
/// (those are rows of the appendix). Text from files is not in it: the
/// `what` and the computation are written by inflow.
pub(crate) fn figure_line(e: &Evidence) -> String {
    let mut s = format!(
        "{}: {} ({} {}, {}).",
        capitalise(&e.what),
        e.text,
        plain(e.value),
        e.unit,
        e.periods
    );
    if let Some(c) = &e.computation {
        s.push_str(&format!(" {}.", capitalise(c)));
    }
    s
}

/// How a row is sourced, for a reader: the URL, else the note.
pub(crate) fn row_value(r: &Row) -> String {
    r.value.map_or("no value".to_string(), plain)
}

#[cfg(test)]
mod tests {
    use super::row_runs;

    #[test]
    fn runs_of_rows() {
        assert_eq!(row_runs(&[3, 4, 5, 9]), vec![(3, 5), (9, 9)]);
        assert!(row_runs(&[]).is_empty());
    }
}
