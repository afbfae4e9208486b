//! Comparison: what each aligned pair of facts says about the two versions.
//!
//! A pair's [`Relation`] comes from the facts' denotations (the sets of true values they allow,
//! [`Fact::denotation`]) for quantities and ranges, field by field for dates, and from the text for
//! identifiers; the policy then names the rule, its severity and its message. A fact without a
//! partner is missing, reported on the side that has it.

use crate::align::{self, Hint};
use crate::analysis::Analysis;
use crate::fact::{Fact, Qualifier, SetRelation, TimeOfDay, Value};
use crate::policy::{self, Policy, Relation, Severity, Status, Tolerances};
use crate::sentalign::{self, Bead};
use crate::source::units::Unit;
use crate::unitalign;
use rust_decimal::Decimal;

/// One judged row of the alignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The policy rule id.
    pub rule: String,
    pub relation: Relation,
    pub status: Status,
    pub severity: Severity,
    /// Fact indices into the left and right analyses.
    pub left: Option<usize>,
    pub right: Option<usize>,
    pub message: String,
    /// The translation unit the finding is about, when the versions are translation files.
    pub unit: Option<UnitRef>,
}

/// A unit of two compared translation files: its id and its index in each version's units
/// (`None` on the side that lacks it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRef {
    pub id: String,
    pub left: Option<usize>,
    pub right: Option<usize>,
}

/// Counts over one pair of versions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub agree: usize,
    pub compatible: usize,
    pub diverge: usize,
    /// Facts of the right version with no counterpart in the left one.
    pub missing_from_left: usize,
    /// Facts of the left version with no counterpart in the right one.
    pub missing_from_right: usize,
    /// Units of one version with no counterpart in the other (translation files).
    pub missing_units: usize,
    /// Units compared with a draft (fuzzy) translation, their facts not compared.
    pub fuzzy_units: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    /// The counts of a list of findings.
    pub fn of(findings: &[Finding]) -> Summary {
        let mut summary = Summary::default();
        findings.iter().for_each(|f| summary.count(f));
        summary
    }

    fn count(&mut self, finding: &Finding) {
        match (finding.status, finding.left) {
            _ if finding.relation == Relation::MissingUnit => self.missing_units += 1,
            _ if finding.relation == Relation::FuzzyUnit => self.fuzzy_units += 1,
            (Status::Agree, _) => self.agree += 1,
            (Status::Compatible, _) => self.compatible += 1,
            (Status::Diverge, _) => self.diverge += 1,
            (Status::Missing, Some(_)) => self.missing_from_right += 1,
            (Status::Missing, None) => self.missing_from_left += 1,
        }
        match finding.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
            Severity::Off => {}
        }
    }

    /// Adds another pair's counts (the totals of a run).
    pub fn add(&mut self, other: &Summary) {
        self.agree += other.agree;
        self.compatible += other.compatible;
        self.diverge += other.diverge;
        self.missing_from_left += other.missing_from_left;
        self.missing_from_right += other.missing_from_right;
        self.missing_units += other.missing_units;
        self.fuzzy_units += other.fuzzy_units;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}

/// The findings for one pair of versions, in alignment order, and the sentence alignment they
/// rest on.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub sentences: Vec<Bead>,
}

impl Comparison {
    /// The highest severity among the findings (`Off` when there are none).
    pub fn worst(&self) -> Severity {
        self.findings
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or_default()
    }
}

/// Aligns and judges two versions: translation files unit by unit, other documents sentence by
/// sentence.
pub fn compare(left: &Analysis, right: &Analysis, policy: &Policy) -> Comparison {
    if let (Some(lu), Some(ru)) = (&left.units, &right.units) {
        return compare_units(left, right, lu, ru, policy);
    }
    let sentences = sentalign::align(left, right);
    let rows = align::align(left, right, &sentences, &policy.tolerances);
    let findings: Vec<Finding> = rows
        .into_iter()
        .map(|row| judge(row, left, right, policy))
        .collect();
    let summary = Summary::of(&findings);
    Comparison {
        findings,
        summary,
        sentences,
    }
}

