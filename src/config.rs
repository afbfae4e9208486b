//! `factdiff.yaml`: which files of a repository are versions of one document, which version is the
//! reference, and how strictly `factdiff lint` judges them.
//!
//! The file is found by walking up from the current folder (or named with `--config FILE`); the
//! paths and patterns in it are relative to the folder it lies in. Reading is strict: an unknown
//! key, a pattern without `{lang}`, a set without a reference language or an unknown rule id is an
//! error located as `file:line:col`. The schema is documented in docs/config.md.

use crate::error::{Error, Result};
use crate::policy::{Overrides, Policy, Severity, TolerancesPatch};
use crate::rules::{self, locate};
use crate::source::{Format, Size, DEFAULT_MAX_INPUT_SIZE};
use crate::walk::SetPattern;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name `factdiff lint` looks for.
pub const FILE_NAME: &str = "factdiff.yaml";
const DEFAULT_BASELINE: &str = "factdiff-baseline.json";
const DEFAULT_SNAPSHOTS: &str = "factdiff-snapshots";

/// The file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    sets: Vec<SetFile>,
    #[serde(default)]
    reference: Option<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    rules: Vec<PathBuf>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    tolerances: TolerancesPatch,
    #[serde(default)]
    fail_on: Option<Severity>,
    #[serde(default)]
    baseline: Option<PathBuf>,
    #[serde(default)]
    snapshots: Option<PathBuf>,
    #[serde(default)]
    formats: BTreeMap<String, Format>,
    #[serde(default)]
    max_input_size: Option<SizeFile>,
}

/// A size as written: a number of bytes, or with a unit (`200MB`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum SizeFile {
    Bytes(u64),
    Written(String),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SetFile {
    pattern: String,
    #[serde(default)]
    reference: Option<String>,
    #[serde(default)]
    languages: Option<Vec<String>>,
    #[serde(default)]
    format: Option<Format>,
    /// The default language's versions, where their paths carry no language: `{en: "content/**/*.md"}`.
    #[serde(default)]
    default: Option<BTreeMap<String, String>>,
}

/// One family of document sets: the files matching `pattern`, grouped by the path around `{lang}`.
#[derive(Debug, Clone)]
pub struct SetSpec {
    pub pattern: SetPattern,
    pub reference: String,
    /// The languages to check; `None`: every language that has a pack.
    pub languages: Option<Vec<String>>,
    /// The input format of every file of the family, instead of the one its extension gives.
    pub format: Option<Format>,
    /// Where the default language's versions lie when their paths carry no language.
    pub default: Option<DefaultVersions>,
}

/// The versions of a set's default language, found by a pattern without `{lang}`: `content/**/*.md`
/// next to `content.{lang}/**/*.md`, `docs/**/*.md` next to `docs/**/*.{lang}.md`.
#[derive(Debug, Clone)]
pub struct DefaultVersions {
    pub lang: String,
    pub pattern: SetPattern,
}

/// A checked configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file as messages name it (relative to the current folder when discovered).
    pub file: String,
    /// The folder the file lies in: patterns and paths are relative to it.
    pub root: PathBuf,
    /// The file's text, to locate errors found later (an unknown rule id).
    pub text: String,
    pub sets: Vec<SetSpec>,
    /// Glob patterns of paths (relative to `root`) never read.
    pub exclude: Vec<String>,
    /// Folders of rule files adding to or replacing the built-in ones, in order.
    pub rules: Vec<PathBuf>,
    pub overrides: Overrides,
    pub fail_on: Severity,
    /// The baseline file, relative to `root`.
    pub baseline: PathBuf,
    /// The folder `factdiff snapshot` writes fact sheets to, relative to `root`.
    pub snapshots: PathBuf,
    /// Input format by file extension (lower case, no dot), the built-in ones included.
    pub formats: BTreeMap<String, Format>,
    /// The largest file read, in bytes.
    pub max_input_size: u64,
}

