//! Unusual but possible inputs complete: every stage stays linear on them (their time per MB is
//! measured by `cargo bench --bench pathological`; tests assert completion, never time).

#[path = "../benches/support/pathological.rs"]
mod pathological;

use factdiff::compare;
use factdiff::policy::Policy;
use factdiff::source::{Document, Source};
use factdiff::Engine;

/// Large enough that a quadratic stage would take minutes in a debug build, small enough that
/// linear ones take well under a second.
const BYTES: usize = 8 << 10;

fn analyse(engine: &Engine, input: &pathological::Input, text: String) -> factdiff::Analysis {
    let name = format!("{}.{}.txt", input.name.replace(' ', "-"), input.lang);
    let source = Source::parse(Document::from_text(name, text), input.format)
        .unwrap_or_else(|e| panic!("{}: {e}", input.name));
    engine
        .analyze_source(source, Some(input.lang))
        .unwrap_or_else(|e| panic!("{}: {e}", input.name))
}

#[test]
fn every_pathological_input_is_extracted_and_checked() {
    let engine = Engine::load(&[]).expect("embedded rules");
    let policy = Policy::embedded().expect("embedded policy");
    for input in pathological::INPUTS {
        let left = analyse(&engine, input, input.text(BYTES));
        let right = analyse(&engine, input, input.text(BYTES / 2));
        let s = compare::compare(&left, &right, &policy).summary;
        let paired = s.agree + s.compatible + s.diverge;
        assert_eq!(
            2 * paired + s.missing_from_left + s.missing_from_right,
            left.facts.len() + right.facts.len(),
            "{}: every fact is paired or missing",
            input.name
        );
    }
}

#[test]
fn spaced_ones_are_one_fact_each() {
    let engine = Engine::load(&[]).expect("embedded rules");
    let doc = Document::from_text("ones.ru.txt", "1 ".repeat(8000));
    let analysis = engine.analyze(doc, Some("ru")).expect("analyses");
    assert_eq!(analysis.facts.len(), 8000);
    let last = analysis.facts.last().expect("facts");
    assert_eq!((last.line, last.column), (1, 15999));
}

#[test]
fn a_bead_of_ten_thousand_facts_is_aligned() {
    let engine = Engine::load(&[]).expect("embedded rules");
    let policy = Policy::embedded().expect("embedded policy");
    let text = "1 ".repeat(10_000);
    let left = engine
        .analyze(Document::from_text("a.ru.txt", text.clone()), Some("ru"))
        .expect("analyses");
    let right = engine
        .analyze(Document::from_text("b.fr.txt", text), Some("fr"))
        .expect("analyses");
    let summary = compare::compare(&left, &right, &policy).summary;
    assert_eq!(summary.agree, 10_000);
}

/// A quick table of time per MB next to news text, one timed pass per input (the criterion
/// bench takes long on the slow ones): `cargo test --release --test pathological -- --ignored
/// --nocapture`.
#[test]
#[ignore]
fn time_per_mb_next_to_news_text() {
    const TIMED: usize = 256 << 10;
    let engine = Engine::load(&[]).expect("embedded rules");
    let policy = Policy::embedded().expect("embedded policy");
    let news_input = pathological::Input::news();
    let per_mb = |input: &pathological::Input| {
        let (text, half) = (input.text(TIMED), input.text(TIMED / 2));
        let started = std::time::Instant::now();
        let left = analyse(&engine, input, text.clone());
        let extract = started.elapsed().as_secs_f64() * 1e9 / text.len() as f64;
        let right = analyse(&engine, input, half.clone());
        let started = std::time::Instant::now();
        compare::compare(&left, &right, &policy);
        let compare = started.elapsed().as_secs_f64() * 1e9 / (text.len() + half.len()) as f64;
        (extract, compare)
    };
    per_mb(&news_input); // warms the packs and caches up
    let news = per_mb(&news_input);
    println!("| input | extract ms/MB | × news | compare ms/MB | × news |");
    println!("|---|---|---|---|---|");
    for input in std::iter::once(&news_input).chain(pathological::INPUTS) {
        let (extract, compare) = per_mb(input);
        println!(
            "| {} | {extract:.0} | {:.1} | {compare:.0} | {:.1} |",
            input.name,
            extract / news.0,
            compare / news.1
        );
    }
}
