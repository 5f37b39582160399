//! The brief's charts, drawn with plotters as SVG (for HTML and the web) and
//! PNG (for documents and messaging apps):
//!
//! - `monthly`: the last 36 months, months that set an all-time high
//!   highlighted;
//! - `cumulative`: the fiscal year's running total against the three years
//!   before it;
//! - `projection`: the months of the fiscal year with the forecast fan (80%
//!   and 95% bands) of the months left and, given a target, the monthly
//!   average the target needs.
//!
//! Text needs a TrueType font: the first of [`FONT_CANDIDATES`] that exists,
//! or the file named by `INFLOW_FONT`. No font is bundled.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use inflow_core::{Date, FiscalYear, Unit, YearMonth};
use inflow_project::Projection;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::Error;
use crate::fmt::{long_date, money};

/// Width of every chart, pixels.
pub const WIDTH: u32 = 1000;
/// Height of every chart, pixels.
pub const HEIGHT: u32 = 600;

/// Font files tried in order when `INFLOW_FONT` is not set: DejaVu Sans as
/// installed by Debian's `fonts-dejavu-core` and other distributions, then
/// common fonts of macOS and Windows.
pub const FONT_CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "/Library/Fonts/Arial.ttf",
    "C:\\Windows\\Fonts\\arial.ttf",
];

const FAMILY: &str = "sans-serif";
const BLUE: RGBColor = RGBColor(31, 92, 153);
const ORANGE: RGBColor = RGBColor(217, 95, 2);
const GREY: RGBColor = RGBColor(110, 110, 110);
const LIGHT: RGBColor = RGBColor(200, 200, 200);
const PREVIOUS_YEARS: [RGBColor; 3] = [
    RGBColor(120, 160, 200),
    RGBColor(160, 160, 160),
    RGBColor(200, 180, 140),
];

/// Loads the chart font once per process.
///
/// # Errors
/// [`Error::NoFont`] when no candidate exists or none is a valid font.
pub fn ensure_font() -> Result<(), Error> {
    static LOADED: OnceLock<Result<(), String>> = OnceLock::new();
    let result = LOADED.get_or_init(|| {
        let mut tried: Vec<String> = Vec::new();
        let env = std::env::var("INFLOW_FONT").ok();
        for path in env
            .iter()
            .map(String::as_str)
            .chain(FONT_CANDIDATES.iter().copied())
        {
            tried.push(path.to_string());
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            // plotters keeps registered fonts for the life of the process.
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            if plotters::style::register_font(FAMILY, FontStyle::Normal, bytes).is_ok() {
                let bold = path.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf");
                if bold != path {
                    if let Ok(b) = std::fs::read(&bold) {
                        let b: &'static [u8] = Box::leak(b.into_boxed_slice());
                        // Without a bold face plotters falls back to the normal one.
                        let _ = plotters::style::register_font(FAMILY, FontStyle::Bold, b);
                    }
                }
                return Ok(());
            }
        }
        Err(tried.join(", "))
    });
    result.clone().map_err(|tried| Error::NoFont { tried })
}

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
}

impl Chart {
    /// File stem: `monthly`, `cumulative`, `projection`.
    pub fn name(self) -> &'static str {
        match self {
            Chart::Monthly => "monthly",
            Chart::Cumulative => "cumulative",
            Chart::Projection => "projection",
        }
    }

    /// The charts available for `data` (no projection chart without a
    /// projection).
    pub fn available(data: &ChartData) -> Vec<Chart> {
        let mut v = vec![Chart::Monthly, Chart::Cumulative];
        if data.projection.is_some() {
            v.push(Chart::Projection);
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
                "Monthly values of {} with the forecast of the months left and its 80% and 95% bands, {}.",
                data.fiscal_year, data.unit
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
/// [`Error::NoFont`] or [`Error::Chart`].
pub fn svg(data: &ChartData, chart: Chart) -> Result<String, Error> {
    ensure_font()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (WIDTH, HEIGHT)).into_drawing_area();
        draw(&root, data, chart)?;
        root.present().map_err(err(chart))?;
    }
    Ok(out)
}

/// Draws a chart as a PNG file of [`WIDTH`] x [`HEIGHT`] pixels.
///
/// # Errors
/// [`Error::NoFont`] or [`Error::Chart`].
pub fn png(data: &ChartData, chart: Chart, path: &Path) -> Result<(), Error> {
    ensure_font()?;
    let root = BitMapBackend::new(path, (WIDTH, HEIGHT)).into_drawing_area();
    draw(&root, data, chart)?;
    root.present().map_err(err(chart))?;
    Ok(())
}

