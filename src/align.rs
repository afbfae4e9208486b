//! Alignment: which fact of one version corresponds to which fact of another.
//!
//! Correspondence comes from where a fact stands, never from whether its value agrees: the
//! sentence aligner ([`crate::sentalign`]) says which sentences translate which, and inside each
//! bead of corresponding sentences the facts are paired by a maximum-weight assignment
//! (Kuhn–Munkres) on kind, unit, concept, order within the bead and value. A same-kind fact whose
//! value contradicts still pairs when it has no better partner in its bead: the comparison then
//! reports the contradiction. Facts left over pair across beads only on overwhelming evidence, the
//! same value of the same kind, in a neighbouring bead or, for an unusual value, anywhere.
//! Everything else is missing. The result is `Vec<(Option<left>, Option<right>)>` in reading order
//! of the left version, a fact only in the right version after the left facts of its bead.

use crate::analysis::Analysis;
use crate::fact::{
    Fact, Interval, Kind, PartialDate, Qualifier, Quantity, SetRelation, TimeOfDay, Value,
};
use crate::policy::Tolerances;
use crate::sentalign::Bead;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// One row of an alignment: a pair, or a fact with no counterpart on the other side.
pub type Row = (Option<usize>, Option<usize>);

/// How the values of two facts relate, before any policy: the evidence the aligner scores and the
/// comparison explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affinity {
    /// Same kind, same value, same qualifier.
    Same,
    /// Both can be true (nested or overlapping sets, a date with a field left out, an identifier in
    /// another script).
    Consistent,
    /// They contradict each other but look like one fact stated wrongly.
    Close(Hint),
    Unrelated,
}

impl Affinity {
    /// 0 for the strongest evidence of one fact, larger for weaker.
    fn rank(self) -> u8 {
        match self {
            Affinity::Same => 0,
            Affinity::Consistent => 1,
            Affinity::Close(_) => 2,
            Affinity::Unrelated => 3,
        }
    }
}

/// The ways two facts can be read: as extracted first, then with the other reading of an
/// ambiguous figure or unit on either side or both.
pub fn readings<'a>(a: &'a Fact, b: &'a Fact) -> Vec<(Cow<'a, Fact>, Cow<'a, Fact>)> {
    let ways = |fact: &'a Fact| -> Vec<Cow<'a, Fact>> {
        std::iter::once(Cow::Borrowed(fact))
            .chain(fact.other_reading().map(Cow::Owned))
            .chain(fact.unit_readings().map(Cow::Owned))
            .collect()
    };
    let (ways_a, ways_b) = (ways(a), ways(b));
    ways_b
        .iter()
        .flat_map(|y| ways_a.iter().map(move |x| (x.clone(), y.clone())))
        .collect()
}

/// Why two contradicting values look like the same fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// The same digits in another order (17,78 / 17,87).
    Transposed,
    /// One value is the other times 10^k: a shifted decimal point or a wrong scale word.
    PowerOfTen(i32),
    /// Within the policy's `near` tolerance of each other.
    Near,
    /// Dates sharing a field and differing in another (same day, other month); ranges and ratios
    /// sharing one figure and differing in the other (30–43 % and 40–43 %).
    OtherField,
    /// The same figure as a different kind (a percent and a plain number).
    OtherKind,
    /// The same figure with bounds that exclude each other ("more than 9" and "less than 9").
    OtherQualifier,
    /// Identifiers with the same number and other letters.
    SameNumber,
}

/// Weights in points; integers keep the assignment exact and deterministic.
const SAME: i64 = 1000;
const CONSISTENT: i64 = 600;
const CLOSE: i64 = 400;
/// A same-kind fact whose value neither agrees nor looks like a slip: still the best partner
/// when nothing else in the bead is.
const SAME_KIND: i64 = 150;
const KIND_EXACT: i64 = 50;
/// How far apart in their beads (as a share of the text) two plain numbers whose values do not
/// relate may stand and still be taken for one fact: a figure changed in translation stays about
/// where it was.
const CONTRADICTION_REACH: f64 = 0.4;
const CONCEPT_SAME: i64 = 100;
const CONCEPT_CLASH: i64 = -120;
/// Facts in the same place of their bead's text earn this much, less as they stand apart.
const ORDER: f64 = 100.0;
/// How many beads apart leftover facts of the same value may stand and still pair.
const NEIGHBOURS: usize = 1;
/// How many pairs of leftover facts the rescue tries one by one before it looks up equal values
/// only.
const RESCUE_PAIRS: usize = 250_000;
/// The most facts of one side of a bead given to the (cubic) assignment solver at once.
const ASSIGN_CHUNK: usize = 64;

/// Pairs the facts of two analysed versions whose sentences `beads` aligned.
pub fn align(
    left: &Analysis,
    right: &Analysis,
    beads: &[Bead],
    tolerances: &Tolerances,
) -> Vec<Row> {
    pair_facts(left, right, beads, tolerances, true)
}

/// Pairs facts only inside each bead, never across: for translation units, whose beads are
/// certain and whose facts never move to another unit.
pub fn align_within_beads(
    left: &Analysis,
    right: &Analysis,
    beads: &[Bead],
    tolerances: &Tolerances,
) -> Vec<Row> {
    pair_facts(left, right, beads, tolerances, false)
}

