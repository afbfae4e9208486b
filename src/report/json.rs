//! The JSON report: a documented, versioned contract (docs/json-format.md).

use crate::analysis::Analysis;
use crate::fact::{Fact, Quantity, Value};
use serde_json::{json, Map, Number, Value as Json};
use std::io::{self, Write};

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
