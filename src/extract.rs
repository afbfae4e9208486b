//! Extraction: the facts one document states, read with its language pack.
//!
//! A pack is compiled once per run into an [`Extractor`] (every regex built up front). Extraction
//! then runs a fixed series of passes over the text, each a linear scan: masks (URLs, e-mail),
//! identifiers, dates, named identifiers ("Resolution 68"), ranges, years, ratios, figures with
//! their context (qualifier and currency before; percent, scale word, unit, ordinal suffix and
//! counted noun after), numbers written as words, Roman numerals. A span taken by an earlier pass
//! is never read again, so "14 апреля 2025 г." is one date, not a date and a year.
//! Extraction sees one document only; it never compares.

use crate::error::{Error, Result};
use crate::fact::{Fact, Kind, PartialDate, Qualifier, Quantity, TimeOfDay, Unit, Value};
use crate::rules::{one_line, placeholder_regex, Forms, LangPack, Reading, RuleSet, Template};
use crate::source::Document;
use regex::{Captures, Regex};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use words::{roman_value, NumberWordReader, WordValue};

mod words;

/// How far before a number a qualifier may start, and how far after it context is read, in bytes.
const CONTEXT_BYTES: usize = 96;
/// White space as the context regexes see it: with the invisible direction marks of right-to-left
/// text, which stand between a number and its percent sign or qualifier.
const SPACE: &str = r"[\s\u{200e}\u{200f}\u{061c}]";
/// Space between a figure and what qualifies it: it may wrap a line, never cross a paragraph
/// (nor the break between two units of a message file, which is one).
const GAP: &str =
    r"[[\s\u{200e}\u{200f}\u{061c}]&&[^\n]]*(?:\n[[\s\u{200e}\u{200f}\u{061c}]&&[^\n]]*)?";
/// Where a word may start: after no word character, or after an ideograph (CJK has no spaces).
const WORD_START: &str = r"(?:^|[^\w]|[\p{Han}\p{Hiragana}\p{Katakana}])";
/// How far a template match may reach before or after the figure it holds, in bytes.
const TEMPLATE_REACH: usize = 192;
/// How many words after a number may be read to find its counted noun (gap words not counted).
const NOUN_WINDOW: usize = 3;
/// The longest word read as a counted noun, in bytes.
const NOUN_BYTES: usize = 128;

/// Every pack of a rule set, compiled.
/// Packs compile on first use, so a run pays only for the languages it reads (compiling all
/// twelve takes most of a second). Every template was already checked when the rules were read.
pub struct Extractors {
    by_code: BTreeMap<String, std::sync::OnceLock<Extractor>>,
}

impl Extractors {
    pub fn new(rules: &RuleSet) -> Extractors {
        let by_code = rules
            .packs
            .keys()
            .map(|code| (code.clone(), std::sync::OnceLock::new()))
            .collect();
        Extractors { by_code }
    }

    /// The compiled pack of `code` (a pack of `rules`), compiling it on first use.
    pub fn get(&self, rules: &RuleSet, code: &str) -> Result<&Extractor> {
        let cell = self
            .by_code
            .get(code)
            .expect("extractors are made from these rules");
        if let Some(extractor) = cell.get() {
            return Ok(extractor);
        }
        let pack = rules.pack(code).expect("every extractor has its pack");
        let compiled = Extractor::compile(rules, pack)?;
        // Another thread may have compiled it meanwhile; either copy will do.
        Ok(cell.get_or_init(|| compiled))
    }
}

/// A list of word forms compiled for matching, each form mapped to a value.
struct Lexicon<T> {
    exact: BTreeMap<String, T>,
    stems: Vec<(String, T)>,
    /// Whether case is ignored (words) or kept (symbols).
    fold: bool,
}

impl<T: Clone> Lexicon<T> {
    fn new<'a>(entries: impl IntoIterator<Item = (&'a String, T)>) -> Lexicon<T> {
        Lexicon::build(entries, true)
    }

    /// Forms matched as written: unit symbols, where case is meaning (mg and Mg, 5 g and 5G).
    fn case_sensitive<'a>(entries: impl IntoIterator<Item = (&'a String, T)>) -> Lexicon<T> {
        Lexicon::build(entries, false)
    }

    fn build<'a>(entries: impl IntoIterator<Item = (&'a String, T)>, fold: bool) -> Lexicon<T> {
        let mut exact = BTreeMap::new();
        let mut stems = Vec::new();
        for (form, value) in entries {
            let lower = if fold {
                form.to_lowercase()
            } else {
                form.clone()
            };
            match lower.strip_suffix('*') {
                Some(stem) => stems.push((stem.to_string(), value)),
                None => {
                    exact.entry(lower).or_insert(value);
                }
            }
        }
        // The longest stem that fits wins.
        stems.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Lexicon { exact, stems, fold }
    }

    fn lookup(&self, word: &str) -> Option<&T> {
        let unmarked: String = word.chars().filter(|&c| !is_arabic_vowel_sign(c)).collect();
        let lower = if self.fold {
            collapse_spaces(&unmarked.to_lowercase())
        } else {
            collapse_spaces(&unmarked)
        };
        self.exact.get(&lower).or_else(|| {
            self.stems
                .iter()
                .find(|(stem, _)| lower.starts_with(stem.as_str()))
                .map(|(_, v)| v)
        })
    }

    /// A regex alternation matching any form as a whole word (longest first). The caller makes
    /// it case-insensitive.
    fn alternation(&self) -> String {
        let mut forms = self.patterns();
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        alternatives(forms)
    }

    fn patterns(&self) -> Vec<String> {
        self.exact
            .keys()
            .map(|f| word_pattern(f, false))
            .chain(self.stems.iter().map(|(s, _)| word_pattern(s, true)))
            .collect()
    }
}

/// An alternation of the forms of several lexicons, longest first, each form matched with or
/// without case as its lexicon says.
fn alternation_of<T: Clone>(lexicons: &[&Lexicon<T>]) -> String {
    let mut forms: Vec<(usize, String)> = lexicons
        .iter()
        .flat_map(|lexicon| {
            lexicon.patterns().into_iter().map(move |p| {
                let len = p.len();
                (len, if lexicon.fold { format!("(?i:{p})") } else { p })
            })
        })
        .collect();
    forms.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    alternatives(forms.into_iter().map(|(_, p)| p).collect())
}

/// Patterns joined as alternatives; an empty list matches nothing (never the empty string).
fn alternatives(patterns: Vec<String>) -> String {
    if patterns.is_empty() {
        return r"[^\s\S]".to_string();
    }
    patterns.join("|")
}

fn word_pattern(form: &str, stem: bool) -> String {
    let escaped: String = form
        .chars()
        .map(|c| match c {
            ' ' => r"[\s\u{a0}]+".to_string(),
            c if is_arabic_letter(c) => format!("{c}{ARABIC_VOWEL_SIGNS}"),
            c => regex::escape(&c.to_string()),
        })
        .collect();
    // No `\b` here: a Unicode word boundary makes the regex engine fall back from its DFA on
    // non-ASCII text. Callers check that a match does not end inside a word (`whole_word`).
    if stem {
        format!(r"{escaped}\w*")
    } else {
        escaped
    }
}

/// Arabic vowel signs and tanwin are mostly left unwritten, and written where grammar asks
/// ("85 ميلاً", "18 قدمًا"): a form matches with or without them.
const ARABIC_VOWEL_SIGNS: &str = r"[\u{64b}-\u{65f}\u{670}]*";

fn is_arabic_vowel_sign(c: char) -> bool {
    matches!(c, '\u{64b}'..='\u{65f}' | '\u{670}')
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{620}'..='\u{64a}' | '\u{671}'..='\u{6d3}')
}

fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || c == '_' || is_combining_mark(c)) && !is_ideograph(c)
}

/// Han, kana and hangul run together without spaces: each character stands on its own boundary.
fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

/// Combining marks (Arabic tashkil, tanween) belong to the word they sit on.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06ed}')
}

/// One language pack, compiled.
pub struct Extractor {
    code: String,
    digits: BTreeMap<char, u32>,
    decimal: BTreeSet<char>,
    group: BTreeSet<char>,
    ambiguous: Reading,
    number: Regex,
    masks: Vec<Regex>,
    identifiers: Vec<Regex>,
    /// The pack's identifiers, read after dates: "Resolution 68", never "القرار 15-3-2023".
    named_identifiers: Vec<Regex>,
    dates: Vec<Regex>,
    /// The pack writes numeric dates month first and day first (English: 7/18/2014, 18/7/2014).
    both_date_orders: bool,
    times: Vec<Regex>,
    /// Each `{am}`, `{pm}` and `{night}` form, lower case, with the part of the day it names.
    day_parts: Lexicon<DayPart>,
    /// Clock fractions by the minutes they stand for: quarter 15, half 30, three quarters 45.
    clock_fractions: Lexicon<u8>,
    /// Noon and midnight written alone, with the time each is.
    named_times: Option<Regex>,
    named_time_values: Lexicon<u8>,
    years: Vec<Regex>,
    ranges: Vec<Regex>,
    ratios: Vec<Regex>,
    months: Lexicon<u8>,
    scales: Lexicon<Decimal>,
    scale_after: Regex,
    /// The pack's multiplier words (十, 百, 千, hundred) and a regex for one right at the start.
    multipliers: Lexicon<Decimal>,
    multiplier_after: Regex,
    /// Scale abbreviations glued to the figure, as written ("3M", "10k"), and their factors.
    scale_symbols: BTreeMap<String, Decimal>,
    scale_symbol_after: Regex,
    /// A minus word right before a figure ("minus 5", "負三").
    minus_before: Regex,
    percent_after: Regex,
    /// Words after a figure that count tenths of a whole (3割 = 30 %).
    tenths_after: Regex,
    percent_before: Regex,
    per_hour_before: Regex,
    /// The speed each length unit becomes after a per-hour word, by the length's id.
    per_hour: BTreeMap<String, Unit>,
    /// The common percent signs, which may end either figure of a range ("5%–10%").
    percent_signs: BTreeSet<char>,
    qualifier_before: Regex,
    qualifiers: Lexicon<Qualifier>,
    qualifier_after: Regex,
    qualifiers_after: Lexicon<Qualifier>,
    not_after: Regex,
    ordinal_after: Option<Regex>,
    ordinal_before: Option<Regex>,
    number_words: Option<NumberWordReader>,
    unit_words: Lexicon<UnitForm>,
    unit_symbols: Lexicon<UnitForm>,
    unit_after: Regex,
    /// The pack's words before a figure (case folded) and the common signs (as written).
    unit_words_before: Lexicon<UnitForm>,
    unit_prefixes: Lexicon<UnitForm>,
    unit_before: Regex,
    /// Concepts whose counted nouns are figures in a unit ("3 heures": 3 `hour`).
    noun_units: BTreeMap<String, Unit>,
    roman: Regex,
    numbered_nouns: Option<Regex>,
    roman_words: BTreeSet<String>,
    nouns: Lexicon<String>,
    noun_prefix: Regex,
    noun_gap: Lexicon<()>,
    bare_years: Range<u32>,
}

/// The part of the day a clock word names; it decides how an hour of the 12-hour clock is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayPart {
    Am,
    Pm,
    Night,
}

impl DayPart {
    /// The hour on the 24-hour clock that `hour` said with this word is, when it can be said so.
    fn hour(self, hour: u8) -> Option<u8> {
        match (self, hour) {
            (DayPart::Am, 12) | (DayPart::Night, 12) => Some(0),
            (DayPart::Am, 0..=11) | (DayPart::Pm, 12..=23) | (DayPart::Night, 0..=5) => Some(hour),
            (DayPart::Night, 18..=23) => Some(hour),
            (DayPart::Pm, 1..=11) | (DayPart::Night, 6..=11) => Some(hour + 12),
            _ => None,
        }
    }
}

/// What a compiled template is for; decides which placeholders it may use.
#[derive(Clone, Copy)]
enum TemplateUse {
    Plain,
    Identifier,
    Date,
    Time,
    Year,
    Range,
    Ratio,
}

