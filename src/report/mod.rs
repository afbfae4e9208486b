//! Reports: one file per output format, each writing to any `io::Write`. Reports only format what
//! earlier stages found; they never extract, compare, or decide the exit code.

pub mod diff;
pub mod json;
pub mod text;

use crate::analysis::Analysis;
use crate::compare::Comparison;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// One compared pair of versions, as reports receive it.
#[derive(Clone, Copy)]
pub struct Pair<'a> {
    pub left: &'a Analysis,
    pub right: &'a Analysis,
    pub comparison: &'a Comparison,
}
