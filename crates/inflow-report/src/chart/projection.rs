//! The projection of the fiscal year: on the left the months, actual and
//! forecast with the 80% and 95% fans of the months left (and, given a
//! target, the monthly average it needs); on the right the fan of the
//! year's total with the target as a line. Neither value axis starts at
//! zero when zero would flatten the data; the axis says so.

use inflow_project::Projection;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::parts::{legend, value_axis};
use super::style::{AxisScale, BLUE, LIGHT, ORANGE, RED, Style, tick_step, value_range};
use super::{ChartData, DrawResult};
use crate::fmt::{money, money_aligned};

/// Width of the year-total panel, pixels.
const TOTAL_PANEL: u32 = 230;

fn axis_title(unit_label: String, what: &str, cut: bool) -> String {
    if cut {
        format!("{unit_label}{what} (axis does not start at zero)")
    } else {
        format!("{unit_label}{what}")
    }
}

/// Draws the projection chart on `area` (nothing without a projection).
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    style: &Style,
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
    let values = || {
        p.months
            .iter()
            .flat_map(|m| [m.actual, m.hi_95, m.point, m.lo_95])
            .flatten()
    };
    let data_max = values().fold(0.0, f64::max);
    let data_min = values().fold(f64::INFINITY, f64::min);
    // A target far out of reach would squash the data into a flat line:
    // say it in words instead of drawing it.
    let (need, off_scale) = match need {
        Some(v) if v > data_max * 1.6 => (None, Some(v)),
        other => (other, None),
    };
    let hi = data_max.max(need.unwrap_or(0.0));
    let lo = data_min.min(need.unwrap_or(f64::INFINITY));
    let (bottom, top, cut) = value_range(if lo.is_finite() { lo } else { 0.0 }, hi);
    let iv = |level: &str| {
        p.intervals
            .get(level)
            .map(|[lo, hi]| {
                format!(
                    "{level}%: {} to {}",
                    money_aligned(*lo, data.unit),
                    money_aligned(*hi, data.unit)
                )
            })
            .unwrap_or_default()
    };
    let caption = if rest.is_empty() {
        format!(
            "{}: the year is complete, total {}",
            p.fiscal_year,
            money_aligned(p.point, data.unit)
        )
    } else {
        format!(
            "{} projected total: {}",
            p.fiscal_year,
            money_aligned(p.point, data.unit)
        )
    };
    let (head, plot) = area.split_vertically(60);
    head.draw_text(&caption, &style.title(), (16, 12))?;
    if !rest.is_empty() {
        let mut line = format!("{}; {}", iv("80"), iv("95"));
        if let (Some(v), Some(t)) = (off_scale, data.target) {
            line.push_str(&format!(
                ". The {} target needs {} a month (off this scale)",
                money(t, data.unit),
                money(v.round(), data.unit)
            ));
        }
        head.draw_text(&line, &style.axis().color(&super::style::GREY), (16, 42))?;
    }
    let (months_area, total_area) = plot.split_horizontally(plot.dim_in_pixel().0 - TOTAL_PANEL);
    let scale = AxisScale::for_max(top, data.unit);
    let step = tick_step(bottom, top, 8);
    let mut chart = ChartBuilder::on(&months_area)
        .margin(16)
        .margin_right(24)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(1..12, bottom..top)?;
    value_axis!(
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(12)
            .x_label_formatter(&|i| labels.get(*i as usize - 1).cloned().unwrap_or_default()),
        axis_title(scale.unit_label(data.unit), " a month", cut),
        scale,
        step,
        style
    )?;
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
                upper.push((x(i), h.min(top)));
                lower.push((x(i), l.max(bottom)));
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
                "needed for the {} target: {} a month",
                money(t, data.unit),
                // Whole units: a monthly rate the target implies is no
                // more precise than the target itself.
                money(need.round(), data.unit)
            ))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], RED.stroke_width(2)));
    }
    legend(&mut chart, style)?;
    total_panel(&total_area, p, data, style)
}

/// The year's total: its 95% and 80% ranges as bars, the projection as a
/// tick, the target as a line across.
fn total_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    p: &Projection,
    data: &ChartData,
    style: &Style,
) -> DrawResult<DB> {
    let iv = |level: &str| p.intervals.get(level).copied();
    let mut lo = p.point;
    let mut hi = p.point;
    for [l, h] in [iv("80"), iv("95")].into_iter().flatten() {
        lo = lo.min(l);
        hi = hi.max(h);
    }
    if let Some(t) = data.target {
        lo = lo.min(t);
        hi = hi.max(t);
    }
    let (bottom, top, cut) = value_range(lo, hi);
    let scale = AxisScale::for_max(top, data.unit);
    let step = tick_step(bottom, top, 6);
    let mut chart = ChartBuilder::on(area)
        .margin(16)
        .margin_left(4)
        .x_label_area_size(40)
        .y_label_area_size(62)
        .caption("Year total", style.axis_bold())
        .build_cartesian_2d(0.0..1.0, bottom..top)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_desc(axis_title(scale.unit_label(data.unit), "", cut))
        .y_label_formatter(&|v| scale.tick(*v, step))
        .label_style(style.small())
        .axis_desc_style(style.small())
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(LIGHT.mix(0.6))
        .draw()?;
    if let Some([l, h]) = iv("95") {
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.3, l), (0.7, h)],
            ORANGE.mix(0.18).filled(),
        )))?;
    }
    if let Some([l, h]) = iv("80") {
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.3, l), (0.7, h)],
            ORANGE.mix(0.40).filled(),
        )))?;
    }
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(0.25, p.point), (0.75, p.point)],
        ORANGE.stroke_width(3),
    )))?;
    chart.draw_series(std::iter::once(
        EmptyElement::at((0.5, p.point))
            + Text::new(
                money_aligned(p.point, data.unit),
                (-40, -22),
                style.small().color(&ORANGE),
            ),
    ))?;
    if let Some(t) = data.target {
        chart.draw_series(DashedLineSeries::new(
            vec![(0.0, t), (1.0, t)],
            6,
            4,
            RED.stroke_width(2),
        ))?;
        chart.draw_series(std::iter::once(
            EmptyElement::at((0.0, t))
                + Text::new(
                    format!("target {}", money(t, data.unit)),
                    (4, 4),
                    style.small().color(&RED),
                ),
        ))?;
    }
    Ok(())
}