/// Writes every available chart as `NAME.svg` and `NAME.png` into `dir`.
///
/// # Errors
/// [`Error::Io`], [`Error::NoFont`] or [`Error::Chart`].
pub fn write_all(data: &ChartData, dir: &Path) -> Result<Vec<ChartFile>, Error> {
    let mut files = Vec::new();
    for chart in Chart::available(data) {
        let svg_path = dir.join(format!("{}.svg", chart.name()));
        let png_path = dir.join(format!("{}.png", chart.name()));
        std::fs::write(&svg_path, svg(data, chart)?).map_err(|source| Error::Io {
            path: svg_path.display().to_string(),
            source,
        })?;
        png(data, chart, &png_path)?;
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
            &TextStyle::from((FAMILY, 15).into_font()).color(&GREY),
            (16, 8),
        )
        .map_err(&e)?;
    match chart {
        Chart::Monthly => monthly(&body, data).map_err(&e),
        Chart::Cumulative => cumulative(&body, data).map_err(&e),
        Chart::Projection => projection(&body, data).map_err(&e),
    }
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn title_font<'a>() -> TextStyle<'a> {
    TextStyle::from((FAMILY, 26).into_font().style(FontStyle::Bold))
}

fn axis_font<'a>() -> TextStyle<'a> {
    TextStyle::from((FAMILY, 16).into_font())
}

fn y_axis_label(unit: Unit) -> String {
    unit.to_string()
}

fn nice_max(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let step = 10f64.powf((v.log10()).floor()) / 2.0;
    ((v * 1.08) / step).ceil() * step
}

fn month_label(m: YearMonth) -> String {
    format!("{} {}", m.abbrev(), m.year())
}

fn monthly<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, data: &ChartData) -> DrawResult<DB> {
    let bars = &data.monthly;
    let n = bars.len() as i32;
    let max = bars.iter().filter_map(|b| b.value).fold(0.0, f64::max);
    let first = bars.first().map_or(data.month, |b| b.month);
    let (head, plot) = area.split_vertically(60);
    head.draw_text(
        &format!(
            "Monthly values, {} to {}",
            first.long_label(),
            data.month.long_label()
        ),
        &title_font(),
        (16, 12),
    )?;
    let gaps: Vec<String> = bars
        .iter()
        .filter(|b| b.value.is_none())
        .map(|b| month_label(b.month))
        .collect();
    let subtitle = if gaps.is_empty() {
        data.title.clone()
    } else {
        format!(
            "{}; no data for {}",
            data.title,
            crate::fmt::and_list(&gaps)
        )
    };
    head.draw_text(&subtitle, &axis_font().color(&GREY), (16, 42))?;
    let mut chart = ChartBuilder::on(&plot)
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d((0..(n - 1).max(0)).into_segmented(), 0.0..nice_max(max))?;
    let months: Vec<YearMonth> = bars.iter().map(|b| b.month).collect();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(bars.len() + 1)
        .x_label_formatter(&|seg| {
            let SegmentValue::CenterOf(i) = seg else {
                return String::new();
            };
            months
                .get(*i as usize)
                .filter(|m| m.month() == 1 || m.month() == 7)
                .map(|m| month_label(*m))
                .unwrap_or_default()
        })
        .y_desc(y_axis_label(data.unit))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .label_style(axis_font())
        .axis_desc_style(axis_font())
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(LIGHT.mix(0.6))
        .draw()?;
    let bar = |i: usize, b: &MonthBar, color: RGBColor| {
        let mut r = Rectangle::new(
            [
                (SegmentValue::Exact(i as i32), 0.0),
                (SegmentValue::Exact(i as i32 + 1), b.value.unwrap_or(0.0)),
            ],
            color.filled(),
        );
        r.set_margin(0, 0, 2, 2);
        r
    };
    chart
        .draw_series(
            bars.iter()
                .enumerate()
                .filter(|(_, b)| b.value.is_some() && !b.record)
                .map(|(i, b)| bar(i, b, BLUE)),
        )?
        .label("monthly value")
        .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], BLUE.filled()));
    if bars.iter().any(|b| b.record && b.value.is_some()) {
        chart
            .draw_series(
                bars.iter()
                    .enumerate()
                    .filter(|(_, b)| b.value.is_some() && b.record)
                    .map(|(i, b)| bar(i, b, ORANGE)),
            )?
            .label("new all-time high when released")
            .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], ORANGE.filled()));
    }
    // Value labels on the records and on the month of the brief.
    let label_style =
        TextStyle::from((FAMILY, 14).into_font()).pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Center,
            plotters::style::text_anchor::VPos::Bottom,
        ));
    chart.draw_series(bars.iter().enumerate().filter_map(|(i, b)| {
        let v = b.value?;
        (b.record || b.month == data.month).then(|| {
            EmptyElement::at((SegmentValue::CenterOf(i as i32), v))
                + Text::new(
                    crate::fmt::plain(v),
                    (0, -3),
                    label_style
                        .clone()
                        .color(if b.record { &ORANGE } else { &BLUE }),
                )
        })
    }))?;
    // Gaps are marked where they are, not left as silent holes.
    chart.draw_series(
        bars.iter()
            .enumerate()
            .filter(|(_, b)| b.value.is_none())
            .map(|(i, _)| {
                EmptyElement::at((SegmentValue::CenterOf(i as i32), 0.0))
                    + Text::new("n/a", (0, -4), label_style.clone().color(&GREY))
            }),
    )?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(axis_font())
        .background_style(WHITE.mix(0.9))
        .border_style(LIGHT)
        .draw()?;
    Ok(())
}

