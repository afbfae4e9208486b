//! The fact model: what a document states, as exact values that keep their written precision.
//!
//! A [`Fact`] is the unit every later stage works with. It keeps the exact source text and its byte
//! span, a kind, a normalized [`Value`] and a [`Qualifier`]. Every numeric value is a [`Quantity`]:
//! an exact decimal plus the step of its last written digit, so "1,45 млн" is 1 450 000 known to
//! within ±5 000 and "209" is 209 ± 0.5. [`Fact::denotation`] turns a fact into the set of true values
//! it allows, which is what the comparison stage compares.

use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;

/// What sort of statement a fact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Number,
    Percent,
    Date,
    Year,
    Range,
    Ratio,
    Ordinal,
    Identifier,
    Time,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Percent => "percent",
            Kind::Date => "date",
            Kind::Year => "year",
            Kind::Range => "range",
            Kind::Ratio => "ratio",
            Kind::Ordinal => "ordinal",
            Kind::Identifier => "identifier",
            Kind::Time => "time",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the text bounds the value: "more than 200" is `MoreThan`, a bare "209" is `Exact`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    #[default]
    Exact,
    MoreThan,
    LessThan,
    About,
    AtLeast,
    AtMost,
}

impl Qualifier {
    pub const ALL: [Qualifier; 6] = [
        Qualifier::Exact,
        Qualifier::MoreThan,
        Qualifier::LessThan,
        Qualifier::About,
        Qualifier::AtLeast,
        Qualifier::AtMost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::MoreThan => "more_than",
            Qualifier::LessThan => "less_than",
            Qualifier::About => "about",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
        }
    }

    pub fn parse(name: &str) -> Option<Qualifier> {
        Qualifier::ALL.into_iter().find(|q| q.as_str() == name)
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An exact decimal together with the step of its last written digit.
///
/// `step` is what one unit of the last written digit is worth after scaling: "17,78" has step 0.01,
/// "1,45 млн" has step 10 000, "209" has step 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Quantity {
    pub value: Decimal,
    pub step: Decimal,
}

impl Quantity {
    /// A quantity read from plain digits: its step is one unit of its last decimal place.
    pub fn from_written(value: Decimal) -> Quantity {
        Quantity {
            value,
            step: Decimal::new(1, value.scale()),
        }
    }

    /// Multiplies by a scale word's factor; the written precision scales with it.
    pub fn scaled(self, factor: Decimal) -> Option<Quantity> {
        Some(Quantity {
            value: self.value.checked_mul(factor)?.normalize(),
            step: self.step.checked_mul(factor)?.normalize(),
        })
    }

    /// The value without trailing zeros, as written in JSON and reports.
    pub fn normalized(&self) -> Decimal {
        self.value.normalize()
    }

    /// The values the written figure stands for once rounding is taken into account.
    ///
    /// Half-open, as rounding is: 14.5 rounds to 15, so "14" and "15" share no value.
    pub fn rounding_interval(&self) -> Interval {
        let half = self.step / Decimal::TWO;
        Interval {
            low: Some(Bound {
                value: self.value - half,
                inclusive: true,
            }),
            high: Some(Bound {
                value: self.value + half,
                inclusive: false,
            }),
        }
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.normalized())
    }
}

/// A calendar date of which any field may be unwritten ("31 января" has no year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// ISO 8601 with the unwritten parts left out: "2025-04-14", "--01-31", "2025-04".
    pub fn iso(&self) -> String {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
            (None, Some(m), None) => format!("--{m:02}"),
            (Some(y), None, _) => format!("{y:04}"),
            (None, None, Some(d)) => format!("---{d:02}"),
            (None, None, None) => String::new(),
        }
    }
}

/// A time of day on the 24-hour clock, with the seconds and the zone where they are written
/// ("3:45 p.m." is 15:45; "1200 GMT" is 12:00 in zone GMT).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
    pub second: Option<u8>,
    pub zone: Option<String>,
}

