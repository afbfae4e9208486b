//! Scoring one Recognizers-Text spec file against factdiff's extraction: which cases count, what
//! each expected result is in factdiff's fact model, and whether the facts of the phrase meet it.
//! The `recognizers` example prints the tallies; tests/recognizers_scoring.rs runs this module on a
//! fixture. The mapping is described in the example's doc comment (main.rs).

use factdiff::fact::{Fact, Kind, PartialDate, Qualifier, Unit, Value};
use factdiff::source::Document;
use factdiff::Engine;
use rust_decimal::Decimal;
use serde_json::Value as Json;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

/// The languages the spec set and factdiff share: factdiff's code and the spec folder name.
pub const LANGUAGES: [(&str, &str); 9] = [
    ("en", "English"),
    ("fr", "French"),
    ("de", "German"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("zh", "Chinese"),
    ("ja", "Japanese"),
    ("ar", "Arabic"),
];

/// A Recognizers-Text model, each read from one spec file per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Model {
    Numbers,
    Ordinals,
    Percentages,
    Ranges,
    Currency,
    Dimension,
    Temperature,
    Dates,
    Times,
}

impl Model {
    pub const ALL: [Model; 9] = [
        Model::Numbers,
        Model::Ordinals,
        Model::Percentages,
        Model::Ranges,
        Model::Currency,
        Model::Dimension,
        Model::Temperature,
        Model::Dates,
        Model::Times,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Model::Numbers => "numbers",
            Model::Ordinals => "ordinals",
            Model::Percentages => "percentages",
            Model::Ranges => "ranges",
            Model::Currency => "currency",
            Model::Dimension => "dimension",
            Model::Temperature => "temperature",
            Model::Dates => "dates",
            Model::Times => "times",
        }
    }

    pub fn parse(name: &str) -> Option<Model> {
        Model::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The spec file of this model for a language folder, relative to the corpus.
    pub fn file(self, folder: &str) -> String {
        let (group, file) = match self {
            Model::Numbers => ("Number", "NumberModel"),
            Model::Ordinals => ("Number", "OrdinalModel"),
            Model::Percentages => ("Number", "PercentModel"),
            Model::Ranges => ("Number", "NumberRangeModel"),
            Model::Currency => ("NumberWithUnit", "CurrencyModel"),
            Model::Dimension => ("NumberWithUnit", "DimensionModel"),
            Model::Temperature => ("NumberWithUnit", "TemperatureModel"),
            Model::Dates => ("DateTime", "DateParser"),
            Model::Times => ("DateTime", "TimeParser"),
        };
        format!("{group}/{folder}/{file}.json")
    }
}

/// Why a case is left out of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    NotSupportedByReference,
    NothingExpected,
    ValueNotChecked,
    NoValue,
    RelativeToReference,
    Weekday,
    RelativeOrdinal,
    NoSpan,
    BeyondDecimal,
}

impl Skip {
    pub const ALL: [Skip; 9] = [
        Skip::NotSupportedByReference,
        Skip::NothingExpected,
        Skip::ValueNotChecked,
        Skip::NoValue,
        Skip::RelativeToReference,
        Skip::Weekday,
        Skip::RelativeOrdinal,
        Skip::NoSpan,
        Skip::BeyondDecimal,
    ];

    pub fn reason(self) -> &'static str {
        match self {
            Skip::NotSupportedByReference => {
                "marked NotSupported(ByDesign) for dotnet, the reference implementation"
            }
            Skip::NothingExpected => "no result expected (a negative case)",
            Skip::ValueNotChecked => "IgnoreResolution: the spec does not check the value",
            Skip::NoValue => "the spec gives no value (a unit or sign alone)",
            Skip::RelativeToReference => {
                "relative to the reference date (year not written, within 3 years of it)"
            }
            Skip::Weekday => "a weekday, not a calendar date (timex with W)",
            Skip::RelativeOrdinal => "a relative ordinal (next, last, previous: ordinal.relative)",
            Skip::NoSpan => "the spec's text is not in the input and it gives no span",
            Skip::BeyondDecimal => "the value is beyond an exact decimal's range (about 7.9e28)",
        }
    }
}

/// How one case came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Hit,
    Miss,
    Skipped(Skip),
}

/// One case of a spec file, scored.
#[derive(Debug, Clone)]
pub struct CaseOutcome {
    pub input: String,
    pub verdict: Verdict,
    /// The scored expectations, as factdiff would state them, with the spec's text.
    pub expected: Vec<String>,
    /// The facts factdiff found in the input (only for scored cases).
    pub found: Vec<String>,
}

