//! The fuzz targets as bounded property tests, for machines without a
//! nightly toolchain: arbitrary bytes, and text shaped like the input each
//! target expects. `PROPTEST_CASES` sets the number of cases (`.ci/run`
//! raises it when cargo-fuzz is unavailable).

use proptest::prelude::*;

fn cases() -> ProptestConfig {
    ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(256),
    )
}

/// Each workbook case reads a 1.5 MB release (or writes and reads an
/// `.xlsx`), hundreds of times the work of a CSV case: a two-hundredth of
/// the cases, at least 16. Run through a `TestRunner` made here, since the
/// `proptest!` macro would put `PROPTEST_CASES` back.
fn run_workbook<S: Strategy>(strategy: S, input: impl Fn(S::Value) -> Vec<u8>)
where
    S::Value: std::fmt::Debug,
{
    let mut config = cases();
    config.cases = (config.cases / 200).max(16);
    config.failure_persistence = None;
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let outcome = runner.run(&strategy, |v| {
        inflow_fuzz::workbook(&input(v));
        Ok(())
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
}

/// Edits of the seed file, 6 bytes each: kind, offset, argument (see
/// `inflow_fuzz::workbook`).
fn byte_edits() -> impl Strategy<Value = Vec<(u8, u32, u8)>> {
    proptest::collection::vec((any::<u8>(), any::<u32>(), any::<u8>()), 1..8)
}

fn with_edits(mode: u8, ops: Vec<(u8, u32, u8)>) -> Vec<u8> {
    let mut input = vec![mode];
    for (k, at, arg) in ops {
        input.push(k);
        input.extend(at.to_le_bytes());
        input.push(arg);
    }
    input
}

#[test]
fn workbook_on_bytes() {
    // Past the content sniffing: an OLE header, a zip header, or none.
    let strategy = (0usize..3, proptest::collection::vec(any::<u8>(), 0..2048));
    run_workbook(strategy, |(magic, data)| {
        let head: &[u8] = [
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
            b"PK\x03\x04",
            b"",
        ][magic];
        let mut input = vec![0];
        input.extend_from_slice(head);
        input.extend(data);
        input
    });
}

#[test]
fn workbook_xls_edited() {
    run_workbook(byte_edits(), |ops| with_edits(1, ops));
}

#[test]
fn workbook_xlsx_edited() {
    run_workbook(byte_edits(), |ops| with_edits(2, ops));
}

#[test]
fn workbook_cells_edited() {
    run_workbook(proptest::collection::vec(any::<[u8; 5]>(), 1..12), |ops| {
        let mut input = vec![3];
        input.extend(ops.concat());
        input
    });
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn csv_on_bytes(data in proptest::collection::vec(any::<u8>(), 0..400)) {
        inflow_fuzz::csv(&data);
    }

    #[test]
    fn csv_on_rows(pick in 0u8..4, rows in proptest::collection::vec("[a-z0-9.,\" :/\\-]{0,60}", 0..6)) {
        let mut data = vec![pick];
        data.extend(rows.join("\n").bytes());
        inflow_fuzz::csv(&data);
    }

    #[test]
    fn period_on_bytes(data in proptest::collection::vec(any::<u8>(), 0..40)) {
        inflow_fuzz::period(&data);
    }

    #[test]
    fn period_on_labels(s in "(FY|CY)?[0-9]{0,4}[-/]?[0-9]{0,4}(:[A-Z][a-z]{2}-[A-Z][a-z]{2})?") {
        inflow_fuzz::period(s.as_bytes());
    }

    #[test]
    fn number_on_numerals(s in "[0-9.,]{0,20}( ?(billion|million|bn|mn|k|%))?") {
        inflow_fuzz::number(s.as_bytes());
    }

    #[test]
    fn claims_on_bytes(data in proptest::collection::vec(any::<u8>(), 0..300)) {
        inflow_fuzz::claims(&data);
    }

    #[test]
    fn claims_on_sentences(words in proptest::collection::vec(
        "(exports|IT|rose|fell|to|\\$|[0-9]{1,4}(\\.[0-9])?|million|billion|%|in|FY2[0-9]|July|March|2024|year-on-year|\\.|,)",
        0..40,
    )) {
        inflow_fuzz::claims(words.join(" ").as_bytes());
    }
}
