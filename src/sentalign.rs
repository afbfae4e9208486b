//! Sentence alignment: which sentences of one version translate which sentences of the other.
//!
//! Translation keeps the order of a text and mostly its sentences, so the two sentence sequences
//! are aligned by a dynamic programme over beads (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0, 0-1), as in
//! Gale & Church (1993): a bead costs the improbability of its length ratio plus its prior, and,
//! as hunalign and Bleualign add, less the anchors both sides share. Anchors are
//! language-independent: the values of the facts each sentence holds, runs of digits, Latin-script
//! names, URLs and codes, and quotes and parentheses. The kinds of fact both sides state count
//! too, whatever their values: a figure stated wrongly must not pull its sentence away from its
//! counterpart, since that contradiction is what the comparison is for. The programme runs in a
//! band around the diagonal, so its time is linear in the length of the documents. A second pass
//! pairs sentences left without a counterpart whose anchors agree strongly: a paragraph that
//! moved.

use crate::analysis::Analysis;
use crate::fact::{Fact, Kind, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// Sentences of the left version and the sentences of the right version that translate them;
/// one side is empty when a sentence has no counterpart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    pub left: Range<usize>,
    pub right: Range<usize>,
    /// How sure the alignment is of this bead, from 0 to 1: the agreement of its lengths and of
    /// its anchors.
    pub confidence: f64,
    /// Paired by the second pass, out of the order of the text.
    pub moved: bool,
    /// Its two sides share at least one anchor.
    pub anchored: bool,
}

impl Bead {
    /// Both sides hold sentences.
    pub fn is_pair(&self) -> bool {
        !self.left.is_empty() && !self.right.is_empty()
    }

    /// Sides that share an anchor, or at most two sentences on each side (the common shapes of
    /// translation): firm enough that two facts of one kind in it whose values do not relate are
    /// taken for one fact stated wrongly.
    pub fn is_firm(&self) -> bool {
        self.is_pair() && (self.anchored || (self.left.len() <= 2 && self.right.len() <= 2))
    }
}

/// For each sentence of either version, the sentences of the other version that translate it.
pub struct Counterparts {
    of_left: Vec<Range<usize>>,
    of_right: Vec<Range<usize>>,
}

impl Counterparts {
    pub fn new(beads: &[Bead], left_sentences: usize, right_sentences: usize) -> Counterparts {
        let mut of_left = vec![0..0; left_sentences];
        let mut of_right = vec![0..0; right_sentences];
        for bead in beads {
            for s in bead.left.clone().filter(|&s| s < left_sentences) {
                of_left[s] = bead.right.clone();
            }
            for s in bead.right.clone().filter(|&s| s < right_sentences) {
                of_right[s] = bead.left.clone();
            }
        }
        Counterparts { of_left, of_right }
    }

    /// The right sentences corresponding to left sentence `s` (empty when it has none).
    pub fn of_left(&self, s: usize) -> Range<usize> {
        self.of_left.get(s).cloned().unwrap_or(0..0)
    }

    /// The left sentences corresponding to right sentence `s`.
    pub fn of_right(&self, s: usize) -> Range<usize> {
        self.of_right.get(s).cloned().unwrap_or(0..0)
    }
}

/// Half the width of the band of the dynamic programme, in sentences, when the documents have
/// about as many sentences each.
const BAND: usize = 40;
/// The variance of the length of a translation per character: half Gale & Church's 6.8, which
/// lets short sentences merge with a neighbour too easily.
const LENGTH_VARIANCE: f64 = 3.4;
/// How much one shared anchor lowers a bead's cost, and one unshared anchor raises it (in
/// nats, the unit of the length and prior costs).
const SHARED_ANCHOR: f64 = 3.0;
const UNSHARED_ANCHOR: f64 = 1.0;
/// How much one kind of fact both sides state lowers a bead's cost, whatever the values.
const SHARED_SHAPE: f64 = 1.0;
/// The cost per character (in the right version's characters) of a sentence left without
/// counterpart.
const LONE_CHAR: f64 = 0.03;
/// What a bead costs more, per sentence pair, when both sides state facts and share none.
const FACT_CLASH: f64 = 4.0;
/// A cap on the length cost: beyond this any length ratio is as unlikely as another.
const MAX_LENGTH_COST: f64 = 25.0;
/// Anchors a moved sentence must share with its counterpart to be paired by the second pass.
const MOVED_ANCHORS: usize = 2;

