//! The comparison policy: which rule judges each relation between two facts, how severe it is, and
//! the tolerances comparison uses.
//!
//! The policy is data (`rules/policy.yaml`, embedded). `--rules DIR` with a `policy.yaml` replaces
//! it; a user's override file (`--policy FILE`) changes severities and tolerances only. Reading is
//! as strict as for the other rule files: unknown keys, unknown rule ids, unknown placeholders and a
//! relation left without a rule are errors located as `file:line:col`.

use crate::error::{Error, Result};
use crate::rules::{self, locate, DecimalText};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

const EMBEDDED: &str = include_str!("../rules/policy.yaml");
const EMBEDDED_NAME: &str = "rules/policy.yaml";

/// What comparison found between two aligned facts (or one fact without a partner). The set is
/// closed: each relation is matched by exactly one policy rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Equal,
    LessPrecise,
    Rounded,
    QualifierChanged,
    Overlap,
    ValueMismatch,
    ScaleMismatch,
    DatePartial,
    DateMismatch,
    KindMismatch,
    IdentifierMismatch,
    IdentifierScript,
    TimePartial,
    TimeMismatch,
    Converted,
    RankAsCount,
    UnitMismatch,
    Missing,
    MissingMinor,
    MissingUnit,
    FuzzyUnit,
}

impl Relation {
    pub const ALL: [Relation; 21] = [
        Relation::Equal,
        Relation::LessPrecise,
        Relation::Rounded,
        Relation::QualifierChanged,
        Relation::Overlap,
        Relation::ValueMismatch,
        Relation::ScaleMismatch,
        Relation::DatePartial,
        Relation::DateMismatch,
        Relation::KindMismatch,
        Relation::IdentifierMismatch,
        Relation::IdentifierScript,
        Relation::TimePartial,
        Relation::TimeMismatch,
        Relation::Converted,
        Relation::RankAsCount,
        Relation::UnitMismatch,
        Relation::Missing,
        Relation::MissingMinor,
        Relation::MissingUnit,
        Relation::FuzzyUnit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Equal => "equal",
            Relation::LessPrecise => "less_precise",
            Relation::Rounded => "rounded",
            Relation::QualifierChanged => "qualifier_changed",
            Relation::Overlap => "overlap",
            Relation::ValueMismatch => "value_mismatch",
            Relation::ScaleMismatch => "scale_mismatch",
            Relation::DatePartial => "date_partial",
            Relation::DateMismatch => "date_mismatch",
            Relation::KindMismatch => "kind_mismatch",
            Relation::IdentifierMismatch => "identifier_mismatch",
            Relation::IdentifierScript => "identifier_script",
            Relation::TimePartial => "time_partial",
            Relation::TimeMismatch => "time_mismatch",
            Relation::Converted => "converted",
            Relation::RankAsCount => "rank_as_count",
            Relation::UnitMismatch => "unit_mismatch",
            Relation::Missing => "missing",
            Relation::MissingMinor => "missing_minor",
            Relation::MissingUnit => "missing_unit",
            Relation::FuzzyUnit => "fuzzy_unit",
        }
    }

    /// The status a relation reports: fixed, so a user's policy changes severities, never facts.
    pub fn status(self) -> Status {
        match self {
            Relation::Equal => Status::Agree,
            Relation::LessPrecise
            | Relation::Rounded
            | Relation::QualifierChanged
            | Relation::Overlap
            | Relation::DatePartial
            | Relation::IdentifierScript
            | Relation::TimePartial
            | Relation::Converted
            | Relation::RankAsCount => Status::Compatible,
            Relation::ValueMismatch
            | Relation::ScaleMismatch
            | Relation::DateMismatch
            | Relation::KindMismatch
            | Relation::IdentifierMismatch
            | Relation::TimeMismatch
            | Relation::UnitMismatch => Status::Diverge,
            Relation::Missing
            | Relation::MissingMinor
            | Relation::MissingUnit
            | Relation::FuzzyUnit => Status::Missing,
        }
    }
}

/// How two versions relate on one fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Same value, same precision.
    Agree,
    /// Both can be true; one side is less precise or bounds differently.
    Compatible,
    /// They cannot both be true.
    Diverge,
    /// One side has no counterpart.
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Agree => "agree",
            Status::Compatible => "compatible",
            Status::Diverge => "diverge",
            Status::Missing => "missing",
        }
    }
}

/// How much a finding matters; `Off` findings are reported but never fail a run.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    #[default]
    Off,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tolerances used when comparing values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tolerances {
    /// Relative slack of "about" (0.1 = ±10 %).
    pub about: Decimal,
    /// Relative difference under which two contradicting values are one fact stated wrongly.
    pub near: Decimal,
}

impl Default for Tolerances {
    fn default() -> Self {
        Tolerances {
            about: Decimal::new(1, 1),
            near: Decimal::new(1, 1),
        }
    }
}

