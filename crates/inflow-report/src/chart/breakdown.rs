//! The components of a total, month by month, as stacked bars with a
//! legend; a month where a component is missing shows the others only.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::parts::{bar, bar_range, legend, swatch, value_axis};
use super::style::{AxisScale, GREY, PALETTE, Style, nice_max, tick_step};
use super::{ChartData, DrawResult, month_label};

/// Draws the breakdown chart on `area` (nothing without components).
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    style: &Style,
) -> DrawResult<DB> {
    let months = &data.breakdown_months;
    if data.breakdown.is_empty() || months.is_empty() {
        return Ok(());
    }
    let n = months.len();
    let totals: Vec<f64> = (0..n)
        .map(|i| {
            data.breakdown
                .iter()
                .filter_map(|c| c.values.get(i).copied().flatten())
                .sum()
        })
        .collect();
    let top = nice_max(totals.iter().copied().fold(0.0, f64::max));
    let scale = AxisScale::for_max(top, data.unit);
    let step = tick_step(0.0, top, 8);
    let (head, plot) = area.split_vertically(60);
    let span = if n == 1 {
        months[0].long_label()
    } else {
        format!(
            "{} to {}",
            months[0].long_label(),
            months[n - 1].long_label()
        )
    };
    head.draw_text(&format!("By component, {span}"), &style.title(), (16, 12))?;
    head.draw_text(
        &format!("{}, {}", data.title, scale.unit_label(data.unit)),
        &style.axis().color(&GREY),
        (16, 42),
    )?;
    let mut chart = ChartBuilder::on(&plot)
        .margin(16)
        .margin_right(24)
        .x_label_area_size(40)
        .y_label_area_size(80)
        .build_cartesian_2d(bar_range(n).into_segmented(), 0.0..top)?;
    let every = n.div_ceil(12).max(1);
    value_axis!(
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n + 1)
            .x_label_formatter(&|seg| {
                let SegmentValue::CenterOf(i) = seg else {
                    return String::new();
                };
                let Ok(i) = usize::try_from(*i) else {
                    return String::new();
                };
                if i % every != 0 {
                    return String::new();
                }
                months
                    .get(i)
                    .map(|m| {
                        if i == 0 || m.month() == 1 {
                            month_label(*m)
                        } else {
                            m.abbrev().to_string()
                        }
                    })
                    .unwrap_or_default()
            }),
        scale.unit_label(data.unit),
        scale,
        step,
        style
    )?;
    let mut base = vec![0.0; n];
    for (k, c) in data.breakdown.iter().enumerate() {
        let color = PALETTE[k.min(PALETTE.len() - 1)];
        let mut bars = Vec::new();
        for (i, v) in c.values.iter().enumerate().take(n) {
            let Some(v) = v else { continue };
            bars.push(bar(i, base[i], base[i] + v, color, 3));
            base[i] += v;
        }
        chart
            .draw_series(bars)?
            .label(c.name.clone())
            .legend(swatch(color));
    }
    legend(&mut chart, style)?;
    Ok(())
}
