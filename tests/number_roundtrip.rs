//! Property: a number written in a language's own style (its decimal mark, its thousands grouping,
//! Western or Arabic-Indic digits) is read back as exactly the same value.

use factdiff::fact::Value;
use factdiff::source::Document;
use factdiff::Engine;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::load(&[]).expect("embedded rules load"));

/// The language's decimal mark and a grouping separator that is never read as a decimal mark.
fn style(code: &str) -> (String, String) {
    let pack = ENGINE.rules.pack(code).unwrap();
    let decimal = pack.numbers.decimal[0].clone();
    let group = pack
        .numbers
        .group
        .iter()
        .chain(&ENGINE.rules.common.group)
        .find(|g| !pack.numbers.decimal.contains(g))
        .cloned()
        .unwrap_or_else(|| "\u{a0}".to_string());
    (decimal, group)
}

fn format_number(int: u64, frac: &str, decimal: &str, group: &str, arabic_digits: bool) -> String {
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(c);
    }
    if !frac.is_empty() {
        grouped.push_str(decimal);
        grouped.push_str(frac);
    }
    if arabic_digits {
        grouped = grouped
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .map_or(c, |d| char::from_u32(0x660 + d).unwrap())
            })
            .collect();
    }
    grouped
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn written_numbers_read_back(
        code in prop::sample::select(vec!["ar", "en", "fr", "pl", "ru", "vi"]),
        int in 0u64..10_000_000_000_000,
        frac in "[0-9]{0,3}",
        arabic_digits in any::<bool>(),
    ) {
        let (decimal, group) = style(code);
        let written = format_number(int, &frac, &decimal, &group, arabic_digits);
        let text = format!("[ {written} ]");
        let doc = Document::from_text(format!("t.{code}.txt"), text);
        let facts = ENGINE.analyze(doc, Some(code)).unwrap().facts;
        prop_assert_eq!(facts.len(), 1, "{} in {}: {:?}", written, code, facts);
        let expected = Decimal::from_str(&if frac.is_empty() { int.to_string() } else { format!("{int}.{frac}") }).unwrap();
        let Value::Quantity(q) = &facts[0].value else { panic!("not a quantity: {:?}", facts[0]) };
        prop_assert_eq!(q.value, expected, "{} in {}", written, code);
    }
}
