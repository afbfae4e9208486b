//! The library's error type: every failure names the file it concerns, and the line and column where
//! there is one, so that `main` can print it as is and exit with code 2.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: is a directory, not a file")]
    Directory { path: PathBuf },
    #[error("{path}: looks like a binary file (NUL byte at byte {offset}), not text")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}:{line}:{column}: invalid UTF-8 (only UTF-8 text is read)")]
    InvalidUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{path}: is {size}, over the input size limit of {limit}; raise it with --max-input-size or `max-input-size:` in factdiff.yaml")]
    TooLarge {
        path: PathBuf,
        size: crate::source::Size,
        limit: crate::source::Size,
    },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: cannot tell the language ({reason}); name it with --lang or in the file name (name.<lang>.txt)")]
    UnknownLanguage { path: PathBuf, reason: String },
    #[error("{path}: no language pack for '{lang}' (known: {known})")]
    NoPack {
        path: PathBuf,
        lang: String,
        known: String,
    },
    /// Bad input that is not a rule file: a lint configuration found missing, a suppression marker
    /// naming an unknown rule, a baseline file that does not read.
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },
    /// A translation file that does not read (XLIFF, PO, JSON, ...).
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}:{line}:{column}: {message}")]
    Rule {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
