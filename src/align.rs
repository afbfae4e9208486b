//! Alignment: which fact of one version corresponds to which fact of another, without being told
//! which sentences correspond.
//!
//! Every candidate pair gets a score from language-independent evidence: how the values relate
//! ([`affinity`]), the counted-noun concept, the relative position in the document, whether the two
//! facts lie between the same exact-agreement anchors, and the figures and Latin-script names their
//! sentences share. Pairs are chosen globally by a monotone alignment (Needleman–Wunsch with free
//! gaps), which keeps the order of the text; a second monotone pass over the leftovers, on value
//! evidence alone, pairs facts whose paragraph moved. A pair below the plausibility threshold is not
//! made: its facts are missing. The result is `Vec<(Option<left>, Option<right>)>` in reading
//! order of the left version, as difftastic does.

use crate::analysis::Analysis;
use crate::fact::{Fact, Kind, PartialDate, Qualifier, Quantity, SetRelation, Value};
use crate::policy::Tolerances;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

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

/// Why two contradicting values look like the same fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// The same digits in another order (17,78 / 17,87).
    Transposed,
    /// One value is the other times 10^k: a shifted decimal point or a wrong scale word.
    PowerOfTen(i32),
    /// Within the policy's `near` tolerance of each other.
    Near,
    /// Dates sharing a field and differing in another (same day, other month).
    OtherField,
    /// The same figure as a different kind (a percent and a plain number).
    OtherKind,
    /// Identifiers with the same number and other letters.
    SameNumber,
}

/// Scores in points; integers keep the dynamic programme exact and deterministic.
const SAME: i64 = 200;
const CONSISTENT: i64 = 160;
const CLOSE: i64 = 100;
const NEAR: i64 = 80;
const CONCEPT_SAME: i64 = 50;
const CONCEPT_CLASH: i64 = -60;
const POSITION: f64 = 100.0;
/// Relative distance in the document at which position stops counting.
const POSITION_REACH: f64 = 0.25;
const CONTEXT: i64 = 50;
const ANCHOR: i64 = 50;
/// A pair must score at least this to be made at all.
const PLAUSIBLE: i64 = 160;

/// Pairs the facts of two analysed versions.
pub fn align(left: &Analysis, right: &Analysis, tolerances: &Tolerances) -> Vec<Row> {
    let l = Side::new(left);
    let r = Side::new(right);
    let affinities: Vec<Vec<Affinity>> = left
        .facts
        .iter()
        .map(|a| {
            right
                .facts
                .iter()
                .map(|b| affinity(a, b, tolerances))
                .collect()
        })
        .collect();
    let anchors = Anchors::find(left, right, &affinities);
    let score = |i: usize, j: usize| {
        let value = value_points(affinities[i][j])?;
        let total = value
            + concept_points(&left.facts[i], &right.facts[j])
            + position_points(&l, i, &r, j)
            + context_points(&l.context[i], &r.context[j])
            + anchors.points(i, j);
        (total >= PLAUSIBLE).then_some(total)
    };
    let first = monotone(
        &(0..l.len).collect::<Vec<_>>(),
        &(0..r.len).collect::<Vec<_>>(),
        score,
    );
    let moved = pair_leftovers(&first, |i, j| {
        // A moved paragraph loses the evidence of position, so its facts pair on their values
        // alone: equal values, or consistent ones whose concept or sentence also agrees.
        let concept = concept_points(&left.facts[i], &right.facts[j]);
        let context = context_points(&l.context[i], &r.context[j]);
        let value = match affinities[i][j] {
            Affinity::Same => SAME,
            Affinity::Consistent if concept > 0 || context > 0 => CONSISTENT,
            _ => return None,
        };
        Some(value + concept + context).filter(|&t| t >= PLAUSIBLE)
    });
    let second = merge(first, &moved);
    // Sentences that the pairs so far show to correspond (or their neighbours, since translation
    // splits and merges sentences): inside them, facts that translation reordered pair on any
    // value evidence, contradictions included, by a global assignment.
    let linked: BTreeSet<(usize, usize)> = second
        .iter()
        .filter_map(|&(i, j)| Some((l.sentence[i?], r.sentence[j?])))
        .collect();
    let near_linked = |a: usize, b: usize| {
        [(0, 0), (1, 0), (0, 1), (1, 1)].iter().any(|&(da, db)| {
            linked.contains(&(a + da, b + db))
                || (a >= da && b >= db && linked.contains(&(a - da, b - db)))
        })
    };
    let in_linked_sentences = assign_leftovers(&second, |i, j| {
        if !near_linked(l.sentence[i], r.sentence[j]) {
            return None;
        }
        let value = value_points(affinities[i][j])?;
        Some(value + concept_points(&left.facts[i], &right.facts[j]))
    });
    merge(second, &in_linked_sentences)
}