/// The passes of the pairing; `across` lets facts pair across beads after the beads' own pass.
fn pair_facts(
    left: &Analysis,
    right: &Analysis,
    beads: &[Bead],
    tolerances: &Tolerances,
    across: bool,
) -> Vec<Row> {
    let (left_bead, left_place) = places(left, beads, |b| &b.left);
    let (right_bead, right_place) = places(right, beads, |b| &b.right);
    let left_groups = groups(&left_bead, beads.len());
    let right_groups = groups(&right_bead, beads.len());
    let mut pairing = Pairing::new(left.facts.len(), right.facts.len());
    // The strongest evidence first: equal values, bead by bead and then those the beads missed;
    // then values that agree and values that contradict, bead by bead; only then values that
    // merely agree across beads, since a figure stated wrongly in its own sentence is more
    // likely than a bound that happens to hold for a figure far away.
    let passes = [
        Pass::Beads(Evidence::Equal),
        Pass::Across(Evidence::Equal),
        Pass::Beads(Evidence::Agreeing),
        Pass::Beads(Evidence::Contradicting),
        Pass::Across(Evidence::Agreeing),
        Pass::Across(Evidence::Contradicting),
    ];
    for pass in passes {
        let pairs = match pass {
            Pass::Beads(evidence) => within_beads(
                (left, right),
                (&left_groups, &right_groups),
                (&left_place, &right_place),
                beads,
                &pairing,
                evidence,
                tolerances,
            ),
            Pass::Across(_) if !across => Vec::new(),
            Pass::Across(Evidence::Contradicting) => {
                slips_nearby(left, right, &left_bead, &right_bead, &pairing, tolerances)
            }
            Pass::Across(evidence) => rescue(
                (left, right),
                (&left_bead, &right_bead),
                &pairing,
                evidence,
                tolerances,
            ),
        };
        for (i, j) in pairs {
            pairing.pair(i, j);
        }
    }
    rows(&pairing, &left_bead, &right_bead)
}

/// One pass of the pairing: inside each bead, or across beads.
#[derive(Debug, Clone, Copy)]
enum Pass {
    Beads(Evidence),
    Across(Evidence),
}

/// The pairs one kind of evidence makes inside each bead, by a global assignment per bead.
fn within_beads(
    (left, right): (&Analysis, &Analysis),
    (left_groups, right_groups): (&[Vec<usize>], &[Vec<usize>]),
    (left_place, right_place): (&[f64], &[f64]),
    beads: &[Bead],
    pairing: &Pairing,
    evidence: Evidence,
    tolerances: &Tolerances,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for ((lefts, rights), bead) in left_groups.iter().zip(right_groups).zip(beads) {
        if evidence == Evidence::Contradicting && !bead.is_firm() {
            continue;
        }
        let lefts: Vec<usize> = lefts
            .iter()
            .copied()
            .filter(|&i| pairing.lonely_left(i))
            .collect();
        let rights: Vec<usize> = rights
            .iter()
            .copied()
            .filter(|&j| pairing.lonely_right(j))
            .collect();
        let weight = |a: usize, b: usize| {
            let (i, j) = (lefts[a], rights[b]);
            let distance = (left_place[i] - right_place[j]).abs();
            let (fa, fb) = (&left.facts[i], &right.facts[j]);
            evidence
                .admits(fa, fb, tolerances)
                .then(|| pair_weight(fa, fb, distance, tolerances))
                .flatten()
        };
        pairs.extend(
            assign(lefts.len(), rights.len(), weight)
                .into_iter()
                .map(|(a, b)| (lefts[a], rights[b])),
        );
    }
    pairs
}

/// What a pass of the pairing takes for evidence of one fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// The same value, in some reading.
    Equal,
    /// Values that can both be true.
    Agreeing,
    /// Anything `pair_weight` allows, contradictions included.
    Contradicting,
}

impl Evidence {
    fn admits(self, a: &Fact, b: &Fact, tolerances: &Tolerances) -> bool {
        match self {
            Evidence::Equal => readings(a, b)
                .iter()
                .any(|(x, y)| affinity(x, y, tolerances) == Affinity::Same),
            Evidence::Agreeing => agree(a, b, tolerances),
            Evidence::Contradicting => true,
        }
    }
}

/// Which facts have a partner so far.
struct Pairing {
    partner: Vec<Option<usize>>,
    taken: Vec<bool>,
}

impl Pairing {
    fn new(left: usize, right: usize) -> Pairing {
        Pairing {
            partner: vec![None; left],
            taken: vec![false; right],
        }
    }

    fn pair(&mut self, i: usize, j: usize) {
        self.partner[i] = Some(j);
        self.taken[j] = true;
    }

    fn lonely_left(&self, i: usize) -> bool {
        self.partner[i].is_none()
    }

    fn lonely_right(&self, j: usize) -> bool {
        !self.taken[j]
    }
}

/// The facts state the same value, or values that can both be true, in some reading.
fn agree(a: &Fact, b: &Fact, tolerances: &Tolerances) -> bool {
    readings(a, b).iter().any(|(x, y)| {
        matches!(
            affinity(x, y, tolerances),
            Affinity::Same | Affinity::Consistent
        )
    })
}

