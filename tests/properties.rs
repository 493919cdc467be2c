//! Properties over generated inputs: any Unicode text (with our vocabulary, invisible
//! characters, combining marks and case changes that grow a string mixed in) never panics;
//! evidence lies on character boundaries and maps to the same text in UTF-8 and UTF-16; the
//! output is deterministic; the normalizer's map stays within the input.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "CoWIN",
    "Co-WIN",
    "co win",
    "leak",
    "leaked",
    "data",
    "breach",
    "no",
    "not",
    "Aadhaar number",
    "names",
    "phone numbers",
    "paper leak",
    "could be misused",
    "baseless",
    "लीक",
    "डेटा",
    "आधार नंबर",
    "नहीं",
    "कोविन",
    "ক\u{09C7}\u{09BE}উইন",
    "ফাঁস",
    "கசிவு",
    "ചോര്\u{200D}ന്നു",
    "ਲੀਕ",
    "لیک",
    "ڈیٹا",
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{0301}",
    "\u{093C}",
    "्",
    "İ",
    "ẞ",
    "ﬀ",
    " ",
    "\n",
    ". ",
    "!",
    "।",
    "😀",
    "👩‍👩‍👧",
    "\u{0000}",
    "\u{FFFD}",
    "#CoWINLeak",
    "₹500",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            any::<char>().prop_map(String::from),
            prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn evidence_offsets_are_exact_in_utf8_and_utf16(s in text()) {
        let d = leaklens::check(&s);
        let utf16: Vec<u16> = s.encode_utf16().collect();
        for e in &d.evidence {
            prop_assert!(s.is_char_boundary(e.start) && s.is_char_boundary(e.end));
            prop_assert!(e.start < e.end);
            prop_assert_eq!(&s[e.start..e.end], e.text.as_str());
            let slice = String::from_utf16(&utf16[e.start_utf16..e.end_utf16]).unwrap();
            prop_assert_eq!(slice, e.text.clone());
        }
        prop_assert!((0.0..=1.0).contains(&d.confidence));
    }

    #[test]
    fn the_output_is_deterministic(s in text()) {
        let a = leaklens::check_with(leaklens::knowledge(), &s, &Default::default(), true);
        let b = leaklens::check_with(leaklens::knowledge(), &s, &Default::default(), true);
        prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    }

    #[test]
    fn normalization_maps_into_the_input(s in text()) {
        let n = leaklens::normalize::normalize(&s);
        for (i, _) in n.text.char_indices() {
            let (a, b) = n.source_span(i, i + n.text[i..].chars().next().unwrap().len_utf8());
            prop_assert!(a < b && b <= s.len());
            prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
        }
        // normalizing twice changes nothing more
        prop_assert_eq!(leaklens::normalize::normalize(&n.text).text, n.text.clone());
    }
}

#[test]
fn a_text_over_the_cap_is_checked_on_its_first_part_with_a_note() {
    let claim = "CoWIN data leaked on Telegram: names and phone numbers exposed. ";
    let big = claim.repeat(leaklens::detect::MAX_TEXT_BYTES / claim.len() + 10);
    let d = leaklens::check(&big);
    assert!(d.is_claim);
    let t = d.truncated.expect("a note for a text over the cap");
    assert_eq!(t.total_bytes, big.len());
    assert!(t.checked_bytes <= leaklens::detect::MAX_TEXT_BYTES);
    assert!(t.note.contains("only the first"), "{}", t.note);
    assert!(d.evidence.iter().all(|e| e.end <= t.checked_bytes));
    // and a text under the cap gets no note
    assert!(leaklens::check(claim).truncated.is_none());
}
