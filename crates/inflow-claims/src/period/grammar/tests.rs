use super::*;
use crate::scan::tokenize;
use proptest::prelude::*;

const PK: FiscalCalendar = FiscalCalendar::PAKISTAN;

/// The periods found in `s`, resolved where the text fixes them.
fn found(s: &str) -> Vec<String> {
    let t = tokenize(s);
    mentions(&t, PK)
        .into_iter()
        .map(|m| match m.spec {
            Spec::Exact(p) => p.to_string(),
            Spec::FirstMonths(n, Some(fy)) => {
                ClaimPeriod::first_months(fy, n).map_or("?".into(), |p| p.to_string())
            }
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn every_written_form() {
    let cases: &[(&str, &str)] = &[
        ("in April 2024", "2024-04"),
        ("in Apr, 2024", "2024-04"),
        ("in Sept 2023", "2023-09"),
        ("July-April 2023-24", "FY2023-24:Jul-Apr"),
        ("July to April 2023–24", "FY2023-24:Jul-Apr"),
        ("Jul-Mar FY25", "FY2024-25:Jul-Mar"),
        ("July–March of FY2024-25", "FY2024-25:Jul-Mar"),
        ("the August-January period of FY2022-23", "2022-08..2023-01"),
        ("July-November months of 2021-22", "FY2021-22:Jul-Nov"),
        ("July-February in FY26", "FY2025-26:Jul-Feb"),
        ("July 2023 to March 2024", "FY2023-24:Jul-Mar"),
        ("between July 2023 and March 2024", "FY2023-24:Jul-Mar"),
        ("July to March 2024", "FY2023-24:Jul-Mar"),
        ("FY24", "FY2023-24"),
        ("FY2023-24", "FY2023-24"),
        ("FY 2023-24", "FY2023-24"),
        ("fiscal year 2020/21", "FY2020-21"),
        ("FY2020/21", "FY2020-21"),
        ("FY23-24", "FY2023-24"),
        ("fiscal year 2021-22", "FY2021-22"),
        ("financial year 2023–24", "FY2023-24"),
        ("the fiscal year 2024", "FY2023-24"),
        ("2023-24", "FY2023-24"),
        ("1QFY25", "FY2024-25:Jul-Sep"),
        ("Q1FY25", "FY2024-25:Jul-Sep"),
        ("2QFY25", "2024-10..2024-12"),
        ("1HFY24", "FY2023-24:Jul-Dec"),
        ("5MFY24", "FY2023-24:Jul-Nov"),
        ("first seven months of FY24", "FY2023-24:Jul-Jan"),
        ("first quarter of FY25", "FY2024-25:Jul-Sep"),
        ("second half of FY2023-24", "2024-01..2024-06"),
        ("seven months of FY2023-24", "FY2023-24:Jul-Jan"),
        ("7MFY24", "FY2023-24:Jul-Jan"),
        ("calendar year 2023", "2023-01..2023-12"),
        ("CY23", "2023-01..2023-12"),
        ("April FY24", "2024-04"),
        ("the current financial year 2023–24", "FY2023-24"),
    ];
    for (text, want) in cases {
        assert_eq!(found(text), vec![want.to_string()], "{text}");
    }
}

#[test]
fn forms_left_to_context() {
    assert_eq!(found("in November"), vec!["MonthNoYear(11)"]);
    assert_eq!(found("during July-March"), vec!["RangeNoYear(7, 3)"]);
    assert_eq!(
        found("the first seven months"),
        vec!["FirstMonths(7, None)"]
    );
    assert_eq!(found("the same period last year"), vec!["YearEarlier"]);
    assert_eq!(found("the same month a year earlier"), vec!["YearEarlier"]);
    assert_eq!(found("a year ago"), vec!["YearEarlier"]);
    assert_eq!(found("the previous month"), vec!["MonthEarlier"]);
    assert_eq!(found("the current fiscal year"), vec!["FiscalRelative(0)"]);
    assert_eq!(found("last fiscal year"), vec!["FiscalRelative(-1)"]);
    let fy23 = PK.parse_fiscal_year("FY2022-23").unwrap();
    assert_eq!(
        found("the corresponding months of the last fiscal year 2022-23"),
        vec![format!("{:?}", Spec::CorrespondingOf(fy23))]
    );
    // The first eight months, named with the months they are.
    assert_eq!(
        found("the first eight months (July to March) of FY24"),
        vec!["FY2023-24:Jul-Feb", "FY2023-24:Jul-Mar"]
    );
}

#[test]
fn not_periods() {
    // "may" the verb, "march" the noun, a number, a year that is not
    // a period of its own.
    assert!(found("exports may rise as workers march on with 310 since 2019").is_empty());
    assert_eq!(found("exports rose in 2024"), vec!["BareYear(2024)"]);
    assert!(found("FY").is_empty());
    assert!(found("2023-25").is_empty());
}

proptest! {
    #[test]
    fn fiscal_labels_round_trip(start in 2000i32..2090) {
        let fy = PK.fiscal_year_starting(start).unwrap();
        let want = fy.to_string();
        for text in [
            fy.to_string(),
            fy.short_label(),
            format!("fiscal year {}-{:02}", start, (start + 1) % 100),
            format!("{}-{}", start, start + 1),
        ] {
            prop_assert_eq!(found(&text), vec![want.clone()], "{}", text);
        }
    }

    #[test]
    fn month_ranges_resolve(start in 2000i32..2090, last in 0i32..12) {
        let fy = PK.fiscal_year_starting(start).unwrap();
        let through = fy.first_month().unwrap().add_months(last).unwrap();
        let want = ClaimPeriod::first_months(fy, last as u32 + 1).unwrap().to_string();
        let text = format!("July-{} {}", through.name(), fy.short_label());
        let got = found(&text);
        if last == 0 {
            // "July-July" is one month.
            prop_assert_eq!(got, vec![format!("{}", fy.first_month().unwrap())]);
        } else {
            prop_assert_eq!(got, vec![want.clone()]);
        }
        let compact = format!("{}MFY{:02}", last + 1, fy.end_year() % 100);
        prop_assert_eq!(found(&compact), vec![want]);
    }

    #[test]
    fn never_panics(s in "\\PC{0,60}") {
        let t = tokenize(&s);
        let _ = mentions(&t, PK);
    }

    #[test]
    fn never_panics_on_near_misses(s in "(FY|fiscal year|first|[1-9]|Q|H|M|QFY|MFY|July|May|to|-|–|of|the|20[0-9][0-9]|[0-9]{2}| ){0,12}") {
        let t = tokenize(&s);
        let _ = mentions(&t, PK);
    }
}
