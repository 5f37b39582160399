//! The brief's charts, drawn with plotters as SVG (for HTML and the web) and
//! PNG (for documents and messaging apps), one module per chart:
//!
//! - [`monthly`]: the last 36 months, months that set an all-time high
//!   highlighted;
//! - [`cumulative`]: the fiscal year's running total against the three years
//!   before it, each line labelled at its end;
//! - [`projection`]: the months of the fiscal year with the forecast fan (80%
//!   and 95% bands) of the months left, and beside it the fan of the year's
//!   total with the target;
//! - [`breakdown`]: the components of a total, month by month, stacked.
//!
//! Text needs a TrueType font, which the caller loads ([`Font`]) and passes
//! in through a [`Style`]; no font is bundled, and the library reads no
//! environment variable. PNG text is laid out by [`raster`], which fixes
//! plotters' glyph placement.

pub mod breakdown;
pub mod cumulative;
pub mod monthly;
mod parts;
pub mod projection;
pub mod raster;
pub mod style;

use std::path::{Path, PathBuf};

use inflow_core::{Date, FiscalYear, Unit, YearMonth};
use inflow_project::Projection;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::Error;
use crate::fmt::long_date;
pub use style::{AxisScale, FONT_CANDIDATES, Font, Style};

/// Width of every chart, pixels.
pub const WIDTH: u32 = 1000;
/// Height of every chart, pixels.
pub const HEIGHT: u32 = 600;

/// One month of the monthly chart.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthBar {
    /// The month.
    pub month: YearMonth,
    /// Its value (`None`: a gap).
    pub value: Option<f64>,
    /// Whether it was higher than every month before it.
    pub record: bool,
}

/// A fiscal year's running total.
#[derive(Clone, Debug, PartialEq)]
pub struct CumulativeLine {
    /// The fiscal year.
    pub fiscal_year: FiscalYear,
    /// Running total after each month, from the first; stops at a gap.
    pub cumulative: Vec<Option<f64>>,
}

/// One component of a breakdown chart: its monthly values over the months
/// of [`ChartData::breakdown_months`].
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentLine {
    /// The component's name.
    pub name: String,
    /// Its value in each month (`None`: not published).
    pub values: Vec<Option<f64>>,
}

/// What the charts draw (chosen by [`crate::build`] from the brief's vintage).
#[derive(Clone, Debug)]
pub struct ChartData {
    /// Series key.
    pub series: String,
    /// Series title.
    pub title: String,
    /// Unit of the values.
    pub unit: Unit,
    /// Publisher, for the source line.
    pub source: String,
    /// The release the data are as of.
    pub released: Date,
    /// The month of the brief.
    pub month: YearMonth,
    /// Its fiscal year.
    pub fiscal_year: FiscalYear,
    /// The 36 months ending with the month.
    pub monthly: Vec<MonthBar>,
    /// The fiscal year and the three before it, newest first.
    pub cumulative: Vec<CumulativeLine>,
    /// The projection, if one could be made.
    pub projection: Option<Projection>,
    /// The target, if given.
    pub target: Option<f64>,
    /// The months of the breakdown chart.
    pub breakdown_months: Vec<YearMonth>,
    /// The components of the series, largest first (empty: no breakdown).
    pub breakdown: Vec<ComponentLine>,
}

impl Default for ChartData {
    fn default() -> Self {
        let month = YearMonth::new(2000, 1).unwrap_or_else(|_| unreachable!());
        ChartData {
            series: String::new(),
            title: String::new(),
            unit: Unit::USD_MILLION,
            source: String::new(),
            released: Date::constant(2000, 2, 1),
            month,
            fiscal_year: inflow_core::FiscalCalendar::PAKISTAN.fiscal_year_of(month),
            monthly: Vec::new(),
            cumulative: Vec::new(),
            projection: None,
            target: None,
            breakdown_months: Vec::new(),
            breakdown: Vec::new(),
        }
    }
}

/// The charts of a brief.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// Monthly values of the last 36 months.
    Monthly,
    /// Fiscal-year running totals, this year against the three before.
    Cumulative,
    /// The projection fan of the fiscal year.
    Projection,
    /// The components of the series, stacked.
    Breakdown,
}

