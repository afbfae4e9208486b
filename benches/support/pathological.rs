//! Pathological inputs: unusual but possible texts that once made a stage super-linear. Shared by
//! the `pathological` benchmark (time per MB next to news text) and the tests that assert each
//! one completes.

use factdiff::source::Format;

/// One input: a name, the language to read it in, its format, and what it repeats (or builds).
pub struct Input {
    pub name: &'static str,
    pub lang: &'static str,
    pub format: Format,
    build: fn(usize) -> String,
}

const NEWS: &str = include_str!("../../seeds/000_68e9064bbfbe1c43.txt");

impl Input {
    /// The baseline: a Russian news story, repeated.
    pub fn news() -> Input {
        Input {
            name: "news text",
            lang: "ru",
            format: Format::Text,
            build: |bytes| repeat(NEWS, bytes),
        }
    }

    /// The input at about `bytes` bytes.
    pub fn text(&self, bytes: usize) -> String {
        (self.build)(bytes)
    }
}

fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len() + 1)
}

macro_rules! repeated {
    ($name:literal, $lang:literal, $format:ident, $unit:literal) => {
        Input {
            name: $name,
            lang: $lang,
            format: Format::$format,
            build: |bytes| repeat($unit, bytes),
        }
    };
}

pub const INPUTS: &[Input] = &[
    repeated!("spaced ones", "ru", Text, "1 "),
    repeated!("dotted twelves", "ru", Text, "12."),
    repeated!("1,2 million", "en", Text, "1,2 million, "),
    repeated!("1,2 млн", "ru", Text, "1,2 млн, "),
    repeated!("one digit run", "en", Text, "1"),
    repeated!("arabic-indic digits", "ar", Text, "١ "),
    repeated!("commas", "en", Text, ","),
    repeated!("dots", "en", Text, "."),
    repeated!("dashes", "en", Text, "-"),
    repeated!("spaces", "en", Text, " "),
    repeated!("nbsp groups", "fr", Text, "000\u{a0}"),
    repeated!("thin-space groups", "ru", Text, "000\u{202f}"),
    repeated!("arabic separators", "ar", Text, "١٬"),
    repeated!("decimal commas", "pl", Text, "1,"),
    repeated!("dashed ones", "en", Text, "1-"),
    repeated!("slashed ones", "en", Text, "1/"),
    repeated!("dashed years", "en", Text, "2025-"),
    repeated!("periods", "en", Text, ". "),
    repeated!("newlines", "en", Text, "1\n"),
    repeated!("scale words en", "en", Text, "million "),
    repeated!("scale words ru", "ru", Text, "млн "),
    repeated!("scale words zh", "zh", Text, "万亿"),
    repeated!(
        "scale words after a number",
        "fr",
        Text,
        "1,5 milliard de millions "
    ),
    repeated!("number words en", "en", Text, "twenty one "),
    repeated!("number words ru", "ru", Text, "двадцать один "),
    repeated!("qualifiers", "en", Text, "more than "),
    repeated!("percents", "fr", Text, "17,78 % "),
    repeated!("dates", "ru", Text, "31 января 2025 г. "),
    repeated!("roman letters", "ru", Text, "X"),
    repeated!("all roman letters", "en", Text, "MDCLXVI"),
    repeated!("spaced roman letters", "fr", Text, "X I V "),
    repeated!("roman numerals", "ru", Text, "XIV съезд "),
    repeated!("cjk numerals", "zh", Text, "一二三四五六七八九十百千万亿"),
    repeated!("cjk amounts", "zh", Text, "三千五百万户，"),
    repeated!("cjk ordinals", "zh", Text, "第一百二十三"),
    repeated!("kanji numerals", "ja", Text, "〇一二三四五六七八九十"),
    repeated!("markdown quotes", "en", Markdown, ">"),
    repeated!("markdown brackets", "en", Markdown, "[1]("),
    repeated!("markdown emphasis", "en", Markdown, "*1"),
    repeated!("markdown backticks", "en", Markdown, "`1"),
    repeated!("markdown nested lists", "en", Markdown, "- "),
    repeated!("markdown nested links", "en", Markdown, "["),
    repeated!("markdown nested emphasis", "en", Markdown, "**_"),
    Input {
        name: "html nesting",
        lang: "en",
        format: Format::Html,
        build: |bytes| {
            let depth = bytes / 11;
            format!("{}1{}", "<div>".repeat(depth), "</div>".repeat(depth))
        },
    },
    repeated!("html entities", "en", Html, "&amp;1"),
    repeated!("html open tags", "en", Html, "<b>1"),
    repeated!("html unclosed nesting", "en", Html, "<div><span>"),
    repeated!("html comments", "en", Html, "<!--1"),
    repeated!("html attributes", "en", Html, "<a title=\"1 "),
];