impl TimeOfDay {
    /// "HH:MM", or "HH:MM:SS" where the seconds are written; the zone is not part of it.
    pub fn clock(&self) -> String {
        match self.second {
            Some(s) => format!("{:02}:{:02}:{s:02}", self.hour, self.minute),
            None => format!("{:02}:{:02}", self.hour, self.minute),
        }
    }
}

/// The normalized content of a fact.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// Numbers, percents (17.78, not 0.1778), years and ordinals.
    Quantity(Quantity),
    Date(PartialDate),
    Range {
        from: Quantity,
        to: Quantity,
    },
    Ratio {
        num: Quantity,
        den: Quantity,
    },
    /// A document identifier such as 45-CT/TW, compared by its text.
    Identifier(String),
    Time(TimeOfDay),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Quantity(q) => write!(f, "{q}"),
            Value::Date(d) => f.write_str(&d.iso()),
            Value::Range { from, to } => write!(f, "{from}–{to}"),
            Value::Ratio { num, den } => write!(f, "{num}/{den}"),
            Value::Identifier(id) => f.write_str(id),
            Value::Time(t) => match &t.zone {
                Some(zone) => write!(f, "{} {zone}", t.clock()),
                None => f.write_str(&t.clock()),
            },
        }
    }
}

/// The unit a figure is given in, with its conversion to the base unit of its dimension.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unit {
    pub id: String,
    pub dimension: String,
    pub factor: Decimal,
    pub offset: Decimal,
    /// Degrees on a scale the text leaves unnamed ("98 degrees"): the figure is read in the unit
    /// of whatever fact it is compared with.
    pub any_scale: bool,
    /// Other units the written one may stand for ("80 degrees" in °F or °C).
    pub readings: Vec<Unit>,
}

impl Unit {
    /// Currencies never convert: two amounts in different currencies are different facts.
    pub fn converts_to(&self, other: &Unit) -> bool {
        self.dimension == other.dimension && (self.dimension != "currency" || self.id == other.id)
    }

    fn to_base(&self, bound: Bound) -> Bound {
        Bound {
            value: bound.value * self.factor + self.offset,
            inclusive: bound.inclusive,
        }
    }
}

/// One fact found in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub kind: Kind,
    /// Exactly `document.text[start..end]`.
    pub text: String,
    /// Byte offsets into the file as read (a BOM, if any, counts).
    pub start: usize,
    pub end: usize,
    /// 1-based line; column counts characters, 1-based.
    pub line: usize,
    pub column: usize,
    pub value: Value,
    pub qualifier: Qualifier,
    /// The cross-language concept of the counted noun ("household"), when one follows the number.
    pub concept: Option<String>,
    /// Why an ambiguous reading was chosen, so it is never a silent guess.
    pub note: Option<String>,
    /// The other reading of an ambiguous figure ("15.000" as 15 where 15000 was chosen): the
    /// comparison uses it when it agrees with the counterpart and the chosen reading does not.
    pub alternative: Option<Value>,
    /// The unit or currency of a figure ("620 km", "$5bn").
    pub unit: Option<Unit>,
}

/// A bound of an [`Interval`]; `None` is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    pub value: Decimal,
    pub inclusive: bool,
}

/// A set of real values: what a fact allows the true value to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub low: Option<Bound>,
    pub high: Option<Bound>,
}

/// How two intervals relate as sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetRelation {
    Equal,
    /// The left set lies inside the right one: the right side is less precise.
    LeftInsideRight,
    /// The right set lies inside the left one: the left side is less precise.
    RightInsideLeft,
    /// The sets share values but neither holds the other.
    Overlap,
    Disjoint,
}

impl Interval {
    pub fn closed(low: Decimal, high: Decimal) -> Interval {
        Interval {
            low: Some(Bound {
                value: low,
                inclusive: true,
            }),
            high: Some(Bound {
                value: high,
                inclusive: true,
            }),
        }
    }

