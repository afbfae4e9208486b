//! gettext PO and POT files: each entry's `msgid` (and `msgid_plural`) is a source text, its
//! `msgstr` (or `msgstr[n]`, the plural forms together) the translation, as two [`Side`]s.
//!
//! An entry is named by its `msgid`, with its `msgctxt` before it in brackets when it has one
//! (`[menu] Open`). Strings run over several quoted lines and keep their C escapes (`\"`, `\n`,
//! `\t`). The header entry (empty `msgid`) is not a unit; its `Language:` names the language of
//! the translations. An empty `msgstr` is no translation (the unit is missing on that side); a
//! `#, fuzzy` entry is a draft that gettext does not use ([`UnitText::fuzzy`]); obsolete entries
//! (`#~`) are comments. A string that is not closed, a keyword gettext does not know and a string
//! with no keyword before it are located errors.

use super::{append_text, unescaped, with_placeholders, Op, Side, SyntaxError, UnitText};
use std::ops::Range;

/// The entry being read.
#[derive(Default)]
struct Entry {
    fuzzy: bool,
    /// Each keyword's strings (one list per keyword: `msgstr[0]`, `msgstr[1]`, ...).
    context: Vec<Vec<Range<usize>>>,
    id: Vec<Vec<Range<usize>>>,
    /// `msgid_plural`'s strings: source text too.
    plural: Vec<Vec<Range<usize>>>,
    translation: Vec<Vec<Range<usize>>>,
    /// Which list the last keyword opened.
    field: Option<Field>,
    start: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Context,
    Id,
    Plural,
    Translation,
}

/// The source texts and the translations of a PO file.
pub fn read(text: &str) -> Result<[Side; 2], SyntaxError> {
    let mut sides = [Side::default(), Side::default()];
    let mut entry = Entry::default();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        let indent = start + body.len() - trimmed.len();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            if entry.field.is_some() && entry.translation_started() {
                finish(text, std::mem::take(&mut entry), &mut sides);
            }
            if let Some(flags) = comment.strip_prefix(',') {
                entry.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            }
            continue;
        }
        let (keyword, rest_at) = match trimmed.find([' ', '\t', '"']) {
            Some(i) => (&trimmed[..i], indent + i),
            None => (trimmed, indent + trimmed.len()),
        };
        let field = match keyword {
            "" => None,
            "msgctxt" => Some(Field::Context),
            "msgid" => Some(Field::Id),
            "msgid_plural" => Some(Field::Plural),
            k if k == "msgstr" || (k.starts_with("msgstr[") && k.ends_with(']')) => {
                Some(Field::Translation)
            }
            other => {
                return Err(SyntaxError::new(
                    indent,
                    format!("PO: unknown keyword '{other}'"),
                ))
            }
        };
        if let Some(field) = field {
            let starts_entry = matches!(field, Field::Context | Field::Id)
                && (entry.translation_started() || (field == Field::Id && !entry.id.is_empty()));
            if starts_entry {
                finish(text, std::mem::take(&mut entry), &mut sides);
            }
            if entry.field.is_none() {
                entry.start = indent;
            }
            entry.field = Some(field);
            entry.list(field).push(Vec::new());
        } else if entry.field.is_none() {
            return Err(SyntaxError::new(
                indent,
                "PO: a string with no keyword before it",
            ));
        }
        let string = quoted(text, rest_at, start + body.len())?;
        let field = entry.field.expect("set above");
        entry
            .list(field)
            .last_mut()
            .expect("a keyword opens a list")
            .push(string);
    }
    finish(text, entry, &mut sides);
    Ok(sides)
}

impl Entry {
    fn translation_started(&self) -> bool {
        self.field == Some(Field::Translation)
    }

    fn list(&mut self, field: Field) -> &mut Vec<Vec<Range<usize>>> {
        match field {
            Field::Context => &mut self.context,
            Field::Id => &mut self.id,
            Field::Plural => &mut self.plural,
            Field::Translation => &mut self.translation,
        }
    }
}

