//! The text's date decides what it can report: a month two weeks past by
//! then is judged even when the store dates its release a few days later
//! (the latest data stand in for it), a more recent month is not, and "last month"
//! is the month before the text's date unless it follows a comparison word.
//! The sentences were written for these tests; the figures are the bundled
//! data's.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_claims::{Report, Verdict, check};
use inflow_core::{Vintage, parse_date};

mod common;
use common::{Bundled, claim};

use Verdict::*;

/// Read in the vintage of `date`, published that day, with the latest data
/// as the outcome, as the command line does.
fn as_of(text: &str, date: &str) -> Report {
    let d = parse_date(date).unwrap();
    let then = Bundled::load(Vintage::AsOf(d));
    let latest = Bundled::load(Vintage::Latest);
    check(
        text,
        &then.ctx().with_published_on(d).with_outcome(&latest.total),
    )
}

#[test]
fn a_month_over_before_the_text_is_judged_though_released_later() {
    // November 2025 (356) is stored as released on 2025-12-20.
    let text = "Technology exports came to $356 million in November 2025.";
    let r = as_of(text, "2025-12-18");
    let c = claim(&r, "$356 million");
    assert_eq!(c.verdict, Supported, "{c:#?}");
    assert!(
        c.evidence.computation.contains("released after 2025-12-18"),
        "{}",
        c.evidence.computation
    );
    let r = as_of(
        "Technology exports came to $365 million in November 2025.",
        "2025-12-18",
    );
    assert_eq!(claim(&r, "$365 million").verdict, Contradicted);
}

#[test]
fn a_month_not_two_weeks_past_at_the_text_date_is_not_judged_from_later_data() {
    // Not over yet, and over but too recently for its figure to be out.
    for date in ["2025-11-25", "2025-12-05"] {
        let r = as_of(
            "Technology exports came to $356 million in November 2025.",
            date,
        );
        let c = claim(&r, "$356 million");
        assert!(
            !matches!(c.verdict, Supported | Contradicted),
            "{date}: {c:#?}"
        );
    }
}

#[test]
fn last_month_alone_is_the_month_before_the_text() {
    // November 2025 356 against November 2024 324: +9.88%.
    let r = as_of(
        "Software and IT exports rose 9.9 percent to $356 million last month from $324 million in November 2024.",
        "2025-12-18",
    );
    assert_eq!(claim(&r, "9.9 percent").verdict, Supported, "{r:#?}");
    assert_eq!(claim(&r, "$356 million").verdict, Supported);
    assert_eq!(claim(&r, "$324 million").verdict, Supported);
}

#[test]
fn last_month_after_a_comparison_word_is_the_base() {
    // December 2025 437 against November 2025 356: +22.75%.
    let r = as_of(
        "Technology exports reached $437 million in December 2025, up 22.8 percent from last month.",
        "2026-01-25",
    );
    assert_eq!(claim(&r, "22.8 percent").verdict, Supported, "{r:#?}");
}

#[test]
fn a_record_in_a_month_released_after_the_text_is_judged() {
    // December 2025 (437, stored as released 2026-01-20) beat every
    // earlier month (the highest before was 386 in October 2025); November
    // 2025 (356) did not.
    let r = as_of(
        "Pakistan's technology exports touched a record $437 million in December 2025.",
        "2026-01-18",
    );
    assert_eq!(claim(&r, "record").verdict, Supported, "{r:#?}");
    let r = as_of(
        "Pakistan's technology exports touched a record $356 million in November 2025.",
        "2025-12-18",
    );
    assert_eq!(claim(&r, "record").verdict, Contradicted, "{r:#?}");
}

#[test]
fn a_total_released_just_after_the_text_is_one_it_can_quote() {
    // FY2022-23 was published as 2,596 (the months sum to 2,607), stored as
    // released on 2023-07-20.
    let d = parse_date("2023-07-18").unwrap();
    let then = Bundled::load(Vintage::AsOf(d));
    let latest = Bundled::load(Vintage::Latest);
    let all = Bundled::load(Vintage::Latest).published;
    let ctx = inflow_claims::Context::new(&then.total)
        .with_series(&then.others)
        .with_published(&all)
        .with_published_on(d)
        .with_outcome(&latest.total);
    let r = check("ICT exports came to $2.596 billion in FY2022-23.", &ctx);
    assert_eq!(claim(&r, "$2.596 billion").verdict, Supported, "{r:#?}");
    // A month before the text, the total was not out and the year not over.
    let d = parse_date("2023-06-18").unwrap();
    let then = Bundled::load(Vintage::AsOf(d));
    let ctx = inflow_claims::Context::new(&then.total)
        .with_published(&all)
        .with_published_on(d)
        .with_outcome(&latest.total);
    let r = check("ICT exports came to $2.596 billion in FY2022-23.", &ctx);
    assert_ne!(claim(&r, "$2.596 billion").verdict, Supported, "{r:#?}");
}

#[test]
fn a_previous_record_is_the_highest_month_before() {
    // October 2025 (386) beat September 2025 (366), the highest before it.
    let text = "Exports of IT services set a new high of $386 million in October 2025, above the previous record of $366 million.";
    let r = as_of(text, "2025-11-25");
    assert_eq!(claim(&r, "record").verdict, Supported, "{r:#?}");
    let text = "Exports of IT services set a new high of $386 million in October 2025, above the previous record of $356 million.";
    let r = as_of(text, "2025-11-25");
    let c = claim(&r, "record");
    assert_eq!(c.verdict, Contradicted, "{c:#?}");
    assert!(c.explanation.contains("366"), "{}", c.explanation);
}

#[test]
fn a_previous_record_named_with_its_own_month_only_was_a_record_then() {
    // September 2025 (366) was the highest month when it was released.
    let r = as_of(
        "The earlier record for a single month was $366 million in September 2025.",
        "2025-12-25",
    );
    assert_eq!(claim(&r, "record").verdict, Supported, "{r:#?}");
}