/// Scores every case of a spec file (its JSON text) read as language `lang`.
pub fn score_file(
    engine: &Engine,
    lang: &str,
    model: Model,
    json: &str,
) -> anyhow::Result<Vec<CaseOutcome>> {
    let cases: Vec<Json> = serde_json::from_str(json.trim_start_matches('\u{feff}'))?;
    cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            score_case(engine, lang, model, case)
                .map_err(|e| anyhow::anyhow!("case {} ({lang} {}): {e}", i + 1, model.name()))
        })
        .collect()
}

fn score_case(
    engine: &Engine,
    lang: &str,
    model: Model,
    case: &Json,
) -> anyhow::Result<CaseOutcome> {
    let input = case["Input"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("no Input"))?
        .to_string();
    let skipped = |skip| CaseOutcome {
        input: input.clone(),
        verdict: Verdict::Skipped(skip),
        expected: Vec::new(),
        found: Vec::new(),
    };
    let results = case["Results"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    if unsupported_by_reference(case) {
        return Ok(skipped(Skip::NotSupportedByReference));
    }
    if results.is_empty() {
        return Ok(skipped(Skip::NothingExpected));
    }
    if case["IgnoreResolution"].as_bool() == Some(true) {
        return Ok(skipped(Skip::ValueNotChecked));
    }
    let reference_year = case["Context"]["ReferenceDateTime"]
        .as_str()
        .and_then(|d| d.get(..4)?.parse().ok());
    let mut expectations = Vec::new();
    let mut first_skip = None;
    for result in results {
        match expectation(model, &input, result, reference_year)? {
            Ok(e) => expectations.push(e),
            Err(skip) => {
                first_skip.get_or_insert(skip);
            }
        }
    }
    if expectations.is_empty() {
        return Ok(skipped(first_skip.unwrap_or(Skip::NothingExpected)));
    }
    let document = Document::from_text(format!("case.{lang}.txt"), input.clone());
    let facts = engine.analyze(document, Some(lang))?.facts;
    let hit = expectations.iter().all(|e| e.met(&facts));
    Ok(CaseOutcome {
        verdict: if hit { Verdict::Hit } else { Verdict::Miss },
        expected: expectations.iter().map(Expected::to_string).collect(),
        found: facts.iter().map(describe_fact).collect(),
        input,
    })
}

/// The reference implementation is .NET: a case it does not pass has never been checked.
fn unsupported_by_reference(case: &Json) -> bool {
    ["NotSupported", "NotSupportedByDesign"].iter().any(|key| {
        case[key].as_str().is_some_and(|platforms| {
            platforms
                .split(',')
                .any(|p| p.trim().eq_ignore_ascii_case("dotnet"))
        })
    })
}

/// One expected result in factdiff's terms: where it stands and what a fact there must state.
#[derive(Debug, Clone)]
pub struct Expected {
    text: String,
    span: Range<usize>,
    want: Want,
}

#[derive(Debug, Clone)]
enum Want {
    /// A number, ordinal or percent of the model's kind with that value.
    Quantity {
        model: Model,
        figure: Figure,
    },
    /// A range or a one-sided bound; `true` marks an inclusive end.
    Bounds {
        low: Option<(Figure, bool)>,
        high: Option<(Figure, bool)>,
    },
    /// An amount in a currency or unit.
    Amount {
        figure: Figure,
        unit: WantUnit,
    },
    Date(PartialDate),
    Time {
        hour: u32,
        minute: u32,
        second: Option<u32>,
    },
    /// Either reading: a subunit as a fraction of its currency or as written in it.
    Either(Box<Want>, Box<Want>),
}

/// An expected value. The .NET implementation prints doubles with 15 to 17 significant digits, so
/// a value written with 15 or more is compared after rounding factdiff's exact value to as many.
#[derive(Debug, Clone, Copy)]
struct Figure {
    value: Decimal,
    rounded_to: Option<u32>,
}

impl Figure {
    fn parse(text: &str) -> Result<Figure, Skip> {
        let text = text.trim().trim_end_matches('%').replace(',', ".");
        let value = if text.contains(['E', 'e']) {
            Decimal::from_scientific(&text)
        } else {
            Decimal::from_str(&text)
        }
        .map_err(|_| Skip::BeyondDecimal)?;
        let mantissa = text.split(['E', 'e']).next().unwrap_or_default();
        let significant = mantissa
            .chars()
            .filter(char::is_ascii_digit)
            .skip_while(|&c| c == '0')
            .count() as u32;
        Ok(Figure {
            value,
            rounded_to: (significant >= 15).then_some(significant),
        })
    }

    fn divided_by(self, divisor: Decimal) -> Figure {
        Figure {
            value: self.value / divisor,
            ..self
        }
    }

    fn matches(&self, value: Decimal) -> bool {
        match self.rounded_to {
            None => value == self.value,
            Some(digits) => value.round_sf(digits) == Some(self.value),
        }
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value.normalize())
    }
}