/// One rule of the policy.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub relation: Relation,
    pub severity: Severity,
    /// One line, with placeholders (see [`PLACEHOLDERS`]).
    pub message: String,
    pub what: String,
    pub why: String,
    pub example: String,
}

impl Rule {
    /// What `factdiff explain` prints: the rule's relation, status and severity, then what it
    /// checks, why, and an example.
    pub fn explanation(&self) -> String {
        format!(
            "{} (relation {}, status {}, severity {})\n\nWhat: {}\n\nWhy: {}\n\nExample: {}",
            self.id,
            self.relation.as_str(),
            self.relation.status().as_str(),
            self.severity,
            self.what,
            self.why,
            self.example
        )
    }
}

/// The placeholders a message template may use.
pub const PLACEHOLDERS: [&str; 9] = [
    "left",
    "right",
    "left_value",
    "right_value",
    "detail",
    "fact",
    "absent",
    "unit",
    "version",
];

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
struct TolerancesFile {
    about: DecimalText,
    near: DecimalText,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    tolerances: TolerancesFile,
    rules: Vec<Rule>,
}

/// A user's changes to the policy: severities by rule id, and any tolerance to change. Read from
/// an override file (`--policy FILE`) or from the same keys of `factdiff.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    #[serde(default)]
    pub tolerances: TolerancesPatch,
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
}

/// Tolerances to change; the others keep their value.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TolerancesPatch {
    pub about: Option<DecimalText>,
    pub near: Option<DecimalText>,
}

/// The policy of a run.
#[derive(Debug, Clone)]
pub struct Policy {
    pub tolerances: Tolerances,
    /// In file order, which is the order `explain` lists them in.
    pub rules: Vec<Rule>,
}

impl Policy {
    /// The embedded policy.
    pub fn embedded() -> Result<Policy> {
        Policy::parse(EMBEDDED_NAME, EMBEDDED)
    }

    /// The policy of a run: `rules_dir/policy.yaml` in place of the embedded one when it exists,
    /// then the user's override file when given.
    /// The policy of the last of `rules_dirs` that has a `policy.yaml`, else the embedded one,
    /// with `overrides` applied.
    pub fn load(rules_dirs: &[std::path::PathBuf], overrides: Option<&Path>) -> Result<Policy> {
        let replacement = rules_dirs
            .iter()
            .rev()
            .map(|dir| dir.join("policy.yaml"))
            .find(|p| p.is_file());
        let mut policy = match replacement {
            Some(path) => Policy::parse(&path.display().to_string(), &read(&path)?)?,
            None => Policy::embedded()?,
        };
        if let Some(path) = overrides {
            policy.apply_overrides(&path.display().to_string(), &read(path)?)?;
        }
        Ok(policy)
    }

    /// Reads and checks a whole policy file.
    pub fn parse(file: &str, text: &str) -> Result<Policy> {
        let parsed: PolicyFile = rules::parse(file, text)?;
        let tolerances = Tolerances {
            about: parsed.tolerances.about.0,
            near: parsed.tolerances.near.0,
        };
        check_tolerances(file, text, &tolerances)?;
        let policy = Policy {
            tolerances,
            rules: parsed.rules,
        };
        policy.check(file, text)?;
        Ok(policy)
    }

    /// Applies a user's override file (severities by rule id, tolerances).
    pub fn apply_overrides(&mut self, file: &str, text: &str) -> Result<()> {
        let overrides: Overrides = rules::parse(file, text)?;
        self.apply(file, text, &overrides)
    }

    /// Applies overrides read from `file` (whose `text` locates errors: an unknown rule id, a
    /// tolerance out of range).
    pub fn apply(&mut self, file: &str, text: &str, overrides: &Overrides) -> Result<()> {
        for (id, &severity) in &overrides.severity {
            let known = self.known_ids();
            let Some(rule) = self.rules.iter_mut().find(|r| &r.id == id) else {
                return Err(located(
                    file,
                    text,
                    id,
                    format!("unknown rule id '{id}' (known: {known})"),
                ));
            };
            rule.severity = severity;
        }
        let patch = overrides.tolerances;
        self.tolerances.about = patch.about.map_or(self.tolerances.about, |d| d.0);
        self.tolerances.near = patch.near.map_or(self.tolerances.near, |d| d.0);
        check_tolerances(file, text, &self.tolerances)
    }

