//! Accuracy on real translations: the gate's two halves measured on NTREX-128 news documents.
//!
//!     cargo run --release --example ntrex [-- CORPUS_DIR] [--show N]
//!
//! CORPUS_DIR defaults to `../shared/corpora/ntrex-dev` beside the checkout (41 documents, one
//! folder each, `en.txt ru.txt …`, line N of every file translating line N of `en.txt`). For each
//! language pair below and each document it compares the clean pair as published and counts the
//! alarms (diverge findings) and missing findings (warnings; the minor ones the policy reports as
//! information, `missing-minor`, are counted apart). Then, one at a time, it changes one figure of the
//! right version that both versions state (its published line holds an equal or consistent fact on
//! the left) and checks that the comparison flags that figure: a diverge finding with severity
//! error on it is "caught as an error"; any finding that is not an agreement on it is "caught". A
//! deleted figure is caught when the left fact that lost its counterpart is reported missing.
//! factdiff reads the documents as whole texts; only this measurement uses the published lines.
//! `--show N` prints up to N examples of clean-pair alarms, of clean-pair missing findings
//! (`lonely`) and of missed mutations.

use factdiff::align::{self, Affinity};
use factdiff::compare::{self, Comparison};
use factdiff::fact::{Fact, Kind, Qualifier, Value};
use factdiff::policy::{Policy, Severity, Status};
use factdiff::rules::LangPack;
use factdiff::source::Document;
use factdiff::{Analysis, Engine};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const PAIRS: [(&str, &str); 13] = [
    ("en", "ru"),
    ("en", "fr"),
    ("ru", "fr"),
    ("fr", "pl"),
    ("en", "ar"),
    ("ru", "vi"),
    ("pl", "ar"),
    ("en", "de"),
    ("es", "it"),
    ("pt", "ru"),
    ("en", "zh"),
    ("en", "ja"),
    ("de", "fr"),
];

/// The ways one figure of the right version is changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mutation {
    Value,
    YearPlusOne,
    DayPlusOne,
    Transposed,
    ScaleWord,
    QualifierFlipped,
    Deleted,
}

impl Mutation {
    const ALL: [Mutation; 7] = [
        Mutation::Value,
        Mutation::YearPlusOne,
        Mutation::DayPlusOne,
        Mutation::Transposed,
        Mutation::ScaleWord,
        Mutation::QualifierFlipped,
        Mutation::Deleted,
    ];

    fn name(self) -> &'static str {
        match self {
            Mutation::Value => "value",
            Mutation::YearPlusOne => "year ±1",
            Mutation::DayPlusOne => "day ±1",
            Mutation::Transposed => "digits transposed",
            Mutation::ScaleWord => "scale word",
            Mutation::QualifierFlipped => "qualifier flipped",
            Mutation::Deleted => "figure deleted",
        }
    }
}

#[derive(Default, Clone)]
struct Tally {
    clean_pairs: usize,
    clean_diverge: usize,
    clean_errors: usize,
    /// Missing findings of severity warning or above, and the minor ones (info) apart.
    clean_missing: usize,
    clean_minor: usize,
    mutations: usize,
    caught_error: usize,
    caught_any: usize,
    /// Deletions are counted apart: a figure that is gone can only be missing, a warning.
    deletions: usize,
    deletions_caught: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.clean_pairs += other.clean_pairs;
        self.clean_diverge += other.clean_diverge;
        self.clean_errors += other.clean_errors;
        self.clean_missing += other.clean_missing;
        self.clean_minor += other.clean_minor;
        self.mutations += other.mutations;
        self.caught_error += other.caught_error;
        self.caught_any += other.caught_any;
        self.deletions += other.deletions;
        self.deletions_caught += other.deletions_caught;
    }
}

