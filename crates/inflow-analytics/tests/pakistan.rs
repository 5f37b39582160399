//! Headline figures on the bundled Pakistan data, checked against figures
//! published by SBP and quoted in the press (see data/pk-ict-exports).

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_analytics::{ReconciliationStatus, fiscal_year_summary, headline, reconcile};
use inflow_core::{FiscalCalendar, MonthlySeries, PublishedFigure, Vintage, YearMonth, parse_date};

fn load(vintage: Vintage) -> (MonthlySeries, Vec<PublishedFigure>) {
    let batches = inflow_import::bundled_batches().unwrap();
    let meta = batches[0].series[0].value.clone();
    let obs = batches[1].observations.iter().map(|o| o.value.clone());
    let published = batches[2]
        .published
        .iter()
        .map(|p| p.value.clone())
        .collect();
    (MonthlySeries::from_history(meta, vintage, obs), published)
}

fn ym(s: &str) -> YearMonth {
    s.parse().unwrap()
}

#[test]
fn april_2024_is_a_record_with_fytd_up_458() {
    let (s, _) = load(Vintage::Latest);
    let h = headline(&s, ym("2024-04")).unwrap();
    assert_eq!(h.value, 310.0);
    assert_eq!(h.fiscal_year.to_string(), "FY2023-24");
    assert!(h.record.all_time);
    assert_eq!(h.record.previous_high, Some(306.0));
    assert_eq!(h.record.previous_high_month, Some(ym("2024-03")));
    assert_eq!(h.fytd.months, 10);
    assert_eq!(h.fytd.label, "Jul-Apr");
    assert_eq!(h.fytd.value, Some(2593.0));
    assert_eq!(h.fytd.previous, Some(2135.0));
    assert_eq!(h.fytd.change, Some(458.0));
    assert_eq!(
        inflow_analytics::round::round_to(h.fytd.change_pct.unwrap(), 1),
        21.5
    );
    // MoM on March's 306, YoY on April 2023's 191.
    assert_eq!(h.mom.as_ref().unwrap().change, 4.0);
    assert_eq!(h.yoy.as_ref().unwrap().change, 119.0);
    assert!(h.record.calendar_month);
    assert!(h.record.fiscal_year);
}

#[test]
fn may_is_a_record_and_june_is_not() {
    let (s, _) = load(Vintage::Latest);
    let may = headline(&s, ym("2024-05")).unwrap();
    assert_eq!(may.value, 332.0);
    assert!(may.record.all_time);
    assert_eq!(may.record.previous_high_month, Some(ym("2024-04")));
    let june = headline(&s, ym("2024-06")).unwrap();
    assert_eq!(june.value, 298.0);
    assert!(!june.record.all_time);
    assert_eq!(june.record.previous_high, Some(332.0));
    // June 2024 still beats every earlier June.
    assert!(june.record.calendar_month);
    assert_eq!(june.fytd.months, 12);
}

#[test]
fn july_starts_a_new_fiscal_year() {
    let (s, _) = load(Vintage::Latest);
    let july = headline(&s, ym("2024-07")).unwrap();
    assert_eq!(july.fiscal_year.to_string(), "FY2024-25");
    assert_eq!(july.fytd.months, 1);
    assert_eq!(july.fytd.value, Some(286.0));
    assert_eq!(july.fytd.previous, Some(214.0));
    // The first month of a fiscal year is trivially its highest so far: no
    // earlier month to beat, so not called a record.
    assert!(!july.record.fiscal_year);
    assert_eq!(july.record.fiscal_year_previous_high, None);
    // The month-on-month change crosses the boundary from June.
    assert_eq!(july.mom.as_ref().unwrap().month, ym("2024-06"));
}

