//! The `inflow` binary tested from outside, each test with its own database
//! in a fresh temporary directory (created from the bundled data on first
//! use, as a new user's would be).

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use common::Env;
use serve::{http_get, serve};

mod common;
#[path = "../../inflow-server/tests/common/serve.rs"]
mod serve;

#[test]
fn headline_april_2024_matches_the_published_figures() {
    let env = Env::new();
    let v = env.json(&["headline", "--month", "2024-04", "--format", "json"]);
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

#[test]
fn may_2024_is_a_record_and_june_is_not() {
    let env = Env::new();
    let may = env.json(&["headline", "--month", "2024-05", "--format", "json"]);
    assert_eq!(may["value"], 332.0);
    assert_eq!(may["record"]["all_time"], true);
    let june = env.json(&["headline", "--month", "2024-06", "--format", "json"]);
    assert_eq!(june["value"], 298.0);
    assert_eq!(june["record"]["all_time"], false);
    assert_eq!(june["record"]["previous_high"], 332.0);
}

#[test]
fn headline_defaults_to_the_latest_month() {
    let env = Env::new();
    let v = env.json(&["headline", "--format", "json"]);
    assert_eq!(v["month"], "2026-07");
    assert_eq!(v["value"], 417.0);
    assert_eq!(v["fiscal_year"], "FY2026-27");
    assert_eq!(v["source_tier"], "official");
}

#[test]
fn headline_table_snapshot() {
    let env = Env::new();
    insta::assert_snapshot!(env.stdout(&[
        "headline",
        "--month",
        "2024-04",
        "--today",
        "2026-12-02"
    ]));
}

#[test]
fn headline_csv_has_one_row_with_the_json_figures() {
    let env = Env::new();
    let out = env.stdout(&["headline", "--month", "2024-04", "--format", "csv"]);
    let mut lines = out.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("series,month,fiscal_year,value,unit,mom_pct")
    );
    assert!(lines.next().unwrap().starts_with(
        "pk.ict.exports,2024-04,FY2023-24,310,USD million,1.3,62.3,10,2593,2135,458,21.5,"
    ));
}

#[test]
fn show_as_of_returns_the_value_known_then() {
    let env = Env::new();
    let args = [
        "show",
        "pk.ict.exports",
        "--from",
        "2021-04",
        "--to",
        "2021-04",
        "--format",
        "json",
    ];
    let latest = env.json(&args);
    assert_eq!(latest[0]["value"], 193.0);
    assert_eq!(latest[0]["status"], "revised");
    let mut then = args.to_vec();
    then.extend(["--as-of", "2021-06-01"]);
    let v = env.json(&then);
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["value"], 196.0);
    assert_eq!(v[0]["release_date"], "2021-05-20");
}

#[test]
fn fiscal_year_and_revisions_and_reconcile() {
    let env = Env::new();
    let fy = env.json(&["fy", "--fy", "FY2023-24", "--format", "json"]);
    assert_eq!(fy[0]["total"]["value"], 3223.0);
    assert_eq!(fy[0]["published"][0]["value"], 3223.0);
    assert_eq!(fy[0]["complete"], true);
    let rev = env.json(&["revisions", "pk.ict.exports", "--format", "json"]);
    // Nine revisions in press reports, six more from SBP's own tables.
    assert_eq!(rev.as_array().unwrap().len(), 15);
    let rec = env.json(&[
        "reconcile",
        "pk.ict.exports",
        "--discrepancies",
        "--format",
        "json",
    ]);
    assert!(
        rec.as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "discrepancy")
    );
    assert!(
        rec.as_array()
            .unwrap()
            .iter()
            .any(|r| r["published"]["value"] == 3825.0)
    );
}

