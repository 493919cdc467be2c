//! The card in 13 languages: every language has every string (each key of the English card
//! words, every field label, every status), in its own script, with the same placeholders;
//! a claim in each language gets a card whose status and field lines are in the post's
//! script; knowledge texts that exist only in English are marked as such; numbers and plural
//! forms follow each language's rules.

use leaklens::card::{card_text, CardOptions, CARD_LANGUAGES};
use leaklens::view::{plain_text, Node};
use leaklens::{check_with, knowledge};
use std::collections::BTreeSet;

/// Unicode ranges of each script's letters (the language's own script).
fn script_range(script: &str) -> (u32, u32) {
    match script {
        "Deva" => (0x0900, 0x097F),
        "Beng" => (0x0980, 0x09FF),
        "Guru" => (0x0A00, 0x0A7F),
        "Gujr" => (0x0A80, 0x0AFF),
        "Orya" => (0x0B00, 0x0B7F),
        "Taml" => (0x0B80, 0x0BFF),
        "Telu" => (0x0C00, 0x0C7F),
        "Knda" => (0x0C80, 0x0CFF),
        "Mlym" => (0x0D00, 0x0D7F),
        "Arab" => (0x0600, 0x06FF),
        "Latn" => (0x0041, 0x024F),
        other => panic!("no range for script {other}"),
    }
}

/// The share of a string's letters that are in `script` (the brand name, placeholders and
/// Latin abbreviations such as ID are left out of the count).
fn share_in_script(s: &str, script: &str) -> f64 {
    let (lo, hi) = script_range(script);
    let cleaned = s.replace("LeakLens", "");
    let mut cleaned_no_ph = String::new();
    let mut depth = 0;
    for c in cleaned.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => cleaned_no_ph.push(c),
            _ => {}
        }
    }
    let letters: Vec<char> = cleaned_no_ph
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    if letters.is_empty() {
        return 1.0;
    }
    let inside = letters
        .iter()
        .filter(|c| (lo..=hi).contains(&(**c as u32)))
        .count();
    inside as f64 / letters.len() as f64
}