/// Two translation files: units paired by id, each pair one bead whose facts are paired inside
/// it. A unit on one side only is one `missing-unit` finding, a pair with a draft one
/// `fuzzy-unit` finding, and the facts of either are not compared.
fn compare_units(
    left: &Analysis,
    right: &Analysis,
    left_units: &[Unit],
    right_units: &[Unit],
    policy: &Policy,
) -> Comparison {
    let pairs = unitalign::pair(left_units, right_units);
    let sentences = unitalign::beads(&pairs, left_units, right_units);
    let rows = align::align_within_beads(left, right, &sentences, &policy.tolerances);
    let left_bead = beads_of_facts(left, pairs.iter().map(|p| p.0));
    let right_bead = beads_of_facts(right, pairs.iter().map(|p| p.1));
    let mut by_bead: Vec<Vec<align::Row>> = vec![Vec::new(); pairs.len()];
    for row in rows {
        let bead = row.0.map(|i| left_bead[i]).or(row.1.map(|j| right_bead[j]));
        if let Some(k) = bead.filter(|&k| k < pairs.len()) {
            by_bead[k].push(row);
        }
    }
    let mut findings = Vec::new();
    for (&(l, r), rows) in pairs.iter().zip(by_bead) {
        let unit = UnitRef {
            id: l.map_or_else(
                || right_units[r.unwrap_or(0)].id.clone(),
                |i| left_units[i].id.clone(),
            ),
            left: l,
            right: r,
        };
        let draft = match (l, r) {
            (Some(i), Some(j)) if right_units[j].fuzzy || left_units[i].fuzzy => {
                Some(if right_units[j].fuzzy { right } else { left })
            }
            _ => None,
        };
        if let Some(version) = draft {
            findings.push(unit_finding(
                Relation::FuzzyUnit,
                unit,
                &describe(version),
                policy,
            ));
        } else if l.is_none() || r.is_none() {
            let absent = if l.is_none() { left } else { right };
            findings.push(unit_finding(
                Relation::MissingUnit,
                unit,
                &describe(absent),
                policy,
            ));
        } else {
            let rows = without_repeats(rows, left, right);
            findings.extend(rows.into_iter().map(|row| Finding {
                unit: Some(unit.clone()),
                ..judge(row, left, right, policy)
            }));
        }
    }
    let summary = Summary::of(&findings);
    Comparison {
        findings,
        summary,
        sentences,
    }
}

/// The rows of one unit pair without the lone facts that repeat a paired fact of their side
/// (same kind and value): a unit states a fact again in each of its plural forms, and languages
/// have different sets of forms (French `one`, `many`, `other` against English `one`, `other`),
/// so a repeat is no fact the other version lacks.
fn without_repeats(rows: Vec<align::Row>, left: &Analysis, right: &Analysis) -> Vec<align::Row> {
    let paired = |side: fn(&align::Row) -> Option<usize>, analysis: &Analysis, i: usize| {
        let fact = &analysis.facts[i];
        rows.iter()
            .filter(|row| row.0.is_some() && row.1.is_some())
            .filter_map(side)
            .any(|k| analysis.facts[k].kind == fact.kind && analysis.facts[k].value == fact.value)
    };
    rows.iter()
        .copied()
        .filter(|row| match *row {
            (Some(i), None) => !paired(|r| r.0, left, i),
            (None, Some(j)) => !paired(|r| r.1, right, j),
            _ => true,
        })
        .collect()
}

/// The bead of each fact of a version, given the unit each bead holds on its side
/// (`usize::MAX` for a fact in no unit).
fn beads_of_facts(analysis: &Analysis, units: impl Iterator<Item = Option<usize>>) -> Vec<usize> {
    let mut of_unit = vec![usize::MAX; analysis.units.as_ref().map_or(0, Vec::len)];
    for (k, unit) in units.enumerate() {
        if let Some(u) = unit {
            of_unit[u] = k;
        }
    }
    analysis
        .facts
        .iter()
        .map(|f| analysis.unit_at(f.start).map_or(usize::MAX, |u| of_unit[u]))
        .collect()
}

/// A finding about a whole unit: missing on one side, or a draft.
fn unit_finding(relation: Relation, unit: UnitRef, version: &str, policy: &Policy) -> Finding {
    let rule = policy.rule_for(relation);
    let message = policy::render(
        &rule.message,
        &[
            ("unit", &format!("\"{}\"", one_line(&unit.id))),
            ("absent", version),
            ("version", version),
        ],
    );
    Finding {
        rule: rule.id.clone(),
        relation,
        status: relation.status(),
        severity: rule.severity,
        left: None,
        right: None,
        message,
        unit: Some(unit),
    }
}

/// What a run compares: first each document's inconsistencies within itself (as a pair of the
/// document with itself, kept only when it has findings), then every version after the first
/// against the first, the reference. Pairs are indices into `analyses`.
pub fn against_reference(
    analyses: &[Analysis],
    policy: &Policy,
) -> Vec<(usize, usize, Comparison)> {
    let inside = analyses
        .iter()
        .enumerate()
        .map(|(i, doc)| (i, i, within(doc, policy)))
        .filter(|(_, _, c)| !c.findings.is_empty());
    let across = (1..analyses.len()).map(|i| (0, i, compare(&analyses[0], &analyses[i], policy)));
    inside.chain(across).collect()
}

