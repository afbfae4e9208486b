//! The `factdiff` command line. Only this file prints errors and chooses the exit code:
//! 0 success (nothing at or above `--fail-on`), 1 findings at or above it, 2 usage, input or rule
//! errors.

use anyhow::Result;
use clap::{Parser, Subcommand};
use factdiff::report::{self, Format};
use factdiff::Engine;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Checks that the language versions of one text state the same facts.
#[derive(Parser)]
#[command(name = "factdiff", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_CODES: &str = "Exit codes:\n  0  no findings at or above --fail-on\n  1  findings at or above --fail-on\n  2  usage, input or rule error";

#[derive(clap::Args)]
struct Common {
    /// Language of every file (a pack code: ru, fr, pl, ar, en, vi, ...); overrides file names and
    /// detection.
    #[arg(long)]
    lang: Option<String>,
    /// A folder of rule files (common.yaml, concepts.yaml, lang/<code>.yaml) that add to or replace
    /// the built-in ones.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Subcommand)]
enum Command {
    /// List the facts of each file: numbers, percents, dates, years, ranges, ratios, ordinals,
    /// identifiers.
    Extract {
        #[command(flatten)]
        common: Common,
        /// The documents to read.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("factdiff: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract { common, files } => extract(&common, &files),
    }
}

fn extract(common: &Common, files: &[PathBuf]) -> Result<ExitCode> {
    let engine = Engine::load(common.rules.as_deref())?;
    let analyses = files
        .iter()
        .map(|f| engine.analyze_file(f, common.lang.as_deref()))
        .collect::<factdiff::Result<Vec<_>>>()?;
    let mut out = anstream::stdout().lock();
    match common.format {
        Format::Text => report::text::write_extract(&mut out, &analyses)?,
        Format::Json => report::json::write_extract(&mut out, &analyses)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
