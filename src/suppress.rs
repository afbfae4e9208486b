//! Inline suppressions: the parts of a document its own comments exempt from findings.
//!
//! `<!-- factdiff-ignore: rule-id, other-id -->` exempts the next paragraph from those rules (from
//! every rule when no id is given); `<!-- factdiff-off -->` exempts everything up to the next
//! `<!-- factdiff-on -->` or the end of the file. A paragraph ends at a blank line of the prose, so
//! in HTML at the end of the next block element. Rule ids are checked against the policy: a typo is
//! a located error, not a silent no-op.

use crate::error::{Error, Result};
use crate::policy::Policy;
use crate::source::{MarkerKind, Prose, Source};
use std::ops::Range;

/// One exempted stretch of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Region {
    /// Byte span in the file.
    span: Range<usize>,
    /// The rules exempted; empty for every rule.
    rules: Vec<String>,
}

/// The exempted stretches of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressions {
    regions: Vec<Region>,
}

impl Suppressions {
    /// Reads the markers of a source; `shown` names the file in errors.
    pub fn of(source: &Source, policy: &Policy, shown: &str) -> Result<Suppressions> {
        let Some(prose) = &source.prose else {
            return Ok(Suppressions::default());
        };
        let mut regions = Vec::new();
        let mut off: Option<usize> = None;
        for marker in &source.markers {
            match &marker.kind {
                MarkerKind::Ignore(rules) => {
                    if let Some(unknown) = rules.iter().find(|id| policy.rule(id).is_none()) {
                        let (line, column) = source.document.line_column(marker.at);
                        return Err(Error::Rule {
                            file: shown.to_string(),
                            line,
                            column,
                            message: format!(
                                "unknown rule id '{unknown}' in factdiff-ignore (known: {})",
                                policy.known_ids()
                            ),
                        });
                    }
                    let paragraph = paragraph_after(&prose.text, marker.prose_at);
                    regions.push(region(prose, paragraph, rules.clone()));
                }
                MarkerKind::Off => {
                    off = off.or(Some(marker.prose_at));
                }
                MarkerKind::On => {
                    if let Some(start) = off.take() {
                        regions.push(region(prose, start..marker.prose_at, Vec::new()));
                    }
                }
            }
        }
        if let Some(start) = off {
            regions.push(region(prose, start..prose.text.len(), Vec::new()));
        }
        Ok(Suppressions { regions })
    }

    /// Whether `rule` is exempted at byte `offset` of the file.
    pub fn covers(&self, offset: usize, rule: &str) -> bool {
        self.regions.iter().any(|r| {
            r.span.contains(&offset) && (r.rules.is_empty() || r.rules.iter().any(|id| id == rule))
        })
    }

    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }
}

fn region(prose: &Prose, span: Range<usize>, rules: Vec<String>) -> Region {
    Region {
        span: prose.span_in_file(span),
        rules,
    }
}

/// The paragraph starting at the first non-blank character at or after `from`: up to the next
/// blank line, or the end.
fn paragraph_after(text: &str, from: usize) -> Range<usize> {
    let start = text[from..]
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |n| from + n);
    let mut end = text.len();
    let mut at = start;
    while let Some(n) = text[at..].find('\n') {
        let line_end = at + n;
        let next = &text[line_end + 1..];
        let blank = next.find('\n').is_some_and(|m| next[..m].trim().is_empty());
        if blank {
            end = line_end;
            break;
        }
        at = line_end + 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Document, Format};

    fn suppressions(text: &str, format: Format) -> Result<Suppressions> {
        let source = Source::parse(Document::from_text("a.md", text.to_string()), format).unwrap();
        Suppressions::of(&source, &Policy::embedded().unwrap(), "a.md")
    }

    #[test]
    fn ignore_covers_the_next_paragraph_only() {
        let text = "One 1.\n\n<!-- factdiff-ignore: precision-loss -->\nTwo 2\nstill two 22.\n\nThree 3.\n";
        let s = suppressions(text, Format::Markdown).unwrap();
        let at = |w: &str| text.find(w).unwrap();
        assert!(s.covers(at("2\n"), "precision-loss"));
        assert!(s.covers(at("22"), "precision-loss"));
        assert!(!s.covers(at("22"), "value-mismatch"));
        assert!(!s.covers(at("1."), "precision-loss"));
        assert!(!s.covers(at("3."), "precision-loss"));
    }

    #[test]
    fn off_and_on_bracket_everything() {
        let text = "<p>1</p><!-- factdiff-off --><p>2</p><p>3</p><!-- factdiff-on --><p>4</p>";
        let s = suppressions(text, Format::Html).unwrap();
        let at = |w: &str| text.find(w).unwrap();
        assert!(!s.covers(at("1"), "value-mismatch"));
        assert!(s.covers(at("2"), "value-mismatch"));
        assert!(s.covers(at("3"), "missing-fact"));
        assert!(!s.covers(at("4"), "value-mismatch"));
    }

    #[test]
    fn an_unknown_rule_id_is_located() {
        let err = suppressions(
            "x\n\n<!-- factdiff-ignore: precision-los -->\ny 2\n",
            Format::Markdown,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("a.md:3:1: unknown rule id 'precision-los'"),
            "{err}"
        );
    }

    #[test]
    fn plain_text_has_no_markers() {
        let s = suppressions("<!-- factdiff-off --> 2", Format::Text).unwrap();
        assert!(s.is_empty());
    }
}