/// The unit an amount must carry: currencies by ISO code (any currency when `None`), units of
/// measure by what they convert to (dimension, factor and offset to the base unit).
#[derive(Debug, Clone)]
enum WantUnit {
    Currency(Option<Vec<String>>),
    Measure {
        dimension: &'static str,
        factor: Decimal,
        offset: Decimal,
    },
    AnyTemperature,
}

impl WantUnit {
    fn met_by(&self, unit: &Unit) -> bool {
        let close = |a: Decimal, b: Decimal| a.round_dp(20) == b.round_dp(20);
        match self {
            WantUnit::Currency(codes) => {
                unit.dimension == "currency"
                    && codes
                        .as_ref()
                        .is_none_or(|c| c.iter().any(|c| unit.id.eq_ignore_ascii_case(c)))
            }
            WantUnit::Measure {
                dimension,
                factor,
                offset,
            } => {
                unit.dimension == *dimension
                    && close(unit.factor, *factor)
                    && close(unit.offset, *offset)
            }
            WantUnit::AnyTemperature => unit.dimension == "temperature",
        }
    }
}

impl fmt::Display for WantUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WantUnit::Currency(None) => f.write_str("any currency"),
            WantUnit::Currency(Some(codes)) => f.write_str(&codes.join("|")),
            WantUnit::Measure {
                dimension, factor, ..
            } => write!(f, "{dimension}×{}", factor.round_dp(6).normalize()),
            WantUnit::AnyTemperature => f.write_str("any temperature scale"),
        }
    }
}

impl Expected {
    /// Met by a fact that overlaps the expected text, holds every digit of it and states the
    /// expected value; a range with two different ends also by two facts there that bound it
    /// from below and from above ("greater than 100 and smaller than 300").
    fn met(&self, facts: &[Fact]) -> bool {
        let here: Vec<&Fact> = facts.iter().filter(|f| self.overlaps(f)).collect();
        if here
            .iter()
            .any(|f| self.digits_inside(&[f]) && self.want.met_by(f))
        {
            return true;
        }
        let Want::Bounds {
            low: Some(low),
            high: Some(high),
        } = &self.want
        else {
            return false;
        };
        let bound = |low, high| Want::Bounds { low, high };
        let (from_below, from_above) = (bound(Some(*low), None), bound(None, Some(*high)));
        here.iter().any(|l| {
            from_below.met_by(l)
                && here
                    .iter()
                    .any(|h| from_above.met_by(h) && self.digits_inside(&[l, h]))
        })
    }

    fn overlaps(&self, fact: &Fact) -> bool {
        fact.start < self.span.end && self.span.start < fact.end
    }

    fn digits_inside(&self, facts: &[&Fact]) -> bool {
        self.text_digits()
            .all(|at| facts.iter().any(|f| (f.start..f.end).contains(&at)))
    }

    fn text_digits(&self) -> impl Iterator<Item = usize> + '_ {
        self.text
            .char_indices()
            .filter(|(_, c)| c.is_numeric())
            .map(|(i, _)| self.span.start + i)
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} «{}»", self.want, self.text)
    }
}

impl Want {
    fn met_by(&self, fact: &Fact) -> bool {
        match (self, &fact.value) {
            (Want::Quantity { model, figure }, value) => quantity_met(*model, figure, fact, value),
            (Want::Bounds { low, high }, value) => bounds_met(low, high, fact.qualifier, value),
            (Want::Amount { figure, unit }, Value::Quantity(q)) => {
                figure.matches(q.value) && fact.unit.as_ref().is_some_and(|u| unit.met_by(u))
            }
            (Want::Date(want), Value::Date(date)) => want == date,
            (
                Want::Time {
                    hour,
                    minute,
                    second,
                },
                value,
            ) => {
                fact.kind.as_str() == "time"
                    && clock(&value.to_string()).is_some_and(|(h, m, s)| {
                        (h, m, s.unwrap_or(0)) == (*hour, *minute, second.unwrap_or(0))
                    })
            }
            (Want::Either(a, b), _) => a.met_by(fact) || b.met_by(fact),
            _ => false,
        }
    }
}

