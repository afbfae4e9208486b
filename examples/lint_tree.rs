//! `factdiff lint` on a generated tree of news documents, measured as a whole process.
//!
//!     cargo run --release --example lint_tree [-- --sets 2000] [--sets 1000] [--format json]
//!         [--corpus DIR] [--bin OLD --bin NEW] [--keep DIR]
//!
//! For each `--sets N` (2,000 by default; repeat it to see how memory grows with the tree) it
//! writes N document sets in ru fr pl ar en zh, set k being the NTREX-128 document k modulo their
//! number (`../shared/corpora/ntrex-dev` by default), as `content/<lang>/part-NN/doc-NNNNN.txt`,
//! with a `factdiff.yaml` whose reference is en: 2,000 sets are 12,000 documents, 10,000 compared
//! pairs, about 35 MB. It goes into a temporary folder (or `--keep DIR`). Then it runs
//! `BIN lint --no-progress --exit-zero --format F` (text by default) there for each binary and
//! prints sets/s, pairs/s, wall time, user + system CPU time and peak memory, and whether the
//! binaries wrote the same report.

#[path = "support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Command;
use support::LANGUAGES;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut set_counts: Vec<usize> = support::flags(&args, "--sets")
        .iter()
        .map(|v| v.parse().expect("--sets N"))
        .collect();
    if set_counts.is_empty() {
        set_counts.push(2_000);
    }
    let format = support::flag(&args, "--format").unwrap_or_else(|| "text".into());
    let corpus = support::corpus_dir(&args);
    let binaries = support::binaries(&args);
    let temporary = tempfile::tempdir().expect("temporary folder");
    let base =
        support::flag(&args, "--keep").map_or_else(|| temporary.path().to_path_buf(), Into::into);
    println!(
        "{:>6} {:>6} {:>7}  {:<32} {:>7} {:>8} {:>7} {:>7} {:>5} {:>7}  report",
        "sets", "pairs", "MB", "binary", "wall s", "CPU s", "sets/s", "pairs/s", "CPU/w", "RSS MB"
    );
    for sets in set_counts {
        let root = base.join(format!("tree-{sets}"));
        let bytes = generate(&corpus, sets, &root);
        let pairs = sets * (LANGUAGES.len() - 1);
        let mut reports: Vec<std::path::PathBuf> = Vec::new();
        for (i, binary) in binaries.iter().enumerate() {
            let report = base.join(format!("report-{sets}-{i}.{format}"));
            let mut command = Command::new(binary);
            command.current_dir(&root).args([
                "lint",
                "--no-progress",
                "--exit-zero",
                "--format",
                &format,
            ]);
            let m = support::measure(command, &report);
            assert_eq!(m.exit_code, 0, "{} failed", binary.display());
            let same = reports.first().map_or("", |first| {
                if support::same_bytes(first, &report) {
                    "same"
                } else {
                    "DIFFERS"
                }
            });
            let (wall, cpu) = (m.wall.as_secs_f64(), (m.user + m.system).as_secs_f64());
            println!(
                "{sets:>6} {pairs:>6} {:>7.1}  {:<32} {wall:>7.2} {cpu:>8.2} {:>7.0} {:>7.0} {:>5.2} {:>7.0}  {same}",
                bytes as f64 / 1e6,
                binary.display().to_string(),
                sets as f64 / wall,
                pairs as f64 / wall,
                cpu / wall,
                m.peak_rss as f64 / 1e6,
            );
            reports.push(report);
        }
    }
}

/// Writes the tree of `sets` document sets under `root`; returns the bytes of its documents.
fn generate(corpus: &Path, sets: usize, root: &Path) -> usize {
    std::fs::create_dir_all(root).expect("tree folder");
    std::fs::write(
        root.join("factdiff.yaml"),
        "sets:\n  - pattern: \"content/{lang}/**/*.txt\"\nreference: en\n",
    )
    .expect("config writes");
    let mut bytes = 0;
    for lang in LANGUAGES {
        let documents = support::documents(corpus, lang);
        assert!(!documents.is_empty(), "{}: no {lang}.txt", corpus.display());
        for set in 0..sets {
            let dir = root.join(format!("content/{lang}/part-{:02}", set % 50));
            std::fs::create_dir_all(&dir).expect("folder");
            let text = &documents[set % documents.len()];
            std::fs::write(dir.join(format!("doc-{set:05}.txt")), text).expect("document writes");
            bytes += text.len();
        }
    }
    bytes
}