/// Finds `factdiff.yaml` in `start` or the nearest folder above it. The path returned is relative
/// to `start` (`factdiff.yaml`, `../factdiff.yaml`), so messages show no machine paths.
pub fn discover(start: &Path) -> Result<PathBuf> {
    start
        .ancestors()
        .enumerate()
        .find(|(_, dir)| dir.join(FILE_NAME).is_file())
        .map(|(depth, _)| {
            let mut shown = PathBuf::new();
            (0..depth).for_each(|_| shown.push(".."));
            shown.join(FILE_NAME)
        })
        .ok_or_else(|| Error::Input {
            path: start.to_path_buf(),
            message: format!(
                "no {FILE_NAME} here or in any folder above (name one with --config FILE)"
            ),
        })
}

impl Config {
    /// Reads and checks a configuration file.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.into(),
            source,
        })?;
        let root = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Config::parse(&path.display().to_string(), &text, root)
    }

    /// Checks the text of a configuration file named `file` whose paths are relative to `root`.
    /// Rule ids and tolerances are checked by [`Config::policy`], against the policy in force.
    pub fn parse(file: &str, text: &str, root: PathBuf) -> Result<Config> {
        let parsed: ConfigFile = rules::parse(file, text)?;
        let at = Locator { file, text };
        let sets = set_specs(&parsed, &at)?;
        check_values(&parsed, &at)?;
        let max_input_size = max_input_size(&parsed, &at)?;
        let mut formats = default_formats();
        for (extension, format) in &parsed.formats {
            formats.insert(extension.trim_start_matches('.').to_lowercase(), *format);
        }
        Ok(Config {
            file: file.to_string(),
            sets,
            exclude: parsed.exclude,
            rules: parsed.rules.iter().map(|dir| root.join(dir)).collect(),
            overrides: Overrides {
                tolerances: parsed.tolerances,
                severity: parsed.severity,
            },
            fail_on: parsed.fail_on.unwrap_or(Severity::Error),
            baseline: parsed.baseline.unwrap_or_else(|| DEFAULT_BASELINE.into()),
            snapshots: parsed.snapshots.unwrap_or_else(|| DEFAULT_SNAPSHOTS.into()),
            formats,
            max_input_size,
            root,
            text: text.to_string(),
        })
    }

    /// The policy of a lint run: the rules folder's policy (or the built-in one) with this file's
    /// severities and tolerances.
    pub fn policy(&self) -> Result<Policy> {
        let mut policy = Policy::load(&self.rules, None)?;
        policy.apply(&self.file, &self.text, &self.overrides)?;
        Ok(policy)
    }

    /// A path relative to the configuration's folder, as the current folder reaches it.
    pub fn path(&self, relative: impl AsRef<Path>) -> PathBuf {
        if self.root == Path::new(".") {
            relative.as_ref().to_path_buf()
        } else {
            self.root.join(relative)
        }
    }

    /// The input format of a file: its set's, else its extension's, else plain text.
    pub fn format_of(&self, set: &SetSpec, path: &str) -> Format {
        let extension = path
            .rsplit_once('.')
            .map(|(_, e)| e.to_lowercase())
            .unwrap_or_default();
        set.format
            .or_else(|| self.formats.get(&extension).copied())
            .unwrap_or(Format::Text)
    }

    /// The effective configuration as YAML (`factdiff lint --dump-config`): every default filled
    /// in and every rule's severity after the overrides.
    pub fn dump(&self, policy: &Policy) -> Result<String> {
        let dump = Dump {
            sets: self
                .sets
                .iter()
                .map(|s| DumpSet {
                    pattern: s.pattern.as_str().to_string(),
                    reference: s.reference.clone(),
                    languages: s.languages.clone(),
                    format: s.format,
                    default: s.default.as_ref().map(|d| {
                        BTreeMap::from([(d.lang.clone(), d.pattern.as_str().to_string())])
                    }),
                })
                .collect(),
            exclude: self.exclude.clone(),
            rules: self.rules.iter().map(|p| p.display().to_string()).collect(),
            severity: policy
                .rules
                .iter()
                .map(|r| (r.id.clone(), r.severity))
                .collect(),
            tolerances: [
                ("about", policy.tolerances.about),
                ("near", policy.tolerances.near),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.normalize().to_string()))
            .collect(),
            fail_on: self.fail_on,
            baseline: self.baseline.display().to_string(),
            snapshots: self.snapshots.display().to_string(),
            formats: self.formats.clone(),
            max_input_size: self.max_input_size,
        };
        let yaml = yaml_serde::to_string(&dump).map_err(|e| Error::Input {
            path: self.file.clone().into(),
            message: format!("cannot write the configuration: {e}"),
        })?;
        Ok(format!(
            "# The effective configuration read from {} (root: {})\n{yaml}",
            self.file,
            self.root.display()
        ))
    }
}

