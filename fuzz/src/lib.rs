//! The bodies of the fuzz targets: each takes arbitrary bytes through the library API the
//! `factdiff` command uses and asserts what must hold for any input (no panic; facts and sentences
//! inside the text, on character boundaries; the same output on a second run).
//!
//! `fuzz/fuzz_targets/*.rs` call them under cargo-fuzz (nightly), and `tests/fuzz_regressions.rs`
//! replays the inputs the fuzzers found (tests/fuzz_regressions/<target>/) on stable, so the two
//! never drift apart. See docs/fuzzing.md.

use factdiff::baseline::Baseline;
use factdiff::compare;
use factdiff::config::Config;
use factdiff::extract::Extractors;
use factdiff::policy::Policy;
use factdiff::report::{self, Pair};
use factdiff::rules::{self, LangPack, RuleFile, RuleSet};
use factdiff::source::{Document, Format, Source};
use factdiff::{Analysis, Engine};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A fuzz target: arbitrary bytes in, a panic when an invariant breaks.
pub type Target = fn(&[u8]);

/// Every target by the name of its fuzz binary and regression folder.
pub const TARGETS: &[(&str, Target)] = &[
    ("extract", extract),
    ("check", check),
    ("rule_pack", rule_pack),
    ("config", config),
    ("policy", policy),
    ("baseline", baseline),
];

/// The formats the first byte of an `extract` or `check` input picks from.
const FORMATS: [(Format, &str); 3] = [
    (Format::Text, "txt"),
    (Format::Markdown, "md"),
    (Format::Html, "html"),
];

/// A short text in several languages that a changed rule file is tried on.
const SAMPLE: &str = "Le 31 janvier 2025, plus de 1,45 млн (17,78 %) de 209 foyers: XIV, \
    ١٧٫٣٣٪, 三千五百万户, twenty-one, 1 000 km, $5bn, 45-CT/TW, 2023–2025, 13/14.";

/// Loads the rules and compiles every pack once, before the first input: a fuzzer's time limit
/// per input then measures the input, not the start-up.
pub fn warm_up() {
    let engine = engine();
    embedded_policy();
    let sample = Document::from_text("sample.txt", SAMPLE.to_string());
    for code in engine.rules.codes() {
        let extractor = engine
            .extractors
            .get(&engine.rules, code)
            .expect("packs compile");
        extractor.extract(&sample);
    }
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(&[]).expect("embedded rules"))
}

fn embedded_policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| Policy::embedded().expect("embedded policy"))
}

/// The document of an `extract` or `check` input: its first byte picks the format and the
/// language (a pack, or detection from the text), the rest is the file.
struct Input<'a> {
    format: Format,
    extension: &'static str,
    lang: Option<&'static str>,
    bytes: &'a [u8],
}

fn input(data: &[u8]) -> Option<Input<'_>> {
    let (&first, bytes) = data.split_first()?;
    let codes = engine().rules.codes();
    let (format, extension) = FORMATS[usize::from(first) % FORMATS.len()];
    let choice = usize::from(first) / FORMATS.len() % (codes.len() + 1);
    let lang = codes.get(choice).copied();
    Some(Input {
        format,
        extension,
        lang,
        bytes,
    })
}

/// Reads and analyses a file's bytes as the command does; `None` when they are refused (binary,
/// not UTF-8, empty, language unknown), which is a clean error, not a failure.
fn analyse(name: &str, input: &Input<'_>, bytes: Vec<u8>) -> Option<Analysis> {
    let path = PathBuf::from(format!("{name}.{}", input.extension));
    let document = Document::from_bytes(&path, bytes).ok()?;
    let source = Source::parse(document, input.format).ok()?;
    let analysis = engine().analyze_source(source, input.lang).ok()?;
    assert_well_formed(&analysis);
    Some(analysis)
}