/// What one document pair contributes: the tally per pair and per mutation, and examples.
#[derive(Default)]
struct Outcome {
    tally: Tally,
    by_mutation: BTreeMap<Mutation, Tally>,
    alarms: Vec<String>,
    lonely: Vec<String>,
    misses: Vec<String>,
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/ntrex-dev");
    let mut show = 0usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--show" => show = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            _ => corpus = PathBuf::from(arg),
        }
    }
    let engine = Engine::load(&[])?;
    let policy = Policy::embedded()?;
    let mut documents: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .map_err(|e| anyhow::anyhow!("{}: {e}", corpus.display()))?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|p| p.is_dir())
        .collect();
    documents.sort();
    let jobs: Vec<(usize, &PathBuf)> = (0..PAIRS.len())
        .flat_map(|p| documents.iter().map(move |d| (p, d)))
        .collect();
    let outcomes: Vec<(usize, Outcome)> = jobs
        .par_iter()
        .map(|&(p, dir)| Ok((p, measure(&engine, &policy, dir, PAIRS[p])?)))
        .collect::<anyhow::Result<_>>()?;

    let mut per_pair = vec![Tally::default(); PAIRS.len()];
    let mut per_mutation: BTreeMap<Mutation, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let (mut alarms, mut lonely, mut misses) = (Vec::new(), Vec::new(), Vec::new());
    for (p, outcome) in &outcomes {
        per_pair[*p].add(&outcome.tally);
        total.add(&outcome.tally);
        for (m, t) in &outcome.by_mutation {
            per_mutation.entry(*m).or_default().add(t);
        }
        alarms.extend(outcome.alarms.iter().cloned());
        lonely.extend(outcome.lonely.iter().cloned());
        misses.extend(outcome.misses.iter().cloned());
    }
    for line in alarms.iter().take(show) {
        println!("alarm  {line}");
    }
    for line in lonely.iter().take(show) {
        println!("lonely {line}");
    }
    for line in misses.iter().take(show) {
        println!("missed {line}");
    }
    println!(
        "{:<7} {:>5} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}",
        "pair",
        "docs",
        "diverge/p",
        "errors/p",
        "missing/p",
        "mutations",
        "error%",
        "caught%",
        "deleted%"
    );
    for (p, t) in per_pair.iter().enumerate() {
        print_row(&format!("{}-{}", PAIRS[p].0, PAIRS[p].1), t);
    }
    println!();
    println!(
        "{:<18} {:>9} {:>8} {:>8}",
        "mutation", "count", "error%", "caught%"
    );
    for (m, t) in &per_mutation {
        let (count, error, any) = if *m == Mutation::Deleted {
            (t.deletions, 0, t.deletions_caught)
        } else {
            (t.mutations, t.caught_error, t.caught_any)
        };
        println!(
            "{:<18} {:>9} {:>8} {:>8}",
            m.name(),
            count,
            percent(error, count),
            percent(any, count)
        );
    }
    println!();
    print_row("all", &total);
    println!(
        "summary: {} clean pairs, {:.3} diverge alarms and {:.2} missing (warnings; {:.2} minor, info) per clean pair; {} changed figures, {} caught as an error, {} caught; {} deletions, {} reported missing",
        total.clean_pairs,
        ratio(total.clean_diverge, total.clean_pairs),
        ratio(total.clean_missing, total.clean_pairs),
        ratio(total.clean_minor, total.clean_pairs),
        total.mutations,
        percent(total.caught_error, total.mutations),
        percent(total.caught_any, total.mutations),
        total.deletions,
        percent(total.deletions_caught, total.deletions),
    );
    Ok(())
}

fn print_row(name: &str, t: &Tally) {
    println!(
        "{:<7} {:>5} {:>9.3} {:>9.3} {:>9.2} {:>9} {:>8} {:>8} {:>8}",
        name,
        t.clean_pairs,
        ratio(t.clean_diverge, t.clean_pairs),
        ratio(t.clean_errors, t.clean_pairs),
        ratio(t.clean_missing, t.clean_pairs),
        t.mutations,
        percent(t.caught_error, t.mutations),
        percent(t.caught_any, t.mutations),
        percent(t.deletions_caught, t.deletions),
    );
}

fn ratio(count: usize, of: usize) -> f64 {
    count as f64 / of.max(1) as f64
}

fn percent(count: usize, of: usize) -> String {
    format!("{:.1}%", 100.0 * ratio(count, of))
}