impl Extractor {
    pub fn compile(rules: &RuleSet, pack: &LangPack) -> Result<Extractor> {
        let common = &rules.common;
        let file = rules.file_of(&pack.code);
        let source = rules.sources.get(&file).map(String::as_str).unwrap_or("");
        let digits = digit_map(&common.digits);
        let digit_class = digit_class(&digits);
        let decimal: BTreeSet<char> = chars_of(common.decimal.iter().chain(&pack.numbers.decimal));
        let group: BTreeSet<char> = chars_of(common.group.iter().chain(&pack.numbers.group));
        let separators: String = decimal
            .union(&group)
            .map(|c| regex::escape(&c.to_string()))
            .collect();
        let number = format!("{digit_class}+(?:[{separators}]{digit_class}+)*");
        let months = Lexicon::new(
            pack.months
                .iter()
                .enumerate()
                .flat_map(|(i, forms)| forms.iter().map(move |f| (f, i as u8 + 1))),
        );
        // Zones are capitals ("EST", never the French "est"): matched as written, not folded.
        let zones = alternatives(common.time_zones.iter().map(|z| regex::escape(z)).collect());
        let clock = &pack.clock_words;
        let clock_word = |forms: &Forms| Lexicon::new(forms.iter().map(|f| (f, ()))).alternation();
        let day_parts = Lexicon::new(tagged(&[
            (&clock.am, DayPart::Am),
            (&clock.pm, DayPart::Pm),
            (&clock.night, DayPart::Night),
        ]));
        let clock_fractions = Lexicon::new(tagged(&[
            (&clock.quarter, 15),
            (&clock.half, 30),
            (&clock.three_quarters, 45),
        ]));
        let named_time_values = Lexicon::new(tagged(&[(&clock.noon, 12), (&clock.midnight, 0)]));
        let number_words = NumberWordReader::compile(pack)
            .transpose()
            .map_err(|(field, e)| {
                let message = format!("{field} do not compile: {}", one_line(&e));
                rule_error(&file, source, &field, message)
            })?;
        let small_words = |lazy| {
            number_words.as_ref().map_or_else(
                || alternatives(Vec::new()),
                |r| r.small_pattern(lazy).to_string(),
            )
        };
        let percent_signs: String = common
            .percent_signs
            .iter()
            .map(|s| regex::escape(s))
            .collect::<Vec<_>>()
            .join("|");
        let ctx = TemplateContext {
            file: &file,
            source,
            number: &number,
            digit: &digit_class,
            months: &months.alternation(),
            zones: &zones,
            am: &clock_word(&clock.am),
            pm: &clock_word(&clock.pm),
            night: &clock_word(&clock.night),
            fractions: &clock_fractions.alternation(),
            small_words: &small_words(false),
            hour_words: &small_words(true),
            percent_signs: &percent_signs,
        };
        let compile_all = |templates: &[&[Template]], usage| {
            templates
                .iter()
                .flat_map(|list| list.iter())
                .map(|t| ctx.compile(t, usage))
                .collect::<Result<Vec<_>>>()
        };
        let scales = Lexicon::new(
            pack.scales
                .iter()
                .flat_map(|s| s.words.iter().map(move |w| (w, s.factor.0))),
        );
        let scale_symbols: BTreeMap<String, Decimal> = pack
            .scales
            .iter()
            .flat_map(|s| s.symbols.iter().map(move |w| (w.clone(), s.factor.0)))
            .collect();
        let multipliers = Lexicon::new(
            pack.number_words
                .multipliers
                .iter()
                .flat_map(|(factor, forms)| forms.iter().map(move |w| (w, factor.0))),
        );
        let mut symbol_patterns: Vec<String> =
            scale_symbols.keys().map(|s| regex::escape(s)).collect();
        symbol_patterns.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        let minus_words = Lexicon::new(pack.numbers.minus.iter().map(|w| (w, ()))).alternation();
        let qualifiers = Lexicon::new(
            qualifier_forms(&pack.qualifiers)
                .into_iter()
                .chain(qualifier_forms(&common.qualifiers)),
        );
        let [unit_words, unit_symbols, unit_words_before, unit_prefixes] =
            unit_lexicons(&common.units, pack);
        let noun_units = noun_units(&common.units);
        let nouns = Lexicon::new(
            pack.nouns
                .iter()
                .flat_map(|(concept, forms)| forms.iter().map(move |f| (f, concept.clone()))),
        );
        let qualifiers_after = Lexicon::new(qualifier_forms(&pack.qualifiers_after));
        let percent_words = Lexicon::new(pack.percent_words.iter().map(|w| (w, ())));
        let ordinal_before = (!pack.ordinal_prefixes.is_empty()).then(|| {
            let alts = Lexicon::new(pack.ordinal_prefixes.iter().map(|s| (s, ()))).alternation();
            format!(r"{WORD_START}((?i:{alts})){GAP}$")
        });
        let ordinal_after = (!pack.ordinal_suffixes.is_empty()).then(|| {
            let alts = Lexicon::new(pack.ordinal_suffixes.iter().map(|s| (s, ()))).alternation();
            format!(r"^(?i:{alts})")
        });
        Ok(Extractor {
            code: pack.code.clone(),
            decimal,
            group,
            ambiguous: pack.numbers.ambiguous,
            number: ctx.regex(&number, "number")?,
            masks: compile_all(&[&common.mask], TemplateUse::Plain)?,
            identifiers: compile_all(&[&common.identifiers], TemplateUse::Identifier)?,
            named_identifiers: compile_all(&[&pack.identifiers], TemplateUse::Identifier)?,
            dates: compile_all(&[&pack.dates, &common.dates], TemplateUse::Date)?,
            both_date_orders: both_date_orders(&pack.dates),
            times: compile_all(&[&pack.times, &common.times], TemplateUse::Time)?,
            day_parts,
            clock_fractions,
            named_times: (!named_time_values.exact.is_empty()
                || !named_time_values.stems.is_empty())
            .then(|| {
                let alts = named_time_values.alternation();
                ctx.regex(&format!("(?i:{alts})"), "clock_words")
            })
            .transpose()?,
            named_time_values,
            years: compile_all(&[&pack.years], TemplateUse::Year)?,
            ranges: compile_all(&[&pack.ranges, &common.ranges], TemplateUse::Range)?,
            ratios: compile_all(&[&common.ratios], TemplateUse::Ratio)?,
            scale_after: ctx.regex(
                // "25-тысячную толпу", "a 2-million-strong crowd": a scale adjective is glued
                // with a hyphen.
                &format!(r"^(?:{GAP}|[-‐‑])(?i:{})", scales.alternation()),
                "scales",
            )?,
            scale_symbol_after: ctx
                .regex(&format!("^(?:{})", alternatives(symbol_patterns)), "scales")?,
            multiplier_after: ctx.regex(
                &format!("^(?i:{})", multipliers.alternation()),
                "number_words.multipliers",
            )?,
            multipliers,
            scale_symbols,
            minus_before: ctx.regex(
                &format!(r"{WORD_START}((?i:{minus_words})){GAP}$"),
                "numbers.minus",
            )?,
            percent_after: ctx.regex(
                &format!(
                    r"^{GAP}(?:{percent_signs}|(?i:{}))",
                    percent_words.alternation()
                ),
                "percent_words",
            )?,
            tenths_after: ctx.regex(
                &format!(
                    r"^{GAP}(?:{})",
                    Lexicon::new(pack.percent_tenths.iter().map(|w| (w, ()))).alternation()
                ),
                "percent_tenths",
            )?,
            percent_before: ctx.regex(
                &format!(
                    r"{WORD_START}((?i:{})){GAP}$",
                    Lexicon::new(pack.percent_prefixes.iter().map(|w| (w, ()))).alternation()
                ),
                "percent_prefixes",
            )?,
            per_hour_before: ctx.regex(
                &format!(
                    r"{WORD_START}((?i:{})){GAP}$",
                    Lexicon::new(pack.per_hour_before.iter().map(|w| (w, ()))).alternation()
                ),
                "per_hour_before",
            )?,
            per_hour: per_hour_units(&common.units),
            percent_signs: chars_of(common.percent_signs.iter()),
            qualifier_before: ctx.regex(
                &format!(r"{WORD_START}((?i:{})){GAP}$", qualifiers.alternation()),
                "qualifiers",
            )?,
            qualifier_after: ctx.regex(
                &format!(r"^{GAP}((?i:{}))", qualifiers_after.alternation()),
                "qualifiers_after",
            )?,
            not_after: ctx.regex(
                &format!(
                    r"{WORD_START}(?i:{}){GAP}$",
                    Lexicon::new(pack.qualifiers.not_after.iter().map(|w| (w, ()))).alternation()
                ),
                "qualifiers.not_after",
            )?,
            // "620 km", "10km", and the hyphen of an adjective: "a 3-inch screen", "12-Pfund".
            unit_after: ctx.regex(
                &format!(
                    r"^(?:{GAP}|[-‐‑])(?:{})",
                    alternation_of(&[&unit_words, &unit_symbols])
                ),
                "units",
            )?,
            unit_before: ctx.regex(
                &format!(
                    r"{WORD_START}({}){GAP}$",
                    alternation_of(&[&unit_words_before, &unit_prefixes])
                ),
                "units",
            )?,
            unit_words,
            unit_symbols,
            unit_words_before,
            unit_prefixes,
            noun_units,
            number_words,
            roman: ctx.regex("[IVXLCDM]+", "roman numerals")?,
            roman_words: pack.roman_words.iter().cloned().collect(),
            numbered_nouns: (!pack.numbered_nouns.is_empty())
                .then(|| {
                    let alts =
                        Lexicon::new(pack.numbered_nouns.iter().map(|w| (w, ()))).alternation();
                    ctx.regex(&format!("(?i:{alts})"), "numbered_nouns")
                })
                .transpose()?,
            ordinal_before: ordinal_before
                .map(|p| ctx.regex(&p, "ordinal_prefixes"))
                .transpose()?,
            ordinal_after: ordinal_after
                .map(|p| ctx.regex(&p, "ordinal_suffixes"))
                .transpose()?,
            noun_prefix: ctx.regex(&format!("^(?i:{})", nouns.alternation()), "nouns")?,
            nouns,
            noun_gap: Lexicon::new(pack.noun_gap.iter().map(|w| (w, ()))),
            months,
            scales,
            qualifiers,
            qualifiers_after,
            digits,
            bare_years: common.bare_years.from..common.bare_years.to + 1,
        })
    }
}

/// Forms of several lists, each tagged with what its list stands for.
fn tagged<'a, T: Copy>(lists: &[(&'a Forms, T)]) -> Vec<(&'a String, T)> {
    lists
        .iter()
        .flat_map(|(forms, tag)| forms.iter().map(move |f| (f, *tag)))
        .collect()
}

/// True when some date template puts `{month_num}` before `{day}` and another after it.
fn both_date_orders(templates: &[Template]) -> bool {
    let order = |t: &Template| Some(t.0.find("{month_num}")? < t.0.find("{day}")?);
    let orders: BTreeSet<bool> = templates.iter().filter_map(order).collect();
    orders.len() == 2
}

/// The unit of a range of percents ("5–10 %"): the range keeps its kind, and its unit says what
/// its figures are.
fn percent_unit() -> Unit {
    Unit {
        id: "percent".to_string(),
        dimension: "percent".to_string(),
        factor: Decimal::ONE,
        offset: Decimal::ZERO,
        any_scale: false,
        readings: Vec::new(),
    }
}

/// A whole number from 0 to 255, as a `u8`.
fn whole_u8(value: Decimal) -> Option<u8> {
    use rust_decimal::prelude::ToPrimitive;
    value.fract().is_zero().then(|| value.to_u8()).flatten()
}

/// A two-digit year in the century that puts it nearest to now: 14 is 2014, 74 is 1974.
fn two_digit_year(yy: u8) -> i32 {
    let yy = i32::from(yy);
    if yy < 50 {
        2000 + yy
    } else {
        1900 + yy
    }
}

/// A unit form as read: the unit the figure is in, and what the figure is multiplied by to be in
/// it (1, or the factor of a subunit: "50 cents" is 0.50 dollars).
#[derive(Clone)]
struct UnitForm {
    unit: Unit,
    scale: Decimal,
}

impl UnitForm {
    /// The figure in the unit: a subunit's figure scaled, any other as written.
    fn convert(&self, quantity: Quantity) -> Option<Quantity> {
        if self.scale == Decimal::ONE {
            Some(quantity)
        } else {
            quantity.scaled(self.scale)
        }
    }
}

/// The pack's unit words after a figure (case folded), the common symbols after it (case kept:
/// "5 g" is grams, "5G" is not), the pack's words before it and the common signs before it
/// (case kept: "TRY 5" is Turkish lira, "try 5" is not).
fn unit_lexicons<'a>(
    defs: &'a BTreeMap<String, crate::rules::UnitDef>,
    pack: &'a LangPack,
) -> [Lexicon<UnitForm>; 4] {
    let form = |id: &String| {
        let def = &defs[id];
        let (id, scale) = match &def.subunit_of {
            Some(parent) => (parent, def.factor.0),
            None => (id, Decimal::ONE),
        };
        UnitForm {
            unit: crate::rules::unit_from(id, &defs[id], defs),
            scale,
        }
    };
    let listed = |lists: &'a BTreeMap<String, Forms>| {
        lists
            .iter()
            .flat_map(|(id, forms)| forms.iter().map(move |f| (f, id)))
            .filter(|(_, id)| defs.contains_key(*id))
            .map(|(f, id)| (f, form(id)))
            .collect::<Vec<_>>()
    };
    let common = |forms: fn(&crate::rules::UnitDef) -> &Forms| {
        defs.iter()
            .flat_map(move |(id, def)| forms(def).iter().map(move |f| (f, id)))
            .map(|(f, id)| (f, form(id)))
            .collect::<Vec<_>>()
    };
    [
        Lexicon::new(listed(&pack.units)),
        Lexicon::case_sensitive(common(|def| &def.symbols)),
        Lexicon::new(listed(&pack.units_before)),
        Lexicon::case_sensitive(common(|def| &def.prefixes)),
    ]
}