/// The span inside the quotes of the one string `text[from..end]` holds (white space around it).
fn quoted(text: &str, from: usize, end: usize) -> Result<Range<usize>, SyntaxError> {
    let rest = &text[from..end];
    let open = from + rest.len() - rest.trim_start().len();
    if text.as_bytes().get(open) != Some(&b'"') || open >= end {
        return Err(SyntaxError::new(
            open.min(end),
            "PO: expected a string in double quotes",
        ));
    }
    let bytes = text.as_bytes();
    let mut at = open + 1;
    while at < end {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => {
                if !text[at + 1..end].trim().is_empty() {
                    return Err(SyntaxError::new(at + 1, "PO: text after the closing quote"));
                }
                return Ok(open + 1..at);
            }
            _ => at += 1,
        }
    }
    Err(SyntaxError::new(
        open,
        "PO: the string is not closed on its line",
    ))
}

/// Adds a finished entry's texts to the sides.
fn finish(text: &str, entry: Entry, sides: &mut [Side; 2]) {
    let read = |lists: &[Vec<Range<usize>>]| -> Vec<Op> {
        let mut ops = Vec::new();
        for list in lists {
            let more = list
                .iter()
                .flat_map(|r| unescaped(text, r.clone()))
                .collect();
            append_text(&mut ops, more);
        }
        ops
    };
    let as_text = |lists: &[Vec<Range<usize>>]| -> String {
        read(lists)
            .into_iter()
            .map(|op| match op {
                Op::Keep(r) | Op::Mask(r) => text[r].to_string(),
                Op::Decode(_, s) => s,
                Op::Break(_) => " ".to_string(),
            })
            .collect()
    };
    if entry.field.is_none() {
        return;
    }
    let msgid = as_text(&entry.id);
    if msgid.is_empty() {
        sides[1].lang = header_language(&as_text(&entry.translation));
        return;
    }
    let id = match entry.context.is_empty() {
        true => msgid,
        false => format!("[{}] {msgid}", as_text(&entry.context)),
    };
    let source: Vec<Vec<Range<usize>>> = entry.id.iter().chain(&entry.plural).cloned().collect();
    for (side, ranges, fuzzy) in [(0, &source, false), (1, &entry.translation, entry.fuzzy)] {
        let ops: Vec<Op> = read(ranges);
        if ops.is_empty() {
            continue;
        }
        sides[side].units.push(UnitText {
            id: id.clone(),
            fuzzy,
            ops: with_placeholders(text, ops),
        });
    }
}

/// The `Language:` of a header entry.
fn header_language(header: &str) -> Option<String> {
    header.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == "Language")
            .then(|| value.trim().to_string())
            .filter(|v| !v.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::units::{folded_lines, prose_of};

    const FILE: &str = r#"msgid ""
msgstr ""
"Language: fr\n"

#: app.c:12
msgctxt "menu"
msgid "Open %d files"
msgstr "Ouvrir %d fichiers"

#, fuzzy, c-format
msgid "Saved 20 "
"items"
msgstr "Enregistré 21 éléments"

msgid "One day"
msgid_plural "%d days"
msgstr[0] "Un jour"
msgstr[1] "%d jours"

msgid "Untranslated"
msgstr ""
"#;

    #[test]
    fn entries_contexts_plurals_and_fuzzy() {
        let [source, target] = read(FILE).unwrap();
        assert_eq!(target.lang.as_deref(), Some("fr"));
        let ids: Vec<&str> = source.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "[menu] Open %d files",
                "Saved 20 items",
                "One day",
                "Untranslated"
            ]
        );
        let fuzzy: Vec<bool> = target.units.iter().map(|u| u.fuzzy).collect();
        assert_eq!(fuzzy, [false, true, false]);
        let lines = folded_lines(FILE, &target);
        assert_eq!(
            lines,
            [
                "Ouvrir fichiers",
                "Enregistré 21 éléments",
                "Un jour",
                "jours"
            ]
        );
        let (prose, _) = prose_of(FILE, &source);
        assert!(
            prose.text.contains("Saved 20 items\n"),
            "one string over two lines"
        );
    }

    #[test]
    fn unterminated_strings_and_unknown_keywords_are_located() {
        let err = read("msgid \"a\"\nmsgstr \"b\n").unwrap_err();
        assert_eq!(
            (err.at, err.message.as_str()),
            (17, "PO: the string is not closed on its line")
        );
        let err = read("msgid \"a\"\nmsgstring \"b\"\n").unwrap_err();
        assert_eq!(err.at, 10);
        assert!(read("\"a\"\n").is_err());
    }
}
