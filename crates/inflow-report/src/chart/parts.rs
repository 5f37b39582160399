//! Pieces every chart draws the same way, so that the charts of one brief
//! look like one set: the value axis and its grid, the legend box, a bar.

use plotters::coord::CoordTranslate;
use plotters::prelude::*;

use super::DrawResult;
use super::style::{LIGHT, Style};

/// Finishes a mesh the way every chart does: eight value ticks formatted by
/// `$scale` with `$step`, the axis titled `$desc`, no minor grid and a light
/// major grid. A macro because plotters' `MeshStyle` borrows its formatter
/// for the builder's lifetime, which a function cannot hand back.
macro_rules! value_axis {
    ($mesh:expr, $desc:expr, $scale:expr, $step:expr, $style:expr) => {
        $mesh
            .y_labels(8)
            .y_desc($desc)
            .y_label_formatter(&|v| $scale.tick(*v, $step))
            .label_style($style.axis())
            .axis_desc_style($style.axis())
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style($crate::chart::style::LIGHT.mix(0.6))
            .draw()
    };
}
pub(crate) use value_axis;

/// The legend box in the upper left corner.
pub(crate) fn legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    style: &Style,
) -> DrawResult<DB>
where
    DB: DrawingBackend + 'a,
    CT: CoordTranslate,
{
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(style.axis())
        .background_style(WHITE.mix(0.9))
        .border_style(LIGHT)
        .draw()
}

/// A legend swatch: a filled square of `color`.
pub(crate) fn swatch(color: RGBColor) -> impl Fn((i32, i32)) -> Rectangle<(i32, i32)> {
    move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], color.filled())
}

/// A bar filling slot `i` of a segmented axis from `lo` to `hi`, `gap`
/// pixels short of its neighbours on each side.
/// The x range for `n` bars, one segment each. A single bar would make a
/// range of no width, which plotters draws squeezed against the y axis, so
/// it gets an empty segment on either side and stands in the middle.
pub(crate) fn bar_range(n: usize) -> std::ops::Range<i32> {
    if n <= 1 {
        -1..1
    } else {
        0..i32::try_from(n - 1).unwrap_or(i32::MAX)
    }
}

pub(crate) fn bar(
    i: usize,
    lo: f64,
    hi: f64,
    color: RGBColor,
    gap: u32,
) -> Rectangle<(SegmentValue<i32>, f64)> {
    let mut r = Rectangle::new(
        [
            (SegmentValue::Exact(i as i32), lo),
            (SegmentValue::Exact(i as i32 + 1), hi),
        ],
        color.filled(),
    );
    r.set_margin(0, 0, gap, gap);
    r
}
