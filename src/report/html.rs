//! The HTML report for editors: one self-contained page (inline CSS and a little JavaScript, no
//! network) that shows the versions side by side, sentence by sentence as the sentence aligner
//! paired them, each fact marked by its status.
//!
//! The page opens with the counts, a legend, filters and the list of findings (errors first, each
//! linking to its sentence row); then one two-column table per compared pair; then the
//! `factdiff explain` text of every rule the findings name. Pointing at or focusing a fact
//! highlights its counterpart and shows its finding in a panel; the findings are in a JSON block
//! the script reads. For `lint`, each document set with more than agreements has a section of its
//! own, listed in a table of contents with its counts; suppressed and baselined findings are
//! counted and hidden until asked for. Every piece of text is escaped, and the page depends on
//! nothing but its input: the same bytes on every run.

use crate::analysis::Analysis;
use crate::compare::{Finding, Summary};
use crate::fact::{Fact, Kind, Qualifier};
use crate::lint::{SetResult, State, Totals};
use crate::policy::{Policy, Severity, Status};
use crate::report::{self, text::value_with_unit, Pair, Spot};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use serde_json::{json, Value as Json};
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::ops::Range;

const STYLE: &str = include_str!("html.css");
const SCRIPT: &str = include_str!("html.js");

/// The statuses in the order the page lists them, with the sign the legend and the facts carry
/// (so the page does not rely on colour alone) and what each means.
const STATUSES: [(Status, &str, &str); 4] = [
    (Status::Agree, "=", "both versions state the same value"),
    (
        Status::Compatible,
        "≈",
        "both can be true; one is less precise",
    ),
    (Status::Diverge, "≠", "they cannot both be true"),
    (Status::Missing, "∅", "the other version has no counterpart"),
];

/// `factdiff check --format html`: every pair of versions, with the findings of all of them listed
/// at the top.
pub fn write_check(out: &mut dyn Write, pairs: &[Pair<'_>], policy: &Policy) -> io::Result<()> {
    let mut page = Page::new(Vec::new());
    let shown = pairs
        .iter()
        .map(|&pair| page.add(pair, &[]))
        .collect::<io::Result<Vec<Shown>>>()?;
    let analyses = versions(pairs);
    let names: Vec<String> = analyses
        .iter()
        .map(|a| a.document.path.display().to_string())
        .collect();
    write_head(out, &format!("factdiff: {}", names.join(", ")))?;
    writeln!(out, "<header>\n<h1>factdiff</h1>")?;
    write_versions(out, &analyses)?;
    let mut total = Summary::default();
    pairs.iter().for_each(|p| total.add(&p.comparison.summary));
    write_counts(out, &total, None)?;
    write_legend_and_filters(out, false)?;
    writeln!(out, "</header>\n<main>")?;
    write_findings(out, &shown)?;
    for pair in &shown {
        write_pair(out, pair)?;
    }
    writeln!(out, "</main>")?;
    write_tail(out, &page.rules, &mut page.script.as_slice(), policy)
}

/// `factdiff lint --format html`: the totals and a table of contents, then one section per
/// document set with more than agreements.
///
/// The totals and the contents come first: each set's section and its findings for the script go
/// to temporary files as the sets come, and only each shown set's name and counts stay in memory.
pub struct LintHtml<'a> {
    policy: &'a Policy,
    page: Page<File>,
    sections: File,
    /// The name and counts of each set shown.
    contents: Vec<(String, String)>,
}

