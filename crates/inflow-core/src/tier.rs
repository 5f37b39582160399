//! Source tiers: whether a value comes straight from the statistical agency's
//! own table, was computed from such tables, or was taken from a press report.

use std::fmt;

use serde::Serialize;

use crate::{ObsStatus, Observation};

/// Where a value comes from, from most to least authoritative.
///
/// ```
/// use inflow_core::{SourceTier, tier_of_url};
/// assert_eq!(tier_of_url("https://www.sbp.org.pk/ecodata/dt.xls"), SourceTier::Official);
/// assert_eq!(tier_of_url("https://archive.sbp.org.pk/ecodata/dt.xls"), SourceTier::Official);
/// assert_eq!(tier_of_url("https://www.brecorder.com/news/1"), SourceTier::Secondary);
/// // A look-alike host is not the agency.
/// assert_eq!(tier_of_url("https://sbp.org.pk.example.com/x"), SourceTier::Secondary);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceTier {
    /// From a table published by the statistical agency itself (a file or
    /// page on its site).
    Official,
    /// Computed from published figures (for example a month as the
    /// difference of two year-to-date totals); the note says how.
    Derived,
    /// A press or third-party report of an agency release.
    Secondary,
}

impl SourceTier {
    /// The tier as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceTier::Official => "official",
            SourceTier::Derived => "derived",
            SourceTier::Secondary => "secondary",
        }
    }
}

impl fmt::Display for SourceTier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Hosts of agencies whose tables are official sources: the State Bank of
/// Pakistan and the Pakistan Bureau of Statistics. A host matches itself and
/// its subdomains.
pub const OFFICIAL_HOSTS: &[&str] = &["sbp.org.pk", "pbs.gov.pk"];

/// The tier of a value published at `url`: official when the host is one of
/// [`OFFICIAL_HOSTS`], secondary otherwise (including an empty URL).
pub fn tier_of_url(url: &str) -> SourceTier {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or("");
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let official = OFFICIAL_HOSTS
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")));
    if official {
        SourceTier::Official
    } else {
        SourceTier::Secondary
    }
}

impl Observation {
    /// Where this value comes from: [`SourceTier::Derived`] when its status
    /// says it was computed, otherwise by its source URL.
    pub fn tier(&self) -> SourceTier {
        if self.status == ObsStatus::Derived {
            SourceTier::Derived
        } else {
            tier_of_url(&self.source_url)
        }
    }
}
