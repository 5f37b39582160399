//! Text from files (titles, sources, URLs, notes) escaped for where it goes.

/// Escapes text for Markdown prose: characters that start markup are
/// backslash-escaped and `<`, `>` and `&` written as entities, so that no
/// text from a file becomes a link, emphasis, heading or raw HTML.
///
/// ```
/// use inflow_report::escape::markdown;
/// assert_eq!(markdown("a *b* [c](d)"), r"a \*b\* \[c\](d)");
/// assert_eq!(markdown("\"><script>"), "\"&gt;&lt;script&gt;");
/// ```
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URL as a Markdown autolink target: every character an autolink may
/// not hold (`<`, `>`, quotes, spaces, controls, non-ASCII) percent-encoded.
///
/// ```
/// use inflow_report::escape::url;
/// assert_eq!(url("https://x.org/a b\"><script>"), "https://x.org/a%20b%22%3E%3Cscript%3E");
/// ```
pub fn url(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let safe = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b);
        if safe {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Escapes text for HTML content and attribute values.
///
/// ```
/// assert_eq!(inflow_report::escape::html("a<b & \"c\" 'd'"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;");
/// ```
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for the plain wire version: one line, no control characters.
pub fn plain(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
