//! YAML message files: Rails `config/locales/fr.yml` (the language as the root key), and nested
//! key files in the same shape without one, one language per file.
//!
//! Every string is a unit named by its key path below the root key (`activerecord.errors.blank`;
//! sequence items by their index: `date.day_names.0`), so `en.greeting` and `fr.greeting` pair as
//! `greeting`. A root mapping with one key holding a mapping names the language. A mapping whose
//! keys are all plural categories (`zero`, `one`, `two`, `few`, `many`, `other`: Rails
//! pluralization) is one unit, its forms together, since languages have different sets of forms.
//! Values that are no text (numbers, `true`, `null`, Ruby symbols such as `:year`, aliases) are not
//! units. Texts are read with their placeholders masked (`%{count}`, [`super::inline`]).
//!
//! The YAML crates at hand keep no positions (yaml_serde), or only where a scalar starts (the
//! marked parsers), while a fact inside a string needs the file offset of each character it
//! reads through escapes, quotes and folded lines. So this is a small reader of the YAML that
//! message files use, keeping those offsets: block mappings and sequences, plain, single- and
//! double-quoted scalars over one or more lines, literal and folded block scalars (`|`, `>-`),
//! one-line flow sequences of scalars, comments, anchors and tags. What it does not read (flow
//! mappings, a second document, tabs in the indentation, a line that is no `key: value`) is a
//! located error.

use super::{append_text, text_of, unescaped, with_placeholders, Op, Side, SyntaxError, UnitText};
use std::ops::Range;

/// A YAML value, with the ops of its texts.
enum Node {
    Text(Vec<Op>),
    Mapping(Vec<(String, Node)>),
    Sequence(Vec<Node>),
    /// A number, a boolean, null, a symbol, an alias: never a text.
    Other,
}

/// A line holding more than a comment: where its content starts (after the indentation) and ends
/// (before the line end).
#[derive(Clone)]
struct Line {
    indent: usize,
    content: Range<usize>,
}

struct Parser<'a> {
    text: &'a str,
    lines: Vec<Line>,
    next: usize,
}

const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The units of a YAML message file, and the language its root key names.
pub fn read(text: &str) -> Result<Side, SyntaxError> {
    let mut parser = Parser {
        text,
        lines: lines(text)?,
        next: 0,
    };
    let root = match parser.lines.first() {
        Some(first) => parser.block(first.indent)?,
        None => Node::Other,
    };
    if let Some(line) = parser.lines.get(parser.next) {
        return Err(SyntaxError::new(
            line.content.start,
            "YAML: this line is indented less than the first key",
        ));
    }
    let mut side = Side::default();
    let mut root = &root;
    if let Node::Mapping(members) = root {
        if let [(key, inner @ Node::Mapping(_))] = members.as_slice() {
            if looks_like_lang(key) {
                side.lang = Some(key.clone());
                root = inner;
            }
        }
    }
    units(text, root, "", &mut side.units);
    Ok(side)
}

/// A language code as a root key: `fr`, `pt-BR`, `zh_Hant`.
fn looks_like_lang(key: &str) -> bool {
    let (language, region) = key.split_once(['-', '_']).unwrap_or((key, "a"));
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && !region.is_empty()
        && region.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The lines with content, the directives and the start-of-document marker left out.
fn lines(text: &str) -> Result<Vec<Line>, SyntaxError> {
    let mut out = Vec::new();
    let mut at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut started = false;
    for line in text[at..].split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let content = body.trim_start_matches(' ');
        let indent = body.len() - content.len();
        if content.starts_with('\t') && !content.trim().is_empty() {
            return Err(SyntaxError::new(
                start + indent,
                "YAML: a tab in the indentation (YAML indents with spaces)",
            ));
        }
        let content = content.trim_end();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let marker = content == "---" || content.starts_with("--- ");
        if indent == 0 && (marker || content.starts_with('%') || content == "...") {
            if marker && started {
                return Err(SyntaxError::new(
                    start,
                    "YAML: a second document in the file (one is read)",
                ));
            }
            started |= marker;
            continue;
        }
        started = true;
        out.push(Line {
            indent,
            content: start + indent..start + indent + content.len(),
        });
    }
    Ok(out)
}

