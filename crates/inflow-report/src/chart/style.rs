//! The look shared by every chart: the font (loaded by the caller and passed
//! in), text sizes, colours, and how axis values are written.
//!
//! plotters' `ab_glyph` text keeps fonts in a process-wide table; a
//! [`Style`] registers its font there under the generic family
//! `sans-serif` (the name the SVG output asks browsers for), so the font of
//! the last `Style` made is the one charts in PNG use.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use inflow_core::Unit;
use plotters::style::{FontStyle, RGBColor, TextStyle};

use crate::Error;
use crate::fmt::grouped;

/// Font files tried in order by [`Font::system`]: DejaVu Sans as installed
/// by Debian's `fonts-dejavu-core` and other distributions, then common
/// fonts of macOS and Windows.
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

/// The family name charts ask for.
pub(crate) const FAMILY: &str = "sans-serif";
pub(crate) const BLUE: RGBColor = RGBColor(31, 92, 153);
pub(crate) const ORANGE: RGBColor = RGBColor(217, 95, 2);
pub(crate) const RED: RGBColor = RGBColor(200, 30, 30);
pub(crate) const GREY: RGBColor = RGBColor(110, 110, 110);
pub(crate) const LIGHT: RGBColor = RGBColor(200, 200, 200);
/// Earlier years: muted, and far enough apart to tell from each other.
pub(crate) const PREVIOUS_YEARS: [RGBColor; 3] = [
    RGBColor(120, 120, 120),
    RGBColor(150, 170, 120),
    RGBColor(190, 150, 110),
];
/// Components of a breakdown, in order of size.
pub(crate) const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 92, 153),
    RGBColor(217, 95, 2),
    RGBColor(27, 158, 119),
    RGBColor(117, 112, 179),
    RGBColor(230, 171, 2),
    RGBColor(150, 150, 150),
];

/// A TrueType font for chart text, loaded once per file and kept for the
/// life of the process (plotters holds fonts by `'static` reference).
#[derive(Clone, Debug)]
pub struct Font {
    path: PathBuf,
    regular: &'static [u8],
    bold: Option<&'static [u8]>,
}

fn cache() -> &'static Mutex<HashMap<PathBuf, &'static [u8]>> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

fn read_font(path: &Path) -> Option<&'static [u8]> {
    let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(b) = cache.get(path) {
        return Some(b);
    }
    let bytes = std::fs::read(path).ok()?;
    ab_glyph::FontRef::try_from_slice(&bytes).ok()?;
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    cache.insert(path.to_path_buf(), bytes);
    Some(bytes)
}

impl Font {
    /// Loads a font file (TrueType or OpenType); a bold face next to it
    /// (`DejaVuSans-Bold.ttf` beside `DejaVuSans.ttf`) is used for titles.
    ///
    /// # Errors
    /// [`Error::NoFont`] when the file cannot be read or is not a font.
    pub fn from_file(path: &Path) -> Result<Font, Error> {
        let regular = read_font(path).ok_or_else(|| Error::NoFont {
            tried: path.display().to_string(),
        })?;
        let name = path.to_string_lossy();
        let bold = ["DejaVuSans.ttf", "LiberationSans-Regular.ttf"]
            .iter()
            .zip(["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"])
            .find(|(r, _)| name.ends_with(*r))
            .and_then(|(r, b)| read_font(Path::new(&name.replace(r, b))));
        Ok(Font {
            path: path.to_path_buf(),
            regular,
            bold,
        })
    }

    /// The first of `candidates` that loads.
    ///
    /// # Errors
    /// [`Error::NoFont`] naming every file tried.
    pub fn first_of<P: AsRef<Path>>(candidates: &[P]) -> Result<Font, Error> {
        candidates
            .iter()
            .find_map(|p| Font::from_file(p.as_ref()).ok())
            .ok_or_else(|| Error::NoFont {
                tried: candidates
                    .iter()
                    .map(|p| p.as_ref().display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// The first of [`FONT_CANDIDATES`] installed on this machine.
    ///
    /// # Errors
    /// [`Error::NoFont`] when none is.
    pub fn system() -> Result<Font, Error> {
        Font::first_of(FONT_CANDIDATES)
    }

    /// The file the font was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn glyphs(&self, bold: bool) -> Option<ab_glyph::FontRef<'static>> {
        let bytes = if bold {
            self.bold.unwrap_or(self.regular)
        } else {
            self.regular
        };
        ab_glyph::FontRef::try_from_slice(bytes).ok()
    }
}

/// How charts look: the font and the sizes of text.
#[derive(Clone, Debug)]
pub struct Style {
    font: Font,
}

impl Style {
    /// A style drawing text with `font` (registered for plotters' layout).
    pub fn new(font: Font) -> Style {
        // Registration only fails for bytes that are not a font, which
        // `Font` has already ruled out.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, font.regular);
        let _ = plotters::style::register_font(
            FAMILY,
            FontStyle::Bold,
            font.bold.unwrap_or(font.regular),
        );
        Style { font }
    }

    /// The font.
    pub fn font(&self) -> &Font {
        &self.font
    }

    pub(crate) fn title(&self) -> TextStyle<'static> {
        TextStyle::from((FAMILY, 26).into_font().style(FontStyle::Bold))
    }

    pub(crate) fn axis(&self) -> TextStyle<'static> {
        TextStyle::from((FAMILY, 16).into_font())
    }

    pub(crate) fn axis_bold(&self) -> TextStyle<'static> {
        TextStyle::from((FAMILY, 16).into_font().style(FontStyle::Bold))
    }

