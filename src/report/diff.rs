//! The `check` text report: the two versions' fact sequences, aligned, shown as a unified diff.
//!
//! The sign column follows `similar`'s conventions (' ' equal, '-' left, '+' right): agreeing facts
//! are context lines, a compatible or diverging pair is a `-`/`+` pair under an `@@` line giving
//! the rule, severity and reason, and a fact with no counterpart is a lone `-` or `+`, followed by
//! a `~` line with the start of the sentences of the other version that correspond to its own
//! (where the fact was expected). Every fact line carries `file:line:col` and a short snippet of
//! its sentence. Colour is written always; the
//! binary's stdout strips it when it is not a terminal or NO_COLOR is set.

use crate::analysis::Analysis;
use crate::compare::{Finding, Summary, UnitRef};
use crate::fact::Fact;
use crate::lint::{SetResult, Totals};
use crate::policy::{Severity, Status};
use crate::report::{self, Pair};
use crate::sentalign::Counterparts;
use anstyle::{AnsiColor, Style};
use similar::ChangeTag;
use std::io::{self, Write};
use std::ops::Range;

/// How many characters of the sentence a snippet shows, the fact included.
const SNIPPET_CHARS: usize = 50;

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const HUNK: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));

fn tag_style(tag: ChangeTag) -> Style {
    match tag {
        ChangeTag::Equal => Style::new(),
        ChangeTag::Delete => Style::new().fg_color(Some(AnsiColor::Red.into())),
        ChangeTag::Insert => Style::new().fg_color(Some(AnsiColor::Green.into())),
    }
}

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => Style::new().bold().fg_color(Some(AnsiColor::Red.into())),
        Severity::Warning => Style::new().fg_color(Some(AnsiColor::Yellow.into())),
        Severity::Info => Style::new().fg_color(Some(AnsiColor::Blue.into())),
        Severity::Off => DIM,
    }
}

/// `factdiff check`: one diff per pair of versions, then a total line when there are several.
pub fn write_check(out: &mut dyn Write, pairs: &[Pair<'_>]) -> io::Result<()> {
    for (i, pair) in pairs.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write_pair(out, pair)?;
    }
    if pairs.len() > 1 {
        let mut total = Summary::default();
        pairs.iter().for_each(|p| total.add(&p.comparison.summary));
        write!(out, "\n{BOLD}total{BOLD:#}: ")?;
        write_summary(out, &total)?;
    }
    Ok(())
}

/// `factdiff lint`: the diff of every pair that has more than agreements, under the name of its
/// set, then the totals of the run (suppressed and baselined findings counted, not shown).
pub struct LintText;

impl report::LintReport for LintText {
    fn set(&mut self, out: &mut dyn Write, set: &SetResult) -> io::Result<()> {
        if !set.has_findings() {
            return Ok(());
        }
        writeln!(
            out,
            "{BOLD}== {} (reference {}){BOLD:#}",
            set.key, set.reference
        )?;
        let pairs: Vec<Pair> = set
            .report_pairs()
            .into_iter()
            .filter(|p| {
                p.comparison
                    .findings
                    .iter()
                    .any(|f| f.status != Status::Agree)
            })
            .collect();
        write_check(out, &pairs)?;
        writeln!(out)
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        write!(out, "{BOLD}lint{BOLD:#}: ")?;
        write_summary(out, &totals.findings)?;
        writeln!(
            out,
            "{}",
            report::lint_summary(totals, report::UncheckedList::OnRequest)
        )
    }
}

/// `factdiff lint --list-unchecked` (text and GitHub outputs): the sets with no version in the
/// reference language, one a line, after the totals.
pub fn write_unchecked(out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
    for key in &totals.orphans {
        writeln!(out, "not checked (no reference version): {key}")?;
    }
    Ok(())
}

fn write_pair(out: &mut dyn Write, pair: &Pair<'_>) -> io::Result<()> {
    for (tag, analysis) in [
        (ChangeTag::Delete, pair.left),
        (ChangeTag::Insert, pair.right),
    ] {
        let style = tag_style(tag).bold();
        let sign = tag.to_string().repeat(3);
        writeln!(
            out,
            "{style}{sign} {} ({}){style:#}  {} facts",
            analysis.document.path.display(),
            analysis.language.code,
            analysis.facts.len()
        )?;
    }
    let counterparts = Counterparts::new(
        &pair.comparison.sentences,
        pair.left.sentences.len(),
        pair.right.sentences.len(),
    );
    for finding in &pair.comparison.findings {
        write_finding(out, pair, finding, &counterparts)?;
    }
    write_summary(out, &pair.comparison.summary)
}

