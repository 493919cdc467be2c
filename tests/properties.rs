//! Properties over generated inputs: any Unicode text (with our vocabulary, invisible
//! characters, combining marks and case changes that grow a string mixed in) never panics;
//! evidence lies on character boundaries and maps to the same text in UTF-8 and UTF-16; the
//! output is deterministic; the normalizer's map stays within the input.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "2345 6789 0124",
    "9876543210",
    "+91 ",
    "ABCPE1234F",
    "ravi@example.in",
    "९८७६५४३२१०",
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
            let slice = String::from_utf16(&utf16[e.start_utf16..e.end_utf16]).unwrap();
            prop_assert_eq!(&s[e.start..e.end], slice.as_str());
            if e.kind == leaklens::EvidenceKind::PersonalData {
                // an identifier is given masked, never as written
                let kind = e.id.as_deref().and_then(leaklens::personal_data::Kind::from_id);
                prop_assert!(kind.is_some());
                prop_assert_eq!(leaklens::personal_data::mask(kind.unwrap(), &slice), e.text.clone());
            } else {
                prop_assert_eq!(slice, e.text.clone());
            }
        }
        for p in &d.personal_data {
            let slice = String::from_utf16(&utf16[p.start_utf16..p.end_utf16]).unwrap();
            prop_assert_eq!(&s[p.start..p.end], slice.as_str());
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

/// Characters that compose, decompose, reorder or block: combining marks of several classes,
/// Indic vowel signs that compose with the sign before, Hangul jamo, singletons, exclusions.
const NORMALIZATION_EDGES: &[char] = &[
    'a',
    'e',
    'o',
    's',
    'u',
    'A',
    'K',
    '\u{00C5}',
    '\u{00E9}',
    '\u{0300}',
    '\u{0301}',
    '\u{0302}',
    '\u{0307}',
    '\u{0308}',
    '\u{0323}',
    '\u{0327}',
    '\u{0345}',
    '\u{0391}',
    '\u{03B1}',
    '\u{0313}',
    '\u{0915}',
    '\u{093C}',
    '\u{094D}',
    '\u{0958}',
    '\u{0995}',
    '\u{09BE}',
    '\u{09C7}',
    '\u{09D7}',
    '\u{0B47}',
    '\u{0B3E}',
    '\u{0B56}',
    '\u{0BC6}',
    '\u{0BBE}',
    '\u{0BD7}',
    '\u{0C46}',
    '\u{0C56}',
    '\u{0CBF}',
    '\u{0CC6}',
    '\u{0CD5}',
    '\u{0CC2}',
    '\u{0D46}',
    '\u{0D3E}',
    '\u{0D57}',
    '\u{0627}',
    '\u{0653}',
    '\u{0654}',
    '\u{0655}',
    '\u{06D2}',
    '\u{1100}',
    '\u{1161}',
    '\u{11A8}',
    '\u{AC00}',
    '\u{212B}',
    '\u{212A}',
    '\u{1E63}',
    '\u{1F00}',
    '\u{F900}',
    '\u{FA10}',
    '\u{2F800}',
    '\u{1D15E}',
    '\u{1D165}',
    '\u{05B8}',
    '\u{05B7}',
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20000))]

    /// The core's own NFC (src/nfc.rs, tables generated by build.rs) is exactly Unicode's, but
    /// for the CJK compatibility ideographs, which it leaves as they are.
    #[test]
    fn nfc_is_unicode_nfc(chars in prop::collection::vec(
        prop_oneof![3 => prop::sample::select(NORMALIZATION_EDGES), 1 => any::<char>()], 0..12)) {
        let s: String = chars.into_iter().collect();
        let expected = unicode_nfc_keeping_cjk_compatibility(&s);
        prop_assert_eq!(leaklens::nfc::nfc(&s), expected.clone());
        prop_assert_eq!(leaklens::nfc::is_nfc(&s), s == expected);
    }

    /// Detection cannot tell a CJK compatibility ideograph from its unified twin (what full
    /// NFC would make of it): the same result, offsets and all, for a text with either.
    #[test]
    fn cjk_compatibility_ideographs_do_not_change_detection(
        base in text(),
        cjk in prop::collection::vec(prop::sample::select(vec![
            '\u{F900}', '\u{F91D}', '\u{F9FF}', '\u{FA10}', '\u{FA6A}', '\u{FAD9}',
        ]), 1..6),
        at in prop::collection::vec(any::<prop::sample::Index>(), 1..6),
    ) {
        use unicode_normalization::UnicodeNormalization;
        let mut compat = base.clone();
        for (c, i) in cjk.iter().zip(&at) {
            let mut cut = i.index(compat.len() + 1);
            while !compat.is_char_boundary(cut) {
                cut -= 1;
            }
            compat.insert(cut, *c);
        }
        // the same text with each ideograph as full NFC writes it (for these, of the Basic
        // Multilingual Plane, the same length in UTF-8 and UTF-16: offsets compare as they are)
        let unified: String = compat
            .chars()
            .map(|c| if cjk.contains(&c) { c.to_string().nfc().collect() } else { c.to_string() })
            .collect();
        prop_assert_eq!(compat.len(), unified.len());
        let a = serde_json::to_value(leaklens::check(&compat)).unwrap();
        let b = serde_json::to_value(leaklens::check(&unified)).unwrap();
        let strip = |mut v: serde_json::Value| {
            // evidence text is the post's own, ideograph and all
            for e in v["evidence"].as_array_mut().into_iter().flatten() {
                e.as_object_mut().unwrap().remove("text");
            }
            v
        };
        prop_assert_eq!(strip(a), strip(b));
    }
}

/// Unicode's NFC, with the CJK compatibility ideographs left as they are (each is a starter
/// that nothing composes with, so the text between them normalizes on its own).
fn unicode_nfc_keeping_cjk_compatibility(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let compat = |c: char| matches!(c as u32, 0xF900..=0xFAFF | 0x2F800..=0x2FA1F);
    let mut out = String::new();
    let mut part = String::new();
    for c in s.chars() {
        if compat(c) {
            out.extend(part.nfc());
            part.clear();
            out.push(c);
        } else {
            part.push(c);
        }
    }
    out.extend(part.nfc());
    out
}

#[test]
fn nfc_and_combining_classes_agree_with_unicode_for_every_character() {
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let s = c.to_string();
        let expected = unicode_nfc_keeping_cjk_compatibility(&s);
        assert_eq!(leaklens::nfc::nfc(&s), expected, "U+{:04X}", c as u32);
        assert_eq!(
            leaklens::nfc::is_nfc(&s),
            s == expected,
            "U+{:04X}",
            c as u32
        );
        assert_eq!(
            leaklens::nfc::ccc(c),
            unicode_normalization::char::canonical_combining_class(c),
            "U+{:04X}",
            c as u32
        );
        // and after a base letter, where a mark may compose with it
        let pair: String = ['a', c].into_iter().collect();
        let expected = unicode_nfc_keeping_cjk_compatibility(&pair);
        assert_eq!(
            leaklens::nfc::nfc(&pair),
            expected,
            "a + U+{:04X}",
            c as u32
        );
    }
}
