//! The reading of tidy CSV files, from outside: messages, limits, kinds.

use proptest::prelude::*;

use super::*;

fn known() -> Vec<SeriesMeta> {
    crate::bundled_batches().unwrap()[0]
        .series
        .iter()
        .map(|s| s.value.clone())
        .collect()
}

const H: &str = "series,period,value,status,release_date,source_url,note\n";

fn obs_err(rows: &str) -> String {
    parse_str("f.csv", &format!("{H}{rows}"), &known())
        .unwrap_err()
        .to_string()
}

#[test]
fn names_line_column_and_field() {
    let ok = "pk.ict.exports,2020-01,1,reported,2020-02-20,https://a.example/x,\n";
    assert_eq!(
        obs_err(&format!(
            "{ok}pk.ict.exports,2020-02,abc,reported,2020-03-20,https://a.example/x,\n"
        )),
        "f.csv:3:3: field `value`: invalid value \"abc\": expected a number such as 310 or 163.02"
    );
    assert!(
        obs_err("pk.ict.exports,2024-13,1,reported,2024-05-20,https://a.example/x,\n")
            .starts_with("f.csv:2:2: field `period`")
    );
    assert!(obs_err(&format!("{ok}{ok}")).starts_with("f.csv:3:2: field `period`: duplicate key"));
    assert!(
        obs_err("pk.nope,2024-01,1,reported,2024-02-20,https://a.example/x,\n")
            .contains("unknown series pk.nope")
    );
    assert!(
        obs_err("pk.ict.exports,2024-01,1,reported,2024-01-20,https://a.example/x,\n")
            .starts_with("f.csv:2:5: field `release_date`")
    );
    assert!(
        obs_err("pk.ict.exports,2024-01,1,reported,2024-02-20,,\n")
            .starts_with("f.csv:2:6: field `source_url`")
    );
    assert!(
        obs_err("pk.ict.exports,2024-01,-5,reported,2024-02-20,https://a.example/x,\n")
            .contains("non-negative")
    );
    assert!(
        obs_err("pk.ict.exports,2024-01,1,reported\n").starts_with("f.csv:2: expected 7 fields")
    );
}

#[test]
fn missing_and_derived_rows() {
    let b = parse_str(
        "f.csv",
        &format!("{H}pk.ict.exports,2020-02,,missing,2020-03-20,,not published\npk.ict.exports,2020-03,5,derived,2020-04-20,,from totals\n"),
        &known(),
    )
    .unwrap();
    assert_eq!(b.observations[0].value.value, None);
    assert_eq!(b.observations[1].line, 3);
    assert!(
        obs_err("pk.ict.exports,2020-02,3,missing,2020-03-20,,\n")
            .contains("missing observation has no value")
    );
}

#[test]
fn unknown_header_lists_the_known_ones() {
    let e = parse_str("f.csv", "a,b\n1,2\n", &[])
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("f.csv:1: unrecognised header"));
    assert!(e.contains("series,period,value,status"));
}

#[test]
fn published_periods_use_the_series_calendar() {
    let text = "series,period,value,publisher,release_date,source_url,note\n\
                pk.ict.exports,FY2023-24:Jul-Apr,2593,SBP,2024-05-20,https://a.example/x,\n\
                pk.ict.exports,FY2023-24:Jul-Apr,2594,SBP,2024-05-20,https://b.example/y,\n";
    let b = parse_str("p.csv", text, &known()).unwrap();
    assert_eq!(b.published.len(), 2);
    let bad = text.replace("Jul-Apr,2594", "Aug-Apr,2594");
    assert!(
        parse_str("p.csv", &bad, &known())
            .unwrap_err()
            .to_string()
            .starts_with("p.csv:3:2: field `period`")
    );
}

fn series_err(row: &str) -> String {
    let text =
        format!("key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n{row}\n");
    parse_str("s.csv", &text, &[]).unwrap_err().to_string()
}

#[test]
fn an_unterminated_quote_is_refused_where_it_opens() {
    let ok = "pk.ict.exports,2024-01,1,reported,2024-02-20,https://a.example/x,fine\n";
    let text = format!(
        "{ok}pk.ict.exports,2024-02,1,reported,2024-03-20,https://a.example/x,\"never closed\n{}{}",
        ok.replace("2024-01", "2024-03")
            .replace("2024-02-20", "2024-04-20"),
        ok.replace("2024-01", "2024-04")
            .replace("2024-02-20", "2024-05-20"),
    );
    assert_eq!(
        obs_err(&text.replacen(H, "", 1)),
        "f.csv:3:7: field `note`: opens a quote that does not close on its line \
         (fields may not span lines)"
    );
    // Also at the very end of the file, and in a header.
    assert!(
        obs_err("pk.ict.exports,2024-01,1,reported,2024-02-20,https://a.example/x,\"end")
            .starts_with("f.csv:2:7: field `note`")
    );
    let e = parse_str("f.csv", "series,\"period\n", &known()).unwrap_err();
    assert!(
        e.to_string().starts_with("f.csv:1: field 2 opens a quote"),
        "{e}"
    );
    // Properly quoted fields, commas and doubled quotes inside, still work.
    let b = parse_str(
        "f.csv",
        &format!(
            "{H}pk.ict.exports,2024-01,1,reported,2024-02-20,https://a.example/x,\"a, \"\"b\"\"\"\n"
        ),
        &known(),
    )
    .unwrap();
    assert_eq!(b.observations[0].value.note, "a, \"b\"");
}

