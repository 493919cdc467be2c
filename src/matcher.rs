//! All lexicons compiled once into one multi-pattern automaton; a text is scanned once.

use crate::ids;
use crate::lexicon::{Lexicon, Negation};
use crate::normalize::{is_word_char, normalize};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

/// What a term means when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Cue,
    Event,
    NegatedEvent,
    Negator,
    Data,
    System(u8),
    Field(u8),
    Denial,
    Hedge,
    OtherSense,
    OtherContext,
}

impl Role {
    /// When one spelling means different things in different lexicons, the most specific
    /// meaning wins (lower is stronger).
    fn rank(self) -> u8 {
        match self {
            Role::OtherSense => 0,
            Role::NegatedEvent => 1,
            Role::Field(_) => 2,
            Role::System(_) => 3,
            Role::Event => 4,
            Role::Denial => 5,
            Role::Hedge => 6,
            Role::OtherContext => 7,
            Role::Negator => 8,
            Role::Data => 9,
            Role::Cue => 10,
        }
    }
}

/// One compiled pattern: whether it may run on past the end of a word, which languages list it
/// as a cue, and what it means otherwise.
#[derive(Debug, Clone)]
struct Pattern {
    prefix: bool,
    cue_langs: Vec<u8>,
    role: Option<Role>,
    lang: u8,
}

/// A term found in a normalized text (byte offsets into the normalized text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub role: Role,
    /// Index of the lexicon that gave this meaning.
    pub lang: u8,
}

/// The result of scanning one text.
#[derive(Debug, Clone)]
pub struct Scan {
    /// Non-overlapping meaningful hits, leftmost-longest, in text order.
    pub hits: Vec<Hit>,
    /// Cue hits per lexicon (for language identification).
    pub cue_counts: Vec<u32>,
}

pub struct Matcher {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    pub lexicons: Vec<LexiconInfo>,
}

/// What the detector needs to know of each lexicon after compilation.
#[derive(Debug, Clone)]
pub struct LexiconInfo {
    pub lang: String,
    pub script: String,
    pub negation: Negation,
}