/// The bead each fact of a version stands in, and where in the bead's text it stands, from 0
/// (its start) to 1 (its end).
fn places(
    analysis: &Analysis,
    beads: &[Bead],
    side: impl Fn(&Bead) -> &Range<usize>,
) -> (Vec<usize>, Vec<f64>) {
    let mut of_sentence = vec![0; analysis.sentences.len()];
    let mut spans = Vec::with_capacity(beads.len());
    for (k, bead) in beads.iter().enumerate() {
        let sentences = side(bead).clone();
        for s in sentences.clone() {
            of_sentence[s] = k;
        }
        let span = match (sentences.start, sentences.end) {
            (start, end) if start < end => {
                analysis.sentences.span(start).start..analysis.sentences.span(end - 1).end
            }
            _ => 0..0,
        };
        spans.push(span);
    }
    analysis
        .facts
        .iter()
        .map(|f| {
            let sentence = analysis.sentences.index_of(f.start);
            let bead = of_sentence.get(sentence).copied().unwrap_or(0);
            let span = spans.get(bead).cloned().unwrap_or(0..0);
            let place = (f.start.saturating_sub(span.start)) as f64 / span.len().max(1) as f64;
            (bead, place.min(1.0))
        })
        .unzip()
}

/// The facts of each bead, in reading order.
fn groups(bead_of: &[usize], beads: usize) -> Vec<Vec<usize>> {
    let mut groups = vec![Vec::new(); beads.max(1)];
    for (fact, &bead) in bead_of.iter().enumerate() {
        groups[bead].push(fact);
    }
    groups
}

/// How good a partner `b` is for `a` inside one bead; `None` when they cannot be one fact.
fn pair_weight(a: &Fact, b: &Fact, order_distance: f64, tolerances: &Tolerances) -> Option<i64> {
    let best = readings(a, b)
        .iter()
        .map(|(x, y)| affinity(x, y, tolerances))
        .min_by_key(|affinity| affinity.rank())
        .unwrap_or(Affinity::Unrelated);
    let value = match best {
        Affinity::Same => SAME,
        Affinity::Consistent => CONSISTENT,
        Affinity::Close(_) => CLOSE,
        Affinity::Unrelated if may_contradict(a, b, order_distance) => SAME_KIND,
        Affinity::Unrelated => return None,
    };
    let concept = match (&a.concept, &b.concept) {
        (Some(x), Some(y)) if x == y => CONCEPT_SAME,
        (Some(_), Some(_)) => CONCEPT_CLASH,
        _ => 0,
    };
    let kind = if a.kind == b.kind { KIND_EXACT } else { 0 };
    let order = (ORDER * (1.0 - order_distance)).round() as i64;
    Some(value + concept + kind + order).filter(|&w| w > 0)
}

/// Two facts whose values do not relate can still be one fact stated wrongly when they are of
/// one kind, in units of one dimension (or both without unit: a unit on one side only is more
/// likely a conversion the other side did not name), counting the same thing. Ordinals must be
/// written in digits: ordinal words ("first", "second") also order and rank, and translations
/// use them freely; ranges and ratios need one figure in common. Plain numbers are everywhere in a text, so they must also stand about where
/// the other stands in the bead; a year, a percent or a measure is distinctive wherever it is.
fn may_contradict(a: &Fact, b: &Fact, order_distance: f64) -> bool {
    // A counted unit ("54 года": years, by its noun) is as often left unnamed by the other side
    // ("a 54-year-old") as any counted noun.
    let units = match (&a.unit, &b.unit) {
        (Some(x), Some(y)) => x.converts_to(y),
        (None, None) => true,
        (Some(_), None) => a.concept.is_some(),
        (None, Some(_)) => b.concept.is_some(),
    };
    let concepts = match (&a.concept, &b.concept) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    let digits = |f: &Fact| f.text.chars().any(|c| c.is_ascii_digit());
    let ordinals = a.kind != Kind::Ordinal || (digits(a) && digits(b));
    // A range or ratio with both of its figures changed is another period or proportion; one
    // figure changed is a slip, which `affinity` already sees.
    let two_part = matches!(a.kind, Kind::Range | Kind::Ratio);
    // A plain number is anything; it needs its place, its counted noun or its bound to say it
    // is the same fact.
    let plain = a.kind == Kind::Number && a.unit.is_none();
    let described = a.concept.is_some() && a.concept == b.concept
        || a.qualifier != Qualifier::Exact && a.qualifier == b.qualifier;
    let placed = !plain || described || order_distance <= CONTRADICTION_REACH;
    // A rank and a count contradict only where both are digits standing at one place.
    let kinds = a.kind == b.kind
        || rank_and_count(a, b) && digits(a) && digits(b) && order_distance <= CONTRADICTION_REACH;
    kinds && units && concepts && ordinals && placed && !two_part
}

/// A maximum-weight assignment between `n` and `m` items; `weight` says which pairs are allowed.
/// The solver is cubic: a bead holding more than [`ASSIGN_CHUNK`] facts on a side is cut, by
/// order, into as many stretches of each side as that takes, and stretch k of the left is paired
/// with stretch k of the right. Facts of a bead that large seldom stray far from their order, and
/// the time stays linear in the facts.
fn assign(n: usize, m: usize, weight: impl Fn(usize, usize) -> Option<i64>) -> Vec<(usize, usize)> {
    let chunks = n.max(m).div_ceil(ASSIGN_CHUNK);
    if chunks > 1 {
        let stretch = |len: usize, k: usize| k * len / chunks..(k + 1) * len / chunks;
        return (0..chunks)
            .flat_map(|k| {
                let (lefts, rights) = (stretch(n, k), stretch(m, k));
                let (l0, r0) = (lefts.start, rights.start);
                assign_within(lefts.len(), rights.len(), |a, b| weight(l0 + a, r0 + b))
                    .into_iter()
                    .map(move |(a, b)| (l0 + a, r0 + b))
            })
            .collect();
    }
    assign_within(n, m, weight)
}

