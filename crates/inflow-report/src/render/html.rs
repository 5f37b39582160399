//! The brief as one self-contained HTML file: the story in `#story`, the
//! charts inline as SVG, and the evidence folded into a `<details>` (the
//! figures' list and one table of source observations).

use super::{appendix, figure_line, footnote_number, heading, row_runs, row_value};
use crate::chart::{self, Chart};
use crate::escape::html as esc;
use crate::{Brief, Error, Paragraph, Span};

fn paragraph(brief: &Brief, p: &Paragraph) -> String {
    p.spans
        .iter()
        .map(|s| match s {
            Span::Text { text } | Span::Label { text } => esc(text),
            Span::Figure { text, evidence } => {
                let title = brief
                    .evidence(evidence)
                    .map(figure_line)
                    .unwrap_or_default();
                format!(
                    "<a class=\"fig\" href=\"#{evidence}\" title=\"{}\">{}</a><sup>{}</sup>",
                    esc(&title),
                    esc(text),
                    footnote_number(evidence)
                )
            }
        })
        .collect()
}

/// Makes a plotters SVG scale to its container: a `viewBox` instead of a
/// fixed size.
fn responsive_svg(svg: &str) -> String {
    // plotters writes `width` and `height` next to its own `viewBox`.
    let fixed = format!("width=\"{}\" height=\"{}\"", chart::WIDTH, chart::HEIGHT);
    let svg = svg.replacen(&fixed, "width=\"100%\"", 1);
    // Drop any XML declaration: the SVG is embedded in HTML.
    match svg.find("<svg") {
        Some(i) => svg[i..].to_string(),
        None => svg,
    }
}

/// The host of a URL, as the visible text of its link.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

const CSS: &str = "body{font-family:-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;\
max-width:46rem;margin:0 auto;padding:1rem;line-height:1.5;color:#222;font-size:1.05rem;overflow-wrap:anywhere}\
h1{font-size:1.45rem;line-height:1.25;margin:.4rem 0 .8rem}h2{font-size:1.1rem;margin:1.2rem 0 .3rem}\
p{margin:.4rem 0}ul{margin:.3rem 0;padding-left:1.2rem}\
#story .notes{font-size:.9rem;color:#444}\
a.fig{color:#1f5c99;text-decoration:none;border-bottom:1px dotted #1f5c99;font-weight:600}\
sup{font-size:.65em;color:#666}figure{margin:1.2rem 0}svg{height:auto;max-width:100%}\
figcaption{font-size:.9rem;color:#555}details{margin-top:1.5rem;font-size:.85rem;color:#444}\
summary{cursor:pointer;font-weight:600;font-size:1rem}ol.evidence{padding-left:1.6rem}\
ol.evidence li:target,tr:target{background:#fff3c4}.closing{font-style:italic;color:#555}\
table.obs{border-collapse:collapse;width:100%;table-layout:fixed}\
table.obs th,table.obs td{text-align:left;padding:2px 4px;border-bottom:1px solid #eee;\
overflow-wrap:anywhere}table.obs td.n{text-align:right}";

/// The brief as one self-contained HTML file: no external resources, charts
/// inline as SVG, figures linked to their evidence (with a tooltip).
///
/// # Errors
/// [`Error::Chart`] when a chart cannot be drawn.
pub fn html(brief: &Brief, style: &chart::Style) -> Result<String, Error> {
    let mut out =
        String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", esc(&heading(brief))));
    out.push_str(&format!("<style>{CSS}</style>\n</head>\n<body>\n"));
    out.push_str("<article id=\"story\">\n");
    out.push_str(&format!("<h1>{}</h1>\n", esc(&heading(brief))));
    for section in &brief.sections {
        out.push_str(&format!("<section class=\"{}\">\n", section.id));
        if !section.heading.is_empty() {
            out.push_str(&format!("<h2>{}</h2>\n", esc(&section.heading)));
        }
        if section.id == "notes" {
            out.push_str("<ul>\n");
            for p in &section.paragraphs {
                out.push_str(&format!("<li>{}</li>\n", paragraph(brief, p)));
            }
            out.push_str("</ul>\n");
        } else {
            for p in &section.paragraphs {
                out.push_str(&format!("<p>{}</p>\n", paragraph(brief, p)));
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</article>\n<section id=\"charts\">\n<h2>Charts</h2>\n");
    for c in Chart::available(&brief.charts) {
        let svg = chart::svg(&brief.charts, c, style)?;
        out.push_str(&format!(
            "<figure role=\"img\" aria-label=\"{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
            esc(&c.alt(&brief.charts)),
            responsive_svg(&svg),
            esc(&c.alt(&brief.charts))
        ));
    }
    out.push_str("</section>\n");
    out.push_str(&format!(
        "<p class=\"closing\">{}</p>\n",
        esc(&brief.closing)
    ));
    let a = appendix(brief);
    out.push_str(&format!(
        "<details id=\"evidence\">\n<summary>Evidence: {} figures from {} source observations</summary>\n",
        brief.evidence.len(),
        a.rows.len()
    ));
    out.push_str(&format!(
        "<p>Values in {}, as released on {}. Each figure names the rows of the table below it rests on.</p>\n<ol class=\"evidence\">\n",
        esc(&brief.unit),
        brief.vintage
    ));
    for (e, rows) in brief.evidence.iter().zip(&a.uses) {
        out.push_str(&format!(
            "<li id=\"{}\" value=\"{}\">{}",
            esc(&e.id),
            footnote_number(&e.id),
            esc(&figure_line(e))
        ));
        if !rows.is_empty() {
            let runs: Vec<String> = row_runs(rows)
                .into_iter()
                .map(|(a, b)| {
                    if a == b {
                        format!("<a href=\"#o{a}\">{a}</a>")
                    } else {
                        format!("<a href=\"#o{a}\">{a}</a>–<a href=\"#o{b}\">{b}</a>")
                    }
                })
                .collect();
            out.push_str(&format!(
                " {} {}.",
                if rows.len() == 1 { "Row" } else { "Rows" },
                runs.join(", ")
            ));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n<table class=\"obs\">\n<thead><tr><th style=\"width:2.2em\">Row</th><th style=\"width:4.5em\">Month</th><th style=\"width:4em\">Value</th><th>Status, released</th><th>Source</th></tr></thead>\n<tbody>\n");
    for (i, r) in a.rows.iter().enumerate() {
        let source = if r.source_url.is_empty() {
            esc(&r.note)
        } else {
            format!(
                "<a href=\"{}\" title=\"{}\">{}</a>",
                esc(&r.source_url),
                esc(&r.source_url),
                esc(host(&r.source_url))
            )
        };
        out.push_str(&format!(
            "<tr id=\"o{n}\"><td class=\"n\">{n}</td><td>{}</td><td class=\"n\">{}</td><td>{}, {}</td><td>{source}</td></tr>\n",
            r.period,
            row_value(r),
            r.status,
            r.release_date,
            n = i + 1,
        ));
    }
    out.push_str("</tbody>\n</table>\n</details>\n</body>\n</html>\n");
    Ok(out)
}
