//! Rule files: the language packs, the shared patterns and the concept list, read from YAML.
//!
//! Everything language-specific lives in `rules/` as data and is embedded in the binary, so factdiff
//! works from any folder; `--rules DIR` adds packs or overrides embedded files of the same name.
//! Reading is strict: unknown keys, bad values and regexes that do not compile are errors located as
//! `file:line:col`. This module only reads and checks; `extract` compiles the packs into matchers.

use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::de::{self, Deserializer};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::str::FromStr;

/// The rule files built into the binary, by their path below `rules/`.
const EMBEDDED: &[(&str, &str)] = &[
    ("common.yaml", include_str!("../rules/common.yaml")),
    ("concepts.yaml", include_str!("../rules/concepts.yaml")),
    ("lang/ar.yaml", include_str!("../rules/lang/ar.yaml")),
    ("lang/de.yaml", include_str!("../rules/lang/de.yaml")),
    ("lang/en.yaml", include_str!("../rules/lang/en.yaml")),
    ("lang/es.yaml", include_str!("../rules/lang/es.yaml")),
    ("lang/fr.yaml", include_str!("../rules/lang/fr.yaml")),
    ("lang/it.yaml", include_str!("../rules/lang/it.yaml")),
    ("lang/ja.yaml", include_str!("../rules/lang/ja.yaml")),
    ("lang/pl.yaml", include_str!("../rules/lang/pl.yaml")),
    ("lang/pt.yaml", include_str!("../rules/lang/pt.yaml")),
    ("lang/ru.yaml", include_str!("../rules/lang/ru.yaml")),
    ("lang/vi.yaml", include_str!("../rules/lang/vi.yaml")),
    ("lang/zh.yaml", include_str!("../rules/lang/zh.yaml")),
];

/// A list of word forms. A form ending in `*` is a stem that matches any word starting with it;
/// matching ignores case.
pub type Forms = Vec<String>;

/// A regex template from a rule file, checked when read. Placeholders in braces (`{day}`, `{month}`,
/// `{year}`, `{from}` ...) are filled in by `extract`; everything else is regex syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template(pub String);

impl<'de> Deserialize<'de> for Template {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.contains(r"\b") || text.contains(r"\B") {
            return Err(de::Error::custom(format!(
                "pattern `{text}`: leave out \\b: a match must already start and end at a word \
                 boundary, and a Unicode \\b makes matching many times slower on non-Latin text"
            )));
        }
        let probe =
            PLACEHOLDER.replace_all(&text, |c: &regex::Captures| format!("(?P<{}>0)", &c[1]));
        regex::Regex::new(&probe).map_err(|e| {
            de::Error::custom(format!("pattern `{text}`{NOT_COMPILING}{}", one_line(&e)))
        })?;
        Ok(Template(text))
    }
}

static PLACEHOLDER: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\{([a-z_]+)\}").expect("placeholder regex"));

/// The placeholder pattern: `{name}` with a lowercase name.
pub fn placeholder_regex() -> &'static regex::Regex {
    &PLACEHOLDER
}

/// Joins a failing pattern to the reason in messages; `parse` finds the pattern's own line by it.
const NOT_COMPILING: &str = " does not compile: ";

pub(crate) fn one_line(e: &regex::Error) -> String {
    e.to_string()
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// An exact decimal written as a YAML number or string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DecimalText(pub Decimal);

impl<'de> Deserialize<'de> for DecimalText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = yaml_serde::Value::deserialize(deserializer)?;
        let text = match &value {
            yaml_serde::Value::Number(n) => n.to_string(),
            yaml_serde::Value::String(s) => s.clone(),
            _ => return Err(de::Error::custom("expected a number")),
        };
        Decimal::from_str(&text)
            .or_else(|_| Decimal::from_scientific(&text))
            .map(DecimalText)
            .map_err(|_| de::Error::custom(format!("'{text}' is not a decimal number")))
    }
}

