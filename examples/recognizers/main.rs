//! Phrase accuracy on the Recognizers-Text specs: per language and model, how many phrases yield a
//! fact that covers the expected text with the expected value.
//!
//!     cargo run --release --example recognizers [-- CORPUS_DIR] [--show LANG/MODEL N]
//!
//! CORPUS_DIR defaults to `../shared/corpora/recognizers-specs` beside the checkout (the `Specs/`
//! folder of Microsoft Recognizers-Text, MIT; see its README). For each language factdiff has a
//! pack for (en fr de es it pt zh ja ar) and each model (numbers, ordinals, percentages, ranges,
//! currency, dimension, temperature, dates, times) whose spec file exists, every case's `Input` is
//! analysed as a document in that language with `Engine::analyze`. A case is a hit when every
//! expected result it scores is met by some fact: the fact overlaps the result's text, holds every
//! digit of it, and states the expected value. Values compare as exact decimals; a spec value
//! written with 15 or more significant digits is a .NET double (1/3 is `0.333333333333333`), so
//! factdiff's exact value is rounded to as many digits first. The last line is the total;
//! `--show en/dates 20` prints 20 misses of one cell with the phrase, the expectation and the facts
//! factdiff found.
//!
//! How the specs' `Resolution` maps to factdiff's fact model:
//!
//! - numbers: `value` (a decimal comma in the Romance and German specs, `E` notation allowed) is a
//!   fact of kind number or year with that value, or a range with it as one end, or a ratio
//!   (`1/3`) whose quotient it is;
//! - ordinals: `value` is an ordinal fact's value; `ordinal.relative` results (next, last) are
//!   skipped;
//! - percentages: `value` without its `%` is a percent fact's value (50 for 50 %);
//! - ranges: `(20,35]`, `[50,)`, `(,40]`: one end is a figure qualified more_than `(v,)`,
//!   at_least `[v,)`, less_than `(,v)` or at_most `(,v]`; both ends given is a range fact with
//!   those ends (whether its ends are open is that library's convention: "between 20 and 30" is
//!   `[20,30)`), or two such qualified figures bounding it from below and above ("greater than 100
//!   and smaller than 300"), or one exact figure when the ends are equal ("equal to 20", `[20,20]`);
//! - currency: `value` with a unit of dimension currency whose id is `isoCurrency` (case aside);
//!   without an ISO code, the unit name stands for the codes it may mean (a bare "Dollar" is any
//!   dollar, "Franc" any franc, "Finnish markka" FIM), and a subunit (Cent, Pence, Satoshi) is
//!   either the value divided by 100 (10^8) in its currency or the value in a unit with the
//!   subunit's id (`cent`, `penny`);
//! - dimension and temperature: `value` with a unit that converts like the named one: the same
//!   dimension and, to 20 decimal places, the same factor and offset to factdiff's base unit of it
//!   (metre, square metre, kilogram, litre, metre per second, kelvin; byte, hertz, joule, watt and
//!   degree of angle for dimensions factdiff may add). "30 degrees" with no scale is any
//!   temperature unit;
//! - dates: the timex `2016-01-12`, `XXXX-10-02` or `XXXX-XX-15` is a date fact with exactly those
//!   fields written (no year, no month where the timex has X);
//! - times: the timex `T08:40`, `T07`, `T19:56:30` is a fact of kind `time` whose value reads as
//!   that hour, minute and second (no seconds is :00; a zone after it is ignored).
//!
//! Left out of the score, each with its reason in the table below the figures: cases marked
//! `NotSupported` or `NotSupportedByDesign` for dotnet (the reference implementation has never
//! met them; a case unsupported only by the JavaScript, Python or Java ports is scored), cases with
//! nothing expected, `IgnoreResolution` cases and results without a value, dates resolved from the
//! reference date (a year not written in digits and within 3 years of `ReferenceDateTime`:
//! "tomorrow", "Friday the 22nd", "two years ago"; this also leaves out the few years written in
//! words close to it), weekday dates (timex with W), relative ordinals, results whose text is not
//! in the input and which give no span, and values beyond rust_decimal's range. A case with
//! several results is scored on the results that are not left out.

mod score;

use factdiff::Engine;
use rayon::prelude::*;
use score::{CaseOutcome, Model, Skip, Verdict, LANGUAGES};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The tally of one language and model.
#[derive(Default, Clone)]
struct Tally {
    cases: usize,
    hit: usize,
    missed: usize,
    skipped: BTreeMap<Skip, usize>,
}

impl Tally {
    fn add_outcome(&mut self, outcome: &CaseOutcome) {
        self.cases += 1;
        match outcome.verdict {
            Verdict::Hit => self.hit += 1,
            Verdict::Miss => self.missed += 1,
            Verdict::Skipped(skip) => *self.skipped.entry(skip).or_default() += 1,
        }
    }

    fn add(&mut self, other: &Tally) {
        self.cases += other.cases;
        self.hit += other.hit;
        self.missed += other.missed;
        for (skip, n) in &other.skipped {
            *self.skipped.entry(*skip).or_default() += n;
        }
    }

