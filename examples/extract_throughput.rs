//! Extraction throughput of the `factdiff` binary as a whole process, per language.
//!
//!     cargo run --release --example extract_throughput [-- --mb 10] [--runs 3] [--corpus DIR]
//!         [--bin OLD --bin NEW] [--keep DIR]
//!
//! For each of ru fr pl ar en zh it writes `news.<lang>.txt`, the NTREX-128 documents of that
//! language (`../shared/corpora/ntrex-dev` by default) concatenated, separated by blank lines,
//! until the file holds `--mb` megabytes (10 by default), into a temporary folder (or `--keep DIR`).
//! Then it runs `BIN extract --format json news.<lang>.txt` for each binary, output to a file, and
//! prints MB/s per core: the file's size over the process's user CPU time (the least of `--runs`
//! runs, since other load on the machine only adds to it), with wall time and peak memory. When
//! several binaries are given it says whether their outputs are byte for byte the same.

#[path = "support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Command;
use support::{Measured, LANGUAGES};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let megabytes: usize = support::flag(&args, "--mb").map_or(10, |v| v.parse().expect("--mb N"));
    let runs: usize = support::flag(&args, "--runs").map_or(3, |v| v.parse().expect("--runs N"));
    let corpus = support::corpus_dir(&args);
    let binaries = support::binaries(&args);
    let temporary = tempfile::tempdir().expect("temporary folder");
    let dir =
        support::flag(&args, "--keep").map_or_else(|| temporary.path().to_path_buf(), Into::into);
    std::fs::create_dir_all(&dir).expect("folder");
    println!("user CPU time, least of {runs} runs; MB = 10^6 bytes");
    println!(
        "{:<4} {:>8}  {:<32} {:>9} {:>9} {:>9} {:>9} {:>9}  output",
        "lang", "MB", "binary", "user s", "MB/s", "sys s", "wall s", "RSS MB"
    );
    for lang in LANGUAGES {
        let input = dir.join(format!("news.{lang}.txt"));
        let bytes = generate(&corpus, lang, megabytes * 1_000_000, &input);
        let mut outputs: Vec<std::path::PathBuf> = Vec::new();
        for (i, binary) in binaries.iter().enumerate() {
            let output = dir.join(format!("news.{lang}.{i}.json"));
            let measured = support::best_of(runs, || {
                let mut command = Command::new(binary);
                command.args(["extract", "--format", "json"]).arg(&input);
                support::measure(command, &output)
            });
            assert_eq!(
                measured.exit_code,
                0,
                "{} failed on {lang}",
                binary.display()
            );
            let same = outputs.first().map_or("", |first| {
                if support::same_bytes(first, &output) {
                    "same"
                } else {
                    "DIFFERS"
                }
            });
            print_row(lang, bytes, binary, &measured, same);
            outputs.push(output);
        }
    }
}

/// Writes the documents of `lang` over and over into `path` until it holds at least `target`
/// bytes; returns its size.
fn generate(corpus: &Path, lang: &str, target: usize, path: &Path) -> usize {
    let documents = support::documents(corpus, lang);
    assert!(!documents.is_empty(), "{}: no {lang}.txt", corpus.display());
    let mut text = String::with_capacity(target + 64 * 1024);
    for document in documents.iter().cycle() {
        if text.len() >= target {
            break;
        }
        text.push_str(document.trim_end());
        text.push_str("\n\n");
    }
    std::fs::write(path, &text).expect("input writes");
    text.len()
}

fn print_row(lang: &str, bytes: usize, binary: &Path, m: &Measured, same: &str) {
    let megabytes = bytes as f64 / 1e6;
    println!(
        "{lang:<4} {megabytes:>8.2}  {:<32} {:>9.2} {:>9.1} {:>9.2} {:>9.2} {:>9.0}  {same}",
        binary.display().to_string(),
        m.user.as_secs_f64(),
        megabytes / m.user.as_secs_f64(),
        m.system.as_secs_f64(),
        m.wall.as_secs_f64(),
        m.peak_rss as f64 / 1e6,
    );
}
