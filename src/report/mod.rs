//! Reports: one file per output format, each writing to any `io::Write`. Reports only format what
//! earlier stages found; they never extract, compare, or decide the exit code.
//!
//! `check` writes [`diff`] (text), [`json`] or [`html`] (a side-by-side page for editors); `lint`
//! writes those three over every document set, or [`sarif`] (code scanning), [`github`] (workflow
//! annotations) or [`markdown`] (a pull-request comment). [`text`] is the `extract` table.

pub mod diff;
pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::analysis::Analysis;
use crate::compare::{Comparison, Finding};
use crate::fact::Fact;
use crate::lint::{SetResult, State, Totals};
use crate::policy::{Policy, Severity, Status};
use std::io::{self, Write};
use std::ops::Range;

/// Output formats of `factdiff extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Output formats of `factdiff check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// The diff-style report.
    Text,
    /// The JSON contract (docs/json-format.md).
    Json,
    /// One self-contained page showing the versions side by side, for editors.
    Html,
}

/// Output formats of `factdiff lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    /// The diff-style report of each set with findings, then the totals.
    Text,
    /// The JSON contract (docs/json-format.md).
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands: one annotation per finding.
    Github,
    /// A Markdown summary table for a pull-request comment.
    Markdown,
    /// One self-contained page: the versions of each set side by side, for editors.
    Html,
}

/// A `factdiff lint` report, written set by set as the run hands the sets over in order, then the
/// totals. Text, JSON, SARIF and GitHub write each set at once; Markdown and HTML put the totals
/// first, so they keep what they need of each set until the end (Markdown its first rows, HTML
/// the counts of each set, the sections going to a temporary file).
pub trait LintReport {
    fn set(&mut self, out: &mut dyn Write, set: &SetResult) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()>;
}

/// The report of `format`.
pub fn lint_report<'a>(
    format: LintFormat,
    policy: &'a Policy,
) -> io::Result<Box<dyn LintReport + 'a>> {
    Ok(match format {
        LintFormat::Text => Box::new(diff::LintText),
        LintFormat::Json => Box::new(json::LintJson::default()),
        LintFormat::Sarif => Box::new(sarif::LintSarif::new(policy)),
        LintFormat::Github => Box::new(github::LintGithub),
        LintFormat::Markdown => Box::new(markdown::LintMarkdown::default()),
        LintFormat::Html => Box::new(html::LintHtml::new(policy)?),
    })
}

/// What a report shows of a span of a file: the text it was read from (a marked-up file's prose,
/// so no markup shows) and the span there.
pub fn readable(analysis: &Analysis, span: Range<usize>) -> (&str, Range<usize>) {
    match &analysis.prose {
        Some(prose) => (prose.text.as_str(), prose.span_from_file(span)),
        None => (analysis.document.text.as_str(), span),
    }
}

/// One compared pair of versions, as reports receive it.
#[derive(Clone, Copy)]
pub struct Pair<'a> {
    pub left: &'a Analysis,
    pub right: &'a Analysis,
    pub comparison: &'a Comparison,
}

/// A place in a document that a finding points at: a fact, or the text of a translation unit.
#[derive(Clone)]
pub struct Spot<'a> {
    pub analysis: &'a Analysis,
    /// Byte span in the file.
    pub span: Range<usize>,
    /// The text there, as the file writes it.
    pub text: &'a str,
}

impl<'a> Spot<'a> {
    pub fn of_fact(analysis: &'a Analysis, fact: &'a Fact) -> Spot<'a> {
        Spot {
            analysis,
            span: fact.start..fact.end,
            text: &fact.text,
        }
    }

    /// The text of unit `index` of the document.
    pub fn of_unit(analysis: &'a Analysis, index: usize) -> Option<Spot<'a>> {
        let unit = analysis.units.as_ref()?.get(index)?;
        Some(Spot {
            analysis,
            span: unit.span.clone(),
            text: &analysis.document.text[unit.span.clone()],
        })
    }

    /// Line and column of its start.
    pub fn start(&self) -> (usize, usize) {
        self.analysis.document.line_column(self.span.start)
    }

    /// The document's path with `/` separators.
    pub fn path(&self) -> String {
        self.analysis
            .document
            .path
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// Line and column just after it.
    pub fn end(&self) -> (usize, usize) {
        self.analysis.document.line_column(self.span.end)
    }

    /// `path:line:col`
    pub fn location(&self) -> String {
        let (line, column) = self.start();
        format!("{}:{line}:{column}", self.path())
    }
}

/// A finding as the lint annotations list it: shown at the fact of the compared version (the
/// reference's when the version lacks it), next to the fact it was compared with.
pub struct Listed<'a> {
    pub set: &'a SetResult,
    pub finding: &'a Finding,
    pub at: Spot<'a>,
    pub other: Option<Spot<'a>>,
    pub state: State,
    pub fingerprint: &'a str,
}

