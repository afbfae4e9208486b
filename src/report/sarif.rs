//! The SARIF 2.1.0 report of `factdiff lint`, for code scanning.
//!
//! One run; the tool's rules are the policy's rules, each with its `explain` text (what, why, an
//! example) as help and its severity as default level. A result stands at the fact of the compared
//! version (the reference's when the version lacks it), with the fact it was compared with as a
//! related location, and carries the baseline fingerprint as a partial fingerprint. Suppressed and
//! baselined findings are included with a `suppressions` entry (`inSource` and `external`), as
//! SARIF viewers expect. Columns count Unicode code points, as factdiff's do.

use crate::lint::{SetResult, State, Totals};
use crate::policy::{Policy, Rule, Severity};
use crate::report::json::write_nested;
use crate::report::{listed, LintReport, Listed, Spot};
use serde_json::{json, Value as Json};
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where the results go in the log's skeleton.
const RESULTS_MARK: &str = "\u{0}results";

/// Writes the SARIF log of a lint run: the log as one pretty-printed document, its results
/// written set by set in place of a mark in the skeleton.
pub struct LintSarif<'a> {
    policy: &'a Policy,
    results: usize,
    /// The indentation of the results, once the start of the log is written.
    indent: Option<String>,
}

impl<'a> LintSarif<'a> {
    pub fn new(policy: &'a Policy) -> LintSarif<'a> {
        LintSarif {
            policy,
            results: 0,
            indent: None,
        }
    }

    /// The pretty-printed log, cut where the results go: what comes before, the indentation of
    /// the results, what comes after.
    fn skeleton(&self, totals: &Totals) -> io::Result<(String, String, String)> {
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "factdiff",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": self.policy.rules.iter().map(rule).collect::<Vec<_>>(),
                }},
                "originalUriBaseIds": {
                    "SRCROOT": {"description": {"text": "The folder of factdiff.yaml."}}
                },
                "columnKind": "unicodeCodePoints",
                "results": RESULTS_MARK,
                "properties": {
                    "documentSets": totals.sets,
                    "documents": totals.documents,
                    "suppressed": totals.suppressed,
                    "baselined": totals.baselined,
                },
            }],
        });
        let text = serde_json::to_string_pretty(&log)?;
        let mark = serde_json::to_string(RESULTS_MARK)?;
        let at = text.find(&mark).expect("the skeleton has the results mark");
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent = text[line_start..].len() - text[line_start..].trim_start().len();
        Ok((
            text[..at].to_string(),
            " ".repeat(indent + 2),
            text[at + mark.len()..].to_string(),
        ))
    }

    /// Writes the start of the log the first time; the indentation of the results.
    fn start_once(&mut self, out: &mut dyn Write) -> io::Result<String> {
        if self.indent.is_none() {
            let (head, indent, _) = self.skeleton(&Totals::default())?;
            write!(out, "{head}")?;
            self.indent = Some(indent);
        }
        Ok(self.indent.clone().unwrap_or_default())
    }
}

impl LintReport for LintSarif<'_> {
    fn set(&mut self, out: &mut dyn Write, set: &SetResult) -> io::Result<()> {
        let indent = self.start_once(out)?;
        for item in listed(set) {
            write!(out, "{}", if self.results == 0 { "[\n" } else { ",\n" })?;
            write_nested(out, &result(&item, self.policy), &indent, true)?;
            self.results += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        let indent = self.start_once(out)?;
        let (_, _, tail) = self.skeleton(totals)?;
        match self.results {
            0 => write!(out, "[]")?,
            _ => write!(out, "\n{}]", &indent[2..])?,
        }
        writeln!(out, "{tail}")
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Off => "none",
    }
}

fn rule(rule: &Rule) -> Json {
    json!({
        "id": rule.id,
        "shortDescription": {"text": rule.what},
        "fullDescription": {"text": rule.why},
        "help": {
            "text": format!("What: {}\n\nWhy: {}\n\nExample: {}", rule.what, rule.why, rule.example),
            "markdown": format!("**What**: {}\n\n**Why**: {}\n\n**Example**: {}", rule.what, rule.why, rule.example),
        },
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": {
            "relation": rule.relation.as_str(),
            "status": rule.relation.status().as_str(),
        },
    })
}

fn result(item: &Listed<'_>, policy: &Policy) -> Json {
    let finding = item.finding;
    let mut result = json!({
        "ruleId": finding.rule,
        "ruleIndex": policy.rules.iter().position(|r| r.id == finding.rule),
        "level": level(finding.severity),
        "message": {"text": item.message()},
        "locations": [{"physicalLocation": physical(&item.at)}],
        "partialFingerprints": {"factdiff/v1": item.fingerprint},
        "properties": {"documentSet": item.set.key, "status": finding.status.as_str()},
    });
    if let Some(other) = &item.other {
        result["relatedLocations"] = json!([{
            "id": 1,
            "message": {"text": format!("compared with this fact ({})", other.analysis.language.code)},
            "physicalLocation": physical(other),
        }]);
    }
    let suppression = match item.state {
        State::Active => None,
        State::Suppressed => Some(("inSource", "a factdiff-ignore or factdiff-off marker")),
        State::Baselined => Some(("external", "accepted in the baseline")),
    };
    if let Some((kind, why)) = suppression {
        result["suppressions"] = json!([{"kind": kind, "justification": why}]);
    }
    result
}

/// A relative path as a URI reference: bytes outside the unreserved set percent-encoded.
fn uri(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn physical(spot: &Spot<'_>) -> Json {
    let (line, column) = spot.start();
    let (end_line, end_column) = spot.end();
    json!({
        "artifactLocation": {"uri": uri(&spot.path()), "uriBaseId": "SRCROOT"},
        "region": {
            "startLine": line,
            "startColumn": column,
            "endLine": end_line,
            "endColumn": end_column,
            "snippet": {"text": spot.text},
        },
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            super::uri("content/ru/о нас.md"),
            "content/ru/%D0%BE%20%D0%BD%D0%B0%D1%81.md"
        );
    }
}
