//! The per-document stages run in order: read the file, decide its language, split its sentences,
//! extract its facts. What comes out is everything later stages know about one version.

use crate::error::Result;
use crate::extract::Extractors;
use crate::fact::Fact;
use crate::lang::{self, Language};
use crate::rules::RuleSet;
use crate::segment::Sentences;
use crate::source::Document;
use std::path::Path;

/// The compiled rules of a run: read and compiled once, used for every document.
pub struct Engine {
    pub rules: RuleSet,
    pub extractors: Extractors,
}

impl Engine {
    /// Embedded rules, with `rules_dir` adding or overriding files when given.
    pub fn load(rules_dir: Option<&Path>) -> Result<Engine> {
        let rules = match rules_dir {
            Some(dir) => RuleSet::with_dir(dir)?,
            None => RuleSet::embedded()?,
        };
        let extractors = Extractors::compile(&rules)?;
        Ok(Engine { rules, extractors })
    }

    /// Reads and analyses one file.
    pub fn analyze_file(&self, path: &Path, lang_flag: Option<&str>) -> Result<Analysis> {
        self.analyze(Document::read(path)?, lang_flag)
    }

    /// Analyses a document already read.
    pub fn analyze(&self, document: Document, lang_flag: Option<&str>) -> Result<Analysis> {
        let language = lang::resolve(&document, lang_flag, &self.rules)?;
        let pack = self
            .rules
            .pack(&language.code)
            .expect("resolve returns known packs");
        let extractor = self
            .extractors
            .get(&language.code)
            .expect("every pack is compiled");
        let sentences = Sentences::split(&document.text, &pack.abbreviations);
        let facts = extractor.extract(&document);
        Ok(Analysis {
            document,
            language,
            sentences,
            facts,
        })
    }
}

/// One document with its language, sentences and facts.
pub struct Analysis {
    pub document: Document,
    pub language: Language,
    pub sentences: Sentences,
    pub facts: Vec<Fact>,
}
