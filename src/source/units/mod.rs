//! Translation files: XLIFF, gettext PO, JSON message files (i18next, react-intl, Flutter ARB),
//! YAML message files (Rails), Android string resources and Java `.properties` bundles, read as
//! units, each with an id and its text in one language.
//!
//! A reader ([`xliff`], [`po`], [`json`], [`yaml`], [`android`], [`properties`]) walks the file once and says, for each unit, which
//! stretches of the file are its text ([`Op`]): kept as written, decoded (an escape, an entity) or
//! masked (markup and placeholders such as `<x/>`, `%1$d`, `{count}`, found by [`inline`]). From
//! that [`prose_of`] builds the [`Prose`] of one language of the file: the units' texts one per
//! line, everything else left out, with the map back into the file, so facts keep byte-exact
//! positions. A bilingual file (XLIFF, PO) has two [`Side`]s, its source texts and its
//! translations; a message file has one.

pub mod android;
pub mod inline;
pub mod json;
pub mod po;
pub mod properties;
pub mod xliff;
mod xml;
pub mod yaml;

use super::prose::{Builder, Prose};
use super::{Document, Format};
use crate::error::{Error, Result};
use std::ops::Range;
use std::path::Path;

/// The languages of a translation file (source texts first), or `None` for a format that is not
/// one.
pub fn sides(document: &Document, format: Format) -> Result<Option<Vec<Side>>> {
    let read = match format {
        Format::Xliff => xliff::read(&document.text).map(Vec::from),
        Format::Po => po::read(&document.text).map(Vec::from),
        Format::Json => json::read(&document.text).map(|side| vec![side]),
        Format::Yaml => yaml::read(&document.text).map(|side| vec![side]),
        Format::Android => android::read(&document.text).map(|side| vec![side]),
        Format::Properties => properties::read(&document.text).map(|side| vec![side]),
        Format::Text | Format::Markdown | Format::Html => return Ok(None),
    };
    read.map(Some).map_err(|e| {
        let (line, column) = document.line_column(e.at.min(document.text.len()));
        Error::Syntax {
            path: document.path.clone(),
            line,
            column,
            message: e.message,
        }
    })
}

/// The language codes a translation file's path may name by the usual conventions, most likely
/// first: parts of the file name (`fr.json`, `app_fr.arb`, `messages_pt_BR.properties`, the last
/// part first), then its folders (`locales/fr/common.json`, `values-fr/strings.xml`,
/// `locale/fr/LC_MESSAGES/app.po`). The analysis takes the first a language pack has.
pub fn lang_candidates(path: &Path) -> Vec<String> {
    let looks_like_code =
        |s: &str| (2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase());
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut found: Vec<String> = stem
        .rsplit(['_', '-', '.'])
        .filter(|part| looks_like_code(part))
        .map(str::to_string)
        .collect();
    for folder in path
        .ancestors()
        .skip(1)
        .take(3)
        .filter_map(|a| a.file_name())
    {
        let folder = folder.to_string_lossy();
        let folder = folder.strip_prefix("values-").unwrap_or(&folder);
        found.extend(
            folder
                .split(['-', '_'])
                .next()
                .filter(|p| looks_like_code(p))
                .map(str::to_string),
        );
    }
    found
}

/// How a stretch of the file is read for a unit's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Prose as written.
    Keep(Range<usize>),
    /// An escape or an entity: the text it stands for.
    Decode(Range<usize>, String),
    /// Markup or a placeholder: not prose.
    Mask(Range<usize>),
    /// What separates two texts of one unit (plural forms, segments): a paragraph
    /// break, which no fact crosses.
    Break(Range<usize>),
}

impl Op {
    pub fn range(&self) -> &Range<usize> {
        match self {
            Op::Keep(r) | Op::Decode(r, _) | Op::Mask(r) | Op::Break(r) => r,
        }
    }
}

/// One unit's text in one language, as a reader found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitText {
    /// The key path, the XLIFF id, `msgctxt` and `msgid`, ...
    pub id: String,
    /// A draft the file marks as not yet a translation (a gettext `fuzzy` entry).
    pub fuzzy: bool,
    /// In file order; what lies between two of them is left out (the quotes and line end between
    /// the lines of one PO string).
    pub ops: Vec<Op>,
}

