//! Numbers written without digits: number words ("двух", "vingt-cinq", "three million",
//! "三千五百万") and Roman numerals that number something ("XIV съезд", "Đại hội XIII").
//!
//! A pack's number words compile into one phrase regex (a run of number words with separators and
//! joiners between them); each match is then read word by word and composed into one value.

use super::{is_word_char, Lexicon, SPACE};
use crate::fact::Quantity;
use crate::rules::{DecimalText, Forms, LangPack};
use regex::Regex;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::ops::Range;

/// Cache size of the lazy DFA that scans texts for number words.
const DFA_CACHE_BYTES: usize = 64 << 20;
/// The most words one number may take ("nine hundred ninety-nine thousand nine hundred
/// ninety-nine million …" has fewer): longer runs of number words are read as several numbers.
const MAX_NUMBER_WORDS: usize = 32;

/// What one number word contributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// Adds its value; `weak` words ("one", "une") alone make no fact.
    Value { value: Decimal, weak: bool },
    /// Multiplies the words before it within a group: hundred, 十, 百, 千.
    Multiplier(Decimal),
    /// Closes a group: thousand, million, 万, 亿 (the pack's scale words).
    Scale(Decimal),
    /// An ordinal word; it ends the number.
    Ordinal(Decimal),
}

/// A number read from words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WordNumber {
    pub quantity: Quantity,
    pub ordinal: bool,
}

/// The largest value a word of a clock or calendar placeholder adds: minutes go to 59.
const SMALL_WORD_MAX: u32 = 59;
/// The most words a clock or calendar number takes: "twenty-first", "сорок пять", "十二".
const SMALL_NUMBER_WORDS: usize = 3;

/// A number found in words: where it stands and what it is.
pub(super) type FoundNumber = (Range<usize>, WordNumber);

/// The number words of one pack, compiled.
pub(super) struct NumberWordReader {
    phrase: Regex,
    token: Regex,
    words: Lexicon<Word>,
    /// A pattern for a small number in words (a minute, a day of the month): as many words as fit.
    small: String,
    /// The same, taking as few words as the template lets it (an hour: in "seven thirty pm" the
    /// hour is "seven", the minutes "thirty").
    small_lazy: String,
}

impl NumberWordReader {
    /// `None` when the pack has no number words.
    pub fn compile(pack: &LangPack) -> Option<Result<NumberWordReader, (String, regex::Error)>> {
        let nw = &pack.number_words;
        if nw.values.is_empty() && nw.ordinals.is_empty() {
            return None;
        }
        let weak: Lexicon<()> = Lexicon::new(nw.weak.iter().map(|w| (w, ())));
        let entries = by_value(&nw.values, |value, form| Word::Value {
            value,
            weak: weak.lookup(form).is_some(),
        })
        .chain(by_value(&nw.multipliers, |v, _| Word::Multiplier(v)))
        .chain(by_value(&nw.ordinals, |v, _| Word::Ordinal(v)))
        .chain(
            pack.scales
                .iter()
                .flat_map(|s| s.words.iter().map(move |w| (w, Word::Scale(s.factor.0)))),
        );
        let words = Lexicon::new(entries);
        let joiners = Lexicon::new(nw.joiners.iter().map(|j| (j, ()))).alternation();
        let separator = if nw.spaced {
            format!(r"(?:{SPACE}|-)+")
        } else {
            format!(r"(?:{SPACE}|-)*")
        };
        let word = format!("(?i:{})", words.alternation());
        let gap = format!("{separator}(?:(?i:{joiners}){separator})?");
        let phrase = format!("{word}(?:{gap}{word})*");
        let small_word = format!("(?i:{})", small_words(nw).alternation());
        let more = format!("(?:{gap}{small_word}){{0,{}}}", SMALL_NUMBER_WORDS - 1);
        let (small, small_lazy) = (
            format!("{small_word}{more}"),
            format!("{small_word}{more}?"),
        );
        let token = format!("^(?:{gap})?({word})");
        // The phrase regex scans whole texts with a large case-insensitive alternation: a larger
        // lazy-DFA cache keeps it from falling back to the much slower NFA simulation.
        let compiled = regex::RegexBuilder::new(&phrase)
            .dfa_size_limit(DFA_CACHE_BYTES)
            .build()
            .and_then(|phrase| Ok((phrase, Regex::new(&token)?)))
            .map_err(|e| ("number_words".to_string(), e));
        Some(compiled.map(|(phrase, token)| NumberWordReader {
            phrase,
            token,
            words,
            small,
            small_lazy,
        }))
    }