impl<'a> LintHtml<'a> {
    pub fn new(policy: &'a Policy) -> io::Result<LintHtml<'a>> {
        Ok(LintHtml {
            policy,
            page: Page::new(tempfile::tempfile()?),
            sections: tempfile::tempfile()?,
            contents: Vec::new(),
        })
    }
}

impl report::LintReport for LintHtml<'_> {
    fn set(&mut self, _out: &mut dyn Write, set: &SetResult) -> io::Result<()> {
        if !has_more_than_agreements(set) {
            return Ok(());
        }
        let pairs = set
            .pairs
            .iter()
            .filter(|p| p.all.findings.iter().any(|f| f.status != Status::Agree))
            .map(|p| {
                let pair = Pair {
                    left: &set.analyses[p.left],
                    right: &set.analyses[p.right],
                    comparison: &p.all,
                };
                self.page.add(pair, &p.states)
            })
            .collect::<io::Result<Vec<Shown>>>()?;
        let counts = set_counts(&pairs);
        write_set(
            &mut self.sections,
            self.contents.len(),
            set,
            &counts,
            &pairs,
        )?;
        self.contents.push((set.key.clone(), counts));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        write_head(out, "factdiff lint")?;
        writeln!(out, "<header>\n<h1>factdiff lint</h1>")?;
        writeln!(
            out,
            "<p class=\"totals\">{}</p>",
            text(&report::lint_summary(
                totals,
                report::UncheckedList::AtTheEnd
            ))
        )?;
        write_counts(
            out,
            &totals.findings,
            Some((totals.suppressed, totals.baselined)),
        )?;
        write_legend_and_filters(out, totals.suppressed + totals.baselined > 0)?;
        write_contents(out, totals.sets, &self.contents)?;
        writeln!(out, "</header>\n<main>")?;
        copy_from_start(&mut self.sections, out)?;
        write_unchecked(out, totals)?;
        writeln!(out, "</main>")?;
        let script = &mut self.page.script;
        script.seek(SeekFrom::Start(0))?;
        write_tail(out, &self.page.rules, script, self.policy)
    }
}

/// The sets with no version in the reference language, folded: the totals count them.
fn write_unchecked(out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
    let orphans = &totals.orphans;
    if orphans.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<details class=\"unchecked\"><summary>{} with no version in the reference language</summary>\n<ul>",
        match orphans.len() {
            1 => "1 set".to_string(),
            n => format!("{} sets", report::grouped(n)),
        }
    )?;
    for key in orphans {
        writeln!(out, "<li><code>{}</code></li>", text(key))?;
    }
    writeln!(out, "</ul></details>")
}

/// Copies a temporary file from its start.
fn copy_from_start(file: &mut File, out: &mut dyn Write) -> io::Result<()> {
    file.seek(SeekFrom::Start(0))?;
    io::copy(file, out)?;
    Ok(())
}

/// Whether a set has a finding other than an agreement, whatever its state.
fn has_more_than_agreements(set: &SetResult) -> bool {
    set.pairs
        .iter()
        .any(|p| p.all.findings.iter().any(|f| f.status != Status::Agree))
}

/// The documents of the pairs, each once, in the order they first appear.
fn versions<'a>(pairs: &[Pair<'a>]) -> Vec<&'a Analysis> {
    let mut seen: Vec<&Analysis> = Vec::new();
    for analysis in pairs.iter().flat_map(|p| [p.left, p.right]) {
        if !seen.iter().any(|a| std::ptr::eq(*a, analysis)) {
            seen.push(analysis);
        }
    }
    seen
}

/// What the page gathers while laying out the pairs: the findings for the script (as JSON,
/// comma-separated, into `script`), numbered across the page, and the rules they name.
struct Page<W: Write> {
    script: W,
    findings: usize,
    rules: BTreeSet<String>,
    pairs: usize,
}

impl<W: Write> Page<W> {
    fn new(script: W) -> Page<W> {
        Page {
            script,
            findings: 0,
            rules: BTreeSet::new(),
            pairs: 0,
        }
    }

