//! A Markdown summary of `factdiff lint` for a pull-request comment: the totals, then a table of
//! the active findings (severity, rule, where, what it was compared with, message), cut after
//! [`MAX_ROWS`] rows so the comment stays within what a forge accepts.

use crate::lint::{Lint, State};
use crate::report::{lint_summary, listed, UncheckedList};
use std::io::{self, Write};

/// Rows listed before the table is cut.
pub const MAX_ROWS: usize = 100;

/// Writes the summary of a lint run.
pub fn write_lint(out: &mut dyn Write, lint: &Lint) -> io::Result<()> {
    let items: Vec<_> = listed(lint)
        .into_iter()
        .filter(|i| i.state == State::Active)
        .collect();
    writeln!(
        out,
        "### factdiff\n\n{}\n",
        lint_summary(lint, UncheckedList::OnRequest)
    )?;
    if items.is_empty() {
        return writeln!(out, "No findings.");
    }
    writeln!(out, "| severity | rule | where | compared with | message |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for item in items.iter().take(MAX_ROWS) {
        writeln!(
            out,
            "| {} | `{}` | `{}` | {} | {} |",
            item.finding.severity,
            item.finding.rule,
            item.at.location(),
            item.other
                .as_ref()
                .map_or(String::from("—"), |o| format!("`{}`", o.location())),
            cell(&item.finding.message),
        )?;
    }
    if items.len() > MAX_ROWS {
        writeln!(
            out,
            "\n…and {} more findings: run `factdiff lint` to see them all.",
            items.len() - MAX_ROWS
        )?;
    }
    Ok(())
}

/// `factdiff lint --list-unchecked`: the sets with no version in the reference language, as a
/// list after the table.
pub fn write_unchecked(out: &mut dyn Write, lint: &Lint) -> io::Result<()> {
    if lint.totals.orphans.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\nNot checked, no version in the reference language:\n"
    )?;
    for key in &lint.totals.orphans {
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