    pub fn above(value: Decimal, inclusive: bool) -> Interval {
        Interval {
            low: Some(Bound { value, inclusive }),
            high: None,
        }
    }

    pub fn below(value: Decimal, inclusive: bool) -> Interval {
        Interval {
            low: None,
            high: Some(Bound { value, inclusive }),
        }
    }

    /// True when every value of `self` is also in `other`.
    pub fn is_within(&self, other: &Interval) -> bool {
        low_not_below(self.low, other.low) && high_not_above(self.high, other.high)
    }

    pub fn intersects(&self, other: &Interval) -> bool {
        let (Some(low), Some(high)) = (
            max_low(self.low, other.low),
            min_high(self.high, other.high),
        ) else {
            return true;
        };
        low.value < high.value || (low.value == high.value && low.inclusive && high.inclusive)
    }

    pub fn relation(&self, other: &Interval) -> SetRelation {
        match (self.is_within(other), other.is_within(self)) {
            (true, true) => SetRelation::Equal,
            (true, false) => SetRelation::LeftInsideRight,
            (false, true) => SetRelation::RightInsideLeft,
            (false, false) if self.intersects(other) => SetRelation::Overlap,
            (false, false) => SetRelation::Disjoint,
        }
    }
}

fn low_not_below(mine: Option<Bound>, theirs: Option<Bound>) -> bool {
    match (mine, theirs) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(m), Some(t)) => {
            m.value > t.value || (m.value == t.value && (t.inclusive || !m.inclusive))
        }
    }
}

fn high_not_above(mine: Option<Bound>, theirs: Option<Bound>) -> bool {
    match (mine, theirs) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(m), Some(t)) => {
            m.value < t.value || (m.value == t.value && (t.inclusive || !m.inclusive))
        }
    }
}

fn max_low(a: Option<Bound>, b: Option<Bound>) -> Option<Bound> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => Some(if low_not_below(Some(a), Some(b)) {
            a
        } else {
            b
        }),
    }
}

fn min_high(a: Option<Bound>, b: Option<Bound>) -> Option<Bound> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => Some(if high_not_above(Some(a), Some(b)) {
            a
        } else {
            b
        }),
    }
}

/// The largest count or rank in words that [`Fact::is_minor`] lets go unreported.
const MINOR_WORD_NUMBER: u32 = 10;

impl Fact {
    /// A fact translations drop or reword freely, so that one version alone stating it is no
    /// warning: a small count or rank written in words with nothing counted ("the two sides",
    /// "for the second time", "第一"), or a month named alone ("6月", where other languages
    /// write the month in letters no pack reads as a fact).
    pub fn is_minor(&self) -> bool {
        let in_words = !self.text.chars().any(|c| c.is_ascii_digit());
        match &self.value {
            Value::Quantity(q) => {
                matches!(self.kind, Kind::Number | Kind::Ordinal)
                    && in_words
                    && self.qualifier == Qualifier::Exact
                    && self.unit.is_none()
                    && self.concept.is_none()
                    && q.value.abs() <= Decimal::from(MINOR_WORD_NUMBER)
            }
            Value::Date(d) => d.year.is_none() && d.day.is_none(),
            _ => false,
        }
    }

    /// The set of true values a quantity fact allows. `about_tolerance` is the relative slack of
    /// "about" (0.1 = ±10 %), set by policy. Dates, identifiers and ratios have no interval.
    ///
    /// A figure with a unit is given in the base unit of its dimension (620 km as metres, 70 °F
    /// as kelvin), so versions that convert between units compare directly.
    pub fn denotation(&self, about_tolerance: Decimal) -> Option<Interval> {
        Some(self.in_base_unit(self.written_denotation(about_tolerance)?))
    }

