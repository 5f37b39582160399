//! A bitmap backend that draws text and thick lines itself.
//!
//! plotters 0.3.7 with `ab_glyph` places each glyph's outline at the pen
//! position without its left side bearing (`px_bounds().min.x` is dropped),
//! so letters with a wide bearing sit too far left and the gap shows before
//! them: "Pak istan", "exp orts". Its thick lines are rasterised as one
//! polygon whose offsets are rounded to whole pixels, so a line's width
//! changes with its slope. This wrapper lays text out with the glyph
//! bounds, advances and kerning of the chart [`Font`], and strokes each
//! segment as its own quadrilateral with round joins; everything else goes
//! to plotters' [`BitMapBackend`].

use plotters::prelude::BitMapBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};

use ab_glyph::{Font as _, FontRef, ScaleFont, point};

use super::style::Font;

type BitmapError = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

/// [`BitMapBackend`] with correct glyph placement and even line widths.
pub struct Raster<'a> {
    inner: BitMapBackend<'a>,
    regular: Option<FontRef<'static>>,
    bold: Option<FontRef<'static>>,
}

impl<'a> Raster<'a> {
    /// Wraps `inner`, drawing text with `font`.
    pub fn new(inner: BitMapBackend<'a>, font: &Font) -> Raster<'a> {
        Raster {
            inner,
            regular: font.glyphs(false),
            bold: font.glyphs(true),
        }
    }

    fn face(&self, style: FontStyle) -> Option<&FontRef<'static>> {
        match style {
            FontStyle::Bold => self.bold.as_ref().or(self.regular.as_ref()),
            _ => self.regular.as_ref(),
        }
    }
}

/// Pen positions of each glyph of `text`, with kerning, and the advance.
fn layout(face: &FontRef<'static>, size: f32, text: &str) -> (Vec<(ab_glyph::GlyphId, f32)>, f32) {
    let scaled = face.as_scaled(size);
    let mut x = 0.0f32;
    let mut prev = None;
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            x += scaled.kern(p, id);
        }
        out.push((id, x));
        x += scaled.h_advance(id);
        prev = Some(id);
    }
    (out, x)
}

impl DrawingBackend for Raster<'_> {
    type ErrorType = BitmapError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if style.stroke_width() <= 1 {
            return self.inner.draw_line(from, to, style);
        }
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let width = style.stroke_width();
        if width <= 1 {
            return self.inner.draw_path(path, style);
        }
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let points: Vec<BackendCoord> = path.into_iter().collect();
        let half = f64::from(width) / 2.0;
        for pair in points.windows(2) {
            let [(x0, y0), (x1, y1)] = [pair[0], pair[1]];
            let (dx, dy) = (f64::from(x1 - x0), f64::from(y1 - y0));
            let len = (dx * dx + dy * dy).sqrt();
            if len == 0.0 {
                continue;
            }
            // The normal of the segment, half a width long.
            let (nx, ny) = (-dy / len * half, dx / len * half);
            let corner = |x: i32, y: i32, s: f64| {
                (
                    (f64::from(x) + nx * s).round() as i32,
                    (f64::from(y) + ny * s).round() as i32,
                )
            };
            let quad = [
                corner(x0, y0, 1.0),
                corner(x1, y1, 1.0),
                corner(x1, y1, -1.0),
                corner(x0, y0, -1.0),
            ];
            self.inner.fill_polygon(quad, &color)?;
        }
        // Round joins, so consecutive segments meet without notches.
        if width >= 3 {
            for p in points.iter().skip(1).take(points.len().saturating_sub(2)) {
                self.inner.draw_circle(*p, width / 2, &color, true)?;
            }
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let Some(face) = self.face(style.style()).cloned() else {
            return self.inner.draw_text(text, style, pos);
        };
        let size = style.size() as f32;
        let (glyphs, advance) = layout(&face, size, text);
        let scaled = face.as_scaled(size);
        // The same box plotters' layout reports, so anchors agree with the
        // space it reserved.
        let width = advance as i32;
        let height = (f64::from(size) / 1.24) as i32;
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let baseline = scaled.ascent().min(height as f32 + scaled.descent() * 0.25);
        let trans = style.transform();
        let (w, h) = self.get_size();
        let mut pixels: Vec<(i32, i32, f32)> = Vec::new();
        for (id, x) in glyphs {
            let glyph = id.with_scale_and_position(size, point(x, baseline));
            let Some(outline) = face.outline_glyph(glyph) else {
                continue;
            };
            let b = outline.px_bounds();
            let (bx, by) = (b.min.x as i32, b.min.y as i32);
            outline.draw(|gx, gy, c| {
                if c > 0.0 {
                    pixels.push((bx + gx as i32, by + gy as i32, c));
                }
            });
        }
        for (x, y, c) in pixels {
            let (x, y) = trans.transform(x + dx, y + dy);
            let (x, y) = (pos.0 + x, pos.1 + y);
            if x >= 0 && x < w as i32 && y >= 0 && y < h as i32 {
                self.inner.draw_pixel(
                    (x, y),
                    BackendColor {
                        alpha: color.alpha * f64::from(c.min(1.0)),
                        rgb: color.rgb,
                    },
                )?;
            }
        }
        Ok(())
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        match self.face(style.style()) {
            Some(face) => {
                let size = style.size() as f32;
                let (_, advance) = layout(face, size, text);
                Ok((advance as u32, (f64::from(size) / 1.24) as u32))
            }
            None => self.inner.estimate_text_size(text, style),
        }
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With the bearing counted, the gap between "k" and "i" in "Pakistan"
    /// is about the same as between the other letters (plotters' own
    /// placement makes it several times wider).
    #[test]
    fn no_gap_inside_words() {
        let Ok(font) = Font::system() else {
            eprintln!("no system font; skipped");
            return;
        };
        let face = font.glyphs(false).unwrap_or_else(|| unreachable!());
        let size = 15.0;
        let (glyphs, _) = layout(&face, size, "Pakistan");
        let mut spans = Vec::new();
        for (id, x) in glyphs {
            let g = id.with_scale_and_position(size, point(x, 12.0));
            if let Some(o) = face.outline_glyph(g) {
                let b = o.px_bounds();
                spans.push((b.min.x, b.max.x));
            }
        }
        let gaps: Vec<f32> = spans.windows(2).map(|w| w[1].0 - w[0].1).collect();
        let widest = gaps.iter().copied().fold(f32::MIN, f32::max);
        assert!(widest < 2.5, "gaps between letters: {gaps:?}");
    }
}
