//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` annotation per
//! active finding, at the fact of the compared version, then the totals as a plain log line.
//! Values are escaped as the runner expects (`%`, line ends, and in properties `:` and `,`).

use crate::lint::{SetResult, State, Totals};
use crate::policy::Severity;
use crate::report::{lint_summary, listed, LintReport, UncheckedList};
use std::io::{self, Write};

/// Writes the annotations of a lint run.
pub struct LintGithub;

impl LintReport for LintGithub {
    fn set(&mut self, out: &mut dyn Write, set: &SetResult) -> io::Result<()> {
        for item in listed(set).iter().filter(|i| i.state == State::Active) {
            let (line, column) = item.at.start();
            let (end_line, end_column) = item.at.end();
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(item.finding.severity),
                property(&item.at.path()),
                line,
                column,
                end_line,
                end_column,
                property(&format!("factdiff {}", item.finding.rule)),
                data(&item.message()),
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        writeln!(
            out,
            "factdiff: {}",
            lint_summary(totals, UncheckedList::OnRequest)
        )
    }
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Off => "notice",
    }
}

/// A command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped() {
        assert_eq!(data("50% off\nnow"), "50%25 off%0Anow");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
