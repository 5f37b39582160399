//! The brief as Markdown (figures footnoted), HTML (figures linked, with a
//! tooltip, charts inline) and JSON (figures referenced).

use serde::Serialize;

use crate::chart::{self, Chart, ChartFile};
use crate::fmt::plain;
use crate::{Brief, Error, Evidence, Paragraph, Span};

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

fn file_name(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn heading(brief: &Brief) -> String {
    format!("{} — {}", brief.title, brief.month.long_label())
}

/// One line describing an evidence: what, value, periods, vintage,
/// computation and the observations with their sources.
fn evidence_line(e: &Evidence, with_urls: bool) -> String {
    let mut s = format!(
        "{}: {} ({} {}); {}, {}, as released on {}.",
        capitalise(&e.what),
        e.text,
        plain(e.value),
        e.unit,
        e.series,
        e.periods,
        e.vintage
    );
    if let Some(c) = &e.computation {
        s.push_str(&format!(" Computation: {c}."));
    }
    if !e.observations.is_empty() {
        let obs: Vec<String> = e
            .observations
            .iter()
            .map(|o| {
                let v = o.value.map_or("no value".to_string(), plain);
                let src = if o.source_url.is_empty() {
                    if o.note.is_empty() {
                        "no source page".to_string()
                    } else {
                        format!("note: {}", o.note)
                    }
                } else if with_urls {
                    format!("<{}>", o.source_url)
                } else {
                    o.source_url.clone()
                };
                format!(
                    "{} = {v} ({}, released {}, {src})",
                    o.period, o.status, o.release_date
                )
            })
            .collect();
        s.push_str(&format!(" Observations: {}.", obs.join("; ")));
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn footnote_number(id: &str) -> &str {
    id.trim_start_matches('n')
}

fn md_paragraph(p: &Paragraph) -> String {
    p.spans
        .iter()
        .map(|s| match s {
            Span::Text { text } | Span::Label { text } => text.clone(),
            Span::Figure { text, evidence } => {
                format!("{text}[^{}]", footnote_number(evidence))
            }
        })
        .collect()
}

/// The brief as Markdown: figures carry footnotes that give their evidence.
pub fn markdown(brief: &Brief, charts: ChartLinks<'_>) -> String {
    let mut out = format!("# {}\n\n", heading(brief));
    for section in &brief.sections {
        if !section.heading.is_empty() {
            out.push_str(&format!("## {}\n\n", section.heading));
        }
        let bullet = section.id == "notes";
        for p in &section.paragraphs {
            if bullet {
                out.push_str(&format!("- {}\n", md_paragraph(p)));
            } else {
                out.push_str(&format!("{}\n\n", md_paragraph(p)));
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
                    f.chart.alt(&brief.charts),
                    file_name(&f.png)
                ));
                out.push_str(&format!("SVG: [{}]({})\n\n", file_name(&f.svg), file_name(&f.svg)));
            }
        }
    }
    out.push_str(&format!("*{}*\n\n", brief.closing));
    for e in &brief.evidence {
        out.push_str(&format!(
            "[^{}]: {}\n",
            footnote_number(&e.id),
            evidence_line(e, true)
        ));
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html_paragraph(brief: &Brief, p: &Paragraph) -> String {
    p.spans
        .iter()
        .map(|s| match s {
            Span::Text { text } | Span::Label { text } => esc(text),
            Span::Figure { text, evidence } => {
                let title = brief
                    .evidence(evidence)
                    .map(|e| evidence_line(e, false))
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

const CSS: &str = "body{font-family:-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;\
max-width:46rem;margin:0 auto;padding:1rem;line-height:1.55;color:#222;font-size:1.05rem}\
h1{font-size:1.5rem;line-height:1.25}h2{font-size:1.2rem;margin-top:1.8rem}\
a.fig{color:#1f5c99;text-decoration:none;border-bottom:1px dotted #1f5c99;font-weight:600}\
sup{font-size:.7em;color:#666}figure{margin:1.2rem 0}svg{height:auto;max-width:100%}\
figcaption{font-size:.9rem;color:#555}ol.evidence{font-size:.85rem;color:#444;word-break:break-word}\
ol.evidence li:target{background:#fff3c4}.closing{font-style:italic;color:#555}";

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
    out.push_str(&format!("<h1>{}</h1>\n", esc(&heading(brief))));
    for section in &brief.sections {
        if !section.heading.is_empty() {
            out.push_str(&format!("<h2>{}</h2>\n", esc(&section.heading)));
        }
        if section.id == "notes" {
            out.push_str("<ul>\n");
            for p in &section.paragraphs {
                out.push_str(&format!("<li>{}</li>\n", html_paragraph(brief, p)));
            }
            out.push_str("</ul>\n");
        } else {
            for p in &section.paragraphs {
                out.push_str(&format!("<p>{}</p>\n", html_paragraph(brief, p)));
            }
        }
    }
    out.push_str("<h2>Charts</h2>\n");
    for c in Chart::available(&brief.charts) {
        let svg = chart::svg(&brief.charts, c, style)?;
        out.push_str(&format!(
            "<figure role=\"img\" aria-label=\"{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
            esc(&c.alt(&brief.charts)),
            responsive_svg(&svg),
            esc(&c.alt(&brief.charts))
        ));
    }
    out.push_str(&format!(
        "<p class=\"closing\">{}</p>\n",
        esc(&brief.closing)
    ));
    out.push_str("<h2>Evidence</h2>\n<ol class=\"evidence\">\n");
    for e in &brief.evidence {
        out.push_str(&format!(
            "<li id=\"{}\" value=\"{}\">{}",
            e.id,
            footnote_number(&e.id),
            esc(&evidence_line(e, false))
        ));
        let urls: Vec<&str> = {
            let mut u: Vec<&str> = e
                .observations
                .iter()
                .map(|o| o.source_url.as_str())
                .filter(|u| !u.is_empty())
                .collect();
            u.sort_unstable();
            u.dedup();
            u
        };
        if !urls.is_empty() {
            out.push_str(" Sources: ");
            let links: Vec<String> = urls
                .iter()
                .map(|u| format!("<a href=\"{}\">{}</a>", esc(u), esc(u)))
                .collect();
            out.push_str(&links.join(", "));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</body>\n</html>\n");
    Ok(out)
}

#[derive(Serialize)]
struct JsonBrief<'a> {
    #[serde(flatten)]
    brief: &'a Brief,
    charts: Vec<JsonChart>,
}

#[derive(Serialize)]
struct JsonChart {
    name: &'static str,
    alt: String,
    svg: Option<String>,
    png: Option<String>,
}

/// The brief as pretty JSON: sections of spans, figures referencing
/// `evidence` by id, and the chart files (null without `--out`).
///
/// # Errors
/// [`Error::Json`] (not expected).
pub fn json(brief: &Brief, charts: ChartLinks<'_>) -> Result<String, Error> {
    let files: &[ChartFile] = match charts {
        ChartLinks::None => &[],
        ChartLinks::Files(f) => f,
    };
    let charts = Chart::available(&brief.charts)
        .into_iter()
        .map(|c| {
            let f = files.iter().find(|f| f.chart == c);
            JsonChart {
                name: c.name(),
                alt: c.alt(&brief.charts),
                svg: f.map(|f| file_name(&f.svg)),
                png: f.map(|f| file_name(&f.png)),
            }
        })
        .collect();
    Ok(serde_json::to_string_pretty(&JsonBrief { brief, charts })?)
}
