//! The context card: a detection joined with the knowledge base. Per claimed field, whether the
//! system collects it (with its source); the incident the post most likely refers to, its status
//! and dated timeline; and the caveat that "not collected" does not make a claim false.

use crate::detect::Detection;
use crate::kb::{text_in, Collected, Incident, Knowledge, Source, Text};
use crate::normalize::normalize;
use crate::personal_data::Kind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What the reader or the page knows besides the text.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CardOptions {
    /// When the post was published (`YYYY-MM-DD`, or an ISO timestamp).
    #[serde(default)]
    pub date: Option<String>,
    /// Where the post was published.
    #[serde(default)]
    pub url: Option<String>,
    /// Card language chosen by the reader (one of `CARD_LANGUAGES`); otherwise the post's.
    #[serde(default)]
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceRef {
    pub url: String,
    pub publisher: String,
    pub date: String,
}

impl From<&Source> for SourceRef {
    fn from(s: &Source) -> Self {
        SourceRef {
            url: s.url.clone(),
            publisher: s.publisher.clone(),
            date: s.date.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CardSystem {
    pub id: String,
    /// The system's name in the post's script when known, else in the card language.
    pub name: String,
    pub operator: String,
    pub about: String,
    /// The language `operator` and `about` are in: the card's, or `en` where the knowledge
    /// base has no text in the card's language.
    pub lang: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CardField {
    pub field: String,
    pub label: String,
    pub claimed: bool,
    pub collected: Collected,
    pub collected_label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The language of `note` (the card's, or `en` as a fallback).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note_lang: Option<String>,
    pub sources: Vec<SourceRef>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StatusRef {
    pub id: String,
    pub label: String,
    pub explanation: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IncidentRef {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub first_reported: String,
    pub last_update: String,
    /// The language of `title` and `summary` (the card's, or `en` as a fallback).
    pub lang: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineEntry {
    pub date: String,
    pub actor: String,
    pub what: String,
    pub source: SourceRef,
    /// The language of `actor` and `what` (the card's, or `en` as a fallback).
    pub lang: String,
}

/// One step of the matched incident's status history.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StatusStepRef {
    pub status: String,
    pub label: String,
    pub date: String,
    pub source: SourceRef,
}

/// A point on which reports differ, with what each report says and its source.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConflictRef {
    pub about: String,
    pub accounts: Vec<AccountRef>,
    /// The language of `about` and the accounts (the card's, or `en` as a fallback).
    pub lang: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AccountRef {
    pub what: String,
    pub source: SourceRef,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Card {
    pub language: String,
    /// The day the knowledge behind this card was last reviewed (`YYYY-MM-DD`).
    pub knowledge_date: String,
    pub systems: Vec<CardSystem>,
    /// One line per claimed field, judged against the first system the post names.
    pub fields: Vec<CardField>,
    /// Fields the system does collect that the post did not mention.
    pub other_fields: Vec<CardField>,
    pub status: StatusRef,
    pub incident: Option<IncidentRef>,
    pub timeline: Vec<TimelineEntry>,
    /// The incident's status over time, oldest first (empty without an incident).
    pub status_history: Vec<StatusStepRef>,
    /// Points on which reports about the incident differ.
    pub reports_differ: Vec<ConflictRef>,
    /// Every source cited on the card, once each.
    pub sources: Vec<SourceRef>,
    pub caveat: String,
    /// When the post itself shows identifiers: how many of each, and the warning line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personal_data: Option<PersonalDataNotice>,
}

/// The warning a card gives when the post shows identifiers ("This post shows what look like
/// 2 Aadhaar numbers and 1 phone number. Sharing it spreads people's data.").
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PersonalDataNotice {
    pub counts: Vec<PersonalDataCount>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PersonalDataCount {
    pub kind: Kind,
    pub count: usize,
}

/// The notice for the identifiers a detection found, in the card language; none without any.
pub fn personal_data_notice(detection: &Detection, lang: &str) -> Option<PersonalDataNotice> {
    let words = card_text();
    let counts: Vec<PersonalDataCount> = Kind::ALL
        .into_iter()
        .map(|kind| PersonalDataCount {
            kind,
            count: detection
                .personal_data
                .iter()
                .filter(|p| p.kind == kind)
                .count(),
        })
        .filter(|c| c.count > 0)
        .collect();
    if counts.is_empty() {
        return None;
    }
    let parts: Vec<String> = counts
        .iter()
        // the language's plural rule and digits (data/card-languages.json)
        .map(|c| words.plural(lang, &format!("pd_{}", c.kind.id()), c.count as u64))
        .collect();
    let list = match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!(
            "{}{}{last}",
            rest.join(&words.word(lang, "list_comma")),
            words.word(lang, "list_and")
        ),
        None => String::new(),
    };
    Some(PersonalDataNotice {
        text: words
            .word(lang, "personal_data_shown")
            .replace("{list}", &list),
        counts,
    })
}

/// The languages a card can be in: the 13 the detector reads.
pub const CARD_LANGUAGES: &[&str] = &[
    "en", "hi", "hi-Latn", "bn", "ta", "te", "ml", "mr", "gu", "kn", "pa", "or", "ur",
];

/// The languages beyond English and Hindi, whose strings are in data/card-text/LANG.json.
pub const MORE_LANGUAGES: &[&str] = &[
    "hi-Latn", "bn", "ta", "te", "ml", "mr", "gu", "kn", "pa", "or", "ur",
];

/// Their strings (packed by `build.rs`), built in natively and in the checker page's core. The
/// extension's core leaves them out (they would add a tenth to its download): its background
/// loads a language's packed file (card-text/LANG.packed, written by tools/pack.mjs) from the
/// extension package when a card first needs it (`load_language`).
#[cfg(any(not(target_arch = "wasm32"), feature = "www"))]
const BUILT_IN: &[(&str, &[u8])] = crate::embedded::CARD_TEXT_MORE;
#[cfg(not(any(not(target_arch = "wasm32"), feature = "www")))]
const BUILT_IN: &[(&str, &[u8])] = &[];

/// The loaded strings of each of `MORE_LANGUAGES` (same order).
static MORE: [OnceLock<LanguageText>; 11] = [const { OnceLock::new() }; 11];

/// Load a language's card strings: data/card-text/LANG.json packed (`src/packed.rs`; the
/// extension ships them so), or, natively, its JSON. Loading a language twice keeps the first.
pub fn load_language(lang: &str, text: &str) -> Result<(), String> {
    load_language_bytes(lang, text.as_bytes())
}

fn load_language_bytes(lang: &str, text: &[u8]) -> Result<(), String> {
    let i = MORE_LANGUAGES
        .iter()
        .position(|l| *l == lang)
        .ok_or_else(|| format!("no card language \"{lang}\""))?;
    let parsed: Result<LanguageText, String> = if text.starts_with(crate::packed::MAGIC.as_bytes())
    {
        crate::packed::from_bytes(text).map_err(|e| e.to_string())
    } else {
        parse_json(text)
    };
    let parsed = parsed.map_err(|e| format!("data/card-text/{lang}.json: {e}"))?;
    let _ = MORE[i].set(parsed);
    Ok(())
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_json(json: &[u8]) -> Result<LanguageText, String> {
    serde_json::from_slice(json).map_err(|e| e.to_string())
}

/// The WASM core carries no JSON parser: it reads card strings packed.
#[cfg(target_arch = "wasm32")]
fn parse_json(_json: &[u8]) -> Result<LanguageText, String> {
    Err("not packed card strings (tools/pack.mjs packs them)".into())
}

/// Whether a card language's strings are there (English and Hindi always are).
pub fn language_loaded(lang: &str) -> bool {
    more_text(lang).is_some() || lang == "en" || lang == "hi"
}

fn more_text(lang: &str) -> Option<&'static LanguageText> {
    let i = MORE_LANGUAGES.iter().position(|l| *l == lang)?;
    if let Some(t) = MORE[i].get() {
        return Some(t);
    }
    let (_, json) = BUILT_IN.iter().find(|(l, _)| *l == lang)?;
    crate::built(
        load_language_bytes(lang, json),
        "built-in card strings are checked by tests",
    );
    MORE[i].get()
}

/// Card strings: English and Hindi words and every field's English and Hindi label in
/// data/card-text.json; the other languages in data/card-text/LANG.json; each language's
/// digits and plural rule in data/card-languages.json.
#[derive(Debug, Deserialize)]
pub struct CardText {
    pub en: BTreeMap<String, String>,
    pub hi: BTreeMap<String, String>,
    pub fields: BTreeMap<String, Text>,
    #[serde(skip)]
    pub languages: BTreeMap<String, LanguageInfo>,
    /// Month names per language, January first, for dates shown on cards.
    #[serde(default)]
    pub months: BTreeMap<String, Vec<String>>,
}

/// One more language's card strings (data/card-text/LANG.json). (Maps of the types the card
/// strings already use: the extension's core stays small.)
#[derive(Debug, Deserialize)]
pub struct LanguageText {
    /// Every key of the English words.
    pub words: BTreeMap<String, String>,
    /// Every field's label.
    pub fields: BTreeMap<String, String>,
    /// Every status's `label` and `explanation`, by status id.
    pub statuses: BTreeMap<String, Text>,
}

/// A status's label and explanation in one language.
pub struct StatusText<'a> {
    pub label: &'a str,
    pub explanation: &'a str,
}

/// How a language writes numbers and chooses plural forms (data/card-languages.json):
/// `name` (its own), `script` (ISO 15924), `digits` (the ten digits, 0 to 9, cards write
/// numbers with) and `plural_one`, the CLDR rule for `one`: `n=1` (only 1) or `i=0,n=1` (0
/// and 1, as in Hindi); every other count is `other`.
pub type LanguageInfo = Text;

pub fn card_text() -> &'static CardText {
    static TEXT: OnceLock<CardText> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut text: CardText = crate::built(
            crate::packed::from_bytes(crate::embedded::CARD_TEXT),
            "build.rs packed data/card-text.json",
        );
        text.languages = crate::built(
            crate::packed::from_bytes(crate::embedded::CARD_LANGUAGES),
            "build.rs packed data/card-languages.json",
        );
        text
    })
}

impl CardText {
    /// The strings of one of `MORE_LANGUAGES`, when built in or loaded.
    pub fn more(&self, lang: &str) -> Option<&'static LanguageText> {
        more_text(lang)
    }
    /// A word of the card in `lang`, or in English where that language lacks it (tests make
    /// sure none does).
    pub fn word(&self, lang: &str, key: &str) -> String {
        let found = match lang {
            "en" => self.en.get(key),
            "hi" => self.hi.get(key),
            _ => self.more(lang).and_then(|m| m.words.get(key)),
        };
        found
            .or_else(|| self.en.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
    /// A knowledge date (`YYYY-MM-DD` or `YYYY-MM`) as people write it: "13 June 2023",
    /// "June 2020"; anything else is shown as it is.
    pub fn date(&self, lang: &str, date: &str) -> String {
        let months = self
            .months
            .get(lang)
            .filter(|m| m.len() == 12)
            .or_else(|| self.months.get("en"));
        let parts: Vec<&str> = date.split('-').collect();
        let month = parts
            .get(1)
            .and_then(|m| m.parse::<usize>().ok())
            .filter(|m| (1..=12).contains(m));
        match (months, month, parts.len()) {
            // day and year in the language's digits (data/card-languages.json)
            (Some(names), Some(m), 2) => match parts[0].parse::<u64>() {
                Ok(year) => format!("{} {}", names[m - 1], self.number(lang, year)),
                Err(_) => date.to_string(),
            },
            (Some(names), Some(m), 3) => match (parts[0].parse::<u64>(), parts[2].parse::<u64>()) {
                (Ok(year), Ok(day)) => format!(
                    "{} {} {}",
                    self.number(lang, day),
                    names[m - 1],
                    self.number(lang, year)
                ),
                _ => date.to_string(),
            },
            _ => date.to_string(),
        }
    }
    pub fn field(&self, lang: &str, field: &str) -> String {
        let Some(labels) = self.fields.get(field) else {
            return field.to_string();
        };
        labels
            .get(lang)
            .or_else(|| self.more(lang).and_then(|m| m.fields.get(field)))
            .map_or_else(|| text_in(labels, "en").to_string(), String::clone)
    }
    /// A status's label and explanation from the card strings (languages the knowledge
    /// base's statuses.json does not have).
    pub fn status(&self, lang: &str, id: &str) -> Option<StatusText<'static>> {
        let s = self.more(lang)?.statuses.get(id)?;
        Some(StatusText {
            label: s.get("label")?,
            explanation: s.get("explanation")?,
        })
    }
    /// A language's property in data/card-languages.json (`name`, `script`, `digits`,
    /// `plural_one`).
    pub fn info(&self, lang: &str, key: &str) -> Option<&str> {
        self.languages.get(lang)?.get(key).map(String::as_str)
    }
    /// `n` in the language's digits.
    pub fn number(&self, lang: &str, n: u64) -> String {
        let digits: Vec<char> = self
            .info(lang, "digits")
            .unwrap_or("0123456789")
            .chars()
            .collect();
        n.to_string()
            .chars()
            .map(|c| digits[c.to_digit(10).unwrap_or(0) as usize])
            .collect()
    }
    /// The plural form of `key` for a count: `key_one` or `key_other`, with `{n}` written in
    /// the language's digits.
    pub fn plural(&self, lang: &str, key: &str, n: u64) -> String {
        let one = match self.info(lang, "plural_one") {
            Some("i=0,n=1") => n <= 1,
            _ => n == 1,
        };
        let form = if one { "one" } else { "other" };
        self.word(lang, &format!("{key}_{form}"))
            .replace("{n}", &self.number(lang, n))
    }
}

/// Card language: the reader's choice, else the post's language (any of the 13), else English.
pub fn card_language(detection: &Detection, options: &CardOptions) -> String {
    match options.lang.as_deref() {
        Some(l) if CARD_LANGUAGES.contains(&l) => l.to_string(),
        _ if CARD_LANGUAGES.contains(&detection.language.as_str()) => detection.language.clone(),
        _ => "en".to_string(),
    }
}

/// A knowledge text in `lang`, with the language it is really in (`en` when the knowledge
/// base has no text in `lang`: knowledge notes may stay in English and Hindi).
fn localized(text: &Text, lang: &str) -> (String, String) {
    match text.get(lang) {
        Some(t) => (t.clone(), lang.to_string()),
        None => (text_in(text, "en").to_string(), "en".to_string()),
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD`, `YYYY-MM` or ISO timestamp.
pub fn day_number(date: &str) -> Option<i64> {
    let d = date.get(..10).unwrap_or(date);
    let mut parts = d.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next().map_or(Some(1), |s| s.parse().ok())?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // days from civil (Howard Hinnant)
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

/// How far before its first report and after its last update a post can still be about an
/// incident.
const DAYS_BEFORE: i64 = 14;
const DAYS_AFTER: i64 = 365;

/// The incident a post most likely refers to: among the incidents of its system, one whose
/// dates fit the post's date, whose cue words the post uses, or whose year the post names;
/// claimed fields in common break ties. Without any of these signals, none.
pub fn match_incident<'k>(
    kb: &'k Knowledge,
    system: &str,
    fields: &[String],
    text: &str,
    date: Option<&str>,
) -> Option<&'k Incident> {
    let norm = normalize(text).text;
    let post_day = date.and_then(day_number);
    let own_names: Vec<String> = kb
        .system(system)
        .map(|s| s.names.values().map(|n| normalize(n).text).collect())
        .unwrap_or_default();
    let mut best: Option<(i32, &Incident)> = None;
    for incident in kb
        .incidents
        .iter()
        .filter(|i| i.systems.iter().any(|s| s == system))
    {
        let mut signal = 0;
        if let (Some(day), Some(first), Some(last)) = (
            post_day,
            day_number(&incident.first_reported),
            day_number(&incident.last_update),
        ) {
            if day >= first - DAYS_BEFORE && day <= last + DAYS_AFTER {
                signal += 4;
            } else {
                signal -= 6;
            }
        }
        // A cue that is part of the system's own name says nothing about which incident.
        let cues = incident
            .cues
            .iter()
            .map(|c| normalize(c).text)
            .filter(|c| !own_names.iter().any(|n| n.contains(c.as_str())))
            .filter(|c| norm.contains(c.as_str()))
            .count() as i32;
        signal += 3 * cues.min(2);
        let year = &incident.first_reported[..4];
        if norm.split(|c: char| !c.is_ascii_digit()).any(|w| w == year) {
            signal += 2;
        }
        if signal <= 0 {
            continue;
        }
        let shared = fields
            .iter()
            .filter(|f| incident.claimed_fields.contains(f))
            .count() as i32;
        let score = signal * 10 + shared;
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, incident));
        }
    }
    best.map(|(_, i)| i)
}

/// The incident for a detection: matched against the first system the post names, then
/// against the others it names, in order, and last against a system that a claimed field
/// stands for ("Aadhaar numbers leaked from a state portal" can be an Aadhaar incident).
pub fn incident_for<'k>(
    kb: &'k Knowledge,
    detection: &Detection,
    text: &str,
    options: &CardOptions,
) -> Option<&'k Incident> {
    let named = detection.systems.iter();
    let by_field = detection
        .fields
        .iter()
        .filter(|f| crate::ids::system_index(f).is_some());
    named
        .chain(by_field)
        .filter(|id| kb.system(id).is_some())
        .find_map(|id| match_incident(kb, id, &detection.fields, text, options.date.as_deref()))
}

/// The systems' display names and the status of a claim, without the rest of the card.
pub fn names_and_status(
    kb: &Knowledge,
    detection: &Detection,
    text: &str,
    options: &CardOptions,
) -> (Vec<String>, StatusRef, Option<String>) {
    let lang = card_language(detection, options);
    let systems: Vec<&crate::kb::System> = detection
        .systems
        .iter()
        .filter_map(|id| kb.system(id))
        .collect();
    let mut names: Vec<String> = systems
        .iter()
        .map(|s| system_name(s, detection, &lang))
        .collect();
    if detection.systems.iter().any(|s| s == "other") {
        names.push(outside_knowledge(detection, &lang).name);
    }
    let incident = incident_for(kb, detection, text, options);
    (
        names,
        status_ref(kb, incident, &lang),
        incident.map(|i| i.id.clone()),
    )
}

/// A system outside the knowledge (`other`): the operator as the post names it, and that
/// LeakLens knows nothing about what it collects.
fn outside_knowledge(detection: &Detection, lang: &str) -> CardSystem {
    let words = card_text();
    let name = detection
        .operator
        .clone()
        .unwrap_or_else(|| words.word(lang, "unnamed_operator"));
    let about = words.word(lang, "not_in_knowledge");
    // a language whose card strings lack the sentence shows it in English
    let in_english = lang != "en" && about == words.word("en", "not_in_knowledge");
    CardSystem {
        id: "other".to_string(),
        operator: name.clone(),
        name,
        about,
        lang: if in_english { "en" } else { lang }.to_string(),
    }
}

fn system_name(s: &crate::kb::System, detection: &Detection, lang: &str) -> String {
    s.names
        .get(&detection.language)
        .cloned()
        .unwrap_or_else(|| text_in(&s.names, lang).to_string())
}

/// The status of an incident (none: unverified) in a card language.
pub fn status_ref(kb: &Knowledge, incident: Option<&Incident>, lang: &str) -> StatusRef {
    let id = incident.map_or("unverified", |i| i.status.as_str());
    status_in(kb, id, lang).expect("statuses are validated")
}

/// A status's label and explanation in `lang`: the knowledge's own words in that language, else
/// the card strings' (data/card-text/LANG.json), else English.
pub fn status_in(kb: &Knowledge, id: &str, lang: &str) -> Option<StatusRef> {
    let more = card_text().status(lang, id);
    kb.status(id).map(|s| StatusRef {
        id: s.id.clone(),
        label: s.label.get(lang).cloned().unwrap_or_else(|| {
            more.as_ref().map_or_else(
                || text_in(&s.label, lang).to_string(),
                |m| m.label.to_string(),
            )
        }),
        explanation: s.explanation.get(lang).cloned().unwrap_or_else(|| {
            more.as_ref().map_or_else(
                || text_in(&s.explanation, lang).to_string(),
                |m| m.explanation.to_string(),
            )
        }),
    })
}

/// Build the card for a claim.
pub fn build(kb: &Knowledge, detection: &Detection, text: &str, options: &CardOptions) -> Card {
    let lang = card_language(detection, options);
    let words = card_text();
    let mut cited: Vec<SourceRef> = Vec::new();
    let mut cite = |s: &Source| {
        let r = SourceRef::from(s);
        if !cited.contains(&r) {
            cited.push(r.clone());
        }
        r
    };

    let systems: Vec<CardSystem> = detection
        .systems
        .iter()
        .filter_map(|id| match kb.system(id) {
            Some(s) => {
                let (operator, op_lang) = localized(&s.operator, &lang);
                let (about, about_lang) = localized(&s.about, &lang);
                Some(CardSystem {
                    id: s.id.clone(),
                    name: system_name(s, detection, &lang),
                    operator,
                    about,
                    lang: if op_lang == lang && about_lang == lang {
                        lang.clone()
                    } else {
                        "en".to_string()
                    },
                })
            }
            None if id == "other" => Some(outside_knowledge(detection, &lang)),
            None => None,
        })
        .collect();
    let primary = systems.first().and_then(|s| kb.system(&s.id));

    let mut line = |field: &str, claimed: bool| {
        let fact = primary.and_then(|s| s.fields.get(field));
        let collected = fact.map_or(Collected::Unknown, |f| f.collected);
        let sources: Vec<SourceRef> = fact
            .into_iter()
            .flat_map(|f| f.source.iter().chain(f.note_sources.iter()))
            .filter_map(|id| kb.source(id))
            .map(&mut cite)
            .collect();
        let note = fact
            .and_then(|f| f.note.as_ref())
            .map(|n| localized(n, &lang));
        CardField {
            field: field.to_string(),
            label: words.field(&lang, field),
            claimed,
            collected,
            collected_label: words.word(&lang, collected_key(collected)),
            note_lang: note.as_ref().map(|(_, l)| l.clone()),
            note: note.map(|(n, _)| n),
            sources,
        }
    };
    let fields: Vec<CardField> = detection.fields.iter().map(|f| line(f, true)).collect();
    let other_fields: Vec<CardField> = primary
        .map(|s| {
            crate::ids::FIELDS
                .iter()
                .filter(|f| !detection.fields.iter().any(|d| d == *f))
                .filter(|f| {
                    s.fields.get(**f).is_some_and(|x| {
                        matches!(x.collected, Collected::Yes | Collected::Optional)
                    })
                })
                .map(|f| line(f, false))
                .collect()
        })
        .unwrap_or_default();

    let incident = incident_for(kb, detection, text, options);
    let status = status_ref(kb, incident, &lang);
    let timeline: Vec<TimelineEntry> = incident
        .map(|i| {
            i.timeline
                .iter()
                .filter_map(|e| {
                    kb.source(&e.source).map(|s| {
                        let (actor, actor_lang) = localized(&e.actor, &lang);
                        let (what, what_lang) = localized(&e.what, &lang);
                        TimelineEntry {
                            date: e.date.clone(),
                            actor,
                            what,
                            source: cite(s),
                            lang: if actor_lang == lang && what_lang == lang {
                                lang.clone()
                            } else {
                                "en".to_string()
                            },
                        }
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let status_history: Vec<StatusStepRef> = incident
        .map(|i| {
            i.status_history
                .iter()
                .filter_map(|h| {
                    let label = status_in(kb, &h.status, &lang)?.label;
                    kb.source(&h.source).map(|s| StatusStepRef {
                        status: h.status.clone(),
                        label,
                        date: h.date.clone(),
                        source: cite(s),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let reports_differ: Vec<ConflictRef> = incident
        .map(|i| {
            i.reports_differ
                .iter()
                .map(|c| {
                    let (about, about_lang) = localized(&c.about, &lang);
                    let mut all_in_lang = about_lang == lang;
                    let accounts = c
                        .accounts
                        .iter()
                        .filter_map(|a| {
                            kb.source(&a.source).map(|s| {
                                let (what, what_lang) = localized(&a.what, &lang);
                                all_in_lang &= what_lang == lang;
                                AccountRef {
                                    what,
                                    source: cite(s),
                                }
                            })
                        })
                        .collect();
                    ConflictRef {
                        about,
                        accounts,
                        lang: if all_in_lang {
                            lang.clone()
                        } else {
                            "en".to_string()
                        },
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Card {
        language: lang.clone(),
        knowledge_date: kb.knowledge_date.clone(),
        systems,
        fields,
        other_fields,
        status,
        incident: incident.map(|i| {
            let (title, title_lang) = localized(&i.title, &lang);
            let (summary, summary_lang) = localized(&i.summary, &lang);
            IncidentRef {
                id: i.id.clone(),
                title,
                summary,
                first_reported: i.first_reported.clone(),
                last_update: i.last_update.clone(),
                lang: if title_lang == lang && summary_lang == lang {
                    lang.clone()
                } else {
                    "en".to_string()
                },
            }
        }),
        timeline,
        status_history,
        reports_differ,
        sources: cited,
        caveat: words.word(&lang, "caveat"),
        personal_data: personal_data_notice(detection, &lang),
    }
}

pub fn collected_key(c: Collected) -> &'static str {
    match c {
        Collected::Yes => "collected_yes",
        Collected::Optional => "collected_optional",
        Collected::No => "collected_no",
        Collected::Unknown => "collected_unknown",
    }
}