/// Rules shared by every language: masks, identifiers, ISO dates, dash ranges, ratios, digits.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Common {
    /// Digit sets, ten characters each, zero first; every language reads all of them.
    pub digits: Vec<String>,
    /// Separators whose meaning is the same in every language.
    pub decimal: Vec<String>,
    pub group: Vec<String>,
    /// Spans that never hold facts (URLs, e-mail addresses).
    pub mask: Vec<Template>,
    pub identifiers: Vec<Template>,
    pub dates: Vec<Template>,
    /// Times of day every language writes alike: `{hour}:{minute}`.
    #[serde(default)]
    pub times: Vec<Template>,
    /// Time zone abbreviations written after a time: GMT, UTC, CET.
    #[serde(default)]
    pub time_zones: Forms,
    pub ranges: Vec<Template>,
    pub ratios: Vec<Template>,
    pub percent_signs: Vec<String>,
    /// Comparison signs every language writes alike before a number: `>`, `<=`, `≥`.
    #[serde(default)]
    pub qualifiers: Qualifiers,
    /// A bare four-digit number in this span is read as a year when nothing says otherwise.
    pub bare_years: YearSpan,
    /// Units of measure and currencies, by id; packs add the words of their language.
    #[serde(default)]
    pub units: BTreeMap<String, UnitDef>,
}

/// A unit: what it measures and how to convert it to the base unit of that dimension
/// (`base = value × factor + offset`). Currencies never convert: each is its own dimension.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitDef {
    /// length, area, mass, volume, temperature, speed, time, data, energy, power, angle,
    /// percentage_point or currency.
    pub dimension: String,
    #[serde(default = "one")]
    pub factor: DecimalText,
    #[serde(default = "zero")]
    pub offset: DecimalText,
    /// Symbols written after the number in every language: km, kg, °C, USD.
    #[serde(default)]
    pub symbols: Forms,
    /// Symbols written before the number: $, €, £, US$.
    #[serde(default)]
    pub prefixes: Forms,
    /// A subunit of this currency ("cent" of `usd`): a figure in it is read as `factor` times
    /// the figure in the currency ("50 cents" is 0.50 dollars).
    #[serde(default)]
    pub subunit_of: Option<String>,
    /// Degrees on a scale the text does not name ("98 degrees", "85°"): the figure agrees with
    /// the same figure in any unit of the dimension.
    #[serde(default)]
    pub any_scale: bool,
    /// Other units a figure in this one may stand for, tried when the figure meets a fact it
    /// would contradict as written: bare degrees ("80 degrees", "27 градусов") are Fahrenheit in
    /// one country and Celsius in another; a "pound" ("ポンド", "funtów") is money or mass.
    #[serde(default)]
    pub reads_as: Vec<String>,
    /// The speed unit a figure in this length becomes after a pack's `per_hour_before` word
    /// ("時速85マイル", "每小时 85 英里" are 85 `mph`).
    #[serde(default)]
    pub per_hour: Option<String>,
    /// The concept (concepts.yaml) whose counted nouns are figures in this unit in every pack:
    /// "3 Stunden", "3 heures", "3小时" are 3 `hour`.
    #[serde(default)]
    pub noun: Option<String>,
}

fn one() -> DecimalText {
    DecimalText(Decimal::ONE)
}

