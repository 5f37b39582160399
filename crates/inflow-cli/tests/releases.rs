//! Official releases from outside: the bundled SBP data, importing the real
//! workbook, refusals that leave the database untouched, retraction.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use predicates::prelude::*;
use serde_json::Value;

use common::Env;

mod common;

const WORKBOOK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/sbp/trade-in-services-ebops-jul-feb-fy26.xls"
);

/// SBP's next release after the bundled one, the Jul-Mar FY26 workbook.
const LATER_WORKBOOK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/sbp/trade-in-services-ebops-jul-mar-fy26.xls"
);

/// Writes a file beside the database; its path as the binary's argument.
fn file(env: &Env, name: &str, bytes: &[u8]) -> String {
    env.write(name, bytes).display().to_string()
}

#[test]
fn a_fresh_database_headlines_july_2026_from_sbp() {
    let env = Env::created();
    let h = env.json(&["headline", "--format", "json"]);
    assert_eq!(h["month"], "2026-07");
    assert_eq!(h["value"], 417.0);
    assert_eq!(h["source_tier"], "official");
    let table = String::from_utf8(env.cmd(&["headline"]).output().unwrap().stdout).unwrap();
    assert!(
        table.contains("July 2026") && table.contains("source tier: official"),
        "{table}"
    );
    let rows = env.json(&[
        "show",
        "pk.ict.exports",
        "--from",
        "2026-01",
        "--format",
        "json",
    ]);
    let months: Vec<(&str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["month"].as_str().unwrap(),
                r["source_tier"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        months,
        [
            ("2026-01", "official"),
            ("2026-02", "official"),
            ("2026-03", "official"),
            ("2026-04", "official"),
            ("2026-05", "official"),
            ("2026-06", "official"),
            ("2026-07", "official")
        ]
    );
    // The press figure stays as the earlier, secondary vintage.
    let then = env.json(&[
        "show",
        "pk.ict.exports",
        "--from",
        "2026-01",
        "--to",
        "2026-01",
        "--as-of",
        "2026-03-01",
        "--format",
        "json",
    ]);
    assert_eq!(then[0]["value"], 374.0);
    assert_eq!(then[0]["source_tier"], "secondary");
    // Every item of the workbook is a series with SBP's number and label.
    let series = env.json(&["series", "--format", "json"]);
    let sw = series
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "pk.ict.exports.software_consultancy")
        .unwrap();
    assert_eq!(sw["source_item"], "9.2.2");
    assert_eq!(sw["title"], "Software consultancy services");
    assert_eq!(sw["ebops"], "SI2_PK_SWC");
}