/// The speed unit each length becomes after a per-hour word, from the units that name one.
fn per_hour_units(defs: &BTreeMap<String, crate::rules::UnitDef>) -> BTreeMap<String, Unit> {
    defs.iter()
        .filter_map(|(id, def)| {
            let speed = def.per_hour.as_ref()?;
            Some((
                id.clone(),
                crate::rules::unit_from(speed, defs.get(speed)?, defs),
            ))
        })
        .collect()
}

/// The unit each counted concept is a figure in, from the units that name a `noun`.
fn noun_units(defs: &BTreeMap<String, crate::rules::UnitDef>) -> BTreeMap<String, Unit> {
    defs.iter()
        .filter_map(|(id, def)| Some((def.noun.clone()?, crate::rules::unit_from(id, def, defs))))
        .collect()
}

fn qualifier_forms(q: &crate::rules::Qualifiers) -> Vec<(&String, Qualifier)> {
    let lists: [(&Forms, Qualifier); 5] = [
        (&q.more_than, Qualifier::MoreThan),
        (&q.less_than, Qualifier::LessThan),
        (&q.about, Qualifier::About),
        (&q.at_least, Qualifier::AtLeast),
        (&q.at_most, Qualifier::AtMost),
    ];
    lists
        .into_iter()
        .flat_map(|(forms, qualifier)| forms.iter().map(move |f| (f, qualifier)))
        .collect()
}

fn digit_map(sets: &[String]) -> BTreeMap<char, u32> {
    sets.iter().flat_map(|set| set.chars().zip(0..10)).collect()
}

fn digit_class(digits: &BTreeMap<char, u32>) -> String {
    let chars: String = digits
        .keys()
        .map(|c| regex::escape(&c.to_string()))
        .collect();
    format!("[{chars}]")
}

fn chars_of<'a>(seps: impl Iterator<Item = &'a String>) -> BTreeSet<char> {
    seps.flat_map(|s| s.chars()).collect()
}

/// What templates are compiled against: the pack's file (for errors) and the shared sub-patterns.
struct TemplateContext<'a> {
    file: &'a str,
    source: &'a str,
    number: &'a str,
    digit: &'a str,
    months: &'a str,
    zones: &'a str,
    am: &'a str,
    pm: &'a str,
    night: &'a str,
    /// The clock fractions (quarter, half) of the pack.
    fractions: &'a str,
    /// A small number in the pack's words (see `NumberWordReader::small_pattern`).
    small_words: &'a str,
    /// The same, as few words as fit: an hour.
    hour_words: &'a str,
    /// The common percent signs, as an alternation.
    percent_signs: &'a str,
}

impl TemplateContext<'_> {
    fn compile(&self, template: &Template, usage: TemplateUse) -> Result<Regex> {
        let mut unknown = None;
        let filled = placeholder_regex().replace_all(&template.0, |c: &Captures| {
            let name = &c[1];
            match self.placeholder(name, usage) {
                // `{from_any}` is read as `{from}` is: one capture group per end.
                Some(p) => format!("(?P<{}>{p})", name.trim_end_matches("_any")),
                None => {
                    unknown.get_or_insert_with(|| name.to_string());
                    String::new()
                }
            }
        });
        if let Some(name) = unknown {
            return Err(self.error(&template.0, format!("unknown placeholder {{{name}}} here")));
        }
        self.regex(&filled, &template.0)
    }

    fn placeholder(&self, name: &str, usage: TemplateUse) -> Option<String> {
        let d = self.digit;
        match (usage, name) {
            (TemplateUse::Date, "day") => Some(format!("{d}{{1,2}}")),
            (TemplateUse::Date, "day_words" | "day_ordinal") => Some(self.small_words.to_string()),
            (TemplateUse::Date, "month_num") => Some(format!("{d}{{1,2}}")),
            (TemplateUse::Date, "month") => Some(format!("(?i:{})", self.months)),
            (TemplateUse::Date | TemplateUse::Year, "year") => Some(format!("{d}{{4}}")),
            (TemplateUse::Date, "yy") => Some(format!("{d}{{2}}")),
            (TemplateUse::Time, "hour") => Some(format!("{d}{{1,2}}|{}", self.hour_words)),
            (TemplateUse::Time, "hour_words") => Some(self.hour_words.to_string()),
            // Fractions first: "一刻" is a quarter, not the number word 一.
            (TemplateUse::Time, "minute") => Some(format!(
                "{d}{{2}}|(?i:{})|{}",
                self.fractions, self.small_words
            )),
            (TemplateUse::Time, "minutes_before") => Some(format!(
                "{d}{{1,2}}|(?i:{})|{}",
                self.fractions, self.small_words
            )),
            (TemplateUse::Time, "fraction_before" | "fraction_into") => {
                Some(format!("(?i:{})", self.fractions))
            }
            (TemplateUse::Time, "second") => Some(format!("{d}{{2}}")),
            (TemplateUse::Time, "zone") => Some(self.zones.to_string()),
            (TemplateUse::Time, "am") => Some(format!("(?i:{})", self.am)),
            (TemplateUse::Time, "pm") => Some(format!("(?i:{})", self.pm)),
            (TemplateUse::Time, "night") => Some(format!("(?i:{})", self.night)),
            // Matches nothing: the match holds only where the clause ends after it (checked
            // on the whole text, since a template searches a window of it).
            (TemplateUse::Time | TemplateUse::Date, "clause_end") => Some(String::new()),
            // A code with at least one digit, letters in capitals: 06, 68, 2006/123/EC, 1234/QĐ-UBND.
            (TemplateUse::Identifier, "id") => Some(format!(
                r"[\p{{Lu}}\p{{N}}]*{d}[\p{{Lu}}\p{{N}}]*(?:[-/.][\p{{Lu}}\p{{N}}]+)*"
            )),
            // Either end of a range may carry its percent sign: "5%–10%", "de 5 % à 10 %".
            (TemplateUse::Range, "from" | "to") => Some(format!(
                "{}(?:{SPACE}?(?:{}))?",
                self.number, self.percent_signs
            )),
            // The same, or a small number in words: "between five and ten".
            (TemplateUse::Range, "from_any" | "to_any") => Some(format!(
                "(?:{}|{})(?:{SPACE}?(?:{}))?",
                self.number, self.small_words, self.percent_signs
            )),
            (TemplateUse::Ratio, "num" | "den") => Some(self.number.to_string()),
            _ => None,
        }
    }

    fn regex(&self, pattern: &str, shown: &str) -> Result<Regex> {
        // The context regexes are large case-insensitive alternations searched backwards from
        // every figure: the default 2 MB lazy-DFA cache fills and is rebuilt over and over.
        regex::RegexBuilder::new(pattern)
            .dfa_size_limit(words::DFA_CACHE_BYTES)
            .build()
            .map_err(|e| self.error(shown, format!("pattern does not compile: {}", one_line(&e))))
    }

    fn error(&self, needle: &str, message: String) -> Error {
        rule_error(self.file, self.source, needle, message)
    }
}

/// An error in a rule file, located at the first place `needle` stands in its source.
fn rule_error(file: &str, source: &str, needle: &str, message: String) -> Error {
    let (line, column) = crate::rules::locate(source, needle);
    Error::Rule {
        file: file.to_string(),
        line,
        column,
        message,
    }
}

/// What a template match reads: a fact's kind and value, and another reading where the text
/// allows two, with a note saying so.
struct Templated {
    kind: Kind,
    value: Value,
    alternative: Option<(Value, String)>,
}

impl From<(Kind, Value)> for Templated {
    fn from((kind, value): (Kind, Value)) -> Templated {
        Templated {
            kind,
            value,
            alternative: None,
        }
    }
}

/// Spans already taken by an earlier pass.
#[derive(Default)]
struct Taken(Vec<Range<usize>>);

impl Taken {
    fn overlaps(&self, span: &Range<usize>) -> bool {
        let i = self.0.partition_point(|r| r.end <= span.start);
        self.0.get(i).is_some_and(|r| r.start < span.end)
    }

    fn take(&mut self, span: Range<usize>) {
        let i = self.0.partition_point(|r| r.end <= span.start);
        self.0.insert(i, span);
    }

    /// Where the last taken span before `pos` ends.
    fn end_before(&self, pos: usize) -> Option<usize> {
        let i = self.0.partition_point(|r| r.end <= pos);
        i.checked_sub(1).map(|i| self.0[i].end)
    }
}

/// A figure while its context is read: what it is, where it starts and ends.
struct Figure {
    kind: Kind,
    quantity: Quantity,
    start: usize,
    end: usize,
    qualifier: Qualifier,
    unit: Option<Unit>,
}

/// A number as read from digits and separators.
struct ReadNumber {
    quantity: Quantity,
    len: usize,
    /// Set when a separator could be read two ways; says how it was read and why.
    note: Option<String>,
    /// The reading not chosen, when a separator could be read two ways.
    alternative: Option<Quantity>,
    /// Plain digits, no separator: the shape a year has.
    plain_digits: usize,
    /// Written as an ordinal word ("четырнадцатый").
    ordinal: bool,
}

/// Which way each separator is used where its reading is unambiguous, across the whole document.
#[derive(Default)]
struct SeparatorEvidence {
    as_decimal: BTreeMap<char, usize>,
    as_group: BTreeMap<char, usize>,
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum SepRole {
    Group,
    Decimal,
}

impl Extractor {
    /// All facts of a document, in text order.
    pub fn extract(&self, doc: &Document) -> Vec<Fact> {
        let text = doc.text.as_str();
        let mut taken = Taken::default();
        let mut facts = Vec::new();
        for re in &self.masks {
            for m in re.find_iter(text) {
                taken.take(m.range());
            }
        }
        // One scan for figure candidates serves both the template windows and the separator
        // evidence.
        let candidates: Vec<regex::Match> = self.number.find_iter(text).collect();
        let windows = windows_around(text, candidates.iter().map(regex::Match::range));
        // Numbers in words are read once: their spans also open the windows where dates and
        // times may be written in words ("the first of May", "half past eight").
        let (word_numbers, word_runs) = self
            .number_words
            .as_ref()
            .map(|reader| reader.scan(text))
            .unwrap_or_default();
        let clock_windows = windows_around(
            text,
            merge_sorted(
                candidates.iter().map(regex::Match::range),
                word_runs.into_iter(),
            ),
        );
        let identifier = |c: &Captures| {
            let id = c.name("id").or_else(|| c.get(0))?;
            Some((Kind::Identifier, Value::Identifier(id.as_str().to_string())))
        };
        let (ids, named_ids) = (&self.identifiers, &self.named_identifiers);
        self.templated(doc, ids, &mut taken, &mut facts, &windows, identifier);
        let evidence = self.separator_evidence(&candidates);
        self.templated(
            doc,
            &self.dates,
            &mut taken,
            &mut facts,
            &clock_windows,
            |c| {
                let date = self.date_value(c)?;
                let alternative = self.swapped_date(&date, c).map(|other| {
                    let note = format!(
                        "read as {}; {} is the other reading",
                        date.iso(),
                        other.iso()
                    );
                    (Value::Date(other), note)
                });
                Some(Templated {
                    kind: Kind::Date,
                    value: Value::Date(date),
                    alternative,
                })
            },
        );
        self.templated(
            doc,
            &self.times,
            &mut taken,
            &mut facts,
            &clock_windows,
            |c| self.time_value(c),
        );
        self.named_times(doc, &mut taken, &mut facts);
        self.templated(doc, named_ids, &mut taken, &mut facts, &windows, identifier);
        // Ranges may be written in words ("between five and ten"): the word runs open windows too.
        self.templated(
            doc,
            &self.ranges,
            &mut taken,
            &mut facts,
            &clock_windows,
            |c| self.range_value(c, &evidence),
        );
        self.templated(doc, &self.years, &mut taken, &mut facts, &windows, |c| {
            let year = self.read_exact_integer(c.name("year")?.as_str())?;
            Some((Kind::Year, Value::Quantity(Quantity::from_written(year))))
        });
        self.templated(doc, &self.ratios, &mut taken, &mut facts, &windows, |c| {
            let num = self.read_exact_integer(c.name("num")?.as_str())?;
            let den = self.read_exact_integer(c.name("den")?.as_str())?;
            let ratio = Value::Ratio {
                num: Quantity::from_written(num),
                den: Quantity::from_written(den),
            };
            (!den.is_zero()).then_some((Kind::Ratio, ratio))
        });
        self.numbers(doc, &evidence, &mut taken, &mut facts);
        self.word_numbers(doc, word_numbers, &mut taken, &mut facts);
        self.roman_numerals(doc, &mut taken, &mut facts);
        facts.sort_by_key(|f| (f.start, f.end));
        facts
    }

    fn fact(&self, doc: &Document, kind: Kind, span: Range<usize>, value: Value) -> Fact {
        let (line, column) = doc.line_column(span.start);
        Fact {
            kind,
            text: doc.text[span.clone()].to_string(),
            start: span.start,
            end: span.end,
            line,
            column,
            value,
            qualifier: Qualifier::Exact,
            concept: None,
            note: None,
            alternative: None,
            unit: None,
        }
    }

