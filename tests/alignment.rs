//! Alignment: facts pair by where they stand (corresponding sentences, kind, order), and the
//! comparison then says whether their values agree. Each case is a short pair of versions in our
//! own words, with one thing changed or moved; the properties check that faithful versions, moved
//! paragraphs included, only agree.

use factdiff::compare::{self, Comparison, Finding};
use factdiff::policy::{Policy, Severity, Status};
use factdiff::source::Document;
use factdiff::{Analysis, Engine};
use proptest::prelude::*;
use std::sync::LazyLock;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| Engine::load(&[]).expect("embedded rules"));
static POLICY: LazyLock<Policy> = LazyLock::new(|| Policy::embedded().expect("embedded policy"));

struct Pair {
    left: Analysis,
    right: Analysis,
    comparison: Comparison,
}

fn analyse(text: &str, lang: &str) -> Analysis {
    let doc = Document::from_text(format!("doc.{lang}.txt"), text.to_string());
    ENGINE.analyze(doc, Some(lang)).expect("analyses")
}

fn pair(left: &str, left_lang: &str, right: &str, right_lang: &str) -> Pair {
    let left = analyse(left, left_lang);
    let right = analyse(right, right_lang);
    let comparison = compare::compare(&left, &right, &POLICY);
    Pair {
        left,
        right,
        comparison,
    }
}

impl Pair {
    /// The finding holding the left fact written `left` and the right fact written `right`
    /// (either may be `None` for a missing fact).
    fn finding(&self, left: Option<&str>, right: Option<&str>) -> &Finding {
        let text = |a: &Analysis, i: Option<usize>| i.map(|i| a.facts[i].text.clone());
        self.comparison
            .findings
            .iter()
            .find(|f| {
                text(&self.left, f.left).as_deref() == left
                    && text(&self.right, f.right).as_deref() == right
            })
            .unwrap_or_else(|| {
                panic!(
                    "no finding {left:?} / {right:?}; left facts {:?}, right facts {:?}, findings {:#?}",
                    self.left.facts.iter().map(|f| &f.text).collect::<Vec<_>>(),
                    self.right.facts.iter().map(|f| &f.text).collect::<Vec<_>>(),
                    self.comparison.findings
                )
            })
    }

    fn expect(&self, left: &str, right: &str, status: Status, rule: &str) {
        let finding = self.finding(Some(left), Some(right));
        assert_eq!(
            (finding.status, finding.rule.as_str()),
            (status, rule),
            "{}",
            finding.message
        );
    }

    fn count(&self, status: Status) -> usize {
        self.comparison
            .findings
            .iter()
            .filter(|f| f.status == status)
            .count()
    }

    fn errors(&self) -> usize {
        self.comparison.summary.errors
    }
}

#[test]
fn one_changed_figure_is_one_error_beside_an_equal_one() {
    let p = pair(
        "La répartition reste inégale : 30 % des ménages possèdent 70 % du patrimoine.",
        "fr",
        "The distribution stays unequal: 30% of households own 60% of the wealth.",
        "en",
    );
    p.expect("30 %", "30%", Status::Agree, "agree");
    p.expect("70 %", "60%", Status::Diverge, "value-mismatch");
    assert_eq!(p.count(Status::Missing), 0);
    assert_eq!(p.errors(), 1);
}

#[test]
fn a_changed_year_or_count_is_an_error_not_two_missing_facts() {
    let p = pair(
        "Die Brücke wurde 1938 gebaut und 1971 erneuert.\nSie trägt täglich 41.000 Fahrzeuge.",
        "de",
        "The bridge was built in 1938 and renewed in 1972.\nIt carries 47,000 vehicles a day.",
        "en",
    );
    p.expect("1938", "in 1938", Status::Agree, "agree");
    p.expect("1971", "in 1972", Status::Diverge, "date-mismatch");
    p.expect("41.000", "47,000", Status::Diverge, "value-mismatch");
    assert_eq!(p.count(Status::Missing), 0);
}

#[test]
fn a_rank_written_as_a_count_pairs_with_it() {
    let same = pair(
        "Le musée fête son 150e anniversaire.",
        "fr",
        "Музей отмечает своё 150-летие.",
        "ru",
    );
    same.expect("150e", "150", Status::Compatible, "rank-as-count");
    assert_eq!(same.count(Status::Missing), 0);
    let changed = pair(
        "Le musée fête son 150e anniversaire.",
        "fr",
        "Музей отмечает своё 160-летие.",
        "ru",
    );
    changed.expect("150e", "160", Status::Diverge, "value-mismatch");
    assert_eq!(changed.errors(), 1);
}

