//! Replays, on stable, what the fuzzers found: every file of tests/fuzz_regressions/<target>/
//! goes through the same target function cargo-fuzz runs (fuzz/src/lib.rs), which panics when an
//! invariant breaks. The seed texts go through the document targets too, a short bounded run of
//! the corpora. See docs/fuzzing.md.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::Path;

/// The files of a folder, in name order (none when it does not exist).
fn files_in(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries.map(|e| e.expect("listable").path()).collect();
    files.sort();
    files
}

#[test]
fn every_input_the_fuzzers_found_passes_its_target() {
    targets::warm_up();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    for &(name, target) in targets::TARGETS {
        for file in files_in(&root.join(name)) {
            let data = std::fs::read(&file).expect("readable");
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{name}: {} fails", file.display());
        }
    }
}

#[test]
fn the_seed_texts_pass_the_document_targets() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let files = files_in(&seeds);
    assert!(!files.is_empty());
    for file in files {
        let text = std::fs::read(&file).expect("readable");
        for lead in [0u8, 1, 2, 29] {
            let input = [&[lead][..], &text].concat();
            targets::extract(&input);
            targets::check(&[&[lead, 3][..], &text].concat());
        }
    }
}