    /// Runs template regexes, turning each free, well-bounded match into a fact.
    fn templated<T>(
        &self,
        doc: &Document,
        regexes: &[Regex],
        taken: &mut Taken,
        facts: &mut Vec<Fact>,
        windows: &[Range<usize>],
        read: impl Fn(&Captures) -> Option<T>,
    ) where
        T: Into<Templated>,
    {
        let text = doc.text.as_str();
        for re in regexes {
            let matches = windows.iter().flat_map(|w| {
                re.captures_iter(&text[w.clone()])
                    .map(move |caps| (w.start, caps))
            });
            for (offset, caps) in matches {
                let whole = caps.get(0).expect("whole match").range();
                let span = whole.start + offset..whole.end + offset;
                if span.is_empty() || !bounded(text, span.clone()) || taken.overlaps(&span) {
                    continue;
                }
                let after = &text[span.end..];
                let clause_end = caps.name("clause_end").is_some();
                if continues_after_separator(after)
                    || continues_before_separator(&text[..span.start])
                    || (clause_end && (!clause_ends_after(after) || self.in_range(text, &span)))
                {
                    continue;
                }
                if let Some(read) = read(&caps) {
                    let read: Templated = read.into();
                    let (value, unit, tail) = match read.value {
                        range @ Value::Range { .. } => match self.range_tail(range, &caps, after) {
                            Some(tail) => tail,
                            None => continue,
                        },
                        value => (value, None, 0),
                    };
                    let span = span.start..span.end + tail;
                    let mut fact = self.fact(doc, read.kind, span.clone(), value);
                    fact.unit = unit;
                    if let Some((alternative, note)) = read.alternative {
                        fact.alternative = Some(alternative);
                        fact.note = Some(note);
                    }
                    facts.push(fact);
                    taken.take(span);
                }
            }
        }
    }

    /// Whether a word range ends in this span ("dalle 9 alle 18."): a figure standing alone at
    /// the end of its clause there is the range's end, not a time of its own.
    fn in_range(&self, text: &str, span: &Range<usize>) -> bool {
        let start = floor_boundary(text, span.start.saturating_sub(TEMPLATE_REACH));
        self.ranges.iter().any(|re| {
            re.find_iter(&text[start..span.end])
                .any(|m| start + m.end() > span.start)
        })
    }

    /// The two figures of a range template's match, the first below the second, the second with
    /// a percent sign if the first has one. A year span may write its second year with two digits:
    /// "1950-53", "2019–20".
    fn range_value(&self, caps: &Captures, evidence: &SeparatorEvidence) -> Option<(Kind, Value)> {
        let (from_text, to_text) = (caps.name("from")?.as_str(), caps.name("to")?.as_str());
        // "up 25 % to 34,500 tonnes": a percent and another figure are a change, not a range.
        let signed = |t: &str| t != self.without_percent(t);
        if signed(from_text) && !signed(to_text) {
            return None;
        }
        let from = self.range_end(from_text, evidence)?;
        let mut to = self.range_end(to_text, evidence)?;
        let to_digits = self.ascii_digits(self.without_percent(to_text));
        if let (true, Some(yy)) = (to.value <= from.value, to_digits.filter(|d| d.len() == 2)) {
            let century = from.value - from.value % Decimal::ONE_HUNDRED;
            let year = century + Decimal::from_str_exact(&yy).ok()?;
            if self.is_bare_year(&from) && from.step == Decimal::ONE && year > from.value {
                to = Quantity::from_written(year);
            }
        }
        (from.value < to.value).then_some((Kind::Range, Value::Range { from, to }))
    }

    /// One end of a range: digits, or a number in words that is no ordinal.
    fn range_end(&self, text: &str, evidence: &SeparatorEvidence) -> Option<Quantity> {
        let figure = self.without_percent(text);
        self.read_whole(figure, evidence).or_else(|| {
            let number = self.number_words.as_ref()?.read_whole(figure)?;
            (!number.ordinal).then(|| number.quantity()).flatten()
        })
    }

