//! The JSON report: a documented, versioned contract (docs/json-format.md).

use crate::analysis::Analysis;
use crate::compare::{Finding, Summary, UnitRef};
use crate::fact::{Fact, Quantity, Value};
use crate::lint::{SetResult, Totals};
use crate::report::{LintReport, Pair};
use crate::sentalign::Bead;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{json, Number, Value as Json};
use std::io::{self, Write};
use std::ops::Range;

/// A decimal as an exact JSON number (17.78, 1450000).
pub fn number(q: &Quantity) -> Json {
    let text = q.normalized().to_string();
    Json::Number(text.parse::<Number>().expect("a decimal is a JSON number"))
}

/// The `value` of a fact, as the contract writes it.
pub fn value(value: &Value) -> Json {
    match value {
        Value::Quantity(q) => number(q),
        Value::Date(d) => Json::String(d.iso()),
        Value::Range { from, to } => json!({"from": number(from), "to": number(to)}),
        Value::Ratio { num, den } => json!({"num": number(num), "den": number(den)}),
        Value::Identifier(id) => Json::String(id.clone()),
        Value::Time(t) => Json::String(t.clock()),
    }
}

/// One fact as a JSON object; `id` is its place in the document ("F1").
pub fn fact(fact: &Fact, id: usize) -> Json {
    serde_json::to_value(FactJson(fact, id)).expect("a fact serializes")
}

/// A fact as the contract writes it, serialized without building a JSON tree first: `extract`
/// writes every fact of large documents this way.
struct FactJson<'a>(&'a Fact, usize);

impl Serialize for FactJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let FactJson(fact, id) = *self;
        let mut object = serializer.serialize_map(None)?;
        object.serialize_entry("id", &format_args!("F{id}"))?;
        object.serialize_entry("kind", fact.kind.as_str())?;
        object.serialize_entry("text", &fact.text)?;
        object.serialize_entry("start", &fact.start)?;
        object.serialize_entry("end", &fact.end)?;
        object.serialize_entry("line", &fact.line)?;
        object.serialize_entry("column", &fact.column)?;
        object.serialize_entry("value", &value(&fact.value))?;
        if let Value::Quantity(q) = &fact.value {
            object.serialize_entry("precision", &number(&Quantity::from_written(q.step)))?;
        }
        object.serialize_entry("qualifier", fact.qualifier.as_str())?;
        if let Value::Time(time) = &fact.value {
            if let Some(zone) = &time.zone {
                object.serialize_entry("zone", zone)?;
            }
        }
        if let Some(unit) = &fact.unit {
            object.serialize_entry("unit", &unit.id)?;
        }
        if let Some(concept) = &fact.concept {
            object.serialize_entry("concept", concept)?;
        }
        if let Some(note) = &fact.note {
            object.serialize_entry("note", note)?;
        }
        object.end()
    }
}

/// One document with its language and facts.
struct DocumentJson<'a>(&'a Analysis);

impl Serialize for DocumentJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let analysis = self.0;
        let facts = analysis.facts.iter().enumerate();
        let mut object = serializer.serialize_map(None)?;
        object.serialize_entry("path", &analysis.document.path.display().to_string())?;
        object.serialize_entry("lang", &analysis.language.code)?;
        object.serialize_entry("lang_source", analysis.language.source.as_str())?;
        object.serialize_entry("lang_reason", &analysis.language.reason)?;
        object.serialize_entry("facts", &Seq(facts.map(|(i, f)| FactJson(f, i + 1))))?;
        object.end()
    }
}

/// The items of an iterator serialized as a JSON array, one at a time.
struct Seq<I>(I);

impl<I: Iterator<Item = T> + Clone, T: Serialize> Serialize for Seq<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

/// `factdiff extract --format json`.
pub fn write_extract(out: &mut dyn Write, analyses: &[Analysis]) -> io::Result<()> {
    let documents = Seq(analyses.iter().map(DocumentJson));
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    let mut object = serializer.serialize_map(None)?;
    object.serialize_entry("version", &crate::JSON_VERSION)?;
    object.serialize_entry("documents", &documents)?;
    object.end()?;
    writeln!(out)
}

/// Counts of one pair, or of a whole run.
pub fn summary(s: &Summary) -> Json {
    json!({
        "agree": s.agree,
        "compatible": s.compatible,
        "diverge": s.diverge,
        "missing_from_left": s.missing_from_left,
        "missing_from_right": s.missing_from_right,
        "missing_units": s.missing_units,
        "fuzzy_units": s.fuzzy_units,
        "errors": s.errors,
        "warnings": s.warnings,
        "infos": s.infos,
    })
}

/// One finding; `left` and `right` are fact objects as in `extract` (ids count from F1 in each
/// document), or null.
pub fn finding(pair: &Pair<'_>, finding: &Finding) -> Json {
    let side = |analysis: &Analysis, index: Option<usize>| {
        index.map_or(Json::Null, |i| fact(&analysis.facts[i], i + 1))
    };
    let mut object = json!({
        "rule": finding.rule,
        "status": finding.status.as_str(),
        "severity": finding.severity.as_str(),
        "left": side(pair.left, finding.left),
        "right": side(pair.right, finding.right),
        "message": finding.message,
    });
    if let Some(unit) = &finding.unit {
        object["unit"] = unit_object(pair, unit);
    }
    object
}

