//! Quarterly and annual series in a real database file: their periods are
//! stored as written, read back as quarters or years, and never read as
//! months.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use inflow_core::{ErrorKind, Vintage, Year, YearQuarter};
use inflow_store::{Error, Store};

const SERIES: &str = "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n\
    xq.services.exports,Services exports,IN,exports,S,world,USD billion,Q,Example agency,4\n\
    xa.services.exports,Services exports,IN,exports,S,world,USD billion,A,Example agency,1\n";

const OBS: &str = "series,period,value,status,release_date,source_url,note\n\
    xq.services.exports,2019-Q2,50.10,reported,2019-08-15,https://stats.example/q/1,\n\
    xq.services.exports,2019-Q3,51.25,reported,2019-11-15,https://stats.example/q/2,\n\
    xq.services.exports,2019-Q2,50.40,revised,2019-11-15,https://stats.example/q/2,\n\
    xa.services.exports,2019,203.5,reported,2020-03-01,https://stats.example/a/1,\n";

fn import(store: &mut Store, name: &str, text: &str) -> inflow_store::ApplySummary {
    let batch = inflow_import::parse_str(name, text, &store.series_list().unwrap()).unwrap();
    store.apply(&batch).unwrap()
}

#[test]
fn quarters_and_years_round_trip_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.db");
    let mut store = Store::open(&path).unwrap();
    import(&mut store, "series.csv", SERIES);
    assert_eq!(import(&mut store, "obs.csv", OBS).added, 4);
    // Importing the same file again changes nothing.
    assert_eq!(import(&mut store, "obs.csv", OBS).added, 0);
    drop(store);

    let store = Store::open(&path).unwrap();
    let meta = store.series("xq.services.exports").unwrap();
    assert_eq!(meta.frequency.to_string(), "Q");
    let q = store
        .periodic::<YearQuarter>("xq.services.exports", Vintage::Latest)
        .unwrap();
    let q2: YearQuarter = "2019-Q2".parse().unwrap();
    assert_eq!(q.value(q2), Some(50.40));
    let then = store
        .periodic::<YearQuarter>(
            "xq.services.exports",
            Vintage::AsOf("2019-09-01".parse().unwrap()),
        )
        .unwrap();
    assert_eq!(then.value(q2), Some(50.10));
    assert_eq!(then.len(), 1);
    let a = store
        .periodic::<Year>("xa.services.exports", Vintage::Latest)
        .unwrap();
    assert_eq!(a.value("2019".parse().unwrap()), Some(203.5));
}

#[test]
fn a_quarterly_series_is_not_read_as_months() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("q.db")).unwrap();
    import(&mut store, "series.csv", SERIES);
    import(&mut store, "obs.csv", OBS);
    let err = store
        .monthly("xq.services.exports", Vintage::Latest)
        .unwrap_err();
    assert!(matches!(err, Error::Frequency { .. }), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Unprocessable);
    assert_eq!(
        err.to_string(),
        "series xq.services.exports is quarterly: this works on monthly series only"
    );
}

#[test]
fn an_empty_database_has_no_bundled_series_and_stays_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    let mut store = Store::create_empty(&path).unwrap();
    assert!(store.series_list().unwrap().is_empty());
    import(&mut store, "series.csv", SERIES);
    drop(store);
    // Opening it again loads nothing bundled.
    let store = Store::open(&path).unwrap();
    let keys: Vec<String> = store
        .series_list()
        .unwrap()
        .iter()
        .map(|m| m.key.to_string())
        .collect();
    assert_eq!(keys, ["xa.services.exports", "xq.services.exports"]);
    // Releases and retractions work on it as on any database.
    assert!(
        store
            .periodic::<YearQuarter>("xq.services.exports", Vintage::Latest)
            .unwrap()
            .is_empty()
    );
    drop(store);
    // An existing database is never emptied.
    let e = Store::create_empty(&path).err().unwrap();
    assert!(matches!(e, Error::Exists { .. }), "{e:?}");
    assert_eq!(e.kind(), ErrorKind::Conflict);
    let bundled = dir.path().join("bundled.db");
    Store::open(&bundled).unwrap();
    assert!(Store::create_empty(&bundled).is_err());
}
