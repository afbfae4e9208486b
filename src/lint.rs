//! `factdiff lint`: every document set of a configuration, checked version by version against its
//! reference, in parallel, with inline suppressions and a baseline applied.
//!
//! Each set is read, analysed and compared on its own, a few at once ([`ordered`]); results are
//! handed on in the sorted order of the sets as they come, so output never depends on scheduling
//! and memory does not grow with the number of sets. Every finding gets a [`State`]: active (it
//! counts), suppressed by a marker in the document, or accepted by the baseline. Reports show the
//! active findings ([`Judged::shown`]) and count the others.

use crate::analysis::{Analysis, Engine};
use crate::baseline::{self, Baseline, Entry, Numbering};
use crate::compare::{self, Comparison, Finding, Summary};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::policy::{Policy, Severity, Status};
use crate::report::Pair;
use crate::source::Source;
use crate::suppress::Suppressions;
use crate::walk::{self, DocumentSet, Version};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

pub mod ordered;

/// Whether a finding counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Active,
    /// Exempted by a `factdiff-ignore` or `factdiff-off` marker in one of the documents.
    Suppressed,
    /// Accepted by the baseline.
    Baselined,
}

/// One compared pair of a set.
#[derive(Debug, Clone)]
pub struct Judged {
    /// Indices into the set's analyses; equal for a document's inconsistencies within itself.
    pub left: usize,
    pub right: usize,
    /// Every finding, in alignment order.
    pub all: Comparison,
    /// The state of each finding of `all`.
    pub states: Vec<State>,
    /// The fingerprint of each finding of `all`.
    pub fingerprints: Vec<String>,
    /// The active findings when some are not: kept apart only then, to spare memory.
    active: Option<Comparison>,
}

impl Judged {
    /// Every finding with its state and fingerprint.
    pub fn rows(&self) -> impl Iterator<Item = (&Finding, &State, &String)> {
        self.all
            .findings
            .iter()
            .zip(&self.states)
            .zip(&self.fingerprints)
            .map(|((finding, state), fingerprint)| (finding, state, fingerprint))
    }

    /// The active findings, with their counts: what reports show.
    pub fn shown(&self) -> &Comparison {
        self.active.as_ref().unwrap_or(&self.all)
    }

    fn count(&self, state: State) -> usize {
        self.states.iter().filter(|&&s| s == state).count()
    }

    /// Marks the findings `baselining` accepts as baselined, then sets the active ones apart.
    fn apply(&mut self, baselining: Baselining) {
        let rows = self.states.iter_mut().zip(&self.fingerprints);
        for ((state, fingerprint), finding) in rows.zip(&self.all.findings) {
            let accepted = match baselining {
                Baselining::None => false,
                Baselining::Apply(baseline) => baseline.contains(fingerprint),
                Baselining::AcceptAll => finding.status != Status::Agree,
            };
            if *state == State::Active && accepted {
                *state = State::Baselined;
            }
        }
        self.refresh();
    }

    fn refresh(&mut self) {
        if self.states.iter().all(|&s| s == State::Active) {
            self.active = None;
            return;
        }
        let findings: Vec<Finding> = self
            .all
            .findings
            .iter()
            .zip(&self.states)
            .filter(|(_, s)| **s == State::Active)
            .map(|(f, _)| f.clone())
            .collect();
        self.active = Some(Comparison {
            summary: Summary::of(&findings),
            findings,
            sentences: self.all.sentences.clone(),
        });
    }
}

/// One document set, checked.
pub struct SetResult {
    /// `content/{lang}/guide/install.md`
    pub key: String,
    pub reference: String,
    /// The language each version's path names, in the order of `analyses`.
    pub langs: Vec<String>,
    /// The reference first, then the other versions by language.
    pub analyses: Vec<Analysis>,
    pub pairs: Vec<Judged>,
}

