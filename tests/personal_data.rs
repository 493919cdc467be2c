//! The personal-data scanner: its targets on our labelled cases (tests/personal_data/), the two
//! regular-expression engines giving identical results, and no output of the core repeating an
//! identifier a post shows.
#![cfg(not(target_arch = "wasm32"))]

use leaklens::card::CardOptions;
use leaklens::eval::{evaluate_personal_data, parse_personal_data_cases, PersonalDataCase};
use leaklens::personal_data::{redact, scan, Scanner};
use leaklens::{check_with, knowledge, summarize};

fn cases() -> Vec<PersonalDataCase> {
    let file = "tests/personal_data/cases.jsonl";
    let text = std::fs::read_to_string(file).unwrap();
    parse_personal_data_cases(file, &text).unwrap()
}

/// Every identifier of every case, as written and with its digits in ASCII.
fn raw_values(case: &PersonalDataCase) -> Vec<String> {
    let ascii = |s: &str| -> String {
        s.chars()
            .map(|c| leaklens::personal_data::digit_value(c).map_or(c, |d| char::from(b'0' + d)))
            .collect()
    };
    let mut out = Vec::new();
    for e in &case.expect {
        out.push(e.text.clone());
        out.push(ascii(&e.text));
        let bare: String = ascii(&e.text)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        out.push(bare);
    }
    out
}

#[test]
fn precision_and_recall_per_kind_reach_the_targets() {
    let cases = cases();
    assert!(cases.len() >= 200, "{} cases", cases.len());
    let report = evaluate_personal_data(&cases);
    println!("{report}");
    for (kind, c) in &report.per_kind {
        assert!(
            c.tp >= 10,
            "{kind}: only {} labelled identifiers",
            c.tp + c.fn_
        );
        assert!(
            c.precision() >= 0.98,
            "{kind}: precision {:.3}\n{report}",
            c.precision()
        );
        assert!(
            c.recall() >= 0.98,
            "{kind}: recall {:.3}\n{report}",
            c.recall()
        );
    }
    // this build finds exactly what the labels say, case by case, as the WASM build must
    // (tests/wasm.rs): the two builds agree
    assert!(report.misses.is_empty(), "{:?}", report.misses);
    // the set holds hard negatives too
    assert!(cases.iter().filter(|c| c.expect.is_empty()).count() >= 90);
}

/// A small deterministic generator of texts full of near-identifiers.
fn generated(n: usize) -> Vec<String> {
    let pieces = [
        "2345",
        "6789",
        "0124",
        "98765",
        "43210",
        "+91",
        "91",
        "0",
        " ",
        "-",
        ",",
        ".",
        "/",
        "ABCPE",
        "1234",
        "F",
        "UTC",
        "J836",
        "9854",
        "@",
        "ravi",
        "example",
        ".in",
        "X",
        "xx",
        "९८७६",
        "५४३२",
        "१०",
        "৯৮৭৬",
        "Aadhaar ",
        "order ",
        "Rs ",
        "₹",
        " crore",
        "helpline ",
        "\n",
        "आधार ",
        "IFSC ",
        "SBIN0",
        "7",
        "6",
        "8",
        "9",
        "2",
    ];
    let mut seed: u64 = 0x5eed_1ea4;
    let mut next = move |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m as u64) as usize
    };
    (0..n)
        .map(|_| {
            let len = 3 + next(24);
            (0..len).map(|_| pieces[next(pieces.len())]).collect()
        })
        .collect()
}

#[test]
fn regex_and_regex_lite_find_exactly_the_same() {
    let lite: Scanner<regex_lite::Regex> = Scanner::new();
    let full: Scanner<regex::Regex> = Scanner::new();
    let mut texts: Vec<String> = cases().into_iter().map(|c| c.text).collect();
    texts.extend(generated(20_000));
    let mut found = 0;
    for t in &texts {
        let a = full.scan(t);
        assert_eq!(a, lite.scan(t), "{t:?}");
        found += a.len();
    }
    assert!(
        found > 500,
        "the generated texts should hold identifiers: {found}"
    );
}