/// Pairs the facts left alone by the earlier passes with a maximum-weight assignment (not in text
/// order): `score` says which pairs are allowed and how good they are.
fn assign_leftovers(rows: &[Row], score: impl Fn(usize, usize) -> Option<i64>) -> Vec<Row> {
    let (lonely_left, lonely_right) = lonely(rows);
    if lonely_left.is_empty() || lonely_right.is_empty() {
        return Vec::new();
    }
    let weight = |i: usize, j: usize| score(i, j).filter(|&w| w > 0).unwrap_or(0);
    // The solver wants no more rows than columns.
    let transposed = lonely_left.len() > lonely_right.len();
    let (rows_of, cols_of) = if transposed {
        (&lonely_right, &lonely_left)
    } else {
        (&lonely_left, &lonely_right)
    };
    let weights = pathfinding::matrix::Matrix::from_fn(rows_of.len(), cols_of.len(), |(r, c)| {
        let (i, j) = if transposed {
            (cols_of[c], rows_of[r])
        } else {
            (rows_of[r], cols_of[c])
        };
        weight(i, j)
    });
    let (_, assignment) = pathfinding::kuhn_munkres::kuhn_munkres(&weights);
    assignment
        .into_iter()
        .enumerate()
        .map(|(r, c)| {
            if transposed {
                (cols_of[c], rows_of[r])
            } else {
                (rows_of[r], cols_of[c])
            }
        })
        .filter(|&(i, j)| weight(i, j) > 0)
        .map(|(i, j)| (Some(i), Some(j)))
        .collect()
}

/// The left facts and the right facts that have no partner yet.
fn lonely(rows: &[Row]) -> (Vec<usize>, Vec<usize>) {
    let left = rows
        .iter()
        .filter_map(|r| match r {
            (Some(i), None) => Some(*i),
            _ => None,
        })
        .collect();
    let right = rows
        .iter()
        .filter_map(|r| match r {
            (None, Some(j)) => Some(*j),
            _ => None,
        })
        .collect();
    (left, right)
}

/// What the aligner knows about one version.
struct Side {
    len: usize,
    /// Fact index and sentence index, each as a fraction of the document.
    place: Vec<(f64, f64)>,
    /// Figures and Latin-script names in each fact's sentence (the fact itself excluded).
    context: Vec<BTreeSet<String>>,
    /// The sentence each fact stands in.
    sentence: Vec<usize>,
}

impl Side {
    fn new(analysis: &Analysis) -> Side {
        let facts = &analysis.facts;
        let sentences = analysis.sentences.len().max(1) as f64;
        let sentence_of: Vec<usize> = facts
            .iter()
            .map(|f| analysis.sentences.index_of(f.start))
            .collect();
        let place = facts
            .iter()
            .enumerate()
            .map(|(i, _)| {
                (
                    (i as f64 + 0.5) / facts.len() as f64,
                    (sentence_of[i] as f64 + 0.5) / sentences,
                )
            })
            .collect();
        let context = (0..facts.len())
            .map(|i| {
                let span = analysis.sentences.span(sentence_of[i]);
                let mut tokens = latin_names(&analysis.document.text[span]);
                tokens.extend(
                    (0..facts.len())
                        .filter(|&k| k != i && sentence_of[k] == sentence_of[i])
                        .map(|k| facts[k].value.to_string()),
                );
                tokens
            })
            .collect();
        Side {
            len: facts.len(),
            place,
            context,
            sentence: sentence_of,
        }
    }
}

