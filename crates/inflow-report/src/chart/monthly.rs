//! Monthly values of the last 36 months as bars, months that set an
//! all-time high when released highlighted, gaps marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::parts::{bar, bar_range, legend, swatch, value_axis};
use super::style::{AxisScale, BLUE, GREY, ORANGE, Style, nice_max, tick_step};
use super::{ChartData, DrawResult, month_label};
use inflow_core::YearMonth;

/// Draws the monthly chart on `area`.
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    style: &Style,
) -> DrawResult<DB> {
    let bars = &data.monthly;
    let max = bars.iter().filter_map(|b| b.value).fold(0.0, f64::max);
    let first = bars.first().map_or(data.month, |b| b.month);
    let (head, plot) = area.split_vertically(60);
    head.draw_text(
        &format!(
            "Monthly values, {} to {}",
            first.long_label(),
            data.month.long_label()
        ),
        &style.title(),
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
    head.draw_text(&subtitle, &style.axis().color(&GREY), (16, 42))?;
    let top = nice_max(max);
    let scale = AxisScale::for_max(top, data.unit);
    let step = tick_step(0.0, top, 8);
    let mut chart = ChartBuilder::on(&plot)
        .margin(16)
        // Room for the last bar's value label, centred on the bar.
        .margin_right(28)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(bar_range(bars.len()).into_segmented(), 0.0..top)?;
    let months: Vec<YearMonth> = bars.iter().map(|b| b.month).collect();
    value_axis!(
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(bars.len() + 1)
            .x_label_formatter(&|seg| {
                let SegmentValue::CenterOf(i) = seg else {
                    return String::new();
                };
                usize::try_from(*i)
                    .ok()
                    .and_then(|i| months.get(i))
                    .filter(|m| m.month() == 1 || m.month() == 7)
                    .map(|m| month_label(*m))
                    .unwrap_or_default()
            }),
        scale.unit_label(data.unit),
        scale,
        step,
        style
    )?;
    chart
        .draw_series(
            bars.iter()
                .enumerate()
                .filter(|(_, b)| b.value.is_some() && !b.record)
                .map(|(i, b)| bar(i, 0.0, b.value.unwrap_or(0.0), BLUE, 2)),
        )?
        .label("monthly value")
        .legend(swatch(BLUE));
    if bars.iter().any(|b| b.record && b.value.is_some()) {
        chart
            .draw_series(
                bars.iter()
                    .enumerate()
                    .filter(|(_, b)| b.value.is_some() && b.record)
                    .map(|(i, b)| bar(i, 0.0, b.value.unwrap_or(0.0), ORANGE, 2)),
            )?
            .label("new all-time high when released")
            .legend(swatch(ORANGE));
    }
    // Value labels on the records and on the month of the brief.
    let label_style = style.small().pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Center,
        plotters::style::text_anchor::VPos::Bottom,
    ));
    chart.draw_series(bars.iter().enumerate().filter_map(|(i, b)| {
        let v = b.value?;
        (b.record || b.month == data.month).then(|| {
            EmptyElement::at((SegmentValue::CenterOf(i as i32), v))
                + Text::new(
                    // Whole units above a hundred, as the axis reads: 413.62
                    // among labels of 303 and 437 reads as another kind of
                    // figure.
                    crate::fmt::grouped(v, if v.abs() >= 100.0 { 0 } else { 1 }),
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
    legend(&mut chart, style)?;
    Ok(())
}
