//! Walking a repository: which files are versions of one document.
//!
//! A set pattern is a glob with a `{lang}` placeholder (`content/{lang}/**/*.md`,
//! `docs/**/*.{lang}.md`, `articles/{name}.{lang}.html`); the files it matches that differ only in
//! the language part form one document set, named by the path with `{lang}` left in
//! (`content/{lang}/guide/install.md`). Files are walked with the `ignore` crate, so `.gitignore`,
//! `.ignore` and hidden files are respected; `exclude` globs (globset) drop more. Sets, and the
//! versions in each, come out sorted, so every run sees the same order.

use crate::config::{Config, SetSpec};
use crate::error::{Error, Result};
use crate::source::Format;
use regex::Regex;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What `{lang}` matches: a lowercase language code, with a region or script subtag if any
/// (`pt-BR`, `zh_Hant`). The code is lowercase so that in `messages_pt_BR` the wildcard before
/// `_{lang}` leaves `pt_BR`, not `BR`, to the language.
const LANG: &str = r"(?P<lang>[a-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)";

/// A compiled set pattern.
#[derive(Debug, Clone)]
pub struct SetPattern {
    text: String,
    regex: Regex,
    /// The pattern cut at its wildcards: what a set name is rebuilt from.
    pieces: Vec<Piece>,
}

/// A part of a pattern: written text, a wildcard (whose match the set name keeps), or `{lang}`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Wildcard,
    Lang,
}

impl SetPattern {
    /// Compiles a pattern with one `{lang}`; the error says what is wrong with it.
    pub fn compile(pattern: &str) -> std::result::Result<SetPattern, String> {
        match pattern.matches("{lang}").count() {
            1 => {}
            0 => return Err("has no {lang} placeholder (content/{lang}/**/*.md)".into()),
            _ => return Err("has {lang} more than once".into()),
        }
        SetPattern::compile_any(pattern)
    }

    /// Compiles the pattern of the default language's versions of the set `languages`
    /// describes: no `{lang}`, and the same wildcards in the same order, since a default version
    /// and a translation are one document when their wildcards match the same text
    /// (`content/**/*.md` and `content.{lang}/**/*.md`).
    pub fn compile_default(
        pattern: &str,
        languages: &SetPattern,
    ) -> std::result::Result<SetPattern, String> {
        if pattern.contains("{lang}") {
            return Err("is the default language's pattern: it has no {lang}".into());
        }
        let compiled = SetPattern::compile_any(pattern)?;
        let wildcards = |p: &SetPattern| p.pieces.iter().filter(|p| **p == Piece::Wildcard).count();
        if wildcards(&compiled) != wildcards(languages) {
            return Err(format!(
                "needs the wildcards of `{}` in the same order ({} of them), to pair its files with their translations",
                languages.text,
                wildcards(languages)
            ));
        }
        Ok(compiled)
    }