/// Capitalised Latin-script words that do not open the sentence: names survive translation.
fn latin_names(sentence: &str) -> BTreeSet<String> {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .skip(1)
        .filter(|w| {
            w.chars().count() >= 2
                && w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && w.chars().all(|c| c.is_ascii_alphabetic())
        })
        .map(str::to_string)
        .collect()
}

/// Exact agreements whose value occurs once on each side, kept in order (a longest increasing
/// subsequence): like patience diff, they fix which stretch of one text matches which of the other.
struct Anchors {
    /// For each left fact, how many anchors lie before it (an anchor counts as before itself + 1).
    left_segment: Vec<usize>,
    right_segment: Vec<usize>,
}

impl Anchors {
    fn find(left: &Analysis, right: &Analysis, affinities: &[Vec<Affinity>]) -> Anchors {
        let unique = |facts: &[Fact]| {
            let mut count: BTreeMap<(Kind, String), usize> = BTreeMap::new();
            for f in facts {
                *count.entry((f.kind, f.value.to_string())).or_default() += 1;
            }
            move |f: &Fact| count[&(f.kind, f.value.to_string())] == 1
        };
        let (left_unique, right_unique) = (unique(&left.facts), unique(&right.facts));
        let candidates: Vec<(usize, usize)> = affinities
            .iter()
            .enumerate()
            .flat_map(|(i, row)| {
                row.iter()
                    .enumerate()
                    .filter(|(_, a)| **a == Affinity::Same)
                    .map(move |(j, _)| (i, j))
            })
            .filter(|&(i, j)| left_unique(&left.facts[i]) && right_unique(&right.facts[j]))
            .collect();
        let chosen = longest_increasing(&candidates);
        Anchors {
            left_segment: segments(left.facts.len(), chosen.iter().map(|&(i, _)| i)),
            right_segment: segments(right.facts.len(), chosen.iter().map(|&(_, j)| j)),
        }
    }

    fn points(&self, i: usize, j: usize) -> i64 {
        if self.left_segment[i] == self.right_segment[j] {
            ANCHOR
        } else {
            0
        }
    }
}

/// Segment number of each index: anchors at `at` split `0..len`; an anchor belongs to the segment
/// it closes, so an anchor pair always shares its segment.
fn segments(len: usize, at: impl Iterator<Item = usize>) -> Vec<usize> {
    let at: BTreeSet<usize> = at.collect();
    (0..len).map(|i| at.range(..i).count()).collect()
}

/// The longest chain of pairs increasing on both sides (candidates come sorted by left index).
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut best: Vec<(usize, Option<usize>)> = Vec::with_capacity(pairs.len());
    for (k, &(i, j)) in pairs.iter().enumerate() {
        let prev = (0..k)
            .filter(|&p| pairs[p].0 < i && pairs[p].1 < j)
            .max_by_key(|&p| (best[p].0, std::cmp::Reverse(p)));
        best.push(prev.map_or((1, None), |p| (best[p].0 + 1, Some(p))));
    }
    let mut at = (0..pairs.len()).max_by_key(|&k| (best[k].0, std::cmp::Reverse(k)));
    let mut chain = Vec::new();
    while let Some(k) = at {
        chain.push(pairs[k]);
        at = best[k].1;
    }
    chain.reverse();
    chain
}

