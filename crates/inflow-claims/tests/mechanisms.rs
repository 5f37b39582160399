//! Ways news text states figures that the checker reads generally: a
//! change with no currency ("grew by 57.5 million"), a percentage written
//! as money, shares of a broader statistic named in the sentence, the
//! official names of sub-items, "services exports" on its own, fiscal-year
//! labels that name no year, and figures rounded to the same digit that
//! only touch. The sentences were written for these tests; the figures are
//! the bundled data's.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_claims::{ClaimKind, Report, Verdict, check};
use inflow_core::{Vintage, parse_date};

mod common;
use common::{Bundled, claim};

use Verdict::*;

/// Judged against the latest data, published on `date`.
fn dated(text: &str, date: &str) -> Report {
    let d = parse_date(date).unwrap();
    let data = Bundled::load_with_workbooks(Vintage::Latest);
    check(text, &data.ctx().with_published_on(d))
}

#[test]
fn a_change_with_no_currency_is_read_and_judged() {
    // February 2026 363.81 against February 2025 306.294: +57.516.
    let r = dated(
        "IT exports grew by 57.5 million in February 2026 compared with February 2025.",
        "2026-04-25",
    );
    let c = claim(&r, "57.5 million");
    assert_eq!(c.verdict, Supported, "{c:#?}");
    assert_eq!(c.kind, ClaimKind::YoyChange);
    assert_eq!(c.unit, "million");
    let r = dated(
        "IT exports grew by 75.5 million in February 2026 compared with February 2025.",
        "2026-04-25",
    );
    assert_eq!(claim(&r, "75.5 million").verdict, Contradicted);
}

#[test]
fn a_bare_count_of_people_is_not_money() {
    let r = dated(
        "The country has 2.3 million freelancers, and 1.5 million jobs were added in 2025.",
        "2026-01-10",
    );
    assert!(r.claims.is_empty(), "{:#?}", r.claims);
}

#[test]
fn a_percentage_written_as_money_is_a_unit_error() {
    // 363.81 / 306.294 - 1 = 18.78%; the change in money is 57.5 million.
    let r = dated(
        "IT exports increased by 18.78 million in February 2026 over the same month a year earlier.",
        "2026-04-25",
    );
    let c = claim(&r, "18.78 million");
    assert_eq!(c.verdict, UnitError, "{c:#?}");
    assert!(
        c.explanation.contains("percentage change"),
        "{}",
        c.explanation
    );
    assert!((c.evidence.expected.unwrap() - 57.516).abs() < 1e-6);
    // The same slip against the text's own pair: 366 / 292 - 1 = 25.34%.
    let r = dated(
        "IT exports rose by 25.3 million, from $292 million to $366 million.",
        "2025-10-25",
    );
    assert_eq!(claim(&r, "25.3 million").verdict, UnitError);
    // A right change in money stays right.
    let r = dated(
        "IT exports rose by $74 million to $366 million in September 2025, from $292 million a year earlier.",
        "2025-10-25",
    );
    assert_eq!(claim(&r, "$74 million").verdict, Supported);
}

#[test]
fn a_share_of_a_broader_statistic_named_in_the_sentence() {
    // January 2026: ICT 373.528 of total services 876.481 = 42.62%.
    let text = "Services exports came to $876.5 million in January 2026, of which ICT made up 42.6 percent.";
    let r = dated(text, "2026-03-25");
    assert_eq!(claim(&r, "$876.5 million").verdict, Supported);
    let c = claim(&r, "42.6 percent");
    assert_eq!(c.verdict, Supported, "{c:#?}");
    assert_eq!(c.kind, ClaimKind::Share);
    let r = dated(&text.replace("42.6", "52.6"), "2026-03-25");
    let c = claim(&r, "52.6 percent");
    assert_eq!(c.verdict, Contradicted, "{c:#?}");
    assert!(
        c.explanation.contains("of total services"),
        "{}",
        c.explanation
    );
    // The part named before, the whole after: freelancers of ICT,
    // March 2026 112.98 / 413.623 = 27.3%.
    let r = dated(
        "Freelancers' share of ICT exports reached 27.3% in March 2026.",
        "2026-04-25",
    );
    assert_eq!(claim(&r, "27.3%").verdict, Supported);
}

#[test]
fn each_figure_is_judged_against_the_statistic_named_before_it() {
    // Total services 812.246 and ICT 363.81 in February 2026.
    let r = dated(
        "Pakistan's services exports were $812.2 million in February 2026, of which ICT brought $363.8 million.",
        "2026-04-25",
    );
    assert_eq!(claim(&r, "$812.2 million").verdict, Supported);
    assert_eq!(claim(&r, "$363.8 million").verdict, Supported);
    // "IT-enabled services exports" are ICT, not total services.
    let r = dated(
        "IT-enabled services exports stood at $363.8 million in February 2026.",
        "2026-04-25",
    );
    let c = claim(&r, "$363.8 million");
    assert_eq!(c.verdict, Supported);
    assert_eq!(c.series.as_deref(), Some("pk.ict.exports"));
}

