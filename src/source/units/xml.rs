//! The XML the translation formats share (XLIFF, Android resources): events with their byte
//! spans, from quick-xml's reader positions, and the text of an element as [`Op`]s.
//!
//! A malformed or truncated file is a [`SyntaxError`] at the byte where quick-xml stopped, or at
//! the element left open when the file ends.

use super::{Op, SyntaxError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::ops::Range;

/// Calls `visit` with every event of `text` and its byte span, and the names of the elements
/// open around it (the event's own start tag not included).
pub fn walk<'a>(
    text: &'a str,
    mut visit: impl FnMut(&Event<'a>, Range<usize>, &[String]) -> Result<(), SyntaxError>,
) -> Result<(), SyntaxError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    loop {
        let start = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            SyntaxError::new(
                reader.error_position() as usize,
                format!("malformed XML: {e}"),
            )
        })?;
        let span = start..reader.buffer_position() as usize;
        match &event {
            Event::Eof => {
                return match open.last() {
                    Some((name, at)) => Err(SyntaxError::new(
                        *at,
                        format!("the file ends before <{name}> is closed"),
                    )),
                    None => Ok(()),
                }
            }
            Event::End(_) => {
                open.pop();
                names.pop();
            }
            _ => {}
        }
        visit(&event, span.clone(), &names)?;
        if let Event::Start(tag) = &event {
            let name = local_name(tag);
            open.push((name.clone(), span.start));
            names.push(name);
        }
    }
}

/// An element's name without its namespace prefix.
pub fn local_name(tag: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(tag.local_name().as_ref()).into_owned()
}

/// The value of attribute `name` (prefix ignored) and the byte offset of the value in the file;
/// `tag_at` is where the tag starts.
pub fn attribute(
    text: &str,
    tag: &BytesStart<'_>,
    tag_at: usize,
    name: &str,
) -> Option<(String, usize)> {
    let attr = tag
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name.as_bytes())?;
    let value = attr
        .normalized_value(quick_xml::XmlVersion::default())
        .ok()?
        .into_owned();
    let raw = &text[tag_at..];
    let at = raw
        .find(&format!("{name}="))
        .map_or(tag_at, |i| tag_at + i + name.len() + 2);
    Some((value, at))
}

/// How the text of one element is being collected: its ops so far, and how deep inside elements
/// whose content is code (a placeholder's content, masked whole) the reader is.
#[derive(Debug, Default)]
struct Collector {
    ops: Vec<Op>,
    code_depth: usize,
}

impl Collector {
    /// Takes one event inside the element. `is_code` says which inline elements hold code rather
    /// than prose.
    fn take(
        &mut self,
        text: &str,
        event: &Event<'_>,
        span: Range<usize>,
        is_code: &dyn Fn(&str) -> bool,
    ) {
        match event {
            Event::Start(tag) if self.code_depth > 0 || is_code(&local_name(tag)) => {
                self.code_depth += 1;
                self.ops.push(Op::Mask(span));
            }
            Event::End(_) if self.code_depth > 0 => {
                self.code_depth -= 1;
                self.ops.push(Op::Mask(span));
            }
            _ if self.code_depth > 0 => self.ops.push(Op::Mask(span)),
            Event::Text(_) => self.ops.push(Op::Keep(span)),
            Event::CData(_) => self.ops.push(Op::Keep(span.start + 9..span.end - 3)),
            Event::GeneralRef(reference) => {
                let decoded = reference
                    .resolve_char_ref()
                    .ok()
                    .flatten()
                    .map(String::from)
                    .or_else(|| predefined(&text[span.clone()]));
                match decoded {
                    Some(decoded) => self.ops.push(Op::Decode(span, decoded)),
                    None => self.ops.push(Op::Keep(span)),
                }
            }
            _ => self.ops.push(Op::Mask(span)),
        }
    }
}

/// An element whose text is being collected, from just after its start tag to its end tag.
#[derive(Debug)]
pub struct Element {
    collector: Collector,
    /// How many elements were open around it.
    depth: usize,
}

impl Element {
    /// Starts collecting the element whose start tag [`walk`] just gave with `open` around it.
    pub fn open(open: &[String]) -> Element {
        Element {
            collector: Collector::default(),
            depth: open.len(),
        }
    }

    /// Takes one event; returns the element's ops when the event is its end tag.
    pub fn take(
        &mut self,
        text: &str,
        event: &Event<'_>,
        span: Range<usize>,
        open: &[String],
        is_code: &dyn Fn(&str) -> bool,
    ) -> Option<Vec<Op>> {
        if matches!(event, Event::End(_)) && open.len() == self.depth {
            return Some(std::mem::take(&mut self.collector.ops));
        }
        self.collector.take(text, event, span, is_code);
        None
    }
}

/// The five entities XML predefines.
fn predefined(reference: &str) -> Option<String> {
    let decoded = match reference {
        "&amp;" => "&",
        "&lt;" => "<",
        "&gt;" => ">",
        "&quot;" => "\"",
        "&apos;" => "'",
        _ => return None,
    };
    Some(decoded.to_string())
}
