//! Times the checker on about 1 MB of news-like text (sentences written for
//! this bench, repeated with varied figures), against the bundled data.
//!
//! ```text
//! cargo run --release -p inflow-claims --example bench [MEGABYTES]
//! ```

use std::time::Instant;

use inflow_claims::{Context, check};
use inflow_core::{MonthlySeries, Vintage};

const TEMPLATES: &[&str] = &[
    "ISLAMABAD: Receipts from IT services reached ${a} million in April 2024, an all-time high, up {p}% year-on-year.",
    "Over July-March FY25 the sector brought in US$ {b} billion, against $2.28 billion in the same period last year.",
    "Computer services rose {p}% to ${a} million from $200 million, while call centre exports stayed flat.",
    "In the first eight months (July to March) of FY24, exports were $2.283 billion, officials said.",
    "Industry leaders expect the total to exceed $4 billion in FY26 if policies stay stable.",
    "The minister said freelancers earned Rs{a} million last year and more training was planned for 2025.",
    "Dr. Khan, who heads the association, noted that exports increased by ${p} million in March 2024.",
    "Analysts cautioned that the numbers for 5MFY24 and 1QFY25 are provisional and may be revised.",
    "Exports stood at $318 million in November, down from $324 million recorded in October.",
    "Nothing in this sentence is a figure, but it is long enough to look like the prose around figures in a report.",
];

fn main() {
    let mb: f64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let batches = inflow_import::bundled_batches().expect("bundled data parses");
    let obs: Vec<_> = batches[1]
        .observations
        .iter()
        .map(|o| o.value.clone())
        .collect();
    let series: Vec<MonthlySeries> = batches[0]
        .series
        .iter()
        .map(|m| MonthlySeries::from_history(m.value.clone(), Vintage::Latest, obs.iter().cloned()))
        .collect();
    let published: Vec<_> = batches[2]
        .published
        .iter()
        .map(|p| p.value.clone())
        .collect();
    let ctx = Context::new(&series[0])
        .with_series(&series[1..])
        .with_published(&published);

    let target = (mb * 1_000_000.0) as usize;
    let mut text = String::with_capacity(target + 200);
    let mut i = 0u64;
    while text.len() < target {
        let t = TEMPLATES[(i % TEMPLATES.len() as u64) as usize];
        let s = t
            .replace("{a}", &(250 + i % 97).to_string())
            .replace("{b}", &format!("2.{:03}", i % 1000))
            .replace("{p}", &(10 + i % 40).to_string());
        text.push_str(&s);
        text.push(if i % 7 == 6 { '\n' } else { ' ' });
        i += 1;
    }
    let bytes = text.len();
    // A report stops at MAX_CLAIMS, so one call on the whole megabyte would
    // time only its first few hundred claims. The text goes in as articles
    // of 20 paragraphs (140 sentences, well under the cap), the way a feed
    // of news would, and every claim of the megabyte is checked.
    let articles: Vec<String> = text
        .split_inclusive('\n')
        .collect::<Vec<_>>()
        .chunks(20)
        .map(|c| c.concat())
        .collect();
    let run = || -> (usize, bool) {
        let mut claims = 0;
        let mut cut = false;
        for a in &articles {
            let r = check(a, &ctx);
            claims += r.claims.len();
            cut |= r.truncated.is_some();
        }
        (claims, cut)
    };
    // One warm-up run, then the median of five.
    let (_, cut) = run();
    assert!(
        !cut,
        "an article reached MAX_CLAIMS: the bench would undercount"
    );
    let mut times = Vec::new();
    let mut claims = 0;
    for _ in 0..5 {
        let start = Instant::now();
        claims = run().0;
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[2];
    println!(
        "{bytes} bytes, {i} sentences, {claims} claims: median {:.3} s ({:.1} MB/s)",
        median,
        bytes as f64 / 1e6 / median
    );
}
