//! Checks on raw field text that the core types do not make: CSV quoting,
//! field lengths, control characters, URLs, value ranges, and short
//! excerpts of bad input for messages.

/// Largest value accepted in any unit. A trillion of the series' unit is
/// more than any economy's services trade; beyond it a value is a typo or an
/// attack, and near `f64::MAX` sums overflow to infinity.
pub const MAX_VALUE: f64 = 1e12;

/// Longest quoted excerpt of bad input in a message, in characters.
const EXCERPT: usize = 40;

/// The most bytes a field may hold, by header name.
pub(crate) fn max_len(field: &str) -> usize {
    match field {
        "key" | "series" | "ebops" | "partner" | "economy" | "flow" | "frequency" => 64,
        "period" | "value" | "status" | "release_date" | "fiscal_start" | "unit" => 32,
        "source_url" => 2048,
        "note" => 2000,
        _ => 300,
    }
}

/// `s` quoted, cut to a few characters with the length of what was cut, so
/// a 10 MB field does not become a 10 MB message.
///
/// ```
/// # use inflow_import::excerpt;
/// assert_eq!(excerpt("abc"), "\"abc\"");
/// assert!(excerpt(&"x".repeat(10_000)).ends_with("\u{2026} (10000 bytes)"));
/// ```
pub fn excerpt(s: &str) -> String {
    if s.chars().count() <= EXCERPT {
        return format!("{s:?}");
    }
    let cut: String = s.chars().take(EXCERPT).collect();
    format!("{cut:?}\u{2026} ({} bytes)", s.len())
}

/// Where a quoted field that never closes on its line begins: 1-based line
/// and 1-based field number.
///
/// The csv reader lets a quoted field run over line ends, so one stray
/// quote swallows every later row into a note and the import still
/// "succeeds". None of the file kinds needs a field spanning lines, so a
/// quoted field must close on the line it opens.
pub(crate) fn unclosed_quote(text: &str) -> Option<(u64, usize)> {
    let mut line = 1u64;
    let mut field = 1usize;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                let (open_line, open_field) = (line, field);
                loop {
                    match chars.next() {
                        None | Some('\n' | '\r') => return Some((open_line, open_field)),
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                        }
                        Some('"') => break,
                        Some(_) => {}
                    }
                }
                at_field_start = false;
            }
            ',' => {
                field += 1;
                at_field_start = true;
            }
            '\n' => {
                line += 1;
                field = 1;
                at_field_start = true;
            }
            _ => at_field_start = false,
        }
    }
    None
}

/// Why `s` is not a usable source URL: it must be absolute `http://` or
/// `https://`, name a host, and hold only characters a URL may carry
/// unescaped (RFC 3986), so it is safe to put in an attribute or a link.
pub(crate) fn url_problem(s: &str) -> Option<String> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Some(format!(
            "{} is not an absolute http:// or https:// URL",
            excerpt(s)
        ));
    };
    if let Some(c) = s.chars().find(|&c| !url_char(c)) {
        return Some(format!(
            "{} holds {c:?}, which a URL must percent-encode",
            excerpt(s)
        ));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Some(format!(
            "{}: user names in URLs are not accepted",
            excerpt(s)
        ));
    }
    let (host, port) = match authority.find(']') {
        Some(i) if authority.starts_with('[') => {
            let after = &authority[i + 1..];
            match after.strip_prefix(':') {
                Some(p) => (&authority[..=i], Some(p)),
                None if after.is_empty() => (authority, None),
                None => return Some(format!("{} has no valid host name", excerpt(s))),
            }
        }
        _ => match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        },
    };
    if let Some(p) = port
        && !p.parse::<u16>().is_ok_and(|p| p > 0)
    {
        return Some(format!("{}: the port must be 1 to 65535", excerpt(s)));
    }
    if !host_ok(host) {
        return Some(format!("{} has no valid host name", excerpt(s)));
    }
    None
}

fn url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

fn host_ok(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner.parse::<std::net::Ipv6Addr>().is_ok();
    }
    if host.parse::<std::net::Ipv4Addr>().is_ok() {
        return true;
    }
    let host = host.strip_suffix('.').unwrap_or(host);
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        // A bare number such as "1" is not a host name.
        && !host.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// Why a numeric value is refused even though it parsed: negative zero, or
/// beyond [`MAX_VALUE`].
pub(crate) fn value_problem(v: f64) -> Option<String> {
    if v == 0.0 && v.is_sign_negative() {
        return Some("-0 is not a value; write 0".to_string());
    }
    if v > MAX_VALUE {
        return Some(format!(
            "{v:e} is beyond the largest accepted value, {MAX_VALUE:e}"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_need_a_scheme_a_host_and_safe_characters() {
        for ok in [
            "https://www.sbp.org.pk/ecodata/dt.xls",
            "http://example.org",
            "https://a.example:8443/x?y=1#z",
            "https://127.0.0.1/x",
            "https://[::1]/x",
            "https://example.org/a%22b",
        ] {
            assert_eq!(url_problem(ok), None, "{ok}");
        }
        for bad in [
            "http://",
            "https:///path",
            "ftp://example.org/",
            "example.org/x",
            "https://example.org/\"><script>alert(1)</script>",
            "https://exa mple.org/",
            "https://user@example.org/",
            "https://example.org:0/",
            "https://example.org:99999/",
            "https://-bad-.org/",
            "https://1/",
            "javascript:alert(1)",
        ] {
            assert!(url_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn quotes_must_close_on_their_line() {
        assert_eq!(unclosed_quote("a,\"b,c\",d\ne,f\n"), None);
        assert_eq!(unclosed_quote("a,\"say \"\"hi\"\"\",d\n"), None);
        assert_eq!(unclosed_quote("a,b\nc,\"d\ne,f\n"), Some((2, 2)));
        assert_eq!(unclosed_quote("a,b\nc,d,\"no end"), Some((2, 3)));
        // A quote inside an unquoted field is a literal character.
        assert_eq!(unclosed_quote("a,b\"c\n"), None);
    }

    #[test]
    fn values_are_refused_beyond_the_range() {
        assert!(value_problem(-0.0).is_some());
        assert!(value_problem(1e308).is_some());
        assert_eq!(value_problem(0.0), None);
        assert_eq!(value_problem(MAX_VALUE), None);
    }

    #[test]
    fn excerpts_are_short() {
        let long = "é".repeat(5000);
        let e = excerpt(&long);
        assert!(e.chars().count() < 70, "{e}");
        assert!(e.ends_with("(10000 bytes)"));
    }
}
