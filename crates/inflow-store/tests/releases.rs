//! Releases, retractions, status checks and the preview, on a real SQLite file.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_core::{Vintage, parse_date};
use inflow_store::{Error, ReleaseInfo, Statuses, Store};

const H: &str = "series,period,value,status,release_date,source_url,note\n";

fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("inflow.db");
    drop(Store::open(&path).unwrap());
    (dir, path)
}

fn info(date: &str, digest: &str) -> ReleaseInfo {
    ReleaseInfo {
        release_date: parse_date(date).unwrap(),
        source: "new.csv".into(),
        digest: digest.into(),
        kind: "csv".into(),
    }
}

/// Parses without the parser's own future-date check, so the store's is
/// what these tests exercise.
fn batch(store: &Store, text: &str) -> inflow_import::Batch {
    let far = parse_date("2099-12-31").unwrap();
    inflow_import::parse_str_on("new.csv", text, &store.series_list().unwrap(), far).unwrap()
}

fn today() -> inflow_core::Date {
    parse_date("2026-12-03").unwrap()
}

fn value(store: &Store, month: &str, vintage: Vintage) -> Option<f64> {
    store
        .monthly("pk.ict.exports", vintage)
        .unwrap()
        .value(month.parse().unwrap())
}

#[test]
fn the_bundled_workbook_is_a_release() {
    let (_d, path) = fresh();
    let store = Store::open(&path).unwrap();
    let r = store.releases().unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].release_date, "2026-03-17");
    assert_eq!(r[0].kind, "bundled");
    assert_eq!(r[0].digest.len(), 64);
    assert_eq!(r[0].series_touched, 176);
    assert!(r[0].rows > 800, "{}", r[0].rows);
    let items = store.source_items().unwrap();
    assert_eq!(
        items["pk.ict.exports.software_consultancy"],
        (
            "9.2.2".to_string(),
            "Software consultancy services".to_string()
        )
    );
}

#[test]
fn a_retraction_hides_a_release_from_later_reads_only() {
    let (_d, path) = fresh();
    let mut store = Store::open(&path).unwrap();
    let b = batch(
        &store,
        &format!("{H}pk.ict.exports,2026-08,400,reported,2026-09-20,https://a.example/n,\n"),
    );
    let out = store
        .import_release(
            &info("2026-09-20", "abc"),
            std::slice::from_ref(&b),
            &[],
            Statuses::Typed,
            today(),
            false,
        )
        .unwrap();
    let id = out.release_id.unwrap();
    assert_eq!(out.added, 1);
    assert_eq!(out.preview.new_months.len(), 1);
    // The same file again adds nothing and says which release it is.
    let again = store
        .import_release(
            &info("2026-09-20", "abc"),
            &[b],
            &[],
            Statuses::Typed,
            today(),
            false,
        )
        .unwrap();
    assert_eq!((again.added, again.already), (0, Some(id)));
    assert_eq!(value(&store, "2026-08", Vintage::Latest), Some(400.0));

    let r = store
        .retract(
            id,
            "typed the wrong month",
            parse_date("2026-10-01").unwrap(),
        )
        .unwrap();
    assert_eq!(r.retracted_on.as_deref(), Some("2026-10-01"));
    assert_eq!(value(&store, "2026-08", Vintage::Latest), None);
    let before = Vintage::AsOf(parse_date("2026-09-30").unwrap());
    assert_eq!(value(&store, "2026-08", before), Some(400.0));
    let after = Vintage::AsOf(parse_date("2026-10-01").unwrap());
    assert_eq!(value(&store, "2026-08", after), None);
    // Append-only: retracting twice, or an unknown id, is refused.
    assert!(matches!(
        store.retract(id, "again", today()),
        Err(Error::UnknownRelease { .. })
    ));
    assert!(matches!(
        store.retract(999, "x", today()),
        Err(Error::UnknownRelease { .. })
    ));
    assert_eq!(store.releases().unwrap().len(), 2);
}

#[test]
fn refused_imports_leave_the_file_byte_for_byte() {
    let (_d, path) = fresh();
    let before = std::fs::read(&path).unwrap();
    let mut store = Store::open(&path).unwrap();
    let cases = [
        (
            format!("{H}pk.ict.exports,2026-08,400,reported,2030-01-01,https://a.example/f,\n"),
            "after today",
        ),
        (
            format!("{H}pk.ict.exports,2026-08,400,revised,2026-09-20,https://a.example/f,\n"),
            "marked revised but no earlier value",
        ),
        (
            format!("{H}pk.ict.exports,2026-01,380,reported,2026-09-20,https://a.example/f,\n"),
            "a changed value is revised",
        ),
    ];
    for (text, why) in cases {
        let b = batch(&store, &text);
        let err = store
            .import_release(
                &info("2026-09-20", "x"),
                &[b],
                &[],
                Statuses::Typed,
                today(),
                false,
            )
            .unwrap_err();
        assert!(matches!(err, Error::Conflict { .. }), "{err}");
        assert!(err.to_string().starts_with("new.csv:2: "), "{err}");
        assert!(err.to_string().contains(why), "{err}");
    }
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_dry_run_previews_revisions_and_writes_nothing() {
    let (_d, path) = fresh();
    let before = std::fs::read(&path).unwrap();
    let mut store = Store::open(&path).unwrap();
    let b = batch(
        &store,
        &format!(
            "{H}pk.ict.exports,2026-07,420,revised,2026-09-20,https://a.example/r,\n\
             pk.ict.exports,2026-08,400,provisional,2026-09-20,https://a.example/n,\n\
             pk.ict.exports,2026-06,416,revised,2026-09-20,https://a.example/s,\n"
        ),
    );
    let out = store
        .import_release(
            &info("2026-09-20", "d"),
            &[b],
            &[],
            Statuses::Typed,
            today(),
            true,
        )
        .unwrap();
    assert_eq!((out.added, out.release_id), (0, None));
    assert_eq!(out.preview.unchanged, 1);
    assert_eq!(out.preview.new_months.len(), 1);
    let r = &out.preview.revisions[0];
    assert_eq!((r.old, r.new), (Some(417.0), Some(420.0)));
    assert!((r.pct.unwrap() - 0.7194).abs() < 1e-3, "{:?}", r.pct);
    assert_eq!(r.replaced_date.to_string(), "2026-08-19");
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_workbook_release_relabels_unmarked_changes_as_revised() {
    let (_d, path) = fresh();
    let store = Store::open(&path).unwrap();
    // Feb 2025 was 305 in the press; the workbook's year-ago column (no
    // marker) says 306.294, so it is stored as a revision.
    let h = store.history(&"pk.ict.exports".parse().unwrap()).unwrap();
    let feb = h
        .iter()
        .filter(|o| o.period.to_string() == "2025-02")
        .map(|o| {
            (
                o.value.unwrap().get(),
                o.status.as_str(),
                o.release_date.to_string(),
            )
        })
        .collect::<Vec<_>>();
    assert_eq!(
        feb,
        [
            (305.0, "reported", "2025-03-20".into()),
            (306.294, "revised", "2026-03-17".into())
        ]
    );
}
