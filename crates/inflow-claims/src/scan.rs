//! Tokens and sentences.
//!
//! One pass over the characters, no regular expressions and no
//! backtracking, so the cost is linear in the input whatever it contains.
//! Every token keeps its byte span in the input, which is what the report's
//! `span` points at.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A run of letters (any script).
    Word,
    /// ASCII digits, possibly with `,` or `.` between digits.
    Number,
    /// Any other single non-space character.
    Symbol,
}

/// A token with its byte span.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token<'a> {
    pub kind: Tok,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// Whitespace separates it from the previous token.
    pub space_before: bool,
    /// A line break separates it from the previous token.
    pub newline_before: bool,
}

impl Token<'_> {
    /// Case-insensitive comparison with an ASCII word.
    pub fn is(&self, w: &str) -> bool {
        self.text.eq_ignore_ascii_case(w)
    }

    /// Whether the token is one of `ws`, ignoring ASCII case.
    pub fn is_any(&self, ws: &[&str]) -> bool {
        ws.iter().any(|w| self.is(w))
    }

    /// Whether this is a dash of any kind (hyphen, en or em dash, minus).
    pub fn is_dash(&self) -> bool {
        self.kind == Tok::Symbol && matches!(self.text, "-" | "–" | "—" | "‒" | "−")
    }

    /// Whether the first character is upper case.
    pub fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut space = false;
    let mut newline = false;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            space = true;
            newline |= c == '\n' || c == '\u{2029}';
            continue;
        }
        let (kind, end) = if c.is_ascii_digit() {
            let mut end = i + 1;
            loop {
                match bytes.get(end) {
                    Some(b) if b.is_ascii_digit() => end += 1,
                    Some(b',' | b'.') if bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                        end += 2;
                    }
                    _ => break,
                }
            }
            (Tok::Number, end)
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            (Tok::Word, end)
        } else {
            (Tok::Symbol, i + c.len_utf8())
        };
        // Skip the characters of a number consumed by byte index.
        while it.peek().is_some_and(|&(j, _)| j < end) {
            it.next();
        }
        out.push(Token {
            kind,
            text: &text[i..end],
            start: i,
            end,
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
    }
    out
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "rs", "vs", "no", "nos", "approx", "govt", "inc", "ltd",
    "co", "jr", "sr", "etc", "e", "i", "u", "s", "fig", "sen", "gen", "col", "capt", "engr",
];

/// The longest sentence, in tokens. Longer runs are cut so that the
/// per-sentence work (which compares mentions pairwise) stays bounded and
/// the whole check stays linear in the input.
pub(crate) const MAX_SENTENCE_TOKENS: usize = 160;

/// Splits tokens into sentences, as index ranges into `tokens`.
pub(crate) fn sentences(tokens: &[Token<'_>]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if i > start && (t.newline_before || i - start >= MAX_SENTENCE_TOKENS) {
            out.push(start..i);
            start = i;
        }
        let ends = match t.text {
            "!" | "?" | "…" | "。" => true,
            "." => {
                let prev_abbrev = i > 0
                    && tokens[i - 1].kind == Tok::Word
                    && tokens[i - 1].end == t.start
                    && (tokens[i - 1].is_any(ABBREVIATIONS)
                        || (tokens[i - 1].text.chars().count() == 1
                            && tokens[i - 1].capitalised()));
                // Look past closing quotes: `good.” Next` ends a sentence.
                let mut j = i + 1;
                while tokens.get(j).is_some_and(|n| {
                    !n.space_before && matches!(n.text, "\"" | "”" | "’" | "'" | ")")
                }) {
                    j += 1;
                }
                let next_starts = tokens.get(j).is_none_or(|n| {
                    n.space_before
                        && (n.capitalised()
                            || n.kind == Tok::Number
                            || matches!(n.text, "\"" | "“" | "'" | "‘" | "(" | "$"))
                });
                !prev_abbrev && next_starts
            }
            _ => false,
        };
        i += 1;
        if ends {
            // Closing quotes and brackets belong to the sentence they close.
            while tokens
                .get(i)
                .is_some_and(|n| !n.space_before && matches!(n.text, "\"" | "”" | "’" | "'" | ")"))
            {
                i += 1;
            }
            out.push(start..i);
            start = i;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let toks = tokenize(s);
        sentences(&toks)
            .into_iter()
            .map(|r| s[toks[r.start].start..toks[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn numbers_keep_separators_and_stop_at_full_stops() {
        let t = tokenize("US$2,593.5 million. Rs959 1QFY25 12.29pc");
        let kinds: Vec<(&str, Tok)> = t.iter().map(|t| (t.text, t.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("US", Tok::Word),
                ("$", Tok::Symbol),
                ("2,593.5", Tok::Number),
                ("million", Tok::Word),
                (".", Tok::Symbol),
                ("Rs", Tok::Word),
                ("959", Tok::Number),
                ("1", Tok::Number),
                ("QFY", Tok::Word),
                ("25", Tok::Number),
                ("12.29", Tok::Number),
                ("pc", Tok::Word),
            ]
        );
    }

    #[test]
    fn sentence_ends_respect_decimals_and_titles() {
        assert_eq!(
            texts("Dr. Khan said exports hit $2.5 billion. They rose 3%! “It is good.” Next"),
            vec![
                "Dr. Khan said exports hit $2.5 billion.",
                "They rose 3%!",
                "“It is good.”",
                "Next"
            ]
        );
        assert_eq!(texts("one\ntwo"), vec!["one", "two"]);
    }
}
