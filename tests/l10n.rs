//! Translation files end to end: a fixture tree per format under tests/fixtures/l10n (Android
//! resources, Java resource bundles, Rails YAML, Sphinx gettext catalogues), each with the
//! configuration `factdiff init` writes for it. In every tree the French storage quota says 60
//! where the English says 50, the French trial text drops "30 days", and one English unit has
//! no French version; placeholders (`%1$d`, `{0}`, `%{count}`, `%(done)d`) are never facts.
//! `lint` and `check` must find exactly that, naming the unit and pointing at the bytes of the
//! text in the file.

mod common;

use common::{copy_tree, factdiff, snapshot, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Each tree, its English and French files (the same file for a gettext catalogue), and the ids
/// of the quota, trial and missing units.
const TREES: [(&str, &str, &str, [&str; 3]); 4] = [
    (
        "android",
        "app/src/main/res/values/strings.xml",
        "app/src/main/res/values-fr/strings.xml",
        ["storage_quota", "trial_ends", "support_hours"],
    ),
    (
        "properties",
        "src/main/resources/messages.properties",
        "src/main/resources/messages_fr.properties",
        ["storage.quota", "trial.ends", "support.hours"],
    ),
    (
        "rails",
        "config/locales/en.yml",
        "config/locales/fr.yml",
        ["storage.quota", "trial.ends", "support.hours"],
    ),
    (
        "sphinx",
        "docs/locale/fr/LC_MESSAGES/index.po",
        "docs/locale/fr/LC_MESSAGES/index.po",
        [
            "Your plan includes 50 GB of storage and 3 users.",
            "Your trial ends on 14 April 2025, after 30 days.",
            "More than 200 teams use it since 2019.",
        ],
    ),
];

fn tree(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/l10n")
        .join(name)
}

fn json(assert: &assert_cmd::assert::Assert) -> Value {
    serde_json::from_str(&stdout(assert)).unwrap()
}

fn findings(pair: &Value) -> Vec<&Value> {
    pair["findings"].as_array().unwrap().iter().collect()
}

/// Every fact of a finding is the file's bytes at its span, and its line and column say where.
fn assert_byte_exact(dir: &Path, pair: &Value) {
    for finding in findings(pair) {
        for (side, path) in [("left", &pair["left"]), ("right", &pair["right"])] {
            let fact = &finding[side];
            if fact.is_null() {
                continue;
            }
            let file = std::fs::read_to_string(dir.join(path.as_str().unwrap())).unwrap();
            let (start, end) = (
                fact["start"].as_u64().unwrap() as usize,
                fact["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&file[start..end], fact["text"], "{finding}");
            let line_start = file[..start].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(fact["line"], file[..start].matches('\n').count() + 1);
            assert_eq!(fact["column"], file[line_start..start].chars().count() + 1);
        }
    }
}

/// The rules of the findings about one unit, in order.
fn rules_of<'a>(pair: &'a Value, unit: &str) -> Vec<&'a str> {
    findings(pair)
        .into_iter()
        .filter(|f| f["unit"]["id"] == unit)
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

fn assert_injected_errors(name: &str, pair: &Value, [quota, trial, missing]: [&str; 3]) {
    assert_eq!(
        rules_of(pair, quota),
        ["value-mismatch", "agree"],
        "{name}: {pair}"
    );
    let mismatch = findings(pair)
        .into_iter()
        .find(|f| f["rule"] == "value-mismatch")
        .unwrap();
    assert_eq!(
        (&mismatch["left"]["text"], &mismatch["right"]["text"]),
        (&Value::from("50 GB"), &Value::from("60 Go")),
        "{name}"
    );
    assert_eq!(rules_of(pair, trial), ["agree", "missing-fact"], "{name}");
    assert_eq!(rules_of(pair, missing), ["missing-unit"], "{name}");
    for finding in findings(pair) {
        assert!(finding["unit"]["id"].is_string(), "{name}: {finding}");
        for side in ["left", "right"] {
            let text = finding[side]["text"].as_str().unwrap_or("");
            assert!(!text.contains('%') && !text.contains('{'), "{name}: {text}");
        }
    }
}

#[test]
fn lint_finds_the_injected_errors_unit_by_unit() {
    let (mut text, mut all) = (String::new(), serde_json::Map::new());
    for (name, en, fr, units) in TREES {
        let dir = tree(name);
        let report = json(&factdiff(&dir, &["lint", "--format", "json"]).code(1));
        let set = &report["sets"][0];
        assert_eq!(report["sets"].as_array().unwrap().len(), 1, "{name}");
        let versions: Vec<(&str, &str)> = set["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| (v["lang"].as_str().unwrap(), v["path"].as_str().unwrap()))
            .collect();
        assert_eq!(versions, [("en", en), ("fr", fr)], "{name}");
        let pair = &set["pairs"][0];
        assert_injected_errors(name, pair, units);
        assert_byte_exact(&dir, pair);
        text.push_str(&format!(
            "## {name}\n{}\n",
            stdout(&factdiff(&dir, &["lint"]).code(1))
        ));
        all.insert(name.into(), report);
    }
    snapshot("l10n_lint_text", &text);
    snapshot(
        "l10n_lint_json",
        &serde_json::to_string_pretty(&Value::Object(all)).unwrap(),
    );
}

#[test]
fn check_compares_two_message_files_or_one_catalogue() {
    let (mut text, mut all) = (String::new(), serde_json::Map::new());
    for (name, en, fr, units) in TREES {
        let dir = tree(name);
        let files: Vec<&str> = if en == fr { vec![fr] } else { vec![en, fr] };
        let args = |format: &'static str| [&["check", "--format", format][..], &files].concat();
        let report = json(&factdiff(&dir, &args("json")).code(1));
        let pair = &report["pairs"][0];
        assert_injected_errors(name, pair, units);
        text.push_str(&format!(
            "## {name}\n{}\n",
            stdout(&factdiff(&dir, &args("text")).code(1))
        ));
        all.insert(name.into(), report);
    }
    snapshot("l10n_check_text", &text);
    snapshot(
        "l10n_check_json",
        &serde_json::to_string_pretty(&Value::Object(all)).unwrap(),
    );
}

#[test]
fn drafts_plural_forms_and_placeholders() {
    let sphinx = json(&factdiff(&tree("sphinx"), &["lint", "--format", "json"]).code(1));
    let pair = &sphinx["sets"][0]["pairs"][0];
    assert_eq!(
        rules_of(pair, "Support is open from 9:00 to 17:00."),
        ["fuzzy-unit"]
    );
    // French has a `many` form English lacks: its repeated 30 is no missing fact.
    let android = json(&factdiff(&tree("android"), &["lint", "--format", "json"]).code(1));
    let pair = &android["sets"][0]["pairs"][0];
    assert_eq!(rules_of(pair, "days_left"), ["agree", "agree"]);
    assert_eq!(rules_of(pair, "plans.1"), ["scale-mismatch"]);
    assert!(rules_of(pair, "upload_progress").is_empty());
    let rails = json(&factdiff(&tree("rails"), &["lint", "--format", "json"]).code(1));
    let pair = &rails["sets"][0]["pairs"][0];
    assert_eq!(rules_of(pair, "storage.files"), ["agree", "agree"]);
    assert_eq!(rules_of(pair, "about"), ["agree", "date-mismatch"]);
}

#[test]
fn init_writes_the_documented_configuration_of_each_tree() {
    for (name, ..) in TREES {
        let copy = copy_tree(&tree(name));
        let written = copy.path().join("factdiff.yaml");
        let expected = std::fs::read_to_string(&written).unwrap();
        std::fs::remove_file(&written).unwrap();
        let done = factdiff(copy.path(), &["init"]).success();
        assert!(
            stdout(&done).contains("1 document sets"),
            "{name}: {}",
            stdout(&done)
        );
        assert_eq!(
            std::fs::read_to_string(&written).unwrap(),
            expected,
            "{name}"
        );
    }
}

/// `messages_pt_BR.properties`, `values-pt-rBR/`: a region-tagged file is a version of the set in
/// the language of its primary subtag, not a default-language file of a set of its own.
#[test]
fn a_region_tagged_bundle_joins_its_set_in_its_language() {
    let copy = copy_tree(&tree("properties"));
    let resources = copy.path().join("src/main/resources");
    std::fs::write(
        resources.join("messages_pt_BR.properties"),
        "storage.quota = Seu plano inclui 50 GB de armazenamento e 3 usu\\u00e1rios.\n",
    )
    .unwrap();
    let report = json(&factdiff(copy.path(), &["lint", "--format", "json"]).code(1));
    let sets = report["sets"].as_array().unwrap();
    assert_eq!(sets.len(), 1, "{report}");
    let langs: Vec<&str> = sets[0]["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["en", "fr", "pt_BR"]);
    let portuguese = &sets[0]["pairs"][1];
    assert_eq!(portuguese["right_lang"], "pt", "{portuguese}");
    assert!(
        findings(portuguese)
            .iter()
            .all(|f| f["rule"] != "value-mismatch"),
        "{portuguese}"
    );
}
