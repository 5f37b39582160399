//! What a comparison's base does and does not lend the rest of a sentence:
//! a dated base leaves a bare month or "this fiscal year" to the text's
//! date (or to the months after the base), "more than" after a rate is a
//! comparison rather than a bound, a month in the possessive dates the
//! base beside it, each rate takes the month-on-month or year-on-year cue
//! nearest it, a statistic after "under" only places the one before it,
//! "N percent of" a statistic is a share, and a target is not a level. The
//! sentences were written for these tests; the figures are the bundled
//! data's.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_claims::{ClaimKind, Report, Verdict, check};
use inflow_core::{Vintage, parse_date};

mod common;
use common::{Bundled, claim};

use Verdict::*;

fn dated(text: &str, date: &str) -> Report {
    let d = parse_date(date).unwrap();
    let data = Bundled::load_with_workbooks(Vintage::Latest);
    check(text, &data.ctx().with_published_on(d))
}

fn undated(text: &str) -> Report {
    let data = Bundled::load_with_workbooks(Vintage::Latest);
    check(text, &data.ctx())
}

#[test]
fn a_bare_month_beside_a_dated_base_is_the_year_after_it() {
    // March 2024 306, March 2023 225: +36.0%.
    let text = "Exports of IT services stood at $306 million in March, 36 percent more \
                than the $225 million of March 2023.";
    for r in [dated(text, "2024-04-25"), undated(text)] {
        let c = claim(&r, "$306 million");
        assert_eq!(c.verdict, Supported, "{c:#?}");
        assert_eq!(c.period.as_deref(), Some("2024-03"));
        assert_eq!(claim(&r, "36 percent").verdict, Supported);
        let base = claim(&r, "$225 million");
        assert_eq!(base.verdict, Supported, "{base:#?}");
        assert_eq!(base.period.as_deref(), Some("2023-03"));
    }
    let r = dated(
        "Exports of IT services stood at $306 million in March, 30 percent more than the \
         $225 million of March 2023.",
        "2024-04-25",
    );
    assert_eq!(claim(&r, "30 percent").verdict, Inconsistent);
}

#[test]
fn more_than_after_a_rate_names_a_base_not_a_bound() {
    let r = dated(
        "IT exports stood at $306 million in March, 36 percent more than the $225 million \
         of March 2023.",
        "2024-04-25",
    );
    let base = claim(&r, "$225 million");
    assert!(
        !base.explanation.contains("at least"),
        "{}",
        base.explanation
    );
    // A bound stays a bound: "more than $300 million".
    let r = dated(
        "IT exports were more than $300 million in March.",
        "2024-04-25",
    );
    let c = claim(&r, "$300 million");
    assert_eq!(c.verdict, Supported, "{c:#?}");
    assert!(c.explanation.contains("at least"), "{}", c.explanation);
}

#[test]
fn this_fiscal_year_beside_a_dated_base_is_the_year_after_it() {
    // Jul-Sep FY2024-25: 286 + 298 + 292 = 876; Jul-Sep FY2023-24: 214 +
    // 235 + 206 = 655; 876 / 655 - 1 = 33.74%.
    let text = "During the first quarter of this fiscal year the sector earned $876 million, \
                33.7 percent more than the $655 million of July-September FY24.";
    for r in [dated(text, "2024-10-25"), undated(text)] {
        let c = claim(&r, "$876 million");
        assert_eq!(c.verdict, Supported, "{c:#?}");
        assert_eq!(c.period.as_deref(), Some("FY2024-25:Jul-Sep"));
        assert_eq!(claim(&r, "33.7 percent").verdict, Supported);
    }
}

#[test]
fn a_month_in_the_possessive_dates_the_base_after_it() {
    // September 2024 292, August 2024 298: -2.01%.
    let r = dated(
        "At $292 million, September's exports were 2 percent lower than August's $298 million.",
        "2024-10-22",
    );
    assert_eq!(claim(&r, "$292 million").verdict, Supported);
    let base = claim(&r, "$298 million");
    assert_eq!(base.verdict, Supported, "{base:#?}");
    assert_eq!(base.period.as_deref(), Some("2024-08"));
    let c = claim(&r, "2 percent");
    assert_eq!(c.verdict, Supported, "{c:#?}");
    assert_eq!(c.kind, ClaimKind::MomGrowth);
    let r = dated(
        "At $292 million, September's exports were 5 percent lower than August's $298 million.",
        "2024-10-22",
    );
    assert_eq!(claim(&r, "5 percent").verdict, Inconsistent);
}

#[test]
fn each_rate_takes_the_nearest_month_or_year_cue() {
    // September 2024 292: against August 2024 298, -2.01%; against
    // September 2023 206, +41.75%.
    let r = dated(
        "IT exports slipped 2 percent month-on-month to $292 million in September but were \
         41.7 percent higher than a year earlier.",
        "2024-10-22",
    );
    let mom = claim(&r, "2 percent");
    assert_eq!(mom.kind, ClaimKind::MomGrowth, "{mom:#?}");
    assert_eq!(mom.verdict, Supported);
    let yoy = claim(&r, "41.7 percent");
    assert_eq!(yoy.kind, ClaimKind::YoyGrowth, "{yoy:#?}");
    assert_eq!(yoy.verdict, Supported);
}

#[test]
fn a_statistic_after_under_places_the_one_before_it() {
    // SBP workbook, 9.2.5 credit, Jul-Feb FY26: 743,389.61 thousand.
    let r = dated(
        "Freelance earnings under the computer services head reached $743.39 million in \
         July-February FY26.",
        "2026-03-25",
    );
    let c = claim(&r, "$743.39 million");
    assert_eq!(c.verdict, Supported, "{c:#?}");
    assert_eq!(c.series.as_deref(), Some("pk.ict.exports.freelance"));
}