fn zero() -> DecimalText {
    DecimalText(Decimal::ZERO)
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearSpan {
    pub from: u32,
    pub to: u32,
}

/// The direction a language is written in; reports lay its text out that way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One language pack, `rules/lang/<code>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LangPack {
    pub code: String,
    pub name: String,
    /// The direction the language is written in: `ltr` (the default) or `rtl` (Arabic).
    #[serde(default)]
    pub direction: Direction,
    pub detect: Detect,
    pub numbers: Numbers,
    #[serde(default)]
    pub percent_words: Forms,
    /// Percent words written before the number: "百分之" (百分之五十 = 50 %).
    #[serde(default)]
    pub percent_prefixes: Forms,
    /// Words before a figure in a length that make it a speed per hour: "時速" (時速85マイル),
    /// "每小时" (每小时 85 英里); the length unit's `per_hour` names the speed.
    #[serde(default)]
    pub per_hour_before: Forms,
    /// Words after a number that count tenths: "割", "成" (3割 = 30 %, ９成 = 90 %).
    #[serde(default)]
    pub percent_tenths: Forms,
    #[serde(default)]
    pub scales: Vec<Scale>,
    #[serde(default)]
    pub qualifiers: Qualifiers,
    /// Qualifiers written after the number: "200 и более", "٥٠٠ على الأقل", "200 or more".
    /// Their `not_after` is not used.
    #[serde(default)]
    pub qualifiers_after: Qualifiers,
    /// Twelve lists of month forms, January first, every inflected form.
    pub months: Vec<Forms>,
    /// Date templates using `{day}`, `{month}` (a month word), `{month_num}`, `{year}` and `{yy}`
    /// (two digits). `{day_words}` is a day written in the pack's number or ordinal words
    /// ("premier", "первого", "twenty-first", "dos"); `{day_ordinal}` the same but ordinal words
    /// only ("May twenty-first", never "May one"). `{clause_end}` is as in `times`: a year after
    /// a comma only where the clause ends ("12 de enero, 2016.").
    #[serde(default)]
    pub dates: Vec<Template>,
    /// Time-of-day templates using `{hour}`, `{minute}`, `{second}`, `{zone}` (common.yaml's
    /// `time_zones`) and `{am}` / `{pm}` / `{night}` (the pack's `clock_words`): `{hour} h
    /// {minute}`, `{hour}:{minute} {pm}`, `{pm}{hour}点`. `{hour}` and `{minute}` are digits or
    /// the pack's number words ("eight", "сорок пять", "十二"), `{hour_words}` words only (where a
    /// bare figure would be a count: "o siódmej rano"); `{minute}` is also a clock fraction
    /// ("half", "demie"). `{clause_end}` matches no text: the template holds only where the clause
    /// ends after it, at a punctuation mark or the end of a line ("alle 15." but not "alle 15
    /// regioni"). Minutes counted back from the hour are `{minutes_before}` (digits, words
    /// or a fraction: "без {minutes_before} {hour}", "{minutes_before} minutes to {hour}") or
    /// `{fraction_before}` (a fraction only, where digits would read a range: "a
    /// {fraction_before} to {hour}"); a fraction of the hour that is coming is `{fraction_into}`
    /// before `{hour}` ("halb neun" and "половина девятого" are 8:30). An hour of 1 to 12 written
    /// in words with no am, pm or night word keeps 12 hours later as its other reading ("half past
    /// eight" is 08:30 or 20:30).
    #[serde(default)]
    pub times: Vec<Template>,
    /// Words that put a time before or after noon: "a.m.", "p.m.", "上午", "下午".
    #[serde(default)]
    pub clock_words: ClockWords,
    /// Templates that make a number a year: `в {year} году`, `{year} г.`.
    #[serde(default)]
    pub years: Vec<Template>,
    /// Word ranges: `от {from} до {to}` (figures in digits, a percent sign allowed on either),
    /// `between {from_any} and {to_any}` (digits or a small number in words).
    #[serde(default)]
    pub ranges: Vec<Template>,
    /// Suffixes glued to a number that make it an ordinal: `-го`, `e`, `th`.
    #[serde(default)]
    pub ordinal_suffixes: Vec<String>,
    /// Words right before a number that make it an ordinal: "thứ" (lần thứ 14), "الـ".
    #[serde(default)]
    pub ordinal_prefixes: Forms,
    /// Unit words of this language by unit id from `common.yaml`: `km: [километр*, км]`.
    #[serde(default)]
    pub units: BTreeMap<String, Forms>,
    /// Unit words of this language written before the figure: `celsius: [摂氏]`, `cny: [¥]`.
    /// They take precedence over the common prefixes.
    #[serde(default)]
    pub units_before: BTreeMap<String, Forms>,
    /// Identifier templates of this language, read after the common ones and after dates: `№\s?{id}`,
    /// `(?i:résolution)\s+{id}`. The fact's value is what `{id}` matched (the code alone, so
    /// "Resolution 68" and "резолюция № 68" agree), or the whole match without `{id}`.
    #[serde(default)]
    pub identifiers: Vec<Template>,
    /// Counted nouns after a number, by concept id from `concepts.yaml`.
    #[serde(default)]
    pub nouns: BTreeMap<String, Forms>,
    /// Words that may stand between a number and its counted noun ("de", "of").
    #[serde(default)]
    pub noun_gap: Forms,
    /// Numbers written as words: "двух", "vingt-cinq", "three million", "三千五百万".
    #[serde(default)]
    pub number_words: NumberWords,
    /// Nouns that ordinals written as Roman numerals or weak ordinal words number: "XIV съезд",
    /// "Đại hội XIII", "XVe siècle", "the second term". Without one nearby, "a second", "at
    /// first" or a lone "I" is no fact.
    #[serde(default)]
    pub numbered_nouns: Forms,
    /// Capital letters that are words of this language, never Roman numerals: English "I".
    #[serde(default)]
    pub roman_words: Vec<String>,
    /// Words whose full stop does not end a sentence.
    #[serde(default)]
    pub abbreviations: Vec<String>,
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// Words of the clock. `am`, `pm` and `night` stand with an hour (`{am}`, `{pm}`, `{night}` in
/// time templates) and move it; `noon` and `midnight` are times of their own, wherever they
/// stand; `quarter`, `half` and `three_quarters` are minutes (15, 30,
/// 45) wherever a template reads `{minute}`, `{minutes_before}`, `{fraction_before}` or
/// `{fraction_into}`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockWords {
    /// Before noon: "a.m.", "du matin", "утра", "上午", "凌晨" (hour 0 to 12; 12 a.m. is 00:00).
    #[serde(default)]
    pub am: Forms,
    /// After noon: "p.m.", "du soir", "вечера", "下午", "tối" (1 to 11 move by 12 hours).
    #[serde(default)]
    pub pm: Forms,
    /// The night, either side of midnight: "ночи", "đêm", "in der Nacht": 6 to 11 are the
    /// evening (11 ночи is 23:00), 12 is midnight, 1 to 5 the small hours (2 ночи is 02:00).
    #[serde(default)]
    pub night: Forms,
    /// Noon alone: "noon", "midday", "полдень", "正午" (12:00).
    #[serde(default)]
    pub noon: Forms,
    /// Midnight alone: "midnight", "minuit", "полночь", "Mitternacht" (00:00).
    #[serde(default)]
    pub midnight: Forms,
    #[serde(default)]
    pub quarter: Forms,
    #[serde(default)]
    pub half: Forms,
    #[serde(default)]
    pub three_quarters: Forms,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Detect {
    /// Scripts the language is written in: Latin, Cyrillic, Arabic, Han, ...
    pub scripts: Vec<String>,
    /// Frequent words, lower case, that tell this language from others sharing its script.
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Numbers {
    pub decimal: Vec<String>,
    pub group: Vec<String>,
    /// How a separator that is both decimal and grouping is read ("1.250") when the document itself
    /// gives no evidence.
    pub ambiguous: Reading,
    /// Words standing before a figure that make it negative: "minus 5", "минус 5", "负三十二".
    #[serde(default)]
    pub minus: Forms,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    Group,
    Decimal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub factor: DecimalText,
    pub words: Forms,
    /// Abbreviations matched as written, capitals and all, glued to the figure or spaced: "3M",
    /// "10k", "5bn", "1,2 Mio." ("5 m" is metres, never 5 million).
    #[serde(default)]
    pub symbols: Forms,
}

/// Numbers written as words. A number is a run of these words (separated by spaces or hyphens,
/// or by a joiner such as "and"); its value is composed the usual way: values add ("twenty" +
/// "five"), `multipliers` multiply what precedes them within a group ("two hundred", "三千"), and
/// the pack's `scales` close a group ("two hundred thousand", "二十三万").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberWords {
    /// Word forms by the value they add, every inflection: `2: [два, две, двух, двум, двумя]`.
    #[serde(default)]
    pub values: BTreeMap<DecimalText, Forms>,
    /// Words multiplying what precedes them below the scale words: `100: [hundred]`, `10: [十]`.
    #[serde(default)]
    pub multipliers: BTreeMap<DecimalText, Forms>,
    /// Ordinal words by value; they end a number: `14: [четырнадцатый, ...]`, `2: [deuxième]`.
    #[serde(default)]
    pub ordinals: BTreeMap<DecimalText, Forms>,
    /// Words joining the parts of one number: "and", "et", "i".
    #[serde(default)]
    pub joiners: Forms,
    /// Words joining a fraction to a whole part, and nothing else: "two and three quarters",
    /// "cinq et un quart", "cinque miliardi e tre quarti". Between other number words they join
    /// nothing ("between two and three" stays two numbers).
    #[serde(default)]
    pub fraction_joiners: Forms,
    /// Forms that are numbers only sometimes (articles, "one", "одна"): a number made of these
    /// alone is no fact, but "a million" or "une centaine" is. An ordinal made of these alone
    /// ("first", "second", "premier") counts only next to a noun of `numbered_nouns`; other
    /// ordinal words stand alone ("the eleventh", "четвёртого").
    #[serde(default)]
    pub weak: Forms,
    /// Whether the words of one number stand apart (most languages) or run together (zh, ja).
    #[serde(default = "spaced_default")]
    pub spaced: bool,
    /// Decimal marks spoken as words: "two point five", "zwei Komma drei", "trois virgule cinq".
    #[serde(default)]
    pub points: Forms,
    /// Denominators of fractions by value, forms that are no ordinal: `3: [thirds]`, `2: [demi]`.
    /// A fraction ends a number: "two thirds" is the ratio 2/3.
    #[serde(default)]
    pub fractions: BTreeMap<DecimalText, Forms>,
    /// Words between a numerator and its denominator: "one over three", "un sur trois".
    #[serde(default)]
    pub over: Forms,
    /// Words between a denominator and its numerator: 三分之一, 3分の1.
    #[serde(default)]
    pub under: Forms,
    /// Whether a last digit after a round unit stands for the next lower unit, as in Chinese
    /// and Japanese (两千四百五 is 2450, 一万五 15 000; 零 marks a gap: 一千零五 is 1005).
    #[serde(default)]
    pub dropped_unit: bool,
}

impl Default for NumberWords {
    fn default() -> Self {
        NumberWords {
            values: BTreeMap::new(),
            multipliers: BTreeMap::new(),
            ordinals: BTreeMap::new(),
            joiners: Vec::new(),
            fraction_joiners: Vec::new(),
            weak: Vec::new(),
            spaced: true,
            points: Vec::new(),
            fractions: BTreeMap::new(),
            over: Vec::new(),
            under: Vec::new(),
            dropped_unit: false,
        }
    }
}

fn spaced_default() -> bool {
    true
}

/// Words before a number that bound it; `not_after` lists words that, standing right before such a
/// word, make it a plain preposition ("снизился до 17%" is a value, not "up to").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualifiers {
    #[serde(default)]
    pub more_than: Forms,
    #[serde(default)]
    pub less_than: Forms,
    #[serde(default)]
    pub about: Forms,
    #[serde(default)]
    pub at_least: Forms,
    #[serde(default)]
    pub at_most: Forms,
    #[serde(default)]
    pub not_after: Forms,
}

