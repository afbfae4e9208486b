//! `factdiff lint`, `snapshot` and `completions` end to end on tests/fixtures/lint: a small manual
//! in Markdown (en fr ru pl, nested folders, front matter, code, links, a table) and an article in
//! HTML (en fr vi ar, `<html lang>`, entities, scripts), with one injected contradiction (17.78% in
//! English, 17,87 % in French) and suppressed findings. One snapshot per output format; the SARIF
//! log is validated against the SARIF 2.1.0 schema (tests/fixtures/sarif-2.1.0-rtm.5.json, as
//! shipped in the MIT-licensed npm package @microsoft/jest-sarif 1.0.0-beta.0). Tests that write
//! (baseline, fact sheets) work on a copy of the tree.

mod common;

use common::{copy_tree, factdiff, snapshot, stdout};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

const FIXTURE: &str = "tests/fixtures/lint";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)
}

/// A copy of the fixture tree to write in.
fn copy() -> tempfile::TempDir {
    copy_tree(&fixture())
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} in {file}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn lint_json(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["lint", "--format", "json", "--exit-zero"];
    args.extend(extra);
    serde_json::from_str(&stdout(&factdiff(dir, &args).success())).unwrap()
}

#[test]
fn every_format_is_snapshotted_and_fails_on_the_contradiction() {
    for format in ["text", "json", "sarif", "github", "markdown", "html"] {
        let assert = factdiff(&fixture(), &["lint", "--format", format]).code(1);
        snapshot(&format!("lint_{format}"), &stdout(&assert));
    }
}

#[test]
fn the_sarif_log_is_valid_sarif_2_1_0() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture().with_file_name("sarif-2.1.0-rtm.5.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let assert = factdiff(&fixture(), &["lint", "--format", "sarif"]).code(1);
    let log: serde_json::Value = serde_json::from_str(&stdout(&assert)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "value-mismatch"));
    assert!(results
        .iter()
        .any(|r| r["suppressions"][0]["kind"] == "inSource"));
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules
        .iter()
        .all(|r| r["help"]["text"].as_str().unwrap().contains("Example: ")));
}

#[test]
fn fail_on_and_exit_zero_decide_the_exit_code() {
    let dir = fixture();
    factdiff(&dir, &["lint", "--exit-zero"]).success();
    // Without the contradiction only warnings remain: below the configured `fail-on: error`.
    let copy = copy();
    edit(
        copy.path(),
        "content/fr/guide/install.md",
        "17,87 %",
        "17,78 %",
    );
    factdiff(copy.path(), &["lint"]).success();
    factdiff(copy.path(), &["lint", "--fail-on", "warning"]).code(1);
}

#[test]
fn output_is_the_same_on_every_run() {
    let first = lint_json(&fixture(), &[]);
    for _ in 0..3 {
        assert_eq!(lint_json(&fixture(), &[]), first);
    }
}

#[test]
fn every_format_is_the_same_whatever_the_number_of_jobs() {
    // Enough sets that results arrive out of order, some with a contradiction of their own.
    let copy = copy();
    for n in 0..24 {
        for lang in ["en", "fr", "ru", "pl"] {
            let from = copy.path().join(format!("content/{lang}/guide/install.md"));
            let to = format!("content/{lang}/guide/copy-{n:02}.md");
            std::fs::copy(&from, copy.path().join(&to)).unwrap();
            if lang == "fr" && n % 5 == 0 {
                edit(copy.path(), &to, "17,87 %", &format!("{} %", 20 + n));
            }
        }
    }
    for format in ["text", "json", "sarif", "github", "markdown", "html"] {
        let run = |jobs: &str| {
            let args = ["lint", "--exit-zero", "--format", format, "--jobs", jobs];
            stdout(&factdiff(copy.path(), &args).success())
        };
        let one = run("1");
        assert!(one.contains("copy-"), "{format}: the copies are reported");
        for jobs in ["2", "3"] {
            assert!(
                run(jobs) == one,
                "{format}: --jobs {jobs} differs from --jobs 1"
            );
        }
    }
}

