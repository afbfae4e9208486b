//! Prose: the part of a marked-up file that is read for facts, with a map back into the file.
//!
//! A reader walks the file once, front to back, and for each stretch either keeps it (prose as
//! written), masks it (markup: every byte becomes a space, line ends stay, so the text keeps its
//! length and layout), replaces it (an entity by the character it stands for, a block tag by a
//! paragraph break) or drops it (an inline tag). [`Prose::start_in_file`] and [`Prose::end_in_file`]
//! turn a span found in the prose back into a span of the file: inside kept and masked stretches
//! byte for byte, and a replaced stretch maps whole (a fact that starts or ends at a decoded `&nbsp;`
//! covers the entity).

use std::ops::Range;

/// One stretch of the prose and the bytes of the file it stands for. `linear` stretches have the
/// same length on both sides and map byte for byte; the others map as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    prose: Range<usize>,
    file: Range<usize>,
    linear: bool,
}

/// The prose of one file and its map back into the file.
#[derive(Debug, Clone)]
pub struct Prose {
    pub text: String,
    segments: Vec<Segment>,
}

impl Prose {
    /// Where a span starting at prose offset `offset` starts in the file.
    pub fn start_in_file(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|s| s.prose.end <= offset);
        match self.segments.get(i) {
            Some(s) if s.linear => s.file.start + (offset - s.prose.start),
            Some(s) => s.file.start,
            None => self.file_end(),
        }
    }

    /// Where a span ending at prose offset `offset` ends in the file.
    pub fn end_in_file(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|s| s.prose.end < offset);
        match self.segments.get(i) {
            Some(s) if s.linear => s.file.start + (offset - s.prose.start),
            Some(s) if offset > s.prose.start => s.file.end,
            Some(s) => s.file.start,
            None => self.file_end(),
        }
    }

    /// A prose span as a span of the file.
    pub fn span_in_file(&self, span: Range<usize>) -> Range<usize> {
        let start = self.start_in_file(span.start);
        start..self.end_in_file(span.end).max(start)
    }

    /// A span of the file as a span of the prose (for showing a fact's sentence without its
    /// markup): offsets inside markup that left no prose move to the next prose.
    pub fn span_from_file(&self, span: Range<usize>) -> Range<usize> {
        let to_prose = |offset: usize| {
            let i = self.segments.partition_point(|s| s.file.end <= offset);
            match self.segments.get(i) {
                Some(s) if s.linear && offset >= s.file.start => {
                    s.prose.start + (offset - s.file.start)
                }
                Some(s) => s.prose.start,
                None => self.text.len(),
            }
        };
        let start = to_prose(span.start);
        start..to_prose(span.end).max(start)
    }

    fn file_end(&self) -> usize {
        self.segments.last().map_or(0, |s| s.file.end)
    }
}

/// Builds the prose of `file` from the front: each call consumes the file up to `end`.
pub struct Builder<'a> {
    file: &'a str,
    at: usize,
    text: String,
    segments: Vec<Segment>,
}

