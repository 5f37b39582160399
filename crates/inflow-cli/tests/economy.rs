//! A second economy end to end through the binary, with made-up figures: a
//! monthly series of total services (EBOPS `S`) in USD billion on an April
//! fiscal year next to the bundled Pakistan data, and a quarterly series in
//! a database made without the bundled data (`inflow init --empty`).

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use common::Env;

mod common;

const OBS_HEADER: &str = "series,period,value,status,release_date,source_url,note\n";

/// April 2022 to January 2024, USD billion to two decimals. FY2022-23
/// sums to 323.65;
/// October 2023 is 28.42 and January 2024 32.8 (first published as 32.5).
const MONTHLY: [f64; 22] = [
    25.11, 25.62, 25.33, 26.04, 26.41, 26.93, 27.22, 27.54, 28.43, 27.91, 27.15,
    29.96, // FY2022-23
    25.8, 26.2, 27.1, 27.4, 28.0, 28.4, 28.42, 28.9, 31.0, 32.8, // Apr 2023 - Jan 2024
];

fn monthly_economy(env: &Env) {
    env.import(
        "in-series.csv",
        "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n\
         in.services.exports,India: services exports,IN,exports,S,W1,USD billion,M,Reserve Bank of India,4\n",
    );
    let mut rows = String::from(OBS_HEADER);
    for (i, v) in MONTHLY.iter().enumerate() {
        let (y, m) = (2022 + (i + 3) / 12, (i + 3) % 12 + 1);
        let (ry, rm) = (2022 + (i + 4) / 12, (i + 4) % 12 + 1);
        let first = if (y, m) == (2024, 1) { 32.5 } else { *v };
        rows.push_str(&format!(
            "in.services.exports,{y}-{m:02},{first},reported,{ry}-{rm:02}-15,https://stats.example/in/{i},\n"
        ));
    }
    rows.push_str(
        "in.services.exports,2024-01,32.8,revised,2024-03-15,https://stats.example/in/rev,\n",
    );
    env.import("in-obs.csv", &rows);
    // A published FY2022-23 total 0.66 billion above the sum of its months.
    env.import(
        "in-published.csv",
        "series,period,value,publisher,release_date,source_url,note\n\
         in.services.exports,FY2022-23,324.31,RBI,2023-06-01,https://stats.example/in/fy,\n",
    );
}

#[test]
fn a_usd_billion_april_year_series_runs_through_every_command() {
    let env = Env::new();
    monthly_economy(&env);

    let shown = env.json(&["show", "in.services.exports", "--format", "json"]);
    assert_eq!(shown.as_array().unwrap().len(), 22);
    assert_eq!(shown[0]["fiscal_year"], "FY2022-23");

    let h = env.json(&[
        "headline",
        "--series",
        "in.services.exports",
        "--month",
        "2024-01",
        "--format",
        "json",
    ]);
    assert_eq!(h["value"], 32.8);
    assert_eq!(h["fytd"]["label"], "Apr-Jan");
    assert_eq!(h["fytd"]["months"], 10);
    assert!(h["record"]["all_time"].as_bool().unwrap());

    let fy = env.json(&[
        "fy",
        "--series",
        "in.services.exports",
        "--fy",
        "FY2022-23",
        "--format",
        "json",
    ]);
    assert_eq!(fy[0]["total"]["value"], 323.65);
    assert_eq!(fy[0]["complete"], true);

    let rev = env.json(&["revisions", "in.services.exports", "--format", "json"]);
    assert_eq!(rev.as_array().unwrap().len(), 1);

    // 324.31 published against 323.65 summed: 0.66 billion is a discrepancy
    // in a series published to two decimals, not a rounding difference.
    let rec = env.json(&["reconcile", "in.services.exports", "--format", "json"]);
    let row = &rec.as_array().unwrap()[0];
    assert_eq!(row["status"], "discrepancy", "{row}");

    let p = env.stdout(&[
        "project",
        "--series",
        "in.services.exports",
        "--fy",
        "FY2023-24",
    ]);
    assert!(p.contains("FY2023-24"), "{p}");

    let sdmx = env.stdout(&[
        "export",
        "--series",
        "in.services.exports",
        "--format",
        "sdmx-csv",
    ]);
    assert!(
        sdmx.lines()
            .any(|l| l.contains("2024-01") && l.contains("32.8")),
        "{sdmx}"
    );
}

