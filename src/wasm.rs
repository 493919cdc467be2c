//! The JavaScript API of the core (wasm-bindgen). The extension's background and the checker
//! page call these; results are plain JS objects shaped like the CLI's JSON.

use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Build the matcher now (otherwise the first check does it).
#[wasm_bindgen]
pub fn warm() {
    crate::detector();
}

/// Check one text: `{is_claim, confidence, language, systems, fields, evidence}`.
#[wasm_bindgen]
pub fn check(text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::check(text))
}

/// Check many texts at once; one result per text, same order.
#[wasm_bindgen(js_name = checkBatch)]
pub fn check_batch(texts: Vec<String>) -> Result<JsValue, JsError> {
    let results: Vec<_> = texts.iter().map(|t| crate::check(t)).collect();
    to_js(&results)
}
