//! Fuzz targets for everything that reads outside input: the CSV importer,
//! SBP's workbook reader, the period and number parsers, and the claim
//! checker.
//!
//! Each target takes arbitrary bytes and must return without panicking,
//! whatever they are. The same functions run in two ways: under libFuzzer
//! through `cargo fuzz` (the `fuzz/` directory at the repository root; needs
//! a nightly toolchain), and as bounded property tests in this crate's
//! tests, which run on stable everywhere (`.ci/run` uses the first when
//! nightly and cargo-fuzz are there, the second otherwise).

use std::sync::OnceLock;

mod workbook;

pub use workbook::{MAX_MESSAGE, workbook};

use inflow_core::{FiscalCalendar, MonthlySeries, SeriesMeta, Vintage};

/// The bundled series and their latest values, parsed once.
fn bundled() -> &'static (Vec<SeriesMeta>, Vec<MonthlySeries>) {
    static DATA: OnceLock<(Vec<SeriesMeta>, Vec<MonthlySeries>)> = OnceLock::new();
    DATA.get_or_init(|| {
        let batches = inflow_import::bundled_batches().unwrap_or_default();
        let metas: Vec<SeriesMeta> = batches
            .iter()
            .flat_map(|b| b.series.iter().map(|s| s.value.clone()))
            .collect();
        let observations: Vec<_> = batches
            .iter()
            .flat_map(|b| b.observations.iter().map(|o| o.value.clone()))
            .collect();
        let series = metas
            .iter()
            .map(|m| {
                let history = observations.iter().filter(|o| o.series == m.key).cloned();
                MonthlySeries::from_history(m.clone(), Vintage::Latest, history)
            })
            .collect();
        (metas, series)
    })
}

/// The three CSV headers, so the fuzzer reaches the rows: the first byte
/// picks one (or none, to fuzz header recognition too).
const HEADERS: [&str; 4] = [
    "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n",
    "series,period,value,status,release_date,source_url,note\n",
    "series,period,value,publisher,release_date,source_url,note\n",
    "",
];

/// The CSV importer on arbitrary file contents.
pub fn csv(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = format!(
        "{}{}",
        HEADERS[usize::from(pick) % HEADERS.len()],
        String::from_utf8_lossy(rest)
    );
    let _ = inflow_import::parse_str("fuzz.csv", &text, &bundled().0);
}

/// Month, date and period parsing (`2024-05`, `FY2023-24:Jul-Apr`, ...).
pub fn period(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let _ = s.parse::<inflow_core::YearMonth>();
    let _ = inflow_core::parse_date(&s);
    for start in [1, 4, 7, 10] {
        if let Ok(cal) = FiscalCalendar::new(start) {
            if let Ok(p) = inflow_core::Period::parse(&s, cal) {
                // What parses must print as something that parses again.
                let again = inflow_core::Period::parse(&p.to_string(), cal);
                assert_eq!(again.ok(), Some(p), "{s:?}");
            }
        }
    }
}

/// Number parsing: import values and the numbers of news text (through a
/// sentence the claim checker reads as a claim).
pub fn number(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let _ = s.parse::<inflow_core::Amount>();
    if let Some(total) = bundled().1.first() {
        let ctx = inflow_claims::Context::new(total);
        let sentence = format!("IT exports rose to ${s} million in March 2024.");
        let _ = inflow_claims::check(&sentence, &ctx);
    }
}

/// The claim checker (scanner, extractor, period and number readers,
/// judging) on arbitrary text, with the bundled series and components.
pub fn claims(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (_, series) = bundled();
    let Some((total, components)) = series.split_first() else {
        return;
    };
    let ctx = inflow_claims::Context::new(total);
    let ctx = ctx
        .with_components(components)
        .unwrap_or_else(|_| inflow_claims::Context::new(total));
    let report = inflow_claims::check(&text, &ctx);
    // Every claim points into the text it came from.
    for c in &report.claims {
        assert!(
            c.span[0] <= c.span[1] && c.span[1] <= text.len(),
            "span beyond the text"
        );
    }
}