/// A bead shape: sentences taken from the left and from the right, and its prior probability.
const SHAPES: [(usize, usize, f64); 8] = [
    (1, 1, 0.89),
    (1, 0, 0.005),
    (0, 1, 0.005),
    (2, 1, 0.04),
    (1, 2, 0.04),
    (2, 2, 0.011),
    (3, 1, 0.004),
    (1, 3, 0.004),
];

/// Aligns the sentences of two analysed versions. Every sentence of each side is in exactly one
/// bead; beads come in the order of the left version, moved beads where their left sentence
/// stands.
pub fn align(left: &Analysis, right: &Analysis) -> Vec<Bead> {
    let mut names = Interner::default();
    let l = profiles(left, &mut names);
    let r = profiles(right, &mut names);
    let ratio = length_ratio(&l, &r);
    let beads = diagonal(&l, &r, ratio);
    rescue_moved(beads, &l, &r, ratio)
}

/// What the aligner reads in one sentence.
struct Profile {
    /// Characters other than white space.
    chars: usize,
    /// Anchors, sorted, with repeats.
    anchors: Vec<u32>,
    /// What each fact is, whatever its value (kind and dimension), sorted: a figure stated
    /// differently is still evidence that two sentences correspond.
    shapes: Vec<u32>,
}

/// Anchors as numbers, so that beads compare them without touching strings.
#[derive(Default)]
struct Interner {
    ids: BTreeMap<String, u32>,
}

impl Interner {
    fn id(&mut self, anchor: String) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(anchor).or_insert(next)
    }
}

fn profiles(analysis: &Analysis, names: &mut Interner) -> Vec<Profile> {
    let text = &analysis.document.text;
    let mut facts = analysis.facts.iter().peekable();
    (0..analysis.sentences.len())
        .map(|s| {
            let span = analysis.sentences.span(s);
            let sentence = &text[span.clone()];
            let (mut held, mut shapes) = (Vec::new(), Vec::new());
            while let Some(fact) = facts.next_if(|f| f.start < span.end) {
                if fact.start >= span.start {
                    held.push(names.id(fact_anchor(fact)));
                    shapes.push(names.id(fact_shape(fact)));
                }
            }
            shapes.sort_unstable();
            let mut anchors: Vec<u32> = text_anchors(sentence)
                .into_iter()
                .map(|a| names.id(a))
                .chain(held.iter().copied())
                .collect();
            anchors.sort_unstable();
            Profile {
                chars: sentence.chars().filter(|c| !c.is_whitespace()).count(),
                anchors,
                shapes,
            }
        })
        .collect()
}

/// A fact as an anchor: its kind family and value, the same in every language ("five" and "cinq"
/// are both 5).
fn fact_anchor(fact: &Fact) -> String {
    let value = match &fact.value {
        // A year and a date of that year share the year.
        Value::Date(d) => d.year.map_or_else(|| d.iso(), |y| y.to_string()),
        other => other.to_string(),
    };
    format!("{}:{value}", kind_family(fact.kind))
}

/// A fact's kind family and the dimension of its unit, whatever its value.
fn fact_shape(fact: &Fact) -> String {
    let dimension = fact.unit.as_ref().map_or("", |u| u.dimension.as_str());
    format!("s{}:{dimension}", kind_family(fact.kind))
}

fn kind_family(kind: Kind) -> &'static str {
    match kind {
        Kind::Number | Kind::Percent => "n",
        Kind::Date | Kind::Year => "d",
        Kind::Range => "r",
        Kind::Ratio => "q",
        Kind::Identifier => "i",
        Kind::Ordinal => "o",
        Kind::Time => "t",
    }
}

