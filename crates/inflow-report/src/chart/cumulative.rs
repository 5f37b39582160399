//! The fiscal year's running total against the three years before it: this
//! year bold, earlier years thin, muted and dashed, each line named at its
//! end (labels pushed apart where lines end close together).

use inflow_core::FiscalYear;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::parts::value_axis;
use super::style::{AxisScale, BLUE, PREVIOUS_YEARS, Style, nice_max, tick_step};
use super::{ChartData, DrawResult};
use crate::fmt::money;

fn fiscal_month_labels(fy: FiscalYear) -> Vec<String> {
    fy.months()
        .map(|ms| ms.iter().map(|m| m.abbrev().to_string()).collect())
        .unwrap_or_default()
}

/// Moves label positions (pixels, any order) apart so that no two are
/// closer than `gap`, keeping their order; returns them in input order.
pub(crate) fn spread(ys: &[i32], gap: i32) -> Vec<i32> {
    let mut order: Vec<usize> = (0..ys.len()).collect();
    order.sort_by_key(|&i| ys[i]);
    let mut out = ys.to_vec();
    for w in 1..order.len() {
        let (a, b) = (order[w - 1], order[w]);
        if out[b] - out[a] < gap {
            out[b] = out[a] + gap;
        }
    }
    out
}

/// A line's end label: its lines of text, the end point in backend pixels,
/// its colour, and whether it is this year's (bold, placed to the left).
type EndLabel = (Vec<String>, (i32, i32), RGBColor, bool);

/// Draws the cumulative chart on `area`.
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    style: &Style,
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
            "Running total of {} (no earlier year in the data)",
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
    head.draw_text(&title, &style.title(), (16, 12))?;
    let top = nice_max(max);
    let scale = AxisScale::for_max(top, data.unit);
    head.draw_text(
        &format!("{}, {}", data.title, scale.unit_label(data.unit)),
        &style.axis().color(&super::style::GREY),
        (16, 42),
    )?;
    let step = tick_step(0.0, top, 8);
    let mut chart = ChartBuilder::on(&plot)
        .margin(16)
        // Room for the line labels and the last month's tick label.
        .margin_right(150)
        .x_label_area_size(40)
        .y_label_area_size(80)
        .build_cartesian_2d(1..12, 0.0..top)?;
    value_axis!(
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(12)
            .x_label_formatter(&|i| labels.get(*i as usize - 1).cloned().unwrap_or_default()),
        format!("{}, cumulative", scale.unit_label(data.unit)),
        scale,
        step,
        style
    )?;
    let mut ends: Vec<EndLabel> = Vec::new();
    // Earlier years first, so this year is drawn on top of them.
    for (k, line) in data.cumulative.iter().enumerate().rev() {
        let points: Vec<(i32, f64)> = line
            .cumulative
            .iter()
            .enumerate()
            .map_while(|(i, v)| v.map(|v| (i as i32 + 1, v)))
            .collect();
        let Some(&last) = points.last() else {
            continue;
        };
        let pixel = chart.backend_coord(&last);
        if k == 0 {
            chart.draw_series(LineSeries::new(
                points.iter().copied(),
                BLUE.stroke_width(4),
            ))?;
            chart.draw_series(points.iter().map(|p| Circle::new(*p, 4, BLUE.filled())))?;
            ends.push((
                vec![
                    format!("{} to {}", line.fiscal_year, data.month.abbrev()),
                    money(last.1, data.unit),
                ],
                pixel,
                BLUE,
                true,
            ));
        } else {
            let color = PREVIOUS_YEARS[(k - 1) % PREVIOUS_YEARS.len()];
            // Dash lengths differ by year, so overlapping lines stay apart.
            chart.draw_series(DashedLineSeries::new(
                points.iter().copied(),
                [10, 6, 3][(k - 1) % 3],
                4,
                color.stroke_width(2),
            ))?;
            ends.push((vec![line.fiscal_year.to_string()], pixel, color, false));
        }
    }
    // Labels at the same x (lines ending in the same month) are spread
    // apart vertically; the others stay where their line ends.
    let mut ys: Vec<i32> = ends.iter().map(|e| (e.1).1).collect();
    let mut xs: Vec<i32> = ends.iter().map(|e| (e.1).0).collect();
    xs.sort_unstable();
    xs.dedup();
    for x in xs {
        let idx: Vec<usize> = (0..ends.len()).filter(|&i| (ends[i].1).0 == x).collect();
        let group: Vec<i32> = idx.iter().map(|&i| ys[i]).collect();
        for (&i, y) in idx.iter().zip(spread(&group, 19)) {
            ys[i] = y;
        }
    }
    let (bx, by) = area.get_base_pixel();
    let left_middle = plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Left,
        plotters::style::text_anchor::VPos::Center,
    );
    let right_above = plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Right,
        plotters::style::text_anchor::VPos::Center,
    );
    for ((lines, (x, _), color, bold), y) in ends.iter().zip(ys) {
        if *bold {
            // This year's label sits above and left of its last point, clear
            // of the earlier years' labels at the right edge.
            for (j, text) in lines.iter().enumerate() {
                let font = if j == 0 {
                    style.axis_bold()
                } else {
                    style.axis()
                };
                let ts = font.color(color).pos(right_above);
                area.draw_text(text, &ts, (x - 10 - bx, y - by - 40 + 19 * j as i32))?;
            }
            continue;
        }
        for (j, text) in lines.iter().enumerate() {
            let font = if *bold && j == 0 {
                style.axis_bold()
            } else {
                style.axis()
            };
            let ts = font.color(color).pos(left_middle);
            // Backend pixels to the area's own.
            area.draw_text(text, &ts, (x + 9 - bx, y - by + 18 * j as i32))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::spread;

    #[test]
    fn labels_pushed_apart_in_order() {
        assert_eq!(spread(&[100, 105, 300], 20), vec![100, 120, 300]);
        assert_eq!(spread(&[105, 100], 20), vec![120, 100]);
    }
}