    /// Lays out one pair; `states` is empty when every finding is active.
    fn add<'a>(&mut self, pair: Pair<'a>, states: &'a [State]) -> io::Result<Shown<'a>> {
        let (rows, row_of) = rows(&pair);
        let shown = Shown {
            id: self.pairs,
            first: self.findings,
            rows,
            row_of,
            pair,
            states,
        };
        self.pairs += 1;
        for (i, finding) in pair.comparison.findings.iter().enumerate() {
            self.rules.insert(finding.rule.clone());
            if self.findings > 0 {
                self.script.write_all(b",")?;
            }
            let entry = serde_json::to_string(&shown.script_entry(i, finding))?;
            self.script.write_all(script_safe(&entry).as_bytes())?;
            self.findings += 1;
        }
        Ok(shown)
    }
}

/// A pair as the page shows it: its rows, and its findings numbered from `first` on the page.
struct Shown<'a> {
    /// Its number on the page: rows are `p{id}-r{row}`.
    id: usize,
    first: usize,
    pair: Pair<'a>,
    states: &'a [State],
    rows: Vec<Row>,
    /// The row of each finding: its left fact's, else its right fact's.
    row_of: Vec<usize>,
}

/// One row of a pair's table: sentences of each side, and the facts marked in them.
struct Row {
    left: Range<usize>,
    right: Range<usize>,
    /// (fact, finding) of each side, in the order of the text.
    left_marks: Vec<(usize, usize)>,
    right_marks: Vec<(usize, usize)>,
}

/// The rows of a pair, and the row of each finding: one row per sentence bead, each fact in the
/// bead of its sentence. A document compared with itself has no beads: one row per finding, its
/// two facts' sentences side by side.
fn rows(pair: &Pair<'_>) -> (Vec<Row>, Vec<usize>) {
    let findings = &pair.comparison.findings;
    let sentence_of = |analysis: &Analysis, fact: usize| {
        let s = analysis.sentences.index_of(analysis.facts[fact].start);
        s..s + 1
    };
    if pair.comparison.sentences.is_empty() {
        let rows = findings
            .iter()
            .enumerate()
            .map(|(k, f)| Row {
                left: f.left.map_or(0..0, |i| sentence_of(pair.left, i)),
                right: f.right.map_or(0..0, |j| sentence_of(pair.right, j)),
                left_marks: f.left.map(|i| (i, k)).into_iter().collect(),
                right_marks: f.right.map(|j| (j, k)).into_iter().collect(),
            })
            .collect();
        return (rows, (0..findings.len()).collect());
    }
    let mut rows: Vec<Row> = pair
        .comparison
        .sentences
        .iter()
        .map(|bead| Row {
            left: bead.left.clone(),
            right: bead.right.clone(),
            left_marks: Vec::new(),
            right_marks: Vec::new(),
        })
        .collect();
    let row_of = |analysis: &Analysis, side: fn(&Row) -> &Range<usize>| {
        let mut of = vec![0; analysis.sentences.len()];
        for (r, row) in rows.iter().enumerate() {
            let sentences = side(row).clone();
            let len = of.len();
            sentences.filter(|&s| s < len).for_each(|s| of[s] = r);
        }
        of
    };
    let left_row = row_of(pair.left, |r| &r.left);
    let right_row = row_of(pair.right, |r| &r.right);
    let mut finding_row = Vec::with_capacity(findings.len());
    for (k, finding) in findings.iter().enumerate() {
        let row = |analysis: &Analysis, of: &[usize], fact: usize| {
            let s = analysis.sentences.index_of(analysis.facts[fact].start);
            of.get(s).copied().unwrap_or(0)
        };
        let left = finding.left.map(|i| (i, row(pair.left, &left_row, i)));
        let right = finding.right.map(|j| (j, row(pair.right, &right_row, j)));
        if let Some((i, r)) = left {
            rows[r].left_marks.push((i, k));
        }
        if let Some((j, r)) = right {
            rows[r].right_marks.push((j, k));
        }
        finding_row.push(left.or(right).map_or(0, |(_, r)| r));
    }
    for row in &mut rows {
        row.left_marks.sort_unstable();
        row.right_marks.sort_unstable();
    }
    (rows, finding_row)
}