/// Locates errors in the configuration's text.
struct Locator<'a> {
    file: &'a str,
    text: &'a str,
}

impl Locator<'_> {
    fn error(&self, needle: &str, message: String) -> Error {
        let (line, column) = locate(self.text, needle);
        Error::Rule {
            file: self.file.to_string(),
            line,
            column,
            message,
        }
    }
}

fn set_specs(parsed: &ConfigFile, at: &Locator) -> Result<Vec<SetSpec>> {
    if parsed.sets.is_empty() {
        return Err(at.error("sets:", "`sets` lists no document set".into()));
    }
    parsed
        .sets
        .iter()
        .map(|set| {
            let pattern = SetPattern::compile(&set.pattern).map_err(|m| {
                at.error(&set.pattern, format!("pattern `{}`: {m}", set.pattern))
            })?;
            let default = default_versions(set, &pattern, at)?;
            let reference = set
                .reference
                .clone()
                .or_else(|| parsed.reference.clone())
                .or_else(|| default.as_ref().map(|d| d.lang.clone()))
                .ok_or_else(|| {
                    at.error(
                        &set.pattern,
                        format!(
                            "set `{}` names no reference language (`reference: en`, in the set or at the top, or a `default: {{en: ...}}`)",
                            set.pattern
                        ),
                    )
                })?;
            Ok(SetSpec {
                pattern,
                reference,
                languages: set.languages.clone(),
                format: set.format,
                default,
            })
        })
        .collect()
}

fn default_versions(
    set: &SetFile,
    pattern: &SetPattern,
    at: &Locator,
) -> Result<Option<DefaultVersions>> {
    let Some(default) = &set.default else {
        return Ok(None);
    };
    let mut entries = default.iter();
    let (Some((lang, text)), None) = (entries.next(), entries.next()) else {
        return Err(at.error(
            "default:",
            "`default` maps one language to its pattern: `default: {en: \"content/**/*.md\"}`"
                .into(),
        ));
    };
    let compiled = SetPattern::compile_default(text, pattern)
        .map_err(|m| at.error(text, format!("default pattern `{text}`: {m}")))?;
    Ok(Some(DefaultVersions {
        lang: lang.clone(),
        pattern: compiled,
    }))
}

fn max_input_size(parsed: &ConfigFile, at: &Locator) -> Result<u64> {
    match &parsed.max_input_size {
        None => Ok(DEFAULT_MAX_INPUT_SIZE),
        Some(SizeFile::Bytes(bytes)) => Ok(*bytes),
        Some(SizeFile::Written(written)) => written
            .parse::<Size>()
            .map(|size| size.0)
            .map_err(|m| at.error("max-input-size:", format!("max-input-size: {m}"))),
    }
}

fn check_values(parsed: &ConfigFile, at: &Locator) -> Result<()> {
    for pattern in &parsed.exclude {
        crate::walk::glob(pattern)
            .map_err(|m| at.error(pattern, format!("exclude pattern `{pattern}`: {m}")))?;
    }
    if parsed.fail_on == Some(Severity::Off) {
        return Err(at.error("fail-on", "`fail-on` is error, warning or info".into()));
    }
    Ok(())
}

