//! The checker never panics, hangs or mislabels spans, whatever the input.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_claims::{Report, check};
use inflow_core::Vintage;
use proptest::prelude::*;

mod common;
use common::Bundled;

fn data() -> &'static Bundled {
    static DATA: std::sync::OnceLock<Bundled> = std::sync::OnceLock::new();
    DATA.get_or_init(|| Bundled::load(Vintage::Latest))
}

fn run(text: &str) -> Report {
    let r = check(text, &data().ctx());
    // Every span points at the claim's own text, on character boundaries.
    for c in &r.claims {
        let [a, b] = c.span;
        assert!(a < b && b <= text.len(), "{:?}", c.span);
        assert_eq!(&text[a..b], c.text);
        assert!(!c.explanation.is_empty());
    }
    let _ = serde_json::to_string(&r).unwrap();
    let _ = r.render_text();
    r
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(s in "\\PC{0,200}") {
        run(&s);
    }

    #[test]
    fn arbitrary_bytes_as_lossy_text(b in proptest::collection::vec(any::<u8>(), 0..300)) {
        run(&String::from_utf8_lossy(&b));
    }

    #[test]
    fn near_miss_news(parts in proptest::collection::vec(prop_oneof![
        Just("$"), Just("US$ "), Just("Rs"), Just("2,593"), Just("2.593"), Just("1,234.5"),
        Just("99999999999999999999999999"), Just("0"), Just("0.0"), Just(" million"),
        Just(" billion"), Just("bn"), Just("mn"), Just("%"), Just(" percent"), Just(" pc"),
        Just(" in "), Just("April 2024"), Just("May"), Just("July-April 2023-24"), Just("FY24"),
        Just("FY2023-24"), Just("1QFY25"), Just("5MFY24"), Just("first seven months"),
        Just("the same period last year"), Just("from "), Just(" to "), Just("compared to "),
        Just("an increase of "), Just("record"), Just("all-time high"), Just("likely to exceed "),
        Just("computer services"), Just("call centre"), Just(". "), Just("\n"), Just(", "),
        Just("—"), Just("٣٤٥"), Just("३१०"), Just("مليون"), Just("百万"), Just("ß"), Just("\u{0301}"),
        Just("per day"), Just("share of "), Just("-"), Just("("), Just(")"),
    ], 0..40)) {
        run(&parts.concat());
    }
}

#[test]
fn mixed_scripts_and_lookalike_digits() {
    // Arabic-Indic and Devanagari digits are not read as numbers; the
    // ASCII ones beside them are.
    let r = run("برآمدات $٣١٠ million; निर्यात $३१० million; exports $310 million in April 2024.");
    assert_eq!(r.claims.len(), 1);
    assert_eq!(r.claims[0].text, "$310 million");
}

#[test]
fn pathological_inputs_finish() {
    let many_numbers = "$1 million 2% ".repeat(20_000);
    let one_long_sentence = "and exports were $310 million in April 2024 ".repeat(5_000);
    let nested = "(".repeat(50_000) + &")".repeat(50_000);
    let dots = ".".repeat(100_000);
    let digits = "1,".repeat(50_000);
    for text in [many_numbers, one_long_sentence, nested, dots, digits] {
        run(&text);
    }
}