#[test]
fn a_range_in_other_units_is_compared_end_by_end_after_conversion() {
    let p = pair(
        "Forecasters expect 2 to 4 inches of rain.\nThe lake rose 1 to 2 feet.",
        "en",
        "Синоптики ожидают от 5 до 10 см осадков.\nОзеро поднялось на 0,3–1,2 м.",
        "ru",
    );
    p.expect(
        "2 to 4 inches",
        "от 5 до 10 см",
        Status::Compatible,
        "unit-conversion",
    );
    p.expect(
        "1 to 2 feet",
        "0,3–1,2 м",
        Status::Diverge,
        "value-mismatch",
    );
    assert_eq!(p.count(Status::Missing), 0);
}

#[test]
fn a_range_with_one_end_changed_is_one_error() {
    let p = pair(
        "Entre 30 et 43 % des électeurs voteront, de 2019 à 2023.",
        "fr",
        "Between 40 and 43 percent of voters will vote, from 2019 to 2023.",
        "en",
    );
    p.expect(
        "Entre 30 et 43 %",
        "Between 40 and 43 percent",
        Status::Diverge,
        "value-mismatch",
    );
    p.expect(
        "de 2019 à 2023",
        "from 2019 to 2023",
        Status::Agree,
        "agree",
    );
    assert_eq!(p.count(Status::Missing), 0);
}

#[test]
fn the_same_bound_with_another_figure_is_a_contradiction() {
    let p = pair(
        "Bei dem Beben starben mehr als 31.000 Menschen.\nDie Welle war etwa 8 m hoch.\n\
         Mindestens 120 Dörfer wurden zerstört.",
        "de",
        "More than 36,000 people died in the quake.\nThe wave was about 9 m high.\n\
         At least 170 villages were destroyed.",
        "en",
    );
    p.expect(
        "mehr als 31.000",
        "More than 36,000",
        Status::Diverge,
        "value-mismatch",
    );
    p.expect("etwa 8 m", "about 9 m", Status::Diverge, "value-mismatch");
    p.expect(
        "Mindestens 120",
        "At least 170",
        Status::Diverge,
        "value-mismatch",
    );
    let p = pair(
        "Le chômage reste sous la barre : moins de 4 % des actifs.",
        "fr",
        "Unemployment stays low: less than 6% of the workforce.",
        "en",
    );
    p.expect(
        "moins de 4 %",
        "less than 6%",
        Status::Diverge,
        "value-mismatch",
    );
}

#[test]
fn rounding_needs_a_coarser_figure_that_agrees() {
    let p = pair(
        "Город посетили 2 384 000 туристов.\nБюджет составил более 3,2 млн рублей.",
        "ru",
        "La ville a accueilli 2,38 millions de touristes.\nLe budget a dépassé 3 215 000 roubles.",
        "fr",
    );
    p.expect("2 384 000", "2,38 millions", Status::Compatible, "rounding");
    assert_eq!(p.errors(), 0, "{:#?}", p.comparison.findings);
}

#[test]
fn opposite_bounds_contradict() {
    let p = pair(
        "Не менее 40 человек остались без крова.",
        "ru",
        "Jusqu'à 40 personnes se sont retrouvées sans abri.",
        "fr",
    );
    p.expect(
        "Не менее 40",
        "Jusqu'à 40",
        Status::Diverge,
        "value-mismatch",
    );
}

#[test]
fn equal_small_facts_in_corresponding_sentences_pair_whatever_their_size() {
    let p = pair(
        "Three in ten pupils, some only 9 years old, walk to school (400 metres).",
        "en",
        "Trois élèves sur dix, dont certains n'ont que 9 ans, vont à pied à l'école (400 mètres).",
        "fr",
    );
    assert_eq!(p.count(Status::Missing), 0, "{:#?}", p.comparison.findings);
    assert_eq!(p.errors(), 0, "{:#?}", p.comparison.findings);
    p.finding(Some("9 years"), Some("9 ans"));
}

#[test]
fn facts_reordered_inside_a_sentence_pair_by_value_not_by_place() {
    let p = pair(
        "The script sends 200 requests in batches of 20.",
        "en",
        "脚本以每批 20 个的方式发送 200 个请求。",
        "zh",
    );
    assert_eq!(p.count(Status::Agree), 2, "{:#?}", p.comparison.findings);
    assert_eq!(p.errors(), 0);
}

#[test]
fn a_list_of_numbers_with_one_wrong_pairs_item_by_item() {
    let p = pair(
        "Wyniki w kolejnych latach: 12, 15, 19, 23 i 31 punktów.",
        "pl",
        "Les résultats des années suivantes : 12, 15, 18, 23 et 31 points.",
        "fr",
    );
    p.expect("19", "18", Status::Diverge, "value-mismatch");
    assert_eq!(p.count(Status::Agree), 4, "{:#?}", p.comparison.findings);
    assert_eq!(p.count(Status::Missing), 0);
}

