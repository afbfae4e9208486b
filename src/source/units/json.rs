//! JSON message files: i18next and react-intl (flat or nested), Chrome-style `{"message": …}`
//! and Flutter ARB, one language per file.
//!
//! Every string is a unit named by its key path (`menu.file.open`; array items by their index).
//! An object with a string `defaultMessage` or `message` (react-intl's extracted messages, Chrome
//! and WebExtension messages) is one unit with that text; its `description` is not read. Keys that
//! start with `@` are ARB metadata, not units (`@@locale` names the language). i18next plural
//! forms (`key_one`, `key_few`, `key_other`, `key_ordinal_one`, …) next to one another are one unit
//! `key`, since languages have different sets of forms. Texts are read as ICU messages
//! ([`super::inline`]).
//!
//! serde_json keeps no positions, so this is a small reader of its own that keeps the byte span of
//! every string; its errors are located.

use super::{append_text, decoded, unescaped, with_placeholders, Side, SyntaxError, UnitText};
use std::ops::Range;

/// How deep arrays and objects may nest.
const MAX_DEPTH: usize = 128;

/// A JSON value, with the spans of its strings.
enum Value {
    /// The raw text between the quotes.
    String(Range<usize>),
    Object(Vec<(String, Value)>),
    Array(Vec<Value>),
    /// A number, `true`, `false` or `null`: never a text.
    Scalar,
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
    depth: usize,
}

/// The units of a JSON message file, and the language `@@locale` declares.
pub fn read(text: &str) -> Result<Side, SyntaxError> {
    let mut parser = Parser {
        text,
        at: 0,
        depth: 0,
    };
    parser.skip_space();
    if parser.text[parser.at..].starts_with('\u{feff}') {
        parser.at += '\u{feff}'.len_utf8();
    }
    let value = parser.value()?;
    parser.skip_space();
    if parser.at < text.len() {
        return Err(SyntaxError::new(
            parser.at,
            "more text after the JSON value",
        ));
    }
    let mut side = Side::default();
    if let Value::Object(members) = &value {
        side.lang = members
            .iter()
            .find(|(k, _)| k == "@@locale")
            .and_then(|(_, v)| match v {
                Value::String(r) => Some(text[r.clone()].to_string()),
                _ => None,
            });
    }
    units(text, &value, "", &mut side.units);
    Ok(side)
}

/// The units of `value`, whose key path is `path`.
fn units(text: &str, value: &Value, path: &str, out: &mut Vec<UnitText>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        Value::String(range) => {
            let base = plural_base(path);
            let plural = base.len() < path.len();
            push(text, out, base, range.clone(), plural)
        }
        Value::Object(members) => {
            let message = members.iter().find_map(|(k, v)| match v {
                Value::String(r) if k == "defaultMessage" || k == "message" => Some(r.clone()),
                _ => None,
            });
            if let Some(range) = message {
                return push(text, out, path.to_string(), range, false);
            }
            for (key, value) in members.iter().filter(|(k, _)| !k.starts_with('@')) {
                units(text, value, &join(key), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                units(text, item, &join(&i.to_string()), out);
            }
        }
        Value::Scalar => {}
    }
}

/// A string as a unit; a plural form right after another form of the same key joins its unit.
fn push(text: &str, out: &mut Vec<UnitText>, id: String, range: Range<usize>, plural: bool) {
    if range.is_empty() {
        return;
    }
    let ops = with_placeholders(text, unescaped(text, range));
    match out.last_mut() {
        Some(last) if plural && last.id == id => append_text(&mut last.ops, ops),
        _ => out.push(UnitText {
            id,
            fuzzy: false,
            ops,
        }),
    }
}

/// `items_one`, `items_other`, `place_ordinal_few` → `items`, `place`; other keys unchanged.
fn plural_base(path: &str) -> String {
    const FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
    for form in FORMS {
        for suffix in [format!("_ordinal_{form}"), format!("_{form}")] {
            if let Some(base) = path.strip_suffix(&suffix) {
                if !base.is_empty() && !base.ends_with('.') {
                    return base.to_string();
                }
            }
        }
    }
    path.to_string()
}