    fn without_percent<'t>(&self, text: &'t str) -> &'t str {
        text.trim_end_matches(|c| self.percent_signs.contains(&c))
            .trim_end_matches(is_space)
    }

    /// What both ends of a range share, written after it: a scale word ("2-3 million", see
    /// `scaled_range`), then a percent ("5-10%", or a sign on either end) or a unit ("от 5 до 10
    /// см"). Returns the range so scaled, its unit and how many bytes of `after` it took; `None`
    /// when the scale overflows. (A subunit would rescale both ends; such a range keeps no unit.)
    fn range_tail(
        &self,
        range: Value,
        caps: &Captures,
        after: &str,
    ) -> Option<(Value, Option<Unit>, usize)> {
        let signed = ["from", "to"].iter().any(|end| {
            caps.name(end)
                .is_some_and(|m| m.as_str() != self.without_percent(m.as_str()))
        });
        let (range, mut len) = if signed {
            (range, 0)
        } else {
            self.scaled_range(range, after)?
        };
        let rest = &after[len..];
        let percent = whole_word(&self.percent_after, rest).map(|p| p.end());
        let unit = self
            .unit_at(rest)
            .filter(|(form, _)| form.scale == Decimal::ONE);
        // The longer reading wins, as after a single figure: "5-10 percentage points" is a unit.
        let unit = match (percent, unit) {
            _ if signed => Some(percent_unit()),
            (Some(p), unit) if unit.as_ref().is_none_or(|(_, l)| *l <= p) => {
                len += p;
                Some(percent_unit())
            }
            (_, Some((form, l))) => {
                len += l;
                Some(form.unit)
            }
            // "between two and three years": a duration noun is the unit of both ends; after
            // years ("2021—2025年", "od 2021 do 2025 roku") it names the calendar.
            _ if self.spans_years(&range) => None,
            _ => self.concept_after(rest).and_then(|(concept, l)| {
                let unit = self.duration_noun(&concept, &rest[..l])?.clone();
                len += l;
                Some(unit)
            }),
        };
        Some((range, unit, len))
    }

    fn date_value(&self, caps: &Captures) -> Option<PartialDate> {
        let words = |name: &str, ordinal_only: bool| {
            let number = self
                .number_words
                .as_ref()?
                .read_whole(caps.name(name)?.as_str())?;
            (number.ordinal || !ordinal_only)
                .then(|| whole_u8(number.quantity()?.value))
                .flatten()
        };
        let day = match (
            caps.name("day"),
            caps.name("day_words"),
            caps.name("day_ordinal"),
        ) {
            (Some(d), _, _) => Some(self.small_integer(d.as_str())?),
            (None, Some(_), _) => Some(words("day_words", false)?),
            (None, None, Some(_)) => Some(words("day_ordinal", true)?),
            (None, None, None) => None,
        };
        if day.is_some_and(|d| !(1..=31).contains(&d)) {
            return None;
        }
        let month = match (caps.name("month"), caps.name("month_num")) {
            (Some(m), _) => Some(*self.months.lookup(m.as_str())?),
            (None, Some(m)) => Some(
                self.small_integer(m.as_str())
                    .filter(|m| (1..=12).contains(m))?,
            ),
            (None, None) => None,
        };
        let year = match (caps.name("year"), caps.name("yy")) {
            (Some(y), _) => Some(self.ascii_digits(y.as_str())?.parse::<i32>().ok()?),
            (None, Some(y)) => Some(two_digit_year(self.small_integer(y.as_str())?)),
            (None, None) => None,
        };
        // A month, or a day alone where the template says it dates ("27日に"): a year alone is
        // the years pass's.
        (month.is_some() || day.is_some()).then_some(PartialDate { year, month, day })
    }

    /// The other reading of a numeric date whose day and month could swap (3/4/2015 is 3 April
    /// or 4 March) in a language that writes both orders.
    fn swapped_date(&self, date: &PartialDate, caps: &Captures) -> Option<PartialDate> {
        let (day, month) = (date.day?, date.month?);
        let month_num = caps.name("month_num")?;
        // A year written first is followed by its month in every language: 2015/08/12.
        let year_first = caps
            .name("year")
            .is_some_and(|y| y.start() < month_num.start());
        (self.both_date_orders && !year_first && day <= 12 && day != month).then_some(PartialDate {
            day: Some(month),
            month: Some(day),
            ..*date
        })
    }

    /// A time of day from a time template's match. The hour is read on the 24-hour clock, moved
    /// by a day-part word; minutes counted back (`{minutes_before}`, `{fraction_before}`) or into
    /// the coming hour (`{fraction_into}`) then move it back. An hour of 1 to 12 in words with no day-part word is
    /// on the 12-hour clock: 12 hours later is its other reading.
    fn time_value(&self, caps: &Captures) -> Option<Templated> {
        let field = |name: &str, range: std::ops::RangeInclusive<u8>| match caps.name(name) {
            Some(m) => self
                .clock_figure(m.as_str())
                .filter(|(v, _)| range.contains(v))
                .map(Some),
            None => Some(None),
        };
        let (written_hour, in_words) = field("hour", 0..=23)?.or(field("hour_words", 0..=23)?)?;
        let day_part = ["am", "pm", "night"]
            .iter()
            .find_map(|name| caps.name(name))
            .map(|m| *self.day_parts.lookup(m.as_str()).expect("a clock word"));
        let mut hour = match day_part {
            Some(part) => part.hour(written_hour)?,
            None => written_hour,
        };
        let mut minute = field("minute", 0..=59)?.map_or(0, |(m, _)| m);
        let before = field("minutes_before", 1..=59)?.or(field("fraction_before", 1..=59)?);
        if let Some((before, _)) = before {
            hour = (hour + 23) % 24;
            minute = 60 - before;
        }
        if let Some((into, _)) = field("fraction_into", 1..=59)? {
            hour = (hour + 23) % 24;
            minute = into;
        }
        let second = field("second", 0..=59)?.map(|(s, _)| s);
        let zone = caps.name("zone").map(|z| z.as_str().to_uppercase());
        let time = |hour| TimeOfDay {
            hour,
            minute,
            second,
            zone: zone.clone(),
        };
        let twelve_hour = in_words && day_part.is_none() && (1..=12).contains(&written_hour);
        let alternative = twelve_hour.then(|| {
            let (chosen, other) = (time(hour), time((hour + 12) % 24));
            let note = format!(
                "read as {} on the 12-hour clock; {} is the other reading",
                chosen.clock(),
                other.clock()
            );
            (Value::Time(other), note)
        });
        Some(Templated {
            kind: Kind::Time,
            value: Value::Time(time(hour)),
            alternative,
        })
    }

    /// A figure of the clock: digits, number words or a clock fraction ("half"), and whether it
    /// was written in words.
    fn clock_figure(&self, s: &str) -> Option<(u8, bool)> {
        if let Some(value) = self.small_integer(s) {
            return Some((value, false));
        }
        if let Some(minutes) = self.clock_fractions.lookup(s) {
            return Some((*minutes, true));
        }
        let number = self.number_words.as_ref()?.read_whole(s)?;
        Some((whole_u8(number.quantity()?.value)?, true))
    }

    /// Noon and midnight written alone ("at noon", "à minuit", "в полдень", "正午").
    fn named_times(&self, doc: &Document, taken: &mut Taken, facts: &mut Vec<Fact>) {
        let Some(re) = &self.named_times else {
            return;
        };
        let text = doc.text.as_str();
        for m in re.find_iter(text) {
            let span = m.range();
            if !bounded(text, span.clone()) || taken.overlaps(&span) {
                continue;
            }
            let hour = *self
                .named_time_values
                .lookup(m.as_str())
                .expect("a named time");
            let time = TimeOfDay {
                hour,
                minute: 0,
                second: None,
                zone: None,
            };
            facts.push(self.fact(doc, Kind::Time, span.clone(), Value::Time(time)));
            taken.take(span);
        }
    }

    fn ascii_digits(&self, s: &str) -> Option<String> {
        s.chars()
            .map(|c| self.digits.get(&c).and_then(|d| char::from_digit(*d, 10)))
            .collect()
    }

    fn small_integer(&self, s: &str) -> Option<u8> {
        self.ascii_digits(s)?.parse::<u8>().ok()
    }

    fn read_exact_integer(&self, s: &str) -> Option<Decimal> {
        self.ascii_digits(s)?.parse::<Decimal>().ok()
    }

    /// Reads a number that must take the whole of `s`.
    fn read_whole(&self, s: &str, evidence: &SeparatorEvidence) -> Option<Quantity> {
        let read = self.read_number(s, evidence)?;
        (read.len == s.len()).then_some(read.quantity)
    }

    /// Splits a number candidate into digit runs and the separators between them.
    fn runs<'s>(&self, s: &'s str) -> (Vec<&'s str>, Vec<char>) {
        let mut runs = Vec::new();
        let mut seps = Vec::new();
        let mut start = 0;
        for (i, c) in s.char_indices() {
            if !self.digits.contains_key(&c) {
                runs.push(&s[start..i]);
                seps.push(c);
                start = i + c.len_utf8();
            }
        }
        runs.push(&s[start..]);
        (runs, seps)
    }

    /// The roles the separators of the first `k` runs can have, given the language's separators.
    fn readings(&self, runs: &[&str], seps: &[char]) -> (bool, bool) {
        let count = |r: &str| r.chars().count();
        let groups_ok = |seps: &[char], runs: &[&str]| {
            seps.iter().all(|c| self.group.contains(c) && *c == seps[0])
                && count(runs[0]) <= 3
                && runs[1..].iter().all(|r| count(r) == 3)
        };
        if seps.is_empty() {
            return (true, false);
        }
        let as_group = groups_ok(seps, runs);
        let last = *seps.last().expect("non-empty");
        let (head_seps, head_runs) = (&seps[..seps.len() - 1], &runs[..runs.len() - 1]);
        let as_decimal = self.decimal.contains(&last)
            && (head_seps.is_empty() || (groups_ok(head_seps, head_runs) && head_seps[0] != last));
        (as_group, as_decimal)
    }

    /// Splits the start of a number candidate into digit runs and separators, as far as a
    /// reading can reach: thousands groups, then at most one run more (after a decimal mark).
    /// Stopping there keeps reading linear in the number read, not in the candidate ("1 1 1 …").
    fn reachable_runs<'s>(&self, s: &'s str) -> (Vec<&'s str>, Vec<char>) {
        let mut runs = Vec::new();
        let mut seps = Vec::new();
        let mut start = 0;
        for (i, c) in s.char_indices() {
            if self.digits.contains_key(&c) {
                continue;
            }
            runs.push(&s[start..i]);
            if runs.len() > 1 && !self.extends_groups(&runs, &seps) {
                return (runs, seps);
            }
            seps.push(c);
            start = i + c.len_utf8();
        }
        runs.push(&s[start..]);
        (runs, seps)
    }

    /// Whether the last of `runs` still reads as a thousands group after the ones before it.
    fn extends_groups(&self, runs: &[&str], seps: &[char]) -> bool {
        let sep = seps[runs.len() - 2];
        self.group.contains(&sep)
            && sep == seps[0]
            && runs[0].chars().count() <= 3
            && runs[runs.len() - 1].chars().count() == 3
    }

    /// Reads the longest prefix of `s` that is a number in this language.
    fn read_number(&self, s: &str, evidence: &SeparatorEvidence) -> Option<ReadNumber> {
        let (runs, seps) = self.reachable_runs(s);
        for k in (1..=runs.len()).rev() {
            let (runs, seps) = (&runs[..k], &seps[..k - 1]);
            let (as_group, as_decimal) = self.readings(runs, seps);
            let (role, note) = match (as_group, as_decimal) {
                (false, false) => continue,
                (true, false) => (SepRole::Group, None),
                (false, true) => (SepRole::Decimal, None),
                (true, true) => {
                    let sep = *seps.last().expect("two readings need a separator");
                    let (role, why) = self.resolve_ambiguous(sep, evidence);
                    (role, Some(why))
                }
            };
            let len = runs.iter().map(|r| r.len()).sum::<usize>()
                + seps.iter().map(|c| c.len_utf8()).sum::<usize>();
            let quantity = self.quantity(runs, role)?;
            let alternative = note.as_ref().and_then(|_| self.quantity(runs, flip(role)));
            let note = note.map(|why| {
                let other = alternative.map(|q| q.to_string()).unwrap_or_default();
                format!("'{}' read as {quantity}, not {other}: {why}", &s[..len])
            });
            let plain_digits = if seps.is_empty() {
                runs[0].chars().count()
            } else {
                0
            };
            return Some(ReadNumber {
                quantity,
                len,
                note,
                alternative,
                plain_digits,
                ordinal: false,
            });
        }
        None
    }

    fn quantity(&self, runs: &[&str], role: SepRole) -> Option<Quantity> {
        let (int_runs, frac) = match role {
            SepRole::Decimal if runs.len() > 1 => {
                (&runs[..runs.len() - 1], Some(runs[runs.len() - 1]))
            }
            _ => (runs, None),
        };
        let mut digits = String::new();
        for r in int_runs {
            digits.push_str(&self.ascii_digits(r)?);
        }
        if let Some(frac) = frac {
            digits.push('.');
            digits.push_str(&self.ascii_digits(frac)?);
        }
        Decimal::from_str_exact(&digits)
            .ok()
            .map(Quantity::from_written)
    }

    fn resolve_ambiguous(&self, sep: char, evidence: &SeparatorEvidence) -> (SepRole, String) {
        let dec = evidence.as_decimal.get(&sep).copied().unwrap_or(0);
        let grp = evidence.as_group.get(&sep).copied().unwrap_or(0);
        if dec > 0 && grp == 0 {
            return (
                SepRole::Decimal,
                format!("'{sep}' is a decimal mark elsewhere in this document"),
            );
        }
        if grp > 0 && dec == 0 {
            return (
                SepRole::Group,
                format!("'{sep}' groups thousands elsewhere in this document"),
            );
        }
        if let Some(other) = evidence.as_decimal.keys().find(|&&c| c != sep) {
            return (
                SepRole::Group,
                format!("this document writes decimals with '{other}'"),
            );
        }
        let role = match self.ambiguous {
            Reading::Group => SepRole::Group,
            Reading::Decimal => SepRole::Decimal,
        };
        let said = match role {
            SepRole::Group => "groups thousands",
            SepRole::Decimal => "is the decimal mark",
        };
        (role, format!("in {} '{sep}' usually {said}", self.code))
    }

    /// Collects how each separator is used where only one reading fits.
    fn separator_evidence(&self, candidates: &[regex::Match]) -> SeparatorEvidence {
        let mut evidence = SeparatorEvidence::default();
        for m in candidates {
            let (runs, seps) = self.runs(m.as_str());
            let Some(&last) = seps.last() else { continue };
            match self.readings(&runs, &seps) {
                (true, false) => *evidence.as_group.entry(last).or_default() += 1,
                (false, true) => *evidence.as_decimal.entry(last).or_default() += 1,
                _ => {}
            }
        }
        evidence
    }

    /// Numbers written as words; the context around them is read as for digits.
    /// Numbers written in words (found by the reader up front) that no earlier pass took.
    fn word_numbers(
        &self,
        doc: &Document,
        found: Vec<words::FoundNumber>,
        taken: &mut Taken,
        facts: &mut Vec<Fact>,
    ) {
        for (span, number) in found {
            if taken.overlaps(&span) {
                continue;
            }
            // Weak words alone ("one", "first", Japanese "三") are a fact only where something
            // makes them one: an ordinal prefix before them ("第三") makes an ordinal, a noun
            // an ordinal numbers ("the second term", not "a second" or "at first") keeps one,
            // a percent after them makes a percent ("九パーセント", "三成").
            let prefixed =
                number.weak && self.ordinal_prefix_before(&doc.text, span.start).is_some();
            let numbered = number.ordinal && self.numbered(&doc.text, &span);
            let percent = number.weak
                && !number.ordinal
                && (self.percent_follows(&doc.text, span.end)
                    || self.percent_prefix_before(&doc.text, span.start).is_some());
            if number.weak && !prefixed && !numbered && !percent {
                continue;
            }
            let quantity = match number.value {
                WordValue::Quantity(q) => q,
                WordValue::Ratio { num, den } => {
                    let ratio = Value::Ratio {
                        num: Quantity::from_written(num),
                        den: Quantity::from_written(den),
                    };
                    facts.push(self.fact(doc, Kind::Ratio, span.clone(), ratio));
                    taken.take(span);
                    continue;
                }
            };
            let read = ReadNumber {
                quantity,
                len: span.len(),
                note: None,
                alternative: None,
                plain_digits: 0,
                ordinal: number.ordinal,
            };
            let previous = taken.end_before(span.start);
            if let Some(fact) = self.number_fact(doc, span, read, previous) {
                taken.take(fact.start..fact.end);
                facts.push(fact);
            }
        }
    }

    /// Roman numerals next to a noun they number ("XIV съезд", "Đại hội XIII", "the XIth
    /// conference"): ordinals.
    fn roman_numerals(&self, doc: &Document, taken: &mut Taken, facts: &mut Vec<Fact>) {
        let text = doc.text.as_str();
        for m in self.roman.find_iter(text) {
            let Some(value) = roman_value(m.as_str()) else {
                continue;
            };
            let suffix = self
                .ordinal_after
                .as_ref()
                .and_then(|re| re.find(&text[m.end()..]))
                .map_or(0, |s| s.end());
            let span = m.start()..m.end() + suffix;
            // A single letter is a numeral only as I, V or X, with no suffix or apostrophe after it
            // and not where the language uses it as a word: "Le", "Des", "Vers", "C'est" and
            // English "I" are words.
            let single = m.len() == 1;
            let word_like = single
                && (suffix > 0
                    || !"IVX".contains(m.as_str())
                    || text[m.end()..].starts_with(['\'', '’'])
                    || self.roman_words.contains(m.as_str()));
            if word_like
                || !self.numbered(text, &span)
                || !bounded(text, span.clone())
                || taken.overlaps(&span)
            {
                continue;
            }
            let quantity = Quantity::from_written(Decimal::from(value));
            facts.push(self.fact(doc, Kind::Ordinal, span.clone(), Value::Quantity(quantity)));
            taken.take(span);
        }
    }

    /// Whether a noun that ordinals number stands near `span`, before or after it.
    fn numbered(&self, text: &str, span: &Range<usize>) -> bool {
        let after = &text[span.end..words_forward(text, span.end, 3)];
        self.numbered_before(text, span) || self.holds_numbered_noun(after)
    }

    fn numbered_before(&self, text: &str, span: &Range<usize>) -> bool {
        self.holds_numbered_noun(&text[words_back(text, span.start, 3)..span.start])
    }

    fn holds_numbered_noun(&self, window: &str) -> bool {
        self.numbered_nouns.as_ref().is_some_and(|nouns| {
            nouns
                .find_iter(window)
                .any(|m| on_boundaries(window, m.range()))
        })
    }

    /// Plain numbers, with the words around them that change what they mean.
    fn numbers(
        &self,
        doc: &Document,
        evidence: &SeparatorEvidence,
        taken: &mut Taken,
        facts: &mut Vec<Fact>,
    ) {
        let text = doc.text.as_str();
        for m in self.number.find_iter(text) {
            // What follows a number inside a candidate is a candidate of its own: read on in it
            // rather than search again, which would be quadratic in "1 1 1 …".
            let mut start = m.start();
            while start < m.end() {
                let Some(read) = self.read_number(&text[start..m.end()], evidence) else {
                    break;
                };
                let span = start..start + read.len;
                start = text[span.end..m.end()]
                    .chars()
                    .next()
                    .map_or(m.end(), |sep| span.end + sep.len_utf8());
                if taken.overlaps(&span) || glued_to_word(text, span.clone(), &self.digits) {
                    continue;
                }
                let (span, read) = self.leading_decimal(text, span, read);
                let previous = taken.end_before(span.start);
                if let Some(fact) = self.number_fact(doc, span, read, previous) {
                    taken.take(fact.start..fact.end);
                    facts.push(fact);
                }
            }
        }
    }

    /// ".08", ",5": a decimal mark with no figure before it (after a space or at the start) makes
    /// plain digits a fraction of one.
    fn leading_decimal(
        &self,
        text: &str,
        span: Range<usize>,
        read: ReadNumber,
    ) -> (Range<usize>, ReadNumber) {
        let mut before = text[..span.start].chars().rev();
        let mark = before.next().filter(|c| self.decimal.contains(c));
        let alone = before.next().is_none_or(char::is_whitespace);
        let digits = &text[span.clone()];
        let value = (mark.is_some() && alone && read.plain_digits > 0)
            .then(|| self.ascii_digits(digits))
            .flatten()
            .and_then(|d| Decimal::from_str_exact(&format!("0.{d}")).ok());
        match (mark, value) {
            (Some(mark), Some(value)) => {
                let start = span.start - mark.len_utf8();
                let read = ReadNumber {
                    quantity: Quantity::from_written(value),
                    len: span.end - start,
                    plain_digits: 0,
                    ..read
                };
                (start..span.end, read)
            }
            _ => (span, read),
        }
    }

    /// `previous` is where the fact before this one ends: in "с 20 до 17" or "на 0,5 п.п. до
    /// 12,3%", "до" names the value reached, not "up to".
    fn number_fact(
        &self,
        doc: &Document,
        span: Range<usize>,
        read: ReadNumber,
        previous: Option<usize>,
    ) -> Option<Fact> {
        let text = doc.text.as_str();
        let mut figure = Figure {
            kind: if read.ordinal {
                Kind::Ordinal
            } else {
                Kind::Number
            },
            quantity: read.quantity,
            start: span.start,
            end: span.end,
            qualifier: Qualifier::Exact,
            unit: None,
        };
        self.read_suffixes(text, &mut figure)?;
        self.read_prefixes(text, &mut figure, previous);
        if figure.qualifier == Qualifier::Exact
            && matches!(figure.kind, Kind::Number | Kind::Percent)
        {
            if let Some((q, len)) = self.qualifier_after(&text[figure.end..]) {
                figure.qualifier = q;
                figure.end += len;
            }
        }
        let mut concept = match (figure.kind, &figure.unit) {
            (Kind::Number, None) => self.concept_after(&text[figure.end..]),
            _ => None,
        };
        // "3 heures", "3小时": a counted duration right after its figure is a figure in its
        // unit, the noun part of it ("two and three years" leaves "two" to the range). It keeps
        // its concept, which pairs it as before with a figure whose noun was not read ("a
        // 54-year-old" for "54 года").
        if let Some((concept, noun_end)) = concept.as_mut() {
            if let Some(unit) = self.duration_noun(concept, &text[figure.end..][..*noun_end]) {
                figure.unit = Some(unit.clone());
                figure.end += *noun_end;
                *noun_end = 0;
            }
        }
        // "٢٠٠ شخص على الأقل": a qualifier may also follow the counted noun.
        if let (Qualifier::Exact, Some((_, noun_end))) = (figure.qualifier, &concept) {
            if let Some((q, len)) = self.qualifier_after(&text[figure.end + noun_end..]) {
                figure.qualifier = q;
                figure.end += noun_end + len;
            }
        }
        let concept = concept.map(|(c, _)| c);
        let bare = figure.kind == Kind::Number
            && figure.qualifier == Qualifier::Exact
            && figure.unit.is_none()
            && concept.is_none()
            && figure.end == span.end
            && figure.start == span.start;
        if bare && read.plain_digits == 4 && self.is_bare_year(&figure.quantity) {
            figure.kind = Kind::Year;
        }
        let mut fact = self.fact(
            doc,
            figure.kind,
            figure.start..figure.end,
            Value::Quantity(figure.quantity),
        );
        fact.qualifier = figure.qualifier;
        fact.concept = concept;
        fact.note = read.note;
        // A scale word or a percent applies to either reading alike.
        fact.alternative = read
            .alternative
            .zip(figure.quantity.value.checked_div(read.quantity.value))
            .and_then(|(other, scale)| other.scaled(scale))
            .map(Value::Quantity);
        fact.unit = figure.unit;
        Some(fact)
    }

    fn spans_years(&self, range: &Value) -> bool {
        matches!(range, Value::Range { from, to } if self.is_bare_year(from) && self.is_bare_year(to))
    }

    fn is_bare_year(&self, quantity: &Quantity) -> bool {
        quantity.value.is_integer()
            && self
                .bare_years
                .contains(&quantity.value.try_into().unwrap_or(0u32))
    }

    /// An ordinal suffix right after the figure ("14th", "14-й", "3回目") makes it an ordinal.
    fn read_ordinal_suffix(&self, text: &str, figure: &mut Figure) {
        let after = context_after(text, figure.end);
        let suffix = self
            .ordinal_after
            .as_ref()
            .filter(|_| figure.kind == Kind::Number);
        if let Some(ordinal) = suffix.and_then(|re| re.find(after)) {
            if !after[ordinal.end()..].starts_with(is_word_char) {
                // "2020-х", "1990s": a year with a suffix names its decade, not a rank.
                figure.kind = if self.is_bare_year(&figure.quantity)
                    && figure.quantity.step == Decimal::ONE
                {
                    Kind::Year
                } else {
                    Kind::Ordinal
                };
                figure.end += ordinal.end();
            }
        }
    }

    /// What follows the figure: an ordinal suffix, a percent sign or word, a scale word, a unit.
    /// `None` when the figure is glued to a word that is none of these ("5G"): no fact.
    fn read_suffixes(&self, text: &str, figure: &mut Figure) -> Option<()> {
        let after = context_after(text, figure.end);
        self.read_ordinal_suffix(text, figure);
        if figure.kind != Kind::Number {
            return Some(());
        }
        if let Some((quantity, len)) = exponent_after(figure.quantity, after) {
            figure.quantity = quantity;
            figure.end += len;
        } else if let Some((factor, len)) = self.scale_at(after) {
            let whole = figure.quantity.value.fract().is_zero();
            figure.quantity = figure.quantity.scaled(factor)?;
            figure.end += len;
            if !self.read_scale_fraction(text, figure, factor)? && whole {
                // "1億2000万", "3万4500円": lower places written after the scale word.
                self.read_lower_places(text, figure, factor);
            }
            // "1兆番目": the ordinal suffix follows the scale word.
            self.read_ordinal_suffix(text, figure);
            if figure.kind != Kind::Number {
                return Some(());
            }
        } else if next_is_word_char(after) && self.unit_at(&text[figure.end..]).is_none() {
            return None;
        }
        // Tenths of a whole go up to ten: "十成" is 100 %, "75折" is no 750 %.
        let tenths = whole_word(&self.tenths_after, &text[figure.end..])
            .filter(|_| figure.quantity.value <= Decimal::TEN);
        if let Some(tenths) = tenths {
            figure.kind = Kind::Percent;
            figure.quantity = figure.quantity.scaled(Decimal::TEN)?;
            figure.end += tenths.end();
            return Some(());
        }
        // The longer reading wins: "5 percentage points" is a unit, not "5 percent" and a word.
        let percent = whole_word(&self.percent_after, &text[figure.end..]).map(|p| p.end());
        match (percent, self.unit_at(&text[figure.end..])) {
            (Some(p), unit) if unit.as_ref().is_none_or(|(_, len)| *len <= p) => {
                figure.kind = Kind::Percent;
                figure.end += p;
            }
            (_, Some((form, len))) => {
                figure.quantity = form.convert(figure.quantity)?;
                figure.unit = Some(form.unit);
                figure.end += len;
            }
            _ => {}
        }
        Some(())
    }

    /// A fraction joined after the scale word, of that scale: "3 million and a half", "3 millions
    /// et demi". Whether there was one; `None` when the sum overflows.
    fn read_scale_fraction(
        &self,
        text: &str,
        figure: &mut Figure,
        factor: Decimal,
    ) -> Option<bool> {
        let fraction = self
            .number_words
            .as_ref()
            .and_then(|reader| reader.fraction_after(&text[figure.end..]));
        let Some((part, len)) = fraction else {
            return Some(false);
        };
        figure.quantity = Quantity {
            value: figure
                .quantity
                .value
                .checked_add(part.checked_mul(factor)?)?
                .normalize(),
            step: (Decimal::new(1, part.scale()) * factor).normalize(),
        };
        figure.end += len;
        Some(true)
    }

    /// The lower places written after a scale word, each a figure with a smaller scale or
    /// multiplier word or a last figure alone: "1億2000万" is 120 000 000, "3万4500" 34 500,
    /// "5万4千6百" 54 600, "2 millions 500 000" 2 500 000, "1 млн 200 тыс." 1 200 000. Glued to the
    /// scale word or after one space; after a space a last figure alone must be of the next
    /// places down ("5 million 10-year bonds" is two figures). The precision is the last part's.
    fn read_lower_places(&self, text: &str, figure: &mut Figure, mut factor: Decimal) {
        let evidence = SeparatorEvidence::default();
        loop {
            let rest = context_after(text, figure.end);
            let space = rest
                .chars()
                .next()
                .filter(|&c| is_space(c) && !matches!(c, '\n' | '\r'))
                .map_or(0, char::len_utf8);
            let Some(m) = self.number.find(&rest[space..]).filter(|m| m.start() == 0) else {
                return;
            };
            let Some(read) = self.read_number(m.as_str(), &evidence) else {
                return;
            };
            let part = read.quantity;
            if !part.value.fract().is_zero() || part.value <= Decimal::ZERO {
                return;
            }
            let at = space + read.len;
            let after = &rest[at..];
            let multiplier = whole_word(&self.multiplier_after, after);
            // "5万4千克" is 50 000 and 4 kg: a unit word that starts with the multiplier is a unit.
            let unit_len = self.unit_at(after).map_or(0, |(_, len)| len);
            if multiplier.is_some_and(|m| unit_len > m.end()) {
                return;
            }
            let multiplier =
                multiplier.and_then(|m| Some((*self.multipliers.lookup(m.as_str())?, m.end())));
            let place = self.scale_at(after).or(multiplier);
            let (addend, len, next) = match place {
                Some((f, len)) if f < factor => (part.scaled(f), at + len, Some(f)),
                Some(_) => return,
                None => {
                    let glued = next_is_word_char(after) && unit_len == 0;
                    let of_next_places = space == 0 || part.value * Decimal::ONE_THOUSAND >= factor;
                    if glued || part.value >= factor || !of_next_places {
                        return;
                    }
                    (Some(part), at, None)
                }
            };
            let Some(addend) = addend.filter(|a| a.value < factor) else {
                return;
            };
            let Some(value) = figure.quantity.value.checked_add(addend.value) else {
                return;
            };
            figure.quantity = Quantity {
                value: value.normalize(),
                step: addend.step,
            };
            figure.end += len;
            match next {
                Some(f) => factor = f,
                None => return,
            }
        }
    }

    /// A scale symbol or word right after a figure ("3M", "1,2 Mio.", "25-тысячную"): its factor
    /// and length.
    fn scale_at(&self, after: &str) -> Option<(Decimal, usize)> {
        if let Some(s) = whole_word(&self.scale_symbol_after, after) {
            return Some((self.scale_symbols[s.as_str()], s.end()));
        }
        let s = whole_word(&self.scale_after, after)?;
        let word = s
            .as_str()
            .trim_start_matches(|c| is_space(c) || is_hyphen(c));
        Some((*self.scales.lookup(word)?, s.end()))
    }

    /// A range followed by a scale word: "2-3 млн" is two to three million. The scale applies
    /// to both ends unless the first end then passes the second ("от 500 тысяч до 2 млн").
    fn scaled_range(&self, value: Value, after: &str) -> Option<(Value, usize)> {
        // Only a range looks for a scale after it: dates and times never take one.
        let Value::Range { from, to } = &value else {
            return Some((value, 0));
        };
        let Some((factor, len)) = self.scale_at(after) else {
            return Some((value, 0));
        };
        let to = to.scaled(factor)?;
        let both = from.scaled(factor)?;
        let from = if both.value < to.value { both } else { *from };
        Some((Value::Range { from, to }, len))
    }

    /// A unit right after a figure ("620 km", "10km", "70 °F", "3-inch"), and its length.
    fn unit_at(&self, after: &str) -> Option<(UnitForm, usize)> {
        // The longest form may cut a word ("degrés C" in "26 degrés chez lui"); a shorter one
        // may not ("degrés").
        let mut scope = after;
        let m = loop {
            let m = self.unit_after.find(scope)?;
            if !cuts_word(after, m.end()) {
                break m;
            }
            let last = scope[..m.end()].char_indices().next_back()?.0;
            scope = &after[..last];
        };
        let form = m
            .as_str()
            .trim_start_matches(|c| is_space(c) || is_hyphen(c));
        // The pack's word first: "¥" is the yuan in a Chinese text.
        let unit = self
            .unit_words
            .lookup(form)
            .or_else(|| self.unit_symbols.lookup(form))?;
        Some((unit.clone(), m.end()))
    }

    /// What stands before the figure: an ordinal word, a currency sign, a qualifier.
    fn read_prefixes(&self, text: &str, figure: &mut Figure, previous: Option<usize>) {
        if figure.kind == Kind::Number {
            if let Some(start) = self.ordinal_prefix_before(text, figure.start) {
                figure.kind = Kind::Ordinal;
                figure.start = start;
                return;
            }
        }
        if figure.kind == Kind::Ordinal {
            return;
        }
        // A prefix names the unit, or the scale of bare degrees: "$5", "摂氏30度".
        let open = |prefix: &Unit| match &figure.unit {
            None => true,
            Some(unit) => unit.any_scale && unit.dimension == prefix.dimension,
        };
        let window_start = floor_boundary(text, figure.start.saturating_sub(CONTEXT_BYTES));
        let before = &text[window_start..figure.start];
        if let Some(sign) = self.unit_before.captures(before).and_then(|c| c.get(1)) {
            let form = self
                .unit_words_before
                .lookup(sign.as_str())
                .or_else(|| self.unit_prefixes.lookup(sign.as_str()));
            if let Some(form) = form {
                if open(&form.unit) {
                    if let Some(scaled) = form.convert(figure.quantity) {
                        figure.quantity = scaled;
                        figure.unit = Some(form.unit.clone());
                        figure.start = window_start + sign.start();
                    }
                }
            }
        }
        if let Some(speed) = figure.unit.as_ref().and_then(|u| self.per_hour.get(&u.id)) {
            if let Some(start) = prefix_before(&self.per_hour_before, text, figure.start) {
                figure.unit = Some(speed.clone());
                figure.start = start;
            }
        }
        if figure.kind == Kind::Number {
            if let Some(start) = self.percent_prefix_before(text, figure.start) {
                figure.kind = Kind::Percent;
                figure.start = start;
            }
        }
        // "al menos 12", "por lo menos": a minus word that ends a qualifier is no minus.
        let minus = self.minus_before(text, figure.start).filter(|&sign| {
            let (qualifier, start) = self.qualifier_before(text, figure.start);
            qualifier == Qualifier::Exact || start > sign
        });
        if let Some(sign) = minus {
            figure.quantity.value = -figure.quantity.value;
            figure.start = sign;
        }
        let (qualifier, start) = self.qualifier_before(text, figure.start);
        // "с 20 до 17", "de 3 % à 5 %": right after another figure, "up to" names the value
        // reached.
        let value_reached = qualifier == Qualifier::AtMost
            && previous.is_some_and(|end| end <= start && text[end..start].trim().is_empty());
        if qualifier != Qualifier::Exact && !value_reached {
            figure.qualifier = qualifier;
            figure.start = start;
        }
    }
    /// Where a minus sign or word right before a figure starts ("−5", "minus 5", "минус 5").
    fn minus_before(&self, text: &str, start: usize) -> Option<usize> {
        minus_sign_before(text, start).or_else(|| {
            let window_start = floor_boundary(text, start.saturating_sub(CONTEXT_BYTES));
            let word = self
                .minus_before
                .captures(&text[window_start..start])?
                .get(1)?;
            Some(window_start + word.start())
        })
    }

    /// The qualifier right before a number, and where the fact then starts.
    fn qualifier_before(&self, text: &str, start: usize) -> (Qualifier, usize) {
        let window_start = floor_boundary(text, start.saturating_sub(CONTEXT_BYTES));
        let before = &text[window_start..start];
        let Some(m) = self
            .qualifier_before
            .captures(before)
            .and_then(|c| c.get(1))
        else {
            return (Qualifier::Exact, start);
        };
        // A comparison sign stands apart: in "alert(x)> 45" or "a>b" it is markup or code.
        let sign_glued = m.as_str().starts_with(|c: char| !c.is_alphanumeric())
            && before[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace() && c != '(');
        if sign_glued || self.not_after.is_match(&before[..m.start()]) {
            return (Qualifier::Exact, start);
        }
        match self.qualifiers.lookup(m.as_str()) {
            Some(&q) => (q, window_start + m.start()),
            None => (Qualifier::Exact, start),
        }
    }

    /// Whether `words` (spaces around them aside) are one counted noun.
    /// The unit of a counted duration whose noun, of `concept`, is all of `words` ("3 heures").
    fn duration_noun(&self, concept: &str, words: &str) -> Option<&Unit> {
        self.noun_units.get(concept).filter(|_| self.is_noun(words))
    }

    /// A number written in words.
    fn is_figure(&self, word: &str) -> bool {
        self.number_words
            .as_ref()
            .is_some_and(|words| words.read_whole(word).is_some())
    }

    fn is_noun(&self, words: &str) -> bool {
        let words = words.trim_matches(is_space);
        self.nouns
            .lookup(words)
            .or_else(|| self.elided_noun(words))
            .is_some()
    }

    fn elided_noun(&self, word: &str) -> Option<&String> {
        self.nouns.lookup(split_elision(word, &self.noun_gap)?)
    }

    /// Where an ordinal word right before a number starts ("lần thứ 14", "المؤتمر الـ13").
    fn ordinal_prefix_before(&self, text: &str, start: usize) -> Option<usize> {
        let window_start = floor_boundary(text, start.saturating_sub(CONTEXT_BYTES));
        let prefix = self
            .ordinal_before
            .as_ref()?
            .captures(&text[window_start..start])?;
        Some(window_start + prefix.get(1)?.start())
    }

    /// Where a percent word right before a number starts ("百分之五十").
    fn percent_prefix_before(&self, text: &str, start: usize) -> Option<usize> {
        prefix_before(&self.percent_before, text, start)
    }

    /// Whether a percent word, sign or tenths word follows `end` ("九パーセント", "三成").
    fn percent_follows(&self, text: &str, end: usize) -> bool {
        let after = context_after(text, end);
        [&self.percent_after, &self.tenths_after]
            .iter()
            .any(|re| whole_word(re, after).is_some())
    }

    /// A qualifier written right after the figure, and its length.
    fn qualifier_after(&self, after: &str) -> Option<(Qualifier, usize)> {
        let m = self.qualifier_after.captures(after)?;
        let words = m.get(1).filter(|w| !cuts_word(after, w.end()))?;
        let q = *self.qualifiers_after.lookup(words.as_str())?;
        Some((q, words.end()))
    }

    /// A noun written in ideographs right at the start of `text` ("户", "个家庭", "観光客"): with
    /// no spaces to find words by, the longest noun form that starts the text is taken.
    fn ideographic_noun(&self, text: &str, offset: usize) -> Option<(String, usize)> {
        let m = self.noun_prefix.find(text)?;
        let concept = self.nouns.lookup(m.as_str())?;
        Some((concept.clone(), offset + m.end()))
    }

    /// The concept of the counted noun among the next few words, skipping gap words.
    /// Also returns where the noun ends, in bytes from the start of `after`.
    fn concept_after(&self, after: &str) -> Option<(String, usize)> {
        let mut rest = after;
        let mut words = 0;
        while words < NOUN_WINDOW {
            let trimmed = rest.trim_start_matches(is_space);
            if ends_paragraph(&rest[..rest.len() - trimmed.len()]) {
                return None;
            }
            let len = trimmed
                .char_indices()
                .find(|&(i, c)| {
                    i > NOUN_BYTES || !(is_word_char(c) || matches!(c, '\'' | '’' | '-' | 'ـ'))
                })
                .map_or(trimmed.len(), |(i, _)| i);
            // "1-1-1-…" is one endless word: no noun, and not read again for every figure in it.
            if len > NOUN_BYTES {
                return None;
            }
            if trimmed.starts_with(is_ideograph) {
                return self.ideographic_noun(trimmed, after.len() - trimmed.len());
            }
            let word = &trimmed[..len];
            // The next figure starts a new fact: its noun is not this one's ("1.7 million four
            // years ago").
            if word.is_empty() || word.starts_with(|c: char| c.is_numeric()) || self.is_figure(word)
            {
                return None;
            }
            if let Some(concept) = self.nouns.lookup(word).or_else(|| self.elided_noun(word)) {
                let noun_end = after.len() - trimmed.len() + len;
                return Some((concept.clone(), noun_end));
            }
            if self.noun_gap.lookup(word).is_none() && !elided_gap(word, &self.noun_gap) {
                words += 1;
            }
            rest = &trimmed[len..];
        }
        None
    }
}