fn write_finding(
    out: &mut dyn Write,
    pair: &Pair<'_>,
    finding: &Finding,
    counterparts: &Counterparts,
) -> io::Result<()> {
    let left = finding.left.map(|i| (pair.left, &pair.left.facts[i]));
    let right = finding.right.map(|j| (pair.right, &pair.right.facts[j]));
    if let (Status::Agree, Some((la, lf)), Some((ra, rf))) = (finding.status, left, right) {
        write_fact_line(out, ChangeTag::Equal, la, lf)?;
        return writeln!(out, "  {DIM}= {}{DIM:#}", location(ra, rf));
    }
    let severity = severity_style(finding.severity);
    let unit = match &finding.unit {
        Some(unit) if finding.left.is_some() || finding.right.is_some() => {
            format!(" (unit \"{}\")", one_line(&unit.id))
        }
        _ => String::new(),
    };
    writeln!(
        out,
        "{HUNK}@@{HUNK:#} {severity}{} {}{severity:#} {}: {}{unit} {HUNK}@@{HUNK:#}",
        finding.rule,
        finding.severity,
        finding.status.as_str(),
        finding.message
    )?;
    if let (None, None, Some(unit)) = (left, right, &finding.unit) {
        return write_unit_texts(out, pair, unit);
    }
    for (tag, side) in [(ChangeTag::Delete, left), (ChangeTag::Insert, right)] {
        if let Some((analysis, fact)) = side {
            write_fact_line(out, tag, analysis, fact)?;
            writeln!(out)?;
        }
    }
    match (left, right) {
        (Some((analysis, fact)), None) => {
            let sentences = counterparts.of_left(analysis.sentences.index_of(fact.start));
            write_counterpart(out, pair.right, sentences)
        }
        (None, Some((analysis, fact))) => {
            let sentences = counterparts.of_right(analysis.sentences.index_of(fact.start));
            write_counterpart(out, pair.left, sentences)
        }
        _ => Ok(()),
    }
}

/// Under a finding about a whole unit, its text in each version that has it.
fn write_unit_texts(out: &mut dyn Write, pair: &Pair<'_>, unit: &UnitRef) -> io::Result<()> {
    let sides = [
        (ChangeTag::Delete, pair.left, unit.left),
        (ChangeTag::Insert, pair.right, unit.right),
    ];
    for (tag, analysis, index) in sides {
        let Some(text) = index.and_then(|i| analysis.units.as_ref()?.get(i)) else {
            continue;
        };
        let style = tag_style(tag);
        let line = sentences_line(analysis, text.sentences.clone())
            .unwrap_or_else(|| located(analysis, text.span.start, ""));
        writeln!(out, "{style}{tag}{line}{style:#}")?;
    }
    Ok(())
}

/// Under a missing fact, the sentences of the other version that translate its sentence: where
/// the fact should have been.
fn write_counterpart(
    out: &mut dyn Write,
    other: &Analysis,
    sentences: Range<usize>,
) -> io::Result<()> {
    match sentences_line(other, sentences) {
        Some(line) => writeln!(out, "{DIM}~{line}{DIM:#}"),
        None => writeln!(
            out,
            "{DIM}~{}: no sentence corresponds{DIM:#}",
            other.document.path.display()
        ),
    }
}

/// `path:line:col: text` of a run of sentences, the text on one line and cut short; `None` when
/// there are none.
fn sentences_line(analysis: &Analysis, sentences: Range<usize>) -> Option<String> {
    if sentences.is_empty() {
        return None;
    }
    let start = analysis.sentences.span(sentences.start).start;
    let end = analysis.sentences.span(sentences.end - 1).end;
    let (text, span) = report::readable(analysis, start..end);
    let text = one_line(first_visible(&text[span], SNIPPET_CHARS));
    let chars: Vec<char> = text.trim().chars().collect();
    let shown: String = if chars.len() > SNIPPET_CHARS {
        format!("{}…", chars[..SNIPPET_CHARS].iter().collect::<String>())
    } else {
        chars.iter().collect()
    };
    Some(located(analysis, start, &shown))
}

fn located(analysis: &Analysis, offset: usize, text: &str) -> String {
    let (line, column) = analysis.document.line_column(offset);
    let path = analysis.document.path.display();
    format!("{path}:{line}:{column}: {text}")
}

/// One fact: sign, location, snippet; the caller ends the line.
fn write_fact_line(
    out: &mut dyn Write,
    tag: ChangeTag,
    analysis: &Analysis,
    fact: &Fact,
) -> io::Result<()> {
    let style = tag_style(tag);
    let emphasis = style.bold();
    let (before, text, after) = snippet(analysis, fact);
    write!(
        out,
        "{style}{tag}{}: {before}{style:#}{emphasis}{text}{emphasis:#}{style}{after}{style:#}",
        location(analysis, fact),
    )
}

