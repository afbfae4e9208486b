//! The documented layouts of docs/config.md, each a fixture tree under tests/fixtures/layouts with
//! the example configuration: Hugo (suffixed folders and suffixed files), Docusaurus, MkDocs,
//! VitePress, Starlight and tldr-pages (a symlinked `pages.en` and a symlink loop). In every tree
//! the French install page says 51 minutes where the English says 15: `lint` must find that one
//! contradiction and pair every page, and `init` must write the same configuration again.

mod common;

use common::{copy_tree as copy, factdiff, snapshot, stdout};
use std::path::{Path, PathBuf};

const LAYOUTS: [&str; 7] = [
    "docusaurus",
    "hugo-folders",
    "hugo-suffix",
    "mkdocs",
    "starlight",
    "tldr",
    "vitepress",
];

fn layout(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/layouts")
        .join(name)
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

fn lint_json(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&stdout(
        &factdiff(dir, &["lint", "--format", "json", "--exit-zero"]).success(),
    ))
    .unwrap()
}

#[test]
fn every_layout_pairs_its_pages_and_finds_the_contradiction() {
    let mut report = String::new();
    for name in LAYOUTS {
        let json = lint_json(&layout(name));
        let sets = json["sets"].as_array().unwrap();
        assert_eq!(sets.len(), 2, "{name}: {json}");
        assert_eq!(json["orphans"], serde_json::json!([]), "{name}");
        for set in sets {
            let langs: Vec<&str> = set["versions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["lang"].as_str().unwrap())
                .collect();
            assert_eq!(langs, ["en", "fr"], "{name}: {set}");
        }
        let mismatches: Vec<&serde_json::Value> = sets
            .iter()
            .flat_map(|s| s["pairs"].as_array().unwrap())
            .flat_map(|p| p["findings"].as_array().unwrap())
            .filter(|f| f["rule"] == "value-mismatch")
            .collect();
        assert_eq!(mismatches.len(), 1, "{name}");
        assert_eq!(mismatches[0]["right"]["text"], "51 minutes", "{name}");
        assert_eq!(json["summary"]["errors"], 1, "{name}");
        let text = factdiff(&layout(name), &["lint"]).code(1);
        report.push_str(&format!("## {name}\n{}\n", stdout(&text)));
    }
    snapshot("layouts_lint_text", &report);
    snapshot(
        "layouts_tldr_json",
        &serde_json::to_string_pretty(&lint_json(&layout("tldr"))).unwrap(),
    );
}

#[test]
fn a_symlinked_folder_is_read_once_under_its_own_path() {
    let json = lint_json(&layout("tldr"));
    let paths: Vec<&str> = json["sets"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["versions"].as_array().unwrap())
        .map(|v| v["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "pages/common/welcome.md",
            "pages.fr/common/welcome.md",
            "pages/linux/install.md",
            "pages.fr/linux/install.md"
        ]
    );
}

#[test]
fn init_writes_the_documented_configuration_of_each_layout() {
    for name in LAYOUTS {
        let tree = copy(&layout(name));
        let written = tree.path().join("factdiff.yaml");
        let expected = std::fs::read_to_string(&written).unwrap();
        // An existing configuration is kept unless --force.
        let refused = factdiff(tree.path(), &["init"]).code(2);
        assert!(
            stderr(&refused).contains("exists already; `factdiff init --force` replaces it"),
            "{name}"
        );
        std::fs::remove_file(&written).unwrap();
        let done = factdiff(tree.path(), &["init"]).success();
        assert!(
            stdout(&done).contains("2 document sets (4 documents), 0 without a reference version"),
            "{name}: {}",
            stdout(&done)
        );
        assert_eq!(
            std::fs::read_to_string(&written).unwrap(),
            expected,
            "{name}"
        );
        std::fs::write(&written, "sets: []\n").unwrap();
        factdiff(tree.path(), &["init", "--force"]).success();
        assert_eq!(
            std::fs::read_to_string(&written).unwrap(),
            expected,
            "{name}"
        );
    }
}

#[test]
fn init_without_a_layout_is_an_error() {
    let tree = tempfile::tempdir().unwrap();
    std::fs::write(tree.path().join("README.md"), "Hello, 42.\n").unwrap();
    let assert = factdiff(tree.path(), &["init"]).code(2);
    assert!(stderr(&assert).contains("no layout of language versions recognized"));
    assert!(!tree.path().join("factdiff.yaml").exists());
}

#[test]
fn two_files_for_one_language_are_an_error() {
    let tree = copy(&layout("hugo-suffix"));
    std::fs::write(tree.path().join("content/_index.en.md"), "Other: 7.\n").unwrap();
    let assert = factdiff(tree.path(), &["lint"]).code(2);
    let message = stderr(&assert);
    assert!(
        message.contains(
            "content/_index.md: is a second en version of the document of content/_index.en.md"
        ),
        "{message}"
    );
}

#[test]
fn default_patterns_are_checked() {
    let tree = copy(&layout("vitepress"));
    let config = tree.path().join("factdiff.yaml");
    for (default, error) in [
        (
            "default: {en: \"docs/{lang}/*.md\"}",
            "factdiff.yaml:3:20: default pattern `docs/{lang}/*.md`: is the default language's pattern: it has no {lang}",
        ),
        (
            "default: {en: \"docs/*.md\"}",
            "factdiff.yaml:3:20: default pattern `docs/*.md`: needs the wildcards of `docs/{lang}/**/*.md` in the same order (2 of them)",
        ),
        (
            "default: {en: \"docs/**/*.md\", de: \"x/**/*.md\"}",
            "`default` maps one language to its pattern",
        ),
    ] {
        std::fs::write(
            &config,
            format!("sets:\n  - pattern: \"docs/{{lang}}/**/*.md\"\n    {default}\n"),
        )
        .unwrap();
        let assert = factdiff(tree.path(), &["lint"]).code(2);
        assert!(stderr(&assert).contains(error), "{}", stderr(&assert));
    }
}