#[test]
fn values_must_be_finite_and_in_range() {
    let row =
        |v: &str| format!("pk.ict.exports,2024-01,{v},reported,2024-02-20,https://a.example/x,\n");
    assert!(
        obs_err(&row("1e308")).starts_with(
            "f.csv:2:3: field `value`: 1e308 is beyond the largest accepted value, 1e12"
        ),
        "{}",
        obs_err(&row("1e308"))
    );
    assert!(obs_err(&row("-0")).starts_with("f.csv:2:3: field `value`: -0 is not a value"));
    assert!(obs_err(&row("inf")).starts_with("f.csv:2:3: field `value`"));
    assert!(obs_err(&row("NaN")).starts_with("f.csv:2:3: field `value`"));
    assert!(obs_err(&row("1e400")).starts_with("f.csv:2:3: field `value`"));
    let text = "series,period,value,publisher,release_date,source_url,note\n\
                pk.ict.exports,FY2023-24,2e15,SBP,2024-07-20,https://a.example/x,\n";
    assert!(
        parse_str("p.csv", text, &known())
            .unwrap_err()
            .to_string()
            .starts_with("p.csv:2:3: field `value`")
    );
    assert!(parse_str("f.csv", &format!("{H}{}", row("0")), &known()).is_ok());
}

#[test]
fn release_dates_in_the_future_are_refused() {
    let today: Date = "2026-12-03".parse().unwrap();
    let row = |d: &str| format!("{H}pk.ict.exports,2024-01,1,reported,{d},https://a.example/x,\n");
    let on = |d: &str| parse_str_on("f.csv", &row(d), &known(), today);
    assert!(on("2026-12-04").is_ok());
    assert_eq!(
        on("9999-12-31").unwrap_err().to_string(),
        "f.csv:2:5: field `release_date`: 9999-12-31 is in the future (today is 2026-12-03)"
    );
    assert!(on("2026-12-05").is_err());
}

#[test]
fn source_urls_must_be_absolute_with_a_host() {
    for bad in [
        "http://",
        "https://example.org/\"><script>alert(1)</script>",
        "javascript:alert(1)",
        "https:///x",
    ] {
        let quoted = bad.replace('"', "\"\"");
        let e = obs_err(&format!(
            "pk.ict.exports,2024-01,1,reported,2024-02-20,\"{quoted}\",\n"
        ));
        assert!(e.starts_with("f.csv:2:6: field `source_url`"), "{bad}: {e}");
    }
}

#[test]
fn economies_are_iso_codes_and_text_has_no_control_characters() {
    let e = series_err("zz.x,Title,ZZ,exports,SI,W1,USD million,M,Someone,7");
    assert!(e.starts_with("s.csv:2:3: field `economy`"), "{e}");
    let e = series_err("zz.x,Title,PK,exports,SI,ZZ,USD million,M,Someone,7");
    assert!(e.starts_with("s.csv:2:6: field `partner`"), "{e}");
    let e = series_err("zz.x,Title \u{1b}[31mred,PK,exports,SI,W1,USD million,M,Someone,7");
    assert!(
        e.starts_with("s.csv:2:2: field `title`") && e.contains("control character"),
        "{e}"
    );
    let e = obs_err("pk.ict.exports,2024-01,1,final,2024-02-20,https://a.example/x,\n");
    assert!(e.starts_with("f.csv:2:4: field `status`"), "{e}");
}

#[test]
fn messages_quote_only_a_short_excerpt() {
    let huge = "h".repeat(10 * 1024 * 1024);
    let e = parse_str("f.csv", &format!("{huge}\n1\n"), &[])
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("f.csv:1: unrecognised header"),
        "{}",
        &e[..80]
    );
    assert!(e.len() < 600, "{} bytes", e.len());
    let e = obs_err(&format!(
        "pk.ict.exports,2024-01,1,reported,2024-02-20,https://a.example/x,{huge}\n"
    ));
    assert!(
        e.starts_with("f.csv:2:7: field `note`") && e.len() < 600,
        "{}",
        e.len()
    );
    let e = obs_err(&format!(
        "pk.ict.exports,{huge},1,reported,2024-02-20,https://a.example/x,\n"
    ));
    assert!(
        e.starts_with("f.csv:2:2: field `period`") && e.len() < 600,
        "{}",
        e.len()
    );
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_rows(rows in proptest::collection::vec(".{0,80}", 0..5)) {
        let text = format!("{H}{}", rows.join("\n"));
        let _ = parse_str("f.csv", &text, &known());
    }

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_str("f.csv", &text, &known());
    }
}