/// Facts and sentences point into the text, on character boundaries, and say where they are.
fn assert_well_formed(analysis: &Analysis) {
    let document = &analysis.document;
    let text = document.text.as_str();
    for fact in &analysis.facts {
        assert!(fact.start <= fact.end && fact.end <= text.len(), "{fact:?}");
        assert!(text.is_char_boundary(fact.start) && text.is_char_boundary(fact.end));
        assert_eq!(fact.text, text[fact.start..fact.end], "{fact:?}");
        assert_eq!(
            (fact.line, fact.column),
            document.line_column(fact.start),
            "{fact:?}"
        );
    }
    for index in 0..analysis.sentences.len() {
        let span = analysis.sentences.span(index);
        assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
}

fn extract_json(analysis: &Analysis) -> Vec<u8> {
    let mut json = Vec::new();
    report::json::write_extract(&mut json, std::slice::from_ref(analysis)).expect("writes");
    json
}

/// Extraction from a plain-text, Markdown or HTML file: well-formed, and the same twice.
pub fn extract(data: &[u8]) {
    let Some(input) = input(data) else { return };
    let Some(first) = analyse("fuzz", &input, input.bytes.to_vec()) else {
        return;
    };
    let second = analyse("fuzz", &input, input.bytes.to_vec()).expect("read once, read twice");
    assert_eq!(first.facts, second.facts);
    assert_eq!(extract_json(&first), extract_json(&second));
    report::text::write_extract(&mut Vec::new(), &[first]).expect("writes");
}

/// The copy of a document with some of its digits changed and, for odd seeds, its first line
/// gone: what a translation that got a figure wrong looks like.
fn mutated(bytes: &[u8], seed: u8) -> Vec<u8> {
    let step = usize::from(seed % 7) + 2;
    let skip = if seed % 2 == 1 {
        bytes.iter().position(|&b| b == b'\n').map_or(0, |i| i + 1)
    } else {
        0
    };
    bytes[skip..]
        .iter()
        .enumerate()
        .map(|(i, &b)| match b {
            b'0'..=b'9' if i % step == 0 => b'0' + (b - b'0' + 1) % 10,
            _ => b,
        })
        .collect()
}

/// Compares two analyses and writes the reports the command writes.
fn compare_and_report(left: &Analysis, right: &Analysis) -> compare::Comparison {
    let comparison = compare::compare(left, right, embedded_policy());
    let s = &comparison.summary;
    assert_eq!(
        2 * (s.agree + s.compatible + s.diverge) + s.missing_from_left + s.missing_from_right,
        left.facts.len() + right.facts.len(),
        "every fact is paired or missing"
    );
    let pairs = [Pair {
        left,
        right,
        comparison: &comparison,
    }];
    report::diff::write_check(&mut Vec::new(), &pairs).expect("writes");
    report::json::write_check(&mut Vec::new(), left, &pairs).expect("writes");
    comparison
}

/// `check` of a document (first byte: format and language; second: the mutation) against its
/// mutated copy, and against itself, which must agree on every fact.
pub fn check(data: &[u8]) {
    let Some(input) = input(data) else { return };
    let Some((&seed, bytes)) = input.bytes.split_first() else {
        return;
    };
    let Some(left) = analyse("left", &input, bytes.to_vec()) else {
        return;
    };
    if let Some(right) = analyse("right", &input, mutated(bytes, seed)) {
        compare_and_report(&left, &right);
    }
    let itself = compare_and_report(&left, &left).summary;
    assert_eq!(
        (
            itself.diverge,
            itself.missing_from_left,
            itself.missing_from_right
        ),
        (0, 0, 0),
        "a document agrees with itself"
    );
}

/// The rule files a `rule_pack` input's first byte picks from; a language pack is named after
/// the code it declares.
const RULE_FILES: [&str; 3] = ["lang", "common.yaml", "concepts.yaml"];

/// A rule file in place of a built-in one (or adding a language): read strictly, and when it
/// is accepted, its pack compiled and run on a sample text.
pub fn rule_pack(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let (name, code) = match RULE_FILES[usize::from(first) % RULE_FILES.len()] {
        "lang" => {
            let code = rules::parse::<LangPack>("fuzz.yaml", text)
                .map_or_else(|_| "fuzz".to_string(), |pack| pack.code);
            (format!("lang/{code}.yaml"), code)
        }
        file => (file.to_string(), "en".to_string()),
    };
    let file = RuleFile {
        shown: format!("fuzz/{name}"),
        name,
        text: text.to_string(),
    };
    let Ok(rules) = RuleSet::with_files(vec![file]) else {
        return;
    };
    if rules.pack(&code).is_none() {
        return;
    }
    let extractors = Extractors::new(&rules);
    let Ok(extractor) = extractors.get(&rules, &code) else {
        return;
    };
    let document = Document::from_text("sample.txt", SAMPLE.to_string());
    for fact in extractor.extract(&document) {
        assert!(fact.end <= SAMPLE.len() && SAMPLE.is_char_boundary(fact.start));
        assert_eq!(fact.text, SAMPLE[fact.start..fact.end]);
    }
}

/// A `factdiff.yaml`: checked, and when it names no rules folder, its policy built and dumped.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let root = PathBuf::from("/nonexistent/fuzz");
    let Ok(config) = Config::parse("factdiff.yaml", text, root) else {
        return;
    };
    if !config.rules.is_empty() {
        return;
    }
    if let Ok(policy) = config.policy() {
        config
            .dump(&policy)
            .expect("an accepted configuration dumps");
    }
}

/// A policy file, read whole (rules/policy.yaml) and as a user's override file.
pub fn policy(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(policy) = Policy::parse("policy.yaml", text) {
        for rule in &policy.rules {
            rule.explanation();
        }
    }
    let mut policy = embedded_policy().clone();
    let _ = policy.apply_overrides("overrides.yaml", text);
}

/// A baseline file (factdiff-baseline.json).
pub fn baseline(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Baseline::parse(Path::new("factdiff-baseline.json"), text);
}
