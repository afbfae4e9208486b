//! The JSON report: a documented, versioned contract (docs/json-format.md).

use crate::analysis::Analysis;
use crate::compare::{Finding, Summary, UnitRef};
use crate::fact::{Fact, Quantity, Value};
use crate::lint::{Lint, SetResult};
use crate::report::Pair;
use crate::sentalign::Bead;
use serde_json::{json, Map, Number, Value as Json};
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
    let mut object = Map::new();
    object.insert("id".into(), Json::String(format!("F{id}")));
    object.insert("kind".into(), Json::String(fact.kind.as_str().into()));
    object.insert("text".into(), Json::String(fact.text.clone()));
    object.insert("start".into(), fact.start.into());
    object.insert("end".into(), fact.end.into());
    object.insert("line".into(), fact.line.into());
    object.insert("column".into(), fact.column.into());
    object.insert("value".into(), value(&fact.value));
    if let Value::Quantity(q) = &fact.value {
        object.insert("precision".into(), number(&Quantity::from_written(q.step)));
    }
    object.insert(
        "qualifier".into(),
        Json::String(fact.qualifier.as_str().into()),
    );
    if let Value::Time(time) = &fact.value {
        if let Some(zone) = &time.zone {
            object.insert("zone".into(), Json::String(zone.clone()));
        }
    }
    if let Some(unit) = &fact.unit {
        object.insert("unit".into(), Json::String(unit.id.clone()));
    }
    if let Some(concept) = &fact.concept {
        object.insert("concept".into(), Json::String(concept.clone()));
    }
    if let Some(note) = &fact.note {
        object.insert("note".into(), Json::String(note.clone()));
    }
    Json::Object(object)
}

/// One document with its language and facts.
pub fn document(analysis: &Analysis) -> Json {
    json!({
        "path": analysis.document.path.display().to_string(),
        "lang": analysis.language.code,
        "lang_source": analysis.language.source.as_str(),
        "lang_reason": analysis.language.reason,
        "facts": analysis.facts.iter().enumerate().map(|(i, f)| fact(f, i + 1)).collect::<Vec<_>>(),
    })
}

/// `factdiff extract --format json`.
pub fn write_extract(out: &mut dyn Write, analyses: &[Analysis]) -> io::Result<()> {
    let report = json!({
        "version": crate::JSON_VERSION,
        "documents": analyses.iter().map(document).collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &report)?;
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
pub fn write_lint(out: &mut dyn Write, lint: &Lint) -> io::Result<()> {
    writeln!(out, "{{\n  \"version\": {},", crate::JSON_VERSION)?;
    write!(out, "  \"sets\": [")?;
    for (i, set) in lint.sets.iter().enumerate() {
        writeln!(out, "{}", if i == 0 { "" } else { "," })?;
        write_nested(out, &lint_set(set), "    ", true)?;
    }
    if !lint.sets.is_empty() {
        write!(out, "\n  ")?;
    }
    write!(out, "],\n  \"orphans\": ")?;
    write_nested(out, &json!(lint.totals.orphans), "  ", false)?;
    write!(out, ",\n  \"summary\": ")?;
    write_nested(out, &lint_summary(lint), "  ", false)?;
    writeln!(out, "\n}}")
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

fn lint_summary(lint: &Lint) -> Json {
    let t = &lint.totals;
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
fn write_nested(out: &mut dyn Write, value: &Json, indent: &str, first: bool) -> io::Result<()> {
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