fn default_formats() -> BTreeMap<String, Format> {
    Format::BY_EXTENSION
        .into_iter()
        .map(|(e, f)| (e.to_string(), f))
        .collect()
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Dump {
    sets: Vec<DumpSet>,
    exclude: Vec<String>,
    rules: Vec<String>,
    severity: BTreeMap<String, Severity>,
    tolerances: BTreeMap<String, String>,
    fail_on: Severity,
    baseline: String,
    snapshots: String,
    formats: BTreeMap<String, Format>,
    max_input_size: u64,
}

#[derive(Serialize)]
struct DumpSet {
    pattern: String,
    reference: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    languages: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<Format>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default: Option<BTreeMap<String, String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse("factdiff.yaml", text, PathBuf::from("."))
    }

    #[test]
    fn the_issue_example_reads() {
        let config = parse(
            "sets:\n  - pattern: \"content/{lang}/**/*.md\"\n    reference: en\nexclude: [\"content/*/drafts/**\"]\nrules: [\"factdiff-rules/\"]\nseverity: {precision-loss: error}\nfail-on: warning\n",
        )
        .unwrap();
        assert_eq!(config.sets[0].reference, "en");
        assert_eq!(config.fail_on, Severity::Warning);
        assert_eq!(config.rules, vec![PathBuf::from("./factdiff-rules/")]);
        assert_eq!(config.overrides.severity["precision-loss"], Severity::Error);
    }

    #[test]
    fn unknown_keys_and_rule_ids_are_located() {
        let err = parse("sets:\n  - pattern: \"a/{lang}.md\"\n    referense: en\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("factdiff.yaml:3:5: "), "{err}");
        assert!(err.contains("unknown field `referense`"), "{err}");
        let err = parse("reference: en\nsets:\n  - pattern: \"a/{lang}.md\"\nseverity:\n  precision-los: error\n")
            .and_then(|config| config.policy())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("factdiff.yaml:5:3: unknown rule id 'precision-los'"),
            "{err}"
        );
    }

    #[test]
    fn a_pattern_needs_lang_and_a_set_a_reference() {
        let err = parse("sets:\n  - pattern: \"content/**/*.md\"\n    reference: en\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("factdiff.yaml:2:15: pattern `content/**/*.md`"),
            "{err}"
        );
        assert!(err.contains("{lang}"), "{err}");
        let err = parse("sets:\n  - pattern: \"{lang}/*.md\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("names no reference language"), "{err}");
    }

    #[test]
    fn formats_come_from_extensions_and_sets() {
        let config = parse("reference: en\nformats: {\".mdown\": markdown}\nsets:\n  - pattern: \"{lang}/*.txt\"\n  - pattern: \"{lang}/*.page\"\n    format: html\n").unwrap();
        assert_eq!(
            config.format_of(&config.sets[0], "en/a.mdown"),
            Format::Markdown
        );
        assert_eq!(config.format_of(&config.sets[0], "en/a.HTML"), Format::Html);
        assert_eq!(config.format_of(&config.sets[0], "en/a.txt"), Format::Text);
        assert_eq!(config.format_of(&config.sets[1], "en/a.page"), Format::Html);
    }

    #[test]
    fn the_dump_reads_back_as_the_same_configuration() {
        let config = parse(
            "reference: en\nsets:\n  - pattern: \"{lang}/*.md\"\nseverity: {rounding: \"off\"}\n",
        )
        .unwrap();
        let dump = config.dump(&config.policy().unwrap()).unwrap();
        let again = parse(&dump).unwrap();
        assert_eq!(again.dump(&again.policy().unwrap()).unwrap(), dump);
        assert_eq!(again.overrides.severity["rounding"], Severity::Off);
    }

    #[test]
    fn the_default_language_is_the_reference_and_dumps_back() {
        let config = parse(
            "sets:\n  - pattern: \"pages.{lang}/**/*.md\"\n    default: {en: \"pages/**/*.md\"}\n",
        )
        .unwrap();
        let default = config.sets[0].default.as_ref().unwrap();
        assert_eq!(
            (default.lang.as_str(), default.pattern.as_str()),
            ("en", "pages/**/*.md")
        );
        assert_eq!(config.sets[0].reference, "en");
        let dump = config.dump(&config.policy().unwrap()).unwrap();
        let again = parse(&dump).unwrap();
        assert_eq!(again.dump(&again.policy().unwrap()).unwrap(), dump);
    }

    #[test]
    fn discovery_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "sets: []\n").unwrap();
        assert_eq!(
            discover(&deep).unwrap(),
            PathBuf::from("../../factdiff.yaml")
        );
        assert_eq!(
            discover(dir.path()).unwrap(),
            PathBuf::from("factdiff.yaml")
        );
    }
}