impl Shown<'_> {
    fn state(&self, finding: usize) -> State {
        self.states.get(finding).copied().unwrap_or(State::Active)
    }

    /// A finding as the script reads it: status, severity, rule, message, state, then the left
    /// and right facts (text, normalized value, location) or null.
    fn script_entry(&self, i: usize, finding: &Finding) -> Json {
        let side = |analysis: &Analysis, fact: Option<usize>| {
            fact.map_or(Json::Null, |f| {
                let fact = &analysis.facts[f];
                json!([
                    report::text::one_line(&fact.text),
                    normalized(fact),
                    Spot::of_fact(analysis, fact).location()
                ])
            })
        };
        json!([
            finding.status.as_str(),
            finding.severity.as_str(),
            finding.rule,
            finding.message,
            state_name(self.state(i)),
            side(self.pair.left, finding.left),
            side(self.pair.right, finding.right),
        ])
    }

    /// Where the findings list points for a finding: the fact of the compared version, else the
    /// reference's (as the lint annotations do).
    fn location(&self, finding: &Finding) -> String {
        let spot = |analysis: &'_ Analysis, i: usize| {
            Spot::of_fact(analysis, &analysis.facts[i]).location()
        };
        let unit = |analysis: &'_ Analysis, i: Option<usize>| {
            i.and_then(|i| Spot::of_unit(analysis, i))
                .map(|s| s.location())
        };
        match (finding.left, finding.right, &finding.unit) {
            (_, Some(j), _) => spot(self.pair.right, j),
            (Some(i), None, _) => spot(self.pair.left, i),
            (None, None, Some(u)) => unit(self.pair.right, u.right)
                .or_else(|| unit(self.pair.left, u.left))
                .unwrap_or_default(),
            (None, None, None) => String::new(),
        }
    }

    fn is_within(&self) -> bool {
        std::ptr::eq(self.pair.left, self.pair.right)
    }
}

/// A fact's normalized value as the finding panel shows it: qualifier, value and unit, concept.
fn normalized(fact: &Fact) -> String {
    let mut shown = value_with_unit(fact);
    if fact.kind == Kind::Percent {
        shown.push_str(" %");
    }
    if fact.qualifier != Qualifier::Exact {
        shown = format!("{} {shown}", fact.qualifier.as_str());
    }
    if let Some(concept) = &fact.concept {
        shown = format!("{shown} ({concept})");
    }
    shown
}

fn sign(status: Status) -> &'static str {
    STATUSES
        .iter()
        .find(|(s, _, _)| *s == status)
        .map_or("", |(_, sign, _)| sign)
}

fn state_name(state: State) -> &'static str {
    match state {
        State::Active => "active",
        State::Suppressed => "suppressed",
        State::Baselined => "baselined",
    }
}

/// The class a finding's marks and list entry carry: its status and severity, and `accepted`
/// when it does not count.
fn classes(finding: &Finding, state: State) -> String {
    let accepted = if state == State::Active {
        ""
    } else {
        " accepted"
    };
    format!(
        "st-{} sev-{}{accepted}",
        finding.status.as_str(),
        finding.severity.as_str()
    )
}

fn write_head(out: &mut dyn Write, title: &str) -> io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"factdiff\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>",
        text(title)
    )
}

fn write_versions(out: &mut dyn Write, analyses: &[&Analysis]) -> io::Result<()> {
    writeln!(out, "<ul class=\"versions\">")?;
    for analysis in analyses {
        let lang = &analysis.language;
        writeln!(
            out,
            "<li><code>{}</code> <span class=\"lang\">{}</span> ({}: {}), {} facts</li>",
            text(&analysis.document.path.display().to_string()),
            text(&lang.code),
            lang.source.as_str(),
            text(&lang.reason),
            analysis.facts.len()
        )?;
    }
    writeln!(out, "</ul>")
}

