//! How precise a figure is: the interval a stated amount or percentage
//! allows, and numbers written back for people.

use super::*;

/// A value as the text gives it, with its rounding and hedge, in millions.
#[derive(Clone, Copy, Debug)]
pub(super) struct Stated {
    pub(super) value: f64,
    pub(super) half: f64,
    pub(super) qual: Qual,
}

impl Stated {
    pub(super) fn of(a: &Amount) -> Self {
        Stated {
            value: a.sign * a.millions(),
            half: a.half_millions(),
            qual: a.qual,
        }
    }

    /// The interval the stated value allows.
    pub(super) fn interval(self) -> (f64, f64) {
        let (v, h) = (self.value, self.half);
        match self.qual {
            Qual::Exact => (v - h, v + h),
            Qual::About => {
                let w = h.max(0.05 * v.abs());
                (v - w, v + w)
            }
            Qual::AtLeast => (v - h, v.abs() * 1.5 + h),
            Qual::AtMost => (f64::NEG_INFINITY, v + h),
        }
    }

    /// The tolerance in words, in units of `per_unit` millions (the
    /// series' own scale: 1 for millions, 1,000 for billions).
    pub(super) fn tolerance_note(self, per_unit: f64) -> String {
        let f = per_unit.max(f64::MIN_POSITIVE);
        match self.qual {
            Qual::Exact => format!("±{} (the rounding of the text)", fmt_num(self.half / f)),
            Qual::About => format!(
                "±{} (the text hedges: about)",
                fmt_num(self.half.max(0.05 * self.value.abs()) / f)
            ),
            Qual::AtLeast => format!(
                "a lower bound less {} (the text says over, more than or crossing)",
                fmt_num(self.half / f)
            ),
            Qual::AtMost => format!(
                "an upper bound plus {} (the text says under or less than)",
                fmt_num(self.half / f)
            ),
        }
    }
}

/// Whether two intervals of rounding share more than an end point.
///
/// A figure rounded to `235` stands for [234.5, 235.5) and one rounded to
/// `236` for [235.5, 236.5): written to the same digit they cannot be the
/// same number, so touching ends do not agree.
pub(super) fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 < b.1 - 1e-9 && b.0 < a.1 - 1e-9
}

/// The interval a stated percentage allows: rounded either way or cut
/// short (21% for 21.45%, about 25% for 25.6%).
pub(super) fn pct_interval(p: &Percent) -> (f64, f64) {
    let h = p.num.half_unit();
    let v = p.value;
    let (lo, hi) = if v >= 0.0 {
        (v - h, v + 2.0 * h - 1e-9)
    } else {
        (v - 2.0 * h + 1e-9, v + h)
    };
    match p.qual {
        Qual::Exact => (lo, hi),
        // A hedge says the figure is rounded, which the interval already
        // allows: "around 4%" is not 3.02%.
        Qual::About => (lo, hi),
        Qual::AtLeast => (lo, f64::INFINITY),
        Qual::AtMost => (f64::NEG_INFINITY, hi),
    }
}

/// Percentage change from `b` to `a`, both ± their half units.
pub(super) fn pct_range(a: f64, ha: f64, b: f64, hb: f64) -> Option<(f64, f64, f64)> {
    if b - hb <= 0.0 {
        return None;
    }
    let point = (a / b - 1.0) * 100.0;
    let lo = ((a - ha) / (b + hb) - 1.0) * 100.0;
    let hi = ((a + ha) / (b - hb) - 1.0) * 100.0;
    Some((point, lo, hi))
}

/// A number for people: `2,593`, `2.135`, `21.45`.
pub(super) fn fmt_num(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    let neg = r < 0.0;
    let r = r.abs();
    let int = r.trunc() as u64;
    let frac = r - int as f64;
    let digits = int.to_string();
    let mut s = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            s.push(',');
        }
        s.push(c);
    }
    if frac > 1e-9 {
        let f = format!("{frac:.3}");
        s.push_str(f.trim_start_matches('0').trim_end_matches('0'));
    }
    if neg { format!("-{s}") } else { s }
}

pub(super) fn fmt_pct(v: f64) -> String {
    format!("{:.2}%", v)
}

/// A base written at another scale than the value it is compared with
/// ("$2.593 billion ... compared to $2.135 million") is read at the value's
/// scale, so that the unit slip is reported once (on the amount) rather
/// than again as a wrong percentage.
pub(super) fn rescale(base: f64, value: f64) -> f64 {
    if base <= 0.0 || value <= 0.0 {
        return base;
    }
    let mut b = base;
    while value / b > 100.0 {
        b *= 1000.0;
    }
    while b / value > 100.0 {
        b /= 1000.0;
    }
    b
}

pub(super) fn days_in_month(m: YearMonth) -> u32 {
    match m.month() {
        4 | 6 | 9 | 11 => 30,
        2 => {
            let y = m.year();
            if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                29
            } else {
                28
            }
        }
        _ => 31,
    }
}

/// `s` with its first letter in capitals, for an explanation that starts
/// with a reason.
pub(super) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
