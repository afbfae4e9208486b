//! Fact sheets: one YAML file per document set listing the facts of every version, aligned with
//! the reference, for a user's own snapshot tests (`factdiff snapshot [--check]`).
//!
//! A sheet names no line numbers, so editing another paragraph leaves it unchanged; a figure edited
//! in one language changes its row. Rows follow the reference's facts; a fact only a translation
//! has gets its own row after the row its neighbour is aligned with. `--check` renders the sheets,
//! compares them with the folder and returns a unified diff (`similar`) per sheet that changed,
//! appeared or disappeared.

use crate::error::{Error, Result};
use crate::fact::{Fact, Qualifier};
use crate::lint::{Judged, SetResult};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The first words of every sheet: how stale sheets are told from other files.
const HEADER: &str = "# factdiff fact sheet";

/// One rendered sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// Relative to the snapshot folder, `/`-separated: `content/{lang}/guide/install.md.yaml`.
    pub path: String,
    pub text: String,
}

/// A sheet that differs from the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    pub path: String,
    /// A unified diff from what the folder holds to what the documents say now.
    pub diff: String,
}

/// What writing the sheets did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// The sheet of a checked set.
pub fn sheet(set: &SetResult) -> Sheet {
    Sheet {
        path: format!("{}.yaml", set.key),
        text: render(set),
    }
}

/// Compares the sheets with the folder `dir`.
pub fn check(dir: &Path, sheets: &[Sheet]) -> Result<Vec<Drift>> {
    let mut drifts = Vec::new();
    for sheet in sheets {
        let old = read_if_any(&dir.join(&sheet.path))?.unwrap_or_default();
        if old != sheet.text {
            drifts.push(drift(dir, &sheet.path, &old, &sheet.text));
        }
    }
    for stale in stale(dir, sheets)? {
        let old = read_if_any(&dir.join(&stale))?.unwrap_or_default();
        drifts.push(drift(dir, &stale, &old, ""));
    }
    Ok(drifts)
}

/// Writes the sheets into `dir`, and removes the sheets of sets that are gone.
pub fn write(dir: &Path, sheets: &[Sheet]) -> Result<Written> {
    let mut written = Written::default();
    for sheet in sheets {
        let path = dir.join(&sheet.path);
        if read_if_any(&path)?.as_deref() == Some(sheet.text.as_str()) {
            written.unchanged += 1;
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| io_error(parent, source))?;
        }
        std::fs::write(&path, &sheet.text).map_err(|source| io_error(&path, source))?;
        written.written += 1;
    }
    for stale in stale(dir, sheets)? {
        let path = dir.join(stale);
        std::fs::remove_file(&path).map_err(|source| io_error(&path, source))?;
        written.removed += 1;
    }
    Ok(written)
}

fn drift(dir: &Path, path: &str, old: &str, new: &str) -> Drift {
    let shown = dir.join(path).display().to_string();
    let diff = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string();
    Drift { path: shown, diff }
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.into(),
        source,
    }
}

fn read_if_any(path: &Path) -> Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(io_error(path, source)),
    }
}

/// Sheets in `dir` that no set produces any more.
fn stale(dir: &Path, sheets: &[Sheet]) -> Result<Vec<String>> {
    let current: std::collections::BTreeSet<&str> =
        sheets.iter().map(|s| s.path.as_str()).collect();
    let mut found = Vec::new();
    if !dir.is_dir() {
        return Ok(found);
    }
    for entry in ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .build()
    {
        let entry = entry.map_err(|e| Error::Input {
            path: dir.into(),
            message: format!("cannot walk: {e}"),
        })?;
        let path = entry.path();
        let Some(rel) = relative(dir, path) else {
            continue;
        };
        if !rel.ends_with(".yaml") || current.contains(rel.as_str()) {
            continue;
        }
        if read_if_any(path)?.is_some_and(|t| t.starts_with(HEADER)) {
            found.push(rel);
        }
    }
    found.sort();
    Ok(found)
}

fn relative(dir: &Path, path: &Path) -> Option<String> {
    let rel: PathBuf = path.strip_prefix(dir).ok()?.into();
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    parts.map(|p| p.join("/")).filter(|p| !p.is_empty())
}