/// The units of `node`, whose key path is `path`.
fn units(text: &str, node: &Node, path: &str, out: &mut Vec<UnitText>) {
    let join = |key: &str| match path.is_empty() {
        true => key.to_string(),
        false => format!("{path}.{key}"),
    };
    let mut push = |id: String, ops: &[Op]| {
        if !ops.is_empty() {
            out.push(UnitText {
                id,
                fuzzy: false,
                ops: with_placeholders(text, ops.to_vec()),
            })
        }
    };
    match node {
        Node::Text(ops) => push(path.to_string(), ops),
        Node::Mapping(members) if is_plural(members) => {
            let mut ops = Vec::new();
            for (_, form) in members {
                if let Node::Text(more) = form {
                    append_text(&mut ops, more.clone());
                }
            }
            push(path.to_string(), &ops)
        }
        Node::Mapping(members) => {
            for (key, value) in members {
                units(text, value, &join(key), out);
            }
        }
        Node::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                units(text, item, &join(&i.to_string()), out);
            }
        }
        Node::Other => {}
    }
}

fn is_plural(members: &[(String, Node)]) -> bool {
    !members.is_empty()
        && members.iter().all(|(key, value)| {
            PLURAL_FORMS.contains(&key.as_str()) && matches!(value, Node::Text(_) | Node::Other)
        })
}