fn fiscal_month_labels(fy: FiscalYear) -> Vec<String> {
    fy.months()
        .map(|ms| ms.iter().map(|m| m.abbrev().to_string()).collect())
        .unwrap_or_default()
}

fn cumulative<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
) -> DrawResult<DB> {
    let max = data
        .cumulative
        .iter()
        .flat_map(|l| l.cumulative.iter().flatten())
        .fold(0.0, |a: f64, b| a.max(*b));
    let labels = fiscal_month_labels(data.fiscal_year);
    let (head, plot) = area.split_vertically(60);
    let earlier = data
        .cumulative
        .iter()
        .skip(1)
        .filter(|l| l.cumulative.iter().any(Option::is_some))
        .count();
    let title = match earlier {
        0 => format!(
            "Running total of {} (no earlier year complete in the data)",
            data.fiscal_year
        ),
        1 => format!(
            "Running total by fiscal year: {} against the year before",
            data.fiscal_year
        ),
        n => format!(
            "Running total by fiscal year: {} against the {} years before",
            data.fiscal_year,
            ["two", "three"][(n - 2).min(1)]
        ),
    };
    head.draw_text(&title, &title_font(), (16, 12))?;
    head.draw_text(&data.title, &axis_font().color(&GREY), (16, 42))?;
    let mut chart = ChartBuilder::on(&plot)
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(80)
        .build_cartesian_2d(1..12, 0.0..nice_max(max))?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(12)
        .x_label_formatter(&|i| labels.get(*i as usize - 1).cloned().unwrap_or_default())
        .y_desc(format!("{}, cumulative", y_axis_label(data.unit)))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .label_style(axis_font())
        .axis_desc_style(axis_font())
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(LIGHT.mix(0.6))
        .draw()?;
    for (k, line) in data.cumulative.iter().enumerate().rev() {
        let points: Vec<(i32, f64)> = line
            .cumulative
            .iter()
            .enumerate()
            .map_while(|(i, v)| v.map(|v| (i as i32 + 1, v)))
            .collect();
        if points.is_empty() {
            continue;
        }
        let (color, width) = if k == 0 {
            (BLUE, 4)
        } else {
            (PREVIOUS_YEARS[(k - 1) % 3], 2)
        };
        let label = if k == 0 {
            format!("{} to {}", line.fiscal_year, data.month.name())
        } else {
            line.fiscal_year.to_string()
        };
        chart
            .draw_series(LineSeries::new(
                points.iter().copied(),
                color.stroke_width(width),
            ))?
            .label(label)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(width))
            });
        if k == 0 {
            chart.draw_series(points.iter().map(|p| Circle::new(*p, 4, BLUE.filled())))?;
            if let Some(&(x, v)) = points.last() {
                chart.draw_series(std::iter::once(
                    EmptyElement::at((x, v))
                        + Text::new(money(v, data.unit), (-40, -28), axis_font().color(&BLUE)),
                ))?;
            }
        }
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(axis_font())
        .background_style(WHITE.mix(0.9))
        .border_style(LIGHT)
        .draw()?;
    Ok(())
}

