//! Reading documents: bytes from disk become text with a line index, or a located error.
//!
//! The text is kept exactly as read (a UTF-8 BOM and CRLF line ends included), so every byte span a
//! later stage reports points into the file itself. Nothing here ever writes to a file.
//!
//! Marked-up files ([`Format::Markdown`], [`Format::Html`]) are read as a [`Source`]: the document
//! as read, plus its [`Prose`] (what is read for facts, with a map back into the file), a language
//! the file declares, and the suppression [`Marker`]s its comments hold. Translation files
//! ([`units`]) are read the same way, one language at a time, with their units.

pub mod html;
pub mod markdown;
pub mod prose;
pub mod units;

pub use prose::Prose;

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const BOM: char = '\u{feff}';
/// The largest file read unless a run raises the limit (`--max-input-size`, `max-input-size:`).
pub const DEFAULT_MAX_INPUT_SIZE: u64 = 64_000_000;
/// Bytes between two points of the column index: a column is then counted from the nearest
/// point, not from the start of its line, which keeps long lines linear.
const COLUMN_STRIDE: usize = 256;

/// One document as read.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as the user gave it; reports show it unchanged.
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
    /// Points about `COLUMN_STRIDE` bytes apart: (byte offset, characters before it, a BOM not
    /// counted).
    column_points: Vec<(usize, usize)>,
}

impl Document {
    /// Reads a file, refusing directories, files over `max_size` bytes (told by the file system
    /// before anything is read), binary data, invalid UTF-8 and empty files.
    pub fn read(path: &Path, max_size: u64) -> Result<Document> {
        use std::io::Read;
        if path.is_dir() {
            return Err(Error::Directory { path: path.into() });
        }
        let io = |source| Error::Io {
            path: path.into(),
            source,
        };
        let too_large = |size| Error::TooLarge {
            path: path.into(),
            size: Size(size),
            limit: Size(max_size),
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let size = file.metadata().map_err(io)?.len();
        if size > max_size {
            return Err(too_large(size));
        }
        // The file may grow while it is read: never read more than one byte past the limit.
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        file.take(max_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > max_size {
            return Err(too_large(bytes.len() as u64));
        }
        Document::from_bytes(path, bytes)
    }

    /// Builds a document from bytes already in memory, with the same checks as [`Document::read`].
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Document> {
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return Err(Error::Binary {
                path: path.into(),
                offset,
            });
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let (line, column) = position_in(std::str::from_utf8(valid).unwrap_or_default());
            Error::InvalidUtf8 {
                path: path.into(),
                line,
                column,
            }
        })?;
        if text
            .trim_matches(|c: char| c.is_whitespace() || c == BOM)
            .is_empty()
        {
            return Err(Error::Empty { path: path.into() });
        }
        Ok(Document::from_text(path, text))
    }

    /// Wraps text that is already known to be good (tests, benchmarks).
    pub fn from_text(path: impl Into<PathBuf>, text: String) -> Document {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut column_points = vec![(0, 0)];
        let mut before = 0;
        for (at, c) in text.char_indices() {
            if at >= column_points[column_points.len() - 1].0 + COLUMN_STRIDE {
                column_points.push((at, before));
            }
            before += usize::from(c != BOM);
        }
        Document {
            path: path.into(),
            text,
            line_starts,
            column_points,
        }
    }

    /// 1-based line and character column of a byte offset; a leading BOM takes no column.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        (line, self.chars_to(offset) - self.chars_to(start) + 1)
    }

    /// The characters before `offset`, counted on from the index point at or before it.
    fn chars_to(&self, offset: usize) -> usize {
        let i = self.column_points.partition_point(|&(at, _)| at <= offset);
        let (at, before) = self.column_points[i - 1];
        before + count_chars(&self.text[at..offset])
    }

    /// The text of the line holding `offset`, without its line end.
    pub fn line_text(&self, offset: usize) -> &str {
        let (line, _) = self.line_column(offset);
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The file name, used for language hints (`story.ru.txt`).
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// How a file is read.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Every character is prose.
    Text,
    /// Code blocks, inline code, link targets, HTML and front matter are not prose.
    Markdown,
    /// The text of the body; tags, attributes, scripts and styles are not prose; entities decoded.
    Html,
    /// XLIFF 1.2 or 2.x: the source and target texts of each unit.
    Xliff,
    /// gettext PO or POT: `msgid` and `msgstr` of each entry.
    Po,
    /// A JSON message file (i18next, react-intl, Flutter ARB): each string a unit.
    Json,
    /// A YAML message file (Rails `config/locales/fr.yml`): each string a unit.
    Yaml,
    /// Android string resources (`values-fr/strings.xml`): each string, plural and array item.
    Android,
    /// A Java `.properties` resource bundle: each value a unit.
    Properties,
}

