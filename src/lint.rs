//! `factdiff lint`: every document set of a configuration, checked version by version against its
//! reference, in parallel, with inline suppressions and a baseline applied.
//!
//! Each set is read, analysed and compared on its own (rayon); results are kept in the sorted order
//! of the sets, so output never depends on scheduling. Every finding gets a [`State`]: active (it
//! counts), suppressed by a marker in the document, or accepted by the baseline. Reports show the
//! active findings ([`Judged::shown`]) and count the others.

use crate::analysis::{Analysis, Engine};
use crate::baseline::{self, Baseline, Entry, Numbering};
use crate::compare::{self, Comparison, Finding, Summary};
use crate::config::Config;
use crate::error::Result;
use crate::policy::{Policy, Severity, Status};
use crate::report::Pair;
use crate::source::Source;
use crate::suppress::Suppressions;
use crate::walk::{self, DocumentSet, Version};
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// A lint run.
pub struct Lint {
    pub sets: Vec<SetResult>,
    pub totals: Totals,
}

impl Lint {
    /// The highest severity among the active findings.
    pub fn worst(&self) -> Severity {
        self.active()
            .map(|(_, _, f)| f.severity)
            .max()
            .unwrap_or_default()
    }

    /// Every active finding with its set and pair.
    pub fn active(&self) -> impl Iterator<Item = (&SetResult, &Judged, &Finding)> {
        self.sets.iter().flat_map(|set| {
            set.pairs
                .iter()
                .flat_map(move |pair| pair.shown().findings.iter().map(move |f| (set, pair, f)))
        })
    }

    /// The findings a baseline written now would accept: every one not suppressed, agreements
    /// aside.
    pub fn baseline_entries(&self) -> Vec<Entry> {
        let mut entries = Vec::new();
        for set in &self.sets {
            for pair in &set.pairs {
                for (finding, state, fingerprint) in pair.rows() {
                    if *state == State::Suppressed || finding.status == Status::Agree {
                        continue;
                    }
                    entries.push(Entry {
                        set: set.key.clone(),
                        file: set.analyses[pair.right].document.path.display().to_string(),
                        fingerprint: fingerprint.clone(),
                        rule: finding.rule.clone(),
                        message: finding.message.clone(),
                    });
                }
            }
        }
        entries
    }

    /// Marks the active findings the baseline accepts as baselined.
    pub fn apply(&mut self, baseline: &Baseline) {
        for pair in self.sets.iter_mut().flat_map(|s| s.pairs.iter_mut()) {
            for (state, fingerprint) in pair.states.iter_mut().zip(&pair.fingerprints) {
                if *state == State::Active && baseline.contains(fingerprint) {
                    *state = State::Baselined;
                }
            }
            pair.refresh();
        }
        self.count();
    }

    fn count(&mut self) {
        let mut findings = Summary::default();
        let (mut suppressed, mut baselined) = (0, 0);
        for pair in self.sets.iter().flat_map(|s| &s.pairs) {
            findings.add(&pair.shown().summary);
            suppressed += pair.count(State::Suppressed);
            baselined += pair.count(State::Baselined);
        }
        self.totals.findings = findings;
        self.totals.suppressed = suppressed;
        self.totals.baselined = baselined;
    }
}

/// Reads, analyses and compares every document set of `config`. `progress` is called with the
/// number of sets done and the total, from any thread.
pub fn run(
    config: &Config,
    engine: &Engine,
    policy: &Policy,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Lint> {
    let all = walk::document_sets(config, &|code| engine.rules.pack(code).is_some())?;
    let (sets, orphans): (Vec<DocumentSet>, Vec<DocumentSet>) =
        all.into_iter().partition(DocumentSet::has_reference);
    let done = AtomicUsize::new(0);
    let results = sets
        .par_iter()
        .map(|set| {
            let result = lint_set(set, engine, policy);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, sets.len());
            result
        })
        .collect::<Vec<Result<SetResult>>>()
        .into_iter()
        .collect::<Result<Vec<SetResult>>>()?;
    let mut lint = Lint {
        totals: Totals {
            sets: results.len(),
            documents: results.iter().map(|s| s.analyses.len()).sum(),
            orphans: orphans.into_iter().map(|s| s.key).collect(),
            ..Totals::default()
        },
        sets: results,
    };
    lint.count();
    Ok(lint)
}

fn lint_set(set: &DocumentSet, engine: &Engine, policy: &Policy) -> Result<SetResult> {
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
            judged.refresh();
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
