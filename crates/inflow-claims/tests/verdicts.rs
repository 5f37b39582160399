//! Verdicts on sentences written for these tests, judged against the
//! bundled Pakistan data (SBP monthly values, published totals).

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_claims::{ClaimKind, Context, ProjectionSummary, Projector, Report, Verdict, check};
use inflow_core::{FiscalYear, MonthlySeries, Vintage, parse_date};

mod common;
use common::Bundled;

fn run(text: &str, as_of: Option<&str>) -> Report {
    let vintage = as_of.map_or(Vintage::Latest, |d| Vintage::AsOf(parse_date(d).unwrap()));
    let data = Bundled::load(vintage);
    check(text, &data.ctx())
}

/// (claim text, verdict) pairs, in order.
fn verdicts(text: &str) -> Vec<(String, Verdict)> {
    run(text, None)
        .claims
        .into_iter()
        .map(|c| (c.text, c.verdict))
        .collect()
}

fn verdict_of(text: &str, claim: &str) -> Verdict {
    let r = run(text, None);
    common::claim(&r, claim).verdict
}

use Verdict::*;

#[test]
fn supported_levels_of_every_period_form() {
    let cases = [
        ("Receipts came to $332 million in May 2024.", "$332 million"),
        (
            "Receipts came to US$ 2.593 billion in July-April 2023-24.",
            "US$ 2.593 billion",
        ),
        ("In Jul-Mar FY25 the sector earned $2.83bn.", "$2.83bn"),
        (
            "The sector earned $3.223 billion in FY24.",
            "$3.223 billion",
        ),
        (
            "The sector earned $3.223 billion in FY2023-24.",
            "$3.223 billion",
        ),
        (
            "The sector earned $3.223 billion in fiscal year 2023-24.",
            "$3.223 billion",
        ),
        ("The sector earned $876 million in 1QFY25.", "$876 million"),
        (
            "The sector earned $1,150 million in 5MFY24.",
            "$1,150 million",
        ),
        (
            "The sector earned $1.455 billion in 1HFY24.",
            "$1.455 billion",
        ),
        (
            "In the first seven months of FY24, the sector earned $1.72 billion.",
            "$1.72 billion",
        ),
        (
            "From July 2023 to March 2024 the sector earned $2,283 million.",
            "$2,283 million",
        ),
        (
            "In calendar year 2023 the sector earned $2.728 billion.",
            "$2.728 billion",
        ),
        (
            "In the second quarter of FY25 the sector earned $1.002 billion.",
            "$1.002 billion",
        ),
    ];
    for (text, claim) in cases {
        assert_eq!(verdict_of(text, claim), Supported, "{text}");
    }
}

#[test]
fn relative_periods_resolve_from_context() {
    // The previous sentence fixes the period; "the same period last year"
    // moves it back a year.
    let text = "The sector earned $2.83 billion in July-March FY25. \
                It had earned $2.28 billion in the same period last year.";
    assert_eq!(
        verdicts(text),
        vec![
            ("$2.83 billion".into(), Supported),
            ("$2.28 billion".into(), Supported),
        ]
    );
    // A month without a year takes the year of the month beside it.
    let text = "Receipts were $310 million in April 2024. In March they were $306 million.";
    assert_eq!(verdicts(text)[1], ("$306 million".into(), Supported));
    // "a year earlier" and "the previous month".
    let text =
        "Receipts reached $437 million in December 2025 against $348 million a year earlier.";
    assert!(verdicts(text).iter().all(|(_, v)| *v == Supported));
    let text =
        "Receipts rose by $49 million from the previous month to $306 million in March 2024.";
    assert!(
        verdicts(text).iter().all(|(_, v)| *v == Supported),
        "{:?}",
        verdicts(text)
    );
    // A month with no year anywhere near cannot be checked.
    let text = "Receipts were $320 million in October.";
    assert_eq!(verdicts(text), vec![("$320 million".into(), Unverifiable)]);
}

