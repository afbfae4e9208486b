//! Runs the `examples:` of every language pack: each text must yield exactly the facts listed, in
//! order, matching on the keys each expected fact gives (numbers compared as exact decimals).

use factdiff::report::json;
use factdiff::source::Document;
use factdiff::Engine;
use rust_decimal::Decimal;
use serde_json::Value as Json;
use std::str::FromStr;

fn yaml_to_json(value: &yaml_serde::Value) -> Json {
    serde_json::to_value(value).expect("YAML example values convert to JSON")
}

/// An expected fact of a pack example, as the JSON object it is compared with.
fn expected_fact(fact: &std::collections::BTreeMap<String, yaml_serde::Value>) -> Json {
    Json::Object(
        fact.iter()
            .map(|(k, v)| (k.clone(), yaml_to_json(v)))
            .collect(),
    )
}

fn same(expected: &Json, actual: &Json) -> bool {
    match (expected, actual) {
        (Json::Number(e), Json::Number(a)) => {
            let parse = |n: &serde_json::Number| {
                Decimal::from_str(&n.to_string())
                    .or_else(|_| Decimal::from_scientific(&n.to_string()))
            };
            matches!((parse(e), parse(a)), (Ok(e), Ok(a)) if e == a)
        }
        (Json::Object(e), Json::Object(a)) => e
            .iter()
            .all(|(k, v)| a.get(k).is_some_and(|av| same(v, av))),
        _ => expected == actual,
    }
}

#[test]
fn every_pack_example_yields_its_facts() {
    let engine = Engine::load(&[]).expect("embedded rules load");
    let mut failures = Vec::new();
    let mut count = 0;
    for (code, pack) in &engine.rules.packs {
        for example in &pack.examples {
            count += 1;
            let doc = Document::from_text(format!("example.{code}.txt"), example.text.clone());
            let analysis = engine.analyze(doc, Some(code)).expect("example analyses");
            let actual: Vec<Json> = analysis
                .facts
                .iter()
                .enumerate()
                .map(|(i, f)| json::fact(f, i + 1))
                .collect();
            let expected: Vec<Json> = example.facts.iter().map(expected_fact).collect();
            let ok = expected.len() == actual.len()
                && expected.iter().zip(&actual).all(|(e, a)| same(e, a));
            if !ok {
                failures.push(format!(
                    "[{code}] {}\n  expected: {}\n  actual:   {}",
                    example.text,
                    serde_json::to_string(&expected).unwrap(),
                    serde_json::to_string(&actual).unwrap()
                ));
            }
        }
    }
    assert!(count > 0, "no pack examples found");
    assert!(
        failures.is_empty(),
        "{} of {count} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every pack's examples must exercise every phenomenon the extraction handles, so a pack cannot
/// pass with a thin set of examples.
#[test]
fn every_pack_example_set_covers_each_phenomenon() {
    let engine = Engine::load(&[]).expect("embedded rules load");
    let wanted_kinds = ["number", "percent", "date", "time", "year", "range"];
    let wanted_qualifiers = ["more_than", "less_than", "about", "at_least"];
    let mut gaps = Vec::new();
    for (code, pack) in &engine.rules.packs {
        let expected: Vec<Json> = pack
            .examples
            .iter()
            .flat_map(|e| e.facts.iter())
            .map(expected_fact)
            .collect();
        let has = |key: &str, value: &str| {
            expected
                .iter()
                .any(|f| f.get(key).and_then(Json::as_str) == Some(value))
        };
        for kind in wanted_kinds {
            if !has("kind", kind) {
                gaps.push(format!("{code}: no example of kind {kind}"));
            }
        }
        for qualifier in wanted_qualifiers {
            if !has("qualifier", qualifier) {
                gaps.push(format!("{code}: no example with qualifier {qualifier}"));
            }
        }
        if !expected.iter().any(|f| f.get("concept").is_some()) {
            gaps.push(format!("{code}: no example with a counted-noun concept"));
        }
        if !pack.examples.iter().any(|e| e.facts.is_empty()) {
            gaps.push(format!("{code}: no negative example (facts: [])"));
        }
        if pack.examples.len() < 15 {
            gaps.push(format!("{code}: only {} examples", pack.examples.len()));
        }
    }
    assert!(
        gaps.is_empty(),
        "pack examples leave gaps:\n{}",
        gaps.join("\n")
    );
}
