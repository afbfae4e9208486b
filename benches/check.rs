//! How many pairs of seed-sized versions `check` compares per second: alignment and comparison
//! alone (the documents analysed once), and the whole run from text to findings.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use factdiff::compare;
use factdiff::policy::Policy;
use factdiff::source::Document;
use factdiff::Engine;
use std::hint::black_box;
use std::path::Path;

const SEEDS: [(&str, &str); 2] = [
    ("seeds/000_68e9064bbfbe1c43.txt", "ru"),
    ("seeds/001_cea54e034a4877b4.txt", "fr"),
];

fn seed(path: &str) -> Document {
    Document::read(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(path),
        factdiff::source::DEFAULT_MAX_INPUT_SIZE,
    )
    .expect("seed reads")
}

fn bench(c: &mut Criterion) {
    let engine = Engine::load(&[]).expect("embedded rules");
    let policy = Policy::embedded().expect("embedded policy");
    let [(left_path, left_lang), (right_path, right_lang)] = SEEDS;
    let (left_doc, right_doc) = (seed(left_path), seed(right_path));
    let left = engine.analyze(left_doc.clone(), Some(left_lang)).unwrap();
    let right = engine.analyze(right_doc.clone(), Some(right_lang)).unwrap();

    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Elements(1));
    group.bench_function("align+compare seed pair 000/001", |b| {
        b.iter(|| compare::compare(black_box(&left), black_box(&right), &policy))
    });
    group.bench_function("analyse+align+compare seed pair 000/001", |b| {
        b.iter(|| {
            let l = engine.analyze(left_doc.clone(), Some(left_lang)).unwrap();
            let r = engine.analyze(right_doc.clone(), Some(right_lang)).unwrap();
            compare::compare(&l, &r, &policy)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