#[test]
fn growth_rates_allow_journalists_rounding() {
    // 2,593 / 2,135 - 1 = 21.45%: "21%" is cut short, "21.5%" rounded.
    for pct in ["21%", "21.5%", "21.45%", "about 21%"] {
        let text =
            format!("July-April FY24 receipts of $2.593 billion were up {pct} year-on-year.");
        let r = run(&text, None);
        let c = r.claims.iter().find(|c| c.unit == "percent").unwrap();
        assert_eq!(c.verdict, Supported, "{pct}: {}", c.explanation);
        assert_eq!(c.kind, ClaimKind::YoyGrowth);
    }
    for pct in ["20%", "23%", "21.8%"] {
        let text =
            format!("July-April FY24 receipts of $2.593 billion were up {pct} year-on-year.");
        let r = run(&text, None);
        let c = r.claims.iter().find(|c| c.unit == "percent").unwrap();
        assert_eq!(c.verdict, Contradicted, "{pct}");
        assert!((c.evidence.expected.unwrap() - 21.45).abs() < 0.01);
    }
    // Month on month: 306 / 257 - 1 = 19.07%.
    let text = "Receipts rose 19.1% month-on-month to $306 million in March 2024.";
    let r = run(text, None);
    assert_eq!(r.claims[0].kind, ClaimKind::MomGrowth);
    assert_eq!(r.claims[0].verdict, Supported);
    // A fall: 324 / 330 - 1 = -1.8%.
    assert_eq!(
        verdict_of(
            "Receipts fell 2% in November 2024 from the previous month.",
            "2%"
        ),
        Supported
    );
    assert_eq!(
        verdict_of(
            "Receipts grew 2% in November 2024 from the previous month.",
            "2%"
        ),
        Contradicted
    );
}

#[test]
fn inconsistent_when_the_text_disagrees_with_itself() {
    // 230 / 200 - 1 = 15%, not 25%: no data needed.
    let text = "Call centre receipts rose 25% to $230 million from $200 million.";
    let r = run(text, None);
    let pct = r.claims.iter().find(|c| c.text == "25%").unwrap();
    assert_eq!(pct.verdict, Inconsistent);
    assert_eq!(pct.series.as_deref(), Some("pk.ict.exports.call_centre"));
    assert!((pct.evidence.expected.unwrap() - 15.0).abs() < 1e-9);
    // The same rate is fine when the figures agree.
    let text = "Call centre receipts rose 15% to $230 million from $200 million.";
    assert_eq!(verdict_of(text, "15%"), Unverifiable);
    // A difference that is not the difference.
    let text = "Receipts rose to $310 million in April 2024 from $306 million in March, a gain of $14 million.";
    assert_eq!(verdict_of(text, "$14 million"), Inconsistent);
    // A difference and a rate that disagree: 45 / 300 = 15%.
    let text = "Software receipts went up by $45 million, or 25%, from $300 million.";
    assert_eq!(verdict_of(text, "25%"), Inconsistent);
    // A period whose length is misnamed.
    let text = "In the first eight months (July to March) of FY24, receipts were $2.283 billion.";
    let r = run(text, None);
    let len = r
        .claims
        .iter()
        .find(|c| c.kind == ClaimKind::PeriodLength)
        .unwrap();
    assert_eq!(len.verdict, Inconsistent);
    assert_eq!(len.evidence.expected, Some(9.0));
    assert_eq!(verdict_of(text, "$2.283 billion"), Supported);
}

#[test]
fn unit_errors() {
    for (text, claim) in [
        (
            "July-April FY24 receipts were $2.593 million.",
            "$2.593 million",
        ),
        (
            "July-April FY24 receipts were 2,593 billion dollars.",
            "2,593 billion dollars",
        ),
        ("April 2024 receipts were $0.31 million.", "$0.31 million"),
        ("FY2023-24 receipts were $3,223 billion.", "$3,223 billion"),
        (
            "July-April FY24 receipts were $2,593 billion.",
            "$2,593 billion",
        ),
        ("FY2023-24 receipts were $3,22 billion.", "$3,22 billion"),
    ] {
        let r = run(text, None);
        let c = r.claims.iter().find(|c| c.text == claim).unwrap();
        assert_eq!(c.verdict, UnitError, "{text}: {}", c.explanation);
        assert!(c.evidence.expected.is_some());
    }
}

