//! Android string resources: `res/values/strings.xml` (the default language) and
//! `res/values-fr/strings.xml`, one language per file.
//!
//! Each `<string>`, `<plurals>` and `<string-array>` of `<resources>` is a unit named by its
//! `name`: a plural's `<item quantity="…">` forms together are one unit (languages have different
//! sets of forms), an array's items are units of their own (`planets.0`, `planets.1`). A resource
//! marked `translatable="false"` is not a unit: it is the same in every language. The text is
//! read as Android reads it: `<xliff:g>` holds a placeholder and its content is masked whole,
//! other inline tags (`<b>`, `<annotation>`) are markup, CDATA is text, and backslash escapes
//! (`\'`, `\"`, `\n`, `\u00e9`) are decoded; printf placeholders (`%1$d`, `%s`) are masked
//! ([`super::inline`]).

use super::xml::{self, Element};
use super::{append_text, unescaped, with_placeholders, Op, Side, SyntaxError, UnitText};
use quick_xml::events::Event;

/// The resource being read.
struct Resource {
    name: String,
    kind: Kind,
    translatable: bool,
    /// A plural's forms so far.
    ops: Vec<Op>,
    /// An array's items so far.
    items: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    Plurals,
    Array,
}

/// The units of an Android resources file.
pub fn read(text: &str) -> Result<Side, SyntaxError> {
    let mut units = Vec::new();
    let mut resources = false;
    let mut resource: Option<Resource> = None;
    let mut element: Option<Element> = None;
    xml::walk(text, |event, span, open| {
        if let Some(inside) = &mut element {
            if let Some(ops) = inside.take(text, event, span, open, &|name| name == "g") {
                element = None;
                let resource = resource.as_mut().expect("an element is read in a resource");
                text_read(text, resource, decoded(text, ops), &mut units);
            }
            return Ok(());
        }
        match event {
            Event::Start(tag) | Event::Empty(tag) => {
                let name = xml::local_name(tag);
                let attr = |n: &str| xml::attribute(text, tag, span.start, n).map(|(v, _)| v);
                let has_content = matches!(event, Event::Start(_));
                match (open.len(), name.as_str()) {
                    (0, "resources") => resources = true,
                    (0, _) => {
                        return Err(SyntaxError::new(
                            span.start,
                            format!("<{name}> is not <resources>: not an Android resources file"),
                        ))
                    }
                    (1, "string" | "plurals" | "string-array") => {
                        let Some(id) = attr("name") else {
                            return Err(SyntaxError::new(
                                span.start,
                                format!("<{name}> has no name"),
                            ));
                        };
                        let kind = match name.as_str() {
                            "string" => Kind::String,
                            "plurals" => Kind::Plurals,
                            _ => Kind::Array,
                        };
                        resource = Some(Resource {
                            name: id,
                            kind,
                            translatable: attr("translatable").as_deref() != Some("false"),
                            ops: Vec::new(),
                            items: 0,
                        });
                        if kind == Kind::String && has_content {
                            element = Some(Element::open(open));
                        }
                    }
                    (2, "item") if has_content && resource.is_some() => {
                        element = Some(Element::open(open));
                    }
                    _ => {}
                }
            }
            Event::End(_) if open.len() == 1 => {
                if let Some(done) = resource.take() {
                    if done.kind == Kind::Plurals {
                        push(text, &done, done.name.clone(), done.ops.clone(), &mut units);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    if !resources {
        return Err(SyntaxError::new(
            0,
            "no <resources> element: not an Android resources file",
        ));
    }
    Ok(Side { lang: None, units })
}

/// Takes the text of a `<string>` or of an `<item>` of the resource.
fn text_read(text: &str, resource: &mut Resource, ops: Vec<Op>, units: &mut Vec<UnitText>) {
    match resource.kind {
        Kind::String => push(text, resource, resource.name.clone(), ops, units),
        Kind::Plurals => append_text(&mut resource.ops, ops),
        Kind::Array => {
            let id = format!("{}.{}", resource.name, resource.items);
            resource.items += 1;
            push(text, resource, id, ops, units);
        }
    }
}

fn push(text: &str, resource: &Resource, id: String, ops: Vec<Op>, units: &mut Vec<UnitText>) {
    if resource.translatable && !ops.is_empty() {
        units.push(UnitText {
            id,
            fuzzy: false,
            ops: with_placeholders(text, ops),
        });
    }
}

/// The ops of an element's text with Android's backslash escapes decoded.
fn decoded(text: &str, ops: Vec<Op>) -> Vec<Op> {
    ops.into_iter()
        .flat_map(|op| match op {
            Op::Keep(r) => unescaped(text, r),
            op => vec![op],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::units::{folded_lines, prose_of};

    const FILE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">
    <string name="app_name" translatable="false">Cloud 9</string>
    <string name="saved">Saved <xliff:g id="count" example="3">%1$d</xliff:g> files, it\'s <b>20 %</b></string>
    <plurals name="days">
        <item quantity="one">%d day left</item>
        <item quantity="other">%d days left of 30</item>
    </plurals>
    <string-array name="plans"><item>Basic: 5 GB</item><item><![CDATA[Pro: <50> GB]]></item></string-array>
    <string name="empty"/>
</resources>
"#;

    #[test]
    fn strings_plurals_and_arrays_are_units() {
        let side = read(FILE).unwrap();
        let ids: Vec<&str> = side.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["saved", "days", "plans.0", "plans.1"]);
        let lines = folded_lines(FILE, &side);
        assert_eq!(
            lines,
            [
                "Saved files, it's 20 %",
                "day left",
                "days left of 30",
                "Basic: 5 GB",
                "Pro: <50> GB"
            ]
        );
        let (prose, units) = prose_of(FILE, &side);
        let thirty = prose.text.find("30").unwrap();
        assert_eq!(&FILE[prose.span_in_file(thirty..thirty + 2)], "30");
        assert_eq!(&FILE[units[1].span.clone()][..4], "%d d");
    }

    #[test]
    fn other_xml_and_nameless_resources_are_located_errors() {
        let err = read("<?xml version=\"1.0\"?>\n<xliff/>").unwrap_err();
        assert_eq!(err.at, 22);
        assert!(err.message.contains("not an Android resources file"));
        let err = read("<resources>\n  <string>x</string></resources>").unwrap_err();
        assert_eq!((err.at, err.message.as_str()), (14, "<string> has no name"));
        assert!(read("<resources><string name=\"a\">5").is_err());
    }
}