#[test]
fn the_checker_judges_billions_against_the_economy_the_text_names() {
    let env = Env::new();
    monthly_economy(&env);
    let text = "India's services exports were $32.8 billion in January 2024. \
                In October 2023 Indian services exports came to $28.42 million.";
    for extra in [&[][..], &["--series", "in.services.exports"][..]] {
        let mut args = vec!["check", "--as-of", "2024-03-20", "--format", "json"];
        args.extend_from_slice(extra);
        let v = env.json_with_input(&args, text);
        assert_eq!(
            common::verdicts(&v),
            ["supported", "unit_error"],
            "{extra:?}: {v}"
        );
    }
}

/// Words that would show the bundled series' chrome in another economy's
/// brief.
const PAKISTAN: &[&str] = &[
    "Pakistan",
    "SBP",
    "State Bank",
    "July",
    "Jul-",
    "pk.ict",
    "PKR",
];

fn assert_says_nothing_of_pakistan(what: &str, text: &str) {
    for w in PAKISTAN {
        if let Some(at) = text.find(w) {
            let from = (0..=at.saturating_sub(80))
                .rev()
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(0);
            panic!("{what} says {w:?}: ...{}", &text[from..at + w.len()]);
        }
    }
}

#[test]
fn the_brief_of_another_economy_speaks_of_it_alone() {
    let env = Env::new();
    monthly_economy(&env);
    let key = "in.services.exports";
    for format in ["md", "html", "json"] {
        let out = env.dir.path().join(format!("brief-{format}"));
        env.cmd(&[
            "brief",
            "--series",
            key,
            "--month",
            "2024-01",
            "--format",
            format,
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
        let text = std::fs::read_to_string(out.join(format!("brief.{format}"))).unwrap();
        assert!(text.contains("India"), "{format}: {text}");
        assert!(text.contains("FY2023-24"), "{format}: {text}");
        assert_says_nothing_of_pakistan(&format!("the {format} brief"), &text);
        for chart in ["monthly", "cumulative", "projection"] {
            let svg = std::fs::read_to_string(out.join(format!("{chart}.svg"))).unwrap();
            assert_says_nothing_of_pakistan(&format!("{chart}.svg"), &svg);
        }
    }
    // The figures are billions, in the series' own unit, as released with
    // January 2024 (32.5, revised later to 32.8), on an April year.
    let md = std::fs::read_to_string(env.dir.path().join("brief-md/brief.md")).unwrap();
    assert!(md.contains("were $32.5 billion"), "{md}");
    assert!(md.contains("(April 2023 to January 2024)"), "{md}");
    assert!(!md.contains("million"), "{md}");
    let text = env.stdout(&[
        "brief", "--series", key, "--month", "2024-01", "--format", "text",
    ]);
    assert!(text.contains("India"), "{text}");
    assert_says_nothing_of_pakistan("the text brief", &text);
}

const QUARTERLY_SERIES: &str = "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n\
     in.services.quarterly,India: services exports by quarter,IN,exports,S,W1,USD billion,Q,Reserve Bank of India,4\n";

/// 2019-Q2 (FY2019-20 Q1) to 2021-Q1 (FY2020-21 Q4).
const QUARTERS: [(&str, f64, &str); 8] = [
    ("2019-Q2", 50.0, "2019-08-20"),
    ("2019-Q3", 52.0, "2019-11-20"),
    ("2019-Q4", 55.0, "2020-02-20"),
    ("2020-Q1", 53.0, "2020-05-20"),
    ("2020-Q2", 54.0, "2020-08-20"),
    ("2020-Q3", 56.0, "2020-11-20"),
    ("2020-Q4", 60.0, "2021-02-20"),
    ("2021-Q1", 58.0, "2021-05-20"),
];

fn quarterly_economy(env: &Env) {
    env.stdout(&["init", "--empty"]);
    env.import("q-series.csv", QUARTERLY_SERIES);
    let mut rows = String::from(OBS_HEADER);
    for (q, v, released) in QUARTERS {
        rows.push_str(&format!(
            "in.services.quarterly,{q},{v},reported,{released},https://stats.example/q/{q},\n"
        ));
    }
    env.import("q-obs.csv", &rows);
}

#[test]
fn an_empty_database_holds_only_what_is_imported() {
    let env = Env::new();
    let out = env.stdout(&["init", "--empty"]);
    assert!(out.contains("0 series"), "{out}");
    // Asking again does not turn the file into something else.
    env.cmd(&["init", "--empty"]).assert().code(4);
    env.import("q-series.csv", QUARTERLY_SERIES);
    let list = env.stdout(&["series"]);
    assert!(list.contains("in.services.quarterly"), "{list}");
    assert!(!list.contains("pk.ict.exports"), "{list}");
}

#[test]
fn a_quarterly_series_imports_and_shows_fiscal_quarters() {
    let env = Env::new();
    quarterly_economy(&env);

    let shown = env.json(&["show", "in.services.quarterly", "--format", "json"]);
    assert_eq!(shown.as_array().unwrap().len(), 8);
    assert_eq!(shown[0]["month"], "2019-Q2");
    assert_eq!(shown[0]["fiscal_period"], "FY2019-20 Q1");
    assert_eq!(shown[7]["fiscal_period"], "FY2020-21 Q4");
    let table = env.stdout(&["show", "in.services.quarterly"]);
    assert!(
        table.contains("quarter") && table.contains("FY2020-21 Q3"),
        "{table}"
    );

    let h = env.json(&[
        "headline",
        "--series",
        "in.services.quarterly",
        "--format",
        "json",
    ]);
    assert_eq!(h["month"], "2021-Q1");
    assert_eq!(h["frequency"], "Q");
    assert_eq!(h["fiscal_period"], "FY2020-21 Q4");
    assert_eq!(h["fytd"]["months"], 4);
    assert_eq!(h["fytd"]["value"], 228.0);
    assert_eq!(h["record"]["all_time"], false);
    let table = env.stdout(&[
        "headline",
        "--series",
        "in.services.quarterly",
        "--month",
        "2020-Q4",
    ]);
    assert!(table.contains("FY2020-21 Q3, Oct-Dec 2020"), "{table}");
    assert!(
        table.contains("on the quarter (vs Jul-Sep 2020)"),
        "{table}"
    );
    assert!(table.contains("Record: all-time high"), "{table}");
    assert!(
        table.contains("Highest October-December quarter on record"),
        "{table}"
    );

    let fy = env.json(&[
        "fy",
        "--series",
        "in.services.quarterly",
        "--format",
        "json",
    ]);
    assert_eq!(fy[0]["fiscal_year"], "FY2019-20");
    assert_eq!(fy[0]["total"]["value"], 210.0);
    assert_eq!(fy[1]["complete"], true);
    let table = env.stdout(&[
        "fy",
        "--series",
        "in.services.quarterly",
        "--fy",
        "FY2020-21",
    ]);
    assert!(table.contains("FY2020-21 Q1 (Apr-Jun 2020)"), "{table}");

    // A month is not a quarter: the error names the option and the form.
    let err = env
        .cmd(&[
            "headline",
            "--series",
            "in.services.quarterly",
            "--month",
            "2020-04",
        ])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains("\"2020-04\"") && err.contains("quarterly") && err.contains("YYYY-Qn"),
        "{err}"
    );
    // Commands that need months say so instead of misreading quarters.
    let err = env
        .cmd(&["project", "--series", "in.services.quarterly"])
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("is quarterly"), "{err}");
}