#[test]
fn redacted_text_shows_no_identifier_and_keeps_the_rest() {
    for case in cases() {
        let red = redact(&case.text);
        assert!(scan(&red).is_empty(), "{}: {red}", case.id);
        for raw in raw_values(&case) {
            assert!(!red.contains(&raw), "{}: {red}", case.id);
        }
        if case.expect.is_empty() {
            assert_eq!(red, case.text, "{}", case.id);
        }
    }
    for t in generated(5_000) {
        let red = redact(&t);
        assert!(scan(&red).is_empty(), "{t:?} → {red:?}");
        assert_eq!(redact(&red), red);
    }
}

#[test]
fn offsets_point_at_the_identifier_in_bytes_and_utf16() {
    for case in cases() {
        let utf16: Vec<u16> = case.text.encode_utf16().collect();
        for p in scan(&case.text) {
            let bytes = &case.text[p.start..p.end];
            let units = String::from_utf16(&utf16[p.start_utf16..p.end_utf16]).unwrap();
            assert_eq!(bytes, units, "{}", case.id);
        }
    }
}

#[test]
fn no_output_of_the_core_repeats_an_identifier() {
    let kb = knowledge();
    let opts = CardOptions::default();
    let mut cards = 0;
    for case in cases().iter().filter(|c| !c.expect.is_empty()) {
        let report = check_with(kb, &case.text, &opts, true);
        let mut outputs = vec![
            serde_json::to_string(&report).unwrap(),
            serde_json::to_string(&summarize(kb, &case.text, &opts)).unwrap(),
        ];
        if let (Some(card), Some(view)) = (&report.card, &report.view) {
            cards += 1;
            outputs.push(leaklens::view::plain_text(view));
            let review = leaklens::claimreview::claim_review(card, &case.text, &opts, "2026-11-29");
            outputs.push(review.to_string());
        }
        // JSON escapes nothing in these values, so a raw value would appear as written
        for out in &outputs {
            for raw in raw_values(case) {
                assert!(!out.contains(&raw), "{}: {raw} in {out}", case.id);
            }
        }
        assert_eq!(
            report.detection.personal_data.len(),
            case.expect.len(),
            "{}",
            case.id
        );
    }
    assert!(cards >= 50, "only {cards} of the cases made cards");
}

#[test]
fn a_claim_that_shows_identifiers_warns_in_the_card_language() {
    let text = "CoWIN data leaked on Telegram: Aadhaar 2345 6789 0124, Aadhaar 2345-6789-0124 \
                and mobile 9876543210 of my neighbour";
    let kb = knowledge();
    let en = check_with(kb, text, &CardOptions::default(), true);
    let notice = en.card.unwrap().personal_data.expect("a notice");
    assert_eq!(
        notice.text,
        "This post shows what look like 2 Aadhaar numbers and 1 phone number. \
         Sharing it spreads people's data."
    );
    let hi_opts = CardOptions {
        lang: Some("hi".into()),
        ..CardOptions::default()
    };
    let hi = check_with(kb, text, &hi_opts, true).card.unwrap();
    assert!(hi
        .personal_data
        .unwrap()
        .text
        .contains("2 आधार नंबर और 1 फ़ोन नंबर"));
    // the view shows the notice as a note
    let view = serde_json::to_string(&en.view.unwrap()).unwrap();
    assert!(view.contains("ll-personal-data"), "{view}");
    // no identifiers, no notice
    let plain = check_with(
        kb,
        "CoWIN data leaked on Telegram with names",
        &CardOptions::default(),
        false,
    );
    assert!(plain.card.unwrap().personal_data.is_none());
}

#[test]
fn shown_identifiers_support_a_leak_event_but_make_no_claim_alone() {
    // no system or data word: the identifiers are what the leak is about
    let d = leaklens::check(
        "The bot even showed voter ID UTC1234567 and passport no. J8369854. Unbelievable breach.",
    );
    assert!(d.is_claim);
    assert!(d
        .evidence
        .iter()
        .any(|e| e.kind == leaklens::EvidenceKind::PersonalData));
    // identifiers with no leak event, or with a leak in another sense, are not a claim
    for text in [
        "Call me on 9876543210 for the flat in Indore",
        "Gas leak near the market, call 9876543210 now",
        "Question paper leaked again! Contact 9876543210 for coaching",
    ] {
        let d = leaklens::check(text);
        assert!(!d.is_claim, "{text}");
        assert_eq!(d.personal_data.len(), 1, "{text}");
    }
}
