//! Numbers written without digits: number words ("двух", "vingt-cinq", "three million",
//! "三千五百万") and Roman numerals that number something ("XIV съезд", "Đại hội XIII").
//!
//! A pack's number words compile into one phrase regex (a run of number words with separators and
//! joiners between them); each match is then read word by word and composed into one value.

use super::{is_word_char, Lexicon};
use crate::fact::Quantity;
use crate::rules::{DecimalText, Forms, LangPack};
use regex::Regex;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::ops::Range;

/// Cache size of the lazy DFA of the regexes that scan whole texts or search around every
/// figure; memory is taken only as states are built.
pub(super) const DFA_CACHE_BYTES: usize = 64 << 20;
/// White space within a line, with the direction marks of right-to-left text.
const INLINE_SPACE: &str =
    r"[[\s\u{200e}\u{200f}\u{061c}]&&[^\n\r\u{0b}\u{0c}\u{85}\u{2028}\u{2029}]]";
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
    /// An ordinal word; only smaller ordinals may follow it ("vigésimo primero").
    Ordinal { value: Decimal, kind: OrdinalKind },
    /// A decimal mark spoken as a word ("point", "virgule"): the words after it are the decimals.
    Point,
    /// The denominator of a fraction ("thirds", "tiers"); it ends the number. `ordinal` when the
    /// form is an ordinal word too ("fifth", "trzecie"): alone or completing an ordinal
    /// ("twenty-fifth") it is read as one.
    Fraction {
        den: Decimal,
        ordinal: Option<OrdinalKind>,
    },
    /// "over", "sur": the number before it is a numerator, the one after a denominator.
    Over,
    /// 分之, 分の: the number before it is a denominator, the one after a numerator.
    Under,
}

/// How an ordinal word composes with the number words before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OrdinalKind {
    /// It adds to them ("twenty-first").
    Adds,
    /// It adds to them, but alone it is a rank only where something makes it one: "first" and
    /// "second" ("at first", "a second") count next to a noun they number.
    Weak,
    /// The ordinal of a multiplier or scale word ("hundredth", "trillionth", "milésimo"): it
    /// multiplies them as the scale word does ("three trillionth", "dos milésimo").
    Scale,
}

impl Word {
    /// The word read as an ordinal where it is one: a fraction word that is an ordinal too
    /// ("fifth" in "twenty-fifth", "milésimo" in "dos milésimo tricentésimo").
    fn ordinal_reading(self) -> Word {
        match self {
            Word::Fraction {
                den,
                ordinal: Some(kind),
            } => Word::Ordinal { value: den, kind },
            other => other,
        }
    }

    /// Whether the word alone makes no fact ("one", "une", "first").
    fn is_weak(self) -> bool {
        matches!(
            self,
            Word::Value { weak: true, .. }
                | Word::Ordinal {
                    kind: OrdinalKind::Weak,
                    ..
                }
        )
    }
}

/// A word of a phrase and whether a joiner ("and", "et") stands before it; `fraction_joined`
/// when that joiner joins only a fraction to a whole part (the pack's `fraction_joiners`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token {
    word: Word,
    joined: bool,
    fraction_joined: bool,
}

/// A number read from words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct WordNumber {
    pub value: WordValue,
    pub ordinal: bool,
    /// One weak word alone ("one", "first", Japanese "三"): no count by itself, an ordinal only
    /// next to a noun it numbers or after an ordinal prefix ("第三").
    pub weak: bool,
}

/// What number words state: a quantity, or a fraction kept as numerator and denominator ("two
/// thirds" is 2/3, as the figures "2/3" are). A fraction with a whole part ("two and a half",
/// "cent et trois quarts") is a quantity where its value is a finite decimal (2.5, 100.75).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WordValue {
    Quantity(Quantity),
    Ratio { num: Decimal, den: Decimal },
}