    fn compile_any(pattern: &str) -> std::result::Result<SetPattern, String> {
        if pattern.starts_with('/') || pattern.split('/').any(|c| c == "..") {
            return Err("must be relative to the folder of factdiff.yaml, without `..`".into());
        }
        let (regex, pieces) = glob_to_regex(pattern)?;
        let regex = Regex::new(&regex).map_err(|e| e.to_string())?;
        Ok(SetPattern {
            text: pattern.to_string(),
            regex,
            pieces,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The language and the set name of a path (relative, `/`-separated), when it matches.
    pub fn matches(&self, path: &str) -> Option<(String, String)> {
        let lang = self.regex.captures(path)?.name("lang")?;
        let key = format!("{}{{lang}}{}", &path[..lang.start()], &path[lang.end()..]);
        Some((lang.as_str().to_string(), key))
    }

    /// The set name of a default-language path: `named`'s pattern with the text this pattern's
    /// wildcards matched put in its wildcards, `{lang}` left in.
    pub fn key_in(&self, named: &SetPattern, path: &str) -> Option<String> {
        let captures = self.regex.captures(path)?;
        let mut matched = captures.iter().skip(1).flatten().map(|m| m.as_str());
        let mut key = String::new();
        for piece in &named.pieces {
            match piece {
                Piece::Literal(text) => key.push_str(text),
                Piece::Lang => key.push_str("{lang}"),
                Piece::Wildcard => key.push_str(matched.next()?),
            }
        }
        Some(key)
    }
}

/// A glob as `exclude` uses it: `*` stays inside one folder, `**` crosses folders.
pub fn glob(pattern: &str) -> std::result::Result<globset::Glob, String> {
    globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| e.kind().to_string())
}

/// Translates a set pattern into an anchored regex: `**/` any folders, `*` and `?` within one
/// folder, `[...]` a class, `{a,b}` alternatives, `{lang}` the language, any other `{name}` a part
/// of a file or folder name. Every wildcard is a capture group, in the order of the pieces.
fn glob_to_regex(pattern: &str) -> std::result::Result<(String, Vec<Piece>), String> {
    let mut re = String::from("^");
    let mut pieces: Vec<Piece> = Vec::new();
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        let (piece, len) = if let Some(r) = rest.strip_prefix("**/") {
            ("(?:[^/]*/)*".to_string(), rest.len() - r.len())
        } else if rest == "**" {
            (".*".to_string(), 2)
        } else {
            match c {
                '*' => ("[^/]*".to_string(), 1),
                '?' => ("[^/]".to_string(), 1),
                '[' => class(rest)?,
                '{' => braces(rest)?,
                _ => {
                    let literal = &rest[..c.len_utf8()];
                    re.push_str(&regex::escape(literal));
                    match pieces.last_mut() {
                        Some(Piece::Literal(text)) => text.push_str(literal),
                        _ => pieces.push(Piece::Literal(literal.to_string())),
                    }
                    rest = &rest[c.len_utf8()..];
                    continue;
                }
            }
        };
        if piece == LANG {
            re.push_str(&piece);
            pieces.push(Piece::Lang);
        } else {
            re.push_str(&format!("({piece})"));
            pieces.push(Piece::Wildcard);
        }
        rest = &rest[len..];
    }
    re.push('$');
    Ok((re, pieces))
}

fn class(rest: &str) -> std::result::Result<(String, usize), String> {
    let end = rest[1..].find(']').ok_or("`[` without `]`")? + 2;
    let inner = &rest[1..end - 1];
    let (negated, inner) = match inner.strip_prefix(['!', '^']) {
        Some(i) => ("^", i),
        None => ("", inner),
    };
    let escaped: String = inner
        .chars()
        .map(|c| match c {
            '-' => "-".to_string(),
            c => regex::escape(&c.to_string()),
        })
        .collect();
    Ok((format!("[{negated}{escaped}]"), end))
}

fn braces(rest: &str) -> std::result::Result<(String, usize), String> {
    let end = rest.find('}').ok_or("`{` without `}`")? + 1;
    let inner = &rest[1..end - 1];
    let piece = if inner == "lang" {
        LANG.to_string()
    } else if inner.contains(',') {
        let alternatives: Vec<String> = inner.split(',').map(regex::escape).collect();
        format!("(?:{})", alternatives.join("|"))
    } else if !inner.is_empty() && inner.chars().all(|c| c.is_alphanumeric() || c == '_') {
        "[^/]+".to_string()
    } else {
        return Err(format!(
            "`{{{inner}}}` is neither a placeholder nor alternatives"
        ));
    };
    Ok((piece, end))
}

/// One language version of a document.
#[derive(Debug, Clone)]
pub struct Version {
    /// The language the path names.
    pub lang: String,
    /// Where to read it.
    pub path: PathBuf,
    /// How reports name it: relative to the configuration's folder, `/`-separated.
    pub shown: String,
    pub format: Format,
}

/// The versions of one document.
#[derive(Debug, Clone)]
pub struct DocumentSet {
    /// The path with `{lang}` in place of the language: `content/{lang}/guide/install.md`.
    pub key: String,
    pub reference: String,
    /// The reference version first (when there is one), then the others by language.
    pub versions: Vec<Version>,
}

impl DocumentSet {
    /// Whether the set has a version in the reference language: a file of its own, or the
    /// source texts of its bilingual files (the gettext catalogues of a Sphinx project,
    /// `locale/fr/LC_MESSAGES/x.po`, hold the text they translate).
    pub fn has_reference(&self) -> bool {
        self.reference_has_a_file()
            || self
                .versions
                .first()
                .is_some_and(|v| v.format.is_bilingual())
    }