    fn scored(&self) -> usize {
        self.hit + self.missed
    }

    fn skipped(&self) -> usize {
        self.skipped.values().sum()
    }
}

struct Options {
    corpus: PathBuf,
    show: Option<(String, Model, usize)>,
}

fn options() -> anyhow::Result<Options> {
    let mut args = std::env::args().skip(1);
    let mut options = Options {
        corpus: Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/recognizers-specs"),
        show: None,
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--show" => {
                let cell = args.next().unwrap_or_default();
                let (lang, model) = cell
                    .split_once('/')
                    .and_then(|(l, m)| Some((l.to_string(), Model::parse(m)?)))
                    .ok_or_else(|| {
                        anyhow::anyhow!("--show wants LANG/MODEL, e.g. en/dates; got {cell:?}")
                    })?;
                let n = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
                options.show = Some((lang, model, n));
            }
            _ => options.corpus = PathBuf::from(arg),
        }
    }
    Ok(options)
}

fn main() -> anyhow::Result<()> {
    let options = options()?;
    let engine = Engine::load(&[])?;
    let cells: Vec<(&str, &str, Model)> = LANGUAGES
        .iter()
        .flat_map(|&(code, folder)| Model::ALL.into_iter().map(move |m| (code, folder, m)))
        .filter(|(_, folder, model)| options.corpus.join(model.file(folder)).is_file())
        .collect();
    if cells.is_empty() {
        anyhow::bail!(
            "{}: no spec files (see its README)",
            options.corpus.display()
        );
    }
    let scored: Vec<((&str, Model), Vec<CaseOutcome>)> = cells
        .par_iter()
        .map(|&(code, folder, model)| {
            let path = options.corpus.join(model.file(folder));
            let json = std::fs::read_to_string(&path)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let outcomes = score::score_file(&engine, code, model, &json)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            Ok(((code, model), outcomes))
        })
        .collect::<anyhow::Result<_>>()?;

    if let Some((lang, model, n)) = &options.show {
        show_misses(&scored, lang, *model, *n);
        return Ok(());
    }
    print_table(&scored);
    Ok(())
}

fn show_misses(scored: &[((&str, Model), Vec<CaseOutcome>)], lang: &str, model: Model, n: usize) {
    let misses = scored
        .iter()
        .filter(|((l, m), _)| *l == lang && *m == model)
        .flat_map(|(_, outcomes)| outcomes)
        .filter(|o| o.verdict == Verdict::Miss);
    for outcome in misses.take(n) {
        println!("miss {lang}/{}: {:?}", model.name(), outcome.input);
        println!("  expected: {}", outcome.expected.join("; "));
        let found = if outcome.found.is_empty() {
            "nothing".to_string()
        } else {
            outcome.found.join("; ")
        };
        println!("  found:    {found}");
    }
}

fn print_table(scored: &[((&str, Model), Vec<CaseOutcome>)]) {
    let mut cells: BTreeMap<(usize, Model), Tally> = BTreeMap::new();
    for ((lang, model), outcomes) in scored {
        let order = LANGUAGES.iter().position(|(c, _)| c == lang).unwrap_or(0);
        let tally = cells.entry((order, *model)).or_default();
        outcomes.iter().for_each(|o| tally.add_outcome(o));
    }
    println!(
        "{:<5} {:<12} {:>6} {:>6} {:>6} {:>7} {:>7}",
        "lang", "model", "cases", "scored", "hit", "%", "skipped"
    );
    let mut per_model: BTreeMap<Model, Tally> = BTreeMap::new();
    for ((order, model), tally) in &cells {
        print_row(LANGUAGES[*order].0, model.name(), tally);
        per_model.entry(*model).or_default().add(tally);
    }
    println!();
    let mut total = Tally::default();
    for (model, tally) in &per_model {
        print_row("all", model.name(), tally);
        total.add(tally);
    }
    print_row("all", "all", &total);
    println!();
    println!("skipped, by reason:");
    for skip in Skip::ALL {
        let count = total.skipped.get(&skip).copied().unwrap_or(0);
        if count > 0 {
            println!("{count:>6}  {}", skip.reason());
        }
    }
    println!();
    let by_model: Vec<String> = per_model
        .iter()
        .map(|(m, t)| format!("{} {}", m.name(), percent(t.hit, t.scored())))
        .collect();
    println!(
        "total: {} phrases scored in {} files, {} hit ({}), {} skipped; {}",
        total.scored(),
        cells.len(),
        total.hit,
        percent(total.hit, total.scored()),
        total.skipped(),
        by_model.join(", ")
    );
}

fn print_row(lang: &str, model: &str, t: &Tally) {
    println!(
        "{:<5} {:<12} {:>6} {:>6} {:>6} {:>7} {:>7}",
        lang,
        model,
        t.cases,
        t.scored(),
        t.hit,
        percent(t.hit, t.scored()),
        t.skipped()
    );
}

fn percent(count: usize, of: usize) -> String {
    if of == 0 {
        return "-".to_string();
    }
    format!("{:.1}%", 100.0 * count as f64 / of as f64)
}