#[test]
fn a_fact_without_counterpart_is_missing_not_paired_far_away() {
    let p = pair(
        "The plant employs 64 people.\nIt opened in spring.\nThe owners are pleased.\n\
         Exports go to Chile.\nThe line makes 17 parts a minute.",
        "en",
        "L'usine emploie 64 personnes.\nElle a ouvert au printemps.\nLes propriétaires sont \
         satisfaits.\nLes exportations partent vers le Chili.\nLa ligne produit des pièces.",
        "fr",
    );
    let lonely = p.finding(Some("17"), None);
    assert_eq!(lonely.status, Status::Missing);
    assert_eq!(p.count(Status::Diverge), 0);
}

#[test]
fn an_ambiguous_figure_is_read_the_way_that_agrees() {
    let p = pair(
        "Giá vé là 25.000 đồng, tăng 3,5 %.\nCó 10,000 người tham dự.",
        "vi",
        "Билет стоит 25 000 донгов, на 3,5 % дороже.\nПришли 10 000 человек.",
        "ru",
    );
    assert_eq!(p.count(Status::Diverge), 0, "{:#?}", p.comparison.findings);
    let crowd = p.finding(Some("10,000"), Some("10 000"));
    assert_eq!(crowd.status, Status::Agree, "{}", crowd.message);
    let p = pair(
        "بلغت التكلفة 15.000 دولار.",
        "ar",
        "The cost reached $15,000.",
        "en",
    );
    assert_eq!(p.count(Status::Diverge), 0, "{:#?}", p.comparison.findings);
}

#[test]
fn a_slip_across_a_moved_paragraph_is_still_one_error() {
    let p = pair(
        "Первый абзац о 12 школах.\n\nВторой абзац о 7 больницах.\n\nТретий абзац: бюджет \
         4,5 млрд рублей.",
        "ru",
        "Drugi akapit o 7 szpitalach.\n\nPierwszy akapit o 12 szkołach.\n\nTrzeci akapit: \
         budżet 4,5 mln rubli.",
        "pl",
    );
    p.expect(
        "4,5 млрд рублей",
        "4,5 mln rubli",
        Status::Diverge,
        "scale-mismatch",
    );
    // 12, 7 and the ordinal of "Третий абзац" / "Trzeci akapit" agree.
    assert_eq!(p.count(Status::Agree), 3, "{:#?}", p.comparison.findings);
}

#[test]
fn the_sentence_alignment_is_reported() {
    let p = pair(
        "Первое предложение о 5 домах. Второе о 9 улицах.\nТретье о 2024 годе.",
        "ru",
        "Premier paragraphe : 5 maisons et 9 rues.\nTroisième : l'année 2024.",
        "fr",
    );
    let beads: Vec<_> = p
        .comparison
        .sentences
        .iter()
        .map(|b| (b.left.clone(), b.right.clone()))
        .collect();
    assert_eq!(beads, vec![(0..2, 0..1), (2..3, 1..2)]);
}

fn sentence() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..100_000).prop_map(|n| format!("Получили {n} домохозяйств.")),
        (0u32..100, 0u32..100).prop_map(|(a, b)| format!("Уровень снизился до {a},{b:02}%.")),
        (1u32..29).prop_map(|d| format!("Встреча прошла {d} марта 2025 г.")),
        (1u32..1000).prop_map(|n| format!("Директива № {n}-CT/TW действует.")),
        (1u32..100).prop_map(|n| format!("Посетили более {n},5 млн туристов.")),
        (1900u32..2100).prop_map(|y| format!("В {y} году всё изменилось.")),
        Just("Текст без цифр продолжает рассказ.".to_string()),
    ]
}

fn paragraphs() -> impl Strategy<Value = Vec<String>> {
    let paragraph = proptest::collection::vec(sentence(), 1..4).prop_map(|s| s.join(" "));
    proptest::collection::vec(paragraph, 2..8)
}

fn only_agrees(p: &Pair) -> Result<(), TestCaseError> {
    prop_assert_eq!(p.comparison.findings.len(), p.left.facts.len());
    for finding in &p.comparison.findings {
        prop_assert_eq!(finding.status, Status::Agree, "{}", finding.message);
    }
    Ok(())
}

