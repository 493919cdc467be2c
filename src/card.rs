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
    /// Card language chosen by the reader (`en` or `hi`); otherwise from the post.
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
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineEntry {
    pub date: String,
    pub actor: String,
    pub what: String,
    pub source: SourceRef,
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
        .map(|c| {
            let form = if c.count == 1 { "one" } else { "other" };
            words
                .word(lang, &format!("pd_{}_{form}", c.kind.id()))
                .replace("{n}", &c.count.to_string())
        })
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

/// Card strings (data/card-text.json): UI words per language and field labels.
#[derive(Debug, Deserialize)]
pub struct CardText {
    pub en: BTreeMap<String, String>,
    pub hi: BTreeMap<String, String>,
    pub fields: BTreeMap<String, Text>,
    /// Month names per language, January first, for dates shown on cards.
    #[serde(default)]
    pub months: BTreeMap<String, Vec<String>>,
}

pub fn card_text() -> &'static CardText {
    static TEXT: OnceLock<CardText> = OnceLock::new();
    TEXT.get_or_init(|| {
        serde_json::from_str(include_str!("../data/card-text.json"))
            .expect("data/card-text.json is checked by tests")
    })
}

impl CardText {
    pub fn word(&self, lang: &str, key: &str) -> String {
        let table = if lang == "hi" { &self.hi } else { &self.en };
        table
            .get(key)
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
            (Some(names), Some(m), 2) => format!("{} {}", names[m - 1], parts[0]),
            (Some(names), Some(m), 3) => match parts[2].parse::<u32>() {
                Ok(day) => format!("{day} {} {}", names[m - 1], parts[0]),
                Err(_) => date.to_string(),
            },
            _ => date.to_string(),
        }
    }
    pub fn field(&self, lang: &str, field: &str) -> String {
        self.fields
            .get(field)
            .map_or_else(|| field.to_string(), |t| text_in(t, lang).to_string())
    }
}

/// Card languages: Hindi for Hindi posts (Devanagari or romanized), English otherwise,
/// unless the reader chose.
pub fn card_language(detection: &Detection, options: &CardOptions) -> String {
    match options.lang.as_deref() {
        Some(l @ ("en" | "hi")) => l.to_string(),
        _ if detection.language == "hi" || detection.language == "hi-Latn" => "hi".to_string(),
        _ => "en".to_string(),
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
) -> (Vec<String>, StatusRef) {
    let lang = card_language(detection, options);
    let systems: Vec<&crate::kb::System> = detection
        .systems
        .iter()
        .filter_map(|id| kb.system(id))
        .collect();
    let names = systems
        .iter()
        .map(|s| system_name(s, detection, &lang))
        .collect();
    let incident = incident_for(kb, detection, text, options);
    (names, status_ref(kb, incident, &lang))
}

fn system_name(s: &crate::kb::System, detection: &Detection, lang: &str) -> String {
    s.names
        .get(&detection.language)
        .cloned()
        .unwrap_or_else(|| text_in(&s.names, lang).to_string())
}

fn status_ref(kb: &Knowledge, incident: Option<&Incident>, lang: &str) -> StatusRef {
    let id = incident.map_or("unverified", |i| i.status.as_str());
    kb.status(id)
        .map(|s| StatusRef {
            id: s.id.clone(),
            label: text_in(&s.label, lang).to_string(),
            explanation: text_in(&s.explanation, lang).to_string(),
        })
        .expect("statuses are validated")
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
        .filter_map(|id| kb.system(id))
        .map(|s| CardSystem {
            id: s.id.clone(),
            name: system_name(s, detection, &lang),
            operator: text_in(&s.operator, &lang).to_string(),
            about: text_in(&s.about, &lang).to_string(),
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
        CardField {
            field: field.to_string(),
            label: words.field(&lang, field),
            claimed,
            collected,
            collected_label: words.word(&lang, collected_key(collected)),
            note: fact
                .and_then(|f| f.note.as_ref())
                .map(|n| text_in(n, &lang).to_string()),
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
                    kb.source(&e.source).map(|s| TimelineEntry {
                        date: e.date.clone(),
                        actor: text_in(&e.actor, &lang).to_string(),
                        what: text_in(&e.what, &lang).to_string(),
                        source: cite(s),
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
                    let label = kb.status(&h.status).map(|s| text_in(&s.label, &lang))?;
                    kb.source(&h.source).map(|s| StatusStepRef {
                        status: h.status.clone(),
                        label: label.to_string(),
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
                .map(|c| ConflictRef {
                    about: text_in(&c.about, &lang).to_string(),
                    accounts: c
                        .accounts
                        .iter()
                        .filter_map(|a| {
                            kb.source(&a.source).map(|s| AccountRef {
                                what: text_in(&a.what, &lang).to_string(),
                                source: cite(s),
                            })
                        })
                        .collect(),
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
        incident: incident.map(|i| IncidentRef {
            id: i.id.clone(),
            title: text_in(&i.title, &lang).to_string(),
            summary: text_in(&i.summary, &lang).to_string(),
            first_reported: i.first_reported.clone(),
            last_update: i.last_update.clone(),
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
