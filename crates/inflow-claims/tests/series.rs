//! The series a claim is judged against: found from the words near it (the
//! economy, the flow, the item) and the series' metadata, in the series'
//! own unit. The sentences were written for these tests.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_claims::{Context, Report, Verdict, check};
use inflow_core::{record::*, *};

mod common;
use common::Bundled;

use Verdict::*;

/// Checks `text` and asserts the first claim's verdict and, when given,
/// the series it was judged against.
fn judged(ctx: &Context<'_>, text: &str, verdict: Verdict, series: Option<&str>) -> Report {
    let r = check(text, ctx);
    assert_eq!(r.claims[0].verdict, verdict, "{}", r.claims[0].explanation);
    if let Some(s) = series {
        assert_eq!(r.claims[0].series.as_deref(), Some(s));
    }
    r
}

fn meta(
    key: &str,
    title: &str,
    economy: &str,
    flow: Flow,
    ebops: &str,
    unit: Unit,
    fy: u32,
) -> SeriesMeta {
    SeriesMeta {
        key: key.parse().unwrap(),
        title: title.into(),
        economy: economy.parse().unwrap(),
        flow,
        ebops: ebops.parse().unwrap(),
        partner: Partner::World,
        unit,
        frequency: Frequency::Monthly,
        source: "a statistics office".into(),
        fiscal: FiscalCalendar::new(fy).unwrap(),
    }
}

fn series(meta: SeriesMeta, values: &[(&str, f64)]) -> MonthlySeries {
    let key = meta.key.clone();
    let obs = values.iter().map(|(m, v)| Observation {
        series: key.clone(),
        period: m.parse().unwrap(),
        value: Some(inflow_core::Amount::try_new(*v).unwrap()),
        status: ObsStatus::Reported,
        release_date: parse_date("2025-06-30").unwrap(),
        source_url: String::new(),
        note: String::new(),
    });
    MonthlySeries::from_history(meta, Vintage::Latest, obs)
}

const USD_BILLION: Unit = Unit {
    currency: unit::Currency::USD,
    scale: Scale::Billion,
};

/// A second economy: India's ICT exports in USD billion, April fiscal
/// year, with made-up values.
fn india() -> MonthlySeries {
    series(
        meta(
            "in.ict.exports",
            "India: exports of telecommunication, computer and information services",
            "IN",
            Flow::Exports,
            "SI",
            USD_BILLION,
            4,
        ),
        &[
            ("2023-01", 28.6),
            ("2024-01", 32.8),
            ("2024-02", 28.42),
            ("2024-03", 33.1),
        ],
    )
}

fn verdicts(r: &Report) -> Vec<(String, Verdict)> {
    r.claims
        .iter()
        .map(|c| (c.text.clone(), c.verdict))
        .collect()
}

#[test]
fn a_billion_series_is_judged_in_billions() {
    let india = india();
    let ctx = Context::new(&india);
    let r = judged(
        &ctx,
        "India's ICT exports were $32.8 billion in January 2024.",
        Supported,
        None,
    );
    // The evidence is in the series' own unit, not in millions.
    let ev = &r.claims[0].evidence;
    assert_eq!(ev.unit.as_deref(), Some("USD billion"));
    assert!((ev.value.unwrap() - 32.8).abs() < 1e-9, "{ev:#?}");
    assert!(
        ev.tolerance.as_deref().unwrap().contains("±0.05"),
        "{ev:#?}"
    );
    // "million" against a billion series is a scale question.
    let r = judged(
        &ctx,
        "Indian IT exports came to $28.42 million in February 2024.",
        UnitError,
        None,
    );
    let ev = &r.claims[0].evidence;
    assert_eq!(ev.unit.as_deref(), Some("USD billion"));
    assert!((ev.expected.unwrap() - 28.42).abs() < 1e-9, "{ev:#?}");
    // A billion series published to one decimal: 32.8 is ±0.05 billion, and 33.0 is ±0.05.
    judged(
        &ctx,
        "India's ICT exports were $33.0 billion in January 2024.",
        Contradicted,
        None,
    );
    let r = check(
        "India's IT exports rose 14.7% to $32.8 billion in January 2024.",
        &ctx,
    );
    assert_eq!(verdicts(&r)[0].1, Supported, "{:#?}", r.claims);
}