impl SetResult {
    /// The pairs as reports take them (active findings only).
    pub fn report_pairs(&self) -> Vec<Pair<'_>> {
        self.pairs
            .iter()
            .map(|p| Pair {
                left: &self.analyses[p.left],
                right: &self.analyses[p.right],
                comparison: p.shown(),
            })
            .collect()
    }

    /// The findings a baseline written now would accept: every one not suppressed, agreements
    /// aside.
    pub fn baseline_entries(&self) -> Vec<Entry> {
        let mut entries = Vec::new();
        for pair in &self.pairs {
            for (finding, state, fingerprint) in pair.rows() {
                if *state == State::Suppressed || finding.status == Status::Agree {
                    continue;
                }
                entries.push(Entry {
                    set: self.key.clone(),
                    file: self.analyses[pair.right]
                        .document
                        .path
                        .display()
                        .to_string(),
                    fingerprint: fingerprint.clone(),
                    rule: finding.rule.clone(),
                    message: finding.message.clone(),
                });
            }
        }
        entries
    }

    /// Whether any active finding is more than an agreement.
    pub fn has_findings(&self) -> bool {
        self.pairs
            .iter()
            .any(|p| p.shown().findings.iter().any(|f| f.status != Status::Agree))
    }
}

/// Counts over a whole run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub sets: usize,
    pub documents: usize,
    /// The active findings.
    pub findings: Summary,
    pub suppressed: usize,
    pub baselined: usize,
    /// Sets with no version in their reference language: nothing to compare them with.
    pub orphans: Vec<String>,
}

impl Totals {
    /// The highest severity among the active findings.
    pub fn worst(&self) -> Severity {
        let f = &self.findings;
        [
            (f.errors, Severity::Error),
            (f.warnings, Severity::Warning),
            (f.infos, Severity::Info),
        ]
        .into_iter()
        .find(|&(count, _)| count > 0)
        .map_or(Severity::Off, |(_, severity)| severity)
    }

    fn add(&mut self, set: &SetResult) {
        self.sets += 1;
        self.documents += set.analyses.len();
        for pair in &set.pairs {
            self.findings.add(&pair.shown().summary);
            self.suppressed += pair.count(State::Suppressed);
            self.baselined += pair.count(State::Baselined);
        }
    }
}

/// The document sets of a configuration, found but not read yet.
pub struct Plan {
    /// The sets with a reference version, sorted by name: the ones a run checks.
    pub sets: Vec<DocumentSet>,
    /// The names of the others.
    pub orphans: Vec<String>,
}

impl Plan {
    /// Finds the document sets of `config` whose languages `engine` can read.
    pub fn of(config: &Config, engine: &Engine) -> Result<Plan> {
        let all = walk::document_sets(config, &|code| engine.rules.pack_for_tag(code).is_some())?;
        let (sets, orphans): (Vec<DocumentSet>, Vec<DocumentSet>) =
            all.into_iter().partition(DocumentSet::has_reference);
        Ok(Plan {
            sets,
            orphans: orphans.into_iter().map(|s| s.key).collect(),
        })
    }
}

/// What a run does with a baseline.
#[derive(Clone, Copy)]
pub enum Baselining<'a> {
    /// Every finding counts.
    None,
    /// The findings it accepts are baselined.
    Apply(&'a Baseline),
    /// Every finding that is not suppressed is baselined, as a baseline written now would accept
    /// it (`--write-baseline`).
    AcceptAll,
}

/// How a run goes.
pub struct Options<'a> {
    /// How many sets are checked at once.
    pub jobs: usize,
    pub baselining: Baselining<'a>,
    /// Called with the number of sets done and the total, from any thread.
    pub progress: &'a (dyn Fn(usize, usize) + Sync),
}