    pub(crate) fn small(&self) -> TextStyle<'static> {
        TextStyle::from((FAMILY, 14).into_font())
    }

    pub(crate) fn footer(&self) -> TextStyle<'static> {
        TextStyle::from((FAMILY, 15).into_font())
    }
}

use plotters::style::IntoFont;

/// How the values of an axis are written: in the series' unit, or in
/// thousands of it (billions for a series in millions) when the values are
/// that large, so that the axis and a title in billions agree.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AxisScale {
    /// Divide values by this before writing them.
    pub divisor: f64,
    /// What the written values are in (`USD million`, `USD billion`).
    pub label: &'static str,
}

impl AxisScale {
    /// The scale for values up to `max` of `unit`.
    pub fn for_max(max: f64, unit: Unit) -> AxisScale {
        let millions = unit.scale.factor() == 1e6 && unit.currency.as_str() == "USD";
        if millions && max >= 1000.0 {
            AxisScale {
                divisor: 1000.0,
                label: "USD billion",
            }
        } else if millions {
            AxisScale {
                divisor: 1.0,
                label: "USD million",
            }
        } else {
            AxisScale {
                divisor: 1.0,
                label: "",
            }
        }
    }

    /// The axis title: the scale's unit, or the series' own.
    pub fn unit_label(&self, unit: Unit) -> String {
        if self.label.is_empty() {
            unit.to_string()
        } else {
            self.label.to_string()
        }
    }

    /// A tick value with thousands separators and the decimals the step
    /// needs: `3,000`, `2.5`.
    ///
    /// ```
    /// use inflow_report::chart::AxisScale;
    /// use inflow_core::Unit;
    /// let m = AxisScale::for_max(900.0, Unit::USD_MILLION);
    /// assert_eq!(m.tick(3000.0, 500.0), "3,000");
    /// let b = AxisScale::for_max(3500.0, Unit::USD_MILLION);
    /// assert_eq!(b.tick(2500.0, 500.0), "2.5");
    /// assert_eq!(b.tick(3000.0, 500.0), "3.0");
    /// ```
    pub fn tick(&self, v: f64, step: f64) -> String {
        let step = step / self.divisor;
        let decimals = if step >= 1.0 || step <= 0.0 {
            0
        } else {
            (-step.log10()).ceil().clamp(0.0, 3.0) as usize
        };
        let x = v / self.divisor;
        let s = grouped(x.abs(), decimals);
        // `grouped` drops trailing zeros; ticks keep one width.
        let s = match (decimals, s.split_once('.')) {
            (0, _) => s,
            (d, Some((_, frac))) => format!("{s}{}", "0".repeat(d.saturating_sub(frac.len()))),
            (d, None) => format!("{s}.{}", "0".repeat(d)),
        };
        if x < 0.0 { format!("-{s}") } else { s }
    }
}

/// A round upper bound a little above `v`.
pub(crate) fn nice_max(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let step = 10f64.powf((v.log10()).floor()) / 2.0;
    ((v * 1.08) / step).ceil() * step
}

/// The range of a value axis for data from `lo` to `hi`: from zero when
/// zero is close enough to be informative, otherwise from a round value
/// below the data (`true`: the axis does not start at zero).
pub(crate) fn value_range(lo: f64, hi: f64) -> (f64, f64, bool) {
    let top = nice_max(hi);
    if lo <= 0.0 || lo < 0.45 * hi {
        return (0.0, top, false);
    }
    let span = hi - lo;
    let step = 10f64.powf((span.max(1e-9)).log10().floor()) / 2.0;
    let bottom = ((lo - span * 0.1) / step).floor() * step;
    // The top rounds on the same step as the bottom: rounded on the scale
    // of the values instead (3,343 up to 4,000) it left most of a cut axis
    // empty above the data.
    let cut_top = ((hi + span * 0.1) / step).ceil() * step;
    if bottom > 0.0 {
        (bottom, cut_top.min(top), true)
    } else {
        (0.0, top, false)
    }
}

/// A tick step close to what plotters picks for about `n` ticks.
pub(crate) fn tick_step(lo: f64, hi: f64, n: usize) -> f64 {
    let raw = (hi - lo) / n.max(1) as f64;
    if raw <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_kept_when_informative() {
        assert_eq!(value_range(10.0, 300.0).0, 0.0);
        let (lo, hi, cut) = value_range(200.0, 320.0);
        assert!(cut && lo > 0.0 && lo < 200.0 && hi > 320.0, "{lo} {hi}");
        // A cut axis ends near the data, not at the next round thousand.
        let (lo, hi, cut) = value_range(3110.0, 3343.0);
        assert!(
            cut && lo < 3110.0 && (3343.0..3500.0).contains(&hi),
            "{lo} {hi}"
        );
    }

    #[test]
    fn ticks_grouped() {
        let s = AxisScale::for_max(500.0, Unit::USD_MILLION);
        assert_eq!(s.tick(12500.0, 2500.0), "12,500");
        assert_eq!(s.label, "USD million");
    }
}