fn assign_within(
    n: usize,
    m: usize,
    weight: impl Fn(usize, usize) -> Option<i64>,
) -> Vec<(usize, usize)> {
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let weights: Vec<Vec<i64>> = (0..n)
        .map(|a| (0..m).map(|b| weight(a, b).unwrap_or(0)).collect())
        .collect();
    // The solver wants no more rows than columns.
    let transposed = n > m;
    let (rows, cols) = if transposed { (m, n) } else { (n, m) };
    let matrix = pathfinding::matrix::Matrix::from_fn(rows, cols, |(r, c)| {
        if transposed {
            weights[c][r]
        } else {
            weights[r][c]
        }
    });
    let (_, assignment) = pathfinding::kuhn_munkres::kuhn_munkres(&matrix);
    assignment
        .into_iter()
        .enumerate()
        .map(|(r, c)| if transposed { (c, r) } else { (r, c) })
        .filter(|&(a, b)| weights[a][b] > 0)
        .collect()
}

/// Pairs facts the beads left alone on both sides when the evidence is overwhelming: the same
/// value in a neighbouring bead (translation moves a figure across a sentence boundary), or
/// anywhere when neither fact has another candidate and the value is written once in each
/// version or is too unusual to recur by chance (a moved sentence, or versions that do not
/// follow each other sentence by sentence); values that merely agree pair only in the latter
/// case, unusual and of one kind. The nearest are taken first. Past [`RESCUE_PAIRS`] candidate
/// pairs, only equal values are looked up, by value, so the time stays near-linear.
fn rescue(
    (left, right): (&Analysis, &Analysis),
    (left_bead, right_bead): (&[usize], &[usize]),
    pairing: &Pairing,
    evidence: Evidence,
    tolerances: &Tolerances,
) -> Vec<(usize, usize)> {
    let lonely_left: Vec<usize> = (0..left.facts.len())
        .filter(|&i| pairing.lonely_left(i))
        .collect();
    let lonely_right: Vec<usize> = (0..right.facts.len())
        .filter(|&j| pairing.lonely_right(j))
        .collect();
    let admitted: Vec<(usize, usize)> = if lonely_left.len() * lonely_right.len() <= RESCUE_PAIRS {
        lonely_left
            .iter()
            .flat_map(|&i| lonely_right.iter().map(move |&j| (i, j)))
            .filter(|&(i, j)| evidence.admits(&left.facts[i], &right.facts[j], tolerances))
            .collect()
    } else if evidence == Evidence::Equal {
        equal_values(left, right, &lonely_left, &lonely_right, tolerances)
    } else {
        Vec::new()
    };
    let (left_values, right_values) = (value_counts(left), value_counts(right));
    let mut counts: BTreeMap<(bool, usize), usize> = BTreeMap::new();
    for &(i, j) in &admitted {
        *counts.entry((true, i)).or_default() += 1;
        *counts.entry((false, j)).or_default() += 1;
    }
    let candidates: Vec<(usize, usize, usize)> = admitted
        .into_iter()
        .filter_map(|(i, j)| {
            let distance = left_bead[i].abs_diff(right_bead[j]);
            let (a, b) = (&left.facts[i], &right.facts[j]);
            let only = counts[&(true, i)] == 1 && counts[&(false, j)] == 1;
            let unusual = a.kind == b.kind && unusual(a) && unusual(b);
            let accepted = match evidence {
                Evidence::Equal => {
                    let singular = left_values[&key(a)] == 1 && right_values[&key(b)] == 1;
                    distance <= NEIGHBOURS || (only && (singular || unusual))
                }
                _ => only && unusual,
            };
            accepted.then_some((distance, i, j))
        })
        .collect();
    nearest_first(candidates)
}

/// Pairs leftover facts in neighbouring beads whose values look like one fact stated wrongly
/// (a shifted decimal point, transposed digits, another field of a date): where the sentence
/// alignment is off by one, as around a moved paragraph, the slip is still reported as one.
fn slips_nearby(
    left: &Analysis,
    right: &Analysis,
    left_bead: &[usize],
    right_bead: &[usize],
    pairing: &Pairing,
    tolerances: &Tolerances,
) -> Vec<(usize, usize)> {
    let mut lonely_right: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for j in (0..right.facts.len()).filter(|&j| pairing.lonely_right(j)) {
        lonely_right.entry(right_bead[j]).or_default().push(j);
    }
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for i in (0..left.facts.len()).filter(|&i| pairing.lonely_left(i)) {
        let bead = left_bead[i];
        let near = lonely_right.range(bead.saturating_sub(NEIGHBOURS)..=bead + NEIGHBOURS);
        for &j in near.flat_map(|(_, js)| js) {
            let (a, b) = (&left.facts[i], &right.facts[j]);
            if a.kind == b.kind && matches!(affinity(a, b, tolerances), Affinity::Close(_)) {
                candidates.push((bead.abs_diff(right_bead[j]), i, j));
            }
        }
    }
    nearest_first(candidates)
}

/// Takes candidate pairs `(distance, left, right)` nearest first, each fact once.
fn nearest_first(mut candidates: Vec<(usize, usize, usize)>) -> Vec<(usize, usize)> {
    candidates.sort_unstable();
    let (mut used_left, mut used_right) = (BTreeSet::new(), BTreeSet::new());
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_left.contains(&i) && !used_right.contains(&j) {
            used_left.insert(i);
            used_right.insert(j);
            pairs.push((i, j));
        }
    }
    pairs
}