fn value_points(affinity: Affinity) -> Option<i64> {
    match affinity {
        Affinity::Same => Some(SAME),
        Affinity::Consistent => Some(CONSISTENT),
        Affinity::Close(Hint::Near) => Some(NEAR),
        Affinity::Close(_) => Some(CLOSE),
        Affinity::Unrelated => None,
    }
}

fn concept_points(a: &Fact, b: &Fact) -> i64 {
    match (&a.concept, &b.concept) {
        (Some(x), Some(y)) if x == y => CONCEPT_SAME,
        (Some(_), Some(_)) => CONCEPT_CLASH,
        _ => 0,
    }
}

fn position_points(l: &Side, i: usize, r: &Side, j: usize) -> i64 {
    let (li, ls) = l.place[i];
    let (rj, rs) = r.place[j];
    let distance = ((li - rj).abs() + (ls - rs).abs()) / 2.0;
    (POSITION * (1.0 - distance / POSITION_REACH).max(0.0)).round() as i64
}

fn context_points(a: &BTreeSet<String>, b: &BTreeSet<String>) -> i64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0;
    }
    let shared = a.intersection(b).count();
    CONTEXT * shared as i64 / smaller as i64
}

/// Needleman–Wunsch with free gaps over two index sequences: the order-keeping set of pairs with
/// the highest total score. Ties prefer a pair; a lone left fact comes before a lone right one,
/// as `-` lines precede `+` lines in a diff.
fn monotone(
    left: &[usize],
    right: &[usize],
    score: impl Fn(usize, usize) -> Option<i64>,
) -> Vec<Row> {
    let (n, m) = (left.len(), right.len());
    let width = m + 1;
    let mut best = vec![0i64; (n + 1) * width];
    let mut pair_score = vec![None; n * m];
    for a in 1..=n {
        for b in 1..=m {
            let s = score(left[a - 1], right[b - 1]);
            pair_score[(a - 1) * m + (b - 1)] = s;
            let diagonal = s.map_or(i64::MIN, |s| best[(a - 1) * width + b - 1] + s);
            best[a * width + b] = diagonal
                .max(best[(a - 1) * width + b])
                .max(best[a * width + b - 1]);
        }
    }
    let mut rows = Vec::with_capacity(n + m);
    let (mut a, mut b) = (n, m);
    while a > 0 || b > 0 {
        let here = best[a * width + b];
        let s = (a > 0 && b > 0)
            .then(|| pair_score[(a - 1) * m + (b - 1)])
            .flatten();
        if s.is_some_and(|s| best[(a - 1) * width + b - 1] + s == here) {
            rows.push((Some(left[a - 1]), Some(right[b - 1])));
            a -= 1;
            b -= 1;
        } else if b > 0 && (a == 0 || best[a * width + b - 1] == here) {
            rows.push((None, Some(right[b - 1])));
            b -= 1;
        } else {
            rows.push((Some(left[a - 1]), None));
            a -= 1;
        }
    }
    rows.reverse();
    rows
}

/// Pairs the facts the first pass left alone on both sides, again keeping their relative order
/// (a moved paragraph keeps its inner order).
fn pair_leftovers(rows: &[Row], score: impl Fn(usize, usize) -> Option<i64>) -> Vec<Row> {
    let (lonely_left, lonely_right) = lonely(rows);
    monotone(&lonely_left, &lonely_right, score)
        .into_iter()
        .filter(|(i, j)| i.is_some() && j.is_some())
        .collect()
}

/// Puts the second-pass pairs in place of their left fact and drops their lone right fact.
fn merge(rows: Vec<Row>, moved: &[Row]) -> Vec<Row> {
    let partner: BTreeMap<usize, usize> =
        moved.iter().filter_map(|&(i, j)| Some((i?, j?))).collect();
    let taken: BTreeSet<usize> = partner.values().copied().collect();
    rows.into_iter()
        .filter_map(|row| match row {
            (Some(i), None) => Some((Some(i), partner.get(&i).copied())),
            (None, Some(j)) if taken.contains(&j) => None,
            other => Some(other),
        })
        .collect()
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
        // An ordinal agrees with the same ordinal in any notation (XIV, 14e, четырнадцатый) and
        // never pairs with a cardinal of the same value.
        Kind::Ordinal => 5,
    }
}

