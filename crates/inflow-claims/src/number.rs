//! Numbers as the press writes them: `2,593`, `2.593`, `1,234.5`, `2,59`.

/// A parsed number and what its spelling says about its precision.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Num {
    /// The value.
    pub value: f64,
    /// Digits after the decimal separator (0 for an integer).
    pub decimals: u32,
    /// Written with thousands separators (`2,593`): if a scale word follows
    /// (`2,593 billion`), the comma may have been meant as a decimal point.
    pub grouped: bool,
    /// A comma used as the decimal separator (`2,59`).
    pub comma_decimal: bool,
}

impl Num {
    /// Half a unit of the last written digit: the rounding the spelling
    /// implies (`2.593` is 2.5925 to 2.5935).
    pub fn half_unit(&self) -> f64 {
        0.5 * 10f64.powi(-(self.decimals.min(12) as i32))
    }

    /// The value if the first comma had been a decimal point: `2,593` read
    /// as `2.593`.
    pub fn comma_as_point(&self) -> Option<f64> {
        if !self.grouped || self.value < 1000.0 {
            return None;
        }
        let digits = (self.value.log10().floor()) as i32;
        let first_group = digits % 3;
        Some(self.value / 10f64.powi(digits - first_group))
    }
}

/// Parses the text of a number token (ASCII digits with `,` or `.` between
/// digits). Returns `None` for spellings that are not one number, such as
/// `1.2.3`.
pub(crate) fn parse_number(s: &str) -> Option<Num> {
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let groups_of_three = |sep: char| {
        let mut parts = s.split(sep);
        let first = parts.next().unwrap_or("");
        (1..=3).contains(&first.len()) && parts.all(|p| p.len() == 3)
    };
    let (clean, decimals, grouped, comma_decimal) = match (dots, commas) {
        (0, 0) => (s.to_string(), 0, false, false),
        (1, 0) => {
            let d = s.len() - s.find('.')? - 1;
            (s.to_string(), d as u32, false, false)
        }
        (_, 0) if groups_of_three('.') => (s.replace('.', ""), 0, true, false),
        (0, _) if groups_of_three(',') => (s.replace(',', ""), 0, true, false),
        (0, 1) => {
            let d = s.len() - s.find(',')? - 1;
            (s.replace(',', "."), d as u32, false, true)
        }
        (1, _) => {
            // `1,234.5`: commas group thousands before the point.
            let (int, frac) = s.split_once('.')?;
            let ok = {
                let mut parts = int.split(',');
                let first = parts.next().unwrap_or("");
                (1..=3).contains(&first.len()) && parts.all(|p| p.len() == 3)
            };
            if !ok || frac.contains(',') {
                return None;
            }
            (
                format!("{}.{frac}", int.replace(',', "")),
                frac.len() as u32,
                true,
                false,
            )
        }
        _ => return None,
    };
    let value: f64 = clean.parse().ok()?;
    value.is_finite().then_some(Num {
        value,
        decimals,
        grouped,
        comma_decimal,
    })
}

/// Small numbers written as words, as in "first seven months".
pub(crate) fn number_word(w: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    let lower = w.to_ascii_lowercase();
    WORDS.iter().position(|x| *x == lower).map(|i| i as u32 + 1)
}

/// Ordinals `first` to `twelfth`, and `1st`-style tokens are not handled here.
pub(crate) fn ordinal_word(w: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    let lower = w.to_ascii_lowercase();
    WORDS.iter().position(|x| *x == lower).map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn spellings() {
        let n = parse_number("2,593").unwrap();
        assert_eq!((n.value, n.grouped, n.decimals), (2593.0, true, 0));
        assert_eq!(n.comma_as_point(), Some(2.593));
        assert_eq!(parse_number("12,345,678").unwrap().value, 12_345_678.0);
        assert_eq!(
            parse_number("12,345").unwrap().comma_as_point(),
            Some(12.345)
        );
        let n = parse_number("2.593").unwrap();
        assert_eq!((n.value, n.decimals), (2.593, 3));
        assert!((n.half_unit() - 0.0005).abs() < 1e-12);
        let n = parse_number("2,59").unwrap();
        assert_eq!((n.value, n.comma_decimal), (2.59, true));
        assert_eq!(parse_number("1,234.5").unwrap().value, 1234.5);
        assert_eq!(parse_number("1.234.567").unwrap().value, 1_234_567.0);
        assert!(parse_number("1.2.3").is_none());
        assert!(parse_number("1,23,4").is_none());
        assert_eq!(number_word("Seven"), Some(7));
        assert_eq!(ordinal_word("first"), Some(1));
    }

    proptest! {
        #[test]
        fn never_panics(s in "[0-9.,]{0,30}") {
            let _ = parse_number(&s).map(|n| (n.half_unit(), n.comma_as_point()));
        }

        #[test]
        fn grouped_integers_round_trip(v in 0u64..1_000_000_000_000) {
            let plain = v.to_string();
            let mut grouped = String::new();
            for (i, c) in plain.chars().enumerate() {
                if i > 0 && (plain.len() - i) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            prop_assert_eq!(parse_number(&plain).unwrap().value, v as f64);
            prop_assert_eq!(parse_number(&grouped).unwrap().value, v as f64);
        }

        #[test]
        fn decimals_round_trip(int in 0u32..100_000, frac in 0u32..1000) {
            let s = format!("{int}.{frac:03}");
            let n = parse_number(&s).unwrap();
            prop_assert_eq!(n.decimals, 3);
            prop_assert!((n.value - (f64::from(int) + f64::from(frac) / 1000.0)).abs() < 1e-6);
        }
    }
}