fn analyze(engine: &Engine, path: PathBuf, text: String, lang: &str) -> anyhow::Result<Analysis> {
    Ok(engine.analyze(Document::from_text(path, text), Some(lang))?)
}

fn measure(
    engine: &Engine,
    policy: &Policy,
    dir: &Path,
    (left_lang, right_lang): (&str, &str),
) -> anyhow::Result<Outcome> {
    let id = dir.file_name().unwrap_or_default().to_string_lossy();
    let read = |lang: &str| -> anyhow::Result<(PathBuf, String)> {
        let path = dir.join(format!("{lang}.txt"));
        let text = std::fs::read_to_string(&path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        Ok((PathBuf::from(format!("{id}.{lang}.txt")), text))
    };
    let (left_path, left_text) = read(left_lang)?;
    let (right_path, right_text) = read(right_lang)?;
    let left = analyze(engine, left_path, left_text, left_lang)?;
    let right = analyze(engine, right_path.clone(), right_text.clone(), right_lang)?;
    let clean = compare::compare(&left, &right, policy);
    let mut outcome = Outcome::default();
    let tally = &mut outcome.tally;
    tally.clean_pairs = 1;
    for finding in &clean.findings {
        match finding.status {
            Status::Diverge => {
                tally.clean_diverge += 1;
                outcome.alarms.push(format!(
                    "{id} {left_lang}-{right_lang}: {}",
                    describe(&left, &right, finding.left, finding.right, &finding.message)
                ));
            }
            Status::Missing if finding.severity < Severity::Warning => tally.clean_minor += 1,
            Status::Missing => {
                tally.clean_missing += 1;
                outcome.lonely.push(format!(
                    "{id} {left_lang}-{right_lang}: {}",
                    describe(&left, &right, finding.left, finding.right, &finding.message)
                ));
            }
            _ => {}
        }
        if finding.severity == Severity::Error {
            tally.clean_errors += 1;
        }
    }
    let pack = engine
        .rules
        .pack(right_lang)
        .ok_or_else(|| anyhow::anyhow!("no pack {right_lang}"))?;
    for fact in &right.facts {
        let Some(counterpart) = counterpart(&left, fact, policy) else {
            continue;
        };
        for mutation in Mutation::ALL {
            let Some((text, span)) = mutate(&right_text, fact, mutation, pack) else {
                continue;
            };
            let changed = analyze(engine, right_path.clone(), text, right_lang)?;
            let result = compare::compare(&left, &changed, policy);
            let (caught_error, caught_any) = if mutation == Mutation::Deleted {
                (false, reported_missing(&result, counterpart))
            } else {
                flagged(&result, &changed, span.clone())
            };
            let entry = outcome.by_mutation.entry(mutation).or_default();
            for t in [&mut outcome.tally, entry] {
                if mutation == Mutation::Deleted {
                    t.deletions += 1;
                    t.deletions_caught += usize::from(caught_any);
                } else {
                    t.mutations += 1;
                    t.caught_error += usize::from(caught_error);
                    t.caught_any += usize::from(caught_any);
                }
            }
            if !caught_error && mutation != Mutation::Deleted {
                let shown = result
                    .findings
                    .iter()
                    .find(|f| f.right.is_some_and(|j| overlaps(&changed.facts[j], &span)))
                    .map_or("no fact there".to_string(), |f| {
                        describe(&left, &changed, f.left, f.right, &f.message)
                    });
                outcome.misses.push(format!(
                    "{id} {left_lang}-{right_lang} {}: {:?} → {:?}: {shown}",
                    mutation.name(),
                    fact.text,
                    &changed.document.text[span.clone()]
                ));
            }
        }
    }
    Ok(outcome)
}

/// The left fact on the same published line that states the same figure, if any.
fn counterpart(left: &Analysis, fact: &Fact, policy: &Policy) -> Option<usize> {
    left.facts.iter().position(|l| {
        l.line == fact.line
            && matches!(
                align::affinity(l, fact, &policy.tolerances),
                Affinity::Same | Affinity::Consistent
            )
    })
}

fn overlaps(fact: &Fact, span: &std::ops::Range<usize>) -> bool {
    fact.start < span.end && span.start < fact.end
}

/// Whether a finding other than an agreement, and an error-severity diverge, fall on the span.
fn flagged(result: &Comparison, changed: &Analysis, span: std::ops::Range<usize>) -> (bool, bool) {
    let on_span: Vec<_> = result
        .findings
        .iter()
        .filter(|f| f.right.is_some_and(|j| overlaps(&changed.facts[j], &span)))
        .collect();
    let error = on_span
        .iter()
        .any(|f| f.status == Status::Diverge && f.severity == Severity::Error);
    let any = on_span.iter().any(|f| f.status != Status::Agree);
    (error, any)
}

fn reported_missing(result: &Comparison, counterpart: usize) -> bool {
    result
        .findings
        .iter()
        .any(|f| f.left == Some(counterpart) && f.right.is_none())
}

fn describe(
    left: &Analysis,
    right: &Analysis,
    l: Option<usize>,
    r: Option<usize>,
    message: &str,
) -> String {
    let show = |a: &Analysis, i: Option<usize>| {
        i.map_or("-".to_string(), |i| {
            let f = &a.facts[i];
            format!("{}:{} {:?}", f.line, f.column, f.text)
        })
    };
    format!("{} | {} | {message}", show(left, l), show(right, r))
}

/// The right text with one figure of `fact` changed, and the span of the changed text.
fn mutate(
    text: &str,
    fact: &Fact,
    mutation: Mutation,
    pack: &LangPack,
) -> Option<(String, std::ops::Range<usize>)> {
    let written = &text[fact.start..fact.end];
    let replaced = match mutation {
        Mutation::Value if !matches!(fact.kind, Kind::Year | Kind::Date) => {
            change_first_digit(written)
        }
        Mutation::YearPlusOne => year_plus_one(fact, written),
        Mutation::DayPlusOne => day_plus_one(fact, written),
        Mutation::Transposed if fact.kind != Kind::Date => transpose(written),
        Mutation::ScaleWord => other_scale(written, pack),
        Mutation::QualifierFlipped => flip_qualifier(fact, written, pack),
        Mutation::Deleted => Some(String::new()),
        _ => None,
    }?;
    let mut changed = String::with_capacity(text.len());
    changed.push_str(&text[..fact.start]);
    changed.push_str(&replaced);
    changed.push_str(&text[fact.end..]);
    Some((changed, fact.start..fact.start + replaced.len()))
}

/// The digit a character writes in any script (ASCII, Arabic-Indic, Persian, full-width), and the
/// character for digit zero of that script.
fn digit(c: char) -> Option<(u32, u32)> {
    ['0', '\u{660}', '\u{6F0}', '\u{FF10}']
        .into_iter()
        .map(|zero| zero as u32)
        .find(|&zero| (zero..zero + 10).contains(&(c as u32)))
        .map(|zero| (c as u32 - zero, zero))
}

fn with_digit(zero: u32, d: u32) -> char {
    char::from_u32(zero + d).unwrap_or('0')
}

/// Runs of digits as (char index, digits, zero of the script).
fn digit_runs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i]).is_some() {
            let start = i;
            while i < chars.len() && digit(chars[i]).is_some() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

fn change_first_digit(written: &str) -> Option<String> {
    let mut chars: Vec<char> = written.chars().collect();
    let at = chars.iter().position(|&c| digit(c).is_some())?;
    let (d, zero) = digit(chars[at])?;
    let new = match d {
        9 => 8,
        0 => 1,
        d => d + 1,
    };
    chars[at] = with_digit(zero, new);
    Some(chars.into_iter().collect())
}

fn run_value(chars: &[char], (start, end): (usize, usize)) -> u32 {
    chars[start..end]
        .iter()
        .fold(0, |v, &c| v * 10 + digit(c).map_or(0, |(d, _)| d))
}

fn replace_run(chars: &mut Vec<char>, (start, end): (usize, usize), value: u32) -> String {
    let zero = digit(chars[start]).map_or('0' as u32, |(_, z)| z);
    let digits: Vec<char> = format!("{value:0width$}", width = end - start)
        .chars()
        .map(|c| with_digit(zero, c.to_digit(10).unwrap_or(0)))
        .collect();
    chars.splice(start..end, digits);
    chars.iter().collect()
}

fn year_plus_one(fact: &Fact, written: &str) -> Option<String> {
    let year = match (&fact.value, fact.kind) {
        (Value::Date(d), _) => d.year?,
        (Value::Quantity(q), Kind::Year) => q.value.to_string().parse().ok()?,
        _ => return None,
    };
    let mut chars: Vec<char> = written.chars().collect();
    let run = digit_runs(&chars)
        .into_iter()
        .find(|&r| run_value(&chars, r) == year as u32)?;
    Some(replace_run(&mut chars, run, year as u32 + 1))
}

fn day_plus_one(fact: &Fact, written: &str) -> Option<String> {
    let Value::Date(date) = &fact.value else {
        return None;
    };
    let day = u32::from(date.day?);
    let mut chars: Vec<char> = written.chars().collect();
    let run = digit_runs(&chars)
        .into_iter()
        .find(|&r| r.1 - r.0 <= 2 && run_value(&chars, r) == day)?;
    let new = if day >= 28 { day - 1 } else { day + 1 };
    Some(replace_run(&mut chars, run, new))
}

fn transpose(written: &str) -> Option<String> {
    let mut chars: Vec<char> = written.chars().collect();
    let run = digit_runs(&chars)
        .into_iter()
        .rev()
        .find_map(|(start, end)| {
            (start..end.saturating_sub(1)).rev().find(|&i| {
                chars[i] != chars[i + 1] && !(i == start && digit(chars[i + 1]) == digit('0'))
            })
        })?;
    chars.swap(run, run + 1);
    Some(chars.into_iter().collect())
}

/// Finds a whole word or phrase of `forms` in `written`, case-insensitively: its byte span.
fn find_form(written: &str, forms: &[String]) -> Option<std::ops::Range<usize>> {
    let lower = written.to_lowercase();
    if lower.len() != written.len() {
        return None;
    }
    let mut best: Option<std::ops::Range<usize>> = None;
    for form in forms.iter().filter(|f| !f.contains('*')) {
        let form = form.to_lowercase();
        for (at, _) in lower.match_indices(&form) {
            let end = at + form.len();
            let before = lower[..at].chars().next_back();
            let after = lower[end..].chars().next();
            let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            let cjk = form.chars().any(|c| c as u32 > 0x2E80);
            if (cjk || (bounded(before) && bounded(after)))
                && best.as_ref().is_none_or(|b| end - at > b.len())
            {
                best = Some(at..end);
            }
        }
    }
    best
}

fn other_scale(written: &str, pack: &LangPack) -> Option<String> {
    let (index, span) = pack
        .scales
        .iter()
        .enumerate()
        .find_map(|(i, s)| Some((i, find_form(written, &s.words)?)))?;
    let factor = pack.scales[index].factor.0;
    let thousand = rust_decimal::Decimal::from(1000);
    let other = pack
        .scales
        .iter()
        .find(|s| s.factor.0 == factor * thousand)
        .or_else(|| pack.scales.iter().find(|s| s.factor.0 * thousand == factor))?;
    let word = other.words.iter().find(|w| !w.contains('*'))?;
    Some(format!(
        "{}{}{}",
        &written[..span.start],
        word,
        &written[span.end..]
    ))
}

fn flip_qualifier(fact: &Fact, written: &str, pack: &LangPack) -> Option<String> {
    let q = &pack.qualifiers;
    let (from, to) = match fact.qualifier {
        Qualifier::MoreThan => (&q.more_than, &q.less_than),
        Qualifier::LessThan => (&q.less_than, &q.more_than),
        Qualifier::AtLeast => (&q.at_least, &q.at_most),
        Qualifier::AtMost => (&q.at_most, &q.at_least),
        _ => return None,
    };
    let span = find_form(written, from)?;
    let word = to.iter().find(|w| !w.contains('*'))?;
    Some(format!(
        "{}{}{}",
        &written[..span.start],
        word,
        &written[span.end..]
    ))
}
