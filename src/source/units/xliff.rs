//! XLIFF 1.2 and 2.x: the `<source>` and `<target>` of each unit, as two [`Side`]s.
//!
//! A unit is a `<trans-unit>` (1.2) or a `<unit>` (2.x, its segments' texts together), named by
//! its `id`. The languages are `source-language`/`target-language` of the first `<file>` (1.2) or
//! `srcLang`/`trgLang` of `<xliff>` (2.x). Inline markup is not prose: `<x/>`, `<bx/>`, `<ex/>`,
//! `<ph/>`, `<sc/>`, `<ec/>` and the tags of `<g>`, `<pc>`, `<mrk>` are masked; the content of
//! `<ph>`, `<bpt>`, `<ept>` and `<it>` (1.2: native code) is masked whole. A target whose state
//! says it still needs translating or review (`needs-…`, `new` in 1.2, `initial` in 2.x) is a
//! draft ([`UnitText::fuzzy`]). `<source>`/`<target>` elsewhere (`<alt-trans>`, matches) are
//! not the unit's text. The `version` of `<xliff>` must be 1.2 or 2.x.

use super::xml::{self, Element};
use super::{with_placeholders, Side, SyntaxError, UnitText};
use quick_xml::events::Event;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    One,
    Two,
}

/// Where the reader is.
#[derive(Default)]
struct State {
    version: Option<Version>,
    langs: [Option<String>; 2],
    unit: Option<String>,
    draft: bool,
    texts: [Vec<super::Op>; 2],
    /// The side being collected and its element.
    collecting: Option<(usize, Element)>,
    units: [Vec<UnitText>; 2],
}