/// Numbers may be years, a range's end or a fraction written as a ratio; ordinals and percents
/// must be of their kind.
fn quantity_met(model: Model, figure: &Figure, fact: &Fact, value: &Value) -> bool {
    match (model, fact.kind, value) {
        (Model::Numbers, Kind::Number | Kind::Year, Value::Quantity(q)) => figure.matches(q.value),
        (Model::Numbers, _, Value::Range { from, to }) => {
            figure.matches(from.value) || figure.matches(to.value)
        }
        (Model::Numbers, _, Value::Ratio { num, den }) => num
            .value
            .checked_div(den.value)
            .is_some_and(|v| figure.matches(v)),
        (Model::Ordinals, Kind::Ordinal, Value::Quantity(q))
        | (Model::Percentages, Kind::Percent, Value::Quantity(q)) => figure.matches(q.value),
        _ => false,
    }
}

/// Both ends given: a range with those ends (whether an end is open is the library's convention:
/// "between 20 and 30" is `[20,30)`), or one exact figure when they are the same. One end given: a
/// qualified figure, open as more/less than, inclusive as at least/at most.
fn bounds_met(
    low: &Option<(Figure, bool)>,
    high: &Option<(Figure, bool)>,
    qualifier: Qualifier,
    value: &Value,
) -> bool {
    match (low, high, value) {
        (Some((l, _)), Some((h, _)), Value::Range { from, to }) => {
            l.matches(from.value) && h.matches(to.value)
        }
        (Some((l, true)), Some((h, true)), Value::Quantity(q)) if l.value == h.value => {
            qualifier == Qualifier::Exact && l.matches(q.value)
        }
        (Some((l, inclusive)), None, Value::Quantity(q)) => {
            let wanted = if *inclusive {
                Qualifier::AtLeast
            } else {
                Qualifier::MoreThan
            };
            qualifier == wanted && l.matches(q.value)
        }
        (None, Some((h, inclusive)), Value::Quantity(q)) => {
            let wanted = if *inclusive {
                Qualifier::AtMost
            } else {
                Qualifier::LessThan
            };
            qualifier == wanted && h.matches(q.value)
        }
        _ => false,
    }
}

/// Hours, minutes and seconds of a written time of day ("15:45", "T15:45:10", "12:00 GMT").
fn clock(text: &str) -> Option<(u32, u32, Option<u32>)> {
    let text = text.trim_start_matches('T');
    let clock = text
        .split(|c: char| !(c.is_ascii_digit() || c == ':'))
        .next()?;
    let mut parts = clock.split(':').map(|p| p.parse::<u32>().ok());
    let hour = parts.next()??;
    let minute = parts.next().flatten().unwrap_or(0);
    let second = parts.next().flatten();
    Some((hour, minute, second))
}

impl fmt::Display for Want {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Want::Quantity { model, figure } => {
                let kind = match model {
                    Model::Ordinals => "ordinal",
                    Model::Percentages => "percent",
                    _ => "number",
                };
                write!(f, "{kind} {figure}")
            }
            Want::Bounds { low, high } => {
                let end =
                    |b: &Option<(Figure, bool)>| b.map_or(String::new(), |(v, _)| v.to_string());
                let open = |b: &Option<(Figure, bool)>, inclusive: char, exclusive: char| match b {
                    Some((_, true)) => inclusive,
                    _ => exclusive,
                };
                write!(
                    f,
                    "range {}{},{}{}",
                    open(low, '[', '('),
                    end(low),
                    end(high),
                    open(high, ']', ')')
                )
            }
            Want::Amount { figure, unit } => write!(f, "amount {figure} {unit}"),
            Want::Date(d) => write!(f, "date {}", d.iso()),
            Want::Either(a, b) => write!(f, "{a} or {b}"),
            Want::Time {
                hour,
                minute,
                second,
            } => match second {
                Some(s) => write!(f, "time {hour:02}:{minute:02}:{s:02}"),
                None => write!(f, "time {hour:02}:{minute:02}"),
            },
        }
    }
}

/// A fact as `--show` prints it: kind, value, qualifier, unit and text.
pub fn describe_fact(fact: &Fact) -> String {
    let mut out = format!("{} {}", fact.kind, fact.value);
    if fact.qualifier != Qualifier::Exact {
        out.push_str(&format!(" {}", fact.qualifier));
    }
    if let Some(unit) = &fact.unit {
        out.push_str(&format!(" {}", unit.id));
    }
    out.push_str(&format!(" «{}»", fact.text));
    out
}

