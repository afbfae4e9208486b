//! The `factdiff` command line. Only this file prints errors and chooses the exit code:
//! 0 success (nothing at or above `--fail-on`), 1 findings at or above it, 2 usage, input or rule
//! errors.

use anyhow::{bail, Result};
use clap::{CommandFactory, Parser, Subcommand};
use factdiff::baseline::Baseline;
use factdiff::compare::{self, Comparison};
use factdiff::config::{self, Config};
use factdiff::lint::{self, Baselining, Options, Plan, SetResult, Totals};
use factdiff::policy::{Policy, Severity};
use factdiff::report::{self, CheckFormat, Format, LintFormat, Pair};
use factdiff::snapshot;
use factdiff::source::{Format as SourceFormat, Size, Source};
use factdiff::{Analysis, Engine};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
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
    /// the built-in ones; may be given more than once, a later folder winning.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(clap::Args)]
struct InputArgs {
    /// The largest file read (default 64MB; e.g. 200MB, 1.5GB, 64MiB or bytes): a larger file is
    /// an error, found before it is read.
    #[arg(long, value_name = "SIZE")]
    max_input_size: Option<Size>,
}

impl InputArgs {
    /// Sets the engine's limit: this flag, else `configured` (factdiff.yaml), else the default.
    fn apply(&self, engine: &mut Engine, configured: Option<u64>) {
        if let Some(limit) = self.max_input_size.map(|s| s.0).or(configured) {
            engine.max_input_size = limit;
        }
    }
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
    /// Check every document set of factdiff.yaml: each version against its reference.
    #[command(after_help = EXIT_CODES)]
    Lint(LintArgs),
    /// Write one YAML fact sheet per document set, or with --check compare them with the folder.
    #[command(after_help = SNAPSHOT_EXIT_CODES)]
    Snapshot(SnapshotArgs),
    /// Recognize how a tree lays out its language versions and write a factdiff.yaml for it.
    #[command(after_help = EXIT_CODES)]
    Init {
        /// The tree's folder (default: the current one); factdiff.yaml is written there.
        dir: Option<PathBuf>,
        /// Replace an existing factdiff.yaml.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
}

const SNAPSHOT_EXIT_CODES: &str = "Exit codes:\n  0  the sheets were written, or (--check) match the documents\n  1  (--check) a sheet changed, appeared or disappeared; the diff is printed\n  2  usage, configuration, input or rule error";

#[derive(clap::Args)]
struct ConfigArgs {
    /// The configuration (default: factdiff.yaml in the current folder or the nearest folder
    /// above it). Paths in it are relative to its folder.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Never show the progress bar (it shows only when stderr is a terminal and the report does
    /// not go to that terminal as it is written).
    #[arg(long)]
    no_progress: bool,
    /// How many document sets are checked at once (default: one per CPU). The output is the
    /// same whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    jobs: Option<u32>,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(clap::Args)]
struct LintArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    format: LintFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The lowest severity that makes the run fail (exit code 1); default: `fail-on` of the
    /// configuration, else error.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Report findings but exit with 0 whatever their severity.
    #[arg(long)]
    exit_zero: bool,
    /// Print the effective configuration (defaults filled in, every rule's severity) and exit.
    #[arg(long)]
    dump_config: bool,
    /// Accept every current finding: write them to the baseline file; later runs count only new
    /// findings.
    #[arg(long)]
    write_baseline: bool,
    /// The baseline file (default: `baseline` of the configuration, factdiff-baseline.json).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Ignore the baseline file: every finding counts.
    #[arg(long, conflicts_with_all = ["write_baseline", "baseline"])]
    no_baseline: bool,
    /// List the sets with no version in the reference language after the totals (the text,
    /// GitHub and Markdown outputs count them; JSON always lists them).
    #[arg(long)]
    list_unchecked: bool,
}

#[derive(clap::Args)]
struct SnapshotArgs {
    #[command(flatten)]
    config: ConfigArgs,
    /// Compare the sheets with the folder instead of writing them; exit 1 with a diff when they
    /// differ.
    #[arg(long)]
    check: bool,
    /// The folder of the sheets (default: `snapshots` of the configuration, factdiff-snapshots).
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

#[derive(clap::Args)]
struct PolicyArgs {
    /// A folder of rule files (common.yaml, concepts.yaml, lang/<code>.yaml, policy.yaml) that add
    /// to or replace the built-in ones; may be given more than once, a later folder winning.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// A file changing rule severities and tolerances:
    /// `severity: {missing-fact: error}`, `tolerances: {about: 0.05}`.
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Language of the files (a pack code: ru, fr, pl, ar, en, vi, ...): once for every file, or
    /// once per file in command-line order (the --reference file first; for one XLIFF or PO file,
    /// its source texts first, then its translations). Overrides file names and
    /// detection.
    #[arg(long, value_name = "CODE")]
    lang: Vec<String>,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// The version every other one is compared with (default: the first file).
    #[arg(long, value_name = "FILE")]
    reference: Option<PathBuf>,
    /// The lowest severity that makes the run fail (exit code 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Report findings but exit with 0 whatever their severity.
    #[arg(long)]
    exit_zero: bool,
    #[command(flatten)]
    input: InputArgs,
    /// The versions to compare (at least two, or one with --reference); one XLIFF or PO file
    /// compares its source texts with its translations.
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
        Command::Lint(args) => lint(&args),
        Command::Snapshot(args) => snapshot(&args),
        Command::Init { dir, force } => init(dir.unwrap_or_else(|| ".".into()), force),
        Command::Completions { shell } => completions(shell),
    }
}

fn extract(common: &Common, files: &[PathBuf]) -> Result<ExitCode> {
    let mut engine = Engine::load(&common.rules)?;
    common.input.apply(&mut engine, None);
    let analyses = files
        .iter()
        .map(|f| engine.analyze_file(f, common.lang.as_deref()))
        .collect::<factdiff::Result<Vec<_>>>()?;
    // Buffered: a pretty-printed JSON report is many small writes.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, anstream::stdout().lock());
    match common.format {
        Format::Text => report::text::write_extract(&mut out, &analyses)?,
        Format::Json => report::json::write_extract(&mut out, &analyses)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn check(args: &CheckArgs) -> Result<ExitCode> {
    let files = versions(args)?;
    let mut engine = Engine::load(&args.policy.rules)?;
    args.input.apply(&mut engine, None);
    let sources = read_versions(&files, engine.max_input_size)?;
    let langs = languages(&args.lang, sources.len())?;
    let policy = Policy::load(&args.policy.rules, args.policy.policy.as_deref())?;
    let analyses = sources
        .into_iter()
        .zip(&langs)
        .map(|(source, lang)| engine.analyze_read(source, lang.as_deref()))
        .collect::<factdiff::Result<Vec<Analysis>>>()?;
    let comparisons = compare::against_reference(&analyses, &policy);
    let pairs = pairs_of(&analyses, &comparisons);
    let mut out = output(args.output.as_deref(), &files)?;
    match args.format {
        CheckFormat::Text => report::diff::write_check(&mut out, &pairs)?,
        CheckFormat::Json => report::json::write_check(&mut out, &analyses[0], &pairs)?,
        CheckFormat::Html => report::html::write_check(&mut out, &pairs, &policy)?,
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

/// Where a report goes: standard output (colour stripped unless it is a terminal), or with
/// `--output` a file (never coloured), which may not be one of the files the run read.
fn output(path: Option<&Path>, read: &[PathBuf]) -> Result<Box<dyn Write>> {
    let Some(path) = path else {
        return Ok(Box::new(anstream::stdout().lock()));
    };
    if let Ok(target) = path.canonicalize() {
        if read
            .iter()
            .any(|f| f.canonicalize().is_ok_and(|f| f == target))
        {
            bail!(
                "{}: --output names a file this run reads; factdiff never writes to its input",
                path.display()
            );
        }
    }
    let file = std::fs::File::create(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot write the report: {e}", path.display()))?;
    let file: Box<dyn Write> = Box::new(std::io::BufWriter::new(file));
    Ok(Box::new(anstream::StripStream::new(file)))
}

/// The compared pairs as reports take them.
fn pairs_of<'a>(
    analyses: &'a [Analysis],
    comparisons: &'a [(usize, usize, Comparison)],
) -> Vec<Pair<'a>> {
    comparisons
        .iter()
        .map(|(left, right, comparison)| Pair {
            left: &analyses[*left],
            right: &analyses[*right],
            comparison,
        })
        .collect()
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
    let bilingual = files.len() == 1 && SourceFormat::of_path(&files[0]).is_bilingual();
    if files.len() < 2 && !bilingual {
        bail!("check needs at least two versions (or one version and --reference, or one XLIFF or PO file)");
    }
    Ok(files)
}

/// Each file as one version, or the source texts and the translations of one bilingual file
/// (XLIFF, PO) as two.
fn read_versions(files: &[PathBuf], max_size: u64) -> Result<Vec<Source>> {
    if let [file] = files {
        let sources = Source::read_languages(file, SourceFormat::of_path(file), max_size)?;
        if sources.len() < 2 {
            bail!(
                "{}: holds one language only; check needs another version",
                file.display()
            );
        }
        return Ok(sources);
    }
    Ok(files
        .iter()
        .map(|f| Source::read(f, SourceFormat::of_path(f), max_size))
        .collect::<factdiff::Result<Vec<Source>>>()?)
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
    let policy = Policy::load(&args.rules, args.policy.as_deref())?;
    let Some(rule) = policy.rule(id) else {
        bail!("unknown rule '{id}' (known: {})", policy.known_ids());
    };
    let mut out = anstream::stdout().lock();
    writeln!(out, "{}", rule.explanation())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn load_config(args: &ConfigArgs) -> Result<Config> {
    let path = match &args.config {
        Some(path) => path.clone(),
        None => config::discover(&std::env::current_dir()?)?,
    };
    Ok(Config::load(&path)?)
}

/// What a lint run needs: the rules, the policy, the document sets.
struct Prepared {
    engine: Engine,
    policy: Policy,
    plan: Plan,
}

impl Prepared {
    fn of(config: &Config, args: &ConfigArgs) -> Result<Prepared> {
        let mut engine = Engine::load(&config.rules)?;
        args.input.apply(&mut engine, Some(config.max_input_size));
        let plan = Plan::of(config, &engine)?;
        Ok(Prepared {
            engine,
            policy: config.policy()?,
            plan,
        })
    }

    /// Checks every document set, handing each to `each` in order, with a progress bar on a
    /// terminal unless the report goes to that terminal as it is written.
    fn run(
        &self,
        args: &ConfigArgs,
        report_on_terminal: bool,
        baselining: Baselining,
        each: impl FnMut(SetResult) -> Result<()>,
    ) -> Result<Totals> {
        let shown = !args.no_progress && !report_on_terminal && std::io::stderr().is_terminal();
        let progress = Progress::new(shown);
        let jobs = args.jobs.map_or_else(
            || std::thread::available_parallelism().map_or(1, usize::from),
            |n| n as usize,
        );
        let options = Options {
            jobs,
            baselining,
            progress: &|done, total| progress.show(done, total),
        };
        let totals = lint::run(&self.plan, &self.engine, &self.policy, &options, each);
        progress.clear();
        totals
    }
}

fn lint(args: &LintArgs) -> Result<ExitCode> {
    let config = load_config(&args.config)?;
    if args.dump_config {
        let mut out = anstream::stdout().lock();
        write!(out, "{}", config.dump(&config.policy()?)?)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let prepared = Prepared::of(&config, &args.config)?;
    let baseline_path = args
        .baseline
        .clone()
        .unwrap_or_else(|| config.path(&config.baseline));
    let baseline = if args.no_baseline || args.write_baseline {
        None
    } else {
        match Baseline::load(&baseline_path)? {
            None if args.baseline.is_some() => {
                bail!("{}: no such baseline file", baseline_path.display())
            }
            found => found,
        }
    };
    let baselining = match &baseline {
        _ if args.write_baseline => Baselining::AcceptAll,
        Some(baseline) => Baselining::Apply(baseline),
        None => Baselining::None,
    };
    let read: Vec<PathBuf> = prepared
        .plan
        .sets
        .iter()
        .flat_map(|set| &set.versions)
        .map(|v| config.path(&v.shown))
        .chain([PathBuf::from(&config.file)])
        .collect();
    let mut out = output(args.output.as_deref(), &read)?;
    let on_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let mut report = report::lint_report(args.format, &prepared.policy)?;
    let mut accepted = Vec::new();
    let totals = prepared.run(&args.config, on_terminal, baselining, |set| {
        if args.write_baseline {
            accepted.extend(set.baseline_entries());
        }
        Ok(report.set(&mut out, &set)?)
    })?;
    report.finish(&mut out, &totals)?;
    if args.list_unchecked {
        match args.format {
            LintFormat::Text | LintFormat::Github => {
                report::diff::write_unchecked(&mut out, &totals)?
            }
            LintFormat::Markdown => report::markdown::write_unchecked(&mut out, &totals)?,
            // These carry the list themselves (JSON `orphans`, the end of the HTML page) or
            // have no place for it (SARIF).
            LintFormat::Json | LintFormat::Sarif | LintFormat::Html => {}
        }
    }
    out.flush()?;
    if args.write_baseline {
        Baseline::write(&baseline_path, &accepted)?;
        eprintln!(
            "factdiff: accepted {} findings in {}",
            accepted.len(),
            baseline_path.display()
        );
    }
    let fail_on = args.fail_on.map_or(config.fail_on, FailOn::severity);
    let fails = !args.exit_zero && totals.worst() >= fail_on;
    Ok(if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn snapshot(args: &SnapshotArgs) -> Result<ExitCode> {
    let config = load_config(&args.config)?;
    let prepared = Prepared::of(&config, &args.config)?;
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| config.path(&config.snapshots));
    let mut sheets = Vec::new();
    prepared.run(&args.config, false, Baselining::None, |set| {
        sheets.push(snapshot::sheet(&set));
        Ok(())
    })?;
    let mut out = anstream::stdout().lock();
    if !args.check {
        let written = snapshot::write(&dir, &sheets)?;
        writeln!(
            out,
            "factdiff: {} fact sheets in {}: {} written, {} unchanged, {} removed",
            sheets.len(),
            dir.display(),
            written.written,
            written.unchanged,
            written.removed
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let drifts = snapshot::check(&dir, &sheets)?;
    for drift in &drifts {
        write!(out, "{}", drift.diff)?;
    }
    out.flush()?;
    if drifts.is_empty() {
        writeln!(
            out,
            "factdiff: the {} fact sheets in {} match the documents",
            sheets.len(),
            dir.display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "factdiff: {} of the fact sheets in {} differ from the documents; run `factdiff snapshot` to accept the change",
        drifts.len(),
        dir.display()
    );
    Ok(ExitCode::from(1))
}

fn init(root: PathBuf, force: bool) -> Result<ExitCode> {
    let target = root.join(config::FILE_NAME);
    if target.exists() && !force {
        bail!(
            "{}: exists already; `factdiff init --force` replaces it",
            target.display()
        );
    }
    let engine = Engine::load(&[])?;
    let has_pack = |code: &str| engine.rules.pack_for_tag(code).is_some();
    let Some(layout) = factdiff::init::recognize(&factdiff::walk::paths(&root)?, &has_pack) else {
        bail!(
            "{}: no layout of language versions recognized (see docs/config.md to write factdiff.yaml by hand)",
            root.display()
        );
    };
    let yaml = layout.yaml();
    let config = Config::parse(&target.display().to_string(), &yaml, root.clone())?;
    let sets = factdiff::walk::document_sets(&config, &has_pack)?;
    std::fs::write(&target, &yaml)
        .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", target.display()))?;
    let checked = sets.iter().filter(|s| s.has_reference()).count();
    let mut out = anstream::stdout().lock();
    writeln!(
        out,
        "factdiff: wrote {} for {}: {} document sets ({} documents), {} without a reference version",
        target.display(),
        layout.name,
        checked,
        sets.iter().filter(|s| s.has_reference()).map(|s| s.versions.len()).sum::<usize>(),
        sets.len() - checked
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut Cli::command(), "factdiff", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A one-line progress count on stderr, redrawn at most ten times a second; silent when off.
struct Progress {
    enabled: bool,
    last: std::sync::Mutex<Option<std::time::Instant>>,
}

impl Progress {
    fn new(enabled: bool) -> Progress {
        Progress {
            enabled,
            last: std::sync::Mutex::new(None),
        }
    }

    fn show(&self, done: usize, total: usize) {
        if !self.enabled {
            return;
        }
        let Ok(mut last) = self.last.try_lock() else {
            return;
        };
        let now = std::time::Instant::now();
        if last.is_some_and(|t| now.duration_since(t).as_millis() < 100) && done < total {
            return;
        }
        *last = Some(now);
        let width = 30;
        let filled = width * done / total.max(1);
        eprint!(
            "\r\x1b[2K[{}{}] {done}/{total} document sets",
            "#".repeat(filled),
            "-".repeat(width - filled)
        );
    }

    fn clear(&self) {
        if self.enabled {
            eprint!("\r\x1b[2K");
        }
    }
}
