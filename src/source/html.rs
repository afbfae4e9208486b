//! HTML: which parts of a file are prose.
//!
//! A small tokenizer, enough for documents people write: comments, declarations, start and end
//! tags with quoted attributes, character references. The text of the body is prose, with its
//! character references decoded (`&nbsp;`, `&#8239;`, `&ndash;`); the head, tags and their
//! attributes, and the content of `script`, `style`, `template`, `textarea`, `title`, `svg` and
//! `math` are not. Block tags (`p`, `li`, `h1`, `div`, ...) become a paragraph break and `br`, `td`
//! and `th` a line break, so that sentences and paragraphs end where a browser would end them;
//! inline tags (`b`, `span`, `a`) vanish, so `17,78<b>%</b>` reads as `17,78%`. The prose map points
//! every fact back into the file. `<html lang="..">` is returned as the declared language, and
//! comments are read for suppression markers.

use super::prose::{entity_at, Builder, Prose};
use super::{marker_in_comment, Marker};
use regex::Regex;
use std::sync::LazyLock;

/// Elements whose content is never prose.
const HIDDEN: [&str; 7] = [
    "script", "style", "template", "textarea", "title", "svg", "math",
];

/// Elements that end a paragraph.
const BLOCKS: [&str; 35] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// Elements that end a line.
const LINES: [&str; 6] = ["br", "td", "th", "tr", "summary", "option"];

static LANG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#).expect("lang regex")
});

/// What reading an HTML file yields.
pub struct Read {
    pub prose: Prose,
    /// The `lang` attribute of the `html` element, as written.
    pub lang: Option<String>,
    pub markers: Vec<Marker>,
}

/// A tag-like token at a `<`.
enum Token<'a> {
    Comment(&'a str),
    Declaration,
    Start(String),
    End(String),
    /// A `<` that starts nothing.
    Text,
}

/// Reads the prose, declared language and markers of an HTML file.
pub fn prose(text: &str) -> Read {
    let mut reader = Reader {
        text,
        builder: Builder::new(text),
        lang: None,
        markers: Vec::new(),
        in_head: false,
    };
    reader.run();
    let Reader {
        builder,
        lang,
        markers,
        in_head,
        ..
    } = reader;
    Read {
        prose: builder.finish(!in_head),
        lang,
        markers,
    }
}

struct Reader<'a> {
    text: &'a str,
    builder: Builder<'a>,
    lang: Option<String>,
    markers: Vec<Marker>,
    in_head: bool,
}

impl Reader<'_> {
    fn run(&mut self) {
        while let Some(next) = self.next_special() {
            self.text_until(next);
            if self.text[next..].starts_with('&') {
                self.entity(next);
            } else {
                self.tag(next);
            }
        }
    }

    fn next_special(&self) -> Option<usize> {
        let at = self.builder.position();
        self.text[at..].find(['<', '&']).map(|n| at + n)
    }

    /// Plain text up to `end`: prose in the body, masked in the head.
    fn text_until(&mut self, end: usize) {
        if self.in_head {
            self.builder.mask(end);
        } else {
            self.builder.keep(end);
        }
    }

    fn entity(&mut self, at: usize) {
        match entity_at(&self.text[at..]) {
            Some((len, meaning)) if !self.in_head => self.builder.replace(at + len, &meaning),
            Some((len, _)) => self.builder.mask(at + len),
            None => self.text_until(at + 1),
        }
    }

    fn tag(&mut self, at: usize) {
        let (len, token) = token(&self.text[at..]);
        let end = at + len;
        match token {
            Token::Text => self.text_until(end),
            Token::Declaration => self.builder.replace(end, ""),
            Token::Comment(body) => {
                self.builder.replace(end, "");
                if let Some(kind) = marker_in_comment(body) {
                    self.markers.push(Marker {
                        kind,
                        at,
                        prose_at: self.builder.prose_len(),
                    });
                }
            }
            Token::Start(name) => self.start_tag(&name, at, end),
            Token::End(name) => {
                if name == "head" {
                    self.in_head = false;
                }
                self.builder.replace(end, breaking(&name));
            }
        }
    }

    fn start_tag(&mut self, name: &str, at: usize, end: usize) {
        match name {
            "html" => self.lang = declared_lang(&self.text[at..end]),
            "head" => self.in_head = true,
            "body" => self.in_head = false,
            _ => {}
        }
        if HIDDEN.contains(&name) && !self.text[at..end].ends_with("/>") {
            let close = closing(&self.text[end..], name).map_or(self.text.len(), |n| end + n);
            self.builder.replace(close, "\n\n");
        } else {
            self.builder.replace(end, breaking(name));
        }
    }
}

