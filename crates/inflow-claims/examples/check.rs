//! Checks a text against the bundled Pakistan data, for trying the checker
//! by hand. The CLI's `inflow check` is the supported way to do this.
//!
//! ```text
//! cargo run -p inflow-claims --example check -- FILE|- [--as-of YYYY-MM-DD] [--format text|json]
//! cargo run -p inflow-claims --example check -- --jsonl FILE
//! ```
//!
//! With `--jsonl`, each input line is an object with `text` and an optional
//! `date` (used as the as-of date); each output line is the report in JSON.

use std::io::{Read, Write};

use inflow_claims::{Context, check};
use inflow_core::{MonthlySeries, PublishedFigure, Vintage, parse_date};

/// Every bundled series in `vintage` (the total first) and the published
/// totals.
fn load(vintage: Vintage) -> Result<(Vec<MonthlySeries>, Vec<PublishedFigure>), String> {
    let batches = inflow_import::bundled_batches().map_err(|e| e.to_string())?;
    let obs: Vec<_> = batches[1]
        .observations
        .iter()
        .map(|o| o.value.clone())
        .collect();
    let series = batches[0]
        .series
        .iter()
        .map(|m| MonthlySeries::from_history(m.value.clone(), vintage, obs.iter().cloned()))
        .collect();
    let published = batches[2]
        .published
        .iter()
        .map(|p| p.value.clone())
        .collect();
    Ok((series, published))
}

fn context<'a>(series: &'a [MonthlySeries], published: &'a [PublishedFigure]) -> Context<'a> {
    Context::new(&series[0])
        .with_series(&series[1..])
        .with_published(published)
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut file = None;
    let mut as_of = None;
    let mut json = false;
    let mut jsonl = false;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--as-of" => {
                i += 1;
                as_of = Some(
                    parse_date(args.get(i).ok_or("--as-of needs a date")?)
                        .map_err(|e| e.to_string())?,
                );
            }
            "--format" => {
                i += 1;
                json = args.get(i).is_some_and(|f| f == "json");
            }
            "--jsonl" => jsonl = true,
            other => file = Some(other.to_string()),
        }
        i += 1;
    }
    let mut text = String::new();
    match file.as_deref() {
        None | Some("-") => {
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| e.to_string())?;
        }
        Some(f) => text = std::fs::read_to_string(f).map_err(|e| format!("{f}: {e}"))?,
    }
    if jsonl {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
            let vintage = match v["date"].as_str().map(parse_date) {
                Some(Ok(d)) => Vintage::AsOf(d),
                _ => Vintage::Latest,
            };
            let (series, published) = load(vintage)?;
            let ctx = context(&series, &published);
            let report = check(v["text"].as_str().unwrap_or(""), &ctx);
            let line = serde_json::to_string(&report).map_err(|e| e.to_string())?;
            // A closed pipe (`| head`) ends the output quietly.
            if writeln!(std::io::stdout(), "{line}").is_err() {
                return Ok(());
            }
        }
        return Ok(());
    }
    let vintage = as_of.map_or(Vintage::Latest, Vintage::AsOf);
    let (series, published) = load(vintage)?;
    let ctx = context(&series, &published);
    let report = check(&text, &ctx);
    let out = if json {
        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n"
    } else {
        report.render_text()
    };
    // A closed pipe (`| head`) ends the output quietly.
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(())
}
