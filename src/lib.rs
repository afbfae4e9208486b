//! factdiff checks that the language versions of one text state the same facts.
//!
//! Data flows one way through one module per stage:
//! [`source`] (bytes → text with spans) → [`lang`] (which language, and why) → [`segment`]
//! (sentences) → [`extract`] (facts, per language, from [`rules`]) → [`sentalign`] (which
//! sentences translate which; for translation files [`unitalign`], which unit is which) → [`align`] (pairs of facts across versions) → [`compare`] (status and severity from the [`policy`]) → [`report`] (text, JSON).
//! [`analysis`] runs the per-document stages. The library never prints and never exits: the
//! `factdiff` binary decides both.
//!
//! Around the stages, `factdiff lint` works on whole repositories: [`config`] (`factdiff.yaml`),
//! [`walk`] (which files are versions of one document), [`init`] (a configuration for a tree's layout), [`lint`] (every set, in parallel),
//! [`suppress`] (markers in documents), [`baseline`] (accepted findings) and [`snapshot`] (fact
//! sheets per document set).

pub mod align;
pub mod analysis;
pub mod baseline;
pub mod compare;
pub mod config;
pub mod error;
pub mod extract;
pub mod fact;
pub mod init;
pub mod lang;
pub mod lint;
pub mod policy;
pub mod report;
pub mod rules;
pub mod segment;
pub mod sentalign;
pub mod snapshot;
pub mod source;
pub mod suppress;
pub mod unitalign;
pub mod walk;

pub use analysis::{Analysis, Engine};
pub use error::{Error, Result};

/// The version of the JSON output format (docs/json-format.md).
pub const JSON_VERSION: u32 = 1;