impl Matcher {
    pub fn new(lexicons: &[Lexicon]) -> Matcher {
        let mut index: HashMap<(String, bool), usize> = HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        for (li, lex) in lexicons.iter().enumerate() {
            let li = li as u8;
            for (role, term) in roles_of(lex) {
                let prefix = term.ends_with('*');
                let text = normalize(term.trim_end_matches('*')).text;
                if text.is_empty() {
                    continue;
                }
                let i = *index.entry((text.clone(), prefix)).or_insert_with(|| {
                    texts.push(text);
                    patterns.push(Pattern {
                        prefix,
                        cue_langs: Vec::new(),
                        role: None,
                        lang: li,
                    });
                    patterns.len() - 1
                });
                let p = &mut patterns[i];
                if role == Role::Cue {
                    if !p.cue_langs.contains(&li) {
                        p.cue_langs.push(li);
                    }
                } else if p.role.is_none_or(|r| role.rank() < r.rank()) {
                    p.role = Some(role);
                    p.lang = li;
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&texts)
            .expect("lexicon patterns compile");
        Matcher {
            automaton,
            patterns,
            lexicons: lexicons
                .iter()
                .map(|l| LexiconInfo {
                    lang: l.lang.clone(),
                    script: l.script.clone(),
                    negation: l.negation,
                })
                .collect(),
        }
    }

    /// Scan a normalized text once; linear in its length (plus the number of candidate hits,
    /// which is bounded by the length times the longest pattern).
    pub fn scan(&self, text: &str) -> Scan {
        let mut cue_counts = vec![0u32; self.lexicons.len()];
        let mut candidates: Vec<Hit> = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let p = &self.patterns[m.pattern().as_usize()];
            let (start, mut end) = (m.start(), m.end());
            if !starts_word(text, start) {
                continue;
            }
            if p.prefix {
                end = word_end(text, end);
            } else if !ends_word(text, end) {
                continue;
            }
            for &l in &p.cue_langs {
                cue_counts[l as usize] += 1;
            }
            // A cue phrase that no other list names still takes part in the longest-match
            // choice, so "के आधार पर" ("on the basis of") keeps आधार from reading as Aadhaar.
            let role = p.role.or((!p.cue_langs.is_empty()).then_some(Role::Cue));
            if let Some(role) = role {
                candidates.push(Hit {
                    start,
                    end,
                    role,
                    lang: p.lang,
                });
            }
        }
        candidates
            .sort_by(|a, b| (a.start, b.end, a.role.rank()).cmp(&(b.start, a.end, b.role.rank())));
        let mut hits: Vec<Hit> = Vec::with_capacity(candidates.len());
        let mut taken_to = 0;
        for h in candidates {
            if h.start >= taken_to {
                taken_to = h.end;
                hits.push(h);
            }
        }
        Scan { hits, cue_counts }
    }
}

fn roles_of(lex: &Lexicon) -> Vec<(Role, &str)> {
    let mut out: Vec<(Role, &str)> = Vec::new();
    let lists: [(Role, &Vec<String>); 9] = [
        (Role::Cue, &lex.cues),
        (Role::Event, &lex.event),
        (Role::NegatedEvent, &lex.negated_event),
        (Role::Negator, &lex.negator),
        (Role::Data, &lex.data),
        (Role::Denial, &lex.denial),
        (Role::Hedge, &lex.hedge),
        (Role::OtherSense, &lex.other_sense),
        (Role::OtherContext, &lex.other_context),
    ];
    for (role, list) in lists {
        out.extend(list.iter().map(|t| (role, t.as_str())));
    }
    for (id, list) in &lex.systems {
        let i = ids::system_index(id).expect("validated system id") as u8;
        out.extend(list.iter().map(|t| (Role::System(i), t.as_str())));
    }
    for (id, list) in &lex.fields {
        let i = ids::field_index(id).expect("validated field id") as u8;
        out.extend(list.iter().map(|t| (Role::Field(i), t.as_str())));
    }
    out
}

fn starts_word(text: &str, start: usize) -> bool {
    let first = text[start..].chars().next();
    let prev = text[..start].chars().next_back();
    match (prev, first) {
        (None, _) => true,
        (Some(p), Some(f)) => !is_word_char(p) || !is_word_char(f),
        (Some(_), None) => true,
    }
}

fn ends_word(text: &str, end: usize) -> bool {
    let last = text[..end].chars().next_back();
    let next = text[end..].chars().next();
    match (last, next) {
        (_, None) => true,
        (Some(l), Some(n)) => !is_word_char(l) || !is_word_char(n),
        (None, Some(_)) => true,
    }
}

fn word_end(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(json: &str) -> Lexicon {
        Lexicon::parse("t.json", json).unwrap()
    }

    const EN: &str = r#"{"lang":"en","name":"English","script":"Latn","cues":["the"],
        "event":["leak*","breach*"],"negated_event":["no breach"],"negator":["no","not"],
        "data":["data"],"systems":{"cowin":["cowin"],"aadhaar":["aadhaar"]},
        "fields":{"aadhaar":["aadhaar number*"],"mobile":["phone number*"]},
        "denial":["baseless"],"hedge":["could be misused"],"other_sense":["paper leak*"],
        "other_context":["exam"]}"#;

    fn roles(text: &str) -> Vec<(String, Role)> {
        let m = Matcher::new(&[lexicon(EN)]);
        let n = normalize(text).text;
        m.scan(&n)
            .hits
            .iter()
            .map(|h| (n[h.start..h.end].to_string(), h.role))
            .collect()
    }

    #[test]
    fn longest_match_wins_and_prefix_extends_to_word_end() {
        assert_eq!(
            roles("CoWIN Aadhaar numbers leaked"),
            vec![
                ("cowin".into(), Role::System(0)),
                ("aadhaar numbers".into(), Role::Field(8)),
                ("leaked".into(), Role::Event),
            ]
        );
        assert_eq!(
            roles("NEET paper leaked"),
            vec![("paper leaked".into(), Role::OtherSense)]
        );
    }

    #[test]
    fn respects_word_boundaries() {
        // "cowinner" is not cowin; "bleak" does not start with leak
        assert!(roles("cowinner bleak").is_empty());
        assert_eq!(
            roles("the data")[0].1,
            Role::Cue,
            "cues take part in the choice"
        );
    }

    #[test]
    fn counts_cues() {
        let m = Matcher::new(&[lexicon(EN)]);
        assert_eq!(m.scan("the leak of the data").cue_counts, vec![2]);
    }
}
