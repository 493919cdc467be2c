//! Per-language vocabularies (`data/lexicon/<lang>.json`), parsed and validated.

use crate::ids;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// One language's vocabulary, as written in its data file (see docs/data-formats.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    pub lang: String,
    pub name: String,
    pub script: String,
    /// Where negation words stand relative to what they negate: `before` (English) or `both`.
    #[serde(default = "Negation::default_both")]
    pub negation: Negation,
    pub cues: Vec<String>,
    pub event: Vec<String>,
    /// Attacks (hacked, cyber attack, ransomware): a claim only with a field of personal data
    /// named in the same sentence.
    #[serde(default)]
    pub attack: Vec<String>,
    pub negated_event: Vec<String>,
    pub negator: Vec<String>,
    pub data: Vec<String>,
    pub systems: BTreeMap<String, Vec<String>>,
    pub fields: BTreeMap<String, Vec<String>>,
    pub denial: Vec<String>,
    pub hedge: Vec<String>,
    pub other_sense: Vec<String>,
    pub other_context: Vec<String>,
    /// Words for a company or public body that are not names ("website", "company"): the
    /// operator (`other`) of a claim that names no system.
    #[serde(default)]
    pub operator: Vec<String>,
    /// Verbs of looking up ("entered", "typed in"): a field beside one is a lookup key.
    #[serde(default)]
    pub lookup: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Negation {
    Before,
    Both,
}

impl Negation {
    fn default_both() -> Self {
        Negation::Both
    }
}

/// A lexicon file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub file: String,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for LexiconError {}

const SCRIPTS: &[&str] = &[
    "Latn", "Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Arab",
];

impl Lexicon {
    /// Parse and validate one lexicon file.
    pub fn parse(file: &str, json: &str) -> Result<Lexicon, LexiconError> {
        let err = |message: String| LexiconError {
            file: file.to_string(),
            message,
        };
        let lex: Lexicon = serde_json::from_str(json).map_err(|e| err(e.to_string()))?;
        if !SCRIPTS.contains(&lex.script.as_str()) {
            return Err(err(format!("unknown script {:?}", lex.script)));
        }
        for id in lex.systems.keys() {
            if ids::system_index(id).is_none() {
                return Err(err(format!("systems: unknown system id {id:?}")));
            }
        }
        for id in lex.fields.keys() {
            if ids::field_index(id).is_none() {
                return Err(err(format!("fields: unknown field id {id:?}")));
            }
        }
        for (key, term) in lex.all_terms() {
            if term.trim_end_matches('*').trim().is_empty() {
                return Err(err(format!("{key}: empty term")));
            }
        }
        Ok(lex)
    }

    /// Every term with the key it is listed under, for validation and messages.
    pub fn all_terms(&self) -> impl Iterator<Item = (String, &str)> {
        let lists: [(&str, &Vec<String>); 12] = [
            ("cues", &self.cues),
            ("event", &self.event),
            ("attack", &self.attack),
            ("negated_event", &self.negated_event),
            ("negator", &self.negator),
            ("data", &self.data),
            ("denial", &self.denial),
            ("hedge", &self.hedge),
            ("other_sense", &self.other_sense),
            ("other_context", &self.other_context),
            ("operator", &self.operator),
            ("lookup", &self.lookup),
        ];
        let plain = lists
            .into_iter()
            .flat_map(|(k, v)| v.iter().map(move |t| (k.to_string(), t.as_str())));
        let systems = self
            .systems
            .iter()
            .flat_map(|(id, v)| v.iter().map(move |t| (format!("systems.{id}"), t.as_str())));
        let fields = self
            .fields
            .iter()
            .flat_map(|(id, v)| v.iter().map(move |t| (format!("fields.{id}"), t.as_str())));
        plain.chain(systems).chain(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_unknown_ids_with_file_and_key() {
        let json = r#"{"lang":"xx","name":"X","script":"Latn","cues":[],"event":["leak*"],
            "negated_event":[],"negator":[],"data":[],"systems":{"cowinn":["cowin"]},
            "fields":{},"denial":[],"hedge":[],"other_sense":[],"other_context":[]}"#;
        let e = Lexicon::parse("xx.json", json).unwrap_err();
        assert_eq!(e.file, "xx.json");
        assert!(e.message.contains("cowinn"), "{e}");
    }

    #[test]
    fn rejects_empty_terms_and_bad_json() {
        let json = r#"{"lang":"xx","name":"X","script":"Latn","cues":[],"event":["*"],
            "negated_event":[],"negator":[],"data":[],"systems":{},
            "fields":{},"denial":[],"hedge":[],"other_sense":[],"other_context":[]}"#;
        let e = Lexicon::parse("xx.json", json).unwrap_err();
        assert!(e.message.contains("event: empty term"), "{e}");
        assert!(Lexicon::parse("y.json", "{").is_err());
    }
}