/// What identifies a value across versions: its kind family and the value.
fn key(fact: &Fact) -> (u8, String) {
    (family(fact.kind), fact.value.to_string())
}

/// How often each value occurs in a version.
fn value_counts(analysis: &Analysis) -> BTreeMap<(u8, String), usize> {
    let mut counts = BTreeMap::new();
    for fact in &analysis.facts {
        *counts.entry(key(fact)).or_default() += 1;
    }
    counts
}

/// Lonely facts of equal value on both sides, found through an index by value.
fn equal_values(
    left: &Analysis,
    right: &Analysis,
    lonely_left: &[usize],
    lonely_right: &[usize],
    tolerances: &Tolerances,
) -> Vec<(usize, usize)> {
    let mut by_value: BTreeMap<(u8, String), Vec<usize>> = BTreeMap::new();
    for &j in lonely_right {
        by_value.entry(key(&right.facts[j])).or_default().push(j);
    }
    lonely_left
        .iter()
        .flat_map(|&i| {
            let rights = by_value
                .get(&key(&left.facts[i]))
                .map_or(&[][..], Vec::as_slice);
            rights.iter().map(move |&j| (i, j))
        })
        .filter(|&(i, j)| affinity(&left.facts[i], &right.facts[j], tolerances) == Affinity::Same)
        .collect()
}

/// A value that does not recur by chance in a text: not a small count.
fn unusual(fact: &Fact) -> bool {
    match &fact.value {
        Value::Quantity(q) => {
            fact.kind != Kind::Number
                || fact.unit.is_some()
                || !q.value.is_integer()
                || q.value.abs() >= Decimal::from(100)
        }
        _ => true,
    }
}

/// The alignment rows in reading order: bead by bead, the left facts with their partners, then
/// the facts of the right version that have none.
fn rows(pairing: &Pairing, left_bead: &[usize], right_bead: &[usize]) -> Vec<Row> {
    let mut keyed: Vec<((usize, u8, usize), Row)> = pairing
        .partner
        .iter()
        .enumerate()
        .map(|(i, &j)| ((left_bead[i], 0, i), (Some(i), j)))
        .collect();
    keyed.extend(
        (0..pairing.taken.len())
            .filter(|&j| pairing.lonely_right(j))
            .map(|j| ((right_bead[j], 1, j), (None, Some(j)))),
    );
    keyed.sort_unstable_by_key(|&(key, _)| key);
    keyed.into_iter().map(|(_, row)| row).collect()
}

/// Kinds that can stand for one another: a figure written as a plain number in one version may be
/// a percent in another (a dropped sign is a finding); a year may be part of a date.
fn family(kind: Kind) -> u8 {
    match kind {
        Kind::Number | Kind::Percent => 0,
        Kind::Date | Kind::Year => 1,
        Kind::Range => 2,
        Kind::Ratio => 3,
        Kind::Identifier => 4,
        // An ordinal agrees with the same ordinal in any notation (XIV, 14e, четырнадцатый); it
        // meets a cardinal only through `rank_as_count`.
        Kind::Ordinal => 5,
        Kind::Time => 6,
    }
}

/// An ordinal and a plain count: one rank written two ways, as languages word anniversaries and
/// places differently ("his 63rd birthday", "своего 63-летия").
pub fn rank_and_count(a: &Fact, b: &Fact) -> bool {
    let rank_then_count =
        |x: &Fact, y: &Fact| x.kind == Kind::Ordinal && y.kind == Kind::Number && y.unit.is_none();
    rank_then_count(a, b) || rank_then_count(b, a)
}

/// How the values of two facts relate.
pub fn affinity(a: &Fact, b: &Fact, tolerances: &Tolerances) -> Affinity {
    if rank_and_count(a, b) {
        return if a.value == b.value {
            Affinity::Consistent
        } else {
            Affinity::Unrelated
        };
    }
    if family(a.kind) != family(b.kind) {
        return Affinity::Unrelated;
    }
    if let (Some(x), Some(y)) = (as_date(a), as_date(b)) {
        return date_affinity(&x, &y);
    }
    match (&a.value, &b.value) {
        (Value::Identifier(x), Value::Identifier(y)) => identifier_affinity(x, y),
        (Value::Time(x), Value::Time(y)) => time_affinity(x, y),
        (Value::Range { .. }, Value::Range { .. }) if in_other_units(a, b) => {
            converted_range_affinity(a, b, tolerances)
        }
        (Value::Ratio { num: an, den: ad }, Value::Ratio { num: bn, den: bd })
        | (Value::Range { from: an, to: ad }, Value::Range { from: bn, to: bd }) => {
            pair_affinity((an, ad), (bn, bd), tolerances)
        }
        (Value::Quantity(x), Value::Quantity(y)) if a.kind != b.kind => {
            if x.value == y.value {
                Affinity::Close(Hint::OtherKind)
            } else {
                Affinity::Unrelated
            }
        }
        (Value::Quantity(x), Value::Quantity(y)) => quantity_affinity(a, b, x, y, tolerances),
        _ => Affinity::Unrelated,
    }
}

/// How far apart (relative to the larger) the written figures of a one-sided bound and another
/// fact may be and still be taken for one fact: "more than 200" covers 209, and 12,5 billion too,
/// but only the first is a plausible counterpart.
const BOUND_REACH: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