fn sha(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_bad_row_rejects_the_whole_file_and_leaves_the_database_byte_for_byte() {
    let env = Env::new();
    env.cmd(&["series"]).assert().success();
    let before = sha(&env.db());
    let good = "pk.ict.exports,2026-03,390,reported,2026-04-20,https://example.org/march,\n";
    let cases = [
        (
            "value.csv",
            format!(
                "{good}pk.ict.exports,2026-04,abc,reported,2026-05-20,https://example.org/april,\n"
            ),
            "value.csv:3:3: field `value`",
        ),
        (
            "month.csv",
            format!("{good}pk.ict.exports,2024-13,1,reported,2025-01-20,https://example.org/x,\n"),
            "month.csv:3:2: field `period`",
        ),
        (
            "dup.csv",
            format!("{good}{good}"),
            "dup.csv:3:2: field `period`: duplicate key",
        ),
    ];
    for (name, rows, expected) in cases {
        let file = env.write(
            name,
            format!("series,period,value,status,release_date,source_url,note\n{rows}"),
        );
        env.cmd(&["import", file.to_str().unwrap()])
            .assert()
            .code(4)
            .stderr(predicate::str::contains(expected));
        assert_eq!(sha(&env.db()), before, "{name} changed the database");
    }
    // A conflict with a stored vintage is found only against the database,
    // after parsing succeeded: still nothing is written.
    let conflict = env.write(
        "conflict.csv",
        format!("series,period,value,status,release_date,source_url,note\n{good}pk.ict.exports,2021-04,150,reported,2021-05-20,https://example.org/x,\n"),
    );
    env.cmd(&["import", conflict.to_str().unwrap()])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "conflict.csv:3: pk.ict.exports 2021-04 released 2021-05-20 is already stored as 196",
        ));
    assert_eq!(sha(&env.db()), before);
}

#[test]
fn importing_a_release_adds_a_vintage() {
    let env = Env::new();
    let file = env.write(
        "august.csv",
        "series,period,value,status,release_date,source_url,note\n\
         pk.ict.exports,2026-07,420,revised,2026-09-20,https://example.org/august,\n\
         pk.ict.exports,2026-08,390,reported,2026-09-20,https://example.org/august,\n",
    );
    env.cmd(&["import", file.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "added 1 new month and 1 revision in 1 series",
        ))
        .stdout(predicate::str::contains("+0.7%"))
        .stdout(predicate::str::contains("2026-08-19"));
    let v = env.json(&["headline", "--format", "json"]);
    assert_eq!(v["month"], "2026-08");
    assert_eq!(v["mom"]["value"], 420.0);
    let before = env.json(&[
        "headline",
        "--month",
        "2026-07",
        "--as-of",
        "2026-09-01",
        "--format",
        "json",
    ]);
    assert_eq!(before["value"], 417.0);
    env.cmd(&["import", file.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "already imported as release 2; nothing added",
        ));
}

#[test]
fn a_new_economy_with_its_own_fiscal_calendar() {
    let env = Env::new();
    let series = env.write(
        "series.csv",
        "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n\
         in.ict.exports,India: computer services exports,IN,exports,SI2,W1,USD million,M,RBI,4\n",
    );
    let obs = env.write(
        "obs.csv",
        "series,period,value,status,release_date,source_url,note\n\
         in.ict.exports,2024-03,100,reported,2024-05-01,https://example.org/in,\n\
         in.ict.exports,2024-04,110,reported,2024-06-01,https://example.org/in,\n",
    );
    env.cmd(&["import", series.to_str().unwrap(), obs.to_str().unwrap()])
        .assert()
        .success();
    let v = env.json(&["headline", "--series", "in.ict.exports", "--format", "json"]);
    assert_eq!(v["fiscal_year"], "FY2024-25");
    assert_eq!(v["fytd"]["months"], 1);
    assert_eq!(v["fytd"]["value"], 110.0);
}