impl Listed<'_> {
    /// The message, with where the compared fact stands.
    pub fn message(&self) -> String {
        match &self.other {
            Some(other) => format!("{} ({})", self.finding.message, other.location()),
            None => self.finding.message.clone(),
        }
    }
}

/// Every finding of a set worth an annotation, in run order, whatever its state: agreements and
/// findings of severity `off` are left out.
pub fn listed(set: &SetResult) -> Vec<Listed<'_>> {
    let mut found = Vec::new();
    for pair in &set.pairs {
        let (left, right) = (&set.analyses[pair.left], &set.analyses[pair.right]);
        for (finding, state, fingerprint) in pair.rows() {
            if finding.status == Status::Agree || finding.severity == Severity::Off {
                continue;
            }
            let unit = finding.unit.as_ref();
            let l = finding
                .left
                .map(|i| Spot::of_fact(left, &left.facts[i]))
                .or_else(|| unit_spot(left, unit?.left, finding));
            let r = finding
                .right
                .map(|j| Spot::of_fact(right, &right.facts[j]))
                .or_else(|| unit_spot(right, unit?.right, finding));
            let (at, other) = match (r, l) {
                (Some(r), l) => (r, l),
                (None, Some(l)) => (l, None),
                (None, None) => continue,
            };
            found.push(Listed {
                set,
                finding,
                at,
                other,
                state: *state,
                fingerprint,
            });
        }
    }
    found
}

/// Where a finding about a whole unit (no fact on either side) points in one version.
fn unit_spot<'a>(
    analysis: &'a Analysis,
    index: Option<usize>,
    finding: &Finding,
) -> Option<Spot<'a>> {
    if finding.left.is_some() || finding.right.is_some() {
        return None;
    }
    Spot::of_unit(analysis, index?)
}

/// Where a reader of a lint report finds the sets that were not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UncheckedList {
    /// Printed only on request (`--list-unchecked`): text, GitHub and Markdown outputs.
    OnRequest,
    /// Always at the end of the page: the HTML page.
    AtTheEnd,
}

/// The totals of a lint run on one line: "2 errors, 3 warnings, 1 info in 4 document sets
/// (13 documents); 1 suppressed, 0 baselined", then how many sets were not checked and where
/// they are listed (counted here, not listed: a repository can have thousands).
pub fn lint_summary(t: &Totals, list: UncheckedList) -> String {
    let mut line = format!(
        "{} errors, {} warnings, {} info in {} document sets ({} documents); {} suppressed, {} baselined",
        t.findings.errors, t.findings.warnings, t.findings.infos, t.sets, t.documents, t.suppressed, t.baselined
    );
    let (one, many) = match list {
        UncheckedList::OnRequest => ("--list-unchecked shows it", "--list-unchecked shows them"),
        UncheckedList::AtTheEnd => (
            "listed at the end of this page",
            "listed at the end of this page",
        ),
    };
    match t.orphans.len() {
        0 => {}
        1 => line.push_str(&format!(
            "; 1 set has no version in the reference language: {one}"
        )),
        n => line.push_str(&format!(
            "; {} sets have no version in the reference language: {many}",
            grouped(n)
        )),
    }
    line
}

/// A count with its thousands grouped for people: 3958 → "3,958".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_grouped_by_thousands() {
        let shown: Vec<String> = [0, 999, 1000, 3958, 1234567]
            .into_iter()
            .map(super::grouped)
            .collect();
        assert_eq!(shown, ["0", "999", "1,000", "3,958", "1,234,567"]);
    }
}