fn quantity_affinity(
    a: &Fact,
    b: &Fact,
    x: &Quantity,
    y: &Quantity,
    tolerances: &Tolerances,
) -> Affinity {
    let (a_read, b_read) = (a.in_scale_of(b), b.in_scale_of(a));
    let (a, b) = (a_read.as_ref(), b_read.as_ref());
    // Neighbouring ordinals number different things (the XIV and the XV congress), not one
    // thing stated wrongly.
    if (a.kind == Kind::Ordinal || b.kind == Kind::Ordinal) && x.value != y.value {
        return Affinity::Unrelated;
    }
    if let (Some(ua), Some(ub)) = (&a.unit, &b.unit) {
        if !ua.converts_to(ub) {
            // The same figure in another currency or unit ("$5 million" / "5 millions d'euros") is
            // one fact stated wrongly; other figures in other units are other facts.
            return if x.value == y.value {
                Affinity::Close(Hint::OtherKind)
            } else {
                Affinity::Unrelated
            };
        }
        if ua.id != ub.id {
            return converted_affinity(a, b, tolerances);
        }
    }
    // A power of ten between the figures is a scale error even where the sets nest ("more than
    // 1,45 млн" and "more than 14,5 млн").
    if let Some(power @ Hint::PowerOfTen(_)) = hint(x, y, tolerances) {
        return Affinity::Close(power);
    }
    let one_sided = |q: Qualifier| !matches!(q, Qualifier::Exact | Qualifier::About);
    if (one_sided(a.qualifier) || one_sided(b.qualifier)) && !within(x, y, BOUND_REACH) {
        return Affinity::Unrelated;
    }
    interval_affinity(a, b, tolerances).unwrap_or_else(|| {
        if x.value == y.value {
            return Affinity::Close(Hint::OtherQualifier);
        }
        hint(x, y, tolerances).map_or(Affinity::Unrelated, Affinity::Close)
    })
}

/// Figures in two units of one dimension: their converted sets decide; a conversion that is off
/// but within a factor of two still pairs, as a wrong conversion.
fn converted_affinity(a: &Fact, b: &Fact, tolerances: &Tolerances) -> Affinity {
    if let Some(affinity) = interval_affinity(a, b, tolerances) {
        return affinity;
    }
    let base = |f: &Fact| {
        let interval = f.denotation(tolerances.about)?;
        Some(interval.low?.value.abs().max(interval.high?.value.abs()))
    };
    match (base(a), base(b)) {
        (Some(x), Some(y)) if x.min(y) * Decimal::TWO >= x.max(y) => Affinity::Close(Hint::Near),
        _ => Affinity::Unrelated,
    }
}

/// True when the figures differ by at most `reach` of the larger one.
fn within(x: &Quantity, y: &Quantity, reach: Decimal) -> bool {
    let largest = x.value.abs().max(y.value.abs());
    (x.value - y.value).abs() <= largest * reach
}

/// The sets of values two facts allow, as they can be compared: in base units when both name a
/// unit, as written when one leaves its unit implicit ("100 feet" and "100 pieds" where the
/// French unit was not recognised, or "(100)" repeating it). Under the same bound ("more than
/// 28,000" and "more than 24,000") the figures are compared, not the sets they bound: another
/// figure states another fact.
pub fn comparable_sets(a: &Fact, b: &Fact, about: Decimal) -> Option<(Interval, Interval)> {
    let both_units = a.unit.is_some() && b.unit.is_some();
    let read = |f: &Fact| {
        let written = if same_bound(a, b) {
            f.figure_interval(false)
                .or_else(|| f.written_denotation(about))?
        } else {
            f.written_denotation(about)?
        };
        Some(if both_units {
            f.in_base_unit(written)
        } else {
            written
        })
    };
    Some((read(a)?, read(b)?))
}

/// The same qualifier other than exact on both sides.
pub fn same_bound(a: &Fact, b: &Fact) -> bool {
    a.qualifier == b.qualifier && a.qualifier != Qualifier::Exact
}

/// Same or Consistent from the facts' denotations; `None` when they are disjoint.
fn interval_affinity(a: &Fact, b: &Fact, tolerances: &Tolerances) -> Option<Affinity> {
    let (x, y) = comparable_sets(a, b, tolerances.about)?;
    let relation = x.relation(&y);
    match relation {
        SetRelation::Equal if a.qualifier == b.qualifier => Some(Affinity::Same),
        SetRelation::Disjoint => None,
        // Sets that merely overlap ("2020–2025" and "2025–2028") are weak evidence of one fact
        // unless the same figure is written on both sides.
        SetRelation::Overlap if a.value != b.value && a.qualifier == b.qualifier => {
            Some(Affinity::Close(Hint::Near))
        }
        _ => Some(Affinity::Consistent),
    }
}

/// True when both facts name units, different ones of one dimension: "2 to 4 inches" and "от 5
/// до 10 см" are compared after conversion.
pub fn in_other_units(a: &Fact, b: &Fact) -> bool {
    match (&a.unit, &b.unit) {
        (Some(x), Some(y)) => x.id != y.id && x.converts_to(y),
        _ => false,
    }
}

/// The two ends of a range as figures in the range's unit, `None` for any other fact.
pub fn range_ends(range: &Fact) -> Option<[Fact; 2]> {
    let Value::Range { from, to } = &range.value else {
        return None;
    };
    let end = |q: &Quantity| Fact {
        kind: Kind::Number,
        value: Value::Quantity(*q),
        alternative: None,
        ..range.clone()
    };
    Some([end(from), end(to)])
}

