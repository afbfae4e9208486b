//! `factdiff lint` on a generated tree of 10,000 Markdown documents: 2,500 document sets in
//! English, French, Russian and Polish, 50 folders, each document five paragraphs of figures,
//! dates and percentages with front matter and a code block, one set in fifty with a contradiction.
//! The tree is generated into a temporary folder when the benchmark starts; set
//! `FACTDIFF_LINT_TREE=DIR` to generate it there and keep it (to time the binary on it, e.g. with
//! `/usr/bin/time -v factdiff lint --format json` in DIR).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use factdiff::config::Config;
use factdiff::{lint, Engine};
use std::path::Path;

const SETS: usize = 2_500;
const PARAGRAPHS: usize = 5;

/// One paragraph per language; `{a}` … `{e}` are figures, `{c}` thousands.
const TEMPLATES: [(&str, &str); 4] = [
    (
        "en",
        "The district has {a} households and {b} schools. Since 14 April 2025, more than {c},500 kits were delivered, and coverage reached {d}.{e}% in 2024.",
    ),
    (
        "fr",
        "Le district compte {a} foyers et {b} écoles. Depuis le 14 avril 2025, plus de {c} 500 kits ont été livrés, et la couverture a atteint {d},{e} % en 2024.",
    ),
    (
        "ru",
        "В районе {a} домохозяйств и {b} школ. С 14 апреля 2025 года доставлено более {c} 500 комплектов, а охват в 2024 году достиг {d},{e}%.",
    ),
    (
        "pl",
        "Powiat liczy {a} gospodarstw domowych i {b} szkół. Od 14 kwietnia 2025 r. dostarczono ponad {c} 500 zestawów, a zasięg osiągnął {d},{e}% w 2024 r.",
    ),
];

fn document(template: &str, set: usize, lang: &str) -> String {
    let mut text = format!(
        "---\ntitle: Report {set}\nweight: {}\n---\n# Report {set}\n\n",
        set % 97
    );
    for p in 0..PARAGRAPHS {
        let seed = set * 31 + p * 7;
        // One set in fifty has a contradiction in French: transposed percentage digits.
        let (d, e) = (10 + seed % 80, 10 + seed % 89);
        let e = if lang == "fr" && set % 50 == 0 && p == 0 {
            e % 10 * 10 + e / 10
        } else {
            e
        };
        let paragraph = template
            .replace("{a}", &(100 + seed % 900).to_string())
            .replace("{b}", &(2 + seed % 40).to_string())
            .replace("{c}", &(1 + seed % 90).to_string())
            .replace("{d}", &d.to_string())
            .replace("{e}", &e.to_string());
        text.push_str(&paragraph);
        text.push_str("\n\n");
    }
    text.push_str("```sh\nkit install --jobs 8\n```\n");
    text
}

fn generate(root: &Path) {
    std::fs::write(
        root.join("factdiff.yaml"),
        "sets:\n  - pattern: \"content/{lang}/**/*.md\"\n    reference: en\n",
    )
    .expect("config writes");
    for set in 0..SETS {
        for (lang, template) in TEMPLATES {
            let dir = root.join(format!("content/{lang}/part-{:02}", set % 50));
            std::fs::create_dir_all(&dir).expect("folder");
            std::fs::write(
                dir.join(format!("doc-{set:04}.md")),
                document(template, set, lang),
            )
            .expect("document writes");
        }
    }
}

fn bench(c: &mut Criterion) {
    let temporary = tempfile::tempdir().expect("temporary folder");
    let root = std::env::var_os("FACTDIFF_LINT_TREE")
        .map_or_else(|| temporary.path().to_path_buf(), Into::into);
    std::fs::create_dir_all(&root).expect("tree folder");
    generate(&root);
    let config = Config::load(&root.join("factdiff.yaml")).expect("config");
    let engine = Engine::load(&[]).expect("embedded rules");
    let policy = config.policy().expect("policy");
    let mut group = c.benchmark_group("lint");
    group.sample_size(10);
    group.throughput(Throughput::Elements((SETS * TEMPLATES.len()) as u64));
    group.bench_function("10,000 Markdown documents", |b| {
        b.iter(|| {
            let options = lint::Options {
                jobs: std::thread::available_parallelism().map_or(1, usize::from),
                baselining: lint::Baselining::None,
                progress: &|_, _| {},
            };
            let plan = lint::Plan::of(&config, &engine).expect("the tree is walked");
            let totals = lint::run(&plan, &engine, &policy, &options, |_| {
                Ok::<(), factdiff::Error>(())
            })
            .expect("lint runs");
            totals.findings.errors
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
