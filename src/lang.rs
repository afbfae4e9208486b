//! Which language a document is in, and how that was decided.
//!
//! Order of precedence: `--lang`, then what the document declares (`<html lang>`), then the path
//! (a lint set's `{lang}`), then a file name of the form `name.<lang>.<ext>`, then detection
//! from the text: the dominant script narrows the candidates to the packs written in it, and the
//! share of each candidate's frequent words (`detect.words` in its pack) decides among them.

use crate::error::{Error, Result};
use crate::rules::{LangPack, RuleSet};
use crate::source::Document;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How the language of a document was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LangSource {
    Flag,
    Metadata,
    Filename,
    Detected,
}

impl LangSource {
    pub fn as_str(self) -> &'static str {
        match self {
            LangSource::Flag => "flag",
            LangSource::Metadata => "metadata",
            LangSource::Filename => "filename",
            LangSource::Detected => "detected",
        }
    }
}

/// The language of one document and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: String,
    pub source: LangSource,
    /// A short human explanation: "Cyrillic script; 12% frequent Russian words".
    pub reason: String,
}

/// What may name a document's language besides its text, strongest first.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    /// The user's `--lang`.
    pub flag: Option<&'a str>,
    /// What the document declares (`<html lang="fr-FR">`); used when a pack has its primary
    /// subtag, ignored otherwise.
    pub metadata: Option<&'a str>,
    /// What the path names: the `{lang}` of a lint set pattern.
    pub path: Option<&'a str>,
}

/// Decides the language of `doc`: the flag, then what the document declares, then the path, then
/// the file name, then detection.
pub fn resolve_with(doc: &Document, hints: &Hints<'_>, rules: &RuleSet) -> Result<Language> {
    let flag = hints.flag;
    let known = |code: &str| -> Result<String> {
        match rules.pack_for_tag(code) {
            Some(pack) => Ok(pack.code.clone()),
            None => Err(Error::NoPack {
                path: doc.path.clone(),
                lang: code.to_string(),
                known: rules.codes().join(", "),
            }),
        }
    };
    if let Some(code) = flag {
        return Ok(Language {
            code: known(code)?,
            source: LangSource::Flag,
            reason: "given with --lang".to_string(),
        });
    }
    if let Some((declared, code)) = hints
        .metadata
        .and_then(|m| primary_subtag(m, rules).map(|c| (m, c)))
    {
        return Ok(Language {
            code,
            source: LangSource::Metadata,
            reason: format!("declared by the document (lang=\"{declared}\")"),
        });
    }
    if let Some(code) = hints.path {
        return Ok(Language {
            code: known(code)?,
            source: LangSource::Filename,
            reason: "named in the path".to_string(),
        });
    }
    if let Some(code) = code_in_file_name(&doc.file_name(), rules) {
        return Ok(Language {
            code,
            source: LangSource::Filename,
            reason: "named in the file name".to_string(),
        });
    }
    detect(doc, rules)
}

/// `fr-FR` → `fr`, when `fr` is a known pack.
fn primary_subtag(tag: &str, rules: &RuleSet) -> Option<String> {
    rules.pack_for_tag(tag).map(|pack| pack.code.clone())
}

/// `story.ru.txt` → `ru`, when `ru` is a known pack.
fn code_in_file_name(name: &str, rules: &RuleSet) -> Option<String> {
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() < 3 {
        return None;
    }
    let code = parts[parts.len() - 2].to_lowercase();
    rules.pack(&code).map(|_| code)
}

