//! Baselines: findings accepted once (`factdiff lint --write-baseline`) that later runs report as
//! baselined instead of failing on them.
//!
//! A finding is known by a fingerprint that does not depend on where it stands: the rule, the
//! document set, the two languages, and for each fact its kind, normalized value, qualifier, unit,
//! text and the words of its sentence. Editing another paragraph, or adding lines above, keeps every
//! fingerprint; editing the figure or its sentence makes the finding new. Identical findings in one
//! set are told apart by their order (`…:2`). The file is JSON, sorted, so it diffs well in review.

use crate::analysis::Analysis;
use crate::compare::Finding;
use crate::error::{Error, Result};
use crate::fact::Fact;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The version of the baseline file format.
pub const VERSION: u32 = 1;

/// Counts fingerprints already given within one document set, to number repeats.
#[derive(Debug, Default)]
pub struct Numbering {
    seen: BTreeMap<u64, usize>,
}

/// The fingerprint of a finding of `left` against `right` in the set named `set`.
pub fn fingerprint(
    set: &str,
    left: &Analysis,
    right: &Analysis,
    finding: &Finding,
    numbering: &mut Numbering,
) -> String {
    let mut parts = vec![
        finding.rule.clone(),
        set.to_string(),
        left.language.code.clone(),
        right.language.code.clone(),
    ];
    parts.extend(finding.left.map(|i| describe(left, &left.facts[i])));
    parts.push(String::new());
    parts.extend(finding.right.map(|j| describe(right, &right.facts[j])));
    // A finding about a whole unit has no fact: the unit's id identifies it.
    if let (None, None, Some(unit)) = (finding.left, finding.right, &finding.unit) {
        parts.push(unit.id.clone());
    }
    let hash = fnv1a(parts.join("\u{1f}").as_bytes());
    let count = numbering.seen.entry(hash).or_default();
    *count += 1;
    match *count {
        1 => format!("{hash:016x}"),
        n => format!("{hash:016x}:{n}"),
    }
}

/// What identifies a fact wherever it stands.
fn describe(analysis: &Analysis, fact: &Fact) -> String {
    let sentence = analysis
        .sentences
        .span(analysis.sentences.index_of(fact.start));
    let context = analysis
        .document
        .text
        .get(sentence)
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "{}|{}|{}|{}|{}|{}",
        fact.kind,
        fact.value,
        fact.qualifier,
        fact.unit.as_ref().map_or("", |u| u.id.as_str()),
        fact.text.split_whitespace().collect::<Vec<_>>().join(" "),
        context
    )
}

/// 64-bit FNV-1a: small, and the same on every platform and Rust version.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One accepted finding; only the fingerprint counts, the rest helps a reviewer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub set: String,
    pub file: String,
    pub fingerprint: String,
    pub rule: String,
    pub message: String,
}

/// The accepted findings.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    fingerprints: BTreeSet<String>,
}

impl Baseline {
    pub fn contains(&self, fingerprint: &str) -> bool {
        self.fingerprints.contains(fingerprint)
    }

    pub fn len(&self) -> usize {
        self.fingerprints.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
    }

    /// A baseline accepting exactly these entries.
    pub fn of(entries: &[Entry]) -> Baseline {
        Baseline {
            fingerprints: entries.iter().map(|e| e.fingerprint.clone()).collect(),
        }
    }

    /// Reads a baseline file; `None` when there is none.
    pub fn load(path: &Path) -> Result<Option<Baseline>> {
        if !path.exists() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.into(),
            source,
        })?;
        Baseline::parse(path, &text).map(Some)
    }

    /// Checks the text of a baseline file read from `path` (which errors name).
    pub fn parse(path: &Path, text: &str) -> Result<Baseline> {
        let bad = |message: String| Error::Input {
            path: path.into(),
            message,
        };
        let json: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            bad(format!(
                "line {} column {}: not a baseline file: {e}",
                e.line(),
                e.column()
            ))
        })?;
        if json["version"] != json!(VERSION) {
            return Err(bad(format!(
                "baseline version {} is not {VERSION}; write it anew with --write-baseline",
                json["version"]
            )));
        }
        let fingerprints = json["findings"]
            .as_array()
            .ok_or_else(|| bad("no `findings` list".into()))?
            .iter()
            .map(|f| f["fingerprint"].as_str().map(str::to_string))
            .collect::<Option<BTreeSet<_>>>()
            .ok_or_else(|| bad("a finding without `fingerprint`".into()))?;
        Ok(Baseline { fingerprints })
    }

    /// Writes the entries as a baseline file.
    pub fn write(path: &Path, entries: &[Entry]) -> Result<()> {
        let mut sorted = entries.to_vec();
        sorted.sort();
        let findings: Vec<_> = sorted
            .iter()
            .map(|e| {
                json!({
                    "fingerprint": e.fingerprint,
                    "rule": e.rule,
                    "set": e.set,
                    "file": e.file,
                    "message": e.message,
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&json!({"version": VERSION, "findings": findings}))
            .expect("JSON values serialize");
        std::fs::write(path, text + "\n").map_err(|source| Error::Io {
            path: path.into(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_the_reference_function() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        assert!(Baseline::load(&path).unwrap().is_none());
        let entry = Entry {
            set: "s".into(),
            file: "f".into(),
            fingerprint: "00ff".into(),
            rule: "r".into(),
            message: "m".into(),
        };
        Baseline::write(&path, &[entry]).unwrap();
        let read = Baseline::load(&path).unwrap().unwrap();
        assert!(read.contains("00ff") && read.len() == 1);
        std::fs::write(&path, "{\"version\": 9, \"findings\": []}").unwrap();
        assert!(Baseline::load(&path)
            .unwrap_err()
            .to_string()
            .contains("version 9"));
    }
}
