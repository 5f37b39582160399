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