/// Where the word `pattern` captures right before `start` starts.
fn prefix_before(pattern: &Regex, text: &str, start: usize) -> Option<usize> {
    let window_start = floor_boundary(text, start.saturating_sub(CONTEXT_BYTES));
    let prefix = pattern.captures(&text[window_start..start])?;
    Some(window_start + prefix.get(1)?.start())
}

/// "d'habitants": an elided gap word glued to the noun.
fn elided_gap(word: &str, gap: &Lexicon<()>) -> bool {
    split_elision(word, gap).is_some()
}

/// The noun after an elided gap word: "habitants" of "d'habitants" or "d’habitants".
fn split_elision<'w>(word: &'w str, gap: &Lexicon<()>) -> Option<&'w str> {
    let apostrophe = word.find(['\'', '’'])?;
    let end = apostrophe + word[apostrophe..].chars().next()?.len_utf8();
    gap.lookup(&word[..end]).map(|_| &word[end..])
}

fn flip(role: SepRole) -> SepRole {
    match role {
        SepRole::Group => SepRole::Decimal,
        SepRole::Decimal => SepRole::Group,
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Whether white space holds a paragraph break (see [`GAP`]).
fn ends_paragraph(space: &str) -> bool {
    space.bytes().filter(|&b| b == b'\n').nth(1).is_some()
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn next_is_word_char(after: &str) -> bool {
    after.chars().next().is_some_and(glues)
}

/// Whether a letter touching a number makes it part of a word. Arabic script glues clitics
/// (و, ب, ل, the tatweel of "لـ") and suffixes (م for AD) to numbers, so its letters never do.
fn glues(c: char) -> bool {
    (c.is_alphabetic() || c == '_')
        && !is_ideograph(c)
        && !matches!(c as u32, 0x600..=0x6ff | 0x750..=0x77f | 0xfb50..=0xfdff | 0xfe70..=0xfeff)
}

/// A number glued to a word before it ("post881826", "COVID-19") is part of that word.
fn glued_to_word(text: &str, span: Range<usize>, digits: &BTreeMap<char, u32>) -> bool {
    let mut before = text[..span.start].chars().rev();
    match before.next() {
        Some(c) if glues(c) => true,
        Some('-' | '_' | '/' | '.') => before
            .next()
            .is_some_and(|c| glues(c) || (c.is_numeric() && !digits.contains_key(&c))),
        _ => false,
    }
}

/// A match must not cut a word or a number in two.
fn bounded(text: &str, span: Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let first = text[span.clone()].chars().next();
    let last = text[span.clone()].chars().next_back();
    let after = text[span.end..].chars().next();
    let cuts = |outside: Option<char>, inside: Option<char>| {
        outside.is_some_and(is_word_char) && inside.is_some_and(is_word_char)
    };
    !cuts(before, first) && !cuts(after, last)
}

/// The highest power a figure is raised to or scaled by in E notation ("1e10", "10^-6").
const MAX_EXPONENT: u32 = 40;

static NOTATION: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<e>[eE])|(?P<times>\s?[x×·]\s?10\^)|(?P<power>\^))(?P<exp>[+-]{0,2}[0-9]{1,3})",
    )
    .expect("a valid regex")
});

