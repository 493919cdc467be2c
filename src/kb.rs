//! The knowledge base (`data/kb/`): what each system collects, known incidents and their
//! dated timelines, status labels and sources. The embedded copy is validated by `build.rs` and
//! is the default; an override is validated when loaded, and a broken one never replaces it.

use crate::ids;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;

/// Text in several languages; `en` is always present.
pub type Text = BTreeMap<String, String>;

/// Pick the text in `lang`, falling back to English.
pub fn text_in<'a>(text: &'a Text, lang: &str) -> &'a str {
    text.get(lang)
        .or_else(|| text.get("en"))
        .map_or("", String::as_str)
}

/// Largest knowledge file accepted from an override folder.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

pub const STATUSES: &[&str] = &[
    "unverified",
    "officially_denied",
    "disputed",
    "under_investigation",
    "confirmed",
    "data_from_elsewhere",
];

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub url: String,
    pub publisher: String,
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Collected {
    Yes,
    Optional,
    No,
    Unknown,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldFact {
    pub collected: Collected,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub note: Option<Text>,
    /// Sources for what the note adds (a later change, a second statement).
    #[serde(default)]
    pub note_sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct System {
    pub id: String,
    pub names: Text,
    pub operator: Text,
    pub about: Text,
    pub fields: BTreeMap<String, FieldFact>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub date: String,
    pub actor: Text,
    pub what: Text,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    pub id: String,
    pub systems: Vec<String>,
    pub title: Text,
    pub first_reported: String,
    pub last_update: String,
    pub claimed_fields: Vec<String>,
    pub status: String,
    pub summary: Text,
    /// Words that single this incident out in a post ("Telegram", "dark web"), any language.
    #[serde(default)]
    pub cues: Vec<String>,
    pub timeline: Vec<Entry>,
    /// How the status changed, oldest first; the last step is the current `status`.
    #[serde(default)]
    pub status_history: Vec<StatusStep>,
    /// Points on which reports disagree, each with every side and its source.
    #[serde(default)]
    pub reports_differ: Vec<Conflict>,
}

/// One step of an incident's status history.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusStep {
    pub status: String,
    pub date: String,
    pub source: String,
}

/// A point on which reports differ, and what each report says.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub about: Text,
    pub accounts: Vec<Account>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub what: Text,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    pub id: String,
    pub label: Text,
    pub explanation: Text,
}

#[derive(Debug, Clone)]
pub struct Knowledge {
    /// The knowledge's version, raised whenever its facts change.
    pub version: u32,
    /// The day the knowledge was last reviewed (`YYYY-MM-DD`); cards show it.
    pub knowledge_date: String,
    pub sources: Vec<Source>,
    pub systems: Vec<System>,
    pub incidents: Vec<Incident>,
    pub statuses: Vec<Status>,
}

/// What is wrong with a knowledge file, precisely: file, entry, key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbError {
    pub file: String,
    pub entry: String,
    pub key: String,
    pub message: String,
}

