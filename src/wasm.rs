//! The JavaScript API of the core (wasm-bindgen). The extension's background and the checker
//! page call these; results are plain JS objects shaped like the CLI's JSON, plus the card's
//! view tree for rendering.

use crate::card::CardOptions;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A result as a JS object: written as JSON and read by the engine's `JSON.parse`, which is
/// smaller in the core than building the object field by field across the boundary, and faster
/// for nested results (measured: bench/REPORT.md).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    // (our results always serialize: no map has keys other than strings)
    let json =
        serde_json::to_string(value).map_err(|_| JsError::new("a result that is not JSON"))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("a result that is not JSON"))
}

fn options(value: JsValue) -> Result<CardOptions, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(CardOptions::default());
    }
    let field = |name: &str| -> Result<Option<String>, JsError> {
        let v = js_sys::Reflect::get(&value, &name.into()).unwrap_or(JsValue::UNDEFINED);
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        v.as_string()
            .map(Some)
            .ok_or_else(|| JsError::new(&format!("options: {name} is not a string")))
    };
    Ok(CardOptions {
        date: field("date")?,
        url: field("url")?,
        lang: field("lang")?,
    })
}

/// Build the matcher now (otherwise the first check does it). The knowledge base is loaded
/// by the first claim: most posts are not claims, and the core answers them without it.
#[wasm_bindgen]
pub fn warm() {
    crate::detector();
}

/// Detect only (no card): `{is_claim, confidence, language, systems, fields, evidence}`.
#[wasm_bindgen]
pub fn detect(text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::check(text))
}

/// Check one text: `{is_claim, confidence, language, systems, fields, evidence, card, view}`.
/// `options` may give `{date, url, lang}`.
#[wasm_bindgen]
pub fn check(text: &str, options_value: JsValue) -> Result<JsValue, JsError> {
    let opts = options(options_value)?;
    to_js(&crate::check_with(crate::knowledge(), text, &opts, true))
}

/// The text with every identifier it shows (Aadhaar, PAN, mobile, e-mail, voter ID, passport)
/// masked: what may be copied, shared or reported.
#[wasm_bindgen]
pub fn redact(text: &str) -> String {
    crate::personal_data::redact(text)
}

/// Check many posts at once (`[{text, date?, url?}]`, or plain strings); one summary each,
/// same order: `{is_claim, confidence, language, systems, system_names, status}`. `lang`
/// chooses the card language for all of them. Feeds call this; `check` gives the full card.
#[wasm_bindgen(js_name = checkBatch)]
pub fn check_batch(posts: Vec<JsValue>, lang: Option<String>) -> Result<JsValue, JsError> {
    let mut results = Vec::with_capacity(posts.len());
    for post in posts {
        let (text, mut opts) = match post.as_string() {
            Some(text) => (text, CardOptions::default()),
            None => {
                let text = js_sys::Reflect::get(&post, &"text".into())
                    .ok()
                    .and_then(|t| t.as_string())
                    .unwrap_or_default();
                (text, options(post)?)
            }
        };
        opts.lang = lang.clone();
        results.push(crate::summarize_with(crate::knowledge, &text, &opts));
    }
    to_js(&results)
}

/// The card's words in a language (English for a language the card does not have), as
/// `[key, word, key, word, …]`: the extension's report dialog uses them.
#[wasm_bindgen(js_name = cardWords)]
pub fn card_words(lang: &str) -> Vec<String> {
    let t = crate::card::card_text();
    t.en.keys()
        .flat_map(|k| [k.clone(), t.word(lang, k)])
        .collect()
}

/// An incident's current status in the embedded knowledge, in a card language, as
/// `[status, label, title, last_update]`; empty for an unknown id. The extension compares it
/// with the status a reader saw.
#[wasm_bindgen(js_name = incidentStatus)]
pub fn incident_status(id: &str, lang: Option<String>) -> Vec<String> {
    let kb = crate::knowledge();
    let lang = lang.unwrap_or_else(|| "en".into());
    let Some(incident) = kb.incidents.iter().find(|i| i.id == id) else {
        return Vec::new();
    };
    let status = crate::card::status_ref(kb, Some(incident), &lang);
    vec![
        status.id,
        status.label,
        crate::kb::text_in(&incident.title, &lang).to_string(),
        incident.last_update.clone(),
    ]
}

/// A status's label in a card language (for notices about a status seen earlier).
#[wasm_bindgen(js_name = statusLabel)]
pub fn status_label(id: &str, lang: Option<String>) -> String {
    let lang = lang.unwrap_or_else(|| "en".into());
    crate::card::status_in(crate::knowledge(), id, &lang)
        .map_or_else(|| id.to_string(), |s| s.label)
}

/// Load a card language's strings (data/card-text/LANG.json packed by tools/pack.mjs, shipped
/// in the extension as card-text/LANG.packed): the extension's core has only English and Hindi
/// built in.
#[wasm_bindgen(js_name = loadLanguage)]
pub fn load_language(lang: &str, packed: &str) -> Result<(), JsError> {
    crate::card::load_language(lang, packed).map_err(|e| JsError::new(&e))
}

/// Whether a card language's strings are loaded.
#[wasm_bindgen(js_name = languageLoaded)]
pub fn language_loaded(lang: &str) -> bool {
    crate::card::language_loaded(lang)
}

/// The fingerprint of the embedded knowledge (see `knowledge_version`).
#[wasm_bindgen(js_name = knowledgeVersion)]
pub fn knowledge_version() -> String {
    crate::knowledge_version()
}

/// schema.org ClaimReview JSON-LD for a text, or `null` when it holds no claim (the checker
/// page's export; the extension's core leaves it out).
#[cfg(feature = "www")]
#[wasm_bindgen(js_name = claimReview)]
pub fn claim_review(
    text: &str,
    options_value: JsValue,
    reviewed_on: &str,
) -> Result<JsValue, JsError> {
    let opts = options(options_value)?;
    let report = crate::check_with(crate::knowledge(), text, &opts, false);
    match report.card {
        Some(card) => to_js(&crate::claimreview::claim_review(
            &card,
            text,
            &opts,
            reviewed_on,
        )),
        None => Ok(JsValue::NULL),
    }
}
