//! An Atom feed (RFC 4287) of releases: one entry per release of a series,
//! saying what it added and revised and the headline figure, and one per
//! retraction of a release.

use inflow_core::{Date, YearMonth};
use serde::Serialize;

use crate::escape::html as xml;
use crate::fmt::plain;

/// One release of one series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReleaseEntry {
    /// Series key.
    pub series: String,
    /// Series title.
    pub title: String,
    /// Unit of the values.
    pub unit: String,
    /// The release date.
    pub released: Date,
    /// Months first given a value by this release, with the values.
    pub added: Vec<(YearMonth, f64)>,
    /// Months whose value this release changed: month, old, new.
    pub revised: Vec<(YearMonth, f64, f64)>,
    /// The latest added month's change on a year earlier, percent.
    pub yoy_pct: Option<f64>,
    /// Where the release was published (the first source page).
    pub source_url: String,
    /// Set when this entry announces that a release was withdrawn
    /// (`released` is then the day of the retraction).
    pub retraction: Option<Retraction>,
}

/// A withdrawn release, as a feed entry says it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Retraction {
    /// The release's id in the store.
    pub release_id: i64,
    /// The release's own date.
    pub release_date: String,
    /// The file or URL it was imported from.
    pub source: String,
    /// Why it was withdrawn.
    pub reason: String,
}

impl ReleaseEntry {
    /// The entry's title: `pk.ict.exports: February 2026 at 365 USD million`.
    pub fn headline(&self) -> String {
        if let Some(r) = &self.retraction {
            return format!(
                "Release {} of {} retracted: {}",
                r.release_id, r.release_date, r.reason
            );
        }
        match self.added.last() {
            Some((m, v)) => {
                let mut s = format!(
                    "{}: {} at {} {}",
                    self.title,
                    m.long_label(),
                    plain(*v),
                    self.unit
                );
                if let Some(p) = self.yoy_pct {
                    s.push_str(&format!(
                        ", {}{:.1}% on a year earlier",
                        if p >= 0.0 { "+" } else { "" },
                        p
                    ));
                }
                s
            }
            None => format!("{}: revisions released on {}", self.title, self.released),
        }
    }

    /// What the release did, in words.
    pub fn summary(&self) -> String {
        if let Some(r) = &self.retraction {
            return format!(
                "Release {} (dated {}, from {}) was withdrawn on {}: {}. Its values no longer \
                 count from that day; earlier vintages still show them as they were.",
                r.release_id, r.release_date, r.source, self.released, r.reason
            );
        }
        let mut parts = Vec::new();
        if !self.added.is_empty() {
            let list: Vec<String> = self
                .added
                .iter()
                .map(|(m, v)| format!("{} {}", m.long_label(), plain(*v)))
                .collect();
            parts.push(format!("Added {}", list.join(", ")));
        }
        if !self.revised.is_empty() {
            let list: Vec<String> = self
                .revised
                .iter()
                .map(|(m, a, b)| format!("{} from {} to {}", m.long_label(), plain(*a), plain(*b)))
                .collect();
            parts.push(format!("revised {}", list.join(", ")));
        }
        if parts.is_empty() {
            parts.push("No change to the values".into());
        }
        format!(
            "{} ({}, released {}).",
            parts.join("; "),
            self.unit,
            self.released
        )
    }

    fn id(&self) -> String {
        if let Some(r) = &self.retraction {
            return format!(
                "tag:inflow,{}:release/{}/retracted",
                self.released, r.release_id
            );
        }
        format!(
            "tag:inflow,{}:{}/{}",
            self.released, self.series, self.released
        )
    }
}

/// The feed as Atom XML: `self_url` is the feed's own address (its id),
/// entries newest first. Every text is escaped for XML.
pub fn atom(feed_title: &str, self_url: &str, entries: &[ReleaseEntry]) -> String {
    let updated = entries
        .iter()
        .map(|e| e.released)
        .max()
        .map_or("1970-01-01T00:00:00Z".to_string(), |d| {
            format!("{d}T00:00:00Z")
        });
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    out.push_str(&format!("<title>{}</title>\n", xml(feed_title)));
    out.push_str(&format!("<id>{}</id>\n", xml(self_url)));
    out.push_str(&format!(
        "<link rel=\"self\" href=\"{}\"/>\n",
        xml(self_url)
    ));
    out.push_str(&format!("<updated>{updated}</updated>\n"));
    out.push_str("<author><name>inflow</name></author>\n");
    for e in entries {
        out.push_str("<entry>\n");
        out.push_str(&format!("<id>{}</id>\n", xml(&e.id())));
        out.push_str(&format!("<title>{}</title>\n", xml(&e.headline())));
        out.push_str(&format!("<updated>{}T00:00:00Z</updated>\n", e.released));
        if !e.source_url.is_empty() {
            out.push_str(&format!(
                "<link rel=\"related\" href=\"{}\"/>\n",
                xml(&e.source_url)
            ));
        }
        out.push_str(&format!("<category term=\"{}\"/>\n", xml(&e.series)));
        out.push_str(&format!("<summary>{}</summary>\n", xml(&e.summary())));
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}