/// What one result of the spec expects, or why it is not scored. An error is a spec the mapping
/// cannot read (an unknown unit name): the table below must then learn it.
fn expectation(
    model: Model,
    input: &str,
    result: &Json,
    reference_year: Option<i32>,
) -> anyhow::Result<Result<Expected, Skip>> {
    let text = result["Text"].as_str().unwrap_or_default();
    let Some(span) = locate(input, text, result) else {
        return Ok(Err(Skip::NoSpan));
    };
    let text = input[span.clone()].to_string();
    let resolution = &result["Resolution"];
    let want = match model {
        Model::Dates => date(&result["Value"]["Timex"], &text, reference_year),
        Model::Times => time(&result["Value"]["Timex"]),
        Model::Ordinals if result["TypeName"].as_str() == Some("ordinal.relative") => {
            Err(Skip::RelativeOrdinal)
        }
        Model::Numbers | Model::Ordinals | Model::Percentages => {
            value(resolution).map(|figure| Want::Quantity { model, figure })
        }
        Model::Ranges => bounds(resolution),
        Model::Currency => match value(resolution) {
            Ok(figure) => Ok(currency(resolution, figure)?),
            Err(skip) => Err(skip),
        },
        Model::Dimension | Model::Temperature => match value(resolution) {
            Ok(figure) => Ok(Want::Amount {
                figure,
                unit: measure(model, resolution["unit"].as_str().unwrap_or_default())?,
            }),
            Err(skip) => Err(skip),
        },
    };
    Ok(want.map(|want| Expected { text, span, want }))
}

/// The byte span of a result in the input: where its text stands (nearest to the spec's start, as
/// the spec's offsets are sometimes off by a character), else the spec's offsets (inclusive
/// `Start`–`End`, or `Start` and `Length`, in characters) when they fall inside the input.
fn locate(input: &str, text: &str, result: &Json) -> Option<Range<usize>> {
    let chars: Vec<(usize, char)> = input.char_indices().collect();
    let byte_at = |char_index: usize| chars.get(char_index).map_or(input.len(), |c| c.0);
    let start = result["Start"].as_u64().map(|s| s as usize);
    let end = match (&result["End"], &result["Length"]) {
        (Json::Number(end), _) => end.as_u64().map(|e| e as usize + 1),
        (_, Json::Number(len)) => len.as_u64().zip(start).map(|(l, s)| s + l as usize),
        _ => None,
    };
    let wanted = start.map_or(0, byte_at);
    let found = if text.is_empty() {
        None
    } else {
        let lower = input.to_lowercase();
        let (haystack, needle) = if lower.len() == input.len() {
            (lower, text.to_lowercase())
        } else {
            (input.to_string(), text.to_string())
        };
        haystack
            .match_indices(&needle)
            .map(|(at, _)| at..at + needle.len())
            .min_by_key(|r| r.start.abs_diff(wanted))
    };
    found.or_else(|| {
        let (start, end) = (start?, end?);
        (start < end && end <= chars.len()).then(|| byte_at(start)..byte_at(end))
    })
}

fn value(resolution: &Json) -> Result<Figure, Skip> {
    match resolution["value"].as_str() {
        Some(text) if !text.trim().is_empty() && text != "null" => Figure::parse(text),
        _ => Err(Skip::NoValue),
    }
}

/// `(20,35]`, `[50,)`, `(,40]`.
fn bounds(resolution: &Json) -> Result<Want, Skip> {
    let text = resolution["value"].as_str().unwrap_or_default().trim();
    let (Some(open), Some(close)) = (text.chars().next(), text.chars().last()) else {
        return Err(Skip::NoValue);
    };
    let inner = &text[open.len_utf8()..text.len() - close.len_utf8()];
    let (low, high) = inner.split_once(',').ok_or(Skip::NoValue)?;
    let end = |t: &str, inclusive: bool| -> Result<Option<(Figure, bool)>, Skip> {
        if t.trim().is_empty() {
            Ok(None)
        } else {
            Ok(Some((Figure::parse(t)?, inclusive)))
        }
    };
    let (low, high) = (end(low, open == '[')?, end(high, close == ']')?);
    if low.is_none() && high.is_none() {
        return Err(Skip::NoValue);
    }
    Ok(Want::Bounds { low, high })
}

/// `2016-01-12`, `XXXX-10-02` (no year written), `XXXX-XX-15` (a day alone). A date whose year
/// the text does not write in digits and that lies within 3 years of the reference date was
/// resolved from it ("tomorrow", "Friday the 22nd", "two years ago").
fn date(timex: &Json, text: &str, reference_year: Option<i32>) -> Result<Want, Skip> {
    let timex = timex.as_str().ok_or(Skip::NoValue)?;
    if timex.contains('W') {
        return Err(Skip::Weekday);
    }
    let mut fields = timex.split('-');
    let mut field = || fields.next().and_then(|f| f.parse::<i32>().ok());
    let (year, month, day) = (field(), field(), field());
    if let Some(year) = year {
        let written = digit_runs(text).any(|run| run == year || (run == year % 100 && run < 100));
        let near = reference_year.is_none_or(|r| (year - r).abs() <= 3);
        if !written && near {
            return Err(Skip::RelativeToReference);
        }
    }
    Ok(Want::Date(PartialDate {
        year,
        month: month.and_then(|m| u8::try_from(m).ok()),
        day: day.and_then(|d| u8::try_from(d).ok()),
    }))
}