impl<'a> Builder<'a> {
    pub fn new(file: &'a str) -> Builder<'a> {
        Builder {
            file,
            at: 0,
            text: String::with_capacity(file.len()),
            segments: Vec::new(),
        }
    }

    /// How far the file has been consumed.
    pub fn position(&self) -> usize {
        self.at
    }

    /// The prose written so far.
    pub fn prose_len(&self) -> usize {
        self.text.len()
    }

    /// Keeps the file up to `end` as prose.
    pub fn keep(&mut self, end: usize) {
        let Some(range) = self.take(end) else { return };
        let kept = &self.file[range.clone()];
        self.push(kept, range, true);
    }

    /// Masks the file up to `end`: spaces of the same byte length, line ends kept.
    pub fn mask(&mut self, end: usize) {
        let Some(range) = self.take(end) else { return };
        let masked: String = self.file[range.clone()]
            .bytes()
            .map(|b| if b == b'\n' { '\n' } else { ' ' })
            .collect();
        self.push(&masked, range, true);
    }

    /// Replaces the file up to `end` by `with` (a decoded entity, a paragraph break, or nothing).
    pub fn replace(&mut self, end: usize, with: &str) {
        let Some(range) = self.take(end) else { return };
        let linear = with.len() == range.len();
        self.push(with, range, linear);
    }

    /// The file up to `end` says `decoded` (a Markdown text node: escapes and entities resolved).
    /// Stretches that agree are kept byte for byte; a backslash escape or an entity in between is
    /// replaced by what it stands for.
    pub fn decoded(&mut self, end: usize, decoded: &str) {
        let start = self.at;
        let end = end.min(self.file.len());
        if end <= start {
            return;
        }
        if &self.file[start..end] == decoded {
            return self.keep(end);
        }
        let mut rest = decoded;
        while self.at < end && !rest.is_empty() {
            let source = &self.file[self.at..end];
            let c = rest.chars().next().expect("rest is not empty");
            let escape = escape_at(source).filter(|(_, m)| rest.starts_with(m.as_str()));
            if let Some((len, meaning)) = escape {
                self.replace(self.at + len, &meaning);
                rest = &rest[meaning.len()..];
            } else if source.starts_with(c) {
                self.keep(self.at + c.len_utf8());
                rest = &rest[c.len_utf8()..];
            } else {
                let skip = source.chars().next().map_or(1, char::len_utf8);
                self.replace(self.at + skip, "");
            }
        }
        if rest.is_empty() {
            self.mask(end);
        } else {
            self.replace(end, rest);
        }
    }

    /// Masks what is left and returns the prose.
    pub fn finish(mut self, rest_is_prose: bool) -> Prose {
        if rest_is_prose {
            self.keep(self.file.len());
        } else {
            self.mask(self.file.len());
        }
        Prose {
            text: self.text,
            segments: self.segments,
        }
    }

    fn take(&mut self, end: usize) -> Option<Range<usize>> {
        let end = end.min(self.file.len());
        (end > self.at).then(|| {
            let range = self.at..end;
            self.at = end;
            range
        })
    }

    fn push(&mut self, text: &str, file: Range<usize>, linear: bool) {
        let prose = self.text.len()..self.text.len() + text.len();
        self.text.push_str(text);
        if prose.is_empty() {
            return;
        }
        if let Some(last) = self.segments.last_mut() {
            if linear && last.linear && last.file.end == file.start {
                last.prose.end = prose.end;
                last.file.end = file.end;
                return;
            }
        }
        self.segments.push(Segment {
            prose,
            file,
            linear,
        });
    }
}

/// A backslash escape or a character reference at the start of `text`: its length and meaning.
fn escape_at(text: &str) -> Option<(usize, String)> {
    let mut chars = text.chars();
    match chars.next()? {
        '\\' => chars.next().map(|c| (1 + c.len_utf8(), c.to_string())),
        '&' => entity_at(text),
        _ => None,
    }
}

/// A character reference (`&nbsp;`, `&#8239;`, `&#x2013;`) at the start of `text`, decoded.
pub fn entity_at(text: &str) -> Option<(usize, String)> {
    let end = text
        .char_indices()
        .skip(1)
        .take(40)
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'))
        .filter(|&(_, c)| c == ';')
        .map(|(i, _)| i + 1)?;
    let candidate = &text[..end];
    let decoded = html_escape::decode_html_entities(candidate);
    (decoded != candidate).then(|| (end, decoded.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_and_kept_stretches_map_byte_for_byte() {
        let file = "`x` 17,5 ü";
        let mut b = Builder::new(file);
        b.mask(3);
        let prose = b.finish(true);
        assert_eq!(prose.text, "    17,5 ü");
        let at = prose.text.find("17,5").unwrap();
        assert_eq!(prose.span_in_file(at..at + 4), 4..8);
    }

    #[test]
    fn entities_map_whole_and_dropped_tags_vanish() {
        let file = "<b>1&nbsp;000</b> km";
        let mut b = Builder::new(file);
        b.replace(3, "");
        b.keep(4);
        let (len, meaning) = entity_at(&file[4..]).unwrap();
        b.replace(4 + len, &meaning);
        b.keep(13);
        b.replace(17, "");
        let prose = b.finish(true);
        assert_eq!(prose.text, "1\u{a0}000 km");
        assert_eq!(prose.span_in_file(0..prose.text.len() - 3), 3..13);
        assert_eq!(prose.span_in_file(1..3), 4..10);
        assert_eq!(prose.start_in_file(prose.text.len() - 2), 18);
    }

    #[test]
    fn decoded_text_resynchronises_after_escapes() {
        let file = r"a \* 5 &amp; 7";
        let mut b = Builder::new(file);
        b.decoded(file.len(), "a * 5 & 7");
        let prose = b.finish(false);
        assert_eq!(prose.text, "a * 5 & 7");
        let seven = prose.text.find('7').unwrap();
        assert_eq!(prose.span_in_file(seven..seven + 1), 13..14);
        assert_eq!(prose.span_in_file(6..7), 7..12);
    }

    #[test]
    fn file_spans_map_back_to_prose() {
        let file = "<p>a &amp; <b>17</b>%</p>";
        let read = crate::source::html::prose(file);
        let at = file.find("17").unwrap();
        let span = read.prose.span_from_file(at..file.find("</p>").unwrap());
        assert_eq!(&read.prose.text[span], "17%");
        let amp = file.find('&').unwrap();
        let span = read.prose.span_from_file(amp..amp + 5);
        assert_eq!(&read.prose.text[span], "&");
    }

    #[test]
    fn unknown_entities_are_text() {
        assert_eq!(entity_at("&nosuch; x"), None);
        assert_eq!(entity_at("& x;"), None);
        assert_eq!(entity_at("&#8239;").unwrap(), (7, "\u{202f}".to_string()));
    }
}
