//! The dashboard: HTML pages whose script fills them from the JSON API, and
//! the static assets they use, all compiled into the binary so the server
//! works offline. The chart library is uPlot (MIT), vendored from npm as
//! `assets/uplot.iife.min.js` with its licence beside it.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

/// Static files: name, content type, bytes.
pub(crate) const ASSETS: &[(&str, &str, &[u8])] = &[
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
    ("/check", "Claim checker", "check"),
    ("/brief", "Release brief", "brief"),
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
  <p class="brand"><a href="/">inflow</a> <span id="brand-series">services trade statistics, every release kept</span></p>
  <nav aria-label="Main"><ul>{nav}</ul></nav>
</header>
<main id="main" tabindex="-1">
<h1>{title}</h1>
<div id="status" role="status" aria-live="polite"></div>
<div id="error" role="alert"></div>
{main}
</main>
<footer>
  <p><span id="data-note">Every value links to the page that published it.</span>
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
  <label>Target for the fiscal year <input id="target" name="target" type="number" min="0" step="any" inputmode="decimal" aria-describedby="target-source"></label>
  <span id="target-source" class="help"></span>
  <button type="submit">Show</button>
</form>

<div id="view">
<p id="share" class="share" hidden>Share this view: <a id="share-link" href="/">link</a>.
  Embed a chart: <a id="embed-monthly" href="/" data-embed-chart="monthly">monthly</a> · <a id="embed-fiscal" href="/" data-embed-chart="fiscal">fiscal year</a> · <a id="embed-projection" href="/" data-embed-chart="projection">projection</a> · <a id="embed-breakdown" href="/" data-embed-chart="breakdown">components</a>
  <label class="embed-code">HTML to embed the monthly chart <input id="embed-code" type="text" readonly></label></p>

<section id="headline" aria-labelledby="headline-h" class="headline" data-embed="headline">
  <h2 id="headline-h">Headline</h2>
  <p class="loading">Loading…</p>
</section>

<section id="breakdown" aria-labelledby="bd-h" data-embed="breakdown">
  <h2 id="bd-h">What drove it: the components</h2>
  <p id="bd-summary"></p>
  <div id="bd-table" class="table-wrap"></div>
  <figure>
    <div class="chart bars" id="chart-breakdown" data-chart="breakdown"></div>
    <figcaption>Each component's contribution to the total's change, in percentage points; together they make the total's change when the components add up.</figcaption>
  </figure>
</section>

<section aria-labelledby="monthly-h" data-embed="monthly">
  <h2 id="monthly-h">Monthly values</h2>
  <figure>
    <div class="chart" id="chart-monthly" data-chart="monthly"></div>
    <figcaption>Each month's value up to the month shown (the large ringed dot); filled dots mark all-time highs (higher than every earlier month).</figcaption>
  </figure>
</section>

<section aria-labelledby="fy-h" data-embed="fiscal">
  <h2 id="fy-h">Fiscal year to date</h2>
  <figure>
    <div class="chart" id="chart-fy" data-chart="fiscal"></div>
    <figcaption>Cumulative total through each month of the fiscal year, the year of the month shown (bold) against the three years before.</figcaption>
  </figure>
</section>

<section aria-labelledby="proj-h" data-embed="projection">
  <h2 id="proj-h">Projection of the fiscal year</h2>
  <p id="proj-summary"></p>
  <figure>
    <div class="chart" id="chart-fan" data-chart="fan"></div>
    <figcaption>Solid line: months known. Dashed line: the forecast of the months left, in a dark band (80% interval) and a light band (95% interval).</figcaption>
  </figure>
  <figure>
    <div class="chart total" id="chart-total" data-chart="total"></div>
    <figcaption>The projected total with its 80% (dark) and 95% (light) intervals; the dashed line is the target.</figcaption>
  </figure>
</section>
<p id="embed-credit" class="embed-only"></p>
</div>
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
<p class="help">Rows on a yellow ground are revised values; ★ marks an all-time high (higher than every earlier month).</p>
<p class="downloads">Download these values: <a id="dl-csv" href="#" download>CSV</a> · <a id="dl-json" href="#">JSON</a></p>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="obs-caption">
<table id="obs" class="stack">
  <caption id="obs-caption">Monthly values</caption>
  <thead><tr><th scope="col">Month</th><th scope="col">Fiscal year</th><th scope="col" class="num">Value</th><th scope="col">Status</th><th scope="col">Released</th><th scope="col">Source</th></tr></thead>
  <tbody></tbody>
</table>
</div>
"##;

const CHECKER: &str = r##"
<p class="intro">Paste a news text about <span id="check-about">a series in the database</span>. Every figure it quotes is checked against the data: amounts, changes, totals, records and forecasts, each with a verdict and why.</p>
<form id="check-form" aria-label="Check a text">
  <div class="row"><label>Series <select id="series" name="series"><option value="">Found from the text</option></select></label></div>
  <label class="block" for="check-text">Text to check</label>
  <textarea id="check-text" name="text" required rows="7" spellcheck="false" aria-describedby="check-help"></textarea>
  <p id="check-help" class="help">Up to 200 KiB of plain text. Nothing is stored.</p>
  <div class="row">
    <label>Judge against the data known on <input id="check-as-of" name="as_of" type="date" aria-describedby="as-of-help"></label>
    <span id="as-of-help" class="help">Empty: the latest values. Use the article's date to judge it fairly.</span>
  </div>
  <div class="row">
    <button type="submit">Check the figures</button>
    <button type="button" class="secondary" id="check-example">Use an example text</button>
  </div>
</form>
<section id="check-result" aria-labelledby="result-h" tabindex="-1" aria-live="polite"></section>
<section aria-labelledby="legend-h">
  <h2 id="legend-h">Verdicts</h2>
  <ul class="legend">
    <li><span class="badge v-supported">Supported</span> the data agree within the rounding of the text</li>
    <li><span class="badge v-contradicted">Contradicted</span> the data disagree; the explanation gives the right figure</li>
    <li><span class="badge v-unit_error">Unit error</span> right at another scale (million for billion)</li>
    <li><span class="badge v-inconsistent">Inconsistent</span> the text's own numbers disagree</li>
    <li><span class="badge v-unverifiable">Unverifiable</span> nothing to check against</li>
    <li><span class="badge v-forecast">Forecast</span> forward-looking, compared with the projection</li>
  </ul>
</section>
"##;

const BRIEF: &str = r##"
<form id="brief-form" class="controls" aria-label="Which brief">
  <label>Series <select id="series" name="series"></select></label>
  <label>Month <input id="brief-month" name="month" type="month" placeholder="YYYY-MM" aria-describedby="brief-help"></label>
  <label>Target for the fiscal year <input id="brief-target" name="target" type="number" min="0" step="any" inputmode="decimal" aria-describedby="brief-target-source"></label>
  <span id="brief-target-source" class="help"></span>
  <button type="submit">Write the brief</button>
  <span id="brief-help" class="help">Empty month: the latest. The brief reads the data as released with that month.</span>
</form>
<p class="downloads">Download this brief: <a id="brief-md" href="/api/brief?format=md">Markdown</a> · <a id="brief-html" href="/api/brief?format=html">HTML</a> · <a id="brief-json" href="/api/brief">JSON</a></p>
<iframe id="brief-frame" class="brief" title="Release brief"></iframe>
<noscript><p>Without JavaScript, open the <a href="/api/brief?format=html">latest brief</a> directly.</p></noscript>
"##;

/// Declares a dashboard page's handler with its OpenAPI entry: every page
/// is the layout around a fixed body, which its script fills from the API.
macro_rules! page {
    ($name:ident, $path:tt, $op:tt, $summary:tt, $title:tt, $nav:tt, $body:expr) => {
        #[doc = concat!("`GET ", $path, "`.")]
        #[utoipa::path(
            get,
            path = $path,
            tag = "pages",
            operation_id = $op,
            summary = $summary,
            responses((status = 200, description = "An HTML page", content_type = "text/html", body = String))
        )]
        pub async fn $name() -> Html<String> {
            layout($title, $nav, $body)
        }
    };
}

page!(
    brief,
    "/brief",
    "briefPage",
    "Release brief page: the latest brief with its figures and charts",
    "Release brief",
    "brief",
    BRIEF
);
page!(
    checker,
    "/check",
    "checkerPage",
    "Claim checker page: paste a text, see each figure's verdict inline",
    "Claim checker",
    "check",
    CHECKER
);
page!(
    overview,
    "/",
    "overviewPage",
    "Overview page: headline, charts, projection",
    "At a glance",
    "overview",
    OVERVIEW
);
page!(
    explorer,
    "/explorer",
    "explorerPage",
    "Series explorer page: table, vintage selector, downloads",
    "Series explorer",
    "explorer",
    EXPLORER
);

/// `GET /assets/{file}`.
#[utoipa::path(
    get,
    path = "/assets/{file}",
    tag = "pages",
    operation_id = "asset",
    summary = "A static asset of the dashboard (script, style sheet, licence)",
    params(("file" = String, Path, description = "The file's name (the document lists them)")),
    responses(
        (status = 200, description = "The file", content(
            (String = "text/javascript"), (String = "text/css"), (String = "text/plain")
        )),
        (status = 404, description = "No such asset", content_type = "text/html", body = String)
    )
)]
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