/// How the values of two facts relate.
pub fn affinity(a: &Fact, b: &Fact, tolerances: &Tolerances) -> Affinity {
    if family(a.kind) != family(b.kind) {
        return Affinity::Unrelated;
    }
    if let (Some(x), Some(y)) = (as_date(a), as_date(b)) {
        return date_affinity(&x, &y);
    }
    match (&a.value, &b.value) {
        (Value::Identifier(x), Value::Identifier(y)) => identifier_affinity(x, y),
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
    if small_counts_of_different_things(a, b, x, y) {
        return Affinity::Unrelated;
    }
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
    interval_affinity(a, b, tolerances)
        .unwrap_or_else(|| hint(x, y, tolerances).map_or(Affinity::Unrelated, Affinity::Close))
}

/// Small counts ("two", "3") are everywhere in a text: equal ones are the same fact only when
/// they count the same thing. "двух населённых пунктов" is not "deux niveaux".
fn small_counts_of_different_things(a: &Fact, b: &Fact, x: &Quantity, y: &Quantity) -> bool {
    let small = |q: &Quantity| q.value.is_integer() && q.value.abs() < Decimal::from(13);
    a.kind == Kind::Number
        && b.kind == Kind::Number
        && small(x)
        && small(y)
        && a.concept != b.concept
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

/// Same or Consistent from the facts' denotations; `None` when they are disjoint.
fn interval_affinity(a: &Fact, b: &Fact, tolerances: &Tolerances) -> Option<Affinity> {
    let relation = a
        .denotation(tolerances.about)?
        .relation(&b.denotation(tolerances.about)?);
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

/// Two-part values (ratios, ranges): equal, or one part equal and the other close.
fn pair_affinity(
    a: (&Quantity, &Quantity),
    b: (&Quantity, &Quantity),
    tolerances: &Tolerances,
) -> Affinity {
    match (a.0 == b.0, a.1 == b.1) {
        (true, true) => Affinity::Same,
        (true, false) => hint(a.1, b.1, tolerances).map_or(Affinity::Unrelated, Affinity::Close),
        (false, true) => hint(a.0, b.0, tolerances).map_or(Affinity::Unrelated, Affinity::Close),
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
    if a == b {
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
    fn monotone_alignment_keeps_order_and_skips_implausible_pairs() {
        // Left 0,1,2 and right 0,1,2 where 1 ↔ 1 is implausible and 2 ↔ 2 is strong.
        let score = |i: usize, j: usize| (i == j && i != 1).then_some(200);
        let rows = monotone(&[0, 1, 2], &[0, 1, 2], score);
        assert_eq!(
            rows,
            vec![
                (Some(0), Some(0)),
                (Some(1), None),
                (None, Some(1)),
                (Some(2), Some(2))
            ]
        );
    }

    #[test]
    fn leftovers_pair_after_a_paragraph_moved() {
        // Right has left's facts in the order 0, 2, 1: the first pass keeps 0 and one of the
        // others; the second pass pairs the remaining one.
        let score = |i: usize, j: usize| {
            let order = [0, 2, 1];
            (order[j] == i).then_some(200)
        };
        let first = monotone(&[0, 1, 2], &[0, 1, 2], score);
        let moved = pair_leftovers(&first, score);
        let rows = merge(first, &moved);
        let pairs: BTreeSet<Row> = rows.iter().copied().collect();
        assert!(pairs.contains(&(Some(1), Some(2))));
        assert!(pairs.contains(&(Some(2), Some(1))));
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn longest_increasing_chain() {
        let chain = longest_increasing(&[(0, 0), (1, 3), (2, 1), (3, 2)]);
        assert_eq!(chain, vec![(0, 0), (2, 1), (3, 2)]);
    }
}