/// Ranges in units that convert: each end is compared with its counterpart, and the weaker
/// evidence of the two decides.
fn converted_range_affinity(a: &Fact, b: &Fact, tolerances: &Tolerances) -> Affinity {
    let (Some(ends_a), Some(ends_b)) = (range_ends(a), range_ends(b)) else {
        return Affinity::Unrelated;
    };
    ends_a
        .iter()
        .zip(&ends_b)
        .map(|(x, y)| affinity(x, y, tolerances))
        .max_by_key(|affinity| affinity.rank())
        .map_or(Affinity::Unrelated, |weakest| match weakest {
            Affinity::Same => Affinity::Consistent,
            other => other,
        })
}

/// Two-part values (ratios, ranges): equal, or one part equal and the other not, which is one
/// figure stated wrongly (its hint says how, when it looks like a slip).
fn pair_affinity(
    a: (&Quantity, &Quantity),
    b: (&Quantity, &Quantity),
    tolerances: &Tolerances,
) -> Affinity {
    let other_part = |x, y| Affinity::Close(hint(x, y, tolerances).unwrap_or(Hint::OtherField));
    match (a.0 == b.0, a.1 == b.1) {
        (true, true) => Affinity::Same,
        (true, false) => other_part(a.1, b.1),
        (false, true) => other_part(a.0, b.0),
        (false, false) => Affinity::Unrelated,
    }
}

/// Why two different values might be one fact stated wrongly, if they look so.
pub fn hint(a: &Quantity, b: &Quantity, tolerances: &Tolerances) -> Option<Hint> {
    if a.value == b.value {
        return None;
    }
    if let Some(k) = power_of_ten(a.value, b.value) {
        return Some(Hint::PowerOfTen(k));
    }
    if transposed(&significant_digits(a.value), &significant_digits(b.value)) {
        return Some(Hint::Transposed);
    }
    within(a, b, tolerances.near).then_some(Hint::Near)
}

/// `k` when `b = a × 10^k` for some k ≠ 0 up to twelve.
fn power_of_ten(a: Decimal, b: Decimal) -> Option<i32> {
    if a.is_zero() || b.is_zero() {
        return None;
    }
    let mut factor = Decimal::ONE;
    for k in 1..=12 {
        factor *= Decimal::TEN;
        if a.checked_mul(factor) == Some(b) {
            return Some(k);
        }
        if b.checked_mul(factor) == Some(a) {
            return Some(-k);
        }
    }
    None
}

/// The digits of a value without its sign, decimal point and trailing zeros: 17.78 → "1778".
pub fn significant_digits(value: Decimal) -> String {
    let digits: String = value
        .normalize()
        .abs()
        .to_string()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let trimmed = digits.trim_start_matches('0').trim_end_matches('0');
    trimmed.to_string()
}

fn transposed(a: &str, b: &str) -> bool {
    if a == b || a.len() != b.len() || a.len() < 2 {
        return false;
    }
    let sorted = |s: &str| {
        let mut c: Vec<char> = s.chars().collect();
        c.sort_unstable();
        c
    };
    sorted(a) == sorted(b)
}

/// A date, or a year read as a date with only its year written.
pub fn as_date(fact: &Fact) -> Option<PartialDate> {
    match (&fact.value, fact.kind) {
        (Value::Date(d), _) => Some(*d),
        (Value::Quantity(q), Kind::Year) => Some(PartialDate {
            year: q.value.to_i32(),
            month: None,
            day: None,
        }),
        _ => None,
    }
}

/// How the fields of two dates compare.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateFields {
    /// Written on both sides and equal.
    pub shared: usize,
    /// Written on one side only.
    pub one_sided: usize,
    /// Written on both sides and different.
    pub conflicts: usize,
}

pub fn date_fields(a: &PartialDate, b: &PartialDate) -> DateFields {
    let fields = [
        (a.year, b.year),
        (a.month.map(i32::from), b.month.map(i32::from)),
        (a.day.map(i32::from), b.day.map(i32::from)),
    ];
    let mut result = DateFields::default();
    for pair in fields {
        match pair {
            (Some(x), Some(y)) if x == y => result.shared += 1,
            (Some(_), Some(_)) => result.conflicts += 1,
            (None, None) => {}
            _ => result.one_sided += 1,
        }
    }
    result
}

fn date_affinity(a: &PartialDate, b: &PartialDate) -> Affinity {
    let fields = date_fields(a, b);
    match (fields.shared, fields.one_sided, fields.conflicts) {
        (0, _, _) => Affinity::Unrelated,
        (_, 0, 0) => Affinity::Same,
        (_, _, 0) => Affinity::Consistent,
        (_, _, 1) => Affinity::Close(Hint::OtherField),
        _ => Affinity::Unrelated,
    }
}

fn identifier_affinity(a: &str, b: &str) -> Affinity {
    if same_identifier(a, b) {
        return Affinity::Same;
    }
    if same_in_latin(a, b) {
        return Affinity::Consistent;
    }
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let (da, db) = (digits(a), digits(b));
    if !da.is_empty() && da == db {
        Affinity::Close(Hint::SameNumber)
    } else if transposed(&da, &db) {
        Affinity::Close(Hint::Transposed)
    } else {
        Affinity::Unrelated
    }
}