impl Parser<'_> {
    /// The mapping or sequence whose lines are indented by `indent`.
    fn block(&mut self, indent: usize) -> Result<Node, SyntaxError> {
        let line = self.lines[self.next].clone();
        if is_entry(&self.text[line.content.clone()]) {
            self.sequence(indent)
        } else {
            self.mapping(indent)
        }
    }

    fn mapping(&mut self, indent: usize) -> Result<Node, SyntaxError> {
        let mut members = Vec::new();
        while let Some(line) = self.lines.get(self.next).cloned() {
            if line.indent < indent || is_entry(&self.text[line.content.clone()]) {
                break;
            }
            if line.indent > indent {
                return Err(self.error(
                    line.content.start,
                    "this line is indented more than the key before it",
                ));
            }
            let (key, value_at) = self.key(&line)?;
            self.next += 1;
            let value = self.value(value_at, &line, indent)?;
            members.push((key, value));
        }
        Ok(Node::Mapping(members))
    }

    fn sequence(&mut self, indent: usize) -> Result<Node, SyntaxError> {
        let mut items = Vec::new();
        while let Some(line) = self.lines.get(self.next).cloned() {
            let content = &self.text[line.content.clone()];
            if line.indent != indent || !is_entry(content) {
                if line.indent > indent {
                    return Err(self.error(
                        line.content.start,
                        "this line is indented more than the item before it",
                    ));
                }
                break;
            }
            let after = content[1..].len() - content[1..].trim_start().len();
            let item_at = line.content.start + 1 + after;
            if item_at < line.content.end
                && self
                    .key(&Line {
                        indent: 0,
                        content: item_at..line.content.end,
                    })
                    .is_ok()
            {
                // `- key: value`: a mapping whose first key is on the item's line.
                self.lines[self.next] = Line {
                    indent: indent + 1 + after,
                    content: item_at..line.content.end,
                };
                items.push(self.mapping(indent + 1 + after)?);
                continue;
            }
            self.next += 1;
            items.push(self.value(item_at, &line, indent)?);
        }
        Ok(Node::Sequence(items))
    }

    /// A key and where its value starts on the line.
    fn key(&self, line: &Line) -> Result<(String, usize), SyntaxError> {
        let content = &self.text[line.content.clone()];
        let start = line.content.start;
        let (key, after) = match content.as_bytes()[0] {
            quote @ (b'"' | b'\'') => {
                let close = closing_quote(content, quote)
                    .ok_or_else(|| self.error(start, "the quoted key is not closed on its line"))?;
                let ops = quoted_ops(self.text, start + 1..start + close, quote);
                (text_of(self.text, &ops), close + 1)
            }
            _ => {
                let colon =
                    key_colon(content).ok_or_else(|| self.error(start, "expected `key: value`"))?;
                (content[..colon].trim_end().to_string(), colon)
            }
        };
        let rest = &content[after..];
        let Some(value) = rest.trim_start().strip_prefix(':') else {
            return Err(self.error(start + after, "expected ':' after the key"));
        };
        if !(value.is_empty() || value.starts_with([' ', '\t'])) {
            return Err(self.error(start + after, "expected ':' after the key"));
        }
        let value_at = line.content.end - value.trim_start().len();
        Ok((key, value_at))
    }

    /// The value starting at `at` on `line` (empty: the block on the next lines), for a key or
    /// item indented by `indent`.
    fn value(&mut self, at: usize, line: &Line, indent: usize) -> Result<Node, SyntaxError> {
        let mut at = at;
        loop {
            let rest = &self.text[at..line.content.end];
            if !rest.starts_with(['&', '!']) {
                break;
            }
            let word = rest.find([' ', '\t']).unwrap_or(rest.len());
            let skipped = &rest[word..];
            at = line.content.end - skipped.trim_start().len();
        }
        let rest = &self.text[at..line.content.end];
        if rest.is_empty() || rest.starts_with('#') {
            return self.nested(indent);
        }
        match rest.as_bytes()[0] {
            quote @ (b'"' | b'\'') => self.quoted(at, quote, line),
            b'|' | b'>' => self.block_scalar(rest.starts_with('|'), indent),
            b'[' => self.flow_sequence(at, line),
            b'{' if rest.starts_with("{}") => Ok(Node::Mapping(Vec::new())),
            b'{' => Err(self.error(at, "flow mappings `{…}` are not read: write one key a line")),
            b'*' => Ok(Node::Other),
            _ => Ok(self.plain(at, line, indent)),
        }
    }

    /// What the lines after a key with no value on its line hold.
    fn nested(&mut self, indent: usize) -> Result<Node, SyntaxError> {
        match self.lines.get(self.next) {
            Some(next) if next.indent > indent => self.block(next.indent),
            Some(next) if next.indent == indent && is_entry(&self.text[next.content.clone()]) => {
                self.sequence(indent)
            }
            _ => Ok(Node::Other),
        }
    }

    /// A plain scalar, going on over the lines indented more than its key.
    fn plain(&mut self, at: usize, line: &Line, indent: usize) -> Node {
        let mut ops = vec![Op::Keep(
            at..at + plain_len(&self.text[at..line.content.end]),
        )];
        while let Some(next) = self.lines.get(self.next) {
            if next.indent <= indent {
                break;
            }
            let end = next.content.start + plain_len(&self.text[next.content.clone()]);
            let gap = ops.last().map_or(at, |op| op.range().end)..next.content.start;
            ops.push(Op::Decode(gap, " ".into()));
            ops.push(Op::Keep(next.content.start..end));
            self.next += 1;
        }
        if ops.len() == 1 && is_not_text(&self.text[ops[0].range().clone()]) {
            return Node::Other;
        }
        Node::Text(ops)
    }

    /// A quoted scalar starting at `at`, over one or more lines; its line breaks fold to spaces.
    fn quoted(&mut self, at: usize, quote: u8, line: &Line) -> Result<Node, SyntaxError> {
        let mut ops = Vec::new();
        let mut from = at + 1;
        let mut end = line.content.end;
        loop {
            let segment = &self.text[from..end];
            if let Some(close) = closing_quote_from(segment, quote) {
                ops.extend(quoted_ops(self.text, from..from + close, quote));
                let after = self.text[from + close + 1..end].trim_start();
                if !(after.is_empty() || after.starts_with('#')) {
                    return Err(self.error(end - after.len(), "text after the closing quote"));
                }
                return Ok(Node::Text(ops));
            }
            ops.extend(quoted_ops(self.text, from..end, quote));
            let Some(next) = self.lines.get(self.next).cloned() else {
                return Err(self.error(at, "the quoted string is not closed"));
            };
            self.next += 1;
            ops.push(Op::Decode(end..next.content.start, " ".into()));
            from = next.content.start;
            end = next.content.end;
        }
    }

    /// A literal (`|`) or folded (`>`) block scalar: the lines indented more than its key.
    fn block_scalar(&mut self, literal: bool, indent: usize) -> Result<Node, SyntaxError> {
        let mut ops: Vec<Op> = Vec::new();
        let content_indent = match self.lines.get(self.next) {
            Some(first) if first.indent > indent => first.indent,
            _ => return Ok(Node::Other),
        };
        while let Some(next) = self.lines.get(self.next).cloned() {
            if next.indent <= indent {
                break;
            }
            let start = next.content.start - (next.indent - content_indent.min(next.indent));
            if let Some(last) = ops.last() {
                let gap = last.range().end..start;
                let blank = self.text[gap.clone()].matches('\n').count() > 1;
                let join = if literal || blank { "\n" } else { " " };
                ops.push(Op::Decode(gap, join.into()));
            }
            ops.push(Op::Keep(start..next.content.end));
            self.next += 1;
        }
        Ok(Node::Text(ops))
    }

    /// `[a, "b c", 'd']` on one line: its items.
    fn flow_sequence(&mut self, at: usize, line: &Line) -> Result<Node, SyntaxError> {
        let bytes = self.text.as_bytes();
        let mut items = Vec::new();
        let mut item = at + 1;
        let mut i = at + 1;
        while i < line.content.end {
            match bytes[i] {
                quote @ (b'"' | b'\'') => {
                    let close = closing_quote_from(&self.text[i + 1..line.content.end], quote)
                        .ok_or_else(|| {
                            self.error(i, "the quoted string is not closed on its line")
                        })?;
                    items.push(Node::Text(quoted_ops(
                        self.text,
                        i + 1..i + 1 + close,
                        quote,
                    )));
                    i += close + 2;
                    item = usize::MAX;
                }
                b'[' | b'{' => return Err(self.error(i, "nested flow collections are not read")),
                b',' | b']' => {
                    if item != usize::MAX {
                        let written = self.text[item..i].trim();
                        if !written.is_empty() {
                            let start = item + self.text[item..i].find(written).unwrap_or(0);
                            let node = match is_not_text(written) {
                                true => Node::Other,
                                false => Node::Text(vec![Op::Keep(start..start + written.len())]),
                            };
                            items.push(node);
                        }
                    }
                    if bytes[i] == b']' {
                        return Ok(Node::Sequence(items));
                    }
                    i += 1;
                    item = i;
                }
                _ => i += 1,
            }
        }
        Err(self.error(at, "the flow sequence is not closed on its line"))
    }

    fn error(&self, at: usize, message: &str) -> SyntaxError {
        SyntaxError::new(at.min(self.text.len()), format!("YAML: {message}"))
    }
}