/// The source texts and the target texts of an XLIFF file.
pub fn read(text: &str) -> Result<[Side; 2], SyntaxError> {
    let mut state = State::default();
    xml::walk(text, |event, span, open| {
        if let Some((side, element)) = &mut state.collecting {
            if let Some(ops) = element.take(text, event, span, open, &is_code) {
                super::append_text(&mut state.texts[*side], ops);
                state.collecting = None;
            }
            return Ok(());
        }
        match event {
            Event::Start(tag) | Event::Empty(tag) => {
                let name = xml::local_name(tag);
                let attr = |n: &str| xml::attribute(text, tag, span.start, n);
                match (name.as_str(), state.version) {
                    ("xliff", _) => {
                        let (version, at) = attr("version").ok_or_else(|| {
                            SyntaxError::new(span.start, "<xliff> has no version attribute")
                        })?;
                        state.version = Some(match version.as_str() {
                            "1.2" => Version::One,
                            "2.0" | "2.1" | "2.2" => Version::Two,
                            other => {
                                return Err(SyntaxError::new(
                                    at,
                                    format!(
                                    "unknown XLIFF version '{other}' (1.2 and 2.0 to 2.2 are read)"
                                ),
                                ))
                            }
                        });
                        state.langs = [attr("srcLang"), attr("trgLang")].map(|a| a.map(|(v, _)| v));
                    }
                    (_, None) => {
                        return Err(SyntaxError::new(
                            span.start,
                            format!("<{name}> before <xliff>: not an XLIFF file"),
                        ))
                    }
                    ("file", Some(Version::One)) if state.langs[0].is_none() => {
                        state.langs = [attr("source-language"), attr("target-language")]
                            .map(|a| a.map(|(v, _)| v));
                    }
                    ("trans-unit", Some(Version::One)) | ("unit", Some(Version::Two)) => {
                        let id = attr("id").map(|(v, _)| v).ok_or_else(|| {
                            SyntaxError::new(span.start, format!("<{name}> has no id"))
                        })?;
                        state.unit = Some(id);
                        state.draft = false;
                    }
                    ("segment", Some(Version::Two)) => {
                        state.draft |= attr("state").is_some_and(|(s, _)| s == "initial");
                    }
                    ("source" | "target", Some(version)) if state.unit.is_some() => {
                        let parent = open.last().map(String::as_str);
                        let in_place = match version {
                            Version::One => parent == Some("trans-unit"),
                            Version::Two => matches!(parent, Some("segment" | "ignorable")),
                        };
                        let side = usize::from(name == "target");
                        if side == 1 && version == Version::One {
                            state.draft |= attr("state")
                                .is_some_and(|(s, _)| s.starts_with("needs-") || s == "new");
                        }
                        if in_place && matches!(event, Event::Start(_)) {
                            state.collecting = Some((side, Element::open(open)));
                        }
                    }
                    _ => {}
                }
            }
            Event::End(tag) => {
                let name = String::from_utf8_lossy(tag.local_name().as_ref()).into_owned();
                if matches!(name.as_str(), "trans-unit" | "unit") {
                    if let Some(id) = state.unit.take() {
                        for side in 0..2 {
                            let ops = std::mem::take(&mut state.texts[side]);
                            if ops.is_empty() {
                                continue;
                            }
                            state.units[side].push(UnitText {
                                id: id.clone(),
                                fuzzy: side == 1 && state.draft,
                                ops: with_placeholders(text, ops),
                            });
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    if state.version.is_none() {
        return Err(SyntaxError::new(0, "no <xliff> element: not an XLIFF file"));
    }
    let [source, target] = state.units;
    let [source_lang, target_lang] = state.langs;
    Ok([
        Side {
            lang: source_lang,
            units: source,
        },
        Side {
            lang: target_lang,
            units: target,
        },
    ])
}

/// Inline elements whose content is native code, not text.
fn is_code(name: &str) -> bool {
    matches!(name, "ph" | "bpt" | "ept" | "it")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::units::prose_of;

    #[test]
    fn xliff_2_units_read_their_source_and_target_without_markup() {
        let file = r#"<?xml version="1.0"?>
<xliff version="2.0" srcLang="en" trgLang="fr"><file id="f">
<unit id="u1"><segment><source>Saved <ph id="1" equiv="%d"/> of <pc id="2">20 files</pc> &amp; more</source>
<target>Enregistré <ph id="1"/> sur <pc id="2">20 fichiers</pc> &amp; plus</target></segment></unit>
</file></xliff>"#;
        let [source, target] = read(file).unwrap();
        assert_eq!(source.lang.as_deref(), Some("en"));
        assert_eq!(target.lang.as_deref(), Some("fr"));
        let (prose, units) = prose_of(file, &target);
        assert_eq!(units[0].id, "u1");
        let words: Vec<&str> = prose.text.split_whitespace().collect();
        assert_eq!(words, ["Enregistré", "sur", "20", "fichiers", "&", "plus"]);
        let (prose, _) = prose_of(file, &source);
        let twenty = prose.text.find("20").unwrap();
        let in_file = prose.span_in_file(twenty..twenty + 2);
        assert_eq!(&file[in_file.start..in_file.start + 8], "20 files");
    }

    #[test]
    fn xliff_1_2_code_content_is_masked_and_alt_trans_left_out() {
        let file = r#"<xliff version="1.2"><file source-language="en" target-language="de"><body>
<trans-unit id="a"><source>Page <ph id="1">&lt;b id=7&gt;</ph>3</source><target state="needs-review-translation">Seite 3</target>
<alt-trans><target>Seite 4</target></alt-trans></trans-unit>
</body></file></xliff>"#;
        let [source, target] = read(file).unwrap();
        assert_eq!(target.lang.as_deref(), Some("de"));
        let (prose, _) = prose_of(file, &source);
        assert_eq!(
            prose.text.split_whitespace().collect::<Vec<_>>(),
            ["Page", "3"]
        );
        assert!(target.units[0].fuzzy);
        let (prose, _) = prose_of(file, &target);
        assert_eq!(prose.text, "Seite 3");
    }

    #[test]
    fn bad_versions_and_truncated_files_are_located() {
        let err = read(r#"<xliff version="3.0"></xliff>"#).unwrap_err();
        assert_eq!(err.at, 16);
        assert!(err.message.contains("unknown XLIFF version '3.0'"));
        let err = read("<xliff version=\"1.2\"><file><body><trans-unit id=\"a\">").unwrap_err();
        assert!(err.message.contains("ends before"), "{}", err.message);
    }
}