#[test]
fn the_economy_named_picks_its_series() {
    let data = Bundled::load(Vintage::Latest);
    let others: Vec<MonthlySeries> = data.others.iter().cloned().chain([india()]).collect();
    let ctx = Context::new(&data.total)
        .with_series(&others)
        .with_published(&data.published);
    // Without naming an economy: the main series (Pakistan).
    let r = check("ICT exports were $306 million in March 2024.", &ctx);
    assert_eq!(r.claims[0].verdict, Supported);
    assert_eq!(r.claims[0].series.as_deref(), Some("pk.ict.exports"));
    // Naming India: India's series, in its unit and its fiscal year.
    judged(
        &ctx,
        "India's IT exports were $32.8 billion in January 2024.",
        Supported,
        Some("in.ict.exports"),
    );
    judged(
        &ctx,
        "Indian IT exports came to $28.42 million in February 2024.",
        UnitError,
        None,
    );
    // The economy carries to the next sentence until another is named.
    let r = check(
        "India's software industry had a strong winter. IT exports were $33.1 billion in March 2024. \
         In Pakistan, IT exports were $306 million in March 2024.",
        &ctx,
    );
    assert_eq!(
        r.claims
            .iter()
            .map(|c| c.series.clone().unwrap_or_default())
            .collect::<Vec<_>>(),
        ["in.ict.exports", "pk.ict.exports"]
    );
    assert!(
        r.claims.iter().all(|c| c.verdict == Supported),
        "{:#?}",
        r.claims
    );
}

#[test]
fn an_economy_without_series_is_unverifiable_naming_it() {
    let data = Bundled::load(Vintage::Latest);
    let r = check(
        "Bangladesh's ICT exports reached $1.2 billion in FY2023-24.",
        &data.ctx(),
    );
    assert_eq!(r.claims[0].verdict, Unverifiable);
    assert!(
        r.claims[0].explanation.contains("Bangladesh"),
        "{}",
        r.claims[0].explanation
    );
    // A market is not the reporter: Pakistan's exports to the UAE are not
    // the UAE's exports, and not Pakistan's total either.
    let r = check(
        "Pakistan's IT exports to the UAE were $50 million in March 2024.",
        &data.ctx(),
    );
    assert_eq!(
        r.claims[0].verdict, Unverifiable,
        "{}",
        r.claims[0].explanation
    );
}

#[test]
fn other_statistics_are_not_judged_against_the_headline() {
    let data = Bundled::load(Vintage::Latest);
    let ctx = data.ctx();
    // Imports, a balance, freelancers and total services have no series in
    // the bundle: each is unverifiable, naming what is missing.
    for (text, needle) in [
        ("ICT imports were $30 million in March 2024.", "imports"),
        (
            "The services trade deficit was $301 million in March 2024.",
            "net",
        ),
        (
            "Freelancers brought in $40 million in March 2024.",
            "freelance",
        ),
        (
            "Total services exports were $700 million in March 2024.",
            "total services",
        ),
    ] {
        let r = check(text, &ctx);
        let c = &r.claims[0];
        assert_eq!(c.verdict, Unverifiable, "{text}: {}", c.explanation);
        assert!(c.explanation.contains(needle), "{text}: {}", c.explanation);
    }
}

#[test]
fn items_are_found_by_metadata_not_by_key() {
    let data = Bundled::load(Vintage::Latest);
    // A freelancers' series whose key says nothing: its title carries
    // SBP's item number.
    let free = series(
        meta(
            "pk.x42",
            "Pakistan: 9.2.5 Freelance of computer and information services",
            "PK",
            Flow::Exports,
            "SI2",
            Unit::USD_MILLION,
            7,
        ),
        &[("2024-03", 41.0)],
    );
    let imports = series(
        meta(
            "pk.y7",
            "Pakistan: imports of telecommunication, computer and information services",
            "PK",
            Flow::Imports,
            "SI",
            Unit::USD_MILLION,
            7,
        ),
        &[("2024-03", 30.0)],
    );
    // The bundled SBP workbook has freelance and import series of its own
    // (without March 2024); leave them out so these two are the only match.
    let bundled = data
        .others
        .iter()
        .filter(|s| s.meta.flow == Flow::Exports && !s.meta.key.as_str().contains("freelance"));
    let others: Vec<MonthlySeries> = bundled.cloned().chain([free, imports]).collect();
    let ctx = Context::new(&data.total)
        .with_series(&others)
        .with_published(&data.published);
    judged(
        &ctx,
        "Freelancers brought in $41 million in March 2024.",
        Supported,
        Some("pk.x42"),
    );
    judged(
        &ctx,
        "ICT imports were $30 million in March 2024.",
        Supported,
        Some("pk.y7"),
    );
    // A balance is exports less imports of the same statistic: 306 - 30.
    judged(
        &ctx,
        "The ICT trade surplus was $276 million in March 2024.",
        Supported,
        Some("pk.ict.exports less pk.y7"),
    );
    judged(
        &ctx,
        "The ICT trade surplus was $290 million in March 2024.",
        Contradicted,
        None,
    );
    // Computer services is not the freelancers' series, although both
    // carry the code SI2.
    let r = check(
        "Computer services brought in $41 million in March 2024.",
        &ctx,
    );
    assert_ne!(r.claims[0].series.as_deref(), Some("pk.x42"));
}
