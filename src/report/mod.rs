//! Reports: one file per output format, each writing to any `io::Write`. Reports only format what
//! earlier stages found; they never extract, compare, or decide the exit code.

pub mod json;
pub mod text;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}
