//! Unit alignment: which unit of one translation file is which unit of the other. Units pair by
//! id, never by their text, so no sentence alignment is needed: each pair is one bead, certain.
//!
//! An id written twice in one file (a JSON key repeated) pairs by occurrence: the first with the
//! first. Pairs come in the order of the left file; a unit only on the right comes after the
//! pair of the right unit before it, so each version reads in its own order.

use crate::sentalign::Bead;
use crate::source::units::Unit;
use std::collections::BTreeMap;

/// A pair of unit indices, left and right; one side is `None` for a unit the other lacks.
pub type UnitPair = (Option<usize>, Option<usize>);

/// Pairs the units of two versions by id.
pub fn pair(left: &[Unit], right: &[Unit]) -> Vec<UnitPair> {
    let mut on_right: BTreeMap<(&str, usize), usize> = BTreeMap::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (j, unit) in right.iter().enumerate() {
        let nth = occurrence(&mut seen, &unit.id);
        on_right.insert((&unit.id, nth), j);
    }
    seen.clear();
    let mut partner_of_right = vec![None; right.len()];
    let mut pairs: Vec<UnitPair> = left
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let nth = occurrence(&mut seen, &unit.id);
            let j = on_right.get(&(unit.id.as_str(), nth)).copied();
            if let Some(j) = j {
                partner_of_right[j] = Some(i);
            }
            (Some(i), j)
        })
        .collect();
    // Right-only units go after the pair of the nearest right unit before them that has one.
    let mut insert_after: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    let mut anchor = None;
    for (j, partner) in partner_of_right.iter().enumerate() {
        match partner {
            Some(i) => anchor = Some(*i),
            None => insert_after.entry(anchor).or_default().push(j),
        }
    }
    let lone = |key: Option<usize>, out: &mut Vec<UnitPair>| {
        for &j in insert_after.get(&key).into_iter().flatten() {
            out.push((None, Some(j)));
        }
    };
    let mut ordered = Vec::with_capacity(pairs.len() + right.len());
    lone(None, &mut ordered);
    for pair in pairs.drain(..) {
        ordered.push(pair);
        lone(pair.0, &mut ordered);
    }
    ordered
}

fn occurrence<'a>(seen: &mut BTreeMap<&'a str, usize>, id: &'a str) -> usize {
    let count = seen.entry(id).or_default();
    *count += 1;
    *count - 1
}

/// One bead per pair: the sentences of each side's unit.
pub fn beads(pairs: &[UnitPair], left: &[Unit], right: &[Unit]) -> Vec<Bead> {
    pairs
        .iter()
        .map(|&(l, r)| Bead {
            left: l.map_or(0..0, |i| left[i].sentences.clone()),
            right: r.map_or(0..0, |j| right[j].sentences.clone()),
            confidence: 1.0,
            moved: false,
            anchored: true,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(ids: &[&str]) -> Vec<Unit> {
        ids.iter()
            .map(|id| Unit {
                id: id.to_string(),
                fuzzy: false,
                span: 0..0,
                sentences: 0..0,
            })
            .collect()
    }

    #[test]
    fn units_pair_by_id_and_lone_units_keep_their_place() {
        let left = units(&["a", "b", "c", "a"]);
        let right = units(&["new", "b", "a", "x", "a"]);
        assert_eq!(
            pair(&left, &right),
            [
                (None, Some(0)),
                (Some(0), Some(2)),
                // "x" follows the right "a", which pairs with the first left unit.
                (None, Some(3)),
                (Some(1), Some(1)),
                (Some(2), None),
                (Some(3), Some(4)),
            ]
        );
    }
}