/// A pack example: a text and the facts it must yield, in order, compared on the keys given.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    pub facts: Vec<BTreeMap<String, yaml_serde::Value>>,
}

/// `rules/concepts.yaml`: the cross-language concepts counted nouns map to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concepts {
    pub concepts: BTreeMap<String, String>,
}

/// All rules of a run.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub common: Common,
    pub concepts: Concepts,
    pub packs: BTreeMap<String, LangPack>,
    /// Raw text of each file read, by display name, for locating later errors.
    pub sources: BTreeMap<String, String>,
}

impl RuleSet {
    /// The embedded rules.
    pub fn embedded() -> Result<RuleSet> {
        RuleSet::build(embedded_files())
    }

    /// The embedded rules with the files of each of `dirs` added or put in their place, in order:
    /// a later folder's file replaces an earlier one of the same name.
    pub fn with_dirs(dirs: &[std::path::PathBuf]) -> Result<RuleSet> {
        let found = dirs
            .iter()
            .map(|dir| rule_files_in(dir))
            .collect::<Result<Vec<_>>>()?;
        let files = found
            .into_iter()
            .flatten()
            .map(|(name, path)| {
                let text = std::fs::read_to_string(&path).map_err(|e| Error::Rule {
                    file: path.display().to_string(),
                    line: 0,
                    column: 0,
                    message: format!("cannot read: {e}"),
                })?;
                Ok(RuleFile {
                    name,
                    shown: path.display().to_string(),
                    text,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        RuleSet::with_files(files)
    }

    /// The embedded rules with these files added or put in their place, in order.
    pub fn with_files(files: Vec<RuleFile>) -> Result<RuleSet> {
        let mut all = embedded_files();
        for file in files {
            all.insert(file.name, (file.shown, file.text));
        }
        RuleSet::build(all)
    }

    pub fn pack(&self, code: &str) -> Option<&LangPack> {
        self.packs.get(code)
    }

    /// The pack of a language tag as paths and documents write it: the tag itself, else its
    /// primary subtag (`pt_BR`, `pt-BR`, `PT` → `pt`).
    pub fn pack_for_tag(&self, tag: &str) -> Option<&LangPack> {
        self.pack(tag).or_else(|| {
            let primary = tag.split(['-', '_']).next()?.trim().to_lowercase();
            self.pack(&primary)
        })
    }

    pub fn codes(&self) -> Vec<&str> {
        self.packs.keys().map(String::as_str).collect()
    }

    fn build(files: BTreeMap<String, (String, String)>) -> Result<RuleSet> {
        let mut common = None;
        let mut concepts = None;
        let mut packs = BTreeMap::new();
        let mut sources = BTreeMap::new();
        for (name, (shown, text)) in files {
            match name.as_str() {
                "common.yaml" => common = Some(parse::<Common>(&shown, &text)?),
                "concepts.yaml" => concepts = Some(parse::<Concepts>(&shown, &text)?),
                _ => {
                    let pack = parse::<LangPack>(&shown, &text)?;
                    check_pack(&shown, &text, &pack, &name)?;
                    packs.insert(pack.code.clone(), pack);
                }
            }
            sources.insert(shown, text);
        }
        let rules = RuleSet {
            common: common.expect("common.yaml is embedded"),
            concepts: concepts.expect("concepts.yaml is embedded"),
            packs,
            sources,
        };
        rules.check_concepts()?;
        rules.check_subunits()?;
        rules.check_unit_nouns()?;
        rules.check_unit_readings()?;
        Ok(rules)
    }

    /// A subunit must divide a currency defined in common.yaml.
    fn check_subunits(&self) -> Result<()> {
        let units = &self.common.units;
        for (id, def) in units {
            let Some(parent) = &def.subunit_of else {
                continue;
            };
            let is_currency = |d: &UnitDef| d.dimension == "currency" && d.subunit_of.is_none();
            if def.dimension != "currency" || !units.get(parent).is_some_and(is_currency) {
                return Err(self.unit_error(
                    id,
                    format!(
                        "unit '{id}': subunit_of '{parent}' must name a currency, and '{id}' be one"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// A unit that counts the nouns of a concept must name one of concepts.yaml.
    fn check_unit_nouns(&self) -> Result<()> {
        let unknown = self.common.units.iter().find_map(|(id, def)| {
            let concept = def.noun.as_ref()?;
            (!self.concepts.concepts.contains_key(concept)).then_some((id, concept))
        });
        let Some((id, concept)) = unknown else {
            return Ok(());
        };
        Err(self.unit_error(
            id,
            format!("unit '{id}': noun '{concept}' is not a concept of concepts.yaml"),
        ))
    }

    /// A unit may only be read as units defined in common.yaml.
    fn check_unit_readings(&self) -> Result<()> {
        let units = &self.common.units;
        let unknown = units.iter().find_map(|(id, def)| {
            let reads_as = def.reads_as.iter().map(|u| ("reads_as", u));
            let per_hour = def.per_hour.iter().map(|u| ("per_hour", u));
            let (key, other) = reads_as
                .chain(per_hour)
                .find(|(_, u)| !units.contains_key(*u))?;
            Some((id, key, other))
        });
        let Some((id, key, other)) = unknown else {
            return Ok(());
        };
        Err(self.unit_error(
            id,
            format!("unit '{id}': {key} '{other}' is not a unit of common.yaml"),
        ))
    }

    /// The unit `id` of common.yaml with its conversion and the units it may be read as.
    pub fn unit(&self, id: &str) -> Option<crate::fact::Unit> {
        let defs = &self.common.units;
        Some(unit_from(id, defs.get(id)?, defs))
    }

    /// An error located at the definition of unit `id` in common.yaml.
    fn unit_error(&self, id: &str, message: String) -> Error {
        let file = self.file_of_common();
        let source = self.sources.get(&file).map_or("", String::as_str);
        let (line, column) = locate(source, &format!("  {id}:"));
        Error::Rule {
            file,
            line,
            column,
            message,
        }
    }

    fn file_of_common(&self) -> String {
        self.sources
            .keys()
            .find(|k| k.ends_with("common.yaml"))
            .cloned()
            .unwrap_or_else(|| "common.yaml".to_string())
    }

    /// Every concept and unit a pack names must be defined (concepts.yaml, common.yaml).
    fn check_concepts(&self) -> Result<()> {
        let concepts: BTreeSet<&String> = self.concepts.concepts.keys().collect();
        let units: BTreeSet<&String> = self.common.units.keys().collect();
        for pack in self.packs.values() {
            let unknown_concept = pack.nouns.keys().find(|c| !concepts.contains(c));
            let unknown_unit = pack
                .units
                .keys()
                .chain(pack.units_before.keys())
                .find(|u| !units.contains(u));
            let (name, what) = match (unknown_concept, unknown_unit) {
                (Some(c), _) => (c, "concept (not in concepts.yaml)"),
                (None, Some(u)) => (u, "unit (not in common.yaml)"),
                (None, None) => continue,
            };
            let file = self.file_of(&pack.code);
            let (line, column) = locate(self.sources.get(&file).map_or("", String::as_str), name);
            return Err(Error::Rule {
                file,
                line,
                column,
                message: format!("unknown {what}: '{name}'"),
            });
        }
        Ok(())
    }

    /// The display name of the file a pack was read from.
    pub fn file_of(&self, code: &str) -> String {
        let suffix = format!("lang/{code}.yaml");
        self.sources
            .keys()
            .find(|k| k.ends_with(&suffix))
            .cloned()
            .unwrap_or(suffix)
    }
}

/// The text of one rule file, as read.
pub struct RuleFile {
    /// Its name below a rules folder: `common.yaml`, `concepts.yaml` or `lang/<code>.yaml`.
    pub name: String,
    /// The path errors name.
    pub shown: String,
    pub text: String,
}

fn embedded_files() -> BTreeMap<String, (String, String)> {
    EMBEDDED
        .iter()
        .map(|(name, text)| {
            (
                name.to_string(),
                (format!("rules/{name}"), text.to_string()),
            )
        })
        .collect()
}

/// `common.yaml`, `concepts.yaml` and `lang/*.yaml` below `dir`, by their name below it.
fn rule_files_in(dir: &Path) -> Result<Vec<(String, std::path::PathBuf)>> {
    let unreadable = |e: std::io::Error| Error::Rule {
        file: dir.display().to_string(),
        line: 0,
        column: 0,
        message: format!("cannot read rules folder: {e}"),
    };
    if !dir.is_dir() {
        return Err(unreadable(std::io::Error::other("not a folder")));
    }
    let mut found = Vec::new();
    for name in ["common.yaml", "concepts.yaml"] {
        if dir.join(name).is_file() {
            found.push((name.to_string(), dir.join(name)));
        }
    }
    let lang_dir = dir.join("lang");
    if lang_dir.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(&lang_dir)
            .map_err(unreadable)?
            .collect::<std::io::Result<_>>()
            .map_err(unreadable)?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".yaml") {
                found.push((format!("lang/{name}"), entry.path()));
            }
        }
    }
    Ok(found)
}

/// Reads one YAML rule file strictly; errors carry `file:line:col`.
pub fn parse<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<T> {
    yaml_serde::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_string();
        // serde places errors inside a list at the list's start; a bad pattern is found by its text.
        let (line, column) = failing_pattern(&message)
            .and_then(|pattern| locate_after(text, line, &pattern))
            .unwrap_or((line, column));
        Error::Rule {
            file: file.to_string(),
            line,
            column,
            message,
        }
    })
}

fn failing_pattern(message: &str) -> Option<String> {
    let start = message.find("pattern `")? + "pattern `".len();
    let end = message.rfind(&format!("`{NOT_COMPILING}"))?;
    message.get(start..end).map(str::to_string)
}

/// Where a value stands in the YAML source at or after `from_line`, plain or double-quote escaped.
fn locate_after(text: &str, from_line: usize, value: &str) -> Option<(usize, usize)> {
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    let skipped: usize = text
        .split_inclusive('\n')
        .take(from_line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[skipped..];
    let needle = if rest.contains(&escaped) {
        escaped.as_str()
    } else {
        value
    };
    let (line, column) = locate(rest, needle);
    (line > 0).then(|| (line + from_line.saturating_sub(1), column))
}

fn check_pack(file: &str, text: &str, pack: &LangPack, name: &str) -> Result<()> {
    let fail = |needle: &str, message: String| {
        let (line, column) = locate(text, needle);
        Err(Error::Rule {
            file: file.to_string(),
            line,
            column,
            message,
        })
    };
    let expected = format!("lang/{}.yaml", pack.code);
    if name != expected {
        return fail(
            "code:",
            format!("pack code '{}' does not match its file name", pack.code),
        );
    }
    if pack.months.len() != 12 {
        return fail(
            "months:",
            format!("months lists {} months, not 12", pack.months.len()),
        );
    }
    Ok(())
}

/// Line and column (1-based) of the first occurrence of `needle`, or 0:0 when absent.
pub fn locate(text: &str, needle: &str) -> (usize, usize) {
    text.find(needle).map_or((0, 0), |at| {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (line, column)
    })
}

/// Unit `id`, defined by `def`, with the units of `defs` it may be read as (one level: a
/// reading's own readings are not followed).
pub fn unit_from(id: &str, def: &UnitDef, defs: &BTreeMap<String, UnitDef>) -> crate::fact::Unit {
    let plain = |id: &str, def: &UnitDef| crate::fact::Unit {
        id: id.to_string(),
        dimension: def.dimension.clone(),
        factor: def.factor.0,
        offset: def.offset.0,
        any_scale: def.any_scale,
        readings: Vec::new(),
    };
    crate::fact::Unit {
        readings: def
            .reads_as
            .iter()
            .filter_map(|other| Some(plain(other, defs.get(other)?)))
            .collect(),
        ..plain(id, def)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_load() {
        let rules = RuleSet::embedded().unwrap();
        assert!(rules.codes().contains(&"ru"));
    }

    #[test]
    fn several_rule_folders_add_packs_and_the_later_one_wins() {
        let russian = include_str!("../rules/lang/ru.yaml");
        let folder = |code: &str, name: &str| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir(dir.path().join("lang")).unwrap();
            let pack = russian
                .replacen("code: ru", &format!("code: {code}"), 1)
                .replacen("name: Russian", &format!("name: {name}"), 1);
            std::fs::write(dir.path().join(format!("lang/{code}.yaml")), pack).unwrap();
            dir
        };
        let (first, second, again) = (
            folder("xa", "First"),
            folder("xb", "Second"),
            folder("xa", "Later"),
        );
        let dirs = [first.path(), second.path(), again.path()].map(|p| p.to_path_buf());
        let rules = RuleSet::with_dirs(&dirs).unwrap();
        assert_eq!(rules.pack("xb").unwrap().name, "Second");
        assert_eq!(rules.pack("xa").unwrap().name, "Later");
        assert!(rules.pack("ru").is_some());
    }

    #[test]
    fn a_subunit_must_divide_a_currency() {
        let dir = tempfile::tempdir().unwrap();
        let common =
            include_str!("../rules/common.yaml").replace("subunit_of: usd}", "subunit_of: km}");
        std::fs::write(dir.path().join("common.yaml"), common).unwrap();
        let err = RuleSet::with_dirs(&[dir.path().to_path_buf()]).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("unit 'cent': subunit_of 'km'"), "{text}");
        assert!(text.contains("common.yaml:"), "{text}");
    }

    #[test]
    fn a_counted_unit_must_name_a_concept() {
        let dir = tempfile::tempdir().unwrap();
        let common = include_str!("../rules/common.yaml").replace("noun: decade}", "noun: decad}");
        std::fs::write(dir.path().join("common.yaml"), common).unwrap();
        let err = RuleSet::with_dirs(&[dir.path().to_path_buf()]).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("unit 'decade': noun 'decad'"), "{text}");
        assert!(text.contains("common.yaml:"), "{text}");
    }

    #[test]
    fn unknown_key_is_located() {
        let err = parse::<Concepts>("c.yaml", "concepts: {}\nextra: 1\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("c.yaml:2:1: unknown field `extra`"),
            "{text}"
        );
    }

    #[test]
    fn bad_regex_is_located() {
        let yaml = "years:\n  - ok\n  - \"(unclosed\"\n";
        let slow = parse::<BTreeMap<String, Vec<Template>>>("p.yaml", "years:\n  - \"\\\\bok\"\n");
        assert!(slow.unwrap_err().to_string().contains("leave out \\b"));
        let err = parse::<BTreeMap<String, Vec<Template>>>("p.yaml", yaml).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("p.yaml:3:"), "{text}");
        assert!(
            text.contains("pattern `(unclosed` does not compile"),
            "{text}"
        );
    }
}
