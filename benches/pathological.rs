//! Time per MB on each pathological input (benches/support/pathological.rs) next to news text:
//! extraction of one document, and `check` of two (the second half as long). None should be
//! more than 5× slower per MB than the news text.

#[path = "support/pathological.rs"]
mod pathological;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use factdiff::compare;
use factdiff::policy::Policy;
use factdiff::source::{Document, Source};
use factdiff::Engine;

const BYTES: usize = 1 << 20;

fn bench(c: &mut Criterion) {
    let engine = Engine::load(&[]).expect("embedded rules");
    let policy = Policy::embedded().expect("embedded policy");
    let news = pathological::Input::news();
    let inputs = std::iter::once(&news)
        .chain(pathological::INPUTS)
        .map(|i| (i.name, i.lang, i.format, i.text(BYTES)));
    let mut group = c.benchmark_group("pathological");
    // Forty-odd inputs, two benchmarks each: short runs keep the whole bench to minutes.
    group
        .sample_size(10)
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    for (name, lang, format, text) in inputs {
        let analyse = |text: &str| {
            let doc = Document::from_text(format!("bench.{lang}.txt"), text.to_string());
            engine
                .analyze_source(
                    Source::parse(doc, format).expect("the input reads"),
                    Some(lang),
                )
                .expect("analyses")
        };
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("extract/{name}"), |b| b.iter(|| analyse(&text)));
        let half = &text[..text.floor_char_boundary_compat(text.len() / 2)];
        let (left, right) = (analyse(&text), analyse(half));
        group.throughput(Throughput::Bytes((text.len() + half.len()) as u64));
        group.bench_function(format!("compare/{name}"), |b| {
            b.iter(|| compare::compare(&left, &right, &policy))
        });
    }
    group.finish();
}

/// `str::floor_char_boundary` is not stable yet.
trait FloorBoundary {
    fn floor_char_boundary_compat(&self, at: usize) -> usize;
}

impl FloorBoundary for str {
    fn floor_char_boundary_compat(&self, mut at: usize) -> usize {
        while !self.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
