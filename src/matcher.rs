//! All lexicons compiled once into one word index; a text is scanned once, word by word.
//!
//! Terms are sequences of words (runs of letters, digits and marks). The index maps a term's
//! first word to the terms that start with it, and a one-word prefix term (`leak*`) to itself;
//! scanning looks up each word of the text (and its prefixes, up to the longest prefix term),
//! then checks the following words. Building it is a few hash-map inserts per term, so the
//! core starts fast; scanning is linear in the text (bounded work per word).

use crate::ids;
use crate::lexicon::{Lexicon, Negation};
use crate::normalize::{fold, is_word_char};
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
    /// the normalized term and the byte spans of its words in it
    text: Box<str>,
    words: Vec<(u32, u32)>,
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
    patterns: Vec<Pattern>,
    /// hash of a first word → terms that start with it (every term but one-word prefix terms);
    /// candidates are checked word by word, so a hash collision costs a comparison, nothing else
    by_first_word: HashMap<u64, Vec<u32>, BuildFnv>,
    /// hash of a one-word prefix term → those terms
    by_prefix: HashMap<u64, Vec<u32>, BuildFnv>,
    /// the longest one-word prefix, in bytes: how far a word's prefixes are looked up
    longest_prefix: usize,
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
        let mut index: HashMap<(u64, bool), Vec<usize>, BuildFnv> = HashMap::default();
        let mut patterns: Vec<Pattern> = Vec::new();
        for (li, lex) in lexicons.iter().enumerate() {
            let li = li as u8;
            for (role, term) in roles_of(lex) {
                let prefix = term.ends_with('*');
                let bare = term.trim_end_matches('*');
                let text = if lex.normalized {
                    std::borrow::Cow::Borrowed(bare)
                } else {
                    fold(bare)
                };
                let words: Vec<(u32, u32)> =
                    words_of(&text).map(|(a, b)| (a as u32, b as u32)).collect();
                if words.is_empty() {
                    continue;
                }
                let same = index.entry((fnv(text.as_bytes()), prefix)).or_default();
                let i = match same.iter().find(|&&i| *patterns[i].text == *text) {
                    Some(&i) => i,
                    None => {
                        patterns.push(Pattern {
                            text: text.into_owned().into_boxed_str(),
                            words,
                            prefix,
                            cue_langs: Vec::new(),
                            role: None,
                            lang: li,
                        });
                        same.push(patterns.len() - 1);
                        patterns.len() - 1
                    }
                };
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
        let mut by_first_word: HashMap<u64, Vec<u32>, BuildFnv> = HashMap::default();
        let mut by_prefix: HashMap<u64, Vec<u32>, BuildFnv> = HashMap::default();
        let mut longest_prefix = 0;
        for (i, p) in patterns.iter().enumerate() {
            let first = p.word(0);
            if p.prefix && p.words.len() == 1 {
                longest_prefix = longest_prefix.max(first.len());
                by_prefix
                    .entry(fnv(first.as_bytes()))
                    .or_default()
                    .push(i as u32);
            } else {
                by_first_word
                    .entry(fnv(first.as_bytes()))
                    .or_default()
                    .push(i as u32);
            }
        }
        Matcher {
            patterns,
            by_first_word,
            by_prefix,
            longest_prefix,
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

    /// Scan a normalized text once, word by word; linear in its length.
    pub fn scan(&self, text: &str) -> Scan {
        let words: Vec<Word> = tokens(text);
        let mut cue_counts = vec![0u32; self.lexicons.len()];
        let mut candidates: Vec<Hit> = Vec::new();
        let mut found = |p: usize, first: &Word, last: &Word| {
            let p = &self.patterns[p];
            for &l in &p.cue_langs {
                cue_counts[l as usize] += 1;
            }
            // A cue phrase that no other list names still takes part in the longest-match
            // choice, so "के आधार पर" ("on the basis of") keeps आधार from reading as Aadhaar.
            let role = p.role.or((!p.cue_langs.is_empty()).then_some(Role::Cue));
            if let Some(role) = role {
                candidates.push(Hit {
                    start: first.start,
                    end: last.end,
                    role,
                    lang: p.lang,
                });
            }
        };
        for (i, w) in words.iter().enumerate() {
            let word = &text[w.start..w.end];
            for &p in self
                .by_first_word
                .get(&fnv(word.as_bytes()))
                .into_iter()
                .flatten()
            {
                if let Some(last) = self.rest_matches(&self.patterns[p as usize], text, &words, i) {
                    found(p as usize, w, &words[last]);
                }
            }
            for (k, _) in word
                .char_indices()
                .skip(1)
                .chain(std::iter::once((word.len(), ' ')))
                .take_while(|&(k, _)| k <= self.longest_prefix)
            {
                let head = &word[..k];
                for &p in self
                    .by_prefix
                    .get(&fnv(head.as_bytes()))
                    .into_iter()
                    .flatten()
                {
                    if self.patterns[p as usize].word(0) == head {
                        found(p as usize, w, w);
                    }
                }
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

    /// Whether the words after the first one match too (within one sentence); the index of the
    /// last matched word if so.
    fn rest_matches(&self, p: &Pattern, text: &str, words: &[Word], i: usize) -> Option<usize> {
        let last = i + p.words.len() - 1;
        if last >= words.len() {
            return None;
        }
        if text[words[i].start..words[i].end] != *p.word(0) {
            return None;
        }
        for j in 1..p.words.len() {
            let pw = p.word(j);
            let w = &words[i + j];
            if w.after_break {
                return None;
            }
            let tw = &text[w.start..w.end];
            let ok = if p.prefix && i + j == last {
                tw.starts_with(pw)
            } else {
                tw == pw
            };
            if !ok {
                return None;
            }
        }
        Some(last)
    }
}

impl Pattern {
    fn word(&self, i: usize) -> &str {
        let (a, b) = self.words[i];
        &self.text[a as usize..b as usize]
    }
}

/// FNV-1a: the index's keys are short words, hashed once each; no need for SipHash's
/// resistance to chosen keys (the keys come from our own lexicons).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A hasher that passes the FNV value through (the keys are already hashes).
#[derive(Default, Clone, Copy)]
struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv(bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u8(&mut self, n: u8) {
        self.0 = self.0.rotate_left(1) ^ n as u64;
    }
}

type BuildFnv = std::hash::BuildHasherDefault<PassThrough>;

/// A word of a normalized text, and whether a sentence ends between it and the word before.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    after_break: bool,
}

/// Byte spans of the words (maximal runs of word characters) of `text`.
fn words_of(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let &(i, c) = chars.peek()?;
            if is_word_char(c) {
                break i;
            }
            chars.next();
        };
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some((start, end))
    })
}

fn tokens(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut prev_end = 0;
    for (start, end) in words_of(text) {
        let gap = &text[prev_end..start];
        let after_break = gap.contains(['\n', '!', '?', '।', '॥', '۔', '؟', '|'])
            || gap.contains(". ")
            || (gap.ends_with('.') && start == text.len());
        out.push(Word {
            start,
            end,
            after_break,
        });
        prev_end = end;
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

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