    /// A regex (no groups) matching a small number in words: the pack's values and ordinals up
    /// to 59, and its multipliers up to ten ("十二"), at most three words; `lazy` takes as few as
    /// the rest of the template allows. What it matches is read with
    /// [`NumberWordReader::read_whole`], which checks that the words make one number.
    pub fn small_pattern(&self, lazy: bool) -> &str {
        if lazy {
            &self.small_lazy
        } else {
            &self.small
        }
    }

    /// The number `text` writes in words, when its words make exactly one number. The template
    /// that matched says what the words are (an hour, a day), so a weak word counts here: "one
    /// o'clock", "八時".
    pub fn read_whole(&self, text: &str) -> Option<WordNumber> {
        let words = self.read_words(text);
        let (first, last) = (words.first()?, words.last()?);
        if first.1.start != 0 || last.1.end != text.len() {
            return None;
        }
        let strong: Vec<Word> = words
            .iter()
            .map(|(word, _)| match *word {
                Word::Value { value, .. } => Word::Value { value, weak: false },
                other => other,
            })
            .collect();
        compose(&strong)
    }

    /// Every number written in words in `text`, with its value. A run of number words is cut
    /// where it stops being one number: "two secondary" is "two" (the "second" of "secondary"
    /// ends inside a word), "the first two days" is "first" and "two", "ثلاثة وخمسة" is 3 and 5.
    /// Also returns the span of every run of number words, numbers or not (a weak "one" or "八"
    /// alone makes no number but may be an hour: "one o'clock", "午後八時").
    pub fn scan(&self, text: &str) -> (Vec<FoundNumber>, Vec<Range<usize>>) {
        let mut found = Vec::new();
        let mut runs = Vec::new();
        let mut pos = 0;
        while let Some(m) = self.phrase.find_at(text, pos) {
            runs.push(m.range());
            // The words of one phrase are read once; numbers are then taken from them in order,
            // each at most MAX_NUMBER_WORDS long, so a long run of number words stays linear.
            let words = self.read_words(m.as_str());
            let mut first = 0;
            while first < words.len() {
                let start = m.start() + words[first].1.start;
                let longest = (first + 1..=words.len().min(first + MAX_NUMBER_WORDS))
                    .rev()
                    .find_map(|last| {
                        let span = start..m.start() + words[last - 1].1.end;
                        let plain: Vec<Word> = words[first..last].iter().map(|w| w.0).collect();
                        on_word_boundaries(text, span.clone())
                            .then(|| compose(&plain))
                            .flatten()
                            .map(|number| (last, span, number))
                    });
                // No number starts at this word: go on after it.
                first = match longest {
                    Some((last, span, number)) => {
                        found.push((span, number));
                        last
                    }
                    None => first + 1,
                };
            }
            // Words the phrase matched but the lexicon does not read are searched again.
            pos = words
                .last()
                .map_or(m.end(), |w| m.start() + w.1.end)
                .max(m.start() + 1);
            while !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
        (found, runs)
    }

    /// The words of a phrase, each with where it stands in the phrase.
    fn read_words(&self, phrase: &str) -> Vec<(Word, Range<usize>)> {
        let mut words = Vec::new();
        let mut at = 0;
        while at < phrase.len() {
            let Some(caps) = self.token.captures(&phrase[at..]) else {
                break;
            };
            let (Some(all), Some(word)) = (caps.get(0), caps.get(1)) else {
                break;
            };
            let Some(&w) = self.words.lookup(word.as_str()) else {
                break;
            };
            words.push((w, at + word.start()..at + word.end()));
            at += all.end();
        }
        words
    }
}

/// The words a small number is made of: integer values and ordinals up to [`SMALL_WORD_MAX`],
/// multipliers up to ten.
fn small_words(nw: &crate::rules::NumberWords) -> Lexicon<()> {
    let up_to = |table: &BTreeMap<DecimalText, Forms>, limit: u32| -> Vec<String> {
        table
            .iter()
            .filter(|(value, _)| value.0.fract().is_zero() && value.0 <= Decimal::from(limit))
            .flat_map(|(_, forms)| forms.iter().cloned())
            .collect()
    };
    let forms = [
        up_to(&nw.values, SMALL_WORD_MAX),
        up_to(&nw.ordinals, SMALL_WORD_MAX),
        up_to(&nw.multipliers, 10),
    ]
    .concat();
    Lexicon::new(forms.iter().map(|f| (f, ())))
}

fn by_value<'a>(
    table: &'a BTreeMap<DecimalText, Forms>,
    word: impl Fn(Decimal, &str) -> Word + 'a,
) -> impl Iterator<Item = (&'a String, Word)> + 'a {
    let word = std::rc::Rc::new(word);
    table.iter().flat_map(move |(value, forms)| {
        let word = word.clone();
        forms.iter().map(move |f| (f, word(value.0, f)))
    })
}

/// CJK text has no spaces: every ideograph stands on a boundary of its own.
fn on_word_boundaries(text: &str, span: Range<usize>) -> bool {
    let cuts = |outside: Option<char>, inside: Option<char>| {
        outside.is_some_and(is_word_char) && inside.is_some_and(is_word_char)
    };
    let phrase = &text[span.clone()];
    !cuts(
        text[..span.start].chars().next_back(),
        phrase.chars().next(),
    ) && !cuts(text[span.end..].chars().next(), phrase.chars().next_back())
}

/// Composes number words into one value: values add, multipliers multiply the group so far,
/// scale words close a group ("two hundred thirty-five thousand" = (2·100 + 35)·1000).
fn compose(words: &[Word]) -> Option<WordNumber> {
    if words
        .iter()
        .all(|w| matches!(w, Word::Value { weak: true, .. }))
    {
        return None;
    }
    if !words
        .iter()
        .any(|w| matches!(w, Word::Value { .. } | Word::Ordinal(_)))
    {
        // "тысячи людей", "millions of": a scale word alone is a magnitude, not a count.
        return None;
    }
    let (mut total, mut group, mut current) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut step = Decimal::ONE;
    let mut ordinal = false;
    for (i, word) in words.iter().enumerate() {
        if ordinal {
            return None; // an ordinal word must come last
        }
        let after_weak = i > 0 && matches!(words[i - 1], Word::Value { weak: true, .. });
        match *word {
            // "un cinq étoiles", "ثلاثة وخمسة": two figures of the same places are two numbers.
            Word::Value { value, .. } | Word::Ordinal(value)
                if after_weak || !adds_cleanly(group + current, value) =>
            {
                return None;
            }
            Word::Value { value, .. } => current += value,
            Word::Ordinal(value) => {
                current += value;
                ordinal = true;
            }
            Word::Multiplier(m) => {
                group += at_least_one(current) * m;
                current = Decimal::ZERO;
            }
            Word::Scale(m) => {
                let part = at_least_one(group + current);
                total += part * m;
                group = Decimal::ZERO;
                current = Decimal::ZERO;
                if i + 1 == words.len() {
                    step = Decimal::new(1, part.scale()) * m;
                }
            }
        }
    }
    let value = (total + group + current).normalize();
    Some(WordNumber {
        quantity: Quantity {
            value,
            step: step.normalize(),
        },
        ordinal,
    })
}

/// Whether `value` continues the number `sum` so far: a smaller part after a round one
/// ("twenty five", "soixante-dix", "cent vingt-cinq"), or a round ten after a unit, as Arabic
/// writes them ("خمسة وعشرون"). "trois deux" or "ثلاثة وخمسة" are two numbers. Fractions add.
fn adds_cleanly(sum: Decimal, value: Decimal) -> bool {
    if sum.is_zero() || !sum.fract().is_zero() || !value.fract().is_zero() {
        return true;
    }
    let round = |x: Decimal| (x % Decimal::TEN).is_zero();
    let descending = value < sum && round(sum);
    let ascending = sum < Decimal::TEN && value > sum && round(value);
    descending || ascending
}

fn at_least_one(value: Decimal) -> Decimal {
    if value.is_zero() {
        Decimal::ONE
    } else {
        value
    }
}

/// The value of a canonically written Roman numeral (XIV, not IIII), from 1 to 3999.
pub(super) fn roman_value(numeral: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let digits: Vec<u32> = numeral.chars().map(digit).collect::<Option<_>>()?;
    let value = digits.iter().enumerate().fold(0i64, |sum, (i, &d)| {
        let next = digits.get(i + 1).copied().unwrap_or(0);
        if d < next {
            sum - i64::from(d)
        } else {
            sum + i64::from(d)
        }
    });
    let value = u32::try_from(value)
        .ok()
        .filter(|v| (1..4000).contains(v))?;
    (to_roman(value) == numeral).then_some(value)
}

fn to_roman(mut value: u32) -> String {
    const PARTS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (part, letters) in PARTS {
        while value >= part {
            out.push_str(letters);
            value -= part;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> NumberWordReader {
        let rules = crate::rules::RuleSet::with_dirs(&[]).expect("embedded rules load");
        let pack = rules.pack("en").expect("an English pack");
        NumberWordReader::compile(pack)
            .expect("English has number words")
            .expect("English number words compile")
    }

    #[test]
    fn a_whole_reading_counts_weak_words_and_wants_one_number() {
        let reader = english();
        let read = |text: &str| {
            reader
                .read_whole(text)
                .map(|n| (n.quantity.value, n.ordinal))
        };
        assert_eq!(read("one"), Some((Decimal::ONE, false)));
        assert_eq!(read("twenty-first"), Some((Decimal::from(21), true)));
        assert_eq!(read("forty five"), Some((Decimal::from(45), false)));
        // Two numbers, or something that is no number word, are no whole reading.
        assert_eq!(read("seven eight"), None);
        assert_eq!(read("seven o'clock"), None);
    }

    #[test]
    fn the_lazy_small_pattern_takes_as_few_words_as_it_can() {
        let reader = english();
        let first = |lazy: bool, text: &'static str| {
            let re = Regex::new(&format!("^(?:{})", reader.small_pattern(lazy))).unwrap();
            re.find(text).map(|m| m.as_str())
        };
        assert_eq!(first(false, "forty five pm"), Some("forty five"));
        assert_eq!(first(true, "forty five pm"), Some("forty"));
        assert_eq!(first(false, "hundred"), None, "no multiplier above ten");
    }

    fn value(v: i64) -> Word {
        Word::Value {
            value: Decimal::from(v),
            weak: false,
        }
    }

    #[test]
    fn words_compose_by_groups() {
        let hundred = Word::Multiplier(Decimal::from(100));
        let thousand = Word::Scale(Decimal::from(1000));
        let n = compose(&[value(2), hundred, value(30), value(5), thousand]).unwrap();
        assert_eq!(n.quantity.value, Decimal::from(235_000));
        assert_eq!(n.quantity.step, Decimal::from(1000));
        let ten = Word::Multiplier(Decimal::from(10));
        let wan = Word::Scale(Decimal::from(10_000));
        let thousand_zh = Word::Multiplier(Decimal::from(1000));
        // 二十三万五千
        let n = compose(&[value(2), ten, value(3), wan, value(5), thousand_zh]).unwrap();
        assert_eq!(n.quantity.value, Decimal::from(235_000));
        assert_eq!(n.quantity.step, Decimal::ONE);
    }

    #[test]
    fn weak_words_and_bare_scales_are_no_numbers() {
        let one = Word::Value {
            value: Decimal::ONE,
            weak: true,
        };
        assert_eq!(compose(&[one]), None);
        assert_eq!(compose(&[Word::Scale(Decimal::from(1000))]), None);
        let million = Word::Scale(Decimal::from(1_000_000));
        assert_eq!(
            compose(&[one, million]).unwrap().quantity.value,
            Decimal::from(1_000_000)
        );
    }

    #[test]
    fn parts_of_one_number_add_and_others_split() {
        let d = |v: i64| Decimal::from(v);
        assert!(adds_cleanly(d(20), d(5)));
        assert!(adds_cleanly(d(60), d(10)));
        assert!(adds_cleanly(d(80), d(17)));
        assert!(adds_cleanly(d(5), d(20)));
        assert!(!adds_cleanly(d(3), d(2)));
        assert!(!adds_cleanly(d(3), d(5)));
        assert!(!adds_cleanly(d(20), d(20)));
        assert!(!adds_cleanly(d(125), d(3)));
    }

    #[test]
    fn roman_numerals_are_canonical() {
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("XIII"), Some(13));
        assert_eq!(roman_value("MCMXC"), Some(1990));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("IC"), None);
    }
}
