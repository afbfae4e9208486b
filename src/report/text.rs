//! The text report for people: a table of facts per document, coloured when the terminal allows
//! (the binary strips colour when stdout is not a terminal or NO_COLOR is set).

use crate::analysis::Analysis;
use crate::fact::{Fact, Kind, Qualifier};
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

const HEADER: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

fn kind_style(kind: Kind) -> Style {
    let color = match kind {
        Kind::Number => AnsiColor::Cyan,
        Kind::Percent => AnsiColor::Magenta,
        Kind::Date | Kind::Year | Kind::Range => AnsiColor::Blue,
        Kind::Ratio | Kind::Ordinal => AnsiColor::Yellow,
        Kind::Identifier => AnsiColor::Green,
        Kind::Time => AnsiColor::BrightBlue,
    };
    Style::new().fg_color(Some(color.into()))
}

/// `factdiff extract`: one block per document, one fact per line.
pub fn write_extract(out: &mut dyn Write, analyses: &[Analysis]) -> io::Result<()> {
    for (i, analysis) in analyses.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let lang = &analysis.language;
        writeln!(
            out,
            "{HEADER}{}{HEADER:#}  {} ({}: {})  {} facts",
            analysis.document.path.display(),
            lang.code,
            lang.source.as_str(),
            lang.reason,
            analysis.facts.len()
        )?;
        for fact in &analysis.facts {
            write_fact_row(out, fact)?;
        }
    }
    Ok(())
}

fn write_fact_row(out: &mut dyn Write, fact: &Fact) -> io::Result<()> {
    let location = format!("{}:{}", fact.line, fact.column);
    let qualifier = match fact.qualifier {
        Qualifier::Exact => String::new(),
        q => q.as_str().to_string(),
    };
    let style = kind_style(fact.kind);
    write!(
        out,
        "  {DIM}{location:>8}{DIM:#}  {style}{:<10}{style:#} {:<16} {:<9} {:<10} {}",
        fact.kind.as_str(),
        value_with_unit(fact),
        qualifier,
        fact.concept.as_deref().unwrap_or(""),
        one_line(&fact.text),
    )?;
    if let Some(note) = &fact.note {
        write!(out, "  {DIM}({note}){DIM:#}")?;
    }
    writeln!(out)
}

/// The fact's value, with its unit when it has one ("620 km").
pub fn value_with_unit(fact: &Fact) -> String {
    match &fact.unit {
        Some(unit) => format!("{} {}", fact.value, unit.id),
        None => fact.value.to_string(),
    }
}

/// Source text on one line: line breaks inside a fact become spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