impl Parser<'_> {
    fn value(&mut self) -> Result<Value, SyntaxError> {
        self.skip_space();
        match self.peek() {
            Some(b'"') => self.string().map(Value::String),
            Some(b'{') => self.nested(|p| p.object()),
            Some(b'[') => self.nested(|p| p.array()),
            Some(b't' | b'f' | b'n' | b'-' | b'0'..=b'9') => self.scalar(),
            Some(_) => Err(self.error("expected a JSON value")),
            None => Err(self.error("the file ends where a JSON value was expected")),
        }
    }

    fn nested(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<Value, SyntaxError>,
    ) -> Result<Value, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(&format!("nested more than {MAX_DEPTH} levels deep")));
        }
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn object(&mut self) -> Result<Value, SyntaxError> {
        self.at += 1;
        let mut members = Vec::new();
        self.skip_space();
        if self.eat(b'}') {
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key = self.string()?;
            let key = decoded(self.text, key);
            self.skip_space();
            if !self.eat(b':') {
                return Err(self.error("expected ':' after the key"));
            }
            let value = self.value()?;
            members.push((key, value));
            self.skip_space();
            if self.eat(b'}') {
                return Ok(Value::Object(members));
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or '}' after the value"));
            }
        }
    }

    fn array(&mut self) -> Result<Value, SyntaxError> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.eat(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_space();
            if self.eat(b']') {
                return Ok(Value::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or ']' after the value"));
            }
        }
    }

    /// A string; returns the span between its quotes.
    fn string(&mut self) -> Result<Range<usize>, SyntaxError> {
        let open = self.at;
        self.at += 1;
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            match b {
                b'"' => {
                    self.at += 1;
                    return Ok(open + 1..self.at - 1);
                }
                b'\\' => self.at += 2,
                b'\n' => return Err(self.error("a line break inside a string (write \\n)")),
                _ => self.at += 1,
            }
        }
        self.at = open;
        Err(self.error("the string is not closed"))
    }

    fn scalar(&mut self) -> Result<Value, SyntaxError> {
        let rest = &self.text[self.at..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.')))
            .unwrap_or(rest.len());
        let word = &rest[..len];
        let is_number = word.parse::<f64>().is_ok() && !word.starts_with('+');
        if !(is_number || matches!(word, "true" | "false" | "null")) {
            return Err(self.error(&format!("'{word}' is not a JSON value")));
        }
        self.at += len;
        Ok(Value::Scalar)
    }

    fn skip_space(&mut self) {
        let rest = &self.text[self.at..];
        self.at += rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn error(&self, message: &str) -> SyntaxError {
        SyntaxError::new(self.at.min(self.text.len()), format!("JSON: {message}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::units::unit_ids;

    fn ids(text: &str) -> Vec<String> {
        unit_ids(&read(text).unwrap())
    }

    #[test]
    fn nested_keys_plural_forms_and_metadata() {
        let file = r##"{"@@locale": "fr", "menu": {"open": "Ouvrir", "items_one": "# élément",
            "items_other": "{count} éléments"}, "list": ["a", 5, null], "@menu": {"x": "y"},
            "greet": {"defaultMessage": "Bonjour", "description": "not read"}}"##;
        assert_eq!(read(file).unwrap().lang.as_deref(), Some("fr"));
        assert_eq!(ids(file), ["menu.open", "menu.items", "list.0", "greet"]);
    }

    #[test]
    fn escapes_map_back_to_the_file() {
        let file = r#"{"a": "Say \"20\" \u00e9t\u00e9 \ud83d\ude00"}"#;
        let side = read(file).unwrap();
        let (prose, _) = super::super::prose_of(file, &side);
        assert_eq!(prose.text, "Say \"20\" été 😀");
        let twenty = prose.text.find("20").unwrap();
        let span = prose.span_in_file(twenty..twenty + 2);
        assert_eq!(&file[span], "20");
    }

    #[test]
    fn syntax_errors_are_located() {
        let err = read("{\"a\": \"x\",\n \"b\" \"y\"}").unwrap_err();
        assert_eq!(
            (err.at, err.message.as_str()),
            (16, "JSON: expected ':' after the key")
        );
        assert!(read("{\"a\": \"x")
            .unwrap_err()
            .message
            .contains("not closed"));
        assert!(read(&"[".repeat(200))
            .unwrap_err()
            .message
            .contains("nested"));
        assert!(read("{} x").is_err());
    }
}