    /// The set of values the fact allows in the unit it is written in (or with none).
    pub fn written_denotation(&self, about_tolerance: Decimal) -> Option<Interval> {
        match &self.value {
            Value::Quantity(q) => Some(qualified_interval(q, self.qualifier, about_tolerance)),
            Value::Range { from, to } => Interval::closed(
                from.rounding_interval().low?.value,
                to.rounding_interval().high?.value,
            )
            .into(),
            _ => None,
        }
    }

    /// The values the written figure rounds from, whatever its qualifier, in the unit it is
    /// written in. With `trailing_zeros`, zeros ending a whole number count as rounding too (320 km
    /// stands for 315–325 km): how far a converted figure may be rounded.
    pub fn figure_interval(&self, trailing_zeros: bool) -> Option<Interval> {
        let Value::Quantity(q) = &self.value else {
            return None;
        };
        let rounded = Quantity {
            value: q.value,
            step: rounding_step(q, trailing_zeros),
        };
        Some(rounded.rounding_interval())
    }

    /// The values a bound stands for, in the unit it is written in: a writer says "more than 200"
    /// of 209 or 250, not of 300 or 500, so a bound reaches up to one rounding step of its figure
    /// beyond it (zeros ending the figure counting as rounding), that step excluded. `None` for a
    /// figure that is not a bound.
    pub fn bound_reach(&self) -> Option<Interval> {
        let Value::Quantity(q) = &self.value else {
            return None;
        };
        let step = rounding_step(q, true);
        let bound = |value, inclusive| Some(Bound { value, inclusive });
        match self.qualifier {
            Qualifier::MoreThan | Qualifier::AtLeast => Some(Interval {
                low: bound(q.value, true),
                high: bound(q.value + step, false),
            }),
            Qualifier::LessThan | Qualifier::AtMost => Some(Interval {
                low: bound(q.value - step, false),
                high: bound(q.value, true),
            }),
            Qualifier::Exact | Qualifier::About => None,
        }
    }

    /// The fact with its other reading in place of the chosen one, if it has one.
    pub fn other_reading(&self) -> Option<Fact> {
        let value = self.alternative.clone()?;
        Some(Fact {
            value,
            alternative: Some(self.value.clone()),
            ..self.clone()
        })
    }

    /// The fact in each other unit its written unit may stand for.
    pub fn unit_readings(&self) -> impl Iterator<Item = Fact> + '_ {
        self.unit
            .iter()
            .flat_map(|unit| &unit.readings)
            .map(|unit| Fact {
                unit: Some(unit.clone()),
                ..self.clone()
            })
    }

    /// The fact as read next to `other`: a figure on an unnamed scale ("98 degrees") takes the
    /// scale `other` names ("98 °F"), so it agrees with the same figure in any unit of its
    /// dimension. Any other fact is itself.
    pub fn in_scale_of(&self, other: &Fact) -> std::borrow::Cow<'_, Fact> {
        use std::borrow::Cow;
        match (&self.unit, &other.unit) {
            (Some(mine), Some(theirs))
                if mine.any_scale && !theirs.any_scale && mine.dimension == theirs.dimension =>
            {
                Cow::Owned(Fact {
                    unit: Some(theirs.clone()),
                    ..self.clone()
                })
            }
            _ => Cow::Borrowed(self),
        }
    }

    /// A set of values written in the fact's unit, in the base unit of its dimension.
    pub fn in_base_unit(&self, written: Interval) -> Interval {
        match &self.unit {
            Some(unit) => Interval {
                low: written.low.map(|b| unit.to_base(b)),
                high: written.high.map(|b| unit.to_base(b)),
            },
            None => written,
        }
    }
}

/// The step a figure is rounded to: its written precision, or with `trailing_zeros` the place of
/// its last nonzero digit when that is coarser (320 is rounded to tens).
fn rounding_step(q: &Quantity, trailing_zeros: bool) -> Decimal {
    let mut step = q.step;
    if trailing_zeros && q.value.is_integer() && !q.value.is_zero() {
        let mut rest = q.value.abs().normalize();
        while (rest % Decimal::TEN).is_zero() && rest.is_integer() {
            rest /= Decimal::TEN;
            step = step.max(q.value.abs() / rest);
        }
    }
    step
}