/// The numbers written in digits of any script, as values (two-digit years stay two-digit).
fn digit_runs(text: &str) -> impl Iterator<Item = i32> + '_ {
    text.split(|c: char| digit_value(c).is_none())
        .filter(|run| !run.is_empty() && run.chars().count() <= 4)
        .map(|run| {
            run.chars()
                .fold(0, |v, c| v * 10 + digit_value(c).unwrap_or(0) as i32)
        })
}

/// The digit a character writes: ASCII, Arabic-Indic, Persian or full-width.
fn digit_value(c: char) -> Option<u32> {
    ['0', '\u{660}', '\u{6F0}', '\u{FF10}']
        .into_iter()
        .map(|zero| zero as u32)
        .find(|&zero| (zero..zero + 10).contains(&(c as u32)))
        .map(|zero| c as u32 - zero)
}

/// `T08:40`, `T07`, `T19:56:30`.
fn time(timex: &Json) -> Result<Want, Skip> {
    let (hour, minute, second) = timex
        .as_str()
        .filter(|t| t.starts_with('T'))
        .and_then(clock)
        .ok_or(Skip::NoValue)?;
    Ok(Want::Time {
        hour,
        minute,
        second,
    })
}

/// An amount in the currency the resolution names. The spec counts "5 cents" as 5 Cent: a fact
/// may state it as 0.05 of the currency or as 5 in a unit named for the subunit.
fn currency(resolution: &Json, figure: Figure) -> anyhow::Result<Want> {
    let amount = |figure, codes| Want::Amount {
        figure,
        unit: WantUnit::Currency(codes),
    };
    if let Some(iso) = resolution["isoCurrency"].as_str().filter(|c| !c.is_empty()) {
        return Ok(amount(figure, Some(vec![iso.to_string()])));
    }
    let name = resolution["unit"].as_str().unwrap_or_default();
    if let Some((_, id, codes, divisor)) = SUBUNITS
        .iter()
        .find(|(n, _, _, _)| n.eq_ignore_ascii_case(name))
    {
        let codes = (!codes.is_empty()).then(|| owned(codes));
        return Ok(Want::Either(
            Box::new(amount(figure.divided_by(Decimal::from(*divisor)), codes)),
            Box::new(amount(figure, Some(vec![id.to_string()]))),
        ));
    }
    CURRENCY_CODES
        .iter()
        .find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
        .map(|(_, codes)| amount(figure, Some(owned(codes))))
        .ok_or_else(|| anyhow::anyhow!("unknown currency name {name:?}: add it to CURRENCY_CODES"))
}

fn owned(codes: &[&str]) -> Vec<String> {
    codes.iter().map(|c| c.to_string()).collect()
}

const DOLLARS: &[&str] = &["USD", "CAD", "AUD", "NZD", "HKD", "TWD", "SGD", "MXN"];
const POUNDS: &[&str] = &["GBP", "EGP", "LBP", "SYP"];
const FRANCS: &[&str] = &["CHF", "FRF", "BEF", "XOF", "XAF"];
const RUPEES: &[&str] = &["INR", "PKR", "LKR", "NPR"];