impl Format {
    /// The formats file extensions name by default (lower case, no dot).
    pub const BY_EXTENSION: [(&'static str, Format); 17] = [
        ("md", Format::Markdown),
        ("markdown", Format::Markdown),
        ("mdx", Format::Markdown),
        ("html", Format::Html),
        ("htm", Format::Html),
        ("xhtml", Format::Html),
        ("txt", Format::Text),
        ("xlf", Format::Xliff),
        ("xliff", Format::Xliff),
        ("po", Format::Po),
        ("pot", Format::Po),
        ("json", Format::Json),
        ("arb", Format::Json),
        ("yml", Format::Yaml),
        ("yaml", Format::Yaml),
        ("xml", Format::Android),
        ("properties", Format::Properties),
    ];

    /// Whether one file holds two languages (source and target texts).
    pub fn is_bilingual(self) -> bool {
        matches!(self, Format::Xliff | Format::Po)
    }

    /// The format a path's extension names, plain text when none does.
    pub fn of_path(path: &Path) -> Format {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        Format::BY_EXTENSION
            .iter()
            .find(|(e, _)| *e == extension)
            .map_or(Format::Text, |(_, f)| *f)
    }
}

/// A suppression written in a comment of the document (`<!-- factdiff-ignore: rule-id -->`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub kind: MarkerKind,
    /// Byte offset of the comment in the file (for error messages).
    pub at: usize,
    /// Prose offset just after the comment (where the suppression starts).
    pub prose_at: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkerKind {
    /// The next paragraph; the rule ids listed, or every rule when none is.
    Ignore(Vec<String>),
    /// Every rule from here to the next `On` (or the end).
    Off,
    On,
}

/// The marker a comment's text (between `<!--` and `-->`) holds, if any.
pub fn marker_in_comment(comment: &str) -> Option<MarkerKind> {
    let words = comment.trim();
    let rest = words.strip_prefix("factdiff-")?;
    match rest {
        "off" => Some(MarkerKind::Off),
        "on" => Some(MarkerKind::On),
        "ignore" => Some(MarkerKind::Ignore(Vec::new())),
        _ => {
            let ids = rest.strip_prefix("ignore:")?;
            Some(MarkerKind::Ignore(
                ids.split([',', ' '])
                    .filter(|id| !id.is_empty())
                    .map(str::to_string)
                    .collect(),
            ))
        }
    }
}

/// A document as read, with what its format says about it.
#[derive(Debug, Clone)]
pub struct Source {
    pub document: Document,
    /// What is read for facts, when it is not the whole text.
    pub prose: Option<Prose>,
    /// The language the document declares (`<html lang="fr">`), as written.
    pub lang: Option<String>,
    pub markers: Vec<Marker>,
    /// The units of a translation file, in file order.
    pub units: Option<Vec<units::Unit>>,
    /// The source texts of a bilingual file: its path names the language of its translations
    /// (`locale/fr/LC_MESSAGES/x.po`), not theirs.
    pub source_texts: bool,
}

impl Source {
    /// Reads a file of at most `max_size` bytes in the given format as one version: a
    /// translation file's translations (its source texts when it has none, as a POT file).
    pub fn read(path: &Path, format: Format, max_size: u64) -> Result<Source> {
        Source::parse(Document::read(path, max_size)?, format)
    }

    /// Reads a document already in memory in the given format, as [`Source::read`] does.
    pub fn parse(document: Document, format: Format) -> Result<Source> {
        if let Some(sides) = units::sides(&document, format)? {
            let side = sides
                .iter()
                .rev()
                .find(|s| !s.units.is_empty())
                .unwrap_or(&sides[0]);
            return Ok(Source::of_side(document, side, false));
        }
        let (prose, lang, markers) = match format {
            Format::Markdown => {
                let (prose, markers) = markdown::prose(&document.text);
                (Some(prose), None, markers)
            }
            Format::Html => {
                let read = html::prose(&document.text);
                (Some(read.prose), read.lang, read.markers)
            }
            _ => (None, None, Vec::new()),
        };
        Ok(Source {
            document,
            prose,
            lang,
            markers,
            units: None,
            source_texts: false,
        })
    }

    /// Reads every language of a file: the source texts and the translations of a bilingual
    /// translation file, else the file as one version.
    pub fn read_languages(path: &Path, format: Format, max_size: u64) -> Result<Vec<Source>> {
        let document = Document::read(path, max_size)?;
        match units::sides(&document, format)? {
            Some(sides) if format.is_bilingual() => Ok(sides
                .iter()
                .enumerate()
                .map(|(i, side)| Source::of_side(document.clone(), side, i == 0))
                .collect()),
            _ => Ok(vec![Source::parse(document, format)?]),
        }
    }