#[test]
fn sets_versions_and_exclusions() {
    let json = lint_json(&fixture(), &[]);
    let sets: Vec<&str> = json["sets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["set"].as_str().unwrap())
        .collect();
    assert_eq!(
        sets,
        [
            "articles/dien-bien.{lang}.html",
            "content/{lang}/guide/install.md",
            "content/{lang}/index.md"
        ]
    );
    assert_eq!(
        json["orphans"],
        serde_json::json!(["content/{lang}/notes.md"])
    );
    let text = json.to_string();
    assert!(!text.contains("drafts"), "excluded paths are not read");
    // The French article's language is declared by <html lang>.
    let article = &json["sets"][0]["pairs"];
    let fr = article
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["right_lang"] == "fr")
        .unwrap();
    let percent = fr["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["right"]["kind"] == "percent")
        .unwrap();
    // Spans point into the file: the entity is part of the fact as written there.
    assert_eq!(percent["right"]["text"], "17,78&nbsp;%");
    assert_eq!(percent["right"]["line"], 10);
}

#[test]
fn gitignored_files_are_not_read() {
    let copy = copy();
    std::fs::write(copy.path().join(".gitignore"), "content/ru/\n").unwrap();
    let json = lint_json(copy.path(), &[]);
    assert!(!json.to_string().contains("content/ru/"));
    assert_eq!(json["summary"]["documents"], 9);
}

#[test]
fn suppressions_hide_findings_and_are_counted() {
    let json = lint_json(&fixture(), &[]);
    assert_eq!(json["summary"]["suppressed"], 2);
    let copy = copy();
    edit(
        copy.path(),
        "articles/dien-bien.fr.html",
        "<!-- factdiff-ignore: precision-loss -->",
        "",
    );
    let json = lint_json(copy.path(), &[]);
    assert_eq!(json["summary"]["suppressed"], 1);
    assert!(json.to_string().contains("plus de 200"));
    // A marker naming no real rule is an error located in the document.
    edit(
        copy.path(),
        "content/ru/index.md",
        "factdiff-ignore: precision-loss",
        "factdiff-ignore: precision-los",
    );
    factdiff(copy.path(), &["lint"])
        .code(2)
        .stderr(predicate::str::contains(
            "content/ru/index.md:3:1: unknown rule id 'precision-los'",
        ));
}

#[test]
fn a_baseline_accepts_todays_findings_and_survives_edits_elsewhere() {
    let copy = copy();
    let dir = copy.path();
    let before = &lint_json(dir, &[])["summary"];
    let findings: u64 = ["errors", "warnings", "infos"]
        .iter()
        .map(|k| before[k].as_u64().unwrap())
        .sum();
    factdiff(dir, &["lint", "--write-baseline"]).success();
    let baseline = std::fs::read_to_string(dir.join("factdiff-baseline.json")).unwrap();
    assert!(baseline.contains("value-mismatch"));
    assert!(!baseline.contains("\"agree\""));
    factdiff(dir, &["lint", "--fail-on", "info"]).success();
    let json = lint_json(dir, &[]);
    assert_eq!(json["summary"]["baselined"], findings);
    assert_eq!(json["summary"]["errors"], 0);
    // New lines above the findings, in every version, keep their fingerprints.
    for lang in ["en", "fr"] {
        edit(
            dir,
            &format!("content/{lang}/guide/install.md"),
            "\n| ",
            "\nAn added paragraph, without figures.\n\n| ",
        );
    }
    factdiff(dir, &["lint", "--fail-on", "info"]).success();
    // A new contradiction counts; the accepted ones stay accepted.
    edit(dir, "content/pl/guide/install.md", "17,78%", "17,87%");
    let assert = factdiff(dir, &["lint", "--format", "github"]).code(1);
    let out = stdout(&assert);
    assert_eq!(out.matches("::error").count(), 1, "{out}");
    assert!(out.contains("content/pl/guide/install.md"), "{out}");
    // --no-baseline counts everything again.
    factdiff(dir, &["lint", "--no-baseline", "--format", "github"])
        .code(1)
        .stdout(predicate::str::contains("17,87"));
}

#[test]
fn snapshot_check_fails_on_an_edited_number() {
    let copy = copy();
    let dir = copy.path();
    factdiff(dir, &["snapshot"])
        .success()
        .stdout(predicate::str::contains("3 written"));
    let sheet = std::fs::read_to_string(
        dir.join("factdiff-snapshots/content/{lang}/guide/install.md.yaml"),
    )
    .unwrap();
    snapshot("lint_fact_sheet_install", &sheet);
    factdiff(dir, &["snapshot", "--check"]).success();
    edit(dir, "content/pl/guide/install.md", "12 kg", "15 kg");
    let assert = factdiff(dir, &["snapshot", "--check"])
        .code(1)
        .stderr(predicate::str::contains("1 of the fact sheets"));
    snapshot("lint_snapshot_check_diff", &stdout(&assert));
    // Accepting the edit makes the check pass; a removed set's sheet is removed.
    std::fs::remove_dir_all(dir.join("articles")).unwrap();
    factdiff(dir, &["snapshot"])
        .success()
        .stdout(predicate::str::contains(
            "1 written, 1 unchanged, 1 removed",
        ));
    factdiff(dir, &["snapshot", "--check"]).success();
}

#[test]
fn the_configuration_is_found_upwards_and_dumped() {
    let assert = factdiff(&fixture().join("content/fr"), &["lint", "--dump-config"]).success();
    let dump = stdout(&assert);
    assert!(dump.starts_with("# The effective configuration read from ../../factdiff.yaml"));
    snapshot("lint_dump_config", &dump);
    // Run from a subfolder, paths stay relative to the configuration's folder.
    factdiff(
        &fixture().join("content/fr"),
        &["lint", "--format", "github"],
    )
    .code(1)
    .stdout(predicate::str::contains("file=content/fr/guide/install.md"));
}

#[test]
fn configuration_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("factdiff.yaml"),
        "sets:\n  - pattern: \"content/{lang}/**/*.md\"\n    referense: en\n",
    )
    .unwrap();
    factdiff(dir.path(), &["lint"])
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("factdiff.yaml:3:5:"))
        .stderr(predicate::str::contains("unknown field `referense`"));
    std::fs::write(
        dir.path().join("factdiff.yaml"),
        "reference: en\nsets:\n  - pattern: \"content/**/*.md\"\n",
    )
    .unwrap();
    factdiff(dir.path(), &["lint"])
        .code(2)
        .stderr(predicate::str::contains(
            "factdiff.yaml:3:15: pattern `content/**/*.md`",
        ));
    std::fs::write(
        dir.path().join("factdiff.yaml"),
        "reference: en\nsets:\n  - pattern: \"content/{lang}/**/*.md\"\nseverity:\n  rounding: \"off\"\n  precision-los: error\n",
    )
    .unwrap();
    factdiff(dir.path(), &["lint"])
        .code(2)
        .stderr(predicate::str::contains(
            "factdiff.yaml:6:3: unknown rule id 'precision-los'",
        ));
    std::fs::remove_file(dir.path().join("factdiff.yaml")).unwrap();
    factdiff(dir.path(), &["lint"])
        .code(2)
        .stderr(predicate::str::contains(
            "no factdiff.yaml here or in any folder above",
        ));
    factdiff(dir.path(), &["lint", "--config", "missing.yaml"])
        .code(2)
        .stderr(predicate::str::contains("missing.yaml: cannot read"));
}