#[test]
fn gaps_are_named_not_summed() {
    let (s, _) = load(Vintage::Latest);
    // FY2019-20 lacks Jul-Oct 2019 (before the data starts) and Feb, Mar 2020.
    let h = headline(&s, ym("2020-05")).unwrap();
    assert_eq!(h.fytd.value, None);
    assert_eq!(h.fytd.missing.len(), 6);
    assert!(h.fytd.missing.contains(&ym("2020-02")));
    // March 2020 is missing, so April has no month-on-month change...
    let april = headline(&s, ym("2020-04")).unwrap();
    assert_eq!(april.mom, None);
    assert_eq!(april.mom_pct, None);
    // ...and a 12-month sum over the gap is not a number.
    assert_eq!(april.rolling_12m.sum, None);
    // A month without data is an error that says where the data ends.
    let err = headline(&s, ym("2020-03")).unwrap_err().to_string();
    assert!(err.contains("no value for 2020-03"), "{err}");
    // The first complete fiscal year with a complete year before it.
    let fy = fiscal_year_summary(
        &s,
        FiscalCalendar::PAKISTAN
            .parse_fiscal_year("FY2021-22")
            .unwrap(),
        &[],
    )
    .unwrap();
    assert!(fy.complete);
    assert!(fy.previous.is_complete());
}

#[test]
fn revised_values_change_what_was_known() {
    let (latest, _) = load(Vintage::Latest);
    let (then, _) = load(Vintage::AsOf(parse_date("2021-06-01").unwrap()));
    assert_eq!(latest.value(ym("2021-04")), Some(193.0));
    assert_eq!(then.value(ym("2021-04")), Some(196.0));
    // As known on 2021-06-01, May 2021 had not been released.
    assert_eq!(then.last_month(), Some(ym("2021-04")));
    let h = headline(&then, ym("2021-04")).unwrap();
    assert_eq!(h.value, 196.0);
    assert_eq!(h.vintage, Vintage::AsOf(parse_date("2021-06-01").unwrap()));
}

#[test]
fn reconciliation_finds_published_totals_that_disagree() {
    let (s, published) = load(Vintage::Latest);
    let r = reconcile(&s, &published);
    let find = |period: &str, value: f64| {
        r.iter()
            .find(|x| x.published.period.to_string() == period && x.published.value.get() == value)
            .unwrap_or_else(|| panic!("{period} {value}"))
    };
    assert_eq!(
        find("FY2023-24:Jul-Apr", 2593.0).status,
        ReconciliationStatus::Match
    );
    // One report said 3,825 for Jul-Mar FY2024-25: a typo for 2,825.
    let typo = find("FY2024-25:Jul-Mar", 3825.0);
    assert_eq!(typo.status, ReconciliationStatus::Discrepancy);
    // Monthly values sum to 2,840.928 for those nine months in the latest
    // vintage, with SBP's revised February and March 2025 (306.294, 344.928).
    assert_eq!(typo.difference, Some(984.072));
    // Jul-Oct 2019 is before the monthly data starts.
    assert_eq!(
        find("FY2019-20:Jul-Oct", 438.0).status,
        ReconciliationStatus::Incomplete
    );
}

#[test]
fn headline_json_keys_are_stable() {
    let (s, _) = load(Vintage::Latest);
    let v = serde_json::to_value(headline(&s, ym("2024-04")).unwrap()).unwrap();
    assert_eq!(v["series"], "pk.ict.exports");
    assert_eq!(v["month"], "2024-04");
    assert_eq!(v["fiscal_year"], "FY2023-24");
    assert_eq!(v["value"], 310.0);
    assert_eq!(v["unit"], "USD million");
    assert_eq!(v["mom_pct"], 1.3);
    assert_eq!(v["yoy_pct"], 62.3);
    assert_eq!(v["fytd"]["months"], 10);
    assert_eq!(v["fytd"]["value"], 2593.0);
    assert_eq!(v["fytd"]["previous"], 2135.0);
    assert_eq!(v["fytd"]["change"], 458.0);
    assert_eq!(v["fytd"]["change_pct"], 21.5);
    assert_eq!(v["record"]["all_time"], true);
    assert_eq!(v["record"]["previous_high"], 306.0);
    assert_eq!(v["record"]["previous_high_month"], "2024-03");
}
