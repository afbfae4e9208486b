//! Extraction throughput: every seed text repeated to about 4 MB, extracted with its own pack.
//! Criterion reports bytes per second.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use factdiff::source::Document;
use factdiff::Engine;

const SEEDS: &[(&str, &str)] = &[
    ("ru", include_str!("../seeds/000_68e9064bbfbe1c43.txt")),
    ("fr", include_str!("../seeds/001_cea54e034a4877b4.txt")),
    ("pl", include_str!("../seeds/002_0670ba753eaed892.txt")),
    ("ru", include_str!("../seeds/003_5f4fe48c88a862a6.txt")),
    ("ar", include_str!("../seeds/004_13c61ffd3cca6478.txt")),
];

const TARGET_BYTES: usize = 4 << 20;

fn throughput(c: &mut Criterion) {
    let engine = Engine::load(&[]).expect("embedded rules load");
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    for (i, (code, text)) in SEEDS.iter().enumerate() {
        let big = text.repeat(TARGET_BYTES / text.len() + 1);
        group.throughput(Throughput::Bytes(big.len() as u64));
        group.bench_function(format!("seed_{i:03}_{code}"), |b| {
            b.iter(|| {
                let doc = Document::from_text("bench.txt", big.clone());
                engine
                    .analyze(doc, Some(code))
                    .expect("analyses")
                    .facts
                    .len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