#[test]
fn the_input_size_limit_is_configured_and_raised_by_the_flag() {
    let dir = copy();
    let config = dir.path().join("factdiff.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}max-input-size: 600\n")).unwrap();
    factdiff(dir.path(), &["lint"])
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "over the input size limit of 600 bytes",
        ));
    factdiff(
        dir.path(),
        &["lint", "--exit-zero", "--max-input-size", "1MB"],
    )
    .success();
    std::fs::write(&config, format!("{text}max-input-size: lots\n")).unwrap();
    factdiff(dir.path(), &["lint"])
        .code(2)
        .stderr(predicate::str::contains(
            "max-input-size: `lots` is not a size",
        ));
}

#[test]
fn completions_are_generated() {
    for shell in ["bash", "zsh", "fish"] {
        factdiff(&fixture(), &["completions", shell])
            .success()
            .stdout(predicate::str::contains("snapshot"));
    }
}

/// Every fact of every pair, in Markdown and HTML alike: `text` is the file's bytes at
/// `start..end`, and `line:column` (characters) is where `start` stands.
#[test]
fn every_span_points_into_its_file() {
    let json = lint_json(&fixture(), &[]);
    let mut checked = 0;
    for set in json["sets"].as_array().unwrap() {
        for pair in set["pairs"].as_array().unwrap() {
            for finding in pair["findings"].as_array().unwrap() {
                for side in ["left", "right"] {
                    let fact = &finding[side];
                    if fact.is_null() {
                        continue;
                    }
                    let path = pair[side].as_str().unwrap();
                    let file = std::fs::read_to_string(fixture().join(path)).unwrap();
                    let (start, end) = (
                        fact["start"].as_u64().unwrap() as usize,
                        fact["end"].as_u64().unwrap() as usize,
                    );
                    assert_eq!(file[start..end], *fact["text"].as_str().unwrap(), "{path}");
                    let before = &file[..start];
                    let line = before.matches('\n').count() + 1;
                    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
                    assert_eq!(
                        (fact["line"].as_u64(), fact["column"].as_u64()),
                        (Some(line as u64), Some(column as u64)),
                        "{path}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 50, "{checked}");
}

#[test]
fn unchecked_sets_are_counted_and_listed_on_request() {
    let copy = copy();
    std::fs::write(
        copy.path().join("content/fr/extra.md"),
        "Plus de 200 foyers.\n",
    )
    .unwrap();
    for format in ["text", "github", "markdown"] {
        let counted = stdout(&factdiff(
            copy.path(),
            &["lint", "--exit-zero", "--format", format],
        ));
        assert!(
            counted.contains(
                "2 sets have no version in the reference language: --list-unchecked shows them"
            ),
            "{format}: {counted}"
        );
        assert!(!counted.contains("content/{lang}/notes.md"), "{format}");
        let listed = stdout(&factdiff(
            copy.path(),
            &[
                "lint",
                "--exit-zero",
                "--list-unchecked",
                "--format",
                format,
            ],
        ));
        let extra = listed.find("content/{lang}/extra.md").expect(format);
        let notes = listed.find("content/{lang}/notes.md").expect(format);
        assert!(extra < notes, "sorted: {listed}");
    }
    let json = lint_json(copy.path(), &[]);
    assert_eq!(
        json["orphans"],
        serde_json::json!(["content/{lang}/extra.md", "content/{lang}/notes.md"])
    );
    // A reader of the HTML page has no command line: the page says where the list is, and has it.
    let page = stdout(&factdiff(
        copy.path(),
        &["lint", "--exit-zero", "--format", "html"],
    ));
    assert!(
        page.contains(
            "2 sets have no version in the reference language: listed at the end of this page"
        ),
        "{page}"
    );
    assert!(!page.contains("--list-unchecked"));
    let list = page
        .find("2 sets with no version in the reference language")
        .unwrap();
    assert!(page[list..].contains("<li><code>content/{lang}/extra.md</code></li>"));
}
