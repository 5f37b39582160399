//! The brief as Markdown: the story with footnoted figures, the charts, then
//! one evidence table (a row per source observation) and the footnotes
//! naming the rows each figure rests on. Text from files is escaped.

use super::{
    ChartLinks, appendix, figure_line, file_name, footnote_number, heading, row_runs, row_value,
};
use crate::escape;
use crate::{Brief, Paragraph, Span};

fn paragraph(p: &Paragraph) -> String {
    p.spans
        .iter()
        .map(|s| match s {
            Span::Text { text } | Span::Label { text } => escape::markdown(text),
            Span::Figure { text, evidence } => {
                format!("{}[^{}]", escape::markdown(text), footnote_number(evidence))
            }
        })
        .collect()
}

fn cell(s: &str) -> String {
    escape::markdown(s)
}

/// The brief as Markdown: story first, figures footnoted; the footnotes
/// and one table of source observations at the end.
pub fn markdown(brief: &Brief, charts: ChartLinks<'_>) -> String {
    let mut out = format!("# {}\n\n", escape::markdown(&heading(brief)));
    for section in &brief.sections {
        if !section.heading.is_empty() {
            out.push_str(&format!("## {}\n\n", escape::markdown(&section.heading)));
        }
        let bullet = section.id == "notes";
        for p in &section.paragraphs {
            if bullet {
                out.push_str(&format!("- {}\n", paragraph(p)));
            } else {
                out.push_str(&format!("{}\n\n", paragraph(p)));
            }
        }
        if bullet {
            out.push('\n');
        }
    }
    out.push_str("## Charts\n\n");
    match charts {
        ChartLinks::None => out.push_str(
            "Charts are written only with `--out DIR` (as SVG and PNG files next to the brief).\n\n",
        ),
        ChartLinks::Files(files) => {
            for f in files {
                out.push_str(&format!(
                    "![{}]({})\n\n",
                    escape::markdown(&f.chart.alt(&brief.charts)),
                    escape::url(&file_name(&f.png))
                ));
                out.push_str(&format!(
                    "SVG: [{}]({})\n\n",
                    escape::markdown(&file_name(&f.svg)),
                    escape::url(&file_name(&f.svg))
                ));
            }
        }
    }
    out.push_str(&format!("*{}*\n\n", escape::markdown(&brief.closing)));
    let a = appendix(brief);
    out.push_str("## Evidence\n\n");
    out.push_str(&format!(
        "Each footnoted figure says how it was computed and which rows of this table it rests \
         on. Values in {}, as released on {}.\n\n",
        escape::markdown(&brief.unit),
        brief.vintage
    ));
    out.push_str("| Row | Series | Month | Value | Status | Released | Source |\n");
    out.push_str("| ---: | --- | --- | ---: | --- | --- | --- |\n");
    for (i, r) in a.rows.iter().enumerate() {
        let source = if r.source_url.is_empty() {
            cell(&r.note)
        } else {
            format!("<{}>", escape::url(&r.source_url))
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            cell(&r.series),
            r.period,
            row_value(r),
            r.status,
            r.release_date,
            source
        ));
    }
    out.push('\n');
    for (e, rows) in brief.evidence.iter().zip(&a.uses) {
        let mut line = escape::markdown(&figure_line(e));
        if !rows.is_empty() {
            let runs: Vec<String> = row_runs(rows)
                .into_iter()
                .map(|(a, b)| {
                    if a == b {
                        a.to_string()
                    } else {
                        format!("{a}–{b}")
                    }
                })
                .collect();
            line.push_str(&format!(
                " {} {}.",
                if rows.len() == 1 { "Row" } else { "Rows" },
                runs.join(", ")
            ));
        }
        out.push_str(&format!("[^{}]: {line}\n", footnote_number(&e.id)));
    }
    out
}