#[test]
fn a_quarterly_series_beside_the_bundled_data_is_counted_and_leaves_the_checker_working() {
    let env = Env::created();
    env.import("q-series.csv", QUARTERLY_SERIES);
    let mut rows = String::from(OBS_HEADER);
    for (q, v, released) in QUARTERS {
        rows.push_str(&format!(
            "in.services.quarterly,{q},{v},reported,{released},https://stats.example/q/{q},\n"
        ));
    }
    let obs = env.write("q-obs.csv", &rows);
    let out = env.stdout(&["import", obs.to_str().unwrap()]);
    // The summary lists months; the quarters are counted, not left out.
    assert!(
        out.contains("8 rows of quarterly or annual series"),
        "{out}"
    );
    // The checker reads monthly series and leaves the quarterly one aside
    // (it had failed: "series in.services.quarterly is quarterly").
    let v = env.json_with_input(
        &["check", "--format", "json"],
        "Pakistan's IT exports were $310 million in April 2024.",
    );
    assert_eq!(common::verdicts(&v), ["supported"], "{v}");
}

#[test]
fn a_quarterly_series_exports_as_sdmx_quarters_in_its_unit() {
    let env = Env::new();
    quarterly_economy(&env);
    let out = env.stdout(&["export", "--format", "sdmx-csv"]);
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("DATAFLOW,FREQ,"), "{out}");
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    // FREQ Q, USD billion (UNIT_MULT 9), the quarter as SDMX writes it.
    assert_eq!(first[1], "Q", "{out}");
    assert_eq!(&first[6..10], ["USD", "9", "2019-Q2", "50"], "{out}");
    assert_eq!(out.lines().count(), 1 + 8);
    // The calendar lists monthly series only, without failing on this one.
    env.cmd(&["calendar"]).assert().success();
}
