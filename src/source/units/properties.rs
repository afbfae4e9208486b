//! Java `.properties` resource bundles (`messages.properties` for the default language,
//! `messages_fr.properties`), one language per file.
//!
//! Each `key=value` (or `key: value`, or `key value`) is a unit named by its key. The file is
//! read as `java.util.Properties` reads it, in UTF-8 (as Java 9 and later read resource bundles):
//! lines starting with `#` or `!` are comments, a line ending in an odd number of backslashes
//! goes on on the next line (the backslash, the line end and the next line's leading white space
//! are left out), and escapes (`\uXXXX`, `\n`, `\t`, `\=`) are decoded. MessageFormat arguments
//! (`{0}`, `{1,number,integer}`) and printf conversions are masked ([`super::inline`]).

use super::{decoded, unescaped, with_placeholders, Op, Side, SyntaxError, UnitText};
use std::ops::Range;

/// The units of a `.properties` file.
pub fn read(text: &str) -> Result<Side, SyntaxError> {
    let mut units = Vec::new();
    let mut at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    while at < text.len() {
        let (lines, next) = logical_line(text, at);
        at = next;
        let Some(first) = lines.first() else {
            continue;
        };
        let line = &text[first.clone()];
        let body = line.trim_start_matches([' ', '\t', '\u{c}']);
        if body.is_empty() || body.starts_with(['#', '!']) {
            continue;
        }
        let key_start = first.end - body.len();
        let key_end = key_end(text, key_start, first.end);
        let value_start = value_start(text, key_end, first.end);
        let key = decoded(text, key_start..key_end);
        let ops = value_ops(text, value_start, &lines);
        if let Some(bad) = malformed_escape(text, key_start..key_end, &ops) {
            return Err(SyntaxError::new(
                bad,
                "properties: a \\u escape needs four hex digits (\\u00e9)",
            ));
        }
        if !ops.is_empty() {
            units.push(UnitText {
                id: key,
                fuzzy: false,
                ops: with_placeholders(text, ops),
            });
        }
    }
    Ok(Side { lang: None, units })
}

/// The physical lines of the logical line starting at `at` (each without its line end and, after
/// the first, without its leading white space), and where the next logical line starts.
fn logical_line(text: &str, at: usize) -> (Vec<Range<usize>>, usize) {
    let mut lines = Vec::new();
    let mut start = at;
    loop {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let content_end = if text[..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        let next = (end + 1).min(text.len());
        let content = &text[start..content_end];
        let is_comment = lines.is_empty()
            && content
                .trim_start_matches([' ', '\t', '\u{c}'])
                .starts_with(['#', '!']);
        let trailing = content.len() - content.trim_end_matches('\\').len();
        let goes_on = !is_comment && trailing % 2 == 1 && next < text.len();
        lines.push(start..content_end);
        if !goes_on {
            return (lines, next.max(end));
        }
        let rest = &text[next..];
        start = next + rest.len() - rest.trim_start_matches([' ', '\t', '\u{c}']).len();
    }
}

/// Where the key starting at `from` ends: at the first `=`, `:` or white space not escaped.
fn key_end(text: &str, from: usize, line_end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < line_end {
        match bytes[at] {
            b'\\' => at += 2,
            b'=' | b':' | b' ' | b'\t' | b'\x0c' => return at,
            _ => at += 1,
        }
    }
    line_end
}

/// Where the value starts: after white space, one `=` or `:`, and white space again.
fn value_start(text: &str, key_end: usize, line_end: usize) -> usize {
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\x0c');
    let bytes = text.as_bytes();
    let mut at = key_end.min(line_end);
    while at < line_end && is_space(bytes[at]) {
        at += 1;
    }
    if at < line_end && matches!(bytes[at], b'=' | b':') {
        at += 1;
    }
    while at < line_end && is_space(bytes[at]) {
        at += 1;
    }
    at
}

/// Where a `\u` escape of the key or the value lacks its four hex digits, which Java refuses.
fn malformed_escape(text: &str, key: Range<usize>, value: &[Op]) -> Option<usize> {
    let is_bad = |op: &Op| matches!(op, Op::Decode(r, _) if &text[r.clone()] == "\\u");
    unescaped(text, key)
        .iter()
        .chain(value)
        .find(|op| is_bad(op))
        .map(|op| op.range().start)
}

/// The value's ops, its escapes decoded; what joins its lines (the backslash, the line end, the
/// next line's indentation) lies between two ops and is left out.
fn value_ops(text: &str, value_start: usize, lines: &[Range<usize>]) -> Vec<Op> {
    let mut ops = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let from = if i == 0 { value_start } else { line.start };
        let end = if i + 1 == lines.len() {
            line.end
        } else {
            line.end - 1
        };
        if from < end {
            ops.extend(unescaped(text, from..end));
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::units::prose_of;

    const FILE: &str = "# Settings\n! also a comment\nquota = You have {0} files and 50 GB\nwelcome:Bienvenue \\u00e0 bord, 3 jours\nlong.text = First 20 \\\n    and 30\\n done\nkey\\ with\\=odd  value 7\nempty =\n";

    #[test]
    fn keys_values_continuations_and_escapes() {
        let side = read(FILE).unwrap();
        let ids: Vec<&str> = side.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["quota", "welcome", "long.text", "key with=odd"]);
        let (prose, _) = prose_of(FILE, &side);
        let lines: Vec<&str> = prose.text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "You have     files and 50 GB",
                "Bienvenue à bord, 3 jours",
                "First 20 and 30",
                " done",
                "value 7"
            ]
        );
        let thirty = prose.text.find("30").unwrap();
        assert_eq!(&FILE[prose.span_in_file(thirty..thirty + 2)], "30");
    }

    #[test]
    fn a_short_unicode_escape_is_a_located_error() {
        let err = read("a = ok\nb = caf\\u00e\n").unwrap_err();
        assert_eq!(err.at, 14);
        assert!(read("a = \\\\u12").is_ok(), "an escaped backslash before u");
    }

    #[test]
    fn a_continuation_at_the_end_of_the_file_ends_the_value() {
        let side = read("a = 5 \\").unwrap();
        let (prose, _) = prose_of("a = 5 \\", &side);
        assert_eq!(prose.text, "5 ");
    }
}