#[test]
fn contradictions_give_the_expected_value() {
    let r = run("Receipts were $290 million in June 2024.", None);
    assert_eq!(r.claims[0].verdict, Contradicted);
    assert_eq!(r.claims[0].evidence.expected, Some(298.0));
    // A level presented as an increase.
    let r = run("Receipts increased by $298 million in June 2024.", None);
    let c = &r.claims[0];
    assert_eq!((c.kind, c.verdict), (ClaimKind::YoyChange, Contradicted));
    assert_eq!(c.evidence.expected, Some(62.0));
    assert!(
        c.explanation.contains("is the level of June 2024"),
        "{}",
        c.explanation
    );
    // A record that was not one: May 2024 had 332.
    assert_eq!(
        verdict_of("Receipts hit a record $298 million in June 2024.", "record"),
        Contradicted
    );
    assert_eq!(
        verdict_of("Receipts hit a record $332 million in May 2024.", "record"),
        Supported
    );
    // A wrong fiscal-year-to-date total says which months it does match.
    let r = run(
        "In the first eight months of FY24, receipts were $2.283 billion.",
        None,
    );
    assert_eq!(r.claims[0].verdict, Contradicted);
    assert!(
        r.claims[0].explanation.contains("first 9 months"),
        "{}",
        r.claims[0].explanation
    );
}

#[test]
fn vintage_decides_what_was_known() {
    // April 2025 was first published as 314 and revised to 317.
    let text = "Receipts were $314 million in April 2025.";
    assert_eq!(run(text, Some("2025-05-25")).claims[0].verdict, Supported);
    assert_eq!(run(text, None).claims[0].verdict, Contradicted);
    // Before the release there is nothing to check.
    assert_eq!(
        run(text, Some("2025-05-01")).claims[0].verdict,
        Unverifiable
    );
    assert_eq!(
        run(text, Some("2025-05-25")).claims[0].evidence.vintage,
        "2025-05-25"
    );
}

#[test]
fn unverifiable_says_what_is_missing() {
    for (text, needle) in [
        ("Receipts were Rs959 million in April 2024.", "rupees"),
        (
            "Textile exports were $1.5 billion in April 2024.",
            "textile",
        ),
        ("Receipts were $300 million.", "No period"),
        ("Receipts were $150 million in March 2020.", "no value"),
        (
            "Computer services receipts were $250 million in April 2024.",
            "computer",
        ),
    ] {
        let r = run(text, None);
        assert_eq!(r.claims[0].verdict, Unverifiable, "{text}");
        assert!(
            r.claims[0].explanation.contains(needle),
            "{}",
            r.claims[0].explanation
        );
    }
}

#[test]
fn components_are_checked_against_published_subtotals() {
    // PBS: computer services 2,110.99 million in FY2022-23; total 2,596.
    let text = "Computer services receipts were $2.111 billion in FY2022-23.";
    assert_eq!(verdict_of(text, "$2.111 billion"), Supported);
    let text = "Computer services made up 81% of ICT receipts in FY2022-23.";
    let r = run(text, None);
    assert_eq!(
        (r.claims[0].kind, r.claims[0].verdict),
        (ClaimKind::Share, Supported)
    );
}

#[test]
fn per_day_proceeds() {
    // 332 million over 31 days.
    assert_eq!(
        verdict_of(
            "Receipts averaged $10.7 million a day in May 2024.",
            "$10.7 million"
        ),
        Supported
    );
    assert_eq!(
        verdict_of(
            "Receipts averaged $12 million a day in May 2024.",
            "$12 million"
        ),
        Contradicted
    );
}

struct Fixed;

impl Projector for Fixed {
    fn project(&self, fy: FiscalYear, target: Option<f64>) -> Option<ProjectionSummary> {
        (fy.to_string() == "FY2025-26").then(|| ProjectionSummary {
            point: 4400.0,
            lo_80: 4250.0,
            hi_80: 4550.0,
            lo_95: 4150.0,
            hi_95: 4650.0,
            p_exceed: target.map(|t| if t < 4400.0 { 0.9 } else { 0.4 }),
            model: "test".into(),
            as_of: "2025-12".parse().unwrap(),
        })
    }
}

