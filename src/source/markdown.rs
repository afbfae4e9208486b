//! Markdown: which parts of a file are prose.
//!
//! The file is parsed with pulldown-cmark (CommonMark with tables, footnotes, strikethrough, task
//! lists and front matter); only its text nodes are prose. Everything else is masked byte for
//! byte with spaces (line ends kept): code blocks, inline code, link targets, images, autolinks,
//! HTML, front matter and the markup itself (`#`, `*`, `|`, list markers). The prose therefore has
//! the file's length and lines, except where a text node differs from its source (a backslash
//! escape, an entity), which the prose map accounts for. HTML comments are read for suppression
//! markers.

use super::prose::{Builder, Prose};
use super::{marker_in_comment, Marker};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
use std::ops::Range;

/// The prose of a Markdown file and the suppression markers in its comments.
pub fn prose(text: &str) -> (Prose, Vec<Marker>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut builder = Builder::new(text);
    let mut markers = Vec::new();
    // For each open element, whether it makes its text not prose (code, front matter, images,
    // autolinks); `hidden` counts those that do.
    let mut open = Vec::new();
    let mut hidden = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                open.push(hides(&tag));
                hidden += usize::from(hides(&tag));
            }
            Event::End(_) => hidden -= usize::from(open.pop().unwrap_or(false)),
            Event::Text(decoded) if hidden == 0 => {
                builder.mask(range.start);
                builder.decoded(range.end, &decoded);
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                comments(text, range, &mut builder, &mut markers);
            }
            _ => {}
        }
    }
    (builder.finish(false), markers)
}

fn hides(tag: &Tag) -> bool {
    match tag {
        Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. } => true,
        Tag::Link { link_type, .. } => matches!(link_type, LinkType::Autolink | LinkType::Email),
        _ => false,
    }
}

/// Masks an HTML node, reading the suppression markers of the comments in it.
fn comments(text: &str, range: Range<usize>, builder: &mut Builder, markers: &mut Vec<Marker>) {
    let html = &text[range.clone()];
    let mut from = 0;
    while let Some(open) = html[from..].find("<!--") {
        let start = from + open;
        let body = start + 4;
        let Some(close) = html[body..].find("-->") else {
            break;
        };
        let end = body + close + 3;
        builder.mask(range.start + end);
        if let Some(kind) = marker_in_comment(&html[body..body + close]) {
            markers.push(Marker {
                kind,
                at: range.start + start,
                prose_at: builder.prose_len(),
            });
        }
        from = end;
    }
    builder.mask(range.end);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MarkerKind;

    fn prose_of(text: &str) -> String {
        prose(text).0.text
    }

    #[test]
    fn markup_is_masked_and_lines_are_kept() {
        let text = "---\ntitle: 2024\n---\n# Report 2025\n\nWe had **209** homes, see [the 45 notes](https://x.org/45).\n\n```\nlet x = 17;\n```\n\nCode `v2.0` and ![chart 2019](c.png) <b>12</b>.\n";
        let prose = prose_of(text);
        assert_eq!(prose.len(), text.len());
        assert_eq!(prose.lines().count(), text.lines().count());
        for word in ["Report 2025", "209", "the 45 notes", "12"] {
            assert!(prose.contains(word), "{word} in {prose:?}");
        }
        for gone in [
            "title", "2024", "x.org", "17", "v2.0", "2019", "<b>", "#", "**",
        ] {
            assert!(!prose.contains(gone), "{gone} in {prose:?}");
        }
        let at = prose.find("209").unwrap();
        assert_eq!(&text[at..at + 3], "209");
    }

    #[test]
    fn escapes_and_entities_are_decoded_and_mapped() {
        let text = "Ranges 2025&ndash;2030 and 1&nbsp;000 \\* 5.";
        let (prose, _) = prose(text);
        assert!(prose.text.contains("2025–2030"), "{:?}", prose.text);
        assert!(prose.text.contains("1\u{a0}000"), "{:?}", prose.text);
        let at = prose.text.find("1\u{a0}000").unwrap();
        let span = prose.span_in_file(at..at + "1\u{a0}000".len());
        assert_eq!(&text[span], "1&nbsp;000");
        let five = prose.text.rfind('5').unwrap();
        assert_eq!(
            prose.span_in_file(five..five + 1).start,
            text.rfind('5').unwrap()
        );
    }

    #[test]
    fn comments_hold_markers() {
        let text = "Intro 1.\n\n<!-- factdiff-ignore: precision-loss, rounding -->\nMore than 200.\n\n<!-- factdiff-off -->\nx <!-- factdiff-on --> y\n";
        let (prose, markers) = prose(text);
        let kinds: Vec<_> = markers.iter().map(|m| m.kind.clone()).collect();
        assert_eq!(
            kinds,
            vec![
                MarkerKind::Ignore(vec!["precision-loss".into(), "rounding".into()]),
                MarkerKind::Off,
                MarkerKind::On
            ]
        );
        assert_eq!(&text[markers[0].at..markers[0].at + 4], "<!--");
        assert!(prose.text[markers[0].prose_at..]
            .trim_start()
            .starts_with("More than 200"));
    }
}
