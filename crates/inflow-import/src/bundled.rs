use crate::{Batch, Error, parse_str};

/// One of the data files compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub struct BundledFile {
    /// The file's path in the repository, used in messages.
    pub name: &'static str,
    /// Its contents.
    pub text: &'static str,
}

/// Pakistan's series, observations with every vintage, and published totals,
/// in the order they must be applied (series first).
pub const BUNDLED: &[BundledFile] = &[
    BundledFile {
        name: "data/pk-ict-exports/series.csv",
        text: include_str!("../../../data/pk-ict-exports/series.csv"),
    },
    BundledFile {
        name: "data/pk-ict-exports/observations.csv",
        text: include_str!("../../../data/pk-ict-exports/observations.csv"),
    },
    BundledFile {
        name: "data/pk-ict-exports/published.csv",
        text: include_str!("../../../data/pk-ict-exports/published.csv"),
    },
];

/// An SBP workbook compiled into the binary, loaded as a release of its own.
#[derive(Debug, Clone, Copy)]
pub struct BundledWorkbook {
    /// The file's path in the repository.
    pub name: &'static str,
    /// Its bytes.
    pub bytes: &'static [u8],
    /// Its release date, `YYYY-MM-DD`.
    pub release_date: &'static str,
    /// Where SBP published it.
    pub source_url: &'static str,
}

/// The SBP workbooks shipped with inflow. The Jul-Feb FY26 release is dated
/// by the workbook's own "last saved" property (2026-03-17, 09:12).
pub const BUNDLED_WORKBOOKS: &[BundledWorkbook] = &[BundledWorkbook {
    name: "data/sbp/trade-in-services-ebops-jul-feb-fy26.xls",
    bytes: include_bytes!("../../../data/sbp/trade-in-services-ebops-jul-feb-fy26.xls"),
    release_date: "2026-03-17",
    source_url: crate::sbp::SBP_SOURCE_URL,
}];

/// Parses the bundled files into batches, series first.
///
/// # Errors
/// Only if the bundled data is itself invalid, which the test suite rules out.
pub fn bundled_batches() -> Result<Vec<Batch>, Error> {
    let mut known = Vec::new();
    let mut out = Vec::new();
    for f in BUNDLED {
        let batch = parse_str(f.name, f.text, &known)?;
        known.extend(batch.series.iter().map(|s| s.value.clone()));
        out.push(batch);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_data_parses() {
        let b = bundled_batches().unwrap();
        assert_eq!(b[0].series.len(), 7);
        assert!(b[1].observations.len() > 70);
        assert!(b[2].published.len() > 300);
    }
}