    fn of_side(document: Document, side: &units::Side, source_texts: bool) -> Source {
        let (prose, units) = units::prose_of(&document.text, side);
        Source {
            document,
            prose: Some(prose),
            lang: side.lang.clone(),
            markers: Vec::new(),
            units: Some(units),
            source_texts,
        }
    }
}

/// A number of bytes, shown in decimal units (`100.0 MB`) with the exact count when it is not
/// a round one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size(pub u64);

const SIZE_UNITS: [(&str, u64); 7] = [
    ("GiB", 1 << 30),
    ("MiB", 1 << 20),
    ("KiB", 1 << 10),
    ("GB", 1_000_000_000),
    ("MB", 1_000_000),
    ("KB", 1_000),
    ("B", 1),
];

impl std::str::FromStr for Size {
    type Err = String;

    /// A size as a user writes it: `200MB`, `1.5 GB`, `64MiB`, `500000` (bytes). Units are
    /// decimal (KB, MB, GB) or binary (KiB, MiB, GiB), in any case.
    fn from_str(written: &str) -> std::result::Result<Size, String> {
        let bad = || {
            format!(
                "`{written}` is not a size (write e.g. 200MB, 1.5GB, 64MiB or a number of bytes)"
            )
        };
        let trimmed = written.trim();
        let digits = trimmed
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(trimmed.len());
        let (number, unit) = trimmed.split_at(digits);
        let unit = unit.trim();
        let scale = match unit {
            "" => 1,
            _ => {
                SIZE_UNITS
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(unit))
                    .ok_or_else(bad)?
                    .1
            }
        };
        let number: rust_decimal::Decimal = number.parse().map_err(|_| bad())?;
        let bytes = number
            .checked_mul(scale.into())
            .map(|b| b.ceil())
            .and_then(|b| u64::try_from(b).ok())
            .ok_or_else(bad)?;
        Ok(Size(bytes))
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Size(bytes) = *self;
        if bytes < 1_000_000 {
            return write!(f, "{bytes} bytes");
        }
        write!(
            f,
            "{}.{} MB",
            bytes / 1_000_000,
            bytes % 1_000_000 / 100_000
        )?;
        if bytes % 100_000 != 0 {
            write!(f, " ({bytes} bytes)")?;
        }
        Ok(())
    }
}

fn position_in(valid: &str) -> (usize, usize) {
    let line = valid.matches('\n').count() + 1;
    let last_line = valid.rsplit('\n').next().unwrap_or("");
    (line, last_line.chars().count() + 1)
}

fn count_chars(text: &str) -> usize {
    text.chars().filter(|&c| c != BOM).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_keep_byte_offsets_and_columns() {
        let doc = Document::from_bytes(
            Path::new("a.txt"),
            "\u{feff}ab\r\ncd 17".as_bytes().to_vec(),
        )
        .unwrap();
        let offset = doc.text.find("17").unwrap();
        assert_eq!(doc.line_column(offset), (2, 4));
        assert_eq!(doc.line_column(3), (1, 1));
        assert_eq!(doc.line_text(offset), "cd 17");
    }

    #[test]
    fn sizes_read_in_decimal_and_binary_units() {
        let size = |text: &str| text.parse::<Size>().map(|s| s.0);
        assert_eq!(size("200MB"), Ok(200_000_000));
        assert_eq!(size("1.5 gb"), Ok(1_500_000_000));
        assert_eq!(size("64MiB"), Ok(64 << 20));
        assert_eq!(size("500000"), Ok(500_000));
        assert!(size("lots").is_err());
        assert!(size("12 parsecs").is_err());
        assert!(size("-1MB").is_err());
        assert_eq!(Size(64_000_000).to_string(), "64.0 MB");
        assert_eq!(Size(100_013_732).to_string(), "100.0 MB (100013732 bytes)");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "17 ".repeat(1000)).unwrap();
        let err = Document::read(&path, 2999).unwrap_err();
        assert!(
            matches!(
                err,
                Error::TooLarge {
                    size: Size(3000),
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("big.txt"), "{err}");
        assert!(Document::read(&path, 3000).is_ok());
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = Document::from_bytes(Path::new("x.txt"), b"ok\nab\xffc".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.txt:2:3: invalid UTF-8 (only UTF-8 text is read)"
        );
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert!(matches!(
            Document::from_bytes(Path::new("e"), b" \n".to_vec()),
            Err(Error::Empty { .. })
        ));
        assert!(matches!(
            Document::from_bytes(Path::new("b"), b"a\0b".to_vec()),
            Err(Error::Binary { offset: 1, .. })
        ));
    }
}
