//! The scoring of the `recognizers` accuracy example (examples/recognizers/score.rs) on a small
//! fixture of our own in the Recognizers-Text spec format (tests/fixtures/recognizers): how each
//! model's `Resolution` maps to factdiff's facts, and which cases are left out and why. It needs
//! no corpus outside the repository.

// The example's printing uses the rest of the module.
#[allow(dead_code)]
#[path = "../examples/recognizers/score.rs"]
mod score;

use factdiff::Engine;
use score::{Model, Skip, Verdict};
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::load(&[]).expect("embedded rules"));

fn verdicts(file: &str, lang: &str, model: Model) -> Vec<Verdict> {
    outcomes(file, lang, model)
        .into_iter()
        .map(|o| o.verdict)
        .collect()
}

fn outcomes(file: &str, lang: &str, model: Model) -> Vec<score::CaseOutcome> {
    let path = format!(
        "{}/tests/fixtures/recognizers/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let json = std::fs::read_to_string(&path).expect("fixture");
    score::score_file(&ENGINE, lang, model, &json).expect("scores")
}

use Verdict::{Hit, Miss, Skipped};

#[test]
fn numbers_compare_as_exact_decimals_at_the_expected_place() {
    assert_eq!(
        verdicts("numbers.en.json", "en", Model::Numbers),
        [
            Hit,
            Miss,
            Hit,
            Skipped(Skip::NotSupportedByReference),
            Skipped(Skip::NothingExpected),
            Hit,
            Hit,
            Hit,
        ],
        "42 is 42 not 43; NotSupported counts only for dotnet; an offset off by one still finds \
         its text; 1/3 meets the double 0.333333333333333; the expected 1.5E+3 is 1500"
    );
}

#[test]
fn a_decimal_comma_in_the_expected_value_is_a_decimal_point() {
    assert_eq!(verdicts("numbers.fr.json", "fr", Model::Numbers), [Hit]);
}

#[test]
fn relative_ordinals_and_unchecked_values_are_left_out() {
    assert_eq!(
        verdicts("ordinals.en.json", "en", Model::Ordinals),
        [
            Skipped(Skip::RelativeOrdinal),
            Skipped(Skip::ValueNotChecked)
        ]
    );
}

#[test]
fn percent_values_lose_their_sign() {
    assert_eq!(
        verdicts("percentages.en.json", "en", Model::Percentages),
        [Hit]
    );
}

#[test]
fn open_and_closed_ends_are_qualifiers_and_two_bounds_make_a_range() {
    assert_eq!(
        verdicts("ranges.en.json", "en", Model::Ranges),
        [Hit, Miss, Hit],
        "(30,) is more than 30, not at least 30"
    );
}

#[test]
fn currencies_compare_by_code_and_a_bare_dollar_is_any_dollar() {
    assert_eq!(
        verdicts("currency.en.json", "en", Model::Currency),
        [Hit, Miss, Hit]
    );
}

#[test]
fn units_compare_by_what_they_convert_to() {
    assert_eq!(
        verdicts("dimension.en.json", "en", Model::Dimension),
        [Hit, Miss]
    );
    assert_eq!(
        verdicts("temperature.en.json", "en", Model::Temperature),
        [Hit]
    );
}

#[test]
fn dates_resolved_from_the_reference_date_and_weekdays_are_left_out() {
    assert_eq!(
        verdicts("dates.en.json", "en", Model::Dates),
        [
            Skipped(Skip::RelativeToReference),
            Hit,
            Skipped(Skip::Weekday)
        ]
    );
}

#[test]
fn a_time_timex_is_scored_as_a_time_of_day() {
    let outcomes = outcomes("times.en.json", "en", Model::Times);
    assert_ne!(outcomes[0].verdict, Skipped(Skip::NoValue));
    assert_eq!(outcomes[0].expected, ["time 10:20 «10:20»"]);
}
