//! A text read as an article: the publication date, and what a sentence
//! takes from the ones before it. The sentences were written for these
//! tests.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_claims::{Report, Verdict, check};
use inflow_core::{Vintage, parse_date};

mod common;
use common::Bundled;

use Verdict::*;

/// Judged as known on `date`, published on `date`.
fn dated(text: &str, date: &str) -> Report {
    let d = parse_date(date).unwrap();
    let data = Bundled::load(Vintage::AsOf(d));
    check(text, &data.ctx().with_published_on(d))
}

fn verdicts(r: &Report) -> Vec<(&str, Verdict, Option<&str>)> {
    r.claims
        .iter()
        .map(|c| (c.text.as_str(), c.verdict, c.period.as_deref()))
        .collect()
}

#[test]
fn bare_months_take_the_year_of_publication() {
    // Published in April 2024: "March" is March 2024, "February" too.
    let r = dated(
        "Software and IT-enabled services exports stood at $306 million in March, against $257 million in February.",
        "2024-04-20",
    );
    assert_eq!(
        verdicts(&r),
        [
            ("$306 million", Supported, Some("2024-03")),
            ("$257 million", Supported, Some("2024-02")),
        ],
        "{:#?}",
        r.claims
    );
    // Published in January 2024: "December" is December 2023.
    let r = dated("ICT proceeds were $303 million in December.", "2024-01-25");
    assert_eq!(verdicts(&r), [("$303 million", Supported, Some("2023-12"))]);
    // The same sentence read without a date names no year.
    let data = Bundled::load(Vintage::Latest);
    let r = check("ICT proceeds were $303 million in December.", &data.ctx());
    assert_eq!(r.claims[0].verdict, Unverifiable);
}

#[test]
fn last_month_and_this_fiscal_year_follow_the_publication_date() {
    let r = dated("IT exports rose to $306 million last month.", "2024-04-20");
    assert_eq!(verdicts(&r), [("$306 million", Supported, Some("2024-03"))]);
    let r = dated(
        "So far this fiscal year, IT exports have totalled $2.283 billion.",
        "2024-04-20",
    );
    assert_eq!(r.claims[0].verdict, Supported, "{:#?}", r.claims);
    assert_eq!(r.claims[0].period.as_deref(), Some("FY2023-24:Jul-Mar"));
}

#[test]
fn a_dated_base_is_compared_with_the_same_month_a_year_on() {
    // Published in October 2024 about September: the base names its own
    // year, the current figure is September 2024.
    let r = dated(
        "Receipts posted a 41.7% increase from $206 million in September 2023.",
        "2024-10-25",
    );
    assert_eq!(
        verdicts(&r),
        [
            ("41.7%", Supported, Some("2024-09")),
            ("$206 million", Supported, Some("2023-09")),
        ],
        "{:#?}",
        r.claims
    );
}

#[test]
fn a_sentence_takes_the_period_of_the_one_before() {
    let data = Bundled::load(Vintage::Latest);
    let r = check(
        "In March 2024 the sector earned $306 million. That was up from $225 million a year earlier.",
        &data.ctx(),
    );
    assert_eq!(
        verdicts(&r),
        [
            ("$306 million", Supported, Some("2024-03")),
            ("$225 million", Supported, Some("2023-03")),
        ],
        "{:#?}",
        r.claims
    );
}

#[test]
fn a_sentence_takes_the_statistic_and_level_of_the_one_before() {
    let data = Bundled::load(Vintage::Latest);
    // The second sentence names no statistic: it is still about telecom,
    // which has no monthly values here, so it is not judged against the
    // total.
    let r = check(
        "Telecom exports rose to $45 million in April 2024. They were up 30% on a year earlier.",
        &data.ctx(),
    );
    let c = r.claims.iter().find(|c| c.text == "30%").unwrap();
    assert_eq!(
        c.series.as_deref(),
        Some("pk.ict.exports.telecom"),
        "{c:#?}"
    );
    assert_eq!(c.verdict, Unverifiable);
    // The level of the sentence before, against this one's base: 430 / 402
    // - 1 = 6.97%, not 9.6%.
    let text = "Telecom exports reached $430 million in the period. This shows growth of 9.6% compared with $402 million a year earlier.";
    let r = check(text, &data.ctx());
    let c = r.claims.iter().find(|c| c.text == "9.6%").unwrap();
    assert_eq!(c.verdict, Inconsistent, "{c:#?}");
    assert!(c.evidence.computation.contains("sentence before"), "{c:#?}");
    let r = check(&text.replace("9.6%", "7%"), &data.ctx());
    let c = r.claims.iter().find(|c| c.text == "7%").unwrap();
    assert_ne!(c.verdict, Inconsistent, "{c:#?}");
}

#[test]
fn a_forecast_is_judged_after_the_fact() {
    // Said in May 2024 about FY2023-24, judged with the data known then
    // and with the outcome in the latest data.
    let d = parse_date("2024-05-21").unwrap();
    let then = Bundled::load(Vintage::AsOf(d));
    let latest = Bundled::load(Vintage::Latest);
    let ctx = then.ctx().with_published_on(d).with_outcome(&latest.total);
    let r = check(
        "IT exports are expected to exceed $3 billion in FY2023-24.",
        &ctx,
    );
    let c = &r.claims[0];
    assert_eq!(c.verdict, Forecast);
    assert!(c.explanation.contains("it came true"), "{}", c.explanation);
    assert!(c.explanation.contains("3,223"), "{}", c.explanation);
    let r = check(
        "IT exports are expected to exceed $4 billion in FY2023-24.",
        &ctx,
    );
    assert!(
        r.claims[0].explanation.contains("did not come true"),
        "{}",
        r.claims[0].explanation
    );
}
