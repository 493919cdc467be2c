//! The core compiled to wasm32, run by wasm-bindgen-test in Node and in headless Chromium
//! (`make test-wasm`). Checks the JS-facing API: plain objects, UTF-16 offsets that slice
//! JavaScript strings exactly.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

#[wasm_bindgen_test]
fn check_returns_a_plain_object() {
    let r = leaklens::wasm::check(
        "Massive CoWIN data leak: names and phone numbers exposed",
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(get(&r, "is_claim"), JsValue::TRUE);
    let systems: Vec<String> = Array::from(&get(&r, "systems"))
        .iter()
        .map(|s| s.as_string().unwrap())
        .collect();
    assert_eq!(systems, vec!["cowin"]);
}

#[wasm_bindgen_test]
fn utf16_offsets_slice_js_strings() {
    let text = "😀 Breaking: Co\u{200B}WIN data leak 🔥 names, phone numbers exposed";
    let r = leaklens::wasm::check(text, JsValue::UNDEFINED).unwrap();
    let js = JsString::from(text);
    let evidence = Array::from(&get(&r, "evidence"));
    assert!(evidence.length() >= 3);
    for e in evidence.iter() {
        let start = get(&e, "start_utf16").as_f64().unwrap() as u32;
        let end = get(&e, "end_utf16").as_f64().unwrap() as u32;
        let phrase = get(&e, "text").as_string().unwrap();
        assert_eq!(String::from(js.slice(start, end)), phrase);
    }
}

#[wasm_bindgen_test]
fn batch_keeps_order() {
    let texts = vec![
        JsValue::from_str("the weather is fine"),
        JsValue::from_str("CoWIN data leaked on Telegram"),
    ];
    let r = Array::from(&leaklens::wasm::check_batch(texts, None).unwrap());
    assert_eq!(r.length(), 2);
    assert_eq!(get(&r.get(0), "is_claim"), JsValue::FALSE);
    assert_eq!(get(&r.get(1), "is_claim"), JsValue::TRUE);
    assert_eq!(
        get(&get(&r.get(1), "status"), "id").as_string().unwrap(),
        "disputed"
    );
    assert!(get(&r.get(0), "status").is_null());
}

#[wasm_bindgen_test]
fn claims_carry_a_card_and_its_view_tree() {
    let opts = js_sys::Object::new();
    Reflect::set(&opts, &"date".into(), &"2023-06-12".into()).unwrap();
    let r = leaklens::wasm::check(
        "CoWIN data leaked on a Telegram bot: names and addresses",
        opts.into(),
    )
    .unwrap();
    let card = get(&r, "card");
    assert_eq!(
        get(&get(&card, "status"), "id").as_string().unwrap(),
        "disputed"
    );
    let view = get(&r, "view");
    assert_eq!(get(&view, "tag").as_string().unwrap(), "section");
}

/// The personal-data scanner in WASM (regex-lite) finds exactly what the labels say, case by
/// case, as the native build (regex) does in tests/personal_data.rs: the builds agree.
#[wasm_bindgen_test]
fn personal_data_matches_the_labelled_cases_exactly() {
    let text = include_str!("personal_data/cases.jsonl");
    let cases = leaklens::eval::parse_personal_data_cases("cases.jsonl", text).unwrap();
    let report = leaklens::eval::evaluate_personal_data(&cases);
    assert!(report.misses.is_empty(), "{report}\n{:?}", report.misses);
    assert!(report.all().tp >= 150);
}

#[wasm_bindgen_test]
fn redact_and_check_never_return_an_identifier() {
    let text = "CoWIN leak: Aadhaar 2345 6789 0124, phone +91 98765 43210, ravi@example.in";
    let red = leaklens::wasm::redact(text);
    assert_eq!(
        red,
        "CoWIN leak: Aadhaar XXXX XXXX 0124, phone +91 XXXXX X3210, r*****@example.in"
    );
    let r = leaklens::wasm::check(text, JsValue::UNDEFINED).unwrap();
    let json = String::from(js_sys::JSON::stringify(&r).unwrap());
    for raw in ["2345 6789 0124", "98765 43210", "ravi@example.in"] {
        assert!(!json.contains(raw), "{raw} in {json}");
    }
    let found = Array::from(&get(&r, "personal_data"));
    assert_eq!(found.length(), 3);
    let js = JsString::from(text);
    let first = found.get(0);
    let start = get(&first, "start_utf16").as_f64().unwrap() as u32;
    let end = get(&first, "end_utf16").as_f64().unwrap() as u32;
    assert_eq!(String::from(js.slice(start, end)), "2345 6789 0124");
    assert_eq!(get(&first, "kind").as_string().unwrap(), "aadhaar");
}