/// Reads, analyses and compares every document set of `plan`, `options.jobs` at a time, and hands
/// each result to `each` in the order of the sets, as soon as the sets before it are handed over:
/// only a few results are held at once, however many sets there are. Stops at the first error, in
/// set order.
pub fn run<E: From<Error>>(
    plan: &Plan,
    engine: &Engine,
    policy: &Policy,
    options: &Options,
    mut each: impl FnMut(SetResult) -> std::result::Result<(), E>,
) -> std::result::Result<Totals, E> {
    let mut totals = Totals {
        orphans: plan.orphans.clone(),
        ..Totals::default()
    };
    compile_packs(plan, engine, options.jobs)?;
    let done = AtomicUsize::new(0);
    let check = |index: usize| {
        let result = lint_set(&plan.sets[index], engine, policy, options.baselining);
        (options.progress)(done.fetch_add(1, Ordering::Relaxed) + 1, plan.sets.len());
        result
    };
    ordered::map(plan.sets.len(), options.jobs, check, |result| {
        let set = result?;
        totals.add(&set);
        each(set)
    })?;
    Ok(totals)
}

/// Compiles the packs of the languages the sets name, a few at once: otherwise the first sets
/// would each compile (or wait for) the same packs.
fn compile_packs(plan: &Plan, engine: &Engine, jobs: usize) -> Result<()> {
    let langs: BTreeSet<&str> = plan
        .sets
        .iter()
        .flat_map(|set| &set.versions)
        // A language with no pack is an error of the document that names it, in set order.
        .filter_map(|version| engine.rules.pack_for_tag(&version.lang))
        .map(|pack| pack.code.as_str())
        .collect();
    let langs: Vec<&str> = langs.into_iter().collect();
    let compile = |i: usize| engine.extractors.get(&engine.rules, langs[i]).map(drop);
    ordered::map(langs.len(), jobs, compile, |compiled| compiled)
}

fn lint_set(
    set: &DocumentSet,
    engine: &Engine,
    policy: &Policy,
    baselining: Baselining,
) -> Result<SetResult> {
    let mut analyses = Vec::with_capacity(set.versions.len() + 1);
    let mut suppressions = Vec::with_capacity(set.versions.len() + 1);
    let mut langs = Vec::with_capacity(set.versions.len() + 1);
    let mut add = |mut source: Source, version: &Version, lang: &str| -> Result<()> {
        source.document.path = version.shown.clone().into();
        suppressions.push(Suppressions::of(
            &source,
            policy,
            &version.path.display().to_string(),
        )?);
        analyses.push(engine.analyze_source(source, Some(lang))?);
        langs.push(lang.to_string());
        Ok(())
    };
    if !set.reference_has_a_file() {
        let first = &set.versions[0];
        let sides = Source::read_languages(&first.path, first.format, engine.max_input_size)?;
        let source_texts = sides.into_iter().next().expect("a file has a side");
        add(source_texts, first, &set.reference)?;
    }
    for version in &set.versions {
        let source = Source::read(&version.path, version.format, engine.max_input_size)?;
        add(source, version, &version.lang)?;
    }
    let mut numbering = Numbering::default();
    let pairs = compare::against_reference(&analyses, policy)
        .into_iter()
        .map(|(left, right, all)| {
            let (l, r) = (&analyses[left], &analyses[right]);
            let states = all
                .findings
                .iter()
                .map(|f| state(f, l, r, &suppressions[left], &suppressions[right]))
                .collect();
            let fingerprints = all
                .findings
                .iter()
                .map(|f| baseline::fingerprint(&set.key, l, r, f, &mut numbering))
                .collect();
            let mut judged = Judged {
                left,
                right,
                all,
                states,
                fingerprints,
                active: None,
            };
            judged.apply(baselining);
            judged
        })
        .collect();
    Ok(SetResult {
        key: set.key.clone(),
        reference: set.reference.clone(),
        langs,
        analyses,
        pairs,
    })
}

/// Suppressed when a marker of either document covers its fact there; agreements never are.
fn state(
    finding: &Finding,
    left: &Analysis,
    right: &Analysis,
    left_marks: &Suppressions,
    right_marks: &Suppressions,
) -> State {
    let covered = |analysis: &Analysis, marks: &Suppressions, index: Option<usize>| {
        index.is_some_and(|i| marks.covers(analysis.facts[i].start, &finding.rule))
    };
    let suppressed = finding.status != Status::Agree
        && (covered(left, left_marks, finding.left) || covered(right, right_marks, finding.right));
    if suppressed {
        State::Suppressed
    } else {
        State::Active
    }
}