/// The texts of one language of a translation file.
#[derive(Debug, Clone, Default)]
pub struct Side {
    /// The language the file declares for them (`trgLang="fr"`, `"@@locale": "fr"`), as written.
    pub lang: Option<String>,
    /// In file order.
    pub units: Vec<UnitText>,
}

/// A unit of a document as the later stages see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: String,
    pub fuzzy: bool,
    /// Its text in the file: from the start of the first stretch to the end of the last.
    pub span: Range<usize>,
    /// The sentences of the document it holds (filled in by the analysis).
    pub sentences: Range<usize>,
}

/// Bad input in a translation file: where (a byte offset into the file) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: usize,
    pub message: String,
}

impl SyntaxError {
    pub fn new(at: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            at,
            message: message.into(),
        }
    }
}

/// The prose of one side of `file`: each unit's text in a paragraph of its own (so that no sentence
/// and no fact runs from one unit into the next), and the units with their spans in the file.
/// Units that hold no stretch are left out: they have no text in this language.
pub fn prose_of(file: &str, side: &Side) -> (Prose, Vec<Unit>) {
    let mut builder = Builder::new(file);
    let mut units = Vec::with_capacity(side.units.len());
    for unit in side.units.iter().filter(|u| !u.ops.is_empty()) {
        let first = unit.ops[0].range().start;
        let last = unit.ops[unit.ops.len() - 1].range().end;
        let gap = if builder.prose_len() > 0 { "\n\n" } else { "" };
        builder.replace(first, gap);
        for op in &unit.ops {
            builder.replace(op.range().start, "");
            match op {
                Op::Keep(r) => builder.keep(r.end),
                Op::Decode(r, text) => builder.replace(r.end, text),
                Op::Mask(r) => builder.mask(r.end),
                Op::Break(r) => builder.replace(r.end, "\n\n"),
            }
        }
        units.push(Unit {
            id: unit.id.clone(),
            fuzzy: unit.fuzzy,
            span: first..last,
            sentences: 0..0,
        });
    }
    builder.replace(file.len(), "");
    (builder.finish(false), units)
}

/// The ops of a unit's text with its placeholders and inline tags masked ([`inline`]): they are
/// found in the text as decoded, and a decoded escape inside one is masked whole.
pub fn with_placeholders(file: &str, ops: Vec<Op>) -> Vec<Op> {
    let mut decoded = String::new();
    let mut at = Vec::with_capacity(ops.len());
    for op in &ops {
        at.push(decoded.len());
        match op {
            Op::Keep(r) => decoded.push_str(&file[r.clone()]),
            Op::Decode(_, text) => decoded.push_str(text),
            Op::Mask(r) => decoded.push_str(&" ".repeat(r.len())),
            Op::Break(_) => decoded.push('\n'),
        }
    }
    let masks = inline::placeholders(&decoded);
    if masks.is_empty() {
        return ops;
    }
    let mut out = Vec::with_capacity(ops.len() + masks.len());
    for (op, &start) in ops.into_iter().zip(&at) {
        let here = start..start + decoded_len(file, &op);
        let covering: Vec<&Range<usize>> = masks
            .iter()
            .filter(|m| m.start < here.end && here.start < m.end)
            .collect();
        match op {
            Op::Keep(r) if !covering.is_empty() => {
                let mut from = r.start;
                for mask in covering {
                    let mask_start = r.start + mask.start.max(here.start) - here.start;
                    let mask_end = r.start + mask.end.min(here.end) - here.start;
                    if mask_start > from {
                        out.push(Op::Keep(from..mask_start));
                    }
                    out.push(Op::Mask(mask_start..mask_end));
                    from = mask_end;
                }
                if from < r.end {
                    out.push(Op::Keep(from..r.end));
                }
            }
            Op::Decode(r, _) | Op::Break(r) if !covering.is_empty() => out.push(Op::Mask(r)),
            op => out.push(op),
        }
    }
    out
}