#[test]
fn the_series_listing_reads_back_as_a_series_file() {
    let env = Env::new();
    let listing = env.stdout(&["series", "--format", "csv"]);
    let header = "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start";
    assert_eq!(
        listing.lines().next().unwrap(),
        format!("{header},first_month,last_month,observations,published_totals")
    );
    // The four coverage columns at the end hold no commas; what is left of
    // each line is the series' definition as an import file states it.
    let definitions: String = listing
        .lines()
        .map(|l| l.rsplitn(5, ',').last().unwrap().to_string() + "\n")
        .collect();
    assert!(definitions.contains(",7\n"), "{definitions}");
    let same = env.write("same.csv", &definitions);
    env.cmd(&["import", same.to_str().unwrap()])
        .assert()
        .success();
    let moved = env.write("moved.csv", definitions.replacen(",7\n", ",1\n", 1));
    env.cmd(&["import", moved.to_str().unwrap()])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("fiscal_start \"7\", not \"1\""));
}

#[test]
fn errors_are_clear_and_exit_codes_meaningful() {
    let env = Env::new();
    env.cmd(&["headline", "--month", "2024-13"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid month"));
    env.cmd(&["headline", "--series", "pk.nope"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("unknown series \"pk.nope\""));
    env.cmd(&["headline", "--month", "2020-03"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("no value for 2020-03"));
    env.cmd(&["fy", "--fy", "FY2023-25"]).assert().code(2);
    let missing = env.dir.path().join("nope.csv");
    env.cmd(&["import", missing.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read"));
    let not_db = env.write("not.db", "plain text");
    Command::cargo_bin("inflow")
        .unwrap()
        .args(["--db", not_db.to_str().unwrap(), "series"])
        .assert()
        .code(5);
}

/// The projection the README and the issue quote: FY2023-24 as a reader
/// had it with April 2024's figure, against a $3 billion target.
const PROJECT_FY24_AS_OF_APRIL: [&str; 9] = [
    "project",
    "--fy",
    "FY2023-24",
    "--as-of",
    "2024-04",
    "--target",
    "3000",
    "--format",
    "json",
];

#[test]
fn project_fy24_as_of_april_2024() {
    let env = Env::new();
    let v = env.json(&PROJECT_FY24_AS_OF_APRIL);
    for key in [
        "series",
        "fiscal_year",
        "as_of",
        "months_known",
        "actual_to_date",
        "point",
        "intervals",
        "target",
        "p_exceed",
        "model",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["fiscal_year"], "FY2023-24");
    assert_eq!(v["as_of"], "2024-04");
    assert_eq!(v["months_known"], 10);
    assert_eq!(v["actual_to_date"], 2593.0);
    assert_eq!(v["target"], 3000.0);
    let lo = v["intervals"]["80"][0].as_f64().unwrap();
    let hi = v["intervals"]["80"][1].as_f64().unwrap();
    let point = v["point"].as_f64().unwrap();
    assert!(lo < point && point < hi);
    assert!((0.0..=1.0).contains(&v["p_exceed"].as_f64().unwrap()));
    env.cmd(&["project", "--as-of", "2020-03"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no published value for 2020-03"));
}

#[test]
fn backtest_prints_one_row_per_month_known() {
    let env = Env::new();
    let v = env.json(&["backtest", "--format", "json"]);
    // FY2025-26 is complete in SBP's tables, so five years are scored.
    assert_eq!(v["fiscal_years"].as_array().unwrap().len(), 5);
    assert_eq!(v["rows"].as_array().unwrap().len(), 11);
    let table = env.stdout(&["backtest"]);
    assert!(table.contains("run-rate"));
}

#[test]
fn check_judges_a_text_from_stdin() {
    let env = Env::new();
    let text = "Receipts rose to $310 million in April 2024, a record. \
                In July-April FY2023-24 they reached $2.593 billion against $2.135 million a year earlier. \
                The total is expected to exceed $3 billion in FY2023-24.";
    let v = env.json_with_input(
        &["check", "--as-of", "2024-05-21", "--format", "json"],
        text,
    );
    let verdicts = common::verdicts(&v);
    assert!(verdicts.contains(&"unit_error"), "{verdicts:?}");
    assert!(verdicts.contains(&"forecast"), "{verdicts:?}");
    assert!(
        verdicts.iter().filter(|v| **v == "supported").count() >= 2,
        "{verdicts:?}"
    );
    for c in v["claims"].as_array().unwrap() {
        let [a, b] = [
            c["span"][0].as_u64().unwrap() as usize,
            c["span"][1].as_u64().unwrap() as usize,
        ];
        assert!(a < b && b <= text.len());
    }
    env.cmd(&["check", "/nonexistent/file.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read"));
    let bin = env.dir.path().join("bin.txt");
    std::fs::write(&bin, [0xff, 0xfe, 0x00]).unwrap();
    env.cmd(&["check", bin.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not UTF-8"));
}

#[test]
fn brief_writes_text_and_charts() {
    let env = Env::new();
    let out = env.dir.path().join("brief");
    env.cmd(&[
        "brief",
        "--month",
        "2024-04",
        "--format",
        "md",
        "--out",
        out.to_str().unwrap(),
    ])
    .assert()
    .success();
    let md = std::fs::read_to_string(out.join("brief.md")).unwrap();
    for needle in [
        "$310 million",
        "$306 million",
        "March 2024",
        "$2.593 billion",
        "$2.135 billion",
        "$458 million",
        "21.5%",
        "FY2023-24",
    ] {
        assert!(md.contains(needle), "brief lacks {needle}");
    }
    for chart in ["monthly", "cumulative", "projection"] {
        let png = std::fs::read(out.join(format!("{chart}.png"))).unwrap();
        assert!(
            png.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{chart}.png is not a PNG"
        );
        let svg = std::fs::read_to_string(out.join(format!("{chart}.svg"))).unwrap();
        assert!(svg.contains("<svg"), "{chart}.svg is not SVG");
    }
    env.cmd(&["brief", "--month", "2020-03"]).assert().code(3);
}

#[test]
fn invalid_arguments_exit_2_and_no_data_exits_3() {
    let env = Env::new();
    let panel = env.write("panel.csv", "series_id,t,value\na,1,2\n");
    env.cmd(&[
        "forecast",
        "--input",
        panel.to_str().unwrap(),
        "--horizon",
        "0",
    ])
    .assert()
    .code(2);
    // Interval levels and month ranges are parsed by clap into validated
    // types, so every command refuses them alike.
    let p = panel.to_str().unwrap();
    for (args, says) in [
        (
            vec!["forecast", "--input", p, "--level", "100"],
            "strictly between 0 and 100",
        ),
        (
            vec!["forecast", "--input", p, "--level", "eighty"],
            "such as 80 or 95",
        ),
        (
            vec!["backtest", "--input", p, "--level", "0"],
            "strictly between 0 and 100",
        ),
        (
            vec!["backtest", "--input", p, "--months-known", "5-12"],
            "within 0-11",
        ),
    ] {
        env.cmd(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    env.cmd(&["show", "--from", "2024-05", "--to", "2024-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2024-05 is after"));
    env.cmd(&["serve", "--addr", "127.0.0.1:0", "--admin-token", "short"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least 16 characters"));
    let series = env.write(
        "series.csv",
        "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n\
         in.ict.exports,India: computer services exports,IN,exports,SI2,W1,USD million,M,RBI,4\n",
    );
    env.cmd(&["import", series.to_str().unwrap()])
        .assert()
        .success();
    env.cmd(&["project", "--series", "in.ict.exports"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("no data"));
    // A database without any series says what to do, not an empty list.
    let empty = Env::new();
    empty.stdout(&["init", "--empty"]);
    empty
        .cmd(&["project"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "known series: none (the database is empty",
        ));
}

#[test]
fn a_multi_file_import_names_the_files_stored_and_not() {
    let env = Env::new();
    let header = "series,period,value,status,release_date,source_url,note\n";
    let good = env.write(
        "good.csv",
        format!(
            "{header}pk.ict.exports,2026-09,390,reported,2026-10-20,https://example.org/march,\n"
        ),
    );
    let bad = env.write(
        "bad.csv",
        format!(
            "{header}pk.ict.exports,2026-10,abc,reported,2026-11-20,https://example.org/april,\n"
        ),
    );
    let out = env
        .cmd(&["import", good.to_str().unwrap(), bad.to_str().unwrap()])
        .assert()
        .code(4)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.contains("good.csv (csv): added 1 new month and 0 revisions"),
        "{stdout}"
    );
    assert!(
        stderr.contains("bad.csv was not stored (") && stderr.contains("good.csv stored before it"),
        "{stderr}"
    );
    assert!(stderr.contains("bad.csv:2:3: field `value`"), "{stderr}");
    assert!(!stderr.contains("nothing was stored"), "{stderr}");
    // good.csv really is in the database.
    let v = env.json(&[
        "show", "--from", "2026-09", "--to", "2026-09", "--format", "json",
    ]);
    assert_eq!(v[0]["value"], 390.0);
}

#[test]
fn messages_are_said_once_with_plurals_right() {
    let env = Env::new();
    let not_db = env.write("not.db", "plain text");
    let out = Command::cargo_bin("inflow")
        .unwrap()
        .args(["--db", not_db.to_str().unwrap(), "series"])
        .assert()
        .code(5)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.matches("not a database").count(), 1, "{err}");
    let series = env.write(
        "series.csv",
        "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n\
         in.ict.exports,India: computer services exports,IN,exports,SI2,W1,USD million,M,RBI,4\n",
    );
    let obs = env.write(
        "obs.csv",
        "series,period,value,status,release_date,source_url,note\n\
         in.ict.exports,2024-04,110,reported,2024-06-01,https://example.org/in,\n",
    );
    env.cmd(&["import", series.to_str().unwrap(), obs.to_str().unwrap()])
        .assert()
        .success();
    let table = env.stdout(&["headline", "--series", "in.ict.exports"]);
    assert!(table.contains("(1 month)"), "{table}");
    assert!(!table.contains("1 months"), "{table}");
    // A bad --as-of names both forms once.
    let out = env
        .cmd(&["project", "--as-of", "2024-4"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.matches("YYYY-MM").count(), 2, "{err}");
}

#[test]
fn every_command_takes_series_as_of_and_format_alike() {
    let env = Env::new();
    // --as-of a month: the vintage of that month's first release.
    let csv = env.stdout(&[
        "show",
        "--series",
        "pk.ict.exports",
        "--as-of",
        "2021-05",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("month,fiscal_year,value,unit,status,source_tier,release_date,source_url,note")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let last = rows.last().unwrap();
    assert_eq!(
        last[0], "2021-05",
        "the month itself is the newest one known"
    );
    let released = last[6];
    assert!(
        rows.iter().all(|r| r[6] <= released),
        "nothing later is visible"
    );
    // The same as the date of that release.
    let by_date = env.stdout(&[
        "show",
        "pk.ict.exports",
        "--as-of",
        released,
        "--format",
        "csv",
    ]);
    assert_eq!(by_date, csv);
    // --series and the positional key are the same.
    assert_eq!(
        env.stdout(&["revisions", "--series", "pk.ict.exports", "--format", "csv"]),
        env.stdout(&["revisions", "pk.ict.exports", "--format", "csv"])
    );
    // project as CSV: one row per month and the year's total, the JSON's figures.
    let json = env.json(&[
        "project",
        "--fy",
        "FY2023-24",
        "--as-of",
        "2024-04",
        "--format",
        "json",
    ]);
    let csv = env.stdout(&[
        "project",
        "--fy",
        "FY2023-24",
        "--as-of",
        "2024-04",
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "fiscal_year,month,actual,point,lo_80,hi_80,lo_95,hi_95,p_exceed"
    );
    assert_eq!(lines.len(), 1 + 12 + 1);
    let total: Vec<&str> = lines[13].split(',').collect();
    assert_eq!(total[1], "total");
    assert_eq!(
        total[3].parse::<f64>().unwrap(),
        json["point"].as_f64().unwrap()
    );
    assert_eq!(
        total[4].parse::<f64>().unwrap(),
        json["intervals"]["80"][0].as_f64().unwrap()
    );
    let csv = env.stdout(&["backtest", "--fy", "FY2022-23", "--format", "csv"]);
    assert!(csv.starts_with("months_known,years,inflow_mape"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + 11);
}

#[test]
fn every_front_end_gives_the_same_projection_for_fy24_as_of_april_2024() {
    let env = Env::new();
    // inflow project
    let project = env.json(&PROJECT_FY24_AS_OF_APRIL);
    let figures = |point: f64, lo80: f64, hi80: f64, lo95: f64, hi95: f64| {
        // Compared as printed: one decimal.
        [point, lo80, hi80, lo95, hi95].map(|v| format!("{v:.1}"))
    };
    let f = |v: &Value| v.as_f64().unwrap();
    let from_project = figures(
        f(&project["point"]),
        f(&project["intervals"]["80"][0]),
        f(&project["intervals"]["80"][1]),
        f(&project["intervals"]["95"][0]),
        f(&project["intervals"]["95"][1]),
    );

    // inflow check: a forward-looking claim is judged against the projection.
    let text = "Analysts expect IT exports to exceed $3 billion in FY24.";
    let report = env.json_with_input(&["check", "--as-of", "2024-04", "--format", "json"], text);
    let claim = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["verdict"] == "forecast")
        .unwrap_or_else(|| panic!("no forecast claim in {report}"));
    let p = &claim["evidence"]["projection"];
    let from_check = figures(
        f(&p["point"]),
        f(&p["lo_80"]),
        f(&p["hi_80"]),
        f(&p["lo_95"]),
        f(&p["hi_95"]),
    );
    assert_eq!(from_check, from_project, "inflow check");
    assert_eq!(
        f(&p["p_exceed"]),
        f(&project["p_exceed"]),
        "P(> $3 billion)"
    );

    // inflow brief --format json: the figures' evidence values.
    let brief = env.json(&["brief", "--month", "2024-04", "--format", "json"]);
    let ev = |what: &str| {
        brief["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["what"] == what)
            .map(|e| f(&e["value"]))
            .unwrap_or_else(|| panic!("no {what:?} in the brief"))
    };
    let from_brief = figures(
        ev("projected total of FY2023-24"),
        ev("lower bound of the 80% interval of the FY2023-24 total"),
        ev("upper bound of the 80% interval of the FY2023-24 total"),
        ev("lower bound of the 95% interval of the FY2023-24 total"),
        ev("upper bound of the 95% interval of the FY2023-24 total"),
    );
    assert_eq!(from_brief, from_project, "inflow brief");

    // GET /api/projection from `inflow serve`.
    let server = serve(&assert_cmd::cargo::cargo_bin("inflow"), &env.db());
    let (status, body) = http_get(
        server.addr,
        "/api/projection?fy=FY2023-24&as_of=2024-04&target=3000",
    );
    assert_eq!(status, 200, "{body}");
    let api: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(api, project, "GET /api/projection");
}

#[test]
fn calendar_estimates_the_next_release_and_headline_says_it_is_behind() {
    let env = Env::new();
    let v = env.json(&["calendar", "--format", "json", "--today", "2026-12-02"]);
    let c = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["series"] == "pk.ict.exports")
        .unwrap();
    assert_eq!(c["latest_month"], "2026-07");
    assert_eq!(c["next"]["month"], "2026-08");
    assert_eq!(c["next"]["basis"], "estimated");
    let day: u32 = c["next"]["date"].as_str().unwrap()[8..].parse().unwrap();
    assert!((15..=23).contains(&day), "{c}");
    assert!(
        c["next"]["derivation"]
            .as_str()
            .unwrap()
            .contains("median day")
    );
    let h = env.json(&["headline", "--format", "json", "--today", "2026-12-02"]);
    let stale = h["stale"].as_str().unwrap();
    assert!(
        stale.starts_with("August 2026 was expected around 2026-09-")
            && stale.contains("the latest here is July 2026"),
        "{stale}"
    );
    let text = env.stdout(&["headline", "--today", "2026-12-02"]);
    assert!(
        text.contains("Behind the release calendar: August 2026"),
        "{text}"
    );
    // On the day of the latest release nothing is late.
    let h = env.json(&["headline", "--format", "json", "--today", "2026-08-19"]);
    assert!(h["stale"].is_null(), "{h}");
}

#[test]
fn an_announced_date_replaces_the_estimate() {
    let env = Env::new();
    let file = env.write(
        "calendar.csv",
        "series,month,date,source\npk.ict.exports,2026-08,2026-09-17,SBP release calendar\n",
    );
    let v = env.json(&[
        "calendar",
        "--format",
        "json",
        "--today",
        "2026-09-01",
        "--announced",
        file.to_str().unwrap(),
    ]);
    assert_eq!(v[0]["next"]["basis"], "announced");
    assert_eq!(v[0]["next"]["date"], "2026-09-17");
    let bad = env.write(
        "bad.csv",
        "series,month,date,source\npk.ict.exports,2026-13,2026-04-17,x\n",
    );
    env.cmd(&["calendar", "--announced", bad.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains("bad.csv:2: field `month`"));
}

#[test]
fn headline_of_a_total_carries_its_components() {
    let env = Env::new();
    // SBP's workbook gives the components of February 2025 and 2026; they
    // add up to the totals (306.294 and 363.81).
    let v = env.json(&["headline", "--month", "2026-02", "--format", "json"]);
    let b = &v["breakdown"];
    assert_eq!(b["adds_up"], true, "{b}");
    let rows = b["components"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["series"], "pk.ict.exports.computer");
    let sum: f64 = rows
        .iter()
        .map(|r| r["contribution_pp"].as_f64().unwrap())
        .sum();
    let growth = v["yoy"]["change_pct"].as_f64().unwrap();
    assert!((sum - growth).abs() < 0.05, "{sum} vs {growth}");
    let computer = (304.267 - 255.273) / 306.294 * 100.0;
    assert!((rows[0]["contribution_pp"].as_f64().unwrap() - computer).abs() < 1e-6);
    // A component itself has a headline.
    let c = env.json(&[
        "headline",
        "--series",
        "pk.ict.exports.computer",
        "--month",
        "2026-02",
        "--format",
        "json",
    ]);
    assert_eq!(c["value"], 304.267);
    // Computer services has SBP's sub-items (9.2.1 ... 9.2.6) as components.
    assert!(
        c["breakdown"]["components"].as_array().unwrap().len() >= 2,
        "{c}"
    );
}

/// March 2026: the official data give the components for February and
/// March 2026 but none for March 2025, so the contributions are to the
/// change on February, said as such, and they sum to the total's change.
#[test]
fn headline_contributions_without_year_earlier_components_use_the_previous_month() {
    let env = Env::new();
    let v = env.json(&["headline", "--month", "2026-03", "--format", "json"]);
    let b = &v["breakdown"];
    assert_eq!(b["basis"], "previous_period", "{b}");
    assert_eq!(b["compared_with"], "2026-02", "{b}");
    let rows = b["components"].as_array().unwrap();
    assert!(rows.len() >= 2, "{b}");
    let sum: f64 = rows
        .iter()
        .map(|r| r["contribution_pp"].as_f64().unwrap())
        .sum();
    // The total's own change on February, from the headline's month-on-month
    // comparison (computed apart from the breakdown).
    let growth = v["mom"]["change_pct"].as_f64().unwrap();
    // (the headline rounds its percentages to one decimal)
    assert!(
        (b["total_change_pct"].as_f64().unwrap() - growth).abs() < 0.05,
        "{b}"
    );
    let growth = b["total_change_pct"].as_f64().unwrap();
    // Within rounding: the components are published to 3 decimals and may
    // differ from the total by the breakdown's tolerance.
    let slack =
        100.0 * b["tolerance"].as_f64().unwrap() * 2.0 / b["total_previous"].as_f64().unwrap();
    assert!((sum - growth).abs() <= slack + 1e-9, "{sum} vs {growth}");
    // The text table says which growth it is.
    let out = env.stdout(&["headline", "--month", "2026-03"]);
    assert!(out.contains("change on 2026-02"), "{out}");
    assert!(out.contains("previous period"), "{out}");
}

#[test]
fn import_posts_one_summary_to_a_webhook_on_loopback() {
    use std::io::{BufRead as _, BufReader, Read as _, Write as _};
    let env = Env::new();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    // The receiver answers every POST and hands their bodies over.
    let (tx, rx) = std::sync::mpsc::channel::<(String, String)>();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { return };
            let mut r = BufReader::new(s.try_clone().unwrap());
            let mut request_line = String::new();
            r.read_line(&mut request_line).unwrap();
            let mut len = 0;
            loop {
                let mut h = String::new();
                r.read_line(&mut h).unwrap();
                if h.trim().is_empty() {
                    break;
                }
                if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            r.read_exact(&mut body).unwrap();
            s.write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
                .unwrap();
            let _ = tx.send((request_line, String::from_utf8(body).unwrap()));
        }
    });
    let file = env.write(
        "march.csv",
        "series,period,value,status,release_date,source_url,note\n\
         pk.ict.exports,2026-07,420,revised,2026-09-20,https://example.org/august,\n\
         pk.ict.exports,2026-08,390,reported,2026-09-20,https://example.org/august,\n",
    );
    env.cmd(&["import", file.to_str().unwrap(), "--webhook", &url])
        .assert()
        .success();
    let (line, body) = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
    assert!(line.starts_with("POST /hook HTTP/1.1"), "{line}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["event"], "import");
    assert_eq!(v["files"][0]["added"], 2);
    let releases = v["releases"].as_array().unwrap();
    assert_eq!(releases.len(), 1, "{v}");
    assert_eq!(releases[0]["released"], "2026-09-20");
    assert_eq!(releases[0]["added"][0][0], "2026-08");
    assert_eq!(releases[0]["revised"][0][0], "2026-07");
    assert!(
        rx.recv_timeout(std::time::Duration::from_millis(500))
            .is_err(),
        "one POST per import"
    );
    env.cmd(&[
        "import",
        file.to_str().unwrap(),
        "--webhook",
        "https://example.org/x",
    ])
    .assert()
    .failure()
    .code(2);
}

/// Without `--target` the brief weighs the fiscal year's official target
/// (stored as data with its source) and no other figure: a previous year's
/// total is not called a target.
#[test]
fn brief_uses_the_official_target_when_there_is_one() {
    let env = Env::new();
    let fy26 = env.stdout(&["brief", "--month", "2026-02", "--format", "text"]);
    assert!(fy26.contains("target of $5.2 billion"), "{fy26}");
    let fy24 = env.stdout(&["brief", "--month", "2024-04", "--format", "text"]);
    assert!(!fy24.to_lowercase().contains("target"), "{fy24}");
    let typed = env.stdout(&[
        "brief", "--month", "2026-02", "--target", "4000", "--format", "text",
    ]);
    assert!(
        typed.contains("target of $4 billion") || typed.contains("target of $4.0 billion"),
        "{typed}"
    );
}