    /// Whether the reference version is a file of its own; else it is the source texts of the
    /// first version.
    pub fn reference_has_a_file(&self) -> bool {
        self.versions
            .first()
            .is_some_and(|v| v.lang == self.reference)
    }
}

/// Every document set of a configuration, sorted by name. `has_pack` says which languages can be
/// read when a set lists none.
pub fn document_sets(config: &Config, has_pack: &dyn Fn(&str) -> bool) -> Result<Vec<DocumentSet>> {
    let exclude = exclusions(config)?;
    let mut groups: BTreeMap<(String, usize), BTreeMap<String, Version>> = BTreeMap::new();
    for path in files(&config.root)? {
        let Some(shown) = relative(&config.root, &path) else {
            continue;
        };
        if exclude.is_match(&shown) {
            continue;
        }
        let Some((index, spec, (lang, key))) = config
            .sets
            .iter()
            .enumerate()
            .find_map(|(i, s)| version_of(s, &shown, has_pack).map(|m| (i, s, m)))
        else {
            continue;
        };
        let format = config.format_of(spec, &shown);
        let version = Version {
            lang: lang.clone(),
            path: config.path(&shown),
            shown,
            format,
        };
        let versions = groups.entry((key, index)).or_default();
        let replaces = match versions.get(&lang) {
            Some(known) => same_file_better_named(known, &version)?,
            None => true,
        };
        if replaces {
            versions.insert(lang, version);
        }
    }
    Ok(groups
        .into_iter()
        .map(|((key, index), versions)| {
            let reference = config.sets[index].reference.clone();
            let (mut first, others): (Vec<_>, Vec<_>) =
                versions.into_values().partition(|v| v.lang == reference);
            first.extend(others);
            DocumentSet {
                key,
                reference,
                versions: first,
            }
        })
        .collect())
}

/// The language and set name of a path a set claims: the first set whose pattern or default
/// pattern matches it claims it. A path with a language of the pattern is that language's version
/// (when the language is wanted); any other path the default pattern matches is the default
/// language's; else the set claims the path and reads nothing (`content/images/` is no language).
fn version_of(
    spec: &SetSpec,
    shown: &str,
    has_pack: &dyn Fn(&str) -> bool,
) -> Option<(String, String)> {
    let named = spec
        .pattern
        .matches(shown)
        .filter(|(lang, _)| wanted(spec, lang, has_pack));
    named.or_else(|| {
        let default = spec.default.as_ref()?;
        let key = default.pattern.key_in(&spec.pattern, shown)?;
        Some((default.lang.clone(), key))
    })
}

/// Two paths giving one set the same language: the same file reached twice (a symlinked folder,
/// `pages.en` → `pages`) is read once, under the path without a symlink; two files are an error.
/// Whether `found` should replace `known`.
fn same_file_better_named(known: &Version, found: &Version) -> Result<bool> {
    let (Ok(a), Ok(b)) = (known.path.canonicalize(), found.path.canonicalize()) else {
        return Ok(false);
    };
    if a != b {
        return Err(Error::Input {
            path: found.path.clone(),
            message: format!(
                "is a second {} version of the document of {}: leave one out with `exclude`",
                found.lang, known.shown
            ),
        });
    }
    let unlinked = |v: &Version| b.ends_with(&v.shown);
    Ok(unlinked(found) && !unlinked(known))
}

fn wanted(spec: &SetSpec, lang: &str, has_pack: &dyn Fn(&str) -> bool) -> bool {
    match &spec.languages {
        Some(listed) => listed.iter().any(|l| l == lang),
        None => lang == spec.reference || has_pack(lang),
    }
}

fn exclusions(config: &Config) -> Result<globset::GlobSet> {
    let mut builder = globset::GlobSetBuilder::new();
    for pattern in &config.exclude {
        builder.add(glob(pattern).map_err(|message| Error::Input {
            path: config.file.clone().into(),
            message,
        })?);
    }
    builder.build().map_err(|e| Error::Input {
        path: config.file.clone().into(),
        message: e.to_string(),
    })
}

/// The paths of the files below `root` that are not ignored, relative to it, `/`-separated and
/// sorted (those that are not UTF-8 left out: no pattern can name them).
pub fn paths(root: &Path) -> Result<Vec<String>> {
    Ok(files(root)?
        .iter()
        .filter_map(|path| relative(root, path))
        .collect())
}

/// The files below `root` that are not ignored, sorted.
fn files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let walk = ignore::WalkBuilder::new(root)
        .require_git(false)
        .follow_links(true)
        .build();
    for entry in walk {
        // A symlink back to a folder above: everything below it is walked already.
        if entry.as_ref().is_err_and(is_loop) {
            continue;
        }
        let entry = entry.map_err(|e| Error::Input {
            path: root.to_path_buf(),
            message: format!("cannot walk: {e}"),
        })?;
        if entry.file_type().is_some_and(|t| t.is_file()) {
            found.push(entry.into_path());
        }
    }
    found.sort();
    Ok(found)
}

