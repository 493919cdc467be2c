//! LeakLens core: finds posts and articles that allege a leak of citizens' personal data, says
//! which system and which fields, and why.
//!
//! Data flows one way: text → [`normalize`] → [`matcher`] (one automaton over every lexicon)
//! → [`detect`] (the decision and its evidence) → JSON for the CLI, the extension and the page.

pub mod detect;
pub mod ids;
pub mod lexicon;
pub mod matcher;
pub mod normalize;
pub mod script;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub use detect::{Detection, Detector, Evidence, EvidenceKind};

use std::sync::OnceLock;

/// The detector built from the embedded lexicons, compiled on first use.
pub fn detector() -> &'static Detector {
    static DETECTOR: OnceLock<Detector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        let lexicons = lexicon::embedded().expect("embedded lexicons are validated by tests");
        Detector::new(&lexicons)
    })
}

/// Check one text with the embedded vocabulary.
pub fn check(text: &str) -> Detection {
    detector().check(text)
}