impl WordNumber {
    /// The quantity stated, unless the words state a fraction.
    pub fn quantity(&self) -> Option<Quantity> {
        match self.value {
            WordValue::Quantity(q) => Some(q),
            WordValue::Ratio { .. } => None,
        }
    }
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
    dropped_unit: bool,
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
        let is_weak = |form: &str| weak.lookup(form).is_some();
        // An ordinal whose value a multiplier or scale word has is that word's ordinal.
        let scale_values: Vec<Decimal> = nw
            .multipliers
            .keys()
            .map(|v| v.0)
            .chain(pack.scales.iter().map(|s| s.factor.0))
            .filter(|v| *v >= Decimal::ONE_HUNDRED)
            .collect();
        let ordinal_kind = |value: Decimal, form: &str| {
            if scale_values.contains(&value) {
                OrdinalKind::Scale
            } else if is_weak(form) {
                OrdinalKind::Weak
            } else {
                OrdinalKind::Adds
            }
        };
        let ordinals: Lexicon<OrdinalKind> = Lexicon::new(by_value(&nw.ordinals, ordinal_kind));
        // Fractions come first: a form that is an ordinal too is read as either (Word::Fraction).
        let entries = by_value(&nw.fractions, |den, form| Word::Fraction {
            den,
            ordinal: ordinals.lookup(form).copied(),
        })
        .chain(by_value(&nw.values, |value, form| Word::Value {
            value,
            weak: is_weak(form),
        }))
        .chain(by_value(&nw.multipliers, |v, _| Word::Multiplier(v)))
        .chain(by_value(&nw.ordinals, |value, form| Word::Ordinal {
            value,
            kind: ordinal_kind(value, form),
        }))
        .chain(nw.points.iter().map(|w| (w, Word::Point)))
        .chain(nw.over.iter().map(|w| (w, Word::Over)))
        .chain(nw.under.iter().map(|w| (w, Word::Under)))
        .chain(
            pack.scales
                .iter()
                .flat_map(|s| s.words.iter().map(move |w| (w, Word::Scale(s.factor.0)))),
        );
        let words = Lexicon::new(entries);
        let joiners = Lexicon::new(nw.joiners.iter().map(|j| (j, ()))).alternation();
        let fraction_joiners =
            Lexicon::new(nw.fraction_joiners.iter().map(|j| (j, ()))).alternation();
        let any_joiner = Lexicon::new(
            nw.joiners
                .iter()
                .chain(&nw.fraction_joiners)
                .map(|j| (j, ())),
        )
        .alternation();
        // A line break ends a number: it ends a sentence, a heading, a list item or a table cell.
        let separator = if nw.spaced {
            format!(r"(?:{INLINE_SPACE}|-)+")
        } else {
            format!(r"(?:{INLINE_SPACE}|-)*")
        };
        let word = format!("(?i:{})", words.alternation());
        let gap = format!("{separator}(?:(?i:{joiners}){separator})?");
        let phrase_gap = format!("{separator}(?:(?i:{any_joiner}){separator})?");
        let phrase = format!("{word}(?:{phrase_gap}{word})*");
        // A word is tried before a fraction joiner: "et un" of "vingt et un" is one word.
        let token = format!(
            "^(?:{separator}(?:((?i:{joiners})){separator})?)?(?:({word})|(?i:{fraction_joiners}){separator}({word}))"
        );
        let small_word = format!("(?i:{})", small_words(nw).alternation());
        let more = format!("(?:{gap}{small_word}){{0,{}}}", SMALL_NUMBER_WORDS - 1);
        let (small, small_lazy) = (
            format!("{small_word}{more}"),
            format!("{small_word}{more}?"),
        );
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
            dropped_unit: nw.dropped_unit,
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
        let strong: Vec<Token> = words
            .iter()
            .map(|(token, _)| Token {
                word: match token.word {
                    Word::Value { value, .. } => Word::Value { value, weak: false },
                    other => other,
                },
                ..*token
            })
            .collect();
        read_tokens(&strong, self.dropped_unit)
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
                        let tokens: Vec<Token> = words[first..last].iter().map(|w| w.0).collect();
                        on_word_boundaries(text, span.clone())
                            .then(|| read_tokens(&tokens, self.dropped_unit))
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

    /// A fraction joined to the figure and scale word before it, at the start of `text`: "and a
    /// half" of "3 million and a half", "e mezzo" of "3 milioni e mezzo". Its value and length.
    pub fn fraction_after(&self, text: &str) -> Option<(Decimal, usize)> {
        let caps = self.token.captures(text)?;
        let (all, word) = (caps.get(0)?, caps.get(2).or(caps.get(3))?);
        let joined = caps.get(1).is_some()
            || caps.get(3).is_some()
            || word.as_str().contains(char::is_whitespace);
        let Word::Value { value, .. } = *self.words.lookup(word.as_str())? else {
            return None;
        };
        let fraction = joined && value > Decimal::ZERO && value < Decimal::ONE;
        (fraction && !text[all.end()..].starts_with(is_word_char)).then_some((value, all.end()))
    }