impl fmt::Display for KbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if !self.entry.is_empty() {
            write!(f, ": entry {:?}", self.entry)?;
        }
        if !self.key.is_empty() {
            write!(f, ", key {:?}", self.key)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for KbError {}

fn err(file: &str, entry: &str, key: &str, message: impl Into<String>) -> KbError {
    KbError {
        file: file.into(),
        entry: entry.into(),
        key: key.into(),
        message: message.into(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    sources: Vec<Source>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SystemsFile {
    systems: Vec<System>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IncidentsFile {
    version: u32,
    knowledge_date: String,
    incidents: Vec<Incident>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusesFile {
    statuses: Vec<Status>,
}

const FILES: [&str; 4] = [
    "sources.json",
    "systems.json",
    "incidents.json",
    "statuses.json",
];

/// A knowledge file: JSON, or packed by `build.rs` (`src/packed.rs`; the embedded knowledge).
fn parse<'a, T: Deserialize<'a>>(file: &str, text: &'a [u8]) -> Result<T, KbError> {
    if text.starts_with(crate::packed::MAGIC.as_bytes()) {
        return crate::packed::from_bytes(text).map_err(|e| err(file, "", "", e.to_string()));
    }
    parse_json(file, text)
}

#[cfg(not(target_arch = "wasm32"))]
fn parse_json<'a, T: Deserialize<'a>>(file: &str, json: &'a [u8]) -> Result<T, KbError> {
    serde_json::from_slice(json).map_err(|e| err(file, "", "", e.to_string()))
}

/// The WASM core reads only its embedded (packed) knowledge, and carries no JSON parser.
#[cfg(target_arch = "wasm32")]
fn parse_json<'a, T: Deserialize<'a>>(file: &str, _json: &'a [u8]) -> Result<T, KbError> {
    Err(err(
        file,
        "",
        "",
        "the WASM core reads packed knowledge only",
    ))
}

/// A date `YYYY-MM-DD` or `YYYY-MM` that exists on the calendar.
pub fn valid_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok())
    };
    let (Some(Some(y)), Some(Some(m))) = (
        parts.first().and_then(|s| num(s, 4)),
        parts.get(1).and_then(|s| num(s, 2)),
    ) else {
        return false;
    };
    if !(1990..=2100).contains(&y) || !(1..=12).contains(&m) {
        return false;
    }
    match parts.len() {
        2 => true,
        3 => {
            let Some(Some(d)) = num(parts[2], 2) else {
                return false;
            };
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = [31, 28 + leap as u32, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
            (1..=days[m as usize - 1]).contains(&d)
        }
        _ => false,
    }
}

/// A sort key for a valid date: a month-only date sorts before the days of its month.
pub fn date_key(date: &str) -> (u32, u32, u32) {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

impl Knowledge {
    /// Parse and validate the four knowledge files, given as (file name, JSON) pairs.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Knowledge, KbError> {
        let bytes: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
        let kb = Knowledge::parse_files(&bytes)?;
        kb.validate()?;
        Ok(kb)
    }

    /// Parse the four knowledge files without validating them: for the embedded files, which
    /// `build.rs` validated (an invalid one stops the build).
    pub fn parse_files(files: &[(&str, &[u8])]) -> Result<Knowledge, KbError> {
        let get = |name: &str| {
            files
                .iter()
                .find(|(f, _)| *f == name)
                .map(|(_, j)| *j)
                .ok_or_else(|| err(name, "", "", "file missing"))
        };
        let incidents = parse::<IncidentsFile>(FILES[2], get(FILES[2])?)?;
        let kb = Knowledge {
            version: incidents.version,
            knowledge_date: incidents.knowledge_date,
            sources: parse::<SourcesFile>(FILES[0], get(FILES[0])?)?.sources,
            systems: parse::<SystemsFile>(FILES[1], get(FILES[1])?)?.systems,
            incidents: incidents.incidents,
            statuses: parse::<StatusesFile>(FILES[3], get(FILES[3])?)?.statuses,
        };
        Ok(kb)
    }

    /// Load an override folder (the four files); refuses files over [`MAX_FILE_BYTES`].
    pub fn load_dir(dir: &Path) -> Result<Knowledge, KbError> {
        let mut texts = Vec::new();
        for name in FILES {
            let path = dir.join(name);
            let meta = std::fs::metadata(&path).map_err(|e| err(name, "", "", e.to_string()))?;
            if meta.len() > MAX_FILE_BYTES {
                return Err(err(
                    name,
                    "",
                    "",
                    format!(
                        "file is {} bytes, over the {} byte limit for knowledge files",
                        meta.len(),
                        MAX_FILE_BYTES
                    ),
                ));
            }
            let text =
                std::fs::read_to_string(&path).map_err(|e| err(name, "", "", e.to_string()))?;
            texts.push((name, text));
        }
        let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
        Knowledge::from_files(&refs)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
    pub fn system(&self, id: &str) -> Option<&System> {
        self.systems.iter().find(|s| s.id == id)
    }
    pub fn status(&self, id: &str) -> Option<&Status> {
        self.statuses.iter().find(|s| s.id == id)
    }

    /// No date in the knowledge may be later than the knowledge date.
    fn not_after(&self, file: &str, entry: &str, key: &str, d: &str) -> Result<(), KbError> {
        if date_key(d) > date_key(&self.knowledge_date) {
            Err(err(
                file,
                entry,
                key,
                format!("date {d:?} is after the knowledge date"),
            ))
        } else {
            Ok(())
        }
    }

    /// An incident's status history: present, oldest first, known statuses and sources, and
    /// ending in the incident's current status.
    fn validate_history(&self, i: &Incident) -> Result<(), KbError> {
        let inf = FILES[2];
        let Some(last) = i.status_history.last() else {
            return Err(err(inf, &i.id, "status_history", "missing status_history"));
        };
        for (n, h) in i.status_history.iter().enumerate() {
            let key = format!("status_history[{n}]");
            if !STATUSES.contains(&h.status.as_str()) {
                return Err(err(
                    inf,
                    &i.id,
                    &format!("{key}.status"),
                    format!("unknown status {:?}", h.status),
                ));
            }
            if !valid_date(&h.date) {
                return Err(err(
                    inf,
                    &i.id,
                    &format!("{key}.date"),
                    format!("bad date {:?}", h.date),
                ));
            }
            self.not_after(inf, &i.id, &format!("{key}.date"), &h.date)?;
            if n > 0 && date_key(&h.date) < date_key(&i.status_history[n - 1].date) {
                return Err(err(
                    inf,
                    &i.id,
                    &format!("{key}.date"),
                    "status_history must be oldest first",
                ));
            }
            if self.source(&h.source).is_none() {
                return Err(err(
                    inf,
                    &i.id,
                    &format!("{key}.source"),
                    format!("unknown source {:?}", h.source),
                ));
            }
        }
        if last.status != i.status {
            return Err(err(
                inf,
                &i.id,
                "status_history",
                format!(
                    "the last step is {:?} but the status is {:?}",
                    last.status, i.status
                ),
            ));
        }
        Ok(())
    }

    fn validate(&self) -> Result<(), KbError> {
        let (sf, yf, inf, stf) = (FILES[0], FILES[1], FILES[2], FILES[3]);
        if self.version == 0 {
            return Err(err(inf, "", "version", "the knowledge version starts at 1"));
        }
        if self.knowledge_date.len() != 10 || !valid_date(&self.knowledge_date) {
            return Err(err(
                inf,
                "",
                "knowledge_date",
                format!("bad date {:?} (YYYY-MM-DD)", self.knowledge_date),
            ));
        }
        let mut seen = HashSet::new();
        for s in &self.sources {
            if !seen.insert(s.id.as_str()) {
                return Err(err(sf, &s.id, "id", "duplicate source id"));
            }
            if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
                return Err(err(sf, &s.id, "url", "must be an http(s) URL"));
            }
            if s.publisher.trim().is_empty() {
                return Err(err(sf, &s.id, "publisher", "missing publisher"));
            }
            if !valid_date(&s.date) {
                return Err(err(sf, &s.id, "date", format!("bad date {:?}", s.date)));
            }
            self.not_after(sf, &s.id, "date", &s.date)?;
        }
        let mut cited: HashSet<&str> = HashSet::new();
        let source_ok = |file: &str, entry: &str, key: &str, id: &Option<String>| match id {
            None => Err(err(file, entry, key, "missing source")),
            Some(id) if self.source(id).is_none() => {
                Err(err(file, entry, key, format!("unknown source {id:?}")))
            }
            Some(_) => Ok(()),
        };
        let english = |file: &str, entry: &str, key: &str, t: &Text| {
            if t.get("en").is_none_or(|s| s.trim().is_empty()) {
                Err(err(file, entry, key, "missing English text"))
            } else {
                Ok(())
            }
        };

        let mut seen = HashSet::new();
        for s in &self.systems {
            if ids::system_index(&s.id).is_none() || s.id == "other" {
                return Err(err(yf, &s.id, "id", "unknown system id"));
            }
            if !seen.insert(s.id.as_str()) {
                return Err(err(yf, &s.id, "id", "duplicate system"));
            }
            english(yf, &s.id, "names", &s.names)?;
            english(yf, &s.id, "operator", &s.operator)?;
            english(yf, &s.id, "about", &s.about)?;
            for f in s.fields.keys() {
                if ids::field_index(f).is_none() {
                    return Err(err(yf, &s.id, &format!("fields.{f}"), "unknown field id"));
                }
            }
            for f in ids::FIELDS {
                let key = format!("fields.{f}");
                let Some(fact) = s.fields.get(*f) else {
                    return Err(err(yf, &s.id, &key, "field not listed"));
                };
                if fact.collected != Collected::Unknown {
                    source_ok(yf, &s.id, &key, &fact.source)?;
                } else if let Some(id) = &fact.source {
                    source_ok(yf, &s.id, &key, &Some(id.clone()))?;
                }
                cited.extend(fact.source.as_deref());
                for id in &fact.note_sources {
                    source_ok(yf, &s.id, &format!("{key}.note_sources"), &Some(id.clone()))?;
                    cited.insert(id);
                }
                if !fact.note_sources.is_empty() && fact.note.is_none() {
                    return Err(err(yf, &s.id, &key, "note_sources without a note"));
                }
                if let Some(note) = &fact.note {
                    english(yf, &s.id, &format!("{key}.note"), note)?;
                }
            }
        }

        let mut seen = HashSet::new();
        for i in &self.incidents {
            if !seen.insert(i.id.as_str()) {
                return Err(err(inf, &i.id, "id", "duplicate incident"));
            }
            for s in &i.systems {
                if ids::system_index(s).is_none() {
                    return Err(err(inf, &i.id, "systems", format!("unknown system {s:?}")));
                }
            }
            for f in &i.claimed_fields {
                if ids::field_index(f).is_none() {
                    return Err(err(
                        inf,
                        &i.id,
                        "claimed_fields",
                        format!("unknown field {f:?}"),
                    ));
                }
            }
            if !STATUSES.contains(&i.status.as_str()) {
                return Err(err(
                    inf,
                    &i.id,
                    "status",
                    format!("unknown status {:?}", i.status),
                ));
            }
            for (key, d) in [
                ("first_reported", &i.first_reported),
                ("last_update", &i.last_update),
            ] {
                if !valid_date(d) {
                    return Err(err(inf, &i.id, key, format!("bad date {d:?}")));
                }
                self.not_after(inf, &i.id, key, d)?;
            }
            if date_key(&i.last_update) < date_key(&i.first_reported) {
                return Err(err(
                    inf,
                    &i.id,
                    "last_update",
                    "last_update is before first_reported",
                ));
            }
            english(inf, &i.id, "title", &i.title)?;
            english(inf, &i.id, "summary", &i.summary)?;
            if i.timeline.is_empty() {
                return Err(err(inf, &i.id, "timeline", "empty timeline"));
            }
            for (n, e) in i.timeline.iter().enumerate() {
                let key = format!("timeline[{n}]");
                if !valid_date(&e.date) {
                    return Err(err(
                        inf,
                        &i.id,
                        &format!("{key}.date"),
                        format!("bad date {:?}", e.date),
                    ));
                }
                source_ok(
                    inf,
                    &i.id,
                    &format!("{key}.source"),
                    &Some(e.source.clone()),
                )?;
                english(inf, &i.id, &format!("{key}.actor"), &e.actor)?;
                english(inf, &i.id, &format!("{key}.what"), &e.what)?;
                self.not_after(inf, &i.id, &format!("{key}.date"), &e.date)?;
                cited.insert(&e.source);
            }
            self.validate_history(i)?;
            for (n, c) in i.reports_differ.iter().enumerate() {
                let key = format!("reports_differ[{n}]");
                english(inf, &i.id, &format!("{key}.about"), &c.about)?;
                if c.accounts.len() < 2 {
                    return Err(err(inf, &i.id, &key, "needs at least two accounts"));
                }
                let mut sides = HashSet::new();
                for (k, a) in c.accounts.iter().enumerate() {
                    let akey = format!("{key}.accounts[{k}]");
                    english(inf, &i.id, &format!("{akey}.what"), &a.what)?;
                    source_ok(
                        inf,
                        &i.id,
                        &format!("{akey}.source"),
                        &Some(a.source.clone()),
                    )?;
                    if !sides.insert(a.source.as_str()) {
                        return Err(err(
                            inf,
                            &i.id,
                            &format!("{akey}.source"),
                            "each account needs its own source",
                        ));
                    }
                    cited.insert(&a.source);
                }
            }
            cited.extend(i.status_history.iter().map(|h| h.source.as_str()));
        }
        if let Some(s) = self.sources.iter().find(|s| !cited.contains(s.id.as_str())) {
            return Err(err(sf, &s.id, "id", "source is not cited anywhere"));
        }

        for id in STATUSES {
            let Some(s) = self.status(id) else {
                return Err(err(stf, id, "id", "status missing"));
            };
            english(stf, id, "label", &s.label)?;
            english(stf, id, "explanation", &s.explanation)?;
        }
        if let Some(s) = self
            .statuses
            .iter()
            .find(|s| !STATUSES.contains(&s.id.as_str()))
        {
            return Err(err(stf, &s.id, "id", "unknown status id"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<(&'static str, String)> {
        crate::embedded::KB_FILES
            .iter()
            .map(|(n, j)| (*n, j.to_string()))
            .collect()
    }

    fn load(files: &[(&'static str, String)]) -> Result<Knowledge, KbError> {
        let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        Knowledge::from_files(&refs)
    }

    fn edit(file: &str, f: impl Fn(&mut serde_json::Value)) -> Result<Knowledge, KbError> {
        let mut all = files();
        for (name, text) in all.iter_mut() {
            if *name == file {
                let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
                f(&mut v);
                *text = v.to_string();
            }
        }
        load(&all)
    }

    #[test]
    fn embedded_knowledge_is_valid() {
        let kb = crate::load_knowledge().unwrap();
        assert!(kb.systems.len() >= 8);
        assert!(kb.incidents.len() >= 18);
    }

    #[test]
    fn every_fact_and_timeline_entry_has_a_dated_url_source() {
        let kb = crate::load_knowledge().unwrap();
        let dated_url = |id: &str| {
            let s = kb.source(id).unwrap_or_else(|| panic!("source {id}"));
            assert!(s.url.starts_with("http"), "{id}");
            assert!(valid_date(&s.date), "{id}");
            assert!(!s.publisher.is_empty(), "{id}");
        };
        for s in &kb.systems {
            for (f, fact) in &s.fields {
                if matches!(fact.collected, Collected::Yes | Collected::No) {
                    dated_url(
                        fact.source
                            .as_deref()
                            .unwrap_or_else(|| panic!("{}.{f}", s.id)),
                    );
                }
            }
        }
        for i in &kb.incidents {
            for e in &i.timeline {
                assert!(valid_date(&e.date), "{}", i.id);
                dated_url(&e.source);
            }
        }
    }

    #[test]
    fn dates_are_checked_on_the_calendar() {
        assert!(valid_date("2023-06-12"));
        assert!(valid_date("2020-06"));
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2023-02-29"));
        assert!(!valid_date("2023-13-01"));
        assert!(!valid_date("12-06-2023"));
        assert!(!valid_date("n.d."));
    }

    #[test]
    fn errors_name_file_entry_and_key() {
        let e = edit("systems.json", |v| {
            v["systems"][0]["fields"]["address"]["source"] = "nowhere".into()
        })
        .unwrap_err();
        assert_eq!(
            (e.file.as_str(), e.entry.as_str()),
            ("systems.json", "cowin")
        );
        assert_eq!(e.key, "fields.address");
        assert!(e.message.contains("unknown source"), "{e}");

        let e = edit("systems.json", |v| {
            v["systems"][0]["fields"]["name"]
                .as_object_mut()
                .unwrap()
                .remove("source");
        })
        .unwrap_err();
        assert_eq!(
            (e.key.as_str(), e.message.as_str()),
            ("fields.name", "missing source")
        );

        let e = edit("incidents.json", |v| {
            v["incidents"][0]["timeline"][0]["date"] = "2023-06-31".into()
        })
        .unwrap_err();
        assert_eq!(e.key, "timeline[0].date");

        let e = edit("incidents.json", |v| {
            v["incidents"][0]["status"] = "fake".into()
        })
        .unwrap_err();
        assert_eq!(e.key, "status");

        let e = edit("sources.json", |v| {
            let first = v["sources"][0].clone();
            v["sources"].as_array_mut().unwrap().push(first);
        })
        .unwrap_err();
        assert!(e.message.contains("duplicate"), "{e}");

        let e = edit("systems.json", |v| v["systems"][1]["id"] = "cowin".into()).unwrap_err();
        assert!(e.message.contains("duplicate"), "{e}");

        let e = edit("incidents.json", |v| {
            v["incidents"][0]["claimed_fields"][0] = "shoe_size".into()
        })
        .unwrap_err();
        assert_eq!(e.key, "claimed_fields");
    }

    #[test]
    fn status_history_is_checked() {
        // missing
        let e = edit("incidents.json", |v| {
            v["incidents"][0]
                .as_object_mut()
                .unwrap()
                .remove("status_history");
        })
        .unwrap_err();
        assert_eq!(
            (e.key.as_str(), e.message.as_str()),
            ("status_history", "missing status_history")
        );
        // out of order
        let e = edit("incidents.json", |v| {
            let h = v["incidents"][0]["status_history"].as_array_mut().unwrap();
            h.reverse();
        })
        .unwrap_err();
        assert!(
            e.message.contains("oldest first") || e.message.contains("the last step"),
            "{e}"
        );
        let e = edit("incidents.json", |v| {
            v["incidents"][0]["status_history"][0]["date"] = "2023-07-01".into();
        })
        .unwrap_err();
        assert_eq!(e.key, "status_history[1].date");
        assert!(e.message.contains("oldest first"), "{e}");
        // the last step is not the current status
        let e = edit("incidents.json", |v| {
            v["incidents"][0]["status"] = "confirmed".into();
        })
        .unwrap_err();
        assert_eq!(e.key, "status_history");
        // unknown status and source
        let e = edit("incidents.json", |v| {
            v["incidents"][0]["status_history"][0]["status"] = "rumour".into();
        })
        .unwrap_err();
        assert_eq!(e.key, "status_history[0].status");
        let e = edit("incidents.json", |v| {
            v["incidents"][0]["status_history"][0]["source"] = "nowhere".into();
        })
        .unwrap_err();
        assert_eq!(e.key, "status_history[0].source");
    }

    #[test]
    fn reports_differ_needs_two_sourced_sides() {
        let e = edit("incidents.json", |v| {
            v["incidents"][0]["reports_differ"][0]["accounts"]
                .as_array_mut()
                .unwrap()
                .pop();
        })
        .unwrap_err();
        assert_eq!(e.key, "reports_differ[0]");
        let e = edit("incidents.json", |v| {
            let a = v["incidents"][0]["reports_differ"][0]["accounts"][0]["source"].clone();
            v["incidents"][0]["reports_differ"][0]["accounts"][1]["source"] = a;
        })
        .unwrap_err();
        assert!(e.message.contains("its own source"), "{e}");
    }

    #[test]
    fn the_knowledge_is_dated_and_nothing_postdates_it() {
        let kb = crate::load_knowledge().unwrap();
        assert!(kb.version >= 2);
        assert_eq!(kb.knowledge_date.len(), 10);
        let e = edit("incidents.json", |v| v["knowledge_date"] = "2026-11".into()).unwrap_err();
        assert_eq!(e.key, "knowledge_date");
        let e = edit("incidents.json", |v| {
            v["knowledge_date"] = "2023-06-01".into()
        })
        .unwrap_err();
        assert!(e.message.contains("after the knowledge date"), "{e}");
        let e = edit("incidents.json", |v| v["version"] = 0.into()).unwrap_err();
        assert_eq!(e.key, "version");
        let e = edit("incidents.json", |v| {
            v.as_object_mut().unwrap().remove("version");
        })
        .unwrap_err();
        assert!(e.message.contains("version"), "{e}");
    }

    #[test]
    fn every_source_is_cited_and_note_sources_exist() {
        let e = edit("sources.json", |v| {
            v["sources"]
                .as_array_mut()
                .unwrap()
                .push(serde_json::json!({
                    "id": "orphan", "url": "https://example.org/a", "publisher": "Example",
                    "date": "2020-01-01"
                }));
        })
        .unwrap_err();
        assert_eq!(
            (e.entry.as_str(), e.message.as_str()),
            ("orphan", "source is not cited anywhere")
        );
        let e = edit("systems.json", |v| {
            v["systems"][0]["fields"]["dob"]["note_sources"][0] = "nowhere".into();
        })
        .unwrap_err();
        assert_eq!(e.key, "fields.dob.note_sources");
    }

    #[test]
    fn broken_json_is_reported_with_its_file() {
        let mut all = files();
        all[0].1.truncate(20);
        let e = load(&all).unwrap_err();
        assert_eq!(e.file, all[0].0);
    }

    #[test]
    fn an_override_folder_over_the_cap_is_refused() {
        let dir = std::env::temp_dir().join(format!("leaklens-kb-cap-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in files() {
            std::fs::write(dir.join(name), text).unwrap();
        }
        assert!(Knowledge::load_dir(&dir).is_ok());
        let big = " ".repeat(MAX_FILE_BYTES as usize + 1);
        std::fs::write(dir.join("sources.json"), big).unwrap();
        let e = Knowledge::load_dir(&dir).unwrap_err();
        assert!(e.message.contains("over the"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