fn placeholders(s: &str) -> BTreeSet<String> {
    s.split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

#[test]
fn every_language_has_every_string_in_its_script_with_the_same_placeholders() {
    let t = card_text();
    let mut problems = Vec::new();
    for lang in CARD_LANGUAGES.iter().filter(|l| **l != "en") {
        let script = t.info(lang, "script").expect("script").to_string();
        for (key, english) in &t.en {
            let found = match *lang {
                "hi" => t.hi.get(key),
                _ => t.more(lang).unwrap().words.get(key),
            };
            let Some(s) = found.filter(|s| !s.trim().is_empty() || english.trim().is_empty())
            else {
                problems.push(format!("{lang}: no card word {key:?}"));
                continue;
            };
            if placeholders(s) != placeholders(english) {
                problems.push(format!(
                    "{lang}: {key:?} has placeholders {:?}",
                    placeholders(s)
                ));
            }
            // words that are the same in many languages (system, leak, PAN) may stay Latin
            // only where the language writes them so; everything else is in the script
            if share_in_script(s, &script) < 0.75 {
                problems.push(format!("{lang}: {key:?} is not in {}: {s:?}", script));
            }
        }
        for (field, labels) in &t.fields {
            let label = labels
                .get(*lang)
                .or_else(|| t.more(lang).and_then(|m| m.fields.get(field)));
            match label {
                None => problems.push(format!("{lang}: no label for field {field:?}")),
                Some(l) if share_in_script(l, &script) < 0.75 => problems.push(format!(
                    "{lang}: field {field:?} is not in {}: {l:?}",
                    script
                )),
                _ => {}
            }
        }
        for status in leaklens::kb::STATUSES {
            let kb = knowledge()
                .status(status)
                .expect("status in the knowledge base");
            let (label, explanation) = match (kb.label.get(*lang), kb.explanation.get(*lang)) {
                (Some(l), Some(e)) => (l.clone(), e.clone()),
                _ => match t.status(lang, status) {
                    Some(s) => (s.label.to_string(), s.explanation.to_string()),
                    None => {
                        problems.push(format!("{lang}: no status {status:?}"));
                        continue;
                    }
                },
            };
            for s in [&label, &explanation] {
                if s.trim().is_empty() || share_in_script(s, &script) < 0.75 {
                    problems.push(format!(
                        "{lang}: status {status:?} not in {}: {s:?}",
                        script
                    ));
                }
            }
        }
    }
    // month names for card dates, in each language's script
    for lang in CARD_LANGUAGES {
        let script = t.info(lang, "script").expect("script").to_string();
        match t.months.get(*lang) {
            Some(m) if m.len() == 12 => {
                for name in m {
                    if share_in_script(name, &script) < 0.75 {
                        problems.push(format!("{lang}: month {name:?} is not in {script}"));
                    }
                }
            }
            _ => problems.push(format!("{lang}: no 12 month names")),
        }
    }
    // every field the detector knows has labels
    for field in leaklens::ids::FIELDS {
        if !t.fields.contains_key(*field) {
            problems.push(format!("no English/Hindi labels for field {field:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn romanized_hindi_strings_are_not_english_copies() {
    let t = card_text();
    let more = t.more("hi-Latn").unwrap();
    let same: Vec<&String> =
        t.en.keys()
            .filter(|k| more.words.get(*k) == t.en.get(*k))
            .collect();
    // a few words are the same in both (list separators, "system", "leak", "PAN")
    assert!(same.len() * 5 < t.en.len(), "copied from English: {same:?}");
}

#[test]
fn language_files_have_only_known_fields_and_statuses() {
    let t = card_text();
    for lang in leaklens::card::MORE_LANGUAGES {
        let more = t.more(lang).expect("built in natively");
        for field in more.fields.keys() {
            assert!(
                t.fields.contains_key(field),
                "{lang}: unknown field {field:?}"
            );
        }
        for (status, text) in &more.statuses {
            assert!(
                leaklens::kb::STATUSES.contains(&status.as_str()),
                "{lang}: unknown status {status:?}"
            );
            let keys: BTreeSet<&str> = text.keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                BTreeSet::from(["explanation", "label"]),
                "{lang}: {status}"
            );
        }
    }
    let langs: BTreeSet<&str> = t.languages.keys().map(String::as_str).collect();
    assert_eq!(langs, CARD_LANGUAGES.iter().copied().collect());
}

#[test]
fn digits_and_plural_rules_are_well_formed() {
    let t = card_text();
    for lang in t.languages.keys() {
        let digits: Vec<char> = t.info(lang, "digits").unwrap().chars().collect();
        assert_eq!(digits.len(), 10, "{lang}: ten digits");
        for (i, d) in digits.iter().enumerate() {
            assert_eq!(
                d.to_digit(10).or_else(|| unicode_digit(*d)),
                Some(i as u32),
                "{lang}: digit {i}"
            );
        }
        let rule = t.info(lang, "plural_one").unwrap();
        assert!(["n=1", "i=0,n=1"].contains(&rule), "{lang}: {rule}");
        for key in ["name", "script"] {
            assert!(
                t.info(lang, key).is_some_and(|v| !v.is_empty()),
                "{lang}: {key}"
            );
        }
    }
    assert_eq!(t.number("bn", 2024), "২০২৪");
    assert_eq!(t.number("mr", 15), "१५");
    assert_eq!(t.number("ta", 15), "15");
    assert_eq!(t.number("ur", 3), "۳");
    // Hindi and Bengali: 0 and 1 take the singular; Tamil: only 1
    assert_eq!(t.plural("ta", "pd_aadhaar", 1), "1 ஆதார் எண்");
    assert_eq!(t.plural("ta", "pd_aadhaar", 0), "0 ஆதார் எண்கள்");
    assert_eq!(t.plural("ta", "pd_aadhaar", 3), "3 ஆதார் எண்கள்");
    assert_eq!(t.plural("te", "pd_mobile", 2), "2 ఫోన్ నంబర్లు");
    assert_eq!(t.plural("bn", "pd_mobile", 3), "৩টি ফোন নম্বর");
}

/// The value of a digit of the scripts used here (Rust's to_digit knows ASCII only).
fn unicode_digit(c: char) -> Option<u32> {
    let zeros = [
        0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x06F0, 0x0660,
    ];
    let cp = c as u32;
    zeros
        .iter()
        .find(|z| cp >= **z && cp < **z + 10)
        .map(|z| cp - z)
}

/// A claim of each language from the development corpus, and the card it gets.
fn claims() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for lang in CARD_LANGUAGES {
        let corpus = std::fs::read_to_string(format!("tests/corpus/{lang}.jsonl")).unwrap();
        let text = corpus
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|v| v["is_claim"] == true && !v["fields"].as_array().unwrap().is_empty())
            .map(|v| v["text"].as_str().unwrap().to_string())
            .find(|text| {
                let r = check_with(knowledge(), text, &CardOptions::default(), false);
                r.card.as_ref().is_some_and(|c| !c.fields.is_empty())
            })
            .unwrap_or_else(|| panic!("{lang}: no claim with fields in the corpus"));
        out.push((lang.to_string(), text));
    }
    out
}

#[test]
fn a_claim_in_each_language_gets_a_card_in_its_script() {
    let t = card_text();
    for (lang, text) in claims() {
        let report = check_with(knowledge(), &text, &CardOptions::default(), true);
        let card = report.card.unwrap();
        assert_eq!(card.language, lang, "{text}");
        let script = t.info(&lang, "script").unwrap();
        assert!(
            share_in_script(&card.status.label, script) >= 0.75,
            "{lang}: status {:?}",
            card.status.label
        );
        assert!(
            share_in_script(&card.status.explanation, script) >= 0.75,
            "{lang}"
        );
        for f in &card.fields {
            let line = format!("{} {}", f.label, f.collected_label);
            assert!(
                share_in_script(&line, script) >= 0.75,
                "{lang}: field line {line:?}"
            );
        }
        assert!(
            share_in_script(&card.caveat, script) >= 0.75,
            "{lang}: caveat"
        );
        // the rendered view: the card declares its language
        let view = report.view.expect("view");
        match &view {
            Node::Element { attrs, .. } => assert_eq!(attrs["lang"], lang),
            _ => panic!("the view is an element"),
        }
    }
}

#[test]
fn status_history_labels_are_in_the_card_language() {
    let t = card_text();
    let text = "CoWIN data leaked through a Telegram bot: names, Aadhaar numbers and phone numbers";
    for lang in CARD_LANGUAGES {
        let options = CardOptions {
            lang: Some(lang.to_string()),
            ..CardOptions::default()
        };
        let card = check_with(knowledge(), text, &options, false).card.unwrap();
        assert_eq!(card.language, *lang);
        assert!(
            !card.status_history.is_empty(),
            "the CoWIN incident has a history"
        );
        let script = t.info(lang, "script").unwrap();
        for step in &card.status_history {
            let expected = leaklens::card::status_in(knowledge(), &step.status, lang).unwrap();
            assert_eq!(step.label, expected.label, "{lang}: {}", step.status);
            assert!(
                share_in_script(&step.label, script) >= 0.75,
                "{lang}: history step {:?}",
                step.label
            );
        }
    }
}

#[test]
fn knowledge_in_english_only_is_tagged_on_other_cards() {
    // a Tamil CoWIN claim with a date in the June 2023 incident: the incident's summary and
    // timeline exist in English and Hindi only
    let text = "கோவின் தரவு கசிவு: டெலிகிராமில் பெயர், மொபைல் எண் விவரங்கள் கசிந்தன";
    let options = CardOptions {
        date: Some("2023-06-12".into()),
        ..CardOptions::default()
    };
    let report = check_with(knowledge(), text, &options, true);
    let card = report.card.unwrap();
    assert_eq!(card.language, "ta");
    let incident = card.incident.as_ref().expect("the June 2023 incident");
    assert_eq!(incident.lang, "en");
    let plain = plain_text(report.view.as_ref().unwrap());
    assert!(
        plain.contains(&format!("{} (ஆங்கிலத்தில்)", incident.summary)),
        "{plain}"
    );
    // and a Hindi card of the same incident has no such tag
    let report = check_with(
        knowledge(),
        text,
        &CardOptions {
            lang: Some("hi".into()),
            ..options
        },
        true,
    );
    let card = report.card.unwrap();
    assert_eq!(card.incident.unwrap().lang, "hi");
    let plain = plain_text(report.view.as_ref().unwrap());
    assert!(!plain.contains("(अंग्रेज़ी में)"), "{plain}");
}

#[test]
fn loading_a_language_rejects_unknown_languages_and_broken_files() {
    use leaklens::card::load_language;
    assert!(load_language("xx", "{}")
        .unwrap_err()
        .contains("no card language"));
    let err = load_language("ta", "{\"words\": 1}").unwrap_err();
    assert!(err.contains("data/card-text/ta.json"), "{err}");
    // the strings already there stay
    assert!(leaklens::card::language_loaded("ta"));
}