/// Inconsistencies inside one document: the same identifier written with letters of two scripts
/// ("148-KL/TW" and "148-КЛ/TW"). Each finding's `left` and `right` are facts of `doc` itself, the
/// first places where the two spellings occur.
pub fn within(doc: &Analysis, policy: &Policy) -> Comparison {
    let identifiers: Vec<(usize, &str)> = doc
        .facts
        .iter()
        .enumerate()
        .filter_map(|(i, f)| match &f.value {
            Value::Identifier(id) => Some((i, id.as_str())),
            _ => None,
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let findings: Vec<Finding> = identifiers
        .iter()
        .enumerate()
        .flat_map(|(k, &(i, a))| identifiers[k + 1..].iter().map(move |&(j, b)| (i, a, j, b)))
        .filter(|&(_, a, _, b)| a != b && align::same_in_latin(a, b))
        .filter(|&(_, a, _, b)| seen.insert((a, b)))
        .map(|(i, _, j, _)| judge((Some(i), Some(j)), doc, doc, policy))
        .collect();
    let summary = Summary::of(&findings);
    Comparison {
        findings,
        summary,
        sentences: Vec::new(),
    }
}

fn judge(row: align::Row, left: &Analysis, right: &Analysis, policy: &Policy) -> Finding {
    let a = row.0.map(|i| &left.facts[i]);
    let b = row.1.map(|j| &right.facts[j]);
    let (relation, message) = match (a, b) {
        (Some(a), Some(b)) => {
            let (relation, detail) = classify_readings(a, b, &policy.tolerances);
            let message = policy::render(
                &policy.rule_for(relation).message,
                &[
                    ("left", &quoted(a)),
                    ("right", &quoted(b)),
                    ("left_value", &a.value.to_string()),
                    ("right_value", &b.value.to_string()),
                    ("detail", &detail),
                ],
            );
            (relation, message)
        }
        (Some(fact), None) | (None, Some(fact)) => {
            let absent = if a.is_some() { right } else { left };
            let relation = if fact.is_minor() {
                Relation::MissingMinor
            } else {
                Relation::Missing
            };
            let message = policy::render(
                &policy.rule_for(relation).message,
                &[("fact", &quoted(fact)), ("absent", &describe(absent))],
            );
            (relation, message)
        }
        (None, None) => unreachable!("an alignment row holds at least one fact"),
    };
    let rule = policy.rule_for(relation);
    Finding {
        rule: rule.id.clone(),
        relation,
        status: relation.status(),
        severity: rule.severity,
        left: row.0,
        right: row.1,
        message,
        unit: None,
    }
}

/// A version named in messages: file name and language (never the folder, so messages stay the
/// same wherever the files lie).
fn describe(analysis: &Analysis) -> String {
    format!(
        "{} ({})",
        analysis.document.file_name(),
        analysis.language.code
    )
}

/// A fact as written, quoted, on one line.
fn quoted(fact: &Fact) -> String {
    format!("\"{}\"", one_line(&fact.text))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The relation between two aligned facts, trying the other reading of an ambiguous figure when
/// the chosen one contradicts the counterpart: the first reading that does not is used, and the
/// reason says so. An alarm is raised only when no reading agrees.
fn classify_readings(a: &Fact, b: &Fact, tolerances: &Tolerances) -> (Relation, String) {
    let chosen = classify(a, b, tolerances);
    if chosen.0.status() != Status::Diverge {
        return chosen;
    }
    align::readings(a, b)
        .iter()
        .skip(1)
        .map(|(x, y)| (classify(x, y, tolerances), x, y))
        .find(|((relation, _), _, _)| relation.status() != Status::Diverge)
        .map(|((relation, detail), x, y)| {
            let notes: Vec<String> = [reread(a, x), reread(b, y)].into_iter().flatten().collect();
            (relation, format!("{detail}, with {}", notes.join(" and ")))
        })
        .unwrap_or(chosen)
}

/// How `reading` reads `fact` otherwise than it was extracted, if it does.
fn reread(fact: &Fact, reading: &Fact) -> Option<String> {
    let unit_id = |f: &Fact| f.unit.as_ref().map(|u| u.id.clone());
    if reading.value != fact.value {
        Some(format!("{} read as {}", quoted(fact), reading.value))
    } else if unit_id(reading) != unit_id(fact) {
        Some(format!(
            "{} read in {}",
            quoted(fact),
            unit_id(reading).unwrap_or_default()
        ))
    } else {
        None
    }
}

/// The relation between two aligned facts and a short reason.
pub fn classify(a: &Fact, b: &Fact, tolerances: &Tolerances) -> (Relation, String) {
    if align::rank_and_count(a, b) {
        let kinds = format!("{} on the left, {} on the right", a.kind, b.kind);
        return if a.value == b.value {
            (Relation::RankAsCount, format!("{kinds}, same value"))
        } else {
            (
                Relation::ValueMismatch,
                format!("{kinds}, different values"),
            )
        };
    }
    if a.kind != b.kind && !(align::as_date(a).is_some() && align::as_date(b).is_some()) {
        return (
            Relation::KindMismatch,
            format!("{} on the left, {} on the right", a.kind, b.kind),
        );
    }
    if let (Some(x), Some(y)) = (align::as_date(a), align::as_date(b)) {
        return classify_dates(&x, &y);
    }
    match (&a.value, &b.value) {
        (Value::Identifier(x), Value::Identifier(y)) => classify_identifiers(x, y),
        (Value::Time(x), Value::Time(y)) => classify_times(x, y),
        (Value::Range { .. }, Value::Range { .. }) if align::in_other_units(a, b) => {
            classify_converted_ranges(a, b, tolerances)
        }
        // A ratio or a range states both of its figures exactly: 2020–2025 inside 2016–2031 is
        // another period, not a vaguer one.
        (Value::Ratio { .. }, Value::Ratio { .. }) | (Value::Range { .. }, Value::Range { .. })
            if a.value == b.value =>
        {
            (Relation::Equal, format!("same {}", a.kind))
        }
        (Value::Ratio { .. }, Value::Ratio { .. }) | (Value::Range { .. }, Value::Range { .. }) => {
            (Relation::ValueMismatch, format!("the {}s differ", a.kind))
        }
        _ => classify_quantities(a, b, tolerances),
    }
}

/// Ranges in units that convert ("2 to 4 inches", "от 5 до 10 см"): each end must convert to its
/// counterpart within the rounding shown.
fn classify_converted_ranges(a: &Fact, b: &Fact, tolerances: &Tolerances) -> (Relation, String) {
    let (Some(ends_a), Some(ends_b)) = (align::range_ends(a), align::range_ends(b)) else {
        return (Relation::ValueMismatch, "the ranges differ".into());
    };
    let ends: Vec<(Relation, String)> = ends_a
        .iter()
        .zip(&ends_b)
        .map(|(x, y)| classify_quantities(x, y, tolerances))
        .collect();
    match ends
        .iter()
        .find(|(relation, _)| relation.status() == Status::Diverge)
    {
        Some((relation, detail)) => (*relation, format!("the ranges differ: {detail}")),
        None => (
            Relation::Converted,
            format!(
                "{} converts to {} within the rounding shown",
                a.value, b.value
            ),
        ),
    }
}

fn classify_quantities(a: &Fact, b: &Fact, tolerances: &Tolerances) -> (Relation, String) {
    let (a_read, b_read) = (a.in_scale_of(b), b.in_scale_of(a));
    let (a, b) = (a_read.as_ref(), b_read.as_ref());
    if let Some(opposite) = opposite_bounds(a, b) {
        return opposite;
    }
    let same_bound = align::same_bound(a, b);
    let Some((x, y)) = align::comparable_sets(a, b, tolerances.about) else {
        return (Relation::ValueMismatch, "the values differ".into());
    };
    if let Some(judged) = classify_units(a, b, &x, &y) {
        return judged;
    }
    if let (Value::Quantity(x), Value::Quantity(y)) = (&a.value, &b.value) {
        // Checked before the sets: "more than 1,45 млн" holds within "more than 14,5 млн", yet the
        // two differ by a scale word.
        if let Some(Hint::PowerOfTen(k)) = align::hint(x, y, tolerances) {
            return scale_mismatch(k);
        }
    }
    let same_written = written_values(a) == written_values(b);
    // "около 16 500" and "około 16,5 tys.": the same figure with the same qualifier, whatever
    // precision each writes it to.
    if same_written && a.qualifier == b.qualifier {
        return (Relation::Equal, "the same value".into());
    }
    if let Some(far) = bound_out_of_reach(a, b) {
        return far;
    }
    let qualifier_change = || {
        format!(
            "the same figure, {} on the left, {} on the right",
            qualifier_words(a.qualifier),
            qualifier_words(b.qualifier)
        )
    };
    match x.relation(&y) {
        SetRelation::Equal => (Relation::Equal, "the same value".into()),
        SetRelation::Overlap | SetRelation::LeftInsideRight | SetRelation::RightInsideLeft
            if same_written && a.qualifier != b.qualifier =>
        {
            (Relation::QualifierChanged, qualifier_change())
        }
        SetRelation::LeftInsideRight => nested(b, a, "right"),
        SetRelation::RightInsideLeft => nested(a, b, "left"),
        SetRelation::Overlap => (
            Relation::Overlap,
            "the ranges of values overlap, neither contains the other".into(),
        ),
        SetRelation::Disjoint if same_bound => (
            Relation::ValueMismatch,
            format!(
                "{} on both sides, with another figure",
                qualifier_words(a.qualifier)
            ),
        ),
        SetRelation::Disjoint => disjoint(a, b, tolerances),
    }
}

/// A lower bound on one side and an upper bound on the other ("at least 384" and "не более 384")
/// say opposite things, whatever their figures.
fn opposite_bounds(a: &Fact, b: &Fact) -> Option<(Relation, String)> {
    let direction = |q: Qualifier| match q {
        Qualifier::MoreThan | Qualifier::AtLeast => Some(true),
        Qualifier::LessThan | Qualifier::AtMost => Some(false),
        Qualifier::Exact | Qualifier::About => None,
    };
    let (Some(x), Some(y)) = (direction(a.qualifier), direction(b.qualifier)) else {
        return None;
    };
    (x != y).then(|| {
        (
            Relation::ValueMismatch,
            format!(
                "{} on the left and {} on the right are opposite bounds",
                qualifier_words(a.qualifier),
                qualifier_words(b.qualifier)
            ),
        )
    })
}

/// Figures in two different units: converted when they measure the same thing, else a mismatch.
/// `None` when the units are the same or one side names none (the unit left implicit).
fn classify_units(
    a: &Fact,
    b: &Fact,
    x: &crate::fact::Interval,
    y: &crate::fact::Interval,
) -> Option<(Relation, String)> {
    let (Some(ua), Some(ub)) = (&a.unit, &b.unit) else {
        return None;
    };
    if ua.id == ub.id {
        return None;
    }
    if !ua.converts_to(ub) {
        let detail = format!("{} on the left, {} on the right", ua.id, ub.id);
        return Some((Relation::UnitMismatch, detail));
    }
    let loosely = a.qualifier == b.qualifier && converts_closely(a, b);
    Some(match x.relation(y) {
        SetRelation::Disjoint if !loosely => (
            Relation::ValueMismatch,
            format!(
                "{} {} does not convert to {} {}",
                a.value, ua.id, b.value, ub.id
            ),
        ),
        _ => (
            Relation::Converted,
            format!(
                "{} {} converts to {} {} within the rounding shown",
                a.value, ua.id, b.value, ub.id
            ),
        ),
    })
}

/// How far apart two converted figures may be, as a share of the larger: a conversion is rounded,
/// often to its leading digits (200 miles is 320 km, 500 miles 800 km, 15 feet 5 m), but one off
/// by more is another figure (10 inches is no 35 cm).
const CONVERSION_SLACK: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

/// Figures in two units of one dimension that one conversion and its rounding make equal. On
/// scales with an offset (°F and °C) shares mean nothing, and zeros ending either figure count as
/// its rounding instead (80 °F is 27 °C, 100 °F is 40 °C).
fn converts_closely(a: &Fact, b: &Fact) -> bool {
    let offset = |f: &Fact| f.unit.as_ref().is_some_and(|u| !u.offset.is_zero());
    if offset(a) || offset(b) {
        return a
            .figure_interval(true)
            .map(|x| a.in_base_unit(x))
            .zip(b.figure_interval(true).map(|y| b.in_base_unit(y)))
            .is_some_and(|(x, y)| x.relation(&y) != SetRelation::Disjoint);
    }
    let base = |f: &Fact| {
        let Value::Quantity(q) = &f.value else {
            return None;
        };
        let point = crate::fact::Interval::closed(q.value, q.value);
        Some(f.in_base_unit(point).low?.value)
    };
    base(a)
        .zip(base(b))
        .is_some_and(|(x, y)| (x - y).abs() <= x.abs().max(y.abs()) * CONVERSION_SLACK)
}

/// A bound on one side and a figure on the other that it allows yet does not round: "more than 20
/// percent" and "30 %" state different figures. Figures in units that convert are left to the
/// conversion's rounding.
fn bound_out_of_reach(a: &Fact, b: &Fact) -> Option<(Relation, String)> {
    let (reach, figure, side) = match (a.bound_reach(), b.bound_reach(), &a.value, &b.value) {
        (Some(reach), None, _, Value::Quantity(figure)) if b.qualifier == Qualifier::Exact => {
            (reach, figure, "left")
        }
        (None, Some(reach), Value::Quantity(figure), _) if a.qualifier == Qualifier::Exact => {
            (reach, figure, "right")
        }
        _ => return None,
    };
    let point = crate::fact::Interval::closed(figure.value, figure.value);
    (!reach.intersects(&point)).then(|| {
        (
            Relation::ValueMismatch,
            format!("the {side} side's bound does not round the other side's figure"),
        )
    })
}

/// `vague` allows every value `sharp` allows, and more.
fn nested(vague: &Fact, sharp: &Fact, side: &str) -> (Relation, String) {
    let bounded = vague.qualifier != Qualifier::Exact && vague.qualifier != sharp.qualifier;
    if bounded {
        (
            Relation::LessPrecise,
            format!(
                "the {side} side only bounds the value ({})",
                qualifier_words(vague.qualifier)
            ),
        )
    } else {
        (Relation::Rounded, format!("the {side} side is rounded"))
    }
}

fn disjoint(a: &Fact, b: &Fact, tolerances: &Tolerances) -> (Relation, String) {
    let hint = match (&a.value, &b.value) {
        (Value::Quantity(x), Value::Quantity(y)) => align::hint(x, y, tolerances),
        _ => None,
    };
    match hint {
        Some(Hint::PowerOfTen(k)) => scale_mismatch(k),
        Some(Hint::Transposed) => (Relation::ValueMismatch, "digits transposed".into()),
        _ if a.qualifier != b.qualifier => (
            Relation::ValueMismatch,
            format!(
                "{} on the left and {} on the right cannot both hold",
                qualifier_words(a.qualifier),
                qualifier_words(b.qualifier)
            ),
        ),
        _ => (Relation::ValueMismatch, "different values".into()),
    }
}

fn scale_mismatch(k: i32) -> (Relation, String) {
    (
        Relation::ScaleMismatch,
        format!(
            "the right value is the left one times 10^{k}: a decimal point or scale word differs"
        ),
    )
}

/// The figures as written, before any qualifier or rounding: what tells a changed qualifier from
/// a different figure.
fn written_values(fact: &Fact) -> Vec<rust_decimal::Decimal> {
    match &fact.value {
        Value::Quantity(q) => vec![q.value.normalize()],
        Value::Range { from, to } => vec![from.value.normalize(), to.value.normalize()],
        _ => Vec::new(),
    }
}

fn qualifier_words(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "exact",
        Qualifier::MoreThan => "more than",
        Qualifier::LessThan => "less than",
        Qualifier::About => "about",
        Qualifier::AtLeast => "at least",
        Qualifier::AtMost => "at most",
    }
}

fn classify_dates(
    a: &crate::fact::PartialDate,
    b: &crate::fact::PartialDate,
) -> (Relation, String) {
    let fields = align::date_fields(a, b);
    if fields.conflicts > 0 {
        return (Relation::DateMismatch, date_conflicts(a, b));
    }
    match fields.one_sided {
        0 => (Relation::Equal, "the same date".into()),
        _ => (
            Relation::DatePartial,
            "the fields both write agree; the other fields are written on one side only".into(),
        ),
    }
}

fn date_conflicts(a: &crate::fact::PartialDate, b: &crate::fact::PartialDate) -> String {
    let differs = |name: &str, x: Option<i32>, y: Option<i32>| match (x, y) {
        (Some(x), Some(y)) if x != y => Some(format!("{name} {x} vs {y}")),
        _ => None,
    };
    [
        differs("day", a.day.map(i32::from), b.day.map(i32::from)),
        differs("month", a.month.map(i32::from), b.month.map(i32::from)),
        differs("year", a.year, b.year),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

fn classify_times(a: &TimeOfDay, b: &TimeOfDay) -> (Relation, String) {
    match align::compare_times(a, b) {
        align::TimeFields::Same => (Relation::Equal, "the same time".into()),
        align::TimeFields::Partial => (
            Relation::TimePartial,
            "the same clock time; the seconds or the zone are written on one side only, or differ"
                .into(),
        ),
        align::TimeFields::Differ => (Relation::TimeMismatch, "different times of day".into()),
    }
}

fn classify_identifiers(a: &str, b: &str) -> (Relation, String) {
    if align::same_identifier(a, b) {
        (Relation::Equal, "the same identifier".into())
    } else if align::same_in_latin(a, b) {
        (
            Relation::IdentifierScript,
            "the same identifier with letters from another script".into(),
        )
    } else {
        (Relation::IdentifierMismatch, "different identifiers".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fact::{Kind, PartialDate};
    use rust_decimal::Decimal;

    #[test]
    fn an_identifier_in_two_scripts_inside_one_document_is_one_finding() {
        let engine = crate::Engine::load(&[]).unwrap();
        let text = "Заключение № 148-KL/TW, затем № 148-КЛ/TW и ещё раз № 148-КЛ/TW; № 45-CT/TW.";
        let doc = crate::source::Document::from_text("a.ru.txt", text.to_string());
        let doc = engine.analyze(doc, None).unwrap();
        let c = within(&doc, &Policy::embedded().unwrap());
        assert_eq!(c.findings.len(), 1, "{:?}", c.findings);
        let finding = &c.findings[0];
        assert_eq!(finding.rule, "identifier-script");
        assert_eq!(doc.facts[finding.left.unwrap()].text, "148-KL/TW");
        assert_eq!(doc.facts[finding.right.unwrap()].text, "148-КЛ/TW");
    }

    fn quantity(kind: Kind, value: &str, qualifier: Qualifier) -> Fact {
        Fact::written(kind, value, qualifier)
    }

    fn exact(value: &str) -> Fact {
        quantity(Kind::Number, value, Qualifier::Exact)
    }

    fn millions(value: &str, qualifier: Qualifier) -> Fact {
        let mut f = quantity(Kind::Number, value, qualifier);
        if let Value::Quantity(q) = &f.value {
            f.value = Value::Quantity(q.scaled(Decimal::from(1_000_000)).unwrap());
        }
        f
    }

    fn date(year: Option<i32>, month: u8, day: u8) -> Fact {
        let mut f = exact("1");
        f.kind = Kind::Date;
        f.value = Value::Date(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        });
        f
    }

    fn relation(a: &Fact, b: &Fact) -> Relation {
        classify(a, b, &Tolerances::default()).0
    }

    #[test]
    fn quantities() {
        let more = |v| quantity(Kind::Number, v, Qualifier::MoreThan);
        assert_eq!(relation(&exact("209"), &more("200")), Relation::LessPrecise);
        assert_eq!(relation(&more("200"), &exact("209")), Relation::LessPrecise);
        assert_eq!(
            relation(&exact("1452000"), &millions("1.45", Qualifier::Exact)),
            Relation::Rounded
        );
        assert_eq!(
            relation(&exact("17.78"), &exact("17.87")),
            Relation::ValueMismatch
        );
        assert_eq!(
            relation(&more("200"), &exact("190")),
            Relation::ValueMismatch
        );
        // A bound rounds figures up to one step of its own beyond it, not any figure it allows.
        assert_eq!(relation(&more("200"), &exact("290")), Relation::LessPrecise);
        assert_eq!(relation(&more("20"), &exact("30")), Relation::ValueMismatch);
        assert_eq!(
            relation(&exact("497"), &more("384")),
            Relation::ValueMismatch
        );
        let less = |v| quantity(Kind::Number, v, Qualifier::LessThan);
        assert_eq!(relation(&less("5"), &exact("4.5")), Relation::LessPrecise);
        assert_eq!(relation(&exact("3"), &less("5")), Relation::ValueMismatch);
        assert_eq!(
            relation(&millions("1.45", Qualifier::Exact), &exact("1450000000")),
            Relation::ScaleMismatch
        );
        assert_eq!(
            relation(
                &exact("200"),
                &quantity(Kind::Number, "200", Qualifier::About)
            ),
            Relation::QualifierChanged
        );
        assert_eq!(relation(&exact("17.78"), &exact("17.78")), Relation::Equal);
    }

    fn measured(value: &str, unit: &str) -> Fact {
        let rules = crate::rules::RuleSet::embedded().unwrap();
        let mut fact = Fact::written(Kind::Number, value, Qualifier::Exact);
        fact.unit = rules.unit(unit);
        fact
    }

    #[test]
    fn conversions_hold_within_the_rounding_shown() {
        let converted = [
            (("385", "mile"), ("620", "km")),
            (("10", "inch"), ("25", "cm")),
            (("70", "fahrenheit"), ("21", "celsius")),
            (("5", "ha"), ("50000", "m2")),
            (("200", "mile"), ("320", "km")),
            (("200", "mile"), ("300", "km")),
            (("500", "mile"), ("800", "km")),
            (("15", "foot"), ("5", "metre")),
        ];
        for ((a, ua), (b, ub)) in converted {
            assert_eq!(
                relation(&measured(a, ua), &measured(b, ub)),
                Relation::Converted,
                "{a} {ua} / {b} {ub}"
            );
        }
        assert_eq!(
            relation(&measured("385", "mile"), &measured("720", "km")),
            Relation::ValueMismatch
        );
        // A round figure is no licence for any conversion: 10 inches is 25 cm, 20 feet 6 m.
        for ((a, ua), (b, ub)) in [
            (("10", "inch"), ("35", "cm")),
            (("20", "foot"), ("7", "metre")),
            (("70", "fahrenheit"), ("25", "celsius")),
        ] {
            assert_eq!(
                relation(&measured(a, ua), &measured(b, ub)),
                Relation::ValueMismatch,
                "{a} {ua} / {b} {ub}"
            );
        }
        assert_eq!(
            relation(&measured("620", "km"), &measured("620", "km")),
            Relation::Equal
        );
    }

    #[test]
    fn bare_degrees_agree_with_the_same_figure_on_any_scale() {
        for scale in ["celsius", "fahrenheit"] {
            assert_eq!(
                relation(&measured("98", "degree"), &measured("98", scale)),
                Relation::Equal,
                "{scale}"
            );
            assert_eq!(
                relation(&measured("98", scale), &measured("97", "degree")),
                Relation::ValueMismatch,
                "{scale}"
            );
        }
        assert_eq!(
            relation(&measured("98", "degree"), &measured("98", "km")),
            Relation::UnitMismatch
        );
    }

    #[test]
    fn bare_degrees_on_both_sides_may_be_fahrenheit_and_celsius() {
        let read = |a: &Fact, b: &Fact| classify_readings(a, b, &Tolerances::default());
        let (relation, detail) = read(&measured("80", "degree"), &measured("27", "degree"));
        assert_eq!(relation, Relation::Converted, "{detail}");
        assert!(detail.contains("read in fahrenheit"), "{detail}");
        assert_eq!(
            read(&measured("27", "degree"), &measured("80", "degree")).0,
            Relation::Converted
        );
        assert_eq!(
            read(&measured("80", "degree"), &measured("35", "degree")).0,
            Relation::ValueMismatch
        );
    }

    #[test]
    fn a_pound_may_be_money_or_mass() {
        let read = |a: &Fact, b: &Fact| classify_readings(a, b, &Tolerances::default()).0;
        assert_eq!(
            read(&measured("550", "pound"), &measured("550", "gbp")),
            Relation::Equal
        );
        assert_eq!(
            read(&measured("550", "pound"), &measured("650", "gbp")).status(),
            Status::Diverge
        );
    }

    #[test]
    fn currencies_and_dimensions_never_convert() {
        assert_eq!(
            relation(&measured("5", "usd"), &measured("5", "eur")),
            Relation::UnitMismatch
        );
        assert_eq!(
            relation(&measured("5", "km"), &measured("5", "kg")),
            Relation::UnitMismatch
        );
        let tol = Tolerances::default();
        assert!(matches!(
            align::affinity(&measured("5", "usd"), &measured("5", "eur"), &tol),
            align::Affinity::Close(_)
        ));
        assert_eq!(
            align::affinity(&measured("5", "usd"), &measured("7", "eur"), &tol),
            align::Affinity::Unrelated
        );
        assert!(matches!(
            align::affinity(&measured("385", "mile"), &measured("720", "km"), &tol),
            align::Affinity::Close(_)
        ));
    }

    #[test]
    fn kinds_dates_identifiers() {
        let percent = quantity(Kind::Percent, "17.78", Qualifier::Exact);
        assert_eq!(relation(&exact("17.78"), &percent), Relation::KindMismatch);
        assert_eq!(
            relation(&date(None, 1, 31), &date(Some(2026), 1, 31)),
            Relation::DatePartial
        );
        assert_eq!(
            relation(&date(None, 1, 31), &date(None, 1, 13)),
            Relation::DateMismatch
        );
        let mut year = exact("2025");
        year.kind = Kind::Year;
        assert_eq!(
            relation(&year, &date(Some(2025), 4, 14)),
            Relation::DatePartial
        );
        let id = |s: &str| {
            let mut f = exact("1");
            f.kind = Kind::Identifier;
            f.value = Value::Identifier(s.into());
            f
        };
        assert_eq!(
            relation(&id("148-KL/TW"), &id("148-КЛ/TW")),
            Relation::IdentifierScript
        );
        assert_eq!(
            relation(&id("45-CT/TW"), &id("54-CT/TW")),
            Relation::IdentifierMismatch
        );
    }

    #[test]
    fn missing_counts_on_the_side_that_lacks_the_fact() {
        let mut summary = Summary::default();
        let finding = |left, right| Finding {
            rule: "missing-fact".into(),
            relation: Relation::Missing,
            status: Status::Missing,
            severity: Severity::Warning,
            left,
            right,
            message: String::new(),
            unit: None,
        };
        summary.count(&finding(Some(0), None));
        summary.count(&finding(None, Some(0)));
        summary.count(&finding(None, Some(1)));
        assert_eq!(summary.missing_from_right, 1);
        assert_eq!(summary.missing_from_left, 2);
        assert_eq!(summary.warnings, 3);
    }
}
