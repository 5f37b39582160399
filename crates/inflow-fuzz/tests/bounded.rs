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