/// Currency names the specs give without an ISO code, and the codes each may stand for: a bare
/// "Dollar" ($, dollars) is any dollar; obsolete currencies keep their old codes.
const CURRENCY_CODES: &[(&[&str], &[&str])] = &[
    (&["Dollar", "Dólar"], DOLLARS),
    (
        &[
            "United States dollar",
            "Dollar États-Unis",
            "Dólar estadounidense",
            "Dólar estadunidense",
        ],
        &["USD"],
    ),
    (
        &[
            "Canadian dollar",
            "Dollar Canadien",
            "Dólar canadense",
            "Dólar canadiense",
        ],
        &["CAD"],
    ),
    (
        &[
            "Australian dollar",
            "Dollar Australien",
            "Dólar australiano",
        ],
        &["AUD"],
    ),
    (
        &[
            "Hong Kong dollar",
            "Dollar de Hong Kong",
            "Dólar de Hong Kong",
        ],
        &["HKD"],
    ),
    (&["Euro"], &["EUR"]),
    (&["British pound"], &["GBP"]),
    (&["Pound", "Libra", "Livre"], POUNDS),
    (&["Japanese yen", "Yen Japonais", "Yen"], &["JPY"]),
    (
        &["Chinese yuan", "Yuan Chinois", "Yuan chino", "Yuan chinês"],
        &["CNY"],
    ),
    (
        &[
            "Swiss franc",
            "Franc Suisse",
            "Franco suizo",
            "Franco suíço",
        ],
        &["CHF"],
    ),
    (&["Franc", "Franco"], FRANCS),
    (&["Indian rupee", "Roupie indienne"], &["INR"]),
    (&["Rupee", "Roupie"], RUPEES),
    (
        &[
            "Finnish markka",
            "Marco finlandés",
            "Marco finlandês",
            "Mark Finlandais",
        ],
        &["FIM"],
    ),
    (
        &[
            "Netherlands guilder",
            "Florim holandês",
            "Florins Néerlandais",
            "Florín neerlandés",
        ],
        &["NLG"],
    ),
    (&["Peseta"], &["ESP"]),
    (&["Cambodian riel"], &["KHR"]),
    (&["Bitcoin"], &["BTC", "XBT"]),
];

/// Subunits: the name, the unit id a fact may give it, the codes of the currency they divide (any
/// when empty) and the divisor.
const SUBUNITS: &[(&str, &str, &[&str], u64)] = &[
    ("Cent", "cent", &[], 100),
    ("Centavo", "centavo", &[], 100),
    ("Centimes", "centime", &[], 100),
    ("Penny", "penny", &["GBP"], 100),
    ("Pence", "penny", &["GBP"], 100),
    ("Penique", "penny", &["GBP"], 100),
    ("Pêni", "penny", &["GBP"], 100),
    ("Pesewa", "pesewa", &["GHS"], 100),
    ("Sen", "sen", &["JPY"], 100),
    ("Satoshi", "satoshi", &["BTC", "XBT"], 100_000_000),
];

/// A spec unit name as what it converts to: factdiff's base units are the metre, square metre,
/// kilogram, litre, metre per second and kelvin (rules/common.yaml); for dimensions factdiff may
/// add, the byte, hertz, joule, watt and degree of angle.
fn measure(model: Model, name: &str) -> anyhow::Result<WantUnit> {
    if model == Model::Temperature && TEMPERATURE_ANY.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        return Ok(WantUnit::AnyTemperature);
    }
    let (dimension, factor, offset) = MEASURES
        .iter()
        .find(|(names, _, _, _)| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
        .map(|(_, dimension, factor, offset)| (*dimension, factor, offset))
        .ok_or_else(|| anyhow::anyhow!("unknown unit name {name:?}: add it to MEASURES"))?;
    let exact = |t: &str| Decimal::from_str(t).or_else(|_| Decimal::from_scientific(t));
    let factor = match factor.split_once('/') {
        Some((n, d)) => exact(n)? / exact(d)?,
        None => exact(factor)?,
    };
    let offset = match *offset {
        "F" => Decimal::from_str("273.15")? - Decimal::from(32) * factor,
        o => exact(o)?,
    };
    Ok(WantUnit::Measure {
        dimension,
        factor,
        offset,
    })
}

/// Degrees on an unnamed scale ("30 degrees"); in the dimension model a "Degree" is an angle.
const TEMPERATURE_ANY: &[&str] = &["Degree", "Degré", "Grado", "Grau"];