/// Anchors written the same in every script: Latin-script names and codes (not the word that
/// opens the sentence), URLs, and quotes and parentheses.
fn text_anchors(sentence: &str) -> Vec<String> {
    let mut anchors: Vec<String> = sentence
        .split_whitespace()
        .filter(|w| w.contains("://") || w.starts_with("www.") || w.contains('@'))
        .map(|w| format!("u:{w}"))
        .collect();
    anchors.extend(
        sentence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .skip(1)
            .filter(|w| is_name(w))
            .map(|w| format!("w:{w}")),
    );
    let brackets = sentence.chars().filter(|&c| c == '(' || c == '（').count();
    anchors.extend((0..brackets).map(|_| "p:(".to_string()));
    let quotes = sentence.chars().filter(|&c| is_quote(c)).count() / 2;
    anchors.extend((0..quotes).map(|_| "p:\"".to_string()));
    anchors
}

/// A capitalised Latin-script word of two letters or more, or a code mixing letters and digits.
fn is_name(word: &str) -> bool {
    word.chars().count() >= 2
        && word.chars().all(|c| c.is_ascii_alphanumeric())
        && word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '«' | '»' | '“' | '”' | '„' | '「' | '」' | '『' | '』'
    )
}

/// Characters of the right version per character of the left one: Chinese writes a sentence in
/// far fewer characters than Russian.
fn length_ratio(l: &[Profile], r: &[Profile]) -> f64 {
    let total = |p: &[Profile]| p.iter().map(|s| s.chars).sum::<usize>().max(1) as f64;
    total(r) / total(l)
}

/// The cost of a bead: the improbability of its prior and of its length ratio, less the anchors
/// both sides share, plus the anchors one side has alone.
fn cost(left: &[Profile], right: &[Profile], prior: f64, ratio: f64) -> f64 {
    let chars = |p: &[Profile]| p.iter().map(|s| s.chars).sum::<usize>() as f64;
    let (lc, rc) = (chars(left) * ratio, chars(right));
    // A sentence without counterpart has no length ratio: what it costs grows with what it says,
    // and stays below what a merge with a neighbour of mismatched length costs.
    let length = if left.is_empty() || right.is_empty() {
        LONE_CHAR * (lc + rc)
    } else {
        let mean = ((lc + rc) / 2.0).max(1.0);
        let delta = (rc - lc) / (mean * LENGTH_VARIANCE).sqrt();
        (-(2.0 * (1.0 - normal_cdf(delta.abs()))).max(1e-300).ln()).min(MAX_LENGTH_COST)
    };
    let (shared, unshared) = anchor_overlap(left, right);
    let shapes = shared_shapes(left, right);
    // Per sentence, so that merging two clashing pairs into one bead saves nothing.
    let clash = if shapes == 0 && states_facts(left) && states_facts(right) {
        FACT_CLASH * (left.len() + right.len()) as f64 / 2.0
    } else {
        0.0
    };
    -prior.ln() + length + clash - SHARED_ANCHOR * shared as f64 + UNSHARED_ANCHOR * unshared as f64
        - SHARED_SHAPE * shapes as f64
}

/// The side states facts. Sentences that translate each other almost always state the same kinds
/// of figure, even when one of them is stated wrongly, so two sides that state facts and share no
/// kind of fact clash.
fn states_facts(side: &[Profile]) -> bool {
    side.iter().any(|p| !p.shapes.is_empty())
}

/// Kinds of fact both sides state (as multisets).
fn shared_shapes(left: &[Profile], right: &[Profile]) -> usize {
    overlap(
        Merged::of(left, |p| &p.shapes),
        Merged::of(right, |p| &p.shapes),
    )
}

/// Anchors both sides have (as multisets) and anchors one side has alone.
fn anchor_overlap(left: &[Profile], right: &[Profile]) -> (usize, usize) {
    let (a, b) = (
        Merged::of(left, |p| &p.anchors),
        Merged::of(right, |p| &p.anchors),
    );
    let total = a.len() + b.len();
    let shared = overlap(a, b);
    (shared, total - 2 * shared)
}

