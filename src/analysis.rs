//! The per-document stages run in order: read the file, decide its language, split its sentences,
//! extract its facts. What comes out is everything later stages know about one version. A marked-up
//! file ([`Source`]) is read through its prose, and its facts and sentences are moved back to where
//! they stand in the file.

use crate::error::Result;
use crate::extract::Extractors;
use crate::fact::Fact;
use crate::lang::{self, Language};
use crate::rules::{Direction, RuleSet};
use crate::segment::Sentences;
use crate::source::units::{self, Unit};
use crate::source::{Document, Format, Prose, Source, DEFAULT_MAX_INPUT_SIZE};
use std::path::{Path, PathBuf};

/// The compiled rules of a run: read and compiled once, used for every document.
pub struct Engine {
    pub rules: RuleSet,
    pub extractors: Extractors,
    /// The largest file the run reads, in bytes.
    pub max_input_size: u64,
}

impl Engine {
    /// Embedded rules, with the files of `rules_dirs` adding to or replacing them, in order.
    pub fn load(rules_dirs: &[PathBuf]) -> Result<Engine> {
        let rules = RuleSet::with_dirs(rules_dirs)?;
        let extractors = Extractors::new(&rules);
        Ok(Engine {
            rules,
            extractors,
            max_input_size: DEFAULT_MAX_INPUT_SIZE,
        })
    }

    /// Reads and analyses one file in the format its extension names (.md, .html, else text).
    pub fn analyze_file(&self, path: &Path, lang_flag: Option<&str>) -> Result<Analysis> {
        let source = Source::read(path, Format::of_path(path), self.max_input_size)?;
        self.analyze_with(source, lang_flag, None)
    }

    /// Analyses a plain-text document already read.
    pub fn analyze(&self, document: Document, lang_flag: Option<&str>) -> Result<Analysis> {
        self.analyze_with(Source::parse(document, Format::Text)?, lang_flag, None)
    }

    /// Analyses a document read in its format, in the language `lang_flag` names if any.
    pub fn analyze_read(&self, source: Source, lang_flag: Option<&str>) -> Result<Analysis> {
        self.analyze_with(source, lang_flag, None)
    }

    /// Analyses a document read in its format. `path_lang` is the language its path names.
    pub fn analyze_source(&self, source: Source, path_lang: Option<&str>) -> Result<Analysis> {
        self.analyze_with(source, None, path_lang)
    }

    /// Facts are found in the document's prose, and their spans, lines and columns point into the
    /// file.
    fn analyze_with(
        &self,
        source: Source,
        lang_flag: Option<&str>,
        path_lang: Option<&str>,
    ) -> Result<Analysis> {
        let named = (source.units.is_some() && !source.source_texts)
            .then(|| units::lang_candidates(&source.document.path))
            .and_then(|codes| codes.into_iter().find(|c| self.rules.pack(c).is_some()));
        let hints = lang::Hints {
            flag: lang_flag,
            metadata: source.lang.as_deref(),
            path: path_lang.or(named.as_deref()),
        };
        let Some(mut prose) = source.prose else {
            let language = lang::resolve_with(&source.document, &hints, &self.rules)?;
            let (sentences, facts) = self.read(&source.document, &language)?;
            return Ok(Analysis {
                document: source.document,
                direction: self.direction(&language),
                language,
                sentences,
                facts,
                prose: None,
                units: None,
            });
        };
        // The prose is read as a document of its own, its text moved there and back, not copied.
        let reading = Document::from_text(
            source.document.path.clone(),
            std::mem::take(&mut prose.text),
        );
        let language = lang::resolve_with(&reading, &hints, &self.rules)?;
        let (sentences, facts) = self.read(&reading, &language)?;
        prose.text = reading.text;
        let document = source.document;
        let facts = facts
            .into_iter()
            .map(|fact| relocate(fact, &prose, &document))
            .collect();
        let sentences = sentences.map(|span| prose.span_in_file(span));
        let units = source.units.map(|units| with_sentences(units, &sentences));
        Ok(Analysis {
            sentences,
            units,
            document,
            direction: self.direction(&language),
            language,
            facts,
            prose: Some(prose),
        })
    }

    /// The direction the language's pack names.
    fn direction(&self, language: &Language) -> Direction {
        self.rules
            .pack(&language.code)
            .map_or_else(Direction::default, |pack| pack.direction)
    }

    /// The sentences and facts of a text in a language.
    fn read(&self, document: &Document, language: &Language) -> Result<(Sentences, Vec<Fact>)> {
        let pack = self
            .rules
            .pack(&language.code)
            .expect("resolve returns known packs");
        let extractor = self.extractors.get(&self.rules, &language.code)?;
        let sentences = Sentences::split(&document.text, &pack.abbreviations);
        Ok((sentences, extractor.extract(document)))
    }
}

/// A fact found in the prose, moved to where it stands in the file: its span, line and column,
/// and its text as the file writes it (`1&nbsp;000`).
fn relocate(mut fact: Fact, prose: &Prose, file: &Document) -> Fact {
    let span = prose.span_in_file(fact.start..fact.end);
    (fact.line, fact.column) = file.line_column(span.start);
    fact.text = file.text[span.clone()].to_string();
    (fact.start, fact.end) = (span.start, span.end);
    fact
}

/// The units with the sentences each holds: those that start inside its span.
fn with_sentences(mut units: Vec<Unit>, sentences: &Sentences) -> Vec<Unit> {
    let starts: Vec<usize> = (0..sentences.len())
        .map(|i| sentences.span(i).start)
        .collect();
    for unit in &mut units {
        let first = starts.partition_point(|&s| s < unit.span.start);
        let end = starts.partition_point(|&s| s < unit.span.end.max(unit.span.start + 1));
        unit.sentences = first..end.max(first);
    }
    units
}

/// One document with its language, sentences and facts.
pub struct Analysis {
    pub document: Document,
    pub language: Language,
    /// How its language is written: reports lay its text out that way.
    pub direction: Direction,
    pub sentences: Sentences,
    pub facts: Vec<Fact>,
    /// What was read for facts when the file is marked up (Markdown, HTML): reports cut snippets
    /// from it, so they show no markup.
    pub prose: Option<Prose>,
    /// The units of a translation file, in file order: versions are compared unit by unit.
    pub units: Option<Vec<Unit>>,
}

impl Analysis {
    /// The index of the unit holding byte `offset` of the file.
    pub fn unit_at(&self, offset: usize) -> Option<usize> {
        let units = self.units.as_ref()?;
        let i = units.partition_point(|u| u.span.end <= offset);
        (i < units.len() && units[i].span.start <= offset).then_some(i)
    }
}