#[test]
fn forecasts_report_the_projection() {
    let text = "Receipts are expected to exceed $4 billion in FY26.";
    let r = run(text, None);
    assert_eq!(r.claims[0].verdict, Forecast);
    assert!(r.claims[0].explanation.contains("no projector"));
    let data = Bundled::load(Vintage::Latest);
    let ctx = data.ctx().with_projector(&Fixed);
    let r = check(text, &ctx);
    let c = &r.claims[0];
    assert_eq!((c.kind, c.verdict), (ClaimKind::Forecast, Forecast));
    let p = c.evidence.projection.as_ref().unwrap();
    assert_eq!(p.p_exceed, Some(0.9));
    assert!(c.explanation.contains("4,400"), "{}", c.explanation);
    // A year that is over: the outcome is reported beside the claim.
    let r = run(
        "Receipts were likely to cross $3 billion in FY2023-24.",
        None,
    );
    assert!(
        r.claims[0].explanation.contains("3,223"),
        "{}",
        r.claims[0].explanation
    );
}

#[test]
fn json_shape() {
    let r = run(
        "Receipts were $310 million in April 2024, an all-time high.",
        None,
    );
    let v = serde_json::to_value(&r).unwrap();
    let c = &v["claims"][0];
    for key in [
        "sentence",
        "span",
        "kind",
        "value",
        "unit",
        "period",
        "series",
        "verdict",
        "explanation",
        "evidence",
    ] {
        assert!(c.get(key).is_some(), "missing {key}");
    }
    assert_eq!(c["verdict"], "supported");
    assert_eq!(c["kind"], "monthly_value");
    assert_eq!(c["span"], serde_json::json!([14, 26]));
    assert_eq!(c["unit"], "USD million");
    assert_eq!(c["period"], "2024-04");
    assert_eq!(c["evidence"]["vintage"], "latest");
    assert_eq!(c["evidence"]["value"], 310.0);
    assert_eq!(v["claims"][1]["kind"], "record");
    assert_eq!(v["claims"][1]["text"], "all-time high");
}

#[test]
fn records_within_a_window() {
    // October 2024 (330) is below May 2024 (332) but above June to September.
    let cases = [
        (
            "Receipts reached $330 million in October 2024, the highest in five months.",
            Supported,
        ),
        (
            "Receipts reached $330 million in October 2024, the highest in twelve months.",
            Contradicted,
        ),
        (
            "Receipts reached $330 million in October 2024, the highest since May 2024.",
            Supported,
        ),
        (
            "Receipts reached $330 million in October 2024, the highest ever.",
            Contradicted,
        ),
        (
            "Receipts reached $348 million in December 2024, the highest of the current fiscal year.",
            Supported,
        ),
        (
            "Receipts reached $332 million in May 2024, the second highest ever.",
            Unverifiable,
        ),
    ];
    for (text, want) in cases {
        assert_eq!(verdict_of(text, "highest"), want, "{text}");
    }
}

#[test]
fn press_habits_that_are_not_errors() {
    // "rose $89 million" is the change, not the level.
    assert_eq!(
        verdict_of(
            "Receipts rose $89 million year-on-year to $437 million in December 2025.",
            "$89 million"
        ),
        Supported
    );
    // Rates computed from published totals that revisions later moved:
    // 2,236 / 1,864 - 1 = 20.0%, while the revised monthly values give 19.1%.
    assert_eq!(
        verdict_of(
            "Receipts for July-December FY26 were $2.236 billion, up 20% from $1.864 billion a year earlier.",
            "20%"
        ),
        Supported
    );
    // A year named by the calendar year the fiscal year ends in.
    assert_eq!(
        verdict_of("Receipts were $2.6 billion in 2023.", "$2.6 billion"),
        Supported
    );
    // A monthly average over a fiscal year: 3,823 / 12.
    assert_eq!(
        verdict_of(
            "Receipts averaged $318 million a month in FY25.",
            "$318 million"
        ),
        Supported
    );
    // Percentages that are not growth rates are left alone.
    assert_eq!(
        verdict_of("A 5% tax applied to receipts in FY24.", "5%"),
        Unverifiable
    );
    // A hyphenated scale.
    assert_eq!(
        verdict_of("Receipts were $3.2-billion in FY24.", "$3.2-billion"),
        Supported
    );
    // Amounts without a scale are not totals.
    assert_eq!(
        verdict_of("Freelance fees averaged $25 per hour in FY24.", "$25"),
        Unverifiable
    );
}