/// How many items two sorted sequences share, as multisets.
fn overlap(a: Merged<'_>, b: Merged<'_>) -> usize {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    let mut shared = 0;
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        match x.cmp(y) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                a.next();
                b.next();
            }
            std::cmp::Ordering::Less => _ = a.next(),
            std::cmp::Ordering::Greater => _ = b.next(),
        }
    }
    shared
}

/// The most sentences a bead takes from one side.
const MAX_GROUP: usize = 3;

/// The anchors of a group of sentences in sorted order, read from each sentence's sorted list as
/// they go: the cost of a bead is computed for every cell of the programme, and gathering the
/// lists into a new sorted one cost an allocation and a sort each time.
#[derive(Clone)]
struct Merged<'a> {
    lists: [&'a [u32]; MAX_GROUP],
}

impl<'a> Merged<'a> {
    fn of(group: &'a [Profile], list: impl Fn(&'a Profile) -> &'a Vec<u32>) -> Merged<'a> {
        assert!(
            group.len() <= MAX_GROUP,
            "a bead takes at most {MAX_GROUP} sentences a side"
        );
        let mut lists: [&[u32]; MAX_GROUP] = [&[]; MAX_GROUP];
        for (slot, sentence) in lists.iter_mut().zip(group) {
            *slot = list(sentence);
        }
        Merged { lists }
    }

    fn len(&self) -> usize {
        self.lists.iter().map(|l| l.len()).sum()
    }
}

impl Iterator for Merged<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let (smallest, _) = self
            .lists
            .iter()
            .enumerate()
            .filter_map(|(i, list)| Some((i, *list.first()?)))
            .min_by_key(|&(_, head)| head)?;
        let (head, rest) = self.lists[smallest].split_first()?;
        self.lists[smallest] = rest;
        Some(*head)
    }
}

/// The standard normal distribution function (Abramowitz & Stegun 7.1.26, error below 1.5e-7).
fn normal_cdf(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erfc = poly * (-z * z).exp();
    if x >= 0.0 {
        1.0 - erfc / 2.0
    } else {
        erfc / 2.0
    }
}

/// The band of right sentences the programme considers for each count of left sentences.
struct Band {
    lows: Vec<usize>,
    highs: Vec<usize>,
}

impl Band {
    fn new(n: usize, m: usize) -> Band {
        // Wide enough that consecutive rows overlap whatever the two documents' lengths.
        let half = BAND + m.div_ceil(n.max(1)) + n.div_ceil(m.max(1));
        let center = |i: usize| (i * m).checked_div(n).unwrap_or(0);
        let lows = (0..=n).map(|i| center(i).saturating_sub(half)).collect();
        let highs = (0..=n).map(|i| (center(i) + half).min(m)).collect();
        Band { lows, highs }
    }

    fn contains(&self, i: usize, j: usize) -> bool {
        (self.lows[i]..=self.highs[i]).contains(&j)
    }

    fn slot(&self, i: usize, j: usize) -> usize {
        j - self.lows[i]
    }
}