/// Counts per status and per severity; for lint, the findings that do not count too.
fn write_counts(
    out: &mut dyn Write,
    s: &Summary,
    accepted: Option<(usize, usize)>,
) -> io::Result<()> {
    let missing = s.missing_from_left + s.missing_from_right;
    let statuses = [s.agree, s.compatible, s.diverge, missing];
    write!(out, "<ul class=\"counts\">")?;
    for ((status, sign, _), count) in STATUSES.iter().zip(statuses) {
        write!(
            out,
            "<li class=\"st-{0}\"><span class=\"sign\">{sign}</span> {count} {0}</li>",
            status.as_str()
        )?;
    }
    for (severity, count) in [
        (Severity::Error, s.errors),
        (Severity::Warning, s.warnings),
        (Severity::Info, s.infos),
    ] {
        write!(
            out,
            "<li class=\"sev-{0}\"><span class=\"badge sev-{0}\">{0}</span> {count}</li>",
            severity.as_str()
        )?;
    }
    if let Some((suppressed, baselined)) = accepted {
        write!(
            out,
            "<li class=\"accepted-count\">{suppressed} suppressed, {baselined} baselined</li>"
        )?;
    }
    writeln!(out, "</ul>")
}

fn write_legend_and_filters(out: &mut dyn Write, has_accepted: bool) -> io::Result<()> {
    write!(out, "<ul class=\"legend\" aria-label=\"legend\">")?;
    for (status, sign, meaning) in STATUSES {
        write!(
            out,
            "<li><mark class=\"fact st-{0}\">12</mark> <b>{0}</b> ({sign}): {meaning}</li>",
            status.as_str()
        )?;
    }
    writeln!(out, "</ul>")?;
    writeln!(
        out,
        "<fieldset class=\"filters\"><legend>Show</legend>\
         <label><input type=\"radio\" name=\"level\" value=\"all\" checked> everything</label> \
         <label><input type=\"radio\" name=\"level\" value=\"warning\"> warnings and errors</label> \
         <label><input type=\"radio\" name=\"level\" value=\"error\"> errors only</label>"
    )?;
    if has_accepted {
        writeln!(
            out,
            "<label><input type=\"checkbox\" id=\"show-accepted\"> suppressed and baselined findings</label>"
        )?;
    }
    writeln!(out, "</fieldset>")
}

/// The table of contents of a lint page: each set shown (name, counts), and how many more agree.
fn write_contents(out: &mut dyn Write, sets: usize, shown: &[(String, String)]) -> io::Result<()> {
    writeln!(out, "<nav class=\"contents\"><h2>Document sets</h2>\n<ol>")?;
    for (n, (key, counts)) in shown.iter().enumerate() {
        writeln!(
            out,
            "<li><a href=\"#set-{n}\"><code>{}</code></a> {counts}</li>",
            text(key),
        )?;
    }
    writeln!(out, "</ol>")?;
    let quiet = sets - shown.len();
    if quiet > 0 {
        writeln!(out, "<p>{quiet} more document sets: every fact agrees.</p>")?;
    }
    writeln!(out, "</nav>")
}

/// "1 error, 2 warnings, 0 info; 1 suppressed, 0 baselined" over the pairs of one set.
fn set_counts(pairs: &[Shown]) -> String {
    let mut active = Summary::default();
    let (mut suppressed, mut baselined) = (0, 0);
    for pair in pairs {
        let findings = &pair.pair.comparison.findings;
        let counted: Vec<Finding> = findings
            .iter()
            .enumerate()
            .filter(|&(i, _)| pair.state(i) == State::Active)
            .map(|(_, f)| f.clone())
            .collect();
        active.add(&Summary::of(&counted));
        for i in 0..findings.len() {
            match pair.state(i) {
                State::Active => {}
                State::Suppressed => suppressed += 1,
                State::Baselined => baselined += 1,
            }
        }
    }
    format!(
        "{} errors, {} warnings, {} info; {suppressed} suppressed, {baselined} baselined",
        active.errors, active.warnings, active.infos
    )
}