#[test]
fn a_workbook_import_previews_then_refuses_the_future_and_damaged_files() {
    let env = Env::created();
    let before = env.db_bytes();
    // A dry run previews and writes nothing.
    env.cmd(&["import", WORKBOOK, "--released", "2026-04-17", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(workbook): would add"))
        .stdout(predicate::str::contains("dry run: nothing written"));
    assert_eq!(env.db_bytes(), before);
    // No release from the future.
    env.cmd(&["import", WORKBOOK, "--released", "2030-01-01"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("after today"));
    // A workbook needs a release date.
    env.cmd(&["import", WORKBOOK])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("--released"));
    // A truncated workbook is refused, naming the file.
    let bytes = std::fs::read(WORKBOOK).unwrap();
    let cut = file(&env, "cut.xls", &bytes[..bytes.len() / 3]);
    env.cmd(&["import", &cut, "--released", "2026-04-17"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("not a readable Excel workbook"));
    assert_eq!(env.db_bytes(), before);
    // The bundled release imported again under its own date adds nothing.
    env.cmd(&["import", WORKBOOK, "--released", "2026-03-17"])
        .assert()
        .success()
        .stdout(predicate::str::contains("already imported as release 1"));
    assert_eq!(env.db_bytes(), before);
}

#[test]
fn the_next_real_release_adds_its_month_of_every_item_and_revises_the_one_before() {
    let env = Env::created();
    let out = env.stdout(&["import", LATER_WORKBOOK, "--released", "2026-04-17"]);
    assert!(out.contains("(workbook): added"), "{out}");
    assert!(out.contains("stored as release"), "{out}");
    // As of its release date: March 2026 credit and debit of item 9 and of
    // a sub-item, at the published precision, February marked revised.
    let at = |key: &str| {
        let rows = env.json(&[
            "show",
            "--series",
            key,
            "--from",
            "2026-02",
            "--to",
            "2026-03",
            "--as-of",
            "2026-04-17",
            "--format",
            "json",
        ]);
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["month"].as_str().unwrap().to_string(),
                    r["value"].as_f64(),
                    r["status"].as_str().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let s = |v: &str| v.to_string();
    assert_eq!(
        at("pk.ict.imports"),
        [
            (s("2026-02"), Some(44.118), s("revised")),
            (s("2026-03"), Some(53.158), s("provisional"))
        ]
    );
    assert_eq!(
        at("pk.ict.exports.software_consultancy"),
        [
            (s("2026-02"), Some(97.536), s("revised")),
            (s("2026-03"), Some(119.589), s("provisional"))
        ]
    );
    assert_eq!(at("pk.services.exports")[1].1, Some(902.913));
    // Every series the workbook holds has its March 2026 row.
    let series = env.json(&["series", "--format", "json"]);
    let workbook_keys: Vec<&str> = series
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["source_item"].is_string())
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert!(workbook_keys.len() >= 170, "{}", workbook_keys.len());
    let export = env.stdout(&["export", "--format", "csv"]);
    let with_march: std::collections::HashSet<&str> = export
        .lines()
        .filter(|l| l.split(',').nth(1) == Some("2026-03"))
        .filter_map(|l| l.split(',').next())
        .collect();
    for key in &workbook_keys {
        assert!(with_march.contains(key), "{key} has no March 2026 row");
    }
    let releases = env.json(&["releases", "--format", "json"]);
    let last = releases.as_array().unwrap().last().unwrap();
    assert_eq!(last["release_date"], "2026-04-17");
    assert_eq!(last["kind"], "workbook");
    assert_eq!(last["series_touched"], 176);
    // The same file again is no new release.
    let again = env.stdout(&["import", LATER_WORKBOOK, "--released", "2026-04-17"]);
    assert!(again.contains("already imported as release"), "{again}");
}

#[test]
fn a_retracted_release_leaves_latest_reads_and_stays_in_earlier_ones() {
    let env = Env::created();
    let csv = file(
        &env,
        "wrong.csv",
        b"series,period,value,status,release_date,source_url,note\n\
          pk.ict.exports,2026-08,999,reported,2026-09-20,https://example.org/typo,\n",
    );
    env.cmd(&["import", &csv])
        .assert()
        .success()
        .stdout(predicate::str::contains("stored as release 2"));
    let releases = env.json(&["releases", "--format", "json"]);
    assert_eq!(releases.as_array().unwrap().len(), 2);
    assert_eq!(releases[1]["rows"], 1);
    assert_eq!(releases[1]["series_touched"], 1);
    assert_eq!(
        env.json(&["headline", "--format", "json"])["month"],
        "2026-08"
    );

    env.cmd(&["retract", "2", "--why", "typed 999 for 399"])
        .assert()
        .success()
        .stdout(predicate::str::contains("retracted"));
    assert_eq!(
        env.json(&["headline", "--format", "json"])["month"],
        "2026-07"
    );
    let earlier = env.json(&[
        "show",
        "pk.ict.exports",
        "--from",
        "2026-08",
        "--as-of",
        "2026-09-21",
        "--format",
        "json",
    ]);
    assert_eq!(earlier[0]["value"], 999.0);
    // Headline and projection as of that day saw the release too.
    let h = env.json(&["headline", "--as-of", "2026-09-21", "--format", "json"]);
    assert_eq!(
        (h["month"].as_str(), h["value"].as_f64()),
        (Some("2026-08"), Some(999.0))
    );
    let p = env.json(&["project", "--as-of", "2026-09-21", "--format", "json"]);
    assert_eq!(p["months_known"], 2);
    assert_eq!(p["actual_to_date"], 417.0 + 999.0);
    let p = env.json(&["project", "--format", "json"]);
    assert_eq!(
        (p["months_known"].as_i64(), p["actual_to_date"].as_f64()),
        (Some(1), Some(417.0))
    );
    // Before the release was made, nobody saw it.
    let h = env.json(&["headline", "--as-of", "2026-09-19", "--format", "json"]);
    assert_eq!(h["month"], "2026-07");
    // Its file, or any value of the same month and release date, is not
    // re-imported: the retracted rows keep their key.
    let before = env.db_bytes();
    env.cmd(&["import", &csv])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "belongs to release 2, retracted on",
        ))
        .stderr(predicate::str::contains(
            "its own release date (e.g. --released 2026-09-21)",
        ));
    let fixed_same_day = file(
        &env,
        "fixed.csv",
        b"series,period,value,status,release_date,source_url,note\n\
          pk.ict.exports,2026-08,399,reported,2026-09-20,https://example.org/fixed,\n",
    );
    env.cmd(&["import", &fixed_same_day, "--dry-run"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("typed 999 for 399"));
    assert_eq!(env.db_bytes(), before);
    // The corrected release under its own date is stored.
    let fixed = file(
        &env,
        "fixed2.csv",
        b"series,period,value,status,release_date,source_url,note\n\
          pk.ict.exports,2026-08,399,reported,2026-09-21,https://example.org/fixed,\n",
    );
    env.cmd(&["import", &fixed]).assert().success();
    let h = env.json(&["headline", "--format", "json"]);
    assert_eq!(
        (h["month"].as_str(), h["value"].as_f64()),
        (Some("2026-08"), Some(399.0))
    );
    let releases = env.json(&["releases", "--format", "json"]);
    assert_eq!(releases[1]["retraction_reason"], "typed 999 for 399");
    env.cmd(&["retract", "2", "--why", "again"])
        .assert()
        .code(3);
    env.cmd(&["retract", "2", "--why", " "]).assert().failure();
}

#[test]
fn sdmx_csv_export_reads_back_and_equals_show() {
    let env = Env::created();
    let out = env
        .cmd(&[
            "export",
            "--series",
            "pk.ict.exports",
            "--format",
            "sdmx-csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let path = file(&env, "export.csv", &out.stdout);
    let mut r = csv::Reader::from_path(&path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        [
            "DATAFLOW",
            "FREQ",
            "REF_AREA",
            "COUNTERPART_AREA",
            "ACCOUNTING_ENTRY",
            "INT_ACC_ITEM",
            "UNIT_MEASURE",
            "UNIT_MULT",
            "TIME_PERIOD",
            "OBS_VALUE",
            "OBS_STATUS"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let shown = env.json(&["show", "pk.ict.exports", "--format", "json"]);
    // CL_OBS_STATUS codes.
    let code = |status: &str| match status {
        "reported" | "revised" => "A",
        "provisional" => "P",
        "derived" => "E",
        _ => "O",
    };
    let mut statuses = std::collections::BTreeSet::new();
    for s in shown.as_array().unwrap() {
        let month = s["month"].as_str().unwrap();
        let row = rows.iter().find(|r| &r[8] == month).unwrap();
        assert_eq!(row[9].parse::<f64>().ok(), s["value"].as_f64(), "{month}");
        assert_eq!(&row[10], code(s["status"].as_str().unwrap()), "{month}");
        statuses.insert(row[10].to_string());
        assert_eq!(&row[4], "C");
        assert_eq!(&row[5], "SI");
    }
    assert!(
        statuses.contains("A") && statuses.len() >= 2,
        "{statuses:?}"
    );
    // A month never published is a row with no value, status missing (O).
    let gap = rows.iter().find(|r| &r[8] == "2020-02").unwrap();
    assert_eq!((&gap[9], &gap[10]), ("", "O"));
    // pandas reads it back with these columns and the values of `show`.
    let have_pandas = std::process::Command::new("python3")
        .args(["-c", "import pandas"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_pandas {
        assert!(
            std::env::var_os("INFLOW_PANDAS_TESTS").is_none(),
            "INFLOW_PANDAS_TESTS is set but python3 cannot import pandas"
        );
        eprintln!("SKIPPED: the pandas read-back (python3 cannot import pandas)");
        return;
    }
    let script = format!(
        "import json, pandas as p\n\
         d = p.read_csv({path:?}, dtype={{'TIME_PERIOD': str, 'OBS_STATUS': str}}, keep_default_na=False, na_values={{'OBS_VALUE': ['']}})\n\
         print(json.dumps({{'columns': list(d.columns), 'values': {{r.TIME_PERIOD: (None if p.isna(r.OBS_VALUE) else float(r.OBS_VALUE)) for r in d.itertuples()}}}}))"
    );
    let run = std::process::Command::new("python3")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let back: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(back["columns"], serde_json::json!(header));
    assert_eq!(back["values"].as_object().unwrap().len(), rows.len());
    for s in shown.as_array().unwrap() {
        let month = s["month"].as_str().unwrap();
        assert_eq!(
            back["values"][month].as_f64(),
            s["value"].as_f64(),
            "{month}"
        );
    }
    assert!(back["values"]["2020-02"].is_null());
}

#[test]
fn changed_unit_missing_heading_and_a_table_cut_short_are_refused_naming_the_cell() {
    use calamine::Data;
    let env = Env::created();
    let before = env.db_bytes();
    let refused = |name: &str, g: &[Vec<Data>], cell: String, what: &str| {
        let path = file(&env, name, &common::xlsx(g));
        for dry in [true, false] {
            let mut args = vec!["import", &path, "--released", "2026-04-17"];
            if dry {
                args.push("--dry-run");
            }
            env.cmd(&args)
                .assert()
                .code(4)
                .stderr(predicate::str::contains(format!(
                    "{path}: EBOPS !{cell}: expected"
                )))
                .stderr(predicate::str::contains(what));
        }
        assert_eq!(env.db_bytes(), before, "{name}");
    };
    let a1 = |(r, c): (usize, usize)| format!("{}{}", (b'A' + c as u8) as char, r + 1);

    let mut g = common::grid();
    let at = common::find(&g, |s| s == "(Amount in Thousand US$)");
    g[at.0][at.1] = Data::String("(Amount in Million Rupees)".into());
    refused("unit.xlsx", &g, a1(at), "Million Rupees");

    let mut g = common::grid();
    let at = common::find(&g, |s| s.ends_with("(P)"));
    g[at.0][at.1] = Data::Empty;
    refused("heading.xlsx", &g, a1(at), "a period heading");

    let mut g = common::grid();
    let (r, c) = common::find(&g, |s| s.trim_start().starts_with("10."));
    g.truncate(r);
    refused("cut.xlsx", &g, a1((r, c)), "item 10");
}