fn detect(doc: &Document, rules: &RuleSet) -> Result<Language> {
    let unknown = |reason: String| Error::UnknownLanguage {
        path: doc.path.clone(),
        reason,
    };
    let script = dominant_script(&doc.text).ok_or_else(|| unknown("no letters".into()))?;
    let candidates: Vec<_> = rules
        .packs
        .values()
        .filter(|p| p.detect.scripts.iter().any(|s| s == script))
        .collect();
    let (hits, words) = frequent_word_hits(&doc.text, &candidates);
    let mut scored: Vec<(usize, &str, &str)> = candidates
        .iter()
        .zip(hits)
        .map(|(p, hits)| (hits, p.code.as_str(), p.name.as_str()))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    match scored.as_slice() {
        [] => Err(unknown(format!("{script} script, and no language pack is written in it"))),
        [(hits, code, name)] => Ok(detected(code, format!("{script} script, the only {name} pack for it ({hits} frequent words)"))),
        [(best, code, name), (second, _, _), ..] if best > second => Ok(detected(
            code,
            format!("{script} script; {best} of {words} words are frequent {name} words (next best {second})"),
        )),
        _ => Err(unknown(format!(
            "{script} script, but the frequent words of {} do not tell them apart",
            scored.iter().map(|s| s.1).collect::<Vec<_>>().join(", ")
        ))),
    }
}

fn detected(code: &str, reason: String) -> Language {
    Language {
        code: code.to_string(),
        source: LangSource::Detected,
        reason,
    }
}

/// How many words of the text each candidate pack lists as frequent, and how many words the
/// text has. One pass, one word at a time: a large file is never copied word by word.
fn frequent_word_hits(text: &str, candidates: &[&LangPack]) -> (Vec<usize>, usize) {
    let frequent: Vec<BTreeSet<String>> = candidates
        .iter()
        .map(|p| p.detect.words.iter().map(|w| w.to_lowercase()).collect())
        .collect();
    let mut hits = vec![0; candidates.len()];
    let mut words = 0;
    let mut lower = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
    {
        words += 1;
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        for (count, set) in hits.iter_mut().zip(&frequent) {
            *count += usize::from(set.contains(lower.as_str()));
        }
    }
    (hits, words)
}

/// The script most letters of the text are written in.
fn dominant_script(text: &str) -> Option<&'static str> {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        *counts.entry(script_of(c)).or_default() += 1;
    }
    // Japanese writes most content words in Han; any real share of kana marks it as Japanese.
    let han = counts.get("Han").copied().unwrap_or(0);
    let kana = counts.get("Kana").copied().unwrap_or(0);
    if kana > 0 && kana * 10 >= han {
        counts.insert("Kana", han + kana);
    }
    counts
        .into_iter()
        .filter(|(s, _)| *s != "Other")
        .max_by_key(|&(s, n)| (n, std::cmp::Reverse(s)))
        .map(|(s, _)| s)
}

fn script_of(c: char) -> &'static str {
    match c as u32 {
        0x41..=0x5a | 0x61..=0x7a | 0xc0..=0x24f | 0x1e00..=0x1eff => "Latin",
        0x370..=0x3ff => "Greek",
        0x400..=0x52f => "Cyrillic",
        0x590..=0x5ff => "Hebrew",
        0x600..=0x6ff | 0x750..=0x77f | 0x8a0..=0x8ff | 0xfb50..=0xfdff | 0xfe70..=0xfeff => {
            "Arabic"
        }
        0x900..=0x97f => "Devanagari",
        0xe00..=0xe7f => "Thai",
        0x3040..=0x30ff => "Kana",
        0x4e00..=0x9fff | 0x3400..=0x4dbf => "Han",
        0xac00..=0xd7af => "Hangul",
        _ => "Other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_names_the_language() {
        let rules = RuleSet::embedded().unwrap();
        assert_eq!(
            code_in_file_name("story.ru.txt", &rules).as_deref(),
            Some("ru")
        );
        assert_eq!(code_in_file_name("story.txt", &rules), None);
        assert_eq!(code_in_file_name("story.xx.txt", &rules), None);
    }

    #[test]
    fn scripts_are_told_apart() {
        assert_eq!(dominant_script("Привет, мир 2025"), Some("Cyrillic"));
        assert_eq!(dominant_script("في عام ٢٠٢٣"), Some("Arabic"));
        assert_eq!(dominant_script("Đại hội lần thứ XIV"), Some("Latin"));
        assert_eq!(dominant_script("123 456"), None);
        // Japanese news writes more Han than kana; the kana still mark it as Japanese.
        assert_eq!(
            dominant_script("政府は経済対策を閣議決定した"),
            Some("Kana")
        );
        assert_eq!(dominant_script("政府决定实施经济刺激计划"), Some("Han"));
    }
}
