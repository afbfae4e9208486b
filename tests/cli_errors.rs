//! The command line on bad input: one clear message naming the file (and line:col where there is
//! one), exit code 2, never a panic; and the input files are never written.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn factdiff() -> Command {
    Command::cargo_bin("factdiff").expect("binary builds")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn fails_with(args: &[&std::ffi::OsStr], message: &str) {
    factdiff()
        .args(args)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn missing_file() {
    fails_with(
        &["extract".as_ref(), "no/such/file.txt".as_ref()],
        "no/such/file.txt: cannot read",
    );
}

#[test]
fn directory() {
    let dir = tempfile::tempdir().unwrap();
    let shown = dir.path().display().to_string();
    fails_with(
        &["extract".as_ref(), dir.path().as_os_str()],
        &format!("{shown}: is a directory"),
    );
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    fails_with(
        &["extract".as_ref(), path.as_os_str()],
        "image.png: looks like a binary file",
    );
}

#[test]
fn invalid_utf8_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "latin1.ru.txt", b"first line\nd\xe9j\xe0 vu 12");
    fails_with(
        &["extract".as_ref(), path.as_os_str()],
        "latin1.ru.txt:2:2: invalid UTF-8",
    );
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "empty.fr.txt", b"\xef\xbb\xbf \n");
    fails_with(
        &["extract".as_ref(), path.as_os_str()],
        "empty.fr.txt: the file is empty",
    );
}

#[test]
fn undetectable_language_suggests_lang() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "numbers.txt", b"12 345 678 -- 42");
    fails_with(
        &["extract".as_ref(), path.as_os_str()],
        "numbers.txt: cannot tell the language",
    );
    fails_with(&["extract".as_ref(), path.as_os_str()], "--lang");
}

#[test]
fn unknown_lang_flag_lists_the_packs() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.txt", "Привет 12".as_bytes());
    fails_with(
        &[
            "extract".as_ref(),
            "--lang".as_ref(),
            "xx".as_ref(),
            path.as_os_str(),
        ],
        "no language pack for 'xx' (known: ar, ",
    );
}

fn rules_dir_with_pack(pack: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("lang")).unwrap();
    std::fs::write(dir.path().join("lang/ru.yaml"), pack).unwrap();
    dir
}

fn russian_pack_with(extra_line: &str, replace: (&str, &str)) -> String {
    let base = include_str!("../rules/lang/ru.yaml").replace(replace.0, replace.1);
    format!("{base}{extra_line}")
}

fn extract_with_rules(rules: &Path) -> assert_cmd::assert::Assert {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_68e9064bbfbe1c43.txt");
    factdiff()
        .args(["extract", "--rules"])
        .arg(rules)
        .arg(seed)
        .assert()
}

#[test]
fn unknown_key_in_a_rule_file_is_located() {
    let rules = rules_dir_with_pack(&russian_pack_with("colour: red\n", ("", "")));
    let lines = include_str!("../rules/lang/ru.yaml").lines().count() + 1;
    extract_with_rules(rules.path())
        .code(2)
        .stderr(predicate::str::contains(format!(
            "lang/ru.yaml:{lines}:1: unknown field `colour`"
        )));
}

#[test]
fn broken_yaml_is_located() {
    let rules = rules_dir_with_pack("code: ru\nname: [unclosed\n");
    extract_with_rules(rules.path())
        .code(2)
        .stderr(predicate::str::is_match(r"lang/ru\.yaml:\d+:\d+: ").unwrap());
}

#[test]
fn regex_that_does_not_compile_is_located() {
    let pack = russian_pack_with("", ("years:\n", "years:\n  - \"{year}(unclosed\"\n"));
    let line = pack.lines().position(|l| l.contains("(unclosed")).unwrap() + 1;
    let rules = rules_dir_with_pack(&pack);
    extract_with_rules(rules.path())
        .code(2)
        .stderr(predicate::str::contains(format!("lang/ru.yaml:{line}:")))
        .stderr(predicate::str::contains("does not compile"));
}

#[test]
fn unknown_placeholder_is_located() {
    let pack = russian_pack_with("", ("years:\n", "years:\n  - \"{yaer} год\"\n"));
    let rules = rules_dir_with_pack(&pack);
    extract_with_rules(rules.path())
        .code(2)
        .stderr(predicate::str::contains("unknown placeholder {yaer}"));
}