/// Scientific notation written after a figure: "1.5E-3", "1e10", "1.3x10^6", "1.1^23". The
/// notation is the same in every language, so it is read here rather than from the packs.
/// Returns the value and how many bytes the notation takes.
fn exponent_after(base: Quantity, after: &str) -> Option<(Quantity, usize)> {
    let caps = NOTATION.captures(after)?;
    let whole = caps.get(0)?;
    if cuts_word(after, whole.end()) || continues_after_separator(&after[whole.end()..]) {
        return None;
    }
    let exp = caps.name("exp")?.as_str();
    let negative = exp.matches('-').count() == 1;
    let k: u32 = exp.trim_start_matches(['+', '-']).parse().ok()?;
    if k > MAX_EXPONENT {
        return None;
    }
    let raise = |x: Decimal| (0..k).try_fold(Decimal::ONE, |acc, _| acc.checked_mul(x));
    let quantity = if caps.name("power").is_some() {
        let power = raise(base.value)?;
        let value = if negative {
            Decimal::ONE.checked_div(power)?
        } else {
            power
        };
        Quantity::from_written(value.normalize())
    } else {
        let factor = raise(Decimal::TEN)?;
        let factor = if negative {
            Decimal::ONE.checked_div(factor)?
        } else {
            factor
        };
        base.scaled(factor)?
    };
    Some((quantity, whole.end()))
}

/// Where a minus sign standing right before a figure starts ("−5 °C", "-3,5%"); a hyphen after a
/// word or figure ("COVID-19", "2020-2025") is no sign.
fn minus_sign_before(text: &str, start: usize) -> Option<usize> {
    let mut before = text[..start].char_indices().rev();
    let (at, sign) = before.next()?;
    let stands_alone = before
        .next()
        .is_none_or(|(_, c)| c.is_whitespace() || is_ideograph(c) || "([:;：，（".contains(c));
    // U+2212 is the minus sign; typesetters also write a figure dash or an en dash glued to the
    // figure ("–5 °C"), and CJK text the full-width and small hyphen-minus.
    (matches!(sign, '-' | '−' | '‒' | '–' | '－' | '﹣') && stands_alone).then_some(at)
}

/// The stretches of text a template can match in: every template holds a figure, so only the
/// text around figure candidates is searched. This keeps template search linear in the figures,
/// not in the text, whatever the regexes hold.
fn windows_around(
    text: &str,
    candidates: impl IntoIterator<Item = Range<usize>>,
) -> Vec<Range<usize>> {
    let mut windows: Vec<Range<usize>> = Vec::new();
    for m in candidates {
        let start = floor_boundary(text, m.start.saturating_sub(TEMPLATE_REACH));
        let end = floor_boundary(text, (m.end + TEMPLATE_REACH).min(text.len()));
        match windows.last_mut() {
            Some(last) if last.end >= start => last.end = end,
            _ => windows.push(start..end),
        }
    }
    windows
}

/// Two lists of spans, each in text order, as one list in text order.
fn merge_sorted(
    a: impl Iterator<Item = Range<usize>>,
    b: impl Iterator<Item = Range<usize>>,
) -> Vec<Range<usize>> {
    let mut all: Vec<Range<usize>> = a.chain(b).collect();
    all.sort_by_key(|r| (r.start, r.end));
    all
}

/// Whether a noun of `nouns` stands within three words before or after `span`.
fn on_boundaries(window: &str, span: Range<usize>) -> bool {
    !cuts_word(window, span.start) && !cuts_word(window, span.end)
}

/// A line end or sentence mark: word windows do not reach past it.
fn ends_clause(c: char) -> bool {
    matches!(c, '\n' | '.' | '!' | '?' | ';' | '。' | '؟' | '؛')
}

/// The most characters a word of a context window may have: a text that writes no spaces
/// (Chinese, Japanese) would otherwise make every window reach the end of its clause, and a long
/// clause of figures quadratic.
const MAX_WORD_CHARS: usize = 24;

