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
        assert_eq!(b[0].series.len(), 5);
        assert!(b[1].observations.len() > 70);
        assert!(b[2].published.len() > 300);
    }
}