impl Chart {
    /// File stem: `monthly`, `cumulative`, `projection`, `breakdown`.
    pub fn name(self) -> &'static str {
        match self {
            Chart::Monthly => "monthly",
            Chart::Cumulative => "cumulative",
            Chart::Projection => "projection",
            Chart::Breakdown => "breakdown",
        }
    }

    /// The charts available for `data` (no projection chart without a
    /// projection, no breakdown without components).
    pub fn available(data: &ChartData) -> Vec<Chart> {
        let mut v = vec![Chart::Monthly, Chart::Cumulative];
        if data.projection.is_some() {
            v.push(Chart::Projection);
        }
        if !data.breakdown.is_empty() {
            v.push(Chart::Breakdown);
        }
        v
    }

    /// A description for readers who cannot see the chart (alt text).
    pub fn alt(self, data: &ChartData) -> String {
        match self {
            Chart::Monthly => format!(
                "Bar chart of monthly values, {} to {}, {}; months that set an all-time high highlighted.",
                data.monthly
                    .first()
                    .map_or(String::new(), |b| b.month.long_label()),
                data.month.long_label(),
                data.unit
            ),
            Chart::Cumulative => format!(
                "Line chart of running fiscal-year totals, {} against earlier years, {}.",
                data.fiscal_year, data.unit
            ),
            Chart::Projection => format!(
                "Monthly values of {} with the forecast of the months left and its 80% and 95% bands, and the range of the year's total, {}.",
                data.fiscal_year, data.unit
            ),
            Chart::Breakdown => format!(
                "Stacked bar chart of the components ({}), month by month, {}.",
                data.breakdown
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                data.unit
            ),
        }
    }
}

/// A chart written to disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartFile {
    /// Which chart.
    pub chart: Chart,
    /// The SVG file.
    pub svg: PathBuf,
    /// The PNG file.
    pub png: PathBuf,
}

/// Draws a chart as an SVG document.
///
/// # Errors
/// [`Error::Chart`].
pub fn svg(data: &ChartData, chart: Chart, style: &Style) -> Result<String, Error> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        draw(&root, data, chart, style)?;
        root.present().map_err(err(chart))?;
    }
    Ok(out)
}

/// Draws a chart as a PNG file of [`WIDTH`] x [`HEIGHT`] pixels.
///
/// # Errors
/// [`Error::Chart`].
pub fn png(data: &ChartData, chart: Chart, style: &Style, path: &Path) -> Result<(), Error> {
    let backend = raster::Raster::new(BitMapBackend::new(path, (WIDTH, HEIGHT)), style.font());
    let root = backend.into_drawing_area();
    draw(&root, data, chart, style)?;
    root.present().map_err(err(chart))?;
    Ok(())
}

/// Writes every available chart as `NAME.svg` and `NAME.png` into `dir`.
///
/// # Errors
/// [`Error::Io`] or [`Error::Chart`].
pub fn write_all(data: &ChartData, dir: &Path, style: &Style) -> Result<Vec<ChartFile>, Error> {
    let mut files = Vec::new();
    for chart in Chart::available(data) {
        let svg_path = dir.join(format!("{}.svg", chart.name()));
        let png_path = dir.join(format!("{}.png", chart.name()));
        std::fs::write(&svg_path, svg(data, chart, style)?).map_err(|source| Error::Io {
            path: svg_path.display().to_string(),
            source,
        })?;
        png(data, chart, style, &png_path)?;
        files.push(ChartFile {
            chart,
            svg: svg_path,
            png: png_path,
        });
    }
    Ok(files)
}

fn err<E: std::fmt::Display>(chart: Chart) -> impl Fn(E) -> Error {
    move |e| Error::Chart {
        chart: chart.name(),
        reason: e.to_string(),
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    chart: Chart,
    style: &Style,
) -> Result<(), Error> {
    let e = err(chart);
    root.fill(&WHITE).map_err(&e)?;
    let (body, footer) = root.split_vertically(HEIGHT - 34);
    footer
        .draw_text(
            &format!(
                "Source: {}, {} ({}), as released on {}. Chart: inflow.",
                data.source,
                data.series,
                data.unit,
                long_date(data.released)
            ),
            &style.footer().color(&style::GREY),
            (16, 8),
        )
        .map_err(&e)?;
    match chart {
        Chart::Monthly => monthly::draw(&body, data, style).map_err(&e),
        Chart::Cumulative => cumulative::draw(&body, data, style).map_err(&e),
        Chart::Projection => projection::draw(&body, data, style).map_err(&e),
        Chart::Breakdown => breakdown::draw(&body, data, style).map_err(&e),
    }
}

/// What drawing on a backend returns.
pub(crate) type DrawResult<DB> =
    Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

pub(crate) fn month_label(m: YearMonth) -> String {
    format!("{} {}", m.abbrev(), m.year())
}