fn location(analysis: &Analysis, fact: &Fact) -> String {
    format!(
        "{}:{}:{}",
        analysis.document.path.display(),
        fact.line,
        fact.column
    )
}

/// The fact's sentence cut to about [`SNIPPET_CHARS`] around it: text before, the fact, text after,
/// each on one line, with `…` where the sentence was cut.
/// A marked-up document's snippet is cut from its prose, so it shows no markup.
pub fn snippet(analysis: &Analysis, fact: &Fact) -> (String, String, String) {
    let sentence = analysis
        .sentences
        .span(analysis.sentences.index_of(fact.start));
    let (text, sentence) = report::readable(analysis, sentence);
    let (_, fact_span) = report::readable(analysis, fact.start..fact.end);
    let start = sentence.start.min(fact_span.start);
    let end = sentence.end.max(fact_span.end);
    let fact_text = one_line(&text[fact_span.clone()]);
    let room = SNIPPET_CHARS.saturating_sub(fact_text.chars().count()) / 2;
    let before: Vec<char> = one_line(last_visible(&text[start..fact_span.start], room))
        .chars()
        .collect();
    let after: Vec<char> = one_line(first_visible(&text[fact_span.end..end], room))
        .chars()
        .collect();
    let before_text = if before.len() > room {
        format!(
            "…{}",
            before[before.len() - room..].iter().collect::<String>()
        )
    } else {
        before.iter().collect()
    };
    let after_text = if after.len() > room {
        format!("{}…", after[..room].iter().collect::<String>())
    } else {
        after.iter().collect()
    };
    (before_text, fact_text, after_text)
}

/// The start of `text` that shows as its first `room` characters and one more on one line
/// ([`one_line`]), or all of it: a snippet then costs the same however long its sentence (a
/// sentence of 100,000 figures has a snippet per figure).
fn first_visible(text: &str, room: usize) -> &str {
    let mut visible = 0;
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            visible += 1;
            // Cut after a visible character, so no white space at the end is lost or gained.
            if visible > room {
                return &text[..i + c.len_utf8()];
            }
        }
    }
    text
}

/// The end of `text` that shows as its last `room` characters and one more on one line, or all
/// of it (as [`first_visible`]).
fn last_visible(text: &str, room: usize) -> &str {
    let mut visible = 0;
    for (i, c) in text.char_indices().rev() {
        if !c.is_whitespace() {
            visible += 1;
            if visible > room {
                return &text[i..];
            }
        }
    }
    text
}

/// White space runs (line breaks included) become one space, keeping a space at either end.
fn one_line(text: &str) -> String {
    let inner = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lead = if text.starts_with(char::is_whitespace) && !inner.is_empty() {
        " "
    } else {
        ""
    };
    let trail = if text.ends_with(char::is_whitespace) && !inner.is_empty() {
        " "
    } else {
        ""
    };
    format!("{lead}{inner}{trail}")
}

fn write_summary(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let units = match (s.missing_units, s.fuzzy_units) {
        (0, 0) => String::new(),
        (missing, drafts) => format!(", {missing} units missing, {drafts} draft units"),
    };
    writeln!(
        out,
        "{} agree, {} compatible, {} diverge, {} missing from left, {} missing from right{units} ({} errors, {} warnings, {} info)",
        s.agree, s.compatible, s.diverge, s.missing_from_left, s.missing_from_right, s.errors, s.warnings, s.infos
    )
}

#[cfg(test)]
mod tests {
    use super::{first_visible, last_visible, one_line};

    #[test]
    fn a_snippet_cut_from_part_of_the_text_is_the_one_cut_from_all_of_it() {
        let texts = [
            "",
            "   ",
            " a  b\n\nc ",
            "1 1 1 1 1 1 1 1 1 1 1 1 ",
            "\n12.12.12.12.12.12.12\n",
            "  mot   très  long\u{a0}ici  ",
        ];
        for text in texts {
            let full: Vec<char> = one_line(text).chars().collect();
            for room in 0..12 {
                let head: Vec<char> = one_line(first_visible(text, room)).chars().collect();
                let tail: Vec<char> = one_line(last_visible(text, room)).chars().collect();
                assert_eq!(head.len() > room, full.len() > room, "{text:?} {room}");
                assert_eq!(tail.len() > room, full.len() > room, "{text:?} {room}");
                if full.len() > room {
                    assert_eq!(head[..room], full[..room], "{text:?} {room}");
                    assert_eq!(
                        tail[tail.len() - room..],
                        full[full.len() - room..],
                        "{text:?} {room}"
                    );
                } else {
                    assert_eq!((&head, &tail), (&full, &full), "{text:?} {room}");
                }
            }
        }
    }
}