#[test]
fn bom_and_crlf_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "crlf.ru.txt",
        "\u{feff}Итог:\r\nболее 1,45 млн туристов\r\n".as_bytes(),
    );
    let before = std::fs::read(&path).unwrap();
    let out = factdiff()
        .args(["extract", "--format", "json"])
        .arg(&path)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let fact = &json["documents"][0]["facts"][0];
    assert_eq!(fact["text"], "более 1,45 млн");
    assert_eq!(fact["line"], 2);
    assert_eq!(fact["column"], 1);
    let start = fact["start"].as_u64().unwrap() as usize;
    let end = fact["end"].as_u64().unwrap() as usize;
    assert_eq!(&before[start..end], "более 1,45 млн".as_bytes());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the input file was changed"
    );
}

#[test]
fn usage_error_exits_2() {
    factdiff().arg("extract").assert().code(2);
    factdiff().arg("frobnicate").assert().code(2);
}

#[test]
fn a_file_over_the_input_size_limit_is_named_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "big.en.txt",
        "17 apples. ".repeat(200).as_bytes(),
    );
    let shown = path.display().to_string();
    let too_large = format!("{shown}: is 2200 bytes, over the input size limit of 2000 bytes");
    fails_with(
        &[
            "extract".as_ref(),
            "--max-input-size".as_ref(),
            "2KB".as_ref(),
            path.as_os_str(),
        ],
        &too_large,
    );
    fails_with(
        &[
            "check".as_ref(),
            "--max-input-size=2000".as_ref(),
            path.as_os_str(),
            path.as_os_str(),
        ],
        &too_large,
    );
    factdiff()
        .args([
            "extract".as_ref(),
            "--max-input-size=2.2KB".as_ref(),
            path.as_os_str(),
        ])
        .assert()
        .success();
    fails_with(
        &[
            "extract".as_ref(),
            "--max-input-size=2 parsecs".as_ref(),
            path.as_os_str(),
        ],
        "`2 parsecs` is not a size",
    );
}

#[test]
fn bad_translation_files_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 9] = [
        (
            "truncated.xlf",
            b"<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"a\"><source>5",
            "truncated.xlf:2:20: the file ends before <source> is closed",
        ),
        (
            "version.xlf",
            b"<xliff version=\"3.0\"></xliff>",
            "version.xlf:1:17: unknown XLIFF version '3.0'",
        ),
        (
            "open.po",
            b"msgid \"a\"\nmsgstr \"b\n",
            "open.po:2:8: PO: the string is not closed on its line",
        ),
        (
            "en.json",
            b"{\"a\": \"5 days\",\n \"b\" \"x\"}",
            "en.json:2:6: JSON: expected ':' after the key",
        ),
        (
            "strings.xml",
            b"<resources>\n  <string name=\"a\">5 days</string>\n  <plurals name=\"b\">",
            "strings.xml:3:3: the file ends before <plurals> is closed",
        ),
        (
            "layout.xml",
            b"<?xml version=\"1.0\"?>\n<LinearLayout/>",
            "layout.xml:2:1: <LinearLayout> is not <resources>: not an Android resources file",
        ),
        (
            "messages_fr.properties",
            b"a = 5 jours\nb = caf\\u00e\n",
            "messages_fr.properties:2:8: properties: a \\u escape needs four hex digits",
        ),
        (
            "fr.yml",
            b"fr:\n  a: \"5 jours\n  b: 6\n",
            "fr.yml:2:6: YAML: the quoted string is not closed",
        ),
        (
            "en.yml",
            b"en:\n  a: 5 days\n\tb: 6\n",
            "en.yml:3:1: YAML: a tab in the indentation (YAML indents with spaces)",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = write(dir.path(), name, bytes);
        factdiff()
            .current_dir(dir.path())
            .args(["check", name, name])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
        assert!(path.exists());
    }
}

#[test]
fn one_xliff_file_compares_its_source_and_target_unit_by_unit() {
    let out = factdiff()
        .args([
            "check",
            "--format",
            "json",
            "tests/fixtures/l10n/xliff/app.xlf",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let findings = json["pairs"][0]["findings"].as_array().unwrap();
    let rule_of = |unit: &str| -> Vec<&str> {
        findings
            .iter()
            .filter(|f| f["unit"]["id"] == unit)
            .map(|f| f["rule"].as_str().unwrap())
            .collect()
    };
    assert_eq!(rule_of("storage.quota"), ["value-mismatch", "agree"]);
    assert_eq!(rule_of("trial.ends"), ["agree", "missing-fact"]);
    assert_eq!(rule_of("support.hours"), ["missing-unit"]);
    // `%1$d` and `{count}` are placeholders: no fact, so nothing to pair in that unit.
    assert!(rule_of("upload.progress").is_empty());
}