fn projection<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
) -> DrawResult<DB> {
    let Some(p) = &data.projection else {
        return Ok(());
    };
    let labels: Vec<String> = p
        .months
        .iter()
        .map(|m| m.month.abbrev().to_string())
        .collect();
    let rest: Vec<usize> = (0..p.months.len())
        .filter(|&i| p.months[i].actual.is_none())
        .collect();
    let need = match (data.target, rest.len()) {
        (Some(t), n) if n > 0 && t > p.actual_to_date => Some((t - p.actual_to_date) / n as f64),
        _ => None,
    };
    let data_max = p
        .months
        .iter()
        .flat_map(|m| [m.actual, m.hi_95, m.point])
        .flatten()
        .fold(0.0, f64::max);
    // A target far out of reach would squash the data into a flat line:
    // say it in words instead of drawing it.
    let (need, off_scale) = match need {
        Some(v) if v > data_max * 1.6 => (None, Some(v)),
        other => (other, None),
    };
    let max = data_max.max(need.unwrap_or(0.0));
    let iv = |level: &str| {
        p.intervals
            .get(level)
            .map(|[lo, hi]| {
                format!(
                    "{level}%: {} to {}",
                    money(*lo, data.unit),
                    money(*hi, data.unit)
                )
            })
            .unwrap_or_default()
    };
    let caption = if rest.is_empty() {
        format!(
            "{}: the year is complete, total {}",
            p.fiscal_year,
            money(p.point, data.unit)
        )
    } else {
        format!(
            "{} projected total: {}",
            p.fiscal_year,
            money(p.point, data.unit)
        )
    };
    let (head, plot) = area.split_vertically(60);
    head.draw_text(&caption, &title_font(), (16, 12))?;
    if !rest.is_empty() {
        let mut line = format!("{}; {}", iv("80"), iv("95"));
        if let (Some(v), Some(t)) = (off_scale, data.target) {
            line.push_str(&format!(
                ". The {} target needs {} a month (off this scale)",
                money(t, data.unit),
                money(v, data.unit)
            ));
        }
        head.draw_text(&line, &axis_font().color(&GREY), (16, 42))?;
    }
    let mut chart = ChartBuilder::on(&plot)
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(1..12, 0.0..nice_max(max))?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(12)
        .x_label_formatter(&|i| labels.get(*i as usize - 1).cloned().unwrap_or_default())
        .y_desc(format!("{} a month", y_axis_label(data.unit)))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .label_style(axis_font())
        .axis_desc_style(axis_font())
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(LIGHT.mix(0.6))
        .draw()?;
    let x = |i: usize| i as i32 + 1;
    // The fan starts at the last actual month, where it has no width.
    let anchor = p
        .months
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.actual.map(|v| (x(i), v)))
        .next_back();
    let band = |lo: fn(&inflow_project::MonthLine) -> Option<f64>,
                hi: fn(&inflow_project::MonthLine) -> Option<f64>| {
        let mut upper: Vec<(i32, f64)> = anchor.into_iter().collect();
        let mut lower: Vec<(i32, f64)> = anchor.into_iter().collect();
        for &i in &rest {
            if let (Some(l), Some(h)) = (lo(&p.months[i]), hi(&p.months[i])) {
                upper.push((x(i), h));
                lower.push((x(i), l.max(0.0)));
            }
        }
        lower.reverse();
        upper.extend(lower);
        upper
    };
    if !rest.is_empty() {
        let fan95 = band(|m| m.lo_95, |m| m.hi_95);
        let fan80 = band(|m| m.lo_80, |m| m.hi_80);
        chart
            .draw_series(std::iter::once(Polygon::new(
                fan95,
                ORANGE.mix(0.18).filled(),
            )))?
            .label("95% interval")
            .legend(|(x, y)| {
                Rectangle::new([(x, y - 6), (x + 20, y + 6)], ORANGE.mix(0.18).filled())
            });
        chart
            .draw_series(std::iter::once(Polygon::new(
                fan80,
                ORANGE.mix(0.40).filled(),
            )))?
            .label("80% interval")
            .legend(|(x, y)| {
                Rectangle::new([(x, y - 6), (x + 20, y + 6)], ORANGE.mix(0.40).filled())
            });
        let forecast: Vec<(i32, f64)> = anchor
            .into_iter()
            .chain(
                rest.iter()
                    .filter_map(|&i| p.months[i].point.map(|v| (x(i), v))),
            )
            .collect();
        chart
            .draw_series(DashedLineSeries::new(
                forecast.clone(),
                8,
                5,
                ORANGE.stroke_width(3),
            ))?
            .label("forecast")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], ORANGE.stroke_width(3)));
        chart.draw_series(
            forecast
                .iter()
                .skip(1)
                .map(|p| Circle::new(*p, 4, ORANGE.filled())),
        )?;
    }
    let actual: Vec<(i32, f64)> = p
        .months
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.actual.map(|v| (x(i), v)))
        .collect();
    chart
        .draw_series(LineSeries::new(
            actual.iter().copied(),
            BLUE.stroke_width(3),
        ))?
        .label("actual")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLUE.stroke_width(3)));
    chart.draw_series(actual.iter().map(|p| Circle::new(*p, 4, BLUE.filled())))?;
    if let (Some(need), Some(t), Some(&first), Some(&last)) =
        (need, data.target, rest.first(), rest.last())
    {
        let (a, b) = if first == last {
            (x(first) - 1, x(last))
        } else {
            (x(first), x(last))
        };
        let a = a.max(1);
        chart
            .draw_series(DashedLineSeries::new(
                vec![(a, need), (b, need)],
                6,
                4,
                RED.stroke_width(2),
            ))?
            .label(format!(
                "average needed for the {} target: {} a month",
                money(t, data.unit),
                money(need, data.unit)
            ))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], RED.stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(axis_font())
        .background_style(WHITE.mix(0.9))
        .border_style(LIGHT)
        .draw()?;
    Ok(())
}