#[test]
fn a_percentage_of_a_statistic_is_a_share() {
    // March 2026: call centres 36.41 of 413.62, 8.80%.
    let r = dated(
        "Call centres earned $36.41 million in March 2026, about 9 percent of that month's \
         ICT exports.",
        "2026-04-25",
    );
    let c = claim(&r, "9 percent");
    assert_eq!(c.kind, ClaimKind::Share, "{c:#?}");
    assert_eq!(c.verdict, Supported);
    let r = dated(
        "Call centres earned $36.41 million in March 2026, about 15 percent of that month's \
         ICT exports.",
        "2026-04-25",
    );
    assert_eq!(claim(&r, "15 percent").verdict, Contradicted);
}

#[test]
fn a_target_is_not_a_level() {
    let r = dated(
        "At $4.6 billion, FY2025-26 exports fell short of the $5.2 billion target.",
        "2026-07-25",
    );
    assert_eq!(claim(&r, "$4.6 billion").verdict, Supported);
    let t = claim(&r, "$5.2 billion");
    assert!(!t.verdict.is_error(), "{t:#?}");
}

#[test]
fn the_first_month_on_record_is_a_record_not_a_period() {
    // December 2025 437; the highest month before it was 386 (October 2025).
    let r = dated(
        "Exports reached $437 million in December 2025. It was the first month on record \
         above $400 million.",
        "2026-01-25",
    );
    assert_eq!(claim(&r, "$437 million").verdict, Supported);
    for c in &r.claims {
        assert!(!c.verdict.is_error(), "{c:#?}");
        assert!(!c.period.as_deref().unwrap_or("").contains("Jul"), "{c:#?}");
    }
}

#[test]
fn flows_set_against_each_other_are_not_a_base_in_time() {
    // SBP workbook, item 9, Jul-Feb FY26: credit 2,974.29, debit 422.04.
    let r = dated(
        "In July-February FY26 the ICT surplus was $2.55 billion, with exports of $2.97 \
         billion against imports of $422 million.",
        "2026-03-25",
    );
    let c = claim(&r, "$422 million");
    assert_eq!(c.verdict, Supported, "{c:#?}");
    assert_eq!(c.series.as_deref(), Some("pk.ict.imports"));
    assert_eq!(c.period.as_deref(), Some("FY2025-26:Jul-Feb"));
}

#[test]
fn a_shortfall_against_a_goal_is_not_a_level() {
    let r = dated(
        "Exports reached $4.6 billion in FY2025-26 against a goal of $5.2 billion, a \
         shortfall of $600 million.",
        "2026-07-25",
    );
    assert_eq!(claim(&r, "$4.6 billion").verdict, Supported);
    for text in ["$5.2 billion", "$600 million"] {
        let c = claim(&r, text);
        assert!(!c.verdict.is_error(), "{c:#?}");
    }
}

#[test]
fn a_record_among_one_calendar_month_is_not_judged_as_all_time() {
    // July 2026 417 is the highest July, but below December 2025's 437:
    // a record among Julys only.
    let r = dated(
        "At $417 million, July 2026 was the highest July on record.",
        "2026-08-25",
    );
    assert_eq!(claim(&r, "$417 million").verdict, Supported);
    assert!(
        r.claims.iter().all(|c| !c.verdict.is_error()),
        "{:#?}",
        r.claims
    );
}

#[test]
fn a_statistic_named_right_after_an_amount_is_its_own() {
    // FY2024-25: computer services 3,240 of an ICT total of 3,810 / 3,814.
    let r = dated(
        "Computer services earned $3.24 billion of FY25's $3.81 billion ICT exports.",
        "2025-07-25",
    );
    let c = claim(&r, "$3.81 billion");
    assert_eq!(c.verdict, Supported, "{c:#?}");
    assert_eq!(c.series.as_deref(), Some("pk.ict.exports"));
    assert_eq!(claim(&r, "$3.24 billion").verdict, Supported);
}

#[test]
fn a_difference_above_a_named_month_takes_that_month_as_its_base() {
    // May 2024 332, April 2024 310: +22.
    let r = dated(
        "May 2024's $332 million was $22 million above April's.",
        "2024-06-25",
    );
    let c = claim(&r, "$22 million");
    assert_eq!(c.verdict, Supported, "{c:#?}");
    let r = dated(
        "May 2024's $332 million was $40 million above April's.",
        "2024-06-25",
    );
    assert!(claim(&r, "$40 million").verdict.is_error());
}

#[test]
fn a_share_named_as_the_base_is_judged_in_the_base_period() {
    // Jul-Feb FY26 ICT 2,974.5 of services 6,463.4: 46.02%; Jul-Feb FY25
    // 45.74% on the months as stored.
    let r = dated(
        "ICT made up 46 percent of services exports in July-February FY26, up from 45.7 \
         percent a year earlier.",
        "2026-03-25",
    );
    let now = claim(&r, "46 percent");
    assert_eq!(now.kind, ClaimKind::Share);
    assert_eq!(now.verdict, Supported, "{now:#?}");
    let before = claim(&r, "45.7 percent");
    assert_eq!(before.kind, ClaimKind::Share, "{before:#?}");
    assert_eq!(before.period.as_deref(), Some("FY2024-25:Jul-Feb"));
    assert_eq!(before.verdict, Supported, "{before:#?}");
}