#[test]
fn component_series_when_supplied() {
    let batches = inflow_import::bundled_batches().unwrap();
    let meta = batches[0]
        .series
        .iter()
        .map(|s| s.value.clone())
        .find(|m| m.key.as_str() == "pk.ict.exports.computer")
        .unwrap();
    // A made-up monthly value, to exercise the component path.
    let obs = inflow_core::Observation {
        series: meta.key.clone(),
        period: "2024-04".parse().unwrap(),
        value: Some(inflow_core::Amount::try_new(250.0).unwrap()),
        status: inflow_core::ObsStatus::Reported,
        release_date: parse_date("2024-05-20").unwrap(),
        source_url: String::new(),
        note: String::new(),
    };
    let computer = [MonthlySeries::from_history(
        meta,
        Vintage::Latest,
        vec![obs],
    )];
    let data = Bundled::load(Vintage::Latest);
    let ctx = Context::new(&data.total)
        .with_published(&data.published)
        .with_components(&computer)
        .unwrap();
    let r = check(
        "Computer services brought in $250 million in April 2024.",
        &ctx,
    );
    assert_eq!(r.claims[0].verdict, Supported);
    assert_eq!(
        r.claims[0].series.as_deref(),
        Some("pk.ict.exports.computer")
    );
    // The total is not a component of itself.
    let total = [data.total.clone()];
    assert!(Context::new(&data.total).with_components(&total).is_err());
}

#[test]
fn comparison_words_place_the_base() {
    // "over April" is the base month of a month-on-month change.
    let text = "Receipts were $332 million in May 2024, an increase of $22 million over April.";
    let r = run(text, None);
    assert_eq!(
        (r.claims[1].kind, r.claims[1].verdict),
        (ClaimKind::MomChange, Supported)
    );
    // "over FY23's $2.6 billion" is a base with its own year.
    let text = "Receipts reached $3.2 billion in FY24, a 24 percent rise over FY23's $2.6 billion.";
    assert!(
        run(text, None)
            .claims
            .iter()
            .all(|c| c.verdict == Supported)
    );
    // A target is forward-looking; the figure after it is not.
    let text = "Against the target of $3.5 billion, receipts reached $3.223 billion in FY24.";
    assert_eq!(
        verdicts(text),
        vec![
            ("$3.5 billion".into(), Forecast),
            ("$3.223 billion".into(), Supported),
        ]
    );
    // Sentence-opening "Over" names the period, not a base.
    let text = "Over July-April 2023-24 the sector brought in US$ 2.593 billion.";
    assert_eq!(
        verdicts(text),
        vec![("US$ 2.593 billion".into(), Supported)]
    );
}

#[test]
fn month_named_a_year_back() {
    // "May last year" is May 2023 beside May 2024: 332 / 236 - 1 = 40.7%.
    let text = "Receipts in May 2024 rose 40.7pc to $332mn compared to $236mn in May last year.";
    assert!(
        run(text, None)
            .claims
            .iter()
            .all(|c| c.verdict == Supported),
        "{:#?}",
        run(text, None).claims
    );
    // A monthly average named well before the figure: 3,823 / 12.
    let text = "The monthly average of receipts in FY25 was $318 million.";
    assert_eq!(verdicts(text), vec![("$318 million".into(), Supported)]);
}

#[test]
fn shares_name_their_component_before_or_after() {
    // PBS computer services 2,110.99 of 2,607 (monthly sum) in FY2022-23.
    let text = "Receipts grew in FY23, with 81% coming from computer services.";
    let r = run(text, None);
    assert_eq!(
        (r.claims[0].kind, r.claims[0].verdict),
        (ClaimKind::Share, Supported)
    );
    assert_eq!(
        r.claims[0].series.as_deref(),
        Some("pk.ict.exports.computer")
    );
    let text = "Receipts grew in FY23, with 60% coming from computer services.";
    assert_eq!(run(text, None).claims[0].verdict, Contradicted);
}