    /// The words of a phrase, each with where it stands in the phrase.
    fn read_words(&self, phrase: &str) -> Vec<(Token, Range<usize>)> {
        let mut words = Vec::new();
        let mut at = 0;
        while at < phrase.len() {
            let Some(caps) = self.token.captures(&phrase[at..]) else {
                break;
            };
            let fraction_joined = caps.get(3).is_some();
            let (Some(all), Some(word)) = (caps.get(0), caps.get(2).or(caps.get(3))) else {
                break;
            };
            let Some(&w) = self.words.lookup(word.as_str()) else {
                break;
            };
            // A form of several words carries its own joiner: "and a half", "et demi", "i pół".
            let token = Token {
                word: w,
                joined: caps.get(1).is_some()
                    || fraction_joined
                    || word.as_str().contains(char::is_whitespace),
                fraction_joined,
            };
            words.push((token, at + word.start()..at + word.end()));
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

fn by_value<'a, T: 'a>(
    table: &'a BTreeMap<DecimalText, Forms>,
    word: impl Fn(Decimal, &str) -> T + 'a,
) -> impl Iterator<Item = (&'a String, T)> + 'a {
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

/// Reads the words of one number: a fraction ("two thirds", "one over three", 三分之一), a decimal
/// spoken with its mark ("two point five"), or whole words composed by [`compose`].
fn read_tokens(tokens: &[Token], dropped_unit: bool) -> Option<WordNumber> {
    if let Some(at) = tokens.iter().rposition(|t| t.fraction_joined) {
        if at > 0 {
            return joined_fraction(&tokens[..at], &tokens[at..]);
        }
    }
    let words: Vec<Word> = tokens.iter().map(|t| t.word).collect();
    let at = |target: Word| words.iter().position(|w| *w == target);
    if let Some(p) = at(Word::Over) {
        return ratio(&words[..p], &words[p + 1..]);
    }
    if let Some(p) = at(Word::Under) {
        return ratio(&words[p + 1..], &words[..p]);
    }
    if let Some(p) = at(Word::Point) {
        return spoken_decimal(&words[..p], &words[p + 1..]);
    }
    if let Some(&Word::Fraction { den, ordinal }) = words.last() {
        // compose_tokens reads the last word as its ordinal.
        let as_ordinal = ordinal.and_then(|_| compose_tokens(tokens, false));
        return as_ordinal.or_else(|| fraction(&tokens[..tokens.len() - 1], den));
    }
    // "one third", "un quinto": after the word for one, an ordinal from third on is a denominator.
    if let [Word::Value { value, .. }, Word::Ordinal { value: den, .. }] = words[..] {
        if value == Decimal::ONE && den >= Decimal::from(3) {
            return ratio_of(value, den);
        }
    }
    compose_tokens(tokens, dropped_unit)
}

/// A whole number of words, weak words allowed ("one" over three, "un" demi).
fn whole(words: &[Word]) -> Option<Decimal> {
    let n = compose_words(words, false)?;
    match n.value {
        WordValue::Quantity(q) if !n.ordinal && q.value.fract().is_zero() => Some(q.value),
        _ => None,
    }
}

fn ratio(num: &[Word], den: &[Word]) -> Option<WordNumber> {
    // 百分之五十 and "bảy phần trăm" are percents: a bare multiplier as a term of a fraction is
    // the pack's percent word (percent_prefixes, percent_words).
    let bare = |words: &[Word]| matches!(words, [Word::Multiplier(_)]);
    if bare(num) || bare(den) {
        return None;
    }
    let (num, den) = (whole(num)?, whole(den)?);
    (!den.is_zero()).then_some(WordNumber {
        value: WordValue::Ratio { num, den },
        ordinal: false,
        weak: false,
    })
}

/// "two hundred point zero three" is 200.03: digits after the mark are read one by one, a
/// number after it as its digits ("point seventy-one" is .71); a scale word may close it
/// ("two point five million").
fn spoken_decimal(int: &[Word], decimals: &[Word]) -> Option<WordNumber> {
    let int = whole(int)?;
    let (decimals, factor) = match decimals.split_last() {
        Some((Word::Scale(m), rest)) => (rest, *m),
        _ => (decimals, Decimal::ONE),
    };
    // "две целых пять десятых": the decimals as a fraction.
    if let Some((Word::Fraction { den, .. }, num)) = decimals.split_last() {
        let value = int.checked_add(whole(num)?.checked_div(*den)?)?;
        return Some(WordNumber {
            value: WordValue::Quantity(Quantity::from_written(value.normalize()).scaled(factor)?),
            ordinal: false,
            weak: false,
        });
    }
    let digit = |w: &Word| match w {
        Word::Value { value, .. } if value.fract().is_zero() && *value < Decimal::TEN => {
            Some(value.to_string())
        }
        _ => None,
    };
    let digits: String = match decimals.iter().map(digit).collect::<Option<String>>() {
        Some(d) if !d.is_empty() => d,
        _ => whole(decimals)?.to_string(),
    };
    let value = Decimal::from_str_exact(&format!("{int}.{digits}")).ok()?;
    let quantity = Quantity::from_written(value).scaled(factor)?;
    Some(WordNumber {
        value: WordValue::Quantity(quantity),
        ordinal: false,
        weak: false,
    })
}

/// A numerator and its denominator word ("twenty-three fifths" is 23/5), or, where the words
/// before the denominator make no one number, a whole part that a joiner sets apart and a
/// numerator ("dois e três quartos" is 2 + 3/4). After a scale word the fraction is one of that
/// scale: "cinq milliards et trois quarts" is 5.75 · 10⁹.
fn fraction(tokens: &[Token], den: Decimal) -> Option<WordNumber> {
    let words: Vec<Word> = tokens.iter().map(|t| t.word).collect();
    let split = tokens.iter().rposition(|t| t.joined).filter(|&at| at > 0);
    if let Some(at) = split {
        if let Word::Scale(scale) = words[at - 1] {
            let num = whole(&words[at..])?.checked_mul(scale)?;
            return mixed(whole(&words[..at])?, num, den);
        }
    }
    if let Some(num) = whole(&words) {
        return ratio_of(num, den);
    }
    let (whole_part, num) = words.split_at(split?);
    mixed(whole(whole_part)?, whole(num)?, den)
}

/// A whole part, a fraction joiner and a fraction: "twenty and three fifths" is 20.6, "cinq et
/// un quart" 5.25, "cinco y medio" 5.5. After a scale word the fraction is one of that scale:
/// "five billion and three quarters" is 5.75 · 10⁹, "tres millones y medio" 3.5 · 10⁶. Anything
/// else the joiner stands between is no one number.
fn joined_fraction(whole_tokens: &[Token], fraction_tokens: &[Token]) -> Option<WordNumber> {
    let mut part = fraction_tokens.to_vec();
    part[0].joined = false;
    part[0].fraction_joined = false;
    let part = read_tokens(&part, false)?;
    let (num, den) = match part.value {
        WordValue::Ratio { num, den } => (num, den),
        // A fraction that is a value of its own: "medio", "mezzo".
        WordValue::Quantity(q)
            if !part.ordinal && q.value < Decimal::ONE && !q.value.fract().is_zero() =>
        {
            (q.value, Decimal::ONE)
        }
        WordValue::Quantity(_) => return None,
    };
    let words: Vec<Word> = whole_tokens.iter().map(|t| t.word).collect();
    let scale = match words.last() {
        Some(Word::Scale(m)) => *m,
        _ => Decimal::ONE,
    };
    mixed(whole(&words)?, num.checked_mul(scale)?, den)
}

/// A whole part and a fraction: a quantity where the sum is a finite decimal, a ratio otherwise.
fn mixed(whole_part: Decimal, num: Decimal, den: Decimal) -> Option<WordNumber> {
    if !is_finite_decimal(num, den) {
        return ratio_of(whole_part.checked_mul(den)?.checked_add(num)?, den);
    }
    let value = (whole_part + num.checked_div(den)?).normalize();
    Some(WordNumber {
        value: WordValue::Quantity(Quantity::from_written(value)),
        ordinal: false,
        weak: false,
    })
}

/// Whether `num / den` (whole numbers) ends: its reduced denominator has no prime factor but 2
/// and 5. Dividing and multiplying back cannot tell: 2 000 000 / 3 · 3 rounds to 2 000 000.
fn is_finite_decimal(num: Decimal, den: Decimal) -> bool {
    let (mut a, mut b) = (num.abs(), den.abs());
    while !b.is_zero() {
        (a, b) = (b, a % b);
    }
    if a.is_zero() {
        return false;
    }
    let mut rest = den.abs() / a;
    for prime in [Decimal::TWO, Decimal::from(5)] {
        while (rest % prime).is_zero() {
            rest /= prime;
        }
    }
    rest == Decimal::ONE
}

fn ratio_of(num: Decimal, den: Decimal) -> Option<WordNumber> {
    Some(WordNumber {
        value: WordValue::Ratio { num, den },
        ordinal: false,
        weak: false,
    })
}

/// Composes number words into one value: values add, multipliers multiply the group so far,
/// scale words close a group ("two hundred thirty-five thousand" = (2·100 + 35)·1000).
#[cfg(test)]
fn compose(words: &[Word], dropped_unit: bool) -> Option<WordNumber> {
    compose_words(words, dropped_unit)
}

fn compose_words(words: &[Word], dropped_unit: bool) -> Option<WordNumber> {
    let tokens: Vec<Token> = words
        .iter()
        .map(|&word| Token {
            word,
            joined: false,
            fraction_joined: false,
        })
        .collect();
    compose_tokens(&tokens, dropped_unit)
}

/// An ordinal word ends the cardinal part; only ordinals that add to it may follow
/// ("vigésimo primero", "tricentésimo cuadragésimo séptimo"), and an ordinal scale word multiplies
/// what precedes it ("three trillionth", "cincuenta y dos milésimo tricentésimo"). One weak word
/// alone ("one", "half a", "first") makes a weak number; "one and a half" is none.
fn compose_tokens(tokens: &[Token], dropped_unit: bool) -> Option<WordNumber> {
    let words: Vec<Word> = tokens.iter().map(|t| t.word.ordinal_reading()).collect();
    let weak_value = |w: &Word| matches!(w, Word::Value { weak: true, .. });
    if !words
        .iter()
        .any(|w| matches!(w, Word::Value { .. } | Word::Ordinal { .. }))
    {
        // "十％", "百パーセント", "第十": a multiplier word alone is a weak number, a fact only
        // where something makes it one.
        if let [Word::Multiplier(m)] = words[..] {
            return Some(WordNumber {
                value: WordValue::Quantity(Quantity::from_written(m)),
                ordinal: false,
                weak: true,
            });
        }
        // "тысячи людей", "millions of": a scale word alone is a magnitude, not a count.
        return None;
    }
    let mut closed = ScaledGroups::default();
    let (mut group, mut current) = (Decimal::ZERO, Decimal::ZERO);
    let mut step = Decimal::ONE;
    let mut ordinal = false;
    for (i, word) in words.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| words[p]);
        // 一千零五: a zero inside a number marks an empty place, it starts no other number.
        let gap_zero = previous
            == Some(Word::Value {
                value: Decimal::ZERO,
                weak: true,
            })
            && !(closed.total() + group + current).is_zero();
        let after_weak = previous.as_ref().is_some_and(weak_value) && !gap_zero;
        // "un million et demi", "two million and a half": a fraction right after a scale word
        // is a part of that scale.
        if let (Word::Value { value, .. }, Some(Word::Scale(m))) = (*word, previous) {
            if !value.fract().is_zero() && !ordinal {
                current += value * m;
                if i + 1 == words.len() {
                    step = Decimal::new(1, value.scale()) * m;
                }
                continue;
            }
        }
        match *word {
            Word::Value { .. } | Word::Multiplier(_) | Word::Scale(_) if ordinal => {
                return None; // the cardinal part comes first
            }
            Word::Ordinal {
                value,
                kind: OrdinalKind::Scale,
            } => {
                // "centésimo vigésimo" is 120, "vigésimo centésimo" no number; after a weak
                // word it is a denominator ("un milésimo").
                if after_weak || (ordinal && !(group + current).is_zero()) {
                    return None;
                }
                ordinal = true;
                closed.close(group + current, value);
                group = Decimal::ZERO;
                current = Decimal::ZERO;
            }
            // "un cinq étoiles", "ثلاثة وخمسة": two figures of the same places are two numbers.
            // A fraction joined to a weak word adds: "one and a half", not "un mezzo".
            Word::Value { value, .. } | Word::Ordinal { value, .. }
                if (after_weak && (value.fract().is_zero() || !tokens[i].joined))
                    || !adds_cleanly(group + current, value) =>
            {
                return None;
            }
            Word::Value { value, .. } if dropped_unit && i + 1 == words.len() => {
                current += value * dropped_unit_factor(previous, value);
            }
            Word::Value { value, .. } => current += value,
            Word::Ordinal { value, .. } => {
                current += value;
                ordinal = true;
            }
            Word::Multiplier(m) => {
                group += at_least_one(current) * m;
                current = Decimal::ZERO;
            }
            Word::Scale(m) => {
                let part = closed.close(group + current, m);
                group = Decimal::ZERO;
                current = Decimal::ZERO;
                if i + 1 == words.len() {
                    step = Decimal::new(1, part.scale()) * m;
                }
            }
            Word::Point | Word::Fraction { .. } | Word::Over | Word::Under => return None,
        }
    }
    let value = (closed.total() + group + current).normalize();
    Some(WordNumber {
        value: WordValue::Quantity(Quantity {
            value,
            step: step.normalize(),
        }),
        ordinal,
        weak: words.len() == 1 && words[0].is_weak(),
    })
}

/// The groups of a number that scale words closed, largest scale first.
#[derive(Default)]
struct ScaledGroups {
    /// Each group's value (already multiplied by its scale) and its scale.
    groups: Vec<(Decimal, Decimal)>,
}

impl ScaledGroups {
    /// Closes a group with the scale word `scale`; returns how many of that scale it counts.
    /// Groups closed by a scale no larger than this one belong to it: "mil millones" is 10⁹,
    /// "três mil quinhentos milhões" 3 500 · 10⁶, "一万亿" 10¹², "四万万" 4 · 10⁸.
    fn close(&mut self, pending: Decimal, scale: Decimal) -> Decimal {
        let mut count = pending;
        while let Some(&(value, smaller)) = self.groups.last() {
            if smaller > scale {
                break;
            }
            count += value;
            self.groups.pop();
        }
        let count = at_least_one(count);
        self.groups.push((count * scale, scale));
        count
    }

    fn total(&self) -> Decimal {
        self.groups.iter().map(|g| g.0).sum()
    }
}

/// 两千四百五: a last digit right after a unit of a hundred or more counts the next lower unit.
fn dropped_unit_factor(previous: Option<Word>, value: Decimal) -> Decimal {
    let digit = value.fract().is_zero() && value > Decimal::ZERO && value < Decimal::TEN;
    match previous {
        Some(Word::Multiplier(m) | Word::Scale(m)) if digit && m >= Decimal::ONE_HUNDRED => {
            m / Decimal::TEN
        }
        _ => Decimal::ONE,
    }
}

/// Whether `value` continues the number `sum` so far: a smaller part after a round one
/// ("twenty five", "soixante-dix", "cent vingt-cinq"), or a round ten after a unit, as Arabic
/// writes them ("خمسة وعشرون"). "trois deux" or "ثلاثة وخمسة" are two numbers. Fractions add.
fn adds_cleanly(sum: Decimal, value: Decimal) -> bool {
    if sum.is_zero() || !sum.fract().is_zero() || !value.fract().is_zero() {
        return true;
    }
    let round = |x: Decimal| (x % Decimal::TEN).is_zero();
    // The value fills places the sum leaves empty: 20 + 5, 100 + 20, not 70 + 60.
    let descending = value < lowest_place(sum);
    // Counting by twenties: soixante-dix (60 + 10), quatre-vingt-dix-sept (80 + 17).
    let score = Decimal::from(20);
    let vigesimal = [Decimal::from(60), Decimal::from(80)].contains(&(sum % Decimal::ONE_HUNDRED))
        && value >= Decimal::TEN
        && value < score;
    let ascending = sum < Decimal::TEN && value > sum && round(value);
    descending || vigesimal || ascending
}

/// The largest power of ten that divides `sum` (10 for 70, 100 for 200, 1 for 25).
fn lowest_place(sum: Decimal) -> Decimal {
    let mut place = Decimal::ONE;
    while (sum % (place * Decimal::TEN)).is_zero() && place < sum {
        place *= Decimal::TEN;
    }
    place
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

    fn compose_test(words: &[Word]) -> Option<WordNumber> {
        compose(words, false)
    }

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
                .and_then(|n| Some((n.quantity()?.value, n.ordinal)))
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
        let n = compose_test(&[value(2), hundred, value(30), value(5), thousand]).unwrap();
        assert_eq!(n.quantity().unwrap().value, Decimal::from(235_000));
        assert_eq!(n.quantity().unwrap().step, Decimal::from(1000));
        let ten = Word::Multiplier(Decimal::from(10));
        let wan = Word::Scale(Decimal::from(10_000));
        let thousand_zh = Word::Multiplier(Decimal::from(1000));
        // 二十三万五千
        let n = compose_test(&[value(2), ten, value(3), wan, value(5), thousand_zh]).unwrap();
        assert_eq!(n.quantity().unwrap().value, Decimal::from(235_000));
        assert_eq!(n.quantity().unwrap().step, Decimal::ONE);
    }

    #[test]
    fn weak_words_and_bare_scales_are_no_numbers() {
        let one = Word::Value {
            value: Decimal::ONE,
            weak: true,
        };
        assert!(compose_test(&[one]).unwrap().weak);
        assert_eq!(compose_test(&[Word::Scale(Decimal::from(1000))]), None);
        let million = Word::Scale(Decimal::from(1_000_000));
        let a_million = compose_test(&[one, million]).unwrap();
        assert_eq!(
            a_million.quantity().unwrap().value,
            Decimal::from(1_000_000)
        );
        assert!(!a_million.weak);
    }

    fn ordinal(v: i64) -> Word {
        Word::Ordinal {
            value: Decimal::from(v),
            kind: OrdinalKind::Adds,
        }
    }

    fn ordinal_value(words: &[Word]) -> Option<Decimal> {
        compose_test(words)
            .filter(|n| n.ordinal)
            .and_then(|n| Some(n.quantity()?.value))
    }

    #[test]
    fn a_bare_multiplier_is_weak_and_no_denominator() {
        let ten = Word::Multiplier(Decimal::TEN);
        let n = compose_test(&[ten]).unwrap();
        assert!(n.weak);
        assert_eq!(n.quantity().unwrap().value, Decimal::TEN);
        // 百分之五十 is a percent prefix and a number, not 50/100; 二分之一 stays a fraction.
        let hundred = Word::Multiplier(Decimal::ONE_HUNDRED);
        assert_eq!(
            read_tokens(&tokens(&[hundred, Word::Under, value(50)]), false),
            None
        );
        let n = read_tokens(&tokens(&[value(2), Word::Under, value(1)]), false).unwrap();
        assert_eq!(ratio_value(n), (Decimal::ONE, Decimal::TWO));
    }

    #[test]
    fn ordinal_words_end_a_number_and_ordinal_scales_multiply() {
        let hundred = Word::Multiplier(Decimal::from(100));
        let scale = |v: i64| Word::Ordinal {
            value: Decimal::from(v),
            kind: OrdinalKind::Scale,
        };
        let (thousandth, trillionth) = (scale(1000), scale(1_000_000_000_000));
        // one hundred twenty-fifth
        let n = ordinal_value(&[value(1), hundred, value(20), ordinal(5)]);
        assert_eq!(n, Some(Decimal::from(125)));
        // three trillionth, trillionth
        let n = ordinal_value(&[value(3), trillionth]);
        assert_eq!(n, Some(Decimal::from(3_000_000_000_000i64)));
        let n = ordinal_value(&[trillionth]);
        assert_eq!(n, Some(Decimal::from(1_000_000_000_000i64)));
        // cincuenta y dos milésimo tricentésimo cuadragésimo séptimo
        let words = [
            value(50),
            value(2),
            thousandth,
            ordinal(300),
            ordinal(40),
            ordinal(7),
        ];
        assert_eq!(ordinal_value(&words), Some(Decimal::from(52_347)));
        // vigésimo primero; but "first second" and "first two" are two numbers, and "un
        // milésimo" is a fraction
        assert_eq!(
            ordinal_value(&[ordinal(20), ordinal(1)]),
            Some(Decimal::from(21))
        );
        assert_eq!(compose_test(&[ordinal(1), ordinal(2)]), None);
        assert_eq!(compose_test(&[ordinal(1), value(2)]), None);
        assert_eq!(compose_test(&[ordinal(20), thousandth]), None);
        let un = Word::Value {
            value: Decimal::ONE,
            weak: true,
        };
        assert_eq!(compose_test(&[un, thousandth]), None);
    }

    #[test]
    fn a_larger_scale_takes_the_smaller_scales_before_it() {
        let d = |v: i64| Decimal::from(v);
        let (thousand, million) = (Word::Scale(d(1000)), Word::Scale(d(1_000_000)));
        let hundred = Word::Multiplier(d(100));
        let value_of = |words: &[Word]| compose_test(words).and_then(|n| Some(n.quantity()?.value));
        // três mil quinhentos e vinte e quatro milhões
        let words = [
            value(3),
            thousand,
            value(5),
            hundred,
            value(20),
            value(4),
            million,
        ];
        assert_eq!(value_of(&words), Some(d(3_524_000_000)));
        // mil millones; but two million three thousand keeps its order
        assert_eq!(value_of(&[thousand, million]), None, "scale words alone");
        assert_eq!(
            value_of(&[value(2), thousand, million]),
            Some(d(2_000_000_000))
        );
        let words = [value(2), million, value(3), thousand];
        assert_eq!(value_of(&words), Some(d(2_003_000)));
        // 四万万
        let wan = Word::Scale(d(10_000));
        assert_eq!(value_of(&[value(4), wan, wan]), Some(d(400_000_000)));
    }

    #[test]
    fn a_fraction_after_a_scale_word_is_part_of_that_scale() {
        let d = |v: i64| Decimal::from(v);
        let million = Word::Scale(d(1_000_000));
        let half = Word::Value {
            value: Decimal::new(5, 1),
            weak: true,
        };
        // un million et demi
        let n = compose_test(&[value(1), million, half]).unwrap();
        assert_eq!(n.quantity().unwrap().value, d(1_500_000));
        assert_eq!(n.quantity().unwrap().step, d(100_000));
        // cinq millions et trois quarts, six millions et deux tiers
        let quarters = Word::Fraction {
            den: d(4),
            ordinal: None,
        };
        let mut words = tokens(&[value(5), million, value(3), quarters]);
        words[2].joined = true;
        let n = read_tokens(&words, false).unwrap();
        assert_eq!(n.quantity().unwrap().value, d(5_750_000));
        let thirds = Word::Fraction {
            den: d(3),
            ordinal: None,
        };
        let mut words = tokens(&[value(6), million, value(2), thirds]);
        words[2].joined = true;
        let n = read_tokens(&words, false).unwrap();
        assert_eq!(ratio_value(n), (d(20_000_000), d(3)));
    }

    #[test]
    fn ordinals_of_weak_words_alone_are_weak() {
        let first = Word::Ordinal {
            value: Decimal::ONE,
            kind: OrdinalKind::Weak,
        };
        assert!(compose_test(&[first]).unwrap().weak);
        assert!(!compose_test(&[value(20), first]).unwrap().weak);
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

    fn tokens(words: &[Word]) -> Vec<Token> {
        words
            .iter()
            .map(|&word| Token {
                word,
                joined: false,
                fraction_joined: false,
            })
            .collect()
    }

    fn ratio_value(n: WordNumber) -> (Decimal, Decimal) {
        match n.value {
            WordValue::Ratio { num, den } => (num, den),
            WordValue::Quantity(q) => panic!("a quantity {q}, not a ratio"),
        }
    }

    #[test]
    fn fractions_are_ratios_and_whole_parts_add() {
        let d = |v: i64| Decimal::from(v);
        let thirds = Word::Fraction {
            den: d(3),
            ordinal: None,
        };
        // "two thirds"
        let n = read_tokens(&tokens(&[value(2), thirds]), false).unwrap();
        assert_eq!(ratio_value(n), (d(2), d(3)));
        // "one over three", "三分之一"
        let one = Word::Value {
            value: Decimal::ONE,
            weak: true,
        };
        let n = read_tokens(&tokens(&[one, Word::Over, value(3)]), false).unwrap();
        assert_eq!(ratio_value(n), (d(1), d(3)));
        let n = read_tokens(&tokens(&[value(3), Word::Under, one]), false).unwrap();
        assert_eq!(ratio_value(n), (d(1), d(3)));
        // "dois e três quartos": 2.75, a finite decimal; "vinte e três quintos" is 23/5, as
        // "vinte e três" is one number.
        let quarters = Word::Fraction {
            den: d(4),
            ordinal: None,
        };
        let mut mixed = tokens(&[value(2), value(3), quarters]);
        mixed[1].joined = true;
        let n = read_tokens(&mixed, false).unwrap();
        assert_eq!(n.quantity().unwrap().value, Decimal::new(275, 2));
        let fifths = Word::Fraction {
            den: d(5),
            ordinal: None,
        };
        let mut one_number = tokens(&[value(20), value(3), fifths]);
        one_number[1].joined = true;
        let n = read_tokens(&one_number, false).unwrap();
        assert_eq!(ratio_value(n), (d(23), d(5)));
        // A fraction word alone states nothing.
        assert_eq!(read_tokens(&tokens(&[thirds]), false), None);
    }

    #[test]
    fn a_fraction_joiner_joins_a_fraction_and_nothing_else() {
        let d = |v: i64| Decimal::from(v);
        let fraction = |den: i64| Word::Fraction {
            den: d(den),
            ordinal: None,
        };
        let joined = |words: &[Word], at: usize| {
            let mut t = tokens(words);
            t[at].joined = true;
            t[at].fraction_joined = true;
            read_tokens(&t, false)
        };
        // "five and three quarters" is 5.75, "twenty and two thirds" 62/3.
        let n = joined(&[value(5), value(3), fraction(4)], 1).unwrap();
        assert_eq!(n.quantity().unwrap().value, Decimal::new(575, 2));
        let n = joined(&[value(20), value(2), fraction(3)], 1).unwrap();
        assert_eq!(ratio_value(n), (d(62), d(3)));
        // After a scale word the fraction is one of that scale: "cinq milliards et trois quarts".
        let billion = Word::Scale(d(1_000_000_000));
        let n = joined(&[value(5), billion, value(3), fraction(4)], 2).unwrap();
        assert_eq!(n.quantity().unwrap().value, d(5_750_000_000));
        // "cinco y medio": a fraction that is a value of its own.
        let half = Word::Value {
            value: Decimal::new(5, 1),
            weak: true,
        };
        let n = joined(&[value(5), half], 1).unwrap();
        assert_eq!(n.quantity().unwrap().value, Decimal::new(55, 1));
        // "between two and three": no one number.
        assert_eq!(joined(&[value(2), value(3)], 1), None);
        // The joiner before the first word of a number is outside it.
        let n = joined(&[value(3), fraction(4)], 0).unwrap();
        assert_eq!(ratio_value(n), (d(3), d(4)));
    }

    #[test]
    fn an_ordinal_fraction_word_stays_an_ordinal_where_it_completes_one() {
        let d = |v: i64| Decimal::from(v);
        let fifth = Word::Fraction {
            den: d(5),
            ordinal: Some(OrdinalKind::Adds),
        };
        let one = Word::Value {
            value: Decimal::ONE,
            weak: true,
        };
        // "twenty-fifth" is an ordinal, "fifth" alone too, "one fifth" a fraction.
        let n = read_tokens(&tokens(&[value(20), fifth]), false).unwrap();
        assert!(n.ordinal);
        assert_eq!(n.quantity().unwrap().value, d(25));
        assert!(read_tokens(&tokens(&[fifth]), false).unwrap().ordinal);
        let n = read_tokens(&tokens(&[one, fifth]), false).unwrap();
        assert_eq!(ratio_value(n), (d(1), d(5)));
    }

    #[test]
    fn spoken_decimals_read_digits_or_a_number_after_the_mark() {
        let hundred = Word::Multiplier(Decimal::ONE_HUNDRED);
        let zero = Word::Value {
            value: Decimal::ZERO,
            weak: true,
        };
        // "two hundred point zero three", "two hundred point seventy-one"
        let n = read_tokens(
            &tokens(&[value(2), hundred, Word::Point, zero, value(3)]),
            false,
        )
        .unwrap();
        assert_eq!(n.quantity().unwrap().value, Decimal::new(20003, 2));
        let n = read_tokens(
            &tokens(&[value(2), hundred, Word::Point, value(70), value(1)]),
            false,
        )
        .unwrap();
        assert_eq!(n.quantity().unwrap().value, Decimal::new(20071, 2));
        // "two point five million"
        let million = Word::Scale(Decimal::from(1_000_000));
        let n = read_tokens(&tokens(&[value(2), Word::Point, value(5), million]), false).unwrap();
        assert_eq!(n.quantity().unwrap().value, Decimal::from(2_500_000));
        // "две целых пять десятых"
        let tenths = Word::Fraction {
            den: Decimal::TEN,
            ordinal: None,
        };
        let n = read_tokens(&tokens(&[value(2), Word::Point, value(5), tenths]), false).unwrap();
        assert_eq!(n.quantity().unwrap().value, Decimal::new(25, 1));
    }

    #[test]
    fn a_dropped_last_unit_counts_the_next_lower_one() {
        let hundred = Word::Multiplier(Decimal::ONE_HUNDRED);
        let thousand = Word::Multiplier(Decimal::from(1000));
        let wan = Word::Scale(Decimal::from(10_000));
        let zero = Word::Value {
            value: Decimal::ZERO,
            weak: true,
        };
        // 两千四百五 = 2450, 一万五 = 15 000, 一千零五 = 1005; without the rule 二百五 is 205.
        let words = [value(2), thousand, value(4), hundred, value(5)];
        assert_eq!(
            compose(&words, true).unwrap().quantity().unwrap().value,
            Decimal::from(2450)
        );
        assert_eq!(
            compose(&words, false).unwrap().quantity().unwrap().value,
            Decimal::from(2405)
        );
        let n = compose(&[value(1), wan, value(5)], true).unwrap();
        assert_eq!(n.quantity().unwrap().value, Decimal::from(15_000));
        let n = compose(&[value(1), thousand, zero, value(5)], true).unwrap();
        assert_eq!(n.quantity().unwrap().value, Decimal::from(1005));
    }

    #[test]
    fn french_counts_by_twenties_and_a_filled_place_starts_a_new_number() {
        let d = |v: i64| Decimal::from(v);
        assert!(adds_cleanly(d(60), d(11)));
        assert!(adds_cleanly(d(80), d(17)));
        assert!(!adds_cleanly(d(70), d(60)));
        assert!(!adds_cleanly(d(70), d(11)));
        assert!(adds_cleanly(d(100), d(20)));
        assert!(adds_cleanly(d(120), d(5)));
        assert_eq!(lowest_place(d(200)), d(100));
        assert_eq!(lowest_place(d(25)), d(1));
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
