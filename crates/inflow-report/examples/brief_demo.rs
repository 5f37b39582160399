//! Writes the April 2024 brief of the bundled data to a directory.
#![allow(clippy::unwrap_used)]
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let month = std::env::args().nth(2).unwrap_or_else(|| "2024-04".into());
    let b = inflow_import::bundled_batches().unwrap();
    let meta = b[0].series[0].value.clone();
    let history: Vec<_> = b[1].observations.iter().map(|o| o.value.clone()).collect();
    let opts = inflow_report::Options {
        month: Some(month.parse().unwrap()),
        target: Some(3500.0),
        ..Default::default()
    };
    let brief = inflow_report::build(&meta, &history, &opts).unwrap();
    let dir = std::path::Path::new(&dir);
    let style = inflow_report::chart::Style::new(inflow_report::chart::Font::system().unwrap());
    let files = inflow_report::chart::write_all(&brief.charts, dir, &style).unwrap();
    std::fs::write(
        dir.join("brief.md"),
        inflow_report::markdown(&brief, inflow_report::ChartLinks::Files(&files)),
    )
    .unwrap();
    std::fs::write(
        dir.join("brief.html"),
        inflow_report::html(&brief, &style).unwrap(),
    )
    .unwrap();
}
