//! A Markdown summary of `factdiff lint` for a pull-request comment: the totals, then a table of
//! the active findings (severity, rule, where, what it was compared with, message), cut after
//! [`MAX_ROWS`] rows so the comment stays within what a forge accepts.

use crate::lint::{SetResult, State, Totals};
use crate::report::{lint_summary, listed, LintReport, UncheckedList};
use std::io::{self, Write};

/// Rows listed before the table is cut.
pub const MAX_ROWS: usize = 100;

/// Writes the summary of a lint run.
///
/// The totals come first: the table rows are kept until the end, only the first [`MAX_ROWS`] of
/// them, and the others counted.
#[derive(Default)]
pub struct LintMarkdown {
    rows: Vec<String>,
    findings: usize,
}

impl LintReport for LintMarkdown {
    fn set(&mut self, _out: &mut dyn Write, set: &SetResult) -> io::Result<()> {
        for item in listed(set).iter().filter(|i| i.state == State::Active) {
            self.findings += 1;
            if self.rows.len() == MAX_ROWS {
                continue;
            }
            self.rows.push(format!(
                "| {} | `{}` | `{}` | {} | {} |",
                item.finding.severity,
                item.finding.rule,
                item.at.location(),
                item.other
                    .as_ref()
                    .map_or(String::from("—"), |o| format!("`{}`", o.location())),
                cell(&item.finding.message),
            ));
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        writeln!(
            out,
            "### factdiff\n\n{}\n",
            lint_summary(totals, UncheckedList::OnRequest)
        )?;
        if self.rows.is_empty() {
            return writeln!(out, "No findings.");
        }
        writeln!(out, "| severity | rule | where | compared with | message |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for row in &self.rows {
            writeln!(out, "{row}")?;
        }
        if self.findings > MAX_ROWS {
            writeln!(
                out,
                "\n…and {} more findings: run `factdiff lint` to see them all.",
                self.findings - MAX_ROWS
            )?;
        }
        Ok(())
    }
}

/// `factdiff lint --list-unchecked`: the sets with no version in the reference language, as a
/// list after the table.
pub fn write_unchecked(out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
    if totals.orphans.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\nNot checked, no version in the reference language:\n"
    )?;
    for key in &totals.orphans {
        writeln!(out, "- `{}`", cell(key))?;
    }
    Ok(())
}

/// Text that stays inside one table cell.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_keep_their_pipes() {
        assert_eq!(super::cell("a | b\nc"), "a \\| b c");
    }
}
