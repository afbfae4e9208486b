//! The `factdiff` command line. Only this file prints errors and chooses the exit code:
//! 0 success (nothing at or above `--fail-on`), 1 findings at or above it, 2 usage, input or rule
//! errors.

use anyhow::{bail, Result};
use clap::{Parser, Subcommand};
use factdiff::compare::{self, Comparison};
use factdiff::policy::{Policy, Severity};
use factdiff::report::{self, Format, Pair};
use factdiff::{Analysis, Engine};
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

const EXIT_CODES: &str = "Exit codes:\n  0  no findings at or above --fail-on (always with --exit-zero)\n  1  findings at or above --fail-on\n  2  usage, input or rule error";

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
    /// Compare the facts of language versions of one text: each version against the reference.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Print what a comparison rule checks, why, and an example.
    #[command(after_help = EXIT_CODES)]
    Explain {
        /// A rule id from the policy (agree, precision-loss, value-mismatch, missing-fact, ...).
        rule: String,
        #[command(flatten)]
        policy: PolicyArgs,
    },
}

#[derive(clap::Args)]
struct PolicyArgs {
    /// A folder of rule files (common.yaml, concepts.yaml, lang/<code>.yaml, policy.yaml) that add
    /// to or replace the built-in ones.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// A file changing rule severities and tolerances:
    /// `severity: {missing-fact: error}`, `tolerances: {about: 0.05}`.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Language of the files (a pack code: ru, fr, pl, ar, en, vi, ...): once for every file, or
    /// once per file in command-line order (the --reference file first). Overrides file names and
    /// detection.
    #[arg(long, value_name = "CODE")]
    lang: Vec<String>,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The version every other one is compared with (default: the first file).
    #[arg(long, value_name = "FILE")]
    reference: Option<PathBuf>,
    /// The lowest severity that makes the run fail (exit code 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Report findings but exit with 0 whatever their severity.
    #[arg(long)]
    exit_zero: bool,
    /// The versions to compare (at least two, or one with --reference).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
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
        // A reader that stopped early (`factdiff extract … | head`) is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("factdiff: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract { common, files } => extract(&common, &files),
        Command::Check(args) => check(&args),
        Command::Explain { rule, policy } => explain(&rule, &policy),
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

fn check(args: &CheckArgs) -> Result<ExitCode> {
    let files = versions(args)?;
    let langs = languages(&args.lang, files.len())?;
    let engine = Engine::load(args.policy.rules.as_deref())?;
    let policy = Policy::load(args.policy.rules.as_deref(), args.policy.policy.as_deref())?;
    let analyses = files
        .iter()
        .zip(&langs)
        .map(|(f, lang)| engine.analyze_file(f, lang.as_deref()))
        .collect::<factdiff::Result<Vec<Analysis>>>()?;
    let (reference, others) = analyses.split_first().expect("at least two versions");
    // Inconsistencies inside a document come first, as a pair of the document with itself.
    let inside = analyses
        .iter()
        .map(|doc| (doc, doc, compare::within(doc, &policy)))
        .filter(|(_, _, c)| !c.findings.is_empty());
    let across = others.iter().map(|other| {
        (
            reference,
            other,
            compare::compare(reference, other, &policy),
        )
    });
    let comparisons: Vec<(&Analysis, &Analysis, Comparison)> = inside.chain(across).collect();
    let pairs: Vec<Pair> = comparisons
        .iter()
        .map(|(left, right, comparison)| Pair {
            left,
            right,
            comparison,
        })
        .collect();
    let mut out = anstream::stdout().lock();
    match args.format {
        Format::Text => report::diff::write_check(&mut out, &pairs)?,
        Format::Json => report::json::write_check(&mut out, reference, &pairs)?,
    }
    out.flush()?;
    let worst = comparisons
        .iter()
        .map(|(_, _, c)| c.worst())
        .max()
        .unwrap_or_default();
    let fails = !args.exit_zero && worst >= args.fail_on.severity();
    Ok(if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The reference first, then the other versions in the order given.
fn versions(args: &CheckArgs) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = args.reference.iter().cloned().collect();
    files.extend(
        args.files
            .iter()
            .filter(|f| Some(*f) != args.reference.as_ref())
            .cloned(),
    );
    if files.len() < 2 {
        bail!("check needs at least two versions (or one version and --reference)");
    }
    Ok(files)
}

/// `--lang` given once applies to every file; given once per file, each to its file.
fn languages(langs: &[String], files: usize) -> Result<Vec<Option<String>>> {
    match langs.len() {
        0 => Ok(vec![None; files]),
        1 => Ok(vec![Some(langs[0].clone()); files]),
        n if n == files => Ok(langs.iter().cloned().map(Some).collect()),
        n => bail!("--lang given {n} times for {files} files: give it once, or once per file"),
    }
}

fn explain(id: &str, args: &PolicyArgs) -> Result<ExitCode> {
    let policy = Policy::load(args.rules.as_deref(), args.policy.as_deref())?;
    let Some(rule) = policy.rule(id) else {
        bail!("unknown rule '{id}' (known: {})", policy.known_ids());
    };
    let mut out = anstream::stdout().lock();
    writeln!(
        out,
        "{} (relation {}, status {}, severity {})\n\nWhat: {}\n\nWhy: {}\n\nExample: {}",
        rule.id,
        rule.relation.as_str(),
        rule.relation.status().as_str(),
        rule.severity,
        rule.what,
        rule.why,
        rule.example
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