/// The ops of `file[range]`, a string whose backslash escapes (`\"`, `\n`, `\t`, `\uXXXX` with
/// its surrogate pair) are decoded; any other escaped character stands for itself.
pub fn unescaped(file: &str, range: Range<usize>) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut from = range.start;
    let mut at = range.start;
    while let Some(i) = file[at..range.end].find('\\') {
        let escape = at + i;
        let (len, meaning) = escape_meaning(&file[escape..range.end]);
        if escape > from {
            ops.push(Op::Keep(from..escape));
        }
        ops.push(Op::Decode(escape..escape + len, meaning));
        at = escape + len;
        from = at;
    }
    if from < range.end {
        ops.push(Op::Keep(from..range.end));
    }
    ops
}

/// The length and meaning of the backslash escape `text` starts with.
fn escape_meaning(text: &str) -> (usize, String) {
    let hex = |s: &str| s.get(..4).and_then(|h| u32::from_str_radix(h, 16).ok());
    let mut chars = text.chars().skip(1);
    let Some(c) = chars.next() else {
        return (1, String::new());
    };
    let simple = match c {
        'n' => Some("\n"),
        't' => Some("\t"),
        'r' | 'b' | 'f' => Some(" "),
        _ => None,
    };
    if let Some(meaning) = simple {
        return (2, meaning.to_string());
    }
    if c == 'u' {
        if let Some(high) = hex(&text[2..]) {
            let low = text
                .get(6..8)
                .filter(|&p| p == "\\u")
                .and_then(|_| hex(&text[8..]));
            if let (0xD800..=0xDBFF, Some(low @ 0xDC00..=0xDFFF)) = (high, low) {
                let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return (
                    12,
                    char::from_u32(code).map(String::from).unwrap_or_default(),
                );
            }
            return (
                6,
                char::from_u32(high).map(String::from).unwrap_or_default(),
            );
        }
    }
    (1 + c.len_utf8(), c.to_string())
}

/// `file[range]` as it reads, its backslash escapes resolved ([`unescaped`]): a key.
pub fn decoded(file: &str, range: Range<usize>) -> String {
    text_of(file, &unescaped(file, range))
}

/// What `ops` read in `file`, a line break read as written.
pub fn text_of(file: &str, ops: &[Op]) -> String {
    ops.iter()
        .map(|op| match op {
            Op::Decode(_, s) => s.as_str(),
            op => &file[op.range().clone()],
        })
        .collect()
}

fn decoded_len(file: &str, op: &Op) -> usize {
    match op {
        Op::Keep(r) => file[r.clone()].len(),
        Op::Decode(_, text) => text.len(),
        Op::Mask(r) => r.len(),
        Op::Break(_) => 1,
    }
}

/// Appends the ops of another text of a unit after a line break (covering the file between).
pub fn append_text(ops: &mut Vec<Op>, more: Vec<Op>) {
    if let (Some(last), Some(next)) = (ops.last(), more.first()) {
        let gap = last.range().end..next.range().start;
        ops.push(Op::Break(gap));
    }
    ops.extend(more);
}

/// The prose lines of a side with their white space folded, for the readers' tests.
#[cfg(test)]
pub fn folded_lines(file: &str, side: &Side) -> Vec<String> {
    let (prose, _) = prose_of(file, side);
    prose
        .text
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The ids of a side's units, for the readers' tests.
#[cfg(test)]
pub fn unit_ids(side: &Side) -> Vec<String> {
    side.units.iter().map(|u| u.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_become_paragraphs_of_prose_that_map_back_into_the_file() {
        let file = r#"{"a": "5 days", "b": "Saved %1$d files, 20 %"}"#;
        let text = |s: &str| {
            let start = file.find(s).unwrap();
            start..start + s.len()
        };
        let unit = |id: &str, s: &str| UnitText {
            id: id.into(),
            fuzzy: false,
            ops: with_placeholders(file, vec![Op::Keep(text(s))]),
        };
        let side = Side {
            lang: None,
            units: vec![unit("a", "5 days"), unit("b", "Saved %1$d files, 20 %")],
        };
        let (prose, units) = prose_of(file, &side);
        assert_eq!(prose.text, "5 days\n\nSaved      files, 20 %");
        assert_eq!(units[1].span, text("Saved %1$d files, 20 %"));
        let twenty = prose.text.find("20").unwrap();
        assert_eq!(
            &file[prose.span_in_file(twenty..twenty + 2)],
            "20",
            "byte-exact back in the file"
        );
    }
}
