//! SBP item labels: whitespace normalisation and the item number.

/// Collapses every run of whitespace (including non-breaking spaces) into
/// one space and trims both ends.
///
/// SBP's labels carry NBSPs (`9.\u{a0}Telecommunications`), runs of spaces
/// (`9.1   Telecommunications services`) and trailing spaces; a label is
/// compared only after this.
pub fn normalise(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits a normalised label into SBP's item number and the name:
/// `9.2.2 Software consultancy services` gives `("9.2.2", "Software
/// consultancy services")`, `9. Telecommunications ...` gives `("9", ...)`.
/// A label without a number (`Services`) gives `("", label)`.
pub fn split_number(label: &str) -> (String, String) {
    let (head, rest) = label.split_once(' ').unwrap_or((label, ""));
    let number = head.trim_end_matches('.');
    let is_number = !number.is_empty()
        && number
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if is_number && !rest.is_empty() {
        (number.to_string(), rest.to_string())
    } else {
        (String::new(), label.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nbsp_runs_and_trailing_spaces_are_one_space() {
        assert_eq!(
            normalise("9.\u{a0}Telecommunications,  Computer and information services "),
            "9. Telecommunications, Computer and information services"
        );
        assert_eq!(normalise("12.3\u{a0}\u{a0}Other"), "12.3 Other");
    }

    #[test]
    fn item_numbers() {
        assert_eq!(
            split_number("9.2.2 Software consultancy services"),
            ("9.2.2".into(), "Software consultancy services".into())
        );
        assert_eq!(split_number("9. Telecommunications").0, "9");
        assert_eq!(split_number("Services"), ("".into(), "Services".into()));
        assert_eq!(split_number("Notes:").0, "");
        assert_eq!(split_number("1.a b").0, "");
    }
}
