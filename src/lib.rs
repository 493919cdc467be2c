//! LeakLens core: finds posts and articles that allege a leak of citizens' personal data, says
//! which system and which fields, and why.
//!
//! Data flows one way: text → [`normalize`] → [`matcher`] (one word index over every lexicon)
//! → [`detect`] (the decision and its evidence) → JSON for the CLI, the extension and the page.

pub mod batch;
pub mod card;
pub mod claimreview;
pub mod detect;
pub mod eval;
pub mod ids;
pub mod kb;
pub mod kb_report;
pub mod lexicon;
pub mod matcher;
pub mod nfc;
pub mod normalize;
pub mod order;
pub mod packed;
pub mod personal_data;
pub mod report;
pub mod script;
pub mod view;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "www"))]
mod www;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

pub use detect::{Detection, Detector, Evidence, EvidenceKind};
pub use personal_data::redact;

use std::sync::OnceLock;

/// The value of what `build.rs` made and checked (the vocabulary, the knowledge, the card
/// strings, the scanner's patterns): failing here is a bug in the build, and the panic says
/// which data without formatting the error, which would carry `Debug` formatting code into
/// every extension download.
pub(crate) fn built<T, E>(result: Result<T, E>, what: &str) -> T {
    match result {
        Ok(value) => value,
        Err(_) => panic!("{what}"),
    }
}

/// The detector over the embedded vocabulary, which `build.rs` compiled from `data/lexicon`;
/// loaded on first use.
pub fn detector() -> &'static Detector {
    static DETECTOR: OnceLock<Detector> = OnceLock::new();
    DETECTOR.get_or_init(|| built(load_detector(), "build.rs compiled the vocabulary"))
}

/// A new detector over the embedded vocabulary (what [`detector`] holds).
pub fn load_detector() -> Result<Detector, String> {
    Detector::load(std::borrow::Cow::Borrowed(embedded::VOCABULARY))
}

/// The lexicon files embedded at build time, parsed, in file-name order (for tools and tests:
/// the detector reads the compiled form).
pub fn lexicons() -> Result<Vec<lexicon::Lexicon>, lexicon::LexiconError> {
    embedded::LEXICON_FILES
        .iter()
        .map(|(file, json)| lexicon::Lexicon::parse(file, json))
        .collect()
}

/// Check one text with the embedded vocabulary.
pub fn check(text: &str) -> Detection {
    detector().check(text)
}

/// The knowledge base embedded at build time, validated on first use.
pub fn knowledge() -> &'static kb::Knowledge {
    static KB: OnceLock<kb::Knowledge> = OnceLock::new();
    KB.get_or_init(|| built(load_knowledge(), "build.rs validated the knowledge"))
}

/// A short fingerprint of the embedded knowledge files (FNV-1a over their minified JSON, which
/// `build.rs` computes): reports name the knowledge a card came from, and it changes with any
/// knowledge update. (Computed at build time, so that the WASM need not carry the JSON.)
pub fn knowledge_version() -> String {
    embedded::KB_VERSION.to_string()
}

/// The knowledge embedded at build time, parsed anew (what [`knowledge`] holds). `build.rs`
/// validated it, so it is not validated again; it is embedded packed (`src/packed.rs`).
pub fn load_knowledge() -> Result<kb::Knowledge, kb::KbError> {
    kb::Knowledge::parse_files(embedded::KB_PACKED)
}

/// The text a card matches incidents in: the detector's normalized text, or the whole text
/// normalized anew when the detector read only its first part.
fn post_text(detection: &Detection, text: &str, norm: String) -> card::PostText<'static> {
    match detection.truncated {
        None => card::PostText::normalized(norm.into()),
        Some(_) => card::PostText::new(text),
    }
}

/// A detection with its card (for claims) and, when asked, the card's view tree.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    #[serde(flatten)]
    pub detection: Detection,
    pub card: Option<card::Card>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view: Option<view::Node>,
}

/// Check a text and build its card from `kb`.
pub fn check_with(
    kb: &kb::Knowledge,
    text: &str,
    options: &card::CardOptions,
    with_view: bool,
) -> Report {
    let (detection, norm) = detector().check_keeping_text(text);
    let card = detection
        .is_claim
        .then(|| card::build_for(kb, &detection, &post_text(&detection, text, norm), options));
    let view = match (&card, with_view) {
        (Some(c), true) => Some(view::card_view(c, &detection)),
        _ => None,
    };
    Report {
        detection,
        card,
        view,
    }
}

/// What a feed needs to mark a post without building the whole card: the verdict, the
/// systems' names in the card language and the status. The full card is built on demand.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Summary {
    pub is_claim: bool,
    pub confidence: f32,
    pub language: String,
    pub systems: Vec<String>,
    pub system_names: Vec<String>,
    pub status: Option<card::StatusRef>,
    /// The card's language (a claim's only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_language: Option<String>,
    /// The incident the card matched (a claim's only; status-change notices follow it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incident: Option<String>,
    /// Identifiers the post shows, masked.
    pub personal_data: Vec<personal_data::PersonalData>,
}

/// Check a text and summarize it for a feed.
pub fn summarize(kb: &kb::Knowledge, text: &str, options: &card::CardOptions) -> Summary {
    summarize_with(|| kb, text, options)
}

/// [`summarize`] with the knowledge asked for only when the text is a claim: a feed's core
/// answers posts that are no claim without loading it.
pub fn summarize_with<'k>(
    kb: impl FnOnce() -> &'k kb::Knowledge,
    text: &str,
    options: &card::CardOptions,
) -> Summary {
    let (detection, norm) = detector().check_keeping_text(text);
    let (system_names, status, incident) = if detection.is_claim {
        let post = post_text(&detection, text, norm);
        let (names, status, incident) = card::names_and_status_of(kb(), &detection, &post, options);
        (names, Some(status), incident)
    } else {
        (Vec::new(), None, None)
    };
    let card_language = detection
        .is_claim
        .then(|| card::card_language(&detection, options));
    Summary {
        is_claim: detection.is_claim,
        confidence: detection.confidence,
        language: detection.language,
        systems: detection.systems,
        system_names,
        status,
        card_language,
        incident,
        personal_data: detection.personal_data,
    }
}