/// Where the `n`th word before `at` starts (not crossing a sentence end).
fn words_back(text: &str, at: usize, n: usize) -> usize {
    let mut seen = 0;
    let mut in_word = false;
    for (read, (i, c)) in text[..at].char_indices().rev().enumerate() {
        if ends_clause(c) || read == n * MAX_WORD_CHARS {
            return i + c.len_utf8();
        }
        let word = is_word_char(c);
        if in_word && !word {
            seen += 1;
            if seen == n {
                return i + c.len_utf8();
            }
        }
        in_word = word;
    }
    0
}

/// Where the `n`th word after `at` ends (not crossing a sentence end).
fn words_forward(text: &str, at: usize, n: usize) -> usize {
    let mut seen = 0;
    let mut in_word = false;
    for (read, (i, c)) in text[at..].char_indices().enumerate() {
        if ends_clause(c) || read == n * MAX_WORD_CHARS {
            return at + i;
        }
        let word = is_word_char(c);
        if in_word && !word {
            seen += 1;
            if seen == n {
                return at + i;
            }
        }
        in_word = word;
    }
    text.len()
}

/// The match of an anchored context regex, unless it ends inside a word ("г" of "году").
fn whole_word<'t>(re: &Regex, haystack: &'t str) -> Option<regex::Match<'t>> {
    re.find(haystack).filter(|m| !cuts_word(haystack, m.end()))
}

fn cuts_word(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    before.is_some_and(is_word_char) && after.is_some_and(is_word_char)
}

/// "2025-04" followed by "-14", "13/14" followed by "/2025", "11" followed by "-й", "PM2" followed
/// by ",5": the match is part of something longer. A capital after a hyphen starts the next part of
/// a compound ("COVID-19-Welle", "A4-Format"), which leaves the match whole.
/// A match right after a slash, point or comma glued to a digit is the tail of a longer figure:
/// "08/12" of "2015/08/12". (A dash is left out: "09:00-17:00" holds two times.)
fn continues_before_separator(before: &str) -> bool {
    let mut chars = before.chars().rev();
    matches!(chars.next(), Some('/' | '.' | ',')) && chars.next().is_some_and(|c| c.is_numeric())
}

fn continues_after_separator(after: &str) -> bool {
    let mut chars = after.chars();
    let separator = chars.next();
    let next = chars.next();
    matches!(separator, Some('/' | '-' | '.' | ','))
        && next.is_some_and(char::is_alphanumeric)
        && !(separator == Some('-') && next.is_some_and(char::is_uppercase))
}

/// Whether the clause ends right after a match: at the end of the text or of a line, or at a
/// punctuation mark ("alle 15." is a time, "alle 15 regioni" a count).
fn clause_ends_after(after: &str) -> bool {
    after
        .trim_start_matches([' ', '\t', '\u{a0}'])
        .chars()
        .next()
        .is_none_or(|c| ends_clause(c) || "\r,…)»”\"'，！？、،".contains(c))
}

fn context_after(text: &str, end: usize) -> &str {
    let stop = floor_boundary(text, (end + CONTEXT_BYTES).min(text.len()));
    &text[end..stop]
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_windows_stay_short_in_text_without_spaces() {
        let text = "第一百二十三".repeat(1000);
        let middle = text.len() / 2;
        let window = words_back(&text, middle, 3)..words_forward(&text, middle, 3);
        assert!(
            text[window].chars().count() <= 2 * 3 * MAX_WORD_CHARS,
            "a window of three words reaches across the whole run"
        );
    }

    fn read(figure: &str, after: &str) -> Option<(Decimal, usize)> {
        let base = Quantity::from_written(Decimal::from_str_exact(figure).unwrap());
        exponent_after(base, after).map(|(q, len)| (q.value, len))
    }

    #[test]
    fn scientific_notation_scales_or_raises_the_figure() {
        assert_eq!(
            read("1", "e10 and"),
            Some((Decimal::from(10_000_000_000u64), 3))
        );
        assert_eq!(read("1.5", "E-3,"), Some((Decimal::new(15, 4), 3)));
        assert_eq!(read("10", "^6"), Some((Decimal::from(1_000_000), 2)));
        assert_eq!(read("2.5", "^-1"), Some((Decimal::new(4, 1), 3)));
        assert_eq!(read("1.3", "x10^6"), Some((Decimal::from(1_300_000), 5)));
        // A hash or a word goes on after the notation; an exponent past 40 is no figure.
        assert_eq!(read("3", "e5f"), None);
        assert_eq!(read("1", "e400"), None);
        assert_eq!(read("2", "e"), None);
    }

    #[test]
    fn day_parts_move_the_hour_they_can_name() {
        assert_eq!(DayPart::Am.hour(12), Some(0));
        assert_eq!(DayPart::Am.hour(0), Some(0), "凌晨0点");
        assert_eq!(DayPart::Am.hour(15), None);
        assert_eq!(DayPart::Pm.hour(3), Some(15));
        assert_eq!(DayPart::Pm.hour(12), Some(12));
        assert_eq!(DayPart::Pm.hour(15), Some(15), "下午15点");
        assert_eq!(DayPart::Pm.hour(0), None);
        assert_eq!(DayPart::Night.hour(11), Some(23), "11 часов ночи");
        assert_eq!(DayPart::Night.hour(2), Some(2), "2 часа ночи");
        assert_eq!(DayPart::Night.hour(12), Some(0));
        assert_eq!(DayPart::Night.hour(15), None);
    }

    /// The facts the embedded pack `code` reads in `text`.
    pub(super) fn extracted(code: &str, text: &str) -> Vec<Fact> {
        let rules = RuleSet::with_dirs(&[]).expect("embedded rules load");
        let extractor = Extractor::compile(&rules, rules.pack(code).unwrap()).unwrap();
        let doc = Document::from_text(format!("t.{code}.txt"), text.to_string());
        extractor.extract(&doc)
    }

    fn times(code: &str, text: &str) -> Vec<(String, Option<String>)> {
        extracted(code, text)
            .into_iter()
            .filter(|f| f.kind == Kind::Time)
            .map(|f| (f.value.to_string(), f.alternative.map(|a| a.to_string())))
            .collect()
    }

    #[test]
    fn an_hour_in_words_without_a_day_part_keeps_both_readings() {
        let pair = |a: &str, b: Option<&str>| (a.to_string(), b.map(str::to_string));
        assert_eq!(
            times("en", "at half past eight, a quarter to 9 p.m. and 9:15"),
            vec![
                pair("08:30", Some("20:30")),
                pair("20:45", None),
                pair("09:15", None)
            ]
        );
        assert_eq!(
            times("ru", "в половине девятого"),
            vec![pair("08:30", Some("20:30"))]
        );
    }

    #[test]
    fn minutes_counted_back_cross_midnight_and_ranges_stay_ranges() {
        let values = |code, text| {
            times(code, text)
                .into_iter()
                .map(|t| t.0)
                .collect::<Vec<_>>()
        };
        assert_eq!(values("en", "a quarter to 12 a.m."), vec!["23:45"]);
        assert_eq!(values("en", "from 5 to 10 people"), Vec::<String>::new());
        assert_eq!(values("de", "halb eins"), vec!["00:30"]);
    }

    #[test]
    fn a_fraction_joined_after_a_figure_and_its_scale_word_is_of_that_scale() {
        let numbers = |code: &str, text: &str| {
            extracted(code, text)
                .into_iter()
                .map(|f| (f.value.to_string(), f.text))
                .collect::<Vec<_>>()
        };
        let fact = |v: &str, t: &str| (v.to_string(), t.to_string());
        assert_eq!(
            numbers("en", "3 million and a half"),
            vec![fact("3500000", "3 million and a half")]
        );
        assert_eq!(
            numbers("it", "3 milioni e mezzo"),
            vec![fact("3500000", "3 milioni e mezzo")]
        );
        // A whole number after the joiner is another number.
        assert_eq!(
            numbers("it", "3 milioni e due"),
            vec![fact("3000000", "3 milioni"), fact("2", "due")]
        );
    }
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    fn units_of(text: &str, lang: &str) -> Vec<(String, Option<String>, Decimal)> {
        super::tests::extracted(lang, text)
            .into_iter()
            .map(|f| {
                let value = match f.value {
                    Value::Quantity(q) => q.value.normalize(),
                    _ => Decimal::ZERO,
                };
                (f.text, f.unit.map(|u| u.id), value)
            })
            .collect()
    }

    fn unit(text: &str, lang: &str) -> Option<String> {
        units_of(text, lang)
            .into_iter()
            .next()
            .and_then(|(_, u, _)| u)
    }

    #[test]
    fn symbols_keep_their_case_and_words_do_not() {
        assert_eq!(unit("5 g", "en").as_deref(), Some("g"));
        assert_eq!(unit("5 MB", "en").as_deref(), Some("mb"));
        assert_eq!(unit("5 Mb", "en").as_deref(), Some("mbit"));
        assert_eq!(unit("5 Kilometres", "en").as_deref(), Some("km"));
        // "try" and "ron" are words, not the codes TRY and RON.
        assert_eq!(unit("try 5 apples", "en"), None);
        assert_eq!(unit("Environ 300 personnes", "fr"), None);
    }

    #[test]
    fn counted_durations_are_spans_and_clock_hours_stay_times() {
        for (text, lang) in [
            ("3 hours", "en"),
            ("3 heures", "fr"),
            ("3 часа", "ru"),
            ("3 godziny", "pl"),
            ("3 giờ", "vi"),
            ("3 ساعات", "ar"),
            ("3小时", "zh"),
            ("3時間", "ja"),
        ] {
            let facts = units_of(text, lang);
            let span = (text.to_string(), Some("hour".to_string()), Decimal::from(3));
            assert_eq!(facts, vec![span], "{lang}: {text}");
        }
        assert_eq!(unit("two decades", "en").as_deref(), Some("decade"));
        // A range's duration noun is the unit of both its ends; a span of calendar years is none.
        assert_eq!(
            unit("between two and three years", "en").as_deref(),
            Some("year")
        );
        assert_eq!(unit("od 2021 do 2025 roku", "pl"), None);
        // A clock time keeps its hour: "à 12 heures", "в 17 часов" are times of day.
        assert_eq!(unit("à 12 heures", "fr"), None);
        assert_eq!(unit("в 17 часов", "ru"), None);
        assert_eq!(unit("в 2020 году", "ru"), None);
    }

    #[test]
    fn lower_places_after_a_scale_word_add_to_it() {
        let read = |text: &str, lang: &str| -> Vec<(String, Decimal)> {
            units_of(text, lang)
                .into_iter()
                .map(|(text, _, value)| (text, value))
                .collect()
        };
        let one = |text: &str, value: i64| vec![(text.to_string(), Decimal::from(value))];
        assert_eq!(read("1億2000万", "ja"), one("1億2000万", 120_000_000));
        assert_eq!(read("3 万 4,500", "ja"), one("3 万 4,500", 34_500));
        assert_eq!(read("5万4千6百", "zh"), one("5万4千6百", 54_600));
        assert_eq!(
            read("2 millions 500 000", "fr"),
            one("2 millions 500 000", 2_500_000)
        );
        // A larger or equal place, a unit word starting with a multiplier, a figure far below
        // the scale after a space: separate figures.
        assert_eq!(read("5万4千克", "zh").len(), 2);
        assert_eq!(read("3万5万", "zh").len(), 2);
        assert_eq!(read("5 million 10 bonds", "en").len(), 2);
    }

    #[test]
    fn tenths_of_a_whole_go_up_to_ten() {
        let kinds = |text: &str| -> Vec<(String, String)> {
            super::tests::extracted("zh", text)
                .into_iter()
                .map(|f| (f.text, f.kind.as_str().to_string()))
                .collect()
        };
        let one = |text: &str, kind: &str| vec![(text.to_string(), kind.to_string())];
        assert_eq!(kinds("十成"), one("十成", "percent"));
        assert_eq!(kinds("9.9折"), one("9.9折", "percent"));
        assert_eq!(kinds("75折"), one("75", "number"));
    }

    #[test]
    fn hyphenated_adjectives_take_their_unit() {
        assert_eq!(unit("a 3-inch screen", "en").as_deref(), Some("inch"));
        assert_eq!(
            unit("ein 12-Zoll-Bildschirm", "de").as_deref(),
            Some("inch")
        );
    }

    #[test]
    fn subunits_are_read_as_their_currency() {
        let facts = units_of("50 копеек и 30 groszy", "ru");
        assert_eq!(facts[0].1.as_deref(), Some("rub"));
        assert_eq!(facts[0].2, Decimal::new(5, 1));
        let facts = units_of("50 groszy", "pl");
        assert_eq!(
            (facts[0].1.as_deref(), facts[0].2),
            (Some("pln"), Decimal::new(5, 1))
        );
    }

    #[test]
    fn a_prefix_names_the_scale_of_bare_degrees() {
        assert_eq!(unit("摂氏30度", "ja").as_deref(), Some("celsius"));
        assert_eq!(unit("30度", "ja").as_deref(), Some("degree"));
        assert_eq!(unit("¥100", "zh").as_deref(), Some("cny"));
        assert_eq!(unit("¥100", "ja").as_deref(), Some("jpy"));
        assert_eq!(unit("C$ 16", "en").as_deref(), Some("cad"));
    }
}