#[test]
fn an_official_item_name_picks_its_sub_item() {
    // "Freelance computer and information services" is item 9.2.5, not a
    // list of ICT's parts: March 2026 112.98.
    let r = dated(
        "Freelance computer and information services earned $112.98 million in March 2026.",
        "2026-04-25",
    );
    let c = claim(&r, "$112.98 million");
    assert_eq!(c.verdict, Supported, "{c:#?}");
    assert_eq!(c.series.as_deref(), Some("pk.ict.exports.freelance"));
}

#[test]
fn a_fiscal_year_label_that_names_no_year_is_inconsistent() {
    let r = dated(
        "In the first quarter of FY 2103-22, IT exports were $635 million.",
        "2021-10-27",
    );
    let c = claim(&r, "FY 2103-22");
    assert_eq!(c.verdict, Inconsistent);
    assert_eq!(c.kind, ClaimKind::PeriodLabel);
    assert!(c.explanation.contains("FY2021-22"), "{}", c.explanation);
    let r = dated(
        "Exports grew in fiscal year 2019-21 to $2.1 billion.",
        "2021-08-01",
    );
    assert_eq!(claim(&r, "fiscal year 2019-21").verdict, Inconsistent);
    // Well-formed labels pass without a claim of their own.
    let r = dated(
        "IT exports were $2.12 billion in FY2020-21 and FY 2020/21.",
        "2021-08-01",
    );
    assert!(r.claims.iter().all(|c| c.kind != ClaimKind::PeriodLabel));
}

#[test]
fn figures_rounded_to_the_same_digit_must_not_merely_touch() {
    // May 2023 is 236 in the data: "235" stands for [234.5, 235.5), so
    // the two cannot be the same number; "236" and "235.6" can.
    let r = dated(
        "IT exports were $332 million in May 2024 against $235 million in May 2023.",
        "2024-06-25",
    );
    assert_eq!(claim(&r, "$235 million").verdict, Contradicted);
    let r = dated(
        "IT exports were $332 million in May 2024 against $235.6 million in May 2023.",
        "2024-06-25",
    );
    assert_eq!(claim(&r, "$235.6 million").verdict, Supported);
}

#[test]
fn a_range_is_two_bounds_on_one_figure() {
    // FY2024-25 averaged 318.6 million a month (3,823 over 12 months).
    let r = dated(
        "IT exports were between $300 million and $350 million a month in FY2024-25.",
        "2025-08-01",
    );
    assert_eq!(
        claim(&r, "$300 million").verdict,
        Supported,
        "{:#?}",
        r.claims
    );
    assert_eq!(
        claim(&r, "$350 million").verdict,
        Supported,
        "{:#?}",
        r.claims
    );
    let r = dated(
        "IT exports were between $350 million and $400 million a month in FY2024-25.",
        "2025-08-01",
    );
    assert_eq!(claim(&r, "$350 million").verdict, Contradicted);
}

#[test]
fn a_percentage_after_a_change_in_points_is_a_level() {
    // The share itself (ICT 373.528 of services 876.481 = 42.6%) is
    // judged; the points are not taken for a growth rate.
    let r = dated(
        "The share of ICT in services exports rose 3.2 percentage points to 42.6 percent in January 2026.",
        "2026-03-25",
    );
    let c = claim(&r, "42.6 percent");
    assert_eq!(c.kind, ClaimKind::Share);
    assert_eq!(c.verdict, Supported, "{c:#?}");
    let r = dated(
        "The withholding rate on IT exports rose 0.25 percentage points to 1 percent in 2025.",
        "2025-08-01",
    );
    assert_eq!(claim(&r, "1 percent").verdict, Unverifiable);
}

#[test]
fn the_last_fiscal_year_alone_is_the_period_of_a_level() {
    // Published in September 2025: the last fiscal year is FY2024-25.
    let r = dated(
        "IT exports in the last fiscal year were $3.81 billion.",
        "2025-09-01",
    );
    let c = claim(&r, "$3.81 billion");
    assert_eq!(c.period.as_deref(), Some("FY2024-25"));
    assert_eq!(c.verdict, Supported, "{c:#?}");
}

#[test]
fn a_record_with_no_amount_is_judged_on_the_month_named() {
    // April 2024 (310) was above every earlier month; January 2024 (265)
    // was below December 2023's 303.
    let r = dated(
        "Telecom and software firms had a busy spring. April 2024 was an all-time high for the sector.",
        "2024-05-25",
    );
    let c = claim(&r, "all-time high");
    assert_eq!(c.kind, ClaimKind::Record, "{c:#?}");
    assert_eq!(c.verdict, Supported, "{c:#?}");
    assert_eq!(c.period.as_deref(), Some("2024-04"), "{c:#?}");
    assert!(
        (c.value - 310.0).abs() < 0.5,
        "the month's value is carried: {c:#?}"
    );
    let r = dated(
        "ICT exports in January 2024 hit an all-time high, the ministry said.",
        "2024-02-25",
    );
    assert_eq!(claim(&r, "all-time high").verdict, Contradicted, "{r:#?}");
    // Phrases that name no level are left alone.
    for text in [
        "IT exports posted record growth in April 2024.",
        "The industry has a track record of growth since July 2021.",
    ] {
        let r = dated(text, "2024-05-25");
        assert!(
            r.claims.iter().all(|c| c.kind != ClaimKind::Record),
            "{text}: {r:#?}"
        );
    }
}
