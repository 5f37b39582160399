//! The dashboard: HTML pages whose script fills them from the JSON API, and
//! the static assets they use, all compiled into the binary so the server
//! works offline. The chart library is uPlot (MIT), vendored from npm as
//! `assets/uplot.iife.min.js` with its licence beside it.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

/// Static files: name, content type, bytes.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "uplot.iife.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/uplot.iife.min.js"),
    ),
    (
        "uplot.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/uplot.min.css"),
    ),
    (
        "uplot.LICENSE",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/uplot.LICENSE"),
    ),
];

/// The pages in the navigation bar: path, label, `data-page` name.
const NAV: &[(&str, &str, &str)] = &[
    ("/", "Overview", "overview"),
    ("/explorer", "Series explorer", "explorer"),
];

fn layout(title: &str, page: &str, main: &str) -> Html<String> {
    let nav: String = NAV
        .iter()
        .map(|(href, label, name)| {
            let current = if *name == page {
                " aria-current=\"page\""
            } else {
                ""
            };
            format!("<li><a href=\"{href}\"{current}>{label}</a></li>")
        })
        .collect();
    Html(format!(
        r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · inflow</title>
<link rel="stylesheet" href="/assets/uplot.min.css">
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/uplot.iife.min.js" defer></script>
<script src="/assets/app.js" defer></script>
</head>
<body data-page="{page}">
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <p class="brand"><a href="/">inflow</a> <span>Pakistan's ICT exports, every release kept</span></p>
  <nav aria-label="Main"><ul>{nav}</ul></nav>
</header>
<main id="main" tabindex="-1">
<h1>{title}</h1>
<div id="status" role="status" aria-live="polite"></div>
<div id="error" role="alert"></div>
{main}
</main>
<footer>
  <p>Data: State Bank of Pakistan, exports of telecommunication, computer and information services (EBOPS SI), USD million; fiscal year July to June. Every value links to the page that published it.
  Charts drawn with <a href="/assets/uplot.LICENSE">uPlot</a> (MIT). <a href="/api/openapi.json">API (OpenAPI)</a>.</p>
</footer>
</body>
</html>
"##
    ))
}

const OVERVIEW: &str = r##"
<form id="controls" class="controls" aria-label="What to show">
  <label>Series <select id="series" name="series"></select></label>
  <label>Month <input id="month" name="month" type="month" placeholder="YYYY-MM" aria-describedby="month-help"></label>
  <span id="month-help" class="help">Empty: the latest month.</span>
  <label>Target for the fiscal year <input id="target" name="target" type="number" min="0" step="any" inputmode="decimal"></label>
  <button type="submit">Show</button>
</form>

<section id="headline" aria-labelledby="headline-h" class="headline">
  <h2 id="headline-h">Headline</h2>
  <p class="loading">Loading…</p>
</section>

<section aria-labelledby="monthly-h">
  <h2 id="monthly-h">Monthly values</h2>
  <figure>
    <div class="chart" id="chart-monthly" data-chart="monthly"></div>
    <figcaption>Each month's value; filled dots mark all-time highs (higher than every earlier month).</figcaption>
  </figure>
</section>

<section aria-labelledby="fy-h">
  <h2 id="fy-h">Fiscal year to date</h2>
  <figure>
    <div class="chart" id="chart-fy" data-chart="fiscal"></div>
    <figcaption>Cumulative total through each month of the fiscal year, this year against the years before.</figcaption>
  </figure>
</section>

<section aria-labelledby="proj-h">
  <h2 id="proj-h">Projection of the fiscal year</h2>
  <p id="proj-summary"></p>
  <figure>
    <div class="chart" id="chart-fan" data-chart="fan"></div>
    <figcaption>Months known, and the forecast of the months left with 80% and 95% intervals.</figcaption>
  </figure>
  <figure>
    <div class="chart total" id="chart-total" data-chart="total"></div>
    <figcaption>The projected total with its 80% (dark) and 95% (light) intervals; the dashed line is the target.</figcaption>
  </figure>
</section>
"##;

const EXPLORER: &str = r##"
<form id="explore" class="controls" aria-label="Which values">
  <label>Series <select id="series" name="series"></select></label>
  <label>Vintage <select id="vintage" name="as_of" aria-describedby="vintage-help"><option value="">Latest</option></select></label>
  <span id="vintage-help" class="help">Values as known after that release.</span>
  <label>From <input id="from" name="from" type="month" placeholder="YYYY-MM"></label>
  <label>To <input id="to" name="to" type="month" placeholder="YYYY-MM"></label>
  <button type="submit">Show</button>
</form>
<p class="downloads">Download these values: <a id="dl-csv" href="#" download>CSV</a> · <a id="dl-json" href="#">JSON</a></p>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="obs-caption">
<table id="obs">
  <caption id="obs-caption">Monthly values</caption>
  <thead><tr><th scope="col">Month</th><th scope="col">Fiscal year</th><th scope="col" class="num">Value</th><th scope="col">Status</th><th scope="col">Released</th><th scope="col">Source</th></tr></thead>
  <tbody></tbody>
</table>
</div>
"##;

/// `GET /`.
pub async fn overview() -> Html<String> {
    layout("ICT exports at a glance", "overview", OVERVIEW)
}

/// `GET /explorer`.
pub async fn explorer() -> Html<String> {
    layout("Series explorer", "explorer", EXPLORER)
}

/// `GET /assets/{file}`.
pub async fn asset(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|(name, _, _)| *name == file) {
        Some((_, mime, bytes)) => (
            [
                (header::CONTENT_TYPE, *mime),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *bytes,
        )
            .into_response(),
        None => not_found(),
    }
}

/// The page for an unknown path.
pub fn not_found() -> Response {
    let mut res = layout(
        "Page not found",
        "",
        "<p>There is no page here. Start from the <a href=\"/\">overview</a>.</p>",
    )
    .into_response();
    *res.status_mut() = StatusCode::NOT_FOUND;
    res
}