/// A sequence entry: `- item` or a lone `-`.
fn is_entry(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// The `:` ending a plain key: the first followed by white space or the line end.
fn key_colon(content: &str) -> Option<usize> {
    let bytes = content.as_bytes();
    (0..bytes.len())
        .find(|&i| bytes[i] == b':' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')))
        .filter(|&i| i > 0)
}

/// The length of a plain scalar: up to a ` #` comment, white space at its end left out.
fn plain_len(content: &str) -> usize {
    let end = content.find(" #").unwrap_or(content.len());
    content[..end].trim_end().len()
}

/// The offset of the quote closing a string that starts with one.
fn closing_quote(content: &str, quote: u8) -> Option<usize> {
    closing_quote_from(&content[1..], quote).map(|i| i + 1)
}

/// The offset in `inside` (what follows an opening quote) of the closing quote: `\"` does not
/// close a double-quoted string, `''` does not close a single-quoted one.
fn closing_quote_from(inside: &str, quote: u8) -> Option<usize> {
    let bytes = inside.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The ops of the inside of a quoted string: escapes in a double-quoted one, `''` in a
/// single-quoted one.
fn quoted_ops(text: &str, range: Range<usize>, quote: u8) -> Vec<Op> {
    if quote == b'"' {
        return unescaped(text, range);
    }
    let mut ops = Vec::new();
    let mut from = range.start;
    for (i, _) in text[range.clone()].match_indices("''") {
        let at = range.start + i;
        if at < from {
            continue;
        }
        if at > from {
            ops.push(Op::Keep(from..at));
        }
        ops.push(Op::Decode(at..at + 2, "'".into()));
        from = at + 2;
    }
    if from < range.end {
        ops.push(Op::Keep(from..range.end));
    }
    ops
}

/// A plain scalar YAML (1.1, as Ruby reads it) takes for a number, a boolean or null, or that Ruby
/// takes for a symbol.
fn is_not_text(plain: &str) -> bool {
    let lower = plain.to_ascii_lowercase();
    let words = ["~", "null", "true", "false", "yes", "no", "on", "off"];
    let digits = plain.trim_start_matches(['-', '+']);
    let number = digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && digits.replace('_', "").parse::<f64>().is_ok();
    words.contains(&lower.as_str()) || number || plain.starts_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::units::{folded_lines, prose_of, unit_ids};

    const FILE: &str = r#"# Rails
---
fr:
  greeting: "Bonjour, %{name} !"
  storage:
    quota: Vous avez 50 Go  # a comment
    files:
      one: "%{count} fichier"
      other: '%{count} fichiers, l''espace de 3 Go'
  date:
    order: [:day, :month, :year]
    day_names: [dimanche, "lundi"]
    precision: 3
  about: >-
    Plus de 200 clients
    depuis 2019.
  steps:
    - Ouvrir le menu
    - label: Étape 2
  long: Une phrase
    sur deux lignes, 7 mots.
"#;

    fn ids(text: &str) -> Vec<String> {
        unit_ids(&read(text).unwrap())
    }

    #[test]
    fn rails_files_read_below_their_language_key() {
        let side = read(FILE).unwrap();
        assert_eq!(side.lang.as_deref(), Some("fr"));
        assert_eq!(
            ids(FILE),
            [
                "greeting",
                "storage.quota",
                "storage.files",
                "date.day_names.0",
                "date.day_names.1",
                "about",
                "steps.0",
                "steps.1.label",
                "long"
            ]
        );
        let lines = folded_lines(FILE, &side);
        assert_eq!(
            lines,
            [
                "Bonjour, !",
                "Vous avez 50 Go",
                "fichier",
                "fichiers, l'espace de 3 Go",
                "dimanche",
                "lundi",
                "Plus de 200 clients depuis 2019.",
                "Ouvrir le menu",
                "Étape 2",
                "Une phrase sur deux lignes, 7 mots."
            ]
        );
        let (prose, _) = prose_of(FILE, &side);
        for figure in ["2019", "7 mots", "3 Go"] {
            let at = prose.text.find(figure).unwrap();
            assert_eq!(&FILE[prose.span_in_file(at..at + figure.len())], figure);
        }
    }

    #[test]
    fn what_is_not_read_is_a_located_error() {
        let error = |text: &str| {
            let e = read(text).unwrap_err();
            (e.at, e.message)
        };
        assert_eq!(
            error("en:\n  a: 1\n\tb: 2\n"),
            (
                11,
                "YAML: a tab in the indentation (YAML indents with spaces)".into()
            )
        );
        assert_eq!(
            error("en:\n  a: \"open\n"),
            (9, "YAML: the quoted string is not closed".into())
        );
        assert_eq!(
            error("en:\n  just words\n").1,
            "YAML: expected `key: value`"
        );
        assert!(error("en:\n  a: {b: c}\n").1.contains("flow mappings"));
        assert!(error("a: 1\n---\nb: 2\n").1.contains("second document"));
        assert!(error("  a: 1\nb: 2\n").1.contains("indented less"));
    }
}