fn is_loop(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

/// `root/a/b.md` → `a/b.md`; `None` for a path that is not UTF-8.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    parts.map(|p| p.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, path: &str) -> Option<(String, String)> {
        SetPattern::compile(pattern).unwrap().matches(path)
    }

    #[test]
    fn language_folders() {
        let p = "content/{lang}/**/*.md";
        assert_eq!(
            matches(p, "content/fr/guide/install.md"),
            Some(("fr".into(), "content/{lang}/guide/install.md".into()))
        );
        assert_eq!(
            matches(p, "content/en/index.md"),
            Some(("en".into(), "content/{lang}/index.md".into()))
        );
        assert_eq!(matches(p, "content/images/a.md"), None);
        assert_eq!(matches(p, "content/fr/a.txt"), None);
    }

    #[test]
    fn language_suffixes_and_names() {
        assert_eq!(
            matches("docs/**/*.{lang}.md", "docs/a/b/intro.pt-BR.md"),
            Some(("pt-BR".into(), "docs/a/b/intro.{lang}.md".into()))
        );
        assert_eq!(matches("docs/**/*.{lang}.md", "docs/intro.md"), None);
        assert_eq!(
            matches("**/*_{lang}.properties", "res/messages_pt_BR.properties"),
            Some(("pt_BR".into(), "res/messages_{lang}.properties".into()))
        );
        assert_eq!(
            matches("articles/{name}.{lang}.html", "articles/dien-bien.ru.html"),
            Some(("ru".into(), "articles/dien-bien.{lang}.html".into()))
        );
        assert_eq!(
            matches(
                "articles/{name}.{lang}.html",
                "articles/x/dien-bien.ru.html"
            ),
            None
        );
        assert_eq!(
            matches("{lang}/*.{md,html}", "vi/a.html"),
            Some(("vi".into(), "{lang}/a.html".into()))
        );
    }

    #[test]
    fn default_versions_take_the_name_of_their_translations() {
        let named = SetPattern::compile("content.{lang}/**/*.md").unwrap();
        let default = SetPattern::compile_default("content/**/*.md", &named).unwrap();
        assert_eq!(
            default.key_in(&named, "content/guide/install.md"),
            Some("content.{lang}/guide/install.md".into())
        );
        assert_eq!(default.key_in(&named, "content.fr/x.md"), None);
        let named = SetPattern::compile("docs/**/*.{lang}.{md,mdx}").unwrap();
        let default = SetPattern::compile_default("docs/**/*.{md,mdx}", &named).unwrap();
        assert_eq!(
            default.key_in(&named, "docs/a/b/intro.mdx"),
            Some("docs/a/b/intro.{lang}.mdx".into())
        );
        assert!(SetPattern::compile_default("docs/*.md", &named).is_err());
        assert!(SetPattern::compile_default("docs/{lang}/**/*.{md,mdx}", &named).is_err());
    }

    #[test]
    fn bad_patterns_say_why() {
        assert!(SetPattern::compile("content/**/*.md")
            .unwrap_err()
            .contains("{lang}"));
        assert!(SetPattern::compile("../{lang}/*.md").is_err());
        assert!(SetPattern::compile("{lang}/[ab.md").is_err());
        assert!(SetPattern::compile("{lang}/{a b}.md").is_err());
    }
}