fn write_set(
    out: &mut dyn Write,
    n: usize,
    set: &SetResult,
    counts: &str,
    pairs: &[Shown],
) -> io::Result<()> {
    writeln!(
        out,
        "<section class=\"set\" id=\"set-{n}\">\n<h2><code>{}</code></h2>\n<p>reference {}; {counts}</p>",
        text(&set.key),
        text(&set.reference),
    )?;
    write_versions(out, &set.analyses.iter().collect::<Vec<_>>())?;
    write_findings(out, pairs)?;
    for pair in pairs {
        write_pair(out, pair)?;
    }
    writeln!(out, "</section>")
}

/// The findings other than agreements, errors first (then in the order of the pairs), each
/// linking to its row.
fn write_findings(out: &mut dyn Write, pairs: &[Shown]) -> io::Result<()> {
    let mut listed: Vec<(&Shown, usize, &Finding)> = pairs
        .iter()
        .flat_map(|p| {
            p.pair
                .comparison
                .findings
                .iter()
                .enumerate()
                .map(move |(i, f)| (p, i, f))
        })
        .filter(|(_, _, f)| f.status != Status::Agree && f.severity != Severity::Off)
        .collect();
    listed.sort_by_key(|(_, _, f)| std::cmp::Reverse(f.severity));
    if listed.is_empty() {
        return writeln!(
            out,
            "<p class=\"no-findings\">No findings: every fact agrees.</p>"
        );
    }
    writeln!(out, "<ol class=\"findings\">")?;
    for (pair, i, finding) in listed {
        let state = pair.state(i);
        let note = match state {
            State::Active => String::new(),
            other => format!(" <i>({})</i>", state_name(other)),
        };
        writeln!(
            out,
            "<li class=\"{}\"><span class=\"badge sev-{1}\">{1}</span> <span class=\"sign\">{9}</span> <a href=\"#p{2}-r{3}\" data-k=\"{4}\"><code>{5}</code></a> <a class=\"rule\" href=\"#rule-{6}\">{7}</a> {8}{note}</li>",
            classes(finding, state),
            finding.severity.as_str(),
            pair.id,
            pair.row_of[i],
            pair.first + i,
            text(&pair.location(finding)),
            attr(&finding.rule),
            text(&finding.rule),
            text(&finding.message),
            sign(finding.status),
        )?;
    }
    writeln!(out, "</ol>")
}