/// A row: for each language, the fact (index into its version) and its status against the
/// reference (`None` for the reference itself).
type Row = BTreeMap<usize, (usize, Option<&'static str>)>;

fn render(set: &SetResult) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{HEADER}: the facts of each version of {}, aligned with the\n# reference. Written by `factdiff snapshot`; `factdiff snapshot --check` fails when it changes.",
        set.key
    );
    let _ = writeln!(text, "set: {}", quoted(&set.key));
    let _ = writeln!(text, "reference: {}", quoted(&set.reference));
    let _ = writeln!(text, "versions:");
    for (lang, analysis) in set.langs.iter().zip(&set.analyses) {
        let path = analysis.document.path.display().to_string();
        let _ = writeln!(text, "  {}: {}", quoted(lang), quoted(&path));
    }
    let rows = rows(set);
    if rows.is_empty() {
        let _ = writeln!(text, "facts: []");
        return text;
    }
    let _ = writeln!(text, "facts:");
    for row in rows {
        write_row(&mut text, set, &row);
    }
    text
}

fn write_row(text: &mut String, set: &SetResult, row: &Row) {
    let cross = set.pairs.iter().filter(|p| p.left == 0 && p.right != 0);
    let versions = std::iter::once(0).chain(cross.map(|p| p.right));
    let mut first = true;
    for version in versions {
        let cell = match row.get(&version) {
            Some(&(fact, status)) => cell(&set.analyses[version].facts[fact], status),
            None if row.contains_key(&0) => "missing".to_string(),
            None => continue,
        };
        let lead = if first { "  - " } else { "    " };
        first = false;
        let _ = writeln!(text, "{lead}{}: {cell}", quoted(&set.langs[version]));
    }
}

fn cell(fact: &Fact, status: Option<&str>) -> String {
    let mut fields = vec![
        format!("text: {}", quoted(&fact.text)),
        format!("kind: {}", fact.kind),
        format!("value: {}", quoted(&fact.value.to_string())),
    ];
    if fact.qualifier != Qualifier::Exact {
        fields.push(format!("qualifier: {}", fact.qualifier));
    }
    if let Some(unit) = &fact.unit {
        fields.push(format!("unit: {}", quoted(&unit.id)));
    }
    if let Some(status) = status {
        fields.push(format!("status: {status}"));
    }
    format!("{{{}}}", fields.join(", "))
}

/// A YAML double-quoted scalar (JSON string syntax is a subset of it).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialize")
}

/// The rows of a set: one per reference fact, with each version's aligned fact; a fact only a
/// version has goes after the row of the nearest earlier fact of that version that is aligned.
fn rows(set: &SetResult) -> Vec<Row> {
    let reference = set.analyses.first().map_or(0, |a| a.facts.len());
    let mut rows: Vec<Row> = (0..reference)
        .map(|i| Row::from([(0, (i, None))]))
        .collect();
    let mut extra: BTreeMap<Option<usize>, Vec<Row>> = BTreeMap::new();
    for pair in set.pairs.iter().filter(|p| p.left == 0 && p.right != 0) {
        for (after, row) in place(pair, &mut rows) {
            extra.entry(after).or_default().push(row);
        }
    }
    let mut ordered = extra.remove(&None).unwrap_or_default();
    for (i, row) in rows.into_iter().enumerate() {
        ordered.push(row);
        ordered.extend(extra.remove(&Some(i)).unwrap_or_default());
    }
    ordered
}

/// Puts a version's aligned facts into the reference rows; returns its unaligned facts as rows,
/// each with the reference row it follows.
fn place(pair: &Judged, rows: &mut [Row]) -> Vec<(Option<usize>, Row)> {
    let mut aligned: BTreeMap<usize, usize> = BTreeMap::new();
    let mut alone = Vec::new();
    for finding in &pair.all.findings {
        let status = Some(finding.status.as_str());
        match (finding.left, finding.right) {
            (Some(i), Some(j)) => {
                rows[i].insert(pair.right, (j, status));
                aligned.insert(j, i);
            }
            (None, Some(j)) => alone.push((j, status)),
            _ => {}
        }
    }
    alone.sort();
    alone
        .into_iter()
        .map(|(j, status)| {
            let after = aligned.range(..j).next_back().map(|(_, &i)| i);
            (after, Row::from([(pair.right, (j, status))]))
        })
        .collect()
}