/// What a tag leaves in the prose: a paragraph break, a line break, or nothing.
fn breaking(name: &str) -> &'static str {
    if BLOCKS.contains(&name) {
        "\n\n"
    } else if LINES.contains(&name) {
        "\n"
    } else {
        ""
    }
}

/// The length and kind of the token at a `<`.
fn token(rest: &str) -> (usize, Token<'_>) {
    if let Some(body) = rest.strip_prefix("<!--") {
        return match body.find("-->") {
            Some(n) => (4 + n + 3, Token::Comment(&body[..n])),
            None => (rest.len(), Token::Comment(body)),
        };
    }
    let bytes = rest.as_bytes();
    match bytes.get(1) {
        Some(b'!' | b'?') => (until_gt(rest), Token::Declaration),
        Some(b'/') if bytes.get(2).is_some_and(u8::is_ascii_alphabetic) => {
            (until_gt(rest), Token::End(name_at(&rest[2..])))
        }
        Some(c) if c.is_ascii_alphabetic() => (tag_end(rest), Token::Start(name_at(&rest[1..]))),
        _ => (1, Token::Text),
    }
}

fn name_at(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
        .collect::<String>()
        .to_ascii_lowercase()
}

fn until_gt(rest: &str) -> usize {
    rest.find('>').map_or(rest.len(), |n| n + 1)
}

/// The end of a start tag: the first `>` outside a quoted attribute value.
fn tag_end(rest: &str) -> usize {
    let mut quote = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    rest.len()
}

/// Where the end tag `</name>` ends in `rest`, ignoring case.
fn closing(rest: &str, name: &str) -> Option<usize> {
    let lower = rest.to_ascii_lowercase();
    let needle = format!("</{name}");
    let at = lower.find(&needle)?;
    Some(at + until_gt(&rest[at..]))
}

fn declared_lang(tag: &str) -> Option<String> {
    let captures = LANG.captures(tag)?;
    let value = (1..=3).find_map(|i| captures.get(i))?.as_str().trim();
    (!value.is_empty()).then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MarkerKind;

    const PAGE: &str = "<!DOCTYPE html>\n<html lang=\"fr-FR\">\n<head><title>Rapport 2019</title>\n<style>p { width: 300px }</style></head>\n<body>\n<p class=\"n-42\">Le taux est de 17,78<b>&nbsp;%</b> en 2025&ndash;2030.</p><p>Suite 5</p>\n<script>var x = 12;</script>\n<!-- factdiff-ignore: precision-loss -->\n<p>Plus de 200 foyers.</p>\n</body></html>\n";

    #[test]
    fn body_text_is_prose_and_markup_is_not() {
        let read = prose(PAGE);
        let text = &read.prose.text;
        for word in ["17,78\u{a0}%", "2025–2030", "Plus de 200 foyers"] {
            assert!(text.contains(word), "{word} in {text:?}");
        }
        for gone in ["2019", "300", "42", "12", "class", "<"] {
            assert!(!text.contains(gone), "{gone} in {text:?}");
        }
        assert!(text.contains("2030.\n\n\n\nSuite 5"), "{text:?}");
        assert_eq!(read.lang.as_deref(), Some("fr-FR"));
    }

    #[test]
    fn spans_point_into_the_file() {
        let read = prose(PAGE);
        let text = &read.prose.text;
        let percent = "17,78\u{a0}%";
        let at = text.find(percent).unwrap();
        let span = read.prose.span_in_file(at..at + percent.len());
        assert_eq!(&PAGE[span], "17,78<b>&nbsp;%");
        let range = text.find("2025–2030").unwrap();
        let span = read.prose.span_in_file(range..range + "2025–2030".len());
        assert_eq!(&PAGE[span], "2025&ndash;2030");
    }

    #[test]
    fn comments_hold_markers() {
        let read = prose(PAGE);
        assert_eq!(read.markers.len(), 1);
        let marker = &read.markers[0];
        assert_eq!(
            marker.kind,
            MarkerKind::Ignore(vec!["precision-loss".into()])
        );
        assert!(PAGE[marker.at..].starts_with("<!-- factdiff-ignore"));
        assert!(read.prose.text[marker.prose_at..]
            .trim_start()
            .starts_with("Plus de 200"));
    }

    #[test]
    fn fragments_and_stray_brackets_are_text() {
        let read = prose("a < b && 3 > 2; <unclosed");
        assert!(read.prose.text.starts_with("a < b && 3 > 2; "));
        assert_eq!(read.lang, None);
    }
}