    /// The rule matching a relation; every relation has one (checked when read).
    pub fn rule_for(&self, relation: Relation) -> &Rule {
        self.rules
            .iter()
            .find(|r| r.relation == relation)
            .expect("a checked policy covers every relation")
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The rule ids, comma-separated, for error messages.
    pub fn known_ids(&self) -> String {
        self.rules
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn check(&self, file: &str, text: &str) -> Result<()> {
        let mut ids = BTreeSet::new();
        let mut relations = BTreeMap::new();
        for rule in &self.rules {
            let at = format!("id: {}", rule.id);
            if !valid_id(&rule.id) {
                return Err(located(
                    file,
                    text,
                    &at,
                    format!(
                        "rule id '{}' must be lower-case words joined by '-'",
                        rule.id
                    ),
                ));
            }
            if !ids.insert(rule.id.as_str()) {
                return Err(located(
                    file,
                    text,
                    &at,
                    format!("rule id '{}' is used twice", rule.id),
                ));
            }
            if let Some(other) = relations.insert(rule.relation, rule.id.as_str()) {
                return Err(located(
                    file,
                    text,
                    &at,
                    format!(
                        "relation '{}' is already matched by rule '{other}'",
                        rule.relation.as_str()
                    ),
                ));
            }
            if let Some(bad) = unknown_placeholder(&rule.message) {
                return Err(located(
                    file,
                    text,
                    &rule.message,
                    format!(
                        "unknown placeholder {{{bad}}} in the message of '{}' (known: {})",
                        rule.id,
                        PLACEHOLDERS.join(", ")
                    ),
                ));
            }
        }
        match Relation::ALL.iter().find(|r| !relations.contains_key(r)) {
            Some(uncovered) => Err(located(
                file,
                text,
                "rules:",
                format!("no rule matches relation '{}'", uncovered.as_str()),
            )),
            None => Ok(()),
        }
    }
}

/// Fills a message template; placeholders without a value become empty.
pub fn render(template: &str, values: &[(&str, &str)]) -> String {
    rules::placeholder_regex()
        .replace_all(template, |c: &regex::Captures| {
            values
                .iter()
                .find(|(name, _)| *name == &c[1])
                .map_or(String::new(), |(_, v)| v.to_string())
        })
        .into_owned()
}

fn unknown_placeholder(template: &str) -> Option<String> {
    rules::placeholder_regex()
        .captures_iter(template)
        .map(|c| c[1].to_string())
        .find(|name| !PLACEHOLDERS.contains(&name.as_str()))
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn check_tolerances(file: &str, text: &str, tolerances: &Tolerances) -> Result<()> {
    for (name, value) in [("about", tolerances.about), ("near", tolerances.near)] {
        if value < Decimal::ZERO || value >= Decimal::ONE {
            return Err(located(
                file,
                text,
                &format!("{name}:"),
                format!("tolerance '{name}' must be at least 0 and below 1, not {value}"),
            ));
        }
    }
    Ok(())
}

fn located(file: &str, text: &str, needle: &str, message: String) -> Error {
    let (line, column) = locate(text, needle);
    Error::Rule {
        file: file.to_string(),
        line,
        column,
        message,
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::Rule {
        file: path.display().to_string(),
        line: 0,
        column: 0,
        message: format!("cannot read: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_policy_covers_every_relation() {
        let policy = Policy::embedded().unwrap();
        for relation in Relation::ALL {
            assert_eq!(policy.rule_for(relation).relation, relation);
        }
        assert_eq!(
            policy.rule("missing-fact").unwrap().severity,
            Severity::Warning
        );
    }

    #[test]
    fn overrides_change_severity_and_tolerance() {
        let mut policy = Policy::embedded().unwrap();
        policy
            .apply_overrides(
                "o.yaml",
                "severity:\n  missing-fact: error\ntolerances:\n  about: 0.05\n",
            )
            .unwrap();
        assert_eq!(
            policy.rule("missing-fact").unwrap().severity,
            Severity::Error
        );
        assert_eq!(policy.tolerances.about, Decimal::new(5, 2));
    }

    #[test]
    fn unknown_rule_id_and_bad_severity_are_located() {
        let mut policy = Policy::embedded().unwrap();
        let err = policy
            .apply_overrides("o.yaml", "severity:\n  missing-facts: error\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("o.yaml:2:3: unknown rule id 'missing-facts'"),
            "{err}"
        );
        let err = policy
            .apply_overrides("o.yaml", "severity:\n  missing-fact: fatal\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("o.yaml:2:"), "{err}");
        assert!(err.contains("unknown variant `fatal`"), "{err}");
    }

    #[test]
    fn a_relation_without_rule_is_an_error() {
        let text = EMBEDDED.replace("relation: missing\n", "relation: equal\n");
        let err = Policy::parse("p.yaml", &text).unwrap_err().to_string();
        assert!(err.contains("already matched by rule 'agree'"), "{err}");
    }

    #[test]
    fn unknown_placeholder_is_an_error() {
        let text = EMBEDDED.replace("{left} = {right}", "{left} = {rigth}");
        let err = Policy::parse("p.yaml", &text).unwrap_err().to_string();
        assert!(err.contains("unknown placeholder {rigth}"), "{err}");
    }

    #[test]
    fn templates_render() {
        assert_eq!(
            render("{left} vs {right}: {x}", &[("left", "a"), ("right", "b")]),
            "a vs b: "
        );
    }
}