/// One pair: a heading with its counts, then its rows.
fn write_pair(out: &mut dyn Write, pair: &Shown) -> io::Result<()> {
    let (left, right) = (pair.pair.left, pair.pair.right);
    let heading = |a: &Analysis| {
        format!(
            "<code>{}</code> ({})",
            text(&a.document.path.display().to_string()),
            text(&a.language.code)
        )
    };
    let title = if pair.is_within() {
        format!("{} within itself", heading(left))
    } else {
        format!("{} and {}", heading(left), heading(right))
    };
    writeln!(
        out,
        "<section class=\"pair\" id=\"p{}\">\n<h3>{title}</h3>\n<table class=\"columns\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        pair.id,
        heading(left),
        heading(right)
    )?;
    for (r, row) in pair.rows.iter().enumerate() {
        let worst = row
            .left_marks
            .iter()
            .chain(&row.right_marks)
            .filter(|&&(_, k)| pair.state(k) == State::Active)
            .map(|&(_, k)| pair.pair.comparison.findings[k].severity)
            .max()
            .unwrap_or_default();
        write!(
            out,
            "<tr id=\"p{}-r{r}\" class=\"w-{}\">",
            pair.id,
            worst.as_str()
        )?;
        write_cell(out, pair, left, &row.left, &row.left_marks, 'l')?;
        write_cell(out, pair, right, &row.right, &row.right_marks, 'r')?;
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>\n</table>\n</section>")
}

/// One side of a row: its sentences with the facts marked, or an empty cell where the version has
/// no counterpart.
fn write_cell(
    out: &mut dyn Write,
    pair: &Shown,
    analysis: &Analysis,
    sentences: &Range<usize>,
    marks: &[(usize, usize)],
    side: char,
) -> io::Result<()> {
    let lang = attr(&analysis.language.code);
    let dir = analysis.direction.as_str();
    if sentences.is_empty() {
        return write!(
            out,
            "<td class=\"empty\" lang=\"{lang}\" dir=\"{dir}\"><span class=\"none\">no counterpart</span></td>"
        );
    }
    let file_span = analysis.sentences.span(sentences.start).start
        ..analysis.sentences.span(sentences.end - 1).end;
    let (reading, span) = report::readable(analysis, file_span);
    write!(out, "<td lang=\"{lang}\" dir=\"{dir}\">")?;
    let mut cursor = span.start;
    for &(fact, k) in marks {
        let fact_span = analysis.facts[fact].start..analysis.facts[fact].end;
        let (_, at) = report::readable(analysis, fact_span);
        let from = at.start.clamp(cursor, span.end);
        let to = at.end.clamp(from, span.end);
        let finding = &pair.pair.comparison.findings[k];
        write!(
            out,
            "{}<mark class=\"fact {}\" data-k=\"{}\" data-side=\"{side}\" tabindex=\"0\">{}</mark>",
            text(&line_breaks(&reading[cursor..from])),
            classes(finding, pair.state(k)),
            pair.first + k,
            text(&reading[from..to])
        )?;
        cursor = to;
    }
    write!(
        out,
        "{}</td>",
        text(&line_breaks(&reading[cursor..span.end]))
    )
}

/// A run of white space holding a line break becomes one line break: the cell shows where a
/// paragraph ends, not the blank lines of the file.
fn line_breaks(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    let mut blank = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            blank.push(c);
            continue;
        }
        shown.push_str(if blank.contains('\n') { "\n" } else { &blank });
        blank.clear();
        shown.push(c);
    }
    shown.push_str(if blank.contains('\n') { "\n" } else { &blank });
    shown
}

/// The finding panel, the rules the findings name, the findings for the script, the script.
/// `script` holds the findings for the script, comma-separated.
fn write_tail(
    out: &mut dyn Write,
    rules: &BTreeSet<String>,
    script: &mut dyn Read,
    policy: &Policy,
) -> io::Result<()> {
    writeln!(
        out,
        "<aside id=\"finding\" aria-live=\"polite\"><p class=\"hint\">Point at a fact, or focus it with Tab, to see its finding and its counterpart.</p></aside>"
    )?;
    writeln!(out, "<section id=\"rules\">\n<h2>Rules</h2>")?;
    for rule in policy.rules.iter().filter(|r| rules.contains(&r.id)) {
        writeln!(
            out,
            "<article id=\"rule-{}\"><h3>{}</h3><pre>{}</pre></article>",
            attr(&rule.id),
            text(&rule.id),
            text(&rule.explanation())
        )?;
    }
    writeln!(out, "</section>")?;
    write!(
        out,
        "<script type=\"application/json\" id=\"factdiff-findings\">["
    )?;
    io::copy(script, out)?;
    writeln!(
        out,
        "]</script>\n<script>\n{SCRIPT}</script>\n</body>\n</html>"
    )
}

/// JSON that cannot end the script element it stands in: `<`, `>` and `&` only occur inside
/// JSON strings, where their escapes mean the same.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    #[test]
    fn blank_lines_become_one_line_break() {
        assert_eq!(super::line_breaks("a\n\n  \nb  c \n"), "a\nb  c\n");
    }

    #[test]
    fn json_in_a_script_cannot_close_it() {
        let json = serde_json::to_string(&["</script><img src=x onerror=alert(1)>&amp;"]).unwrap();
        let safe = super::script_safe(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        let back: Vec<String> = serde_json::from_str(&safe).unwrap();
        assert_eq!(back[0], "</script><img src=x onerror=alert(1)>&amp;");
    }
}