/// The unit of a finding in translation files: its id, and where its text stands in each
/// version (null in a version that lacks it).
fn unit_object(pair: &Pair<'_>, unit: &UnitRef) -> Json {
    let side = |analysis: &Analysis, index: Option<usize>| {
        let Some(text) = index.and_then(|i| analysis.units.as_ref()?.get(i)) else {
            return Json::Null;
        };
        let (line, column) = analysis.document.line_column(text.span.start);
        json!({
            "start": text.span.start,
            "end": text.span.end,
            "line": line,
            "column": column,
            "fuzzy": text.fuzzy,
        })
    };
    json!({
        "id": unit.id,
        "left": side(pair.left, unit.left),
        "right": side(pair.right, unit.right),
    })
}

/// One compared pair: its two documents, findings and counts.
pub fn pair(pair: &Pair<'_>) -> Json {
    json!({
        "left": pair.left.document.path.display().to_string(),
        "left_lang": pair.left.language.code,
        "right": pair.right.document.path.display().to_string(),
        "right_lang": pair.right.language.code,
        "findings": pair.comparison.findings.iter().map(|f| finding(pair, f)).collect::<Vec<_>>(),
        "sentences": pair.comparison.sentences.iter().map(|b| bead(pair, b)).collect::<Vec<_>>(),
        "summary": summary(&pair.comparison.summary),
    })
}

/// One bead of the sentence alignment: the sentences of each side (null when a side has none).
fn bead(pair: &Pair<'_>, bead: &Bead) -> Json {
    json!({
        "left": sentences(pair.left, &bead.left),
        "right": sentences(pair.right, &bead.right),
        "confidence": confidence(bead.confidence),
        "moved": bead.moved,
    })
}

/// A run of sentences: their numbers (from 1), and where the run starts and ends in the file.
fn sentences(analysis: &Analysis, run: &Range<usize>) -> Json {
    if run.is_empty() {
        return Json::Null;
    }
    let start = analysis.sentences.span(run.start).start;
    let end = analysis.sentences.span(run.end - 1).end;
    let (line, column) = analysis.document.line_column(start);
    json!({
        "sentences": run.clone().map(|s| s + 1).collect::<Vec<_>>(),
        "start": start,
        "end": end,
        "line": line,
        "column": column,
    })
}

/// A confidence in hundredths, as an exact JSON number.
fn confidence(value: f64) -> Json {
    let hundredths = (value * 100.0).round().clamp(0.0, 100.0) as i64;
    let text = rust_decimal::Decimal::new(hundredths, 2)
        .normalize()
        .to_string();
    Json::Number(text.parse::<Number>().expect("a decimal is a JSON number"))
}

/// `factdiff check --format json`: every version against the reference (the left of each pair).
pub fn write_check(
    out: &mut dyn Write,
    reference: &Analysis,
    pairs: &[Pair<'_>],
) -> io::Result<()> {
    let mut total = Summary::default();
    pairs.iter().for_each(|p| total.add(&p.comparison.summary));
    let reference = reference.document.path.display().to_string();
    let report = json!({
        "version": crate::JSON_VERSION,
        "reference": reference,
        "pairs": pairs.iter().map(pair).collect::<Vec<_>>(),
        "summary": summary(&total),
    });
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

/// `factdiff lint --format json`: every document set with its versions and compared pairs (active
/// findings only), the sets lacking their reference version, and the totals. Sets are written one
/// at a time, so memory does not grow with the size of the output.
#[derive(Default)]
pub struct LintJson {
    /// How many sets are written so far.
    sets: usize,
}

impl LintJson {
    fn start_once(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.sets == 0 {
            writeln!(out, "{{\n  \"version\": {},", crate::JSON_VERSION)?;
            write!(out, "  \"sets\": [")?;
        }
        Ok(())
    }
}

impl LintReport for LintJson {
    fn set(&mut self, out: &mut dyn Write, set: &SetResult) -> io::Result<()> {
        self.start_once(out)?;
        writeln!(out, "{}", if self.sets == 0 { "" } else { "," })?;
        write_nested(out, &lint_set(set), "    ", true)?;
        self.sets += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
        self.start_once(out)?;
        if self.sets > 0 {
            write!(out, "\n  ")?;
        }
        write!(out, "],\n  \"orphans\": ")?;
        write_nested(out, &json!(totals.orphans), "  ", false)?;
        write!(out, ",\n  \"summary\": ")?;
        write_nested(out, &lint_summary(totals), "  ", false)?;
        writeln!(out, "\n}}")
    }
}

fn lint_set(set: &SetResult) -> Json {
    json!({
        "set": set.key,
        "reference": set.reference,
        "versions": set.langs.iter().zip(&set.analyses).map(|(lang, a)| json!({
            "lang": lang,
            "path": a.document.path.display().to_string(),
        })).collect::<Vec<_>>(),
        "pairs": set.report_pairs().iter().map(pair).collect::<Vec<_>>(),
    })
}

fn lint_summary(t: &Totals) -> Json {
    let mut total = summary(&t.findings);
    for (key, value) in [
        ("sets", t.sets),
        ("documents", t.documents),
        ("suppressed", t.suppressed),
        ("baselined", t.baselined),
    ] {
        total[key] = value.into();
    }
    total
}

/// A value pretty-printed as if nested at `indent` in a pretty-printed document.
pub(crate) fn write_nested(
    out: &mut dyn Write,
    value: &Json,
    indent: &str,
    first: bool,
) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        if i > 0 || first {
            write!(out, "{indent}")?;
        }
        write!(out, "{line}")?;
    }
    Ok(())
}
