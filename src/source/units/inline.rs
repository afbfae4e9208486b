//! What in a unit's text is not prose: placeholders and inline tags, and the syntax of ICU
//! messages.
//!
//! Found in the text as decoded (escapes resolved): printf conversions (`%s`, `%1$d`, `%.2f`,
//! `%@`), Python's `%(name)s`, Ruby's `%{count}`, braces (`{count}`, `{0}`, `{{name}}`), inline
//! tags written into the text (`<b>`, `</b>`, `<br/>`), and ICU messages (`{n, plural, one {# day}
//! other {# days}}`, `select`, `selectordinal`): their argument, keywords and selectors (`=0`,
//! `offset:1`) are masked and only the branch texts are read, `#` of a plural branch masked as
//! the number it stands for. A placeholder's digits are never a fact. Text that only looks like
//! syntax (an unbalanced brace, `20 %` before a word) is prose.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static PRINTF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^%(?:",
        r"(?:\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn@]",
        r"|\(\w+\)[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]",
        r"|\{\w+\}",
        r")"
    ))
    .expect("printf regex")
});

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>").expect("tag regex"));

/// Spans of `text` that are not prose, in order, never overlapping.
pub fn placeholders(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    scan(text, 0..text.len(), false, &mut out);
    out
}

/// Scans `text[within]`; `hash` says `#` stands for a plural's number there.
fn scan(text: &str, within: Range<usize>, hash: bool, out: &mut Vec<Range<usize>>) {
    let mut at = within.start;
    while at < within.end {
        let rest = &text[at..within.end];
        let c = rest.chars().next().expect("at is inside the text");
        let found = match c {
            '{' => argument(text, at, within.end, out),
            '#' if hash => Some(at + 1).inspect(|&end| out.push(at..end)),
            '%' => PRINTF
                .find(rest)
                .map(|m| at + m.end())
                .inspect(|&end| out.push(at..end)),
            '<' => TAG
                .find(rest)
                .map(|m| at + m.end())
                .inspect(|&end| out.push(at..end)),
            _ => None,
        };
        at = found.unwrap_or(at + c.len_utf8());
    }
}

/// An argument starting at the `{` at `open`: masks its syntax, scans its branches, and returns
/// where it ends; `None` when the brace opens no argument (then it is prose).
fn argument(text: &str, open: usize, limit: usize, out: &mut Vec<Range<usize>>) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(open + 1) == Some(&b'{') {
        let close = text[open..limit].find("}}")? + open + 2;
        out.push(open..close);
        return Some(close);
    }
    let name_end = open + 1 + text[open + 1..limit].find([',', '}'])?;
    let name = text[open + 1..name_end].trim();
    let is_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '$'));
    if !is_name {
        return None;
    }
    if bytes[name_end] == b'}' {
        out.push(open..name_end + 1);
        return Some(name_end + 1);
    }
    let type_end = name_end + 1 + text[name_end + 1..limit].find([',', '}'])?;
    let kind = text[name_end + 1..type_end].trim();
    let branches = matches!(kind, "plural" | "selectordinal" | "select");
    if !branches || bytes[type_end] == b'}' {
        let close = matching(text, open, limit)?;
        out.push(open..close);
        return Some(close);
    }
    let mut marks: Vec<Range<usize>> = Vec::new();
    marks.push(open..type_end + 1);
    let mut at = type_end + 1;
    loop {
        let skipped = text[at..limit].len() - text[at..limit].trim_start().len();
        let token = at + skipped;
        match bytes.get(token) {
            Some(b'}') => {
                marks.push(at..token + 1);
                out.extend(marks);
                return Some(token + 1);
            }
            Some(_) if token < limit => {}
            _ => return None,
        }
        let branch_open = token + text[token..limit].find('{')?;
        let branch_close = matching(text, branch_open, limit)?;
        marks.push(at..branch_open + 1);
        let mut inner = Vec::new();
        scan(
            text,
            branch_open + 1..branch_close - 1,
            kind != "select",
            &mut inner,
        );
        marks.extend(inner);
        marks.push(branch_close - 1..branch_close);
        at = branch_close;
    }
}

/// Just after the `}` that closes the `{` at `open`.
fn matching(text: &str, open: usize, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in text.as_bytes()[open..limit].iter().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with its placeholders blanked.
    fn prose(text: &str) -> String {
        let mut out = text.to_string();
        for span in placeholders(text) {
            out.replace_range(span.clone(), &" ".repeat(span.len()));
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn printf_and_brace_placeholders_are_not_prose() {
        assert_eq!(
            prose("Saved %1$d of %d files (%.1f%%)"),
            "Saved of files ( %%)"
        );
        assert_eq!(prose("Hi %(name)s, %{count} new, %@"), "Hi , new,");
        assert_eq!(prose("{count} days, {{name}} and {0}"), "days, and");
        assert_eq!(prose("Press <b>Save</b><br/> now"), "Press Save now");
    }

    #[test]
    fn what_only_looks_like_syntax_is_prose() {
        assert_eq!(
            prose("20 % des cas, {not a name} {"),
            "20 % des cas, {not a name} {"
        );
        assert_eq!(prose("a < b and 3 > 2"), "a < b and 3 > 2");
    }

    #[test]
    fn icu_messages_read_their_branch_texts() {
        assert_eq!(
            prose("{n, plural, =0 {no days} one {# day} other {# days}} left"),
            "no days day days left"
        );
        assert_eq!(
            prose("{g, select, female {She has {n, plural, one {1 cat} other {# cats}}} other {They}}"),
            "She has 1 cat cats They"
        );
        assert_eq!(prose("{d, date, short} at {t, time}"), "at");
        assert_eq!(prose("Step #3 of {n, number}"), "Step #3 of");
    }
}