/// A moved paragraph may leave a sentence whose only fact is a common figure ("1") without
/// counterpart, since nothing says where it went; it never makes a contradiction, and whatever
/// goes missing on one side goes missing on the other.
fn never_contradicts(p: &Pair) -> Result<(), TestCaseError> {
    prop_assert_eq!(p.errors(), 0, "{:#?}", p.comparison.findings);
    let missing_text = |analysis: &Analysis, side: fn(&Finding) -> Option<usize>| {
        let mut texts: Vec<String> = p
            .comparison
            .findings
            .iter()
            .filter(|f| f.status == Status::Missing)
            .filter_map(side)
            .map(|i| analysis.facts[i].text.clone())
            .collect();
        texts.sort_unstable();
        texts
    };
    prop_assert_eq!(
        missing_text(&p.left, |f| f.left),
        missing_text(&p.right, |f| f.right)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_document_with_a_paragraph_moved_only_agrees(
        paragraphs in paragraphs(),
        from in 0usize..8,
        to in 0usize..8,
    ) {
        let text = paragraphs.join("\n\n");
        let mut moved = paragraphs.clone();
        let paragraph = moved.remove(from % paragraphs.len());
        moved.insert(to % paragraphs.len(), paragraph);
        only_agrees(&pair(&text, "ru", &text, "ru"))?;
        never_contradicts(&pair(&text, "ru", &moved.join("\n\n"), "ru"))?;
    }
}

#[test]
fn times_compare_as_clock_times_and_a_date_keeps_its_other_reading() {
    let p = pair(
        "The vote on 3/4/2015 closed at 3 p.m. and results came at 2300 GMT.",
        "en",
        "Le vote du 4 mars 2015 s'est achevé à 14:00 et les résultats sont arrivés à 23:00.",
        "fr",
    );
    p.expect("3/4/2015", "4 mars 2015", Status::Agree, "agree");
    p.expect("3 p.m.", "14:00", Status::Diverge, "time-mismatch");
    p.expect("2300 GMT", "23:00", Status::Compatible, "time-partial");
}

#[test]
fn codes_compare_exactly_and_points_are_no_percent() {
    let p = pair(
        "Die Covid-19-Welle traf auch die Flotte: 12 F-35 und ein A4-Handbuch.\n\
         Die Quote stieg um 2,5 Prozentpunkte.",
        "de",
        "The COVID-19 wave also hit the fleet: 12 F-43 jets and an A4 manual.\n\
         The rate rose by 2.5%.",
        "en",
    );
    p.expect("F-35", "F-43", Status::Diverge, "identifier-mismatch");
    p.expect("A4", "A4", Status::Agree, "agree");
    p.expect(
        "2,5 Prozentpunkte",
        "2.5%",
        Status::Diverge,
        "kind-mismatch",
    );
}

#[test]
fn a_changed_figure_in_a_short_sentence_keeps_its_sentence_and_is_one_error() {
    // Without a shared figure the short middle sentences would rather merge with a neighbour
    // than pair with each other; the kind of fact they both state keeps them together.
    let p = pair(
        "The mayor spoke for an hour about the new market and its neighbours.\n\
         Nobody in the hall could confirm what she said.\nThe hall is 52 years old.\n\
         Nothing new was decided that evening.",
        "en",
        "Le maire a parlé pendant une heure du nouveau marché et de ses voisins, longuement.\n\
         Personne dans la salle n'a pu confirmer ce qu'elle affirmait ce soir-là.\n\
         La salle a 62 ans.\nRien de nouveau n'a été décidé.",
        "fr",
    );
    p.expect("52 years", "62 ans", Status::Diverge, "value-mismatch");
    assert_eq!(p.count(Status::Missing), 0);
}

#[test]
fn a_figure_stated_wrongly_in_its_sentence_beats_a_bound_that_holds_far_away() {
    // "at least 384" is consistent with the right's 497 km/h four sentences later (which
    // itself mistranslates 497 mph); the figure of its own sentence, stated wrongly, is its
    // counterpart.
    let p = pair(
        "At least 384 people died when the storm hit the coast on Saturday.\n\
         Rescue teams reached the villages late at night.\nRoads were closed for days.\n\
         Schools stayed shut.\nThe wind blew at 800 km/h (497 mph) over the open sea.",
        "en",
        "Au moins 584 personnes sont mortes quand la tempête a frappé la côte samedi.\n\
         Les secours ont atteint les villages tard dans la nuit.\nLes routes ont été fermées \
         pendant des jours.\nLes écoles sont restées fermées.\nLe vent a soufflé à 497 km/h en \
         haute mer.",
        "fr",
    );
    p.expect(
        "At least 384",
        "Au moins 584",
        Status::Diverge,
        "value-mismatch",
    );
}

#[test]
fn a_small_word_number_alone_is_information_and_a_counted_one_a_warning() {
    let p = pair(
        "Les deux camps ont signé l'accord le 3 mai.\nDeux familles ont quitté le village.",
        "fr",
        "Both camps signed the agreement on 3 May.\nThe families left the village.",
        "en",
    );
    let minor = p.finding(Some("deux"), None);
    assert_eq!(
        (minor.rule.as_str(), minor.severity),
        ("missing-minor", Severity::Info)
    );
    let counted = p.finding(Some("Deux"), None);
    assert_eq!(
        (counted.rule.as_str(), counted.severity),
        ("missing-fact", Severity::Warning)
    );
}