/// Names, dimension, factor to the base unit (a decimal or a fraction) and offset ("F": that of
/// Fahrenheit, 273.15 − 32 × 5/9).
const MEASURES: &[(&[&str], &str, &str, &str)] = &[
    (
        &["Meter", "Metre", "Metro", "Mètres", "Mètre"],
        "length",
        "1",
        "0",
    ),
    (
        &[
            "Kilometer",
            "Kilometre",
            "Kilómetro",
            "Quilômetro",
            "Chilometro",
            "Kilomètres",
        ],
        "length",
        "1000",
        "0",
    ),
    (&["Hectomètre"], "length", "100", "0"),
    (&["Decimeter", "Décimètres"], "length", "0.1", "0"),
    (
        &["Centimeter", "Centimètres", "Centímetro"],
        "length",
        "0.01",
        "0",
    ),
    (
        &["Millimeter", "Millimetro", "Millimètres", "Milímetro"],
        "length",
        "0.001",
        "0",
    ),
    (&["Micrometer", "Micrômetro"], "length", "1e-6", "0"),
    (&["Nanometer"], "length", "1e-9", "0"),
    (&["Picometer"], "length", "1e-12", "0"),
    (
        &["Inch", "Pollice", "Pouce", "Pulgada", "Polegada"],
        "length",
        "0.0254",
        "0",
    ),
    (
        &["Foot", "Pie", "Pied", "Piede", "Pé"],
        "length",
        "0.3048",
        "0",
    ),
    (
        &["Mile", "Miglio", "Milla", "Milha"],
        "length",
        "1609.344",
        "0",
    ),
    (
        &[
            "Square meter",
            "Mètre carré",
            "Metro cuadrado",
            "Metro quadrado",
            "Metro quadrato",
        ],
        "area",
        "1",
        "0",
    ),
    (
        &[
            "Square kilometer",
            "Kilomètre carré",
            "Kilómetro cuadrado",
            "Quilômetro quadrado",
            "Chilometro quadrato",
        ],
        "area",
        "1000000",
        "0",
    ),
    (&["Acre", "Acro"], "area", "4046.8564224", "0"),
    (&["Mu"], "area", "10000/15", "0"),
    (&["Kilogram"], "mass", "1", "0"),
    (&["Gram"], "mass", "0.001", "0"),
    (&["Microgram", "Microgramme"], "mass", "1e-9", "0"),
    (
        &[
            "Metric ton",
            "Tonelada métrica",
            "Tonne métrique",
            "Tonne",
            "Tonnellata",
            "Tonelada",
            "Ton",
        ],
        "mass",
        "1000",
        "0",
    ),
    (
        &["Pound", "Libra", "Libbra", "Livre"],
        "mass",
        "0.45359237",
        "0",
    ),
    (
        &["Ounce", "Onces", "Oncia", "Onza", "Onça"],
        "mass",
        "0.028349523125",
        "0",
    ),
    (&["Dram"], "mass", "0.0017718451953125", "0"),
    (&["Jin"], "mass", "0.5", "0"),
    (&["Liang"], "mass", "0.05", "0"),
    (&["Liter", "Litre", "Litro"], "volume", "1", "0"),
    (
        &[
            "Milliliter",
            "Millilitre",
            "Millilitro",
            "Mililitro",
            "Centímetro cúbico",
        ],
        "volume",
        "0.001",
        "0",
    ),
    (&["Cubic meter"], "volume", "1000", "0"),
    (
        &[
            "Cubic foot",
            "Pie cúbico",
            "Piede cubo",
            "Pieds cube",
            "Pé cúbico",
        ],
        "volume",
        "28.316846592",
        "0",
    ),
    (
        &["Gallon", "Gallone", "Galão", "Galón"],
        "volume",
        "3.785411784",
        "0",
    ),
    (
        &["Barrel", "Baril", "Barile", "Barril"],
        "volume",
        "158.987294928",
        "0",
    ),
    (&["Cup"], "volume", "0.2365882365", "0"),
    (&["Tablespoon"], "volume", "0.01478676478125", "0"),
    (&["Teaspoon"], "volume", "0.00492892159375", "0"),
    (&["Meter per second"], "speed", "1", "0"),
    (&["Kilometer per hour"], "speed", "1000/3600", "0"),
    (
        &[
            "Mile per hour",
            "Miles par heure",
            "Milha por hora",
            "Milla por hora",
            "Miglia all'ora",
        ],
        "speed",
        "0.44704",
        "0",
    ),
    (&["Meter per millisecond"], "speed", "1000", "0"),
    (&["Centimeter per millisecond"], "speed", "10", "0"),
    (&["Kilometer per millisecond"], "speed", "1000000", "0"),
    (
        &["C", "Grado Celsius", "Grau Celsius"],
        "temperature",
        "1",
        "273.15",
    ),
    (
        &["F", "Grado Fahrenheit", "Grau Fahrenheit"],
        "temperature",
        "5/9",
        "F",
    ),
    (&["K", "Kelvin"], "temperature", "1", "0"),
    (&["Bit"], "data", "0.125", "0"),
    (&["Kilobit"], "data", "125", "0"),
    (&["Megabit"], "data", "125000", "0"),
    (&["Kilobyte"], "data", "1000", "0"),
    (&["Megabyte"], "data", "1000000", "0"),
    (&["Gigabyte"], "data", "1000000000", "0"),
    (&["Hertz"], "frequency", "1", "0"),
    (&["Megahertz"], "frequency", "1000000", "0"),
    (&["Kilocalorie"], "energy", "4184", "0"),
    (&["Kilowatt"], "power", "1000", "0"),
    (&["Degree"], "angle", "1", "0"),
    (&["Turn"], "angle", "360", "0"),
    (&["Radian"], "angle", "57.295779513082320876798154814", "0"),
];