/// Times of day agree on the clock; a zone written on one side only, or another zone, leaves them
/// consistent (zones are not converted).
fn time_affinity(a: &TimeOfDay, b: &TimeOfDay) -> Affinity {
    match compare_times(a, b) {
        TimeFields::Same => Affinity::Same,
        TimeFields::Partial => Affinity::Consistent,
        TimeFields::Differ => Affinity::Unrelated,
    }
}

/// How two times of day compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeFields {
    Same,
    /// The clock agrees where both write it; seconds or the zone are written on one side only,
    /// or the zones differ.
    Partial,
    Differ,
}

pub fn compare_times(a: &TimeOfDay, b: &TimeOfDay) -> TimeFields {
    let seconds_agree = a.second.unwrap_or(0) == b.second.unwrap_or(0);
    if (a.hour, a.minute) != (b.hour, b.minute) || !seconds_agree {
        TimeFields::Differ
    } else if a.second == b.second && a.zone == b.zone {
        TimeFields::Same
    } else {
        TimeFields::Partial
    }
}

/// Identifiers are the same whatever the letter case and whether a hyphen joins their letters to
/// their digits: "COVID-19", "Covid-19" and "COVID19"; "F-125" and "F125".
pub fn same_identifier(a: &str, b: &str) -> bool {
    a == b || code_characters(a).eq(code_characters(b))
}

/// The characters that make a code what it is: upper-cased, without a hyphen between a letter and
/// a digit.
fn code_characters(code: &str) -> impl Iterator<Item = char> + '_ {
    let mut previous: Option<char> = None;
    code.char_indices()
        .filter(move |&(at, c)| {
            let next = code[at + c.len_utf8()..].chars().next();
            let joins_letter_and_digit = matches!(c, '-' | '‐' | '‑')
                && matches!((previous, next), (Some(p), Some(n))
                    if p.is_alphanumeric() && n.is_alphanumeric() && p.is_alphabetic() != n.is_alphabetic());
            previous = Some(c);
            !joins_letter_and_digit
        })
        .flat_map(|(_, c)| c.to_uppercase())
}

/// True when two identifiers are the same once Cyrillic or Greek letters are read as Latin, either
/// as look-alikes (С → C) or transliterated (Л → L).
pub fn same_in_latin(a: &str, b: &str) -> bool {
    let fold = |s: &str, map: fn(char) -> char| -> String {
        s.chars().flat_map(char::to_uppercase).map(map).collect()
    };
    [look_alike as fn(char) -> char, transliterated]
        .into_iter()
        .any(|map| fold(a, map) == fold(b, map))
}

fn look_alike(c: char) -> char {
    match c {
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'Е' | 'Ε' => 'E',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Н' | 'Η' => 'H',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'С' => 'C',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'У' => 'Y',
        other => transliterated(other),
    }
}

fn transliterated(c: char) -> char {
    match c {
        'А' => 'A',
        'Б' => 'B',
        'В' => 'V',
        'Г' => 'G',
        'Д' => 'D',
        'Е' | 'Э' => 'E',
        'З' => 'Z',
        'И' | 'Й' => 'I',
        'К' => 'K',
        'Л' => 'L',
        'М' => 'M',
        'Н' => 'N',
        'О' => 'O',
        'П' => 'P',
        'Р' => 'R',
        'С' => 'S',
        'Т' => 'T',
        'У' => 'U',
        'Ф' => 'F',
        'Х' => 'H',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: &str, qualifier: Qualifier) -> Fact {
        Fact::written(Kind::Number, value, qualifier)
    }

    fn tol() -> Tolerances {
        Tolerances::default()
    }

    #[test]
    fn value_affinities() {
        let exact = |v| number(v, Qualifier::Exact);
        assert_eq!(
            affinity(&exact("209"), &exact("209"), &tol()),
            Affinity::Same
        );
        assert_eq!(
            affinity(&exact("209"), &number("200", Qualifier::MoreThan), &tol()),
            Affinity::Consistent
        );
        assert_eq!(
            affinity(&exact("17.78"), &exact("17.87"), &tol()),
            Affinity::Close(Hint::Transposed)
        );
        assert_eq!(
            affinity(&exact("17.78"), &exact("177.8"), &tol()),
            Affinity::Close(Hint::PowerOfTen(1))
        );
        assert_eq!(
            affinity(&number("200", Qualifier::MoreThan), &exact("190"), &tol()),
            Affinity::Close(Hint::Near)
        );
        assert_eq!(
            affinity(&exact("45"), &exact("2026"), &tol()),
            Affinity::Unrelated
        );
    }

    #[test]
    fn identifiers_in_another_script_are_consistent() {
        assert!(same_in_latin("148-КЛ/TW", "148-KL/TW"));
        assert!(same_in_latin("45-СТ/TW", "45-CT/TW"));
        assert!(!same_in_latin("45-CT/TW", "45-NQ/TW"));
        assert_eq!(
            identifier_affinity("45-CT/TW", "45-NQ/TW"),
            Affinity::Close(Hint::SameNumber)
        );
    }

    #[test]
    fn codes_are_the_same_whatever_the_case_and_a_hyphen_before_their_digits() {
        assert!(same_identifier("Covid-19", "COVID19"));
        assert!(same_identifier("F125", "F-125"));
        assert!(!same_identifier("F-125", "F-126"));
        assert!(!same_identifier("148-KL/TW", "148KL/TW-"));
        assert!(!same_identifier("1-23", "12-3"));
    }
}