fn qualified_interval(q: &Quantity, qualifier: Qualifier, about_tolerance: Decimal) -> Interval {
    match qualifier {
        Qualifier::Exact => q.rounding_interval(),
        Qualifier::MoreThan => Interval::above(q.value, false),
        Qualifier::AtLeast => Interval::above(q.value, true),
        Qualifier::LessThan => Interval::below(q.value, false),
        Qualifier::AtMost => Interval::below(q.value, true),
        Qualifier::About => {
            let slack = (q.value.abs() * about_tolerance).max(q.step / Decimal::TWO);
            Interval::closed(q.value - slack, q.value + slack)
        }
    }
}

#[cfg(test)]
impl Fact {
    /// A fact as written, for tests: `value` is both its text and its figure.
    pub(crate) fn written(kind: Kind, value: &str, qualifier: Qualifier) -> Fact {
        let figure = value.parse::<Decimal>().expect("a decimal figure");
        Fact {
            kind,
            text: value.into(),
            start: 0,
            end: value.len(),
            line: 1,
            column: 1,
            value: Value::Quantity(Quantity::from_written(figure)),
            qualifier,
            concept: None,
            note: None,
            alternative: None,
            unit: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn fact(value: &str, qualifier: Qualifier) -> Fact {
        Fact::written(Kind::Number, value, qualifier)
    }

    #[test]
    fn written_precision_follows_the_last_digit() {
        let q = Quantity::from_written(dec("1.45"))
            .scaled(dec("1000000"))
            .unwrap();
        assert_eq!(q.value, dec("1450000"));
        assert_eq!(q.step, dec("10000"));
        let interval = q.rounding_interval();
        assert_eq!(
            interval.low.unwrap(),
            Bound {
                value: dec("1445000"),
                inclusive: true
            }
        );
        assert_eq!(
            interval.high.unwrap(),
            Bound {
                value: dec("1455000"),
                inclusive: false
            }
        );
    }

    #[test]
    fn exact_count_lies_inside_more_than() {
        let tol = dec("0.1");
        let exact = fact("209", Qualifier::Exact).denotation(tol).unwrap();
        let more = fact("200", Qualifier::MoreThan).denotation(tol).unwrap();
        assert_eq!(exact.relation(&more), SetRelation::LeftInsideRight);
        let below = fact("190", Qualifier::Exact).denotation(tol).unwrap();
        assert_eq!(below.relation(&more), SetRelation::Disjoint);
    }

    #[test]
    fn neighbouring_integers_share_no_value() {
        let tol = dec("0.1");
        let a = fact("14", Qualifier::Exact).denotation(tol).unwrap();
        let b = fact("15", Qualifier::Exact).denotation(tol).unwrap();
        assert_eq!(a.relation(&b), SetRelation::Disjoint);
    }

    #[test]
    fn transposed_digits_are_disjoint() {
        let tol = dec("0.1");
        let a = fact("17.78", Qualifier::Exact).denotation(tol).unwrap();
        let b = fact("17.87", Qualifier::Exact).denotation(tol).unwrap();
        assert_eq!(a.relation(&b), SetRelation::Disjoint);
        assert_eq!(a.relation(&a), SetRelation::Equal);
    }

    #[test]
    fn open_bounds_touching_do_not_intersect() {
        let more = Interval::above(dec("200"), false);
        let at_most = Interval::below(dec("200"), true);
        assert_eq!(more.relation(&at_most), SetRelation::Disjoint);
        let at_least = Interval::above(dec("200"), true);
        assert_eq!(at_least.relation(&at_most), SetRelation::Overlap);
    }

    #[test]
    fn partial_dates_print_as_partial_iso() {
        let d = PartialDate {
            year: None,
            month: Some(1),
            day: Some(31),
        };
        assert_eq!(d.iso(), "--01-31");
    }
}