/// The cheapest monotone sequence of beads covering both documents.
fn diagonal(l: &[Profile], r: &[Profile], ratio: f64) -> Vec<Bead> {
    let (n, m) = (l.len(), r.len());
    let band = Band::new(n, m);
    // best[i][slot of j]: the cost of aligning l[..i] with r[..j], and the shape that ends it.
    let mut best: Vec<Vec<(f64, usize)>> = (0..=n)
        .map(|i| vec![(f64::INFINITY, 0); band.highs[i] - band.lows[i] + 1])
        .collect();
    best[0][0] = (0.0, 0);
    for i in 0..=n {
        for j in band.lows[i]..=band.highs[i] {
            if i == 0 && j == 0 {
                continue;
            }
            let mut here = (f64::INFINITY, 0);
            for (shape, &(a, b, prior)) in SHAPES.iter().enumerate() {
                if a > i || b > j || !band.contains(i - a, j - b) {
                    continue;
                }
                let before = best[i - a][band.slot(i - a, j - b)].0;
                if before.is_infinite() {
                    continue;
                }
                let total = before + cost(&l[i - a..i], &r[j - b..j], prior, ratio);
                if total < here.0 {
                    here = (total, shape);
                }
            }
            best[i][band.slot(i, j)] = here;
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (a, b, _) = SHAPES[best[i][band.slot(i, j)].1];
        beads.push(bead(i - a..i, j - b..j, l, r, ratio, false));
        (i, j) = (i - a, j - b);
    }
    beads.reverse();
    beads
}

fn bead(
    left: Range<usize>,
    right: Range<usize>,
    l: &[Profile],
    r: &[Profile],
    ratio: f64,
    moved: bool,
) -> Bead {
    let (lp, rp) = (&l[left.clone()], &r[right.clone()]);
    Bead {
        confidence: confidence(lp, rp, ratio),
        anchored: anchor_overlap(lp, rp).0 > 0,
        left,
        right,
        moved,
    }
}

/// How well a bead's sides agree, from 0 to 1, in hundredths: the mean of the probability of its
/// length ratio and of the share of its anchors both sides hold. A sentence without counterpart
/// has nothing to measure and gets 0.5.
fn confidence(left: &[Profile], right: &[Profile], ratio: f64) -> f64 {
    if left.is_empty() || right.is_empty() {
        return 0.5;
    }
    let chars = |p: &[Profile]| p.iter().map(|s| s.chars).sum::<usize>() as f64;
    let (lc, rc) = (chars(left) * ratio, chars(right));
    let delta = (rc - lc) / (((lc + rc) / 2.0).max(1.0) * LENGTH_VARIANCE).sqrt();
    let length = 2.0 * (1.0 - normal_cdf(delta.abs()));
    let (shared, unshared) = anchor_overlap(left, right);
    let anchors = if shared + unshared == 0 {
        0.5
    } else {
        shared as f64 / (shared + unshared) as f64
    };
    let value = 0.5 * length + 0.5 * anchors;
    (value * 100.0).round() / 100.0
}

/// Pairs sentences the programme left alone on both sides when they share enough anchors: the
/// paragraph moved. The moved bead takes the place of the lone left sentence; the lone right one
/// is dropped. Candidates are found through their anchors, never by trying every pair.
fn rescue_moved(beads: Vec<Bead>, l: &[Profile], r: &[Profile], ratio: f64) -> Vec<Bead> {
    let lone_right: Vec<usize> = beads
        .iter()
        .filter(|b| b.left.is_empty())
        .map(|b| b.right.start)
        .collect();
    let mut holders: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &j in &lone_right {
        for anchor in distinct(&r[j].anchors) {
            holders.entry(anchor).or_default().push(j);
        }
    }
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for bead in beads.iter().filter(|b| b.right.is_empty()) {
        let i = bead.left.start;
        let mut shared: BTreeMap<usize, usize> = BTreeMap::new();
        for anchor in distinct(&l[i].anchors) {
            for &j in holders.get(&anchor).map_or(&[][..], Vec::as_slice) {
                *shared.entry(j).or_default() += 1;
            }
        }
        candidates.extend(
            shared
                .into_iter()
                .filter(|&(_, count)| count >= MOVED_ANCHORS)
                .map(|(j, count)| (count, i, j)),
        );
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut partner: BTreeMap<usize, usize> = BTreeMap::new();
    let mut taken = BTreeSet::new();
    for (_, i, j) in candidates {
        if !partner.contains_key(&i) && taken.insert(j) {
            partner.insert(i, j);
        }
    }
    beads
        .into_iter()
        .filter(|b| !(b.left.is_empty() && taken.contains(&b.right.start)))
        .map(|b| match partner.get(&b.left.start) {
            Some(&j) if b.right.is_empty() => bead(b.left, j..j + 1, l, r, ratio, true),
            _ => b,
        })
        .collect()
}

/// Each anchor of a sorted list once.
fn distinct(anchors: &[u32]) -> impl Iterator<Item = u32> + '_ {
    anchors
        .iter()
        .enumerate()
        .filter(|&(k, a)| k == 0 || anchors[k - 1] != *a)
        .map(|(_, &a)| a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyse(text: &str, lang: &str) -> Analysis {
        let engine = crate::Engine::load(&[]).unwrap();
        let doc = crate::source::Document::from_text(format!("a.{lang}.txt"), text.to_string());
        engine.analyze(doc, Some(lang)).unwrap()
    }

    fn sides(beads: &[Bead]) -> Vec<(Range<usize>, Range<usize>)> {
        beads
            .iter()
            .map(|b| (b.left.clone(), b.right.clone()))
            .collect()
    }

    #[test]
    fn a_split_sentence_is_one_bead() {
        let left = analyse(
            "The company hired 120 people in 2021 and opened two offices in Lyon and Berlin.\n\
             Sales grew by 15%.\nThe chief executive, Anna Weber, said the year was good.",
            "en",
        );
        let right = analyse(
            "L'entreprise a embauché 120 personnes en 2021. Elle a ouvert deux bureaux à Lyon et \
             à Berlin.\nLes ventes ont augmenté de 15 %.\nLa directrice générale, Anna Weber, a \
             déclaré que l'année avait été bonne.",
            "fr",
        );
        let beads = align(&left, &right);
        assert_eq!(
            sides(&beads),
            vec![(0..1, 0..2), (1..2, 2..3), (2..3, 3..4)]
        );
        assert!(beads.iter().all(|b| b.confidence > 0.3), "{beads:?}");
    }

    #[test]
    fn a_dropped_sentence_has_no_counterpart() {
        let kept = |k: usize| format!("Paragraph {k} counts {} houses in Oslo.", 100 + k);
        let mut left: Vec<String> = (1..=8).map(kept).collect();
        left.insert(
            4,
            "An aside mentions 1998 and a long list of details the translation leaves out.".into(),
        );
        let right: Vec<String> = (1..=8)
            .map(|k| format!("Le paragraphe {k} compte {} maisons à Oslo.", 100 + k))
            .collect();
        let beads = align(
            &analyse(&left.join("\n"), "en"),
            &analyse(&right.join("\n"), "fr"),
        );
        let lone: Vec<_> = beads.iter().filter(|b| !b.is_pair()).collect();
        assert_eq!(lone.len(), 1, "{beads:?}");
        assert_eq!((lone[0].left.clone(), lone[0].right.clone()), (4..5, 4..4));
        assert_eq!(beads.len(), 9);
    }

    #[test]
    fn a_moved_paragraph_is_found_by_its_anchors() {
        let mut left_lines: Vec<String> = (1..=8)
            .map(|k| format!("Paragraph {k} reports {} cases in Oslo.", k * 111))
            .collect();
        left_lines.push("Finally, 7 439 tonnes went to Rotterdam and Hamburg in 2019.".into());
        let mut right_lines: Vec<String> = (1..=8)
            .map(|k| format!("Le paragraphe {k} signale {} cas à Oslo.", k * 111))
            .collect();
        right_lines.insert(
            1,
            "Enfin, 7 439 tonnes sont allées à Rotterdam et Hambourg en 2019.".into(),
        );
        let beads = align(
            &analyse(&left_lines.join("\n"), "en"),
            &analyse(&right_lines.join("\n"), "fr"),
        );
        let moved: Vec<_> = beads.iter().filter(|b| b.moved).collect();
        assert_eq!(moved.len(), 1, "{beads:?}");
        assert_eq!(
            (moved[0].left.clone(), moved[0].right.clone()),
            (8..9, 1..2)
        );
        assert!(beads.iter().all(|b| b.is_pair()), "{beads:?}");
    }

    #[test]
    fn long_documents_stay_in_the_band() {
        let line = "Line with 42 facts and Names.";
        let text = vec![line; 5000].join("\n");
        let beads = align(&analyse(&text, "en"), &analyse(&text, "en"));
        assert_eq!(beads.len(), 5000);
        assert!(beads
            .iter()
            .all(|b| b.left.len() == 1 && b.right.len() == 1));
    }
}
