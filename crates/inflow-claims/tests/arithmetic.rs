//! The text's own arithmetic and the bounds the data set: hedges, the verb
//! lexicon, pairs at mixed scales, currency slips, period names against
//! their months, fiscal years written with a slash, implausible
//! magnitudes. The sentences were written for these tests.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_claims::{Report, Verdict, check};
use inflow_core::Vintage;

mod common;
use common::Bundled;

use Verdict::*;

fn run(text: &str) -> Report {
    let data = Bundled::load(Vintage::Latest);
    check(text, &data.ctx())
}

fn verdict_of(text: &str, claim: &str) -> Verdict {
    let r = run(text);
    common::claim(&r, claim).verdict
}

#[test]
fn a_hedge_widens_by_the_rounding_of_its_number_not_by_a_point() {
    // 291 / 300 - 1 = -3.0%: "around 4%" is not that, "around 3%" is.
    let text = "Telecom receipts slipped from $300 million to $291 million, a fall of around 4%.";
    assert_eq!(verdict_of(text, "4%"), Inconsistent);
    let text = "Telecom receipts slipped from $300 million to $291 million, a fall of around 3%.";
    assert_ne!(verdict_of(text, "3%"), Inconsistent);
    // A decimal hedged stays a decimal: 3.0% is not "about 3.9%".
    let text = "Telecom receipts slipped from $300 million to $291 million, a fall of about 3.9%.";
    assert_eq!(verdict_of(text, "3.9%"), Inconsistent);
}

#[test]
fn change_verbs_come_from_the_lexicon() {
    // "enhanced" is a rise: the percentage is a growth rate and is judged
    // (March 2024 on March 2023 is +36.0%).
    let text = "ICT export proceeds enhanced 36% to $306 million in March 2024.";
    assert_eq!(verdict_of(text, "36%"), Supported);
    let text = "ICT export proceeds enhanced 30% to $306 million in March 2024.";
    assert_eq!(verdict_of(text, "30%"), Contradicted);
    // "tumbled" is a fall.
    let text = "Telecom receipts tumbled from $300 million to $291 million, or 3%.";
    assert_ne!(verdict_of(text, "3%"), Inconsistent);
}

#[test]
fn a_pair_a_thousandfold_apart_is_a_unit_error() {
    // No news agency series is loaded, so only the text's own pair can
    // be judged: 286 against 0.324 is a scale slip, not a 99.9% fall.
    let r = run("News agency receipts moved from $286.00m to $0.324m in the period.");
    assert!(
        r.claims.iter().any(|c| c.verdict == UnitError),
        "{:#?}",
        r.claims
    );
}

#[test]
fn rupees_for_dollars_is_a_unit_error() {
    let text = "IT exports were Rs306 million in March 2024.";
    assert_eq!(verdict_of(text, "Rs306 million"), UnitError);
    // A rupee figure that does not match the dollars stays unverifiable.
    let text = "The ministry spent Rs950 million on software parks in March 2024.";
    assert_eq!(verdict_of(text, "Rs950 million"), Unverifiable);
}

#[test]
fn period_names_are_checked_against_the_months_they_name() {
    // The first half of a fiscal year is six months, not July-September.
    let r = run("In the first half of FY24 (July-September), IT exports were $1.5 billion.");
    assert!(
        r.claims
            .iter()
            .any(|c| c.kind == inflow_claims::ClaimKind::PeriodLength && c.verdict == Inconsistent),
        "{:#?}",
        r.claims
    );
}

#[test]
fn a_fiscal_year_with_a_slash_is_that_year() {
    // FY2020-21 is 2,110 million (published); FY2019-20 would be 1,439.
    let r = run("IT exports came to $2.11 billion in the fiscal year 2020/21.");
    assert_eq!(
        r.claims[0].period.as_deref(),
        Some("FY2020-21"),
        "{:#?}",
        r.claims
    );
    assert_eq!(r.claims[0].verdict, Supported, "{:#?}", r.claims);
}

#[test]
fn implausible_magnitudes_are_flagged() {
    // No month of Pakistan's ICT exports reached half a billion: a services
    // deficit of $301 billion over seven months is a scale slip.
    let text = "The services sector ran a trade deficit of $301 billion in July-January FY23.";
    assert_eq!(verdict_of(text, "$301 billion"), UnitError);
    let text = "The services sector ran a trade deficit of $301 million in July-January FY23.";
    assert_eq!(verdict_of(text, "$301 million"), Unverifiable);
    // Total ICT exports of five million dollars in some period are below
    // a tenth of any month: the figure is a component's.
    let text = "Exports of information technology services increased to US $5.520 million.";
    assert_eq!(verdict_of(text, "US $5.520 million"), Contradicted);
}

#[test]
fn a_level_reached_by_a_rise_must_be_above_its_base() {
    // FY2022-23 (2,596 published) was below FY2021-22 (2,616).
    let text = "Technology exports climbed to $2.596 billion in FY2022-23 from $2.616 billion in FY2021-22.";
    assert_eq!(verdict_of(text, "$2.596 billion"), Inconsistent);
    let text = "Technology exports slipped to $2.596 billion in FY2022-23 from $2.616 billion in FY2021-22.";
    assert_eq!(verdict_of(text, "$2.596 billion"), Supported);
    // Within the rounding of both figures, no direction is contradicted.
    let text =
        "Technology exports edged up to $2.6 billion in FY2022-23 from $2.6 billion in FY2021-22.";
    assert_ne!(verdict_of(text, "$2.6 billion"), Inconsistent);
}
