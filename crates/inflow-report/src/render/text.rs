//! The brief as plain text for a wire story: the story only, no markup or
//! footnote marks, and one source line.

use super::heading;
use crate::Brief;
use crate::escape;
use crate::fmt::long_date;

/// The story as plain text, ready to paste: headline, sections with their
/// headings, notes as dashes, and a closing source line. Figures are
/// written as in the other forms; their evidence is in those.
pub fn text(brief: &Brief) -> String {
    let mut out = format!("{}\n\n", escape::plain(&heading(brief)));
    for section in &brief.sections {
        if !section.heading.is_empty() {
            out.push_str(&format!("{}\n", escape::plain(&section.heading)));
        }
        let bullet = section.id == "notes";
        for p in &section.paragraphs {
            if bullet {
                out.push_str(&format!("- {}\n", escape::plain(&p.text)));
            } else {
                out.push_str(&format!("{}\n\n", escape::plain(&p.text)));
            }
        }
        if bullet {
            out.push('\n');
        }
    }
    out.push_str(&format!(
        "Source: {}, data as released on {}. Figures computed by inflow; each is traced to its \
         source observations in the Markdown, HTML and JSON versions of this brief.\n",
        escape::plain(&brief.charts.source),
        long_date(brief.vintage)
    ));
    out
}
