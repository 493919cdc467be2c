//! All lexicons compiled once into one word index; a text is scanned once, word by word.
//!
//! Terms are sequences of words (runs of letters, digits and marks). The index maps a term's
//! first word to the terms that start with it, and a one-word prefix term (`leak*`) to itself;
//! scanning looks up each word of the text (and its prefixes, up to the longest prefix term),
//! then checks the following words. Scanning is linear in the text (bounded work per word).
//!
//! [`compile`] turns lexicons into a compact table (`build.rs` does it for the embedded ones)
//! and [`Matcher::load`] decodes and indexes that table in one pass over its bytes: the core
//! starts without parsing JSON or normalizing a single term.

use crate::ids;
use crate::lexicon::{Lexicon, Negation};
use crate::normalize::{is_word_char, normalize};
use std::borrow::Cow;
use std::collections::HashMap;

/// What a term means when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Cue,
    Event,
    /// An attack on a system (hacked, ransomware): an event only beside personal data.
    Attack,
    NegatedEvent,
    Negator,
    Data,
    System(u8),
    Field(u8),
    Denial,
    Hedge,
    OtherSense,
    OtherContext,
    /// A word for a company or public body that is not a name ("website", "company",
    /// "department"): the operator of a leak that names no system we know.
    Operator,
    /// A verb of looking something up ("entered", "typed", "queried"): the field next to it
    /// is the key someone typed in, not what leaked.
    Lookup,
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
            Role::Event | Role::Attack => 4,
            Role::Denial => 5,
            Role::Hedge => 6,
            Role::OtherContext => 7,
            Role::Lookup => 8,
            Role::Operator => 9,
            Role::Negator => 10,
            Role::Data => 11,
            Role::Cue => 12,
        }
    }
}

/// One pattern of the compiled vocabulary: where its text is, whether it may run on past the
/// end of a word, which languages list it as a cue (a bit per lexicon), and what it means.
#[derive(Debug, Clone, Copy)]
struct Pattern {
    /// byte span of the term's words in `Matcher::text`, and the end of its first word
    start: u32,
    end: u32,
    first_end: u32,
    prefix: bool,
    cue_langs: u32,
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
    /// every pattern's words, joined by single spaces, each pattern followed by a line break
    /// (decoded from the tail of the compiled form; only ever compared with text bytes)
    text: Vec<u8>,
    patterns: Vec<Pattern>,
    /// first word → terms that start with it (every term but one-word prefix terms);
    /// candidates are checked word by word, so a hash collision costs a comparison, nothing else
    by_first_word: Index,
    /// one-word prefix term → those terms
    by_prefix: Index,
    /// the longest one-word prefix, in bytes: how far a word's prefixes are looked up
    longest_prefix: usize,
    /// per byte length up to `longest_prefix`: whether some one-word prefix is that long (the
    /// scan looks up only heads of those lengths)
    prefix_lengths: Vec<bool>,
    pub lexicons: Vec<LexiconInfo>,
}

/// What the detector needs to know of each lexicon after compilation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconInfo {
    pub lang: String,
    pub script: String,
    pub negation: Negation,
}

/// The compiled form starts with this (and its version).
const MAGIC: &[u8; 4] = b"LLM2";
/// Lexicons a compiled vocabulary can hold (one bit each in `Pattern::cue_langs`).
pub const MAX_LEXICONS: usize = 32;

/// Compile lexicons into the form [`Matcher::load`] reads: every distinct term once, normalized,
/// with its meaning. `build.rs` does this for the embedded lexicons, so that the core starts
/// by reading a table instead of parsing JSON and normalizing thousands of terms.
///
/// The layout (integers little-endian): `LLM2`; the lexicon count, then per lexicon its
/// language, its script (a length byte and UTF-8 each) and its negation (0 before, 1 both);
/// the pattern count (u32), then per pattern its role, its lexicon and its flags (a byte
/// each; flag 1 = prefix); the cue count (u32), then per cue its pattern (u32) and its
/// lexicons (a u32 of bits); last, every pattern's words joined by single spaces (the words
/// are all the matcher compares: `co-win!` is stored as `co win`), patterns sorted by text,
/// each written as [`encode_texts`] does: the bytes it shares with the one before, then the
/// rest, a byte per character of the current 128-character block, then `\n`.
pub fn compile(lexicons: &[Lexicon]) -> Vec<u8> {
    assert!(
        lexicons.len() <= MAX_LEXICONS,
        "at most {MAX_LEXICONS} lexicons, not {}",
        lexicons.len()
    );
    struct Term {
        text: String,
        prefix: bool,
        cue_langs: u32,
        role: Option<Role>,
        lang: u8,
    }
    let mut same: HashMap<(u64, bool), Vec<usize>, BuildFnv> = HashMap::default();
    let mut terms: Vec<Term> = Vec::new();
    for (li, lex) in lexicons.iter().enumerate() {
        let li = li as u8;
        for (role, term) in roles_of(lex) {
            let prefix = term.ends_with('*');
            let folded = normalize(term.trim_end_matches('*')).text;
            let words: Vec<&str> = words_of(&folded).map(|(a, b)| &folded[a..b]).collect();
            if words.is_empty() {
                continue;
            }
            let text = words.join(" ");
            let alike = same.entry((fnv(text.as_bytes()), prefix)).or_default();
            let i = match alike.iter().find(|&&i| terms[i].text == *text) {
                Some(&i) => i,
                None => {
                    terms.push(Term {
                        text,
                        prefix,
                        cue_langs: 0,
                        role: None,
                        lang: li,
                    });
                    alike.push(terms.len() - 1);
                    terms.len() - 1
                }
            };
            let t = &mut terms[i];
            if role == Role::Cue {
                t.cue_langs |= 1 << li;
            } else if t.role.is_none_or(|r| role.rank() < r.rank()) {
                t.role = Some(role);
                t.lang = li;
            }
        }
    }
    // sorted by text: neighbours share their beginnings, which the encoding leaves out
    terms.sort_by(|a, b| (&a.text, a.prefix).cmp(&(&b.text, b.prefix)));
    let mut out = MAGIC.to_vec();
    out.push(lexicons.len() as u8);
    for lex in lexicons {
        for s in [&lex.lang, &lex.script] {
            let s = &s.as_bytes()[..s.len().min(255)];
            out.push(s.len() as u8);
            out.extend_from_slice(s);
        }
        out.push(match lex.negation {
            Negation::Before => 0,
            Negation::Both => 1,
        });
    }
    out.extend_from_slice(&(terms.len() as u32).to_le_bytes());
    for t in &terms {
        out.extend_from_slice(&[role_code(t.role), t.lang, t.prefix as u8]);
    }
    let cues: Vec<(usize, &Term)> = terms
        .iter()
        .enumerate()
        .filter(|(_, t)| t.cue_langs != 0)
        .collect();
    out.extend_from_slice(&(cues.len() as u32).to_le_bytes());
    for (i, t) in cues {
        out.extend_from_slice(&(i as u32).to_le_bytes());
        out.extend_from_slice(&t.cue_langs.to_le_bytes());
    }
    encode_texts(terms.iter().map(|t| t.text.as_str()), &mut out);
    out
}

/// In the encoded texts: the next two bytes name the current block (a character's code >> 7).
const SET_BLOCK: u8 = 2;

/// Write `texts` compactly: per text, a byte with how many of its first bytes equal those of
/// the text before (at most 255, on a character boundary), then the rest of its characters:
/// ASCII as itself; any other character as one byte, 128 + its place in the current block of
/// 128 characters, after `SET_BLOCK` and the block's number (two bytes, big-endian) when the
/// block changes (the block carries over from text to text); then `\n`. Indic words take a
/// byte a letter instead of three. [`decode_texts`] reverses it.
fn encode_texts<'a>(texts: impl Iterator<Item = &'a str>, out: &mut Vec<u8>) {
    let (mut prev, mut block) = ("", 0u32);
    for text in texts {
        let mut shared = prev
            .bytes()
            .zip(text.bytes())
            .take_while(|(a, b)| a == b)
            .count()
            .min(255);
        while !text.is_char_boundary(shared) {
            shared -= 1;
        }
        out.push(shared as u8);
        for c in text[shared..].chars() {
            let u = c as u32;
            if u < 0x80 {
                debug_assert!(
                    c != '\n' && u as u8 != SET_BLOCK,
                    "no control characters in terms"
                );
                out.push(u as u8);
                continue;
            }
            if u >> 7 != block {
                block = u >> 7;
                out.extend_from_slice(&[SET_BLOCK, (block >> 8) as u8, block as u8]);
            }
            out.push(0x80 | (u & 0x7f) as u8);
        }
        out.push(b'\n');
        prev = text;
    }
}

/// The texts [`encode_texts`] wrote for `count` patterns, as UTF-8, each followed by `\n`.
fn decode_texts(bytes: &[u8], count: usize) -> Result<Vec<u8>, String> {
    let bad = |what: &str| format!("compiled vocabulary: {what}");
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() * 2);
    let (mut at, mut block, mut prev_start) = (0, 0u32, 0);
    for _ in 0..count {
        let shared = *bytes
            .get(at)
            .ok_or_else(|| bad("fewer texts than patterns"))? as usize;
        at += 1;
        let start = out.len();
        let prev_len = start.saturating_sub(prev_start + 1);
        if shared > prev_len {
            return Err(bad("a text shares more than the one before has"));
        }
        out.extend_from_within(prev_start..prev_start + shared);
        loop {
            let b = *bytes
                .get(at)
                .ok_or_else(|| bad("fewer texts than patterns"))?;
            at += 1;
            match b {
                b'\n' => break,
                SET_BLOCK => {
                    let hi = bytes
                        .get(at..at + 2)
                        .ok_or_else(|| bad("cut short in a block"))?;
                    block = u32::from(hi[0]) << 8 | u32::from(hi[1]);
                    at += 2;
                }
                0..0x80 => out.push(b),
                _ => {
                    let c = char::from_u32(block << 7 | u32::from(b & 0x7f))
                        .ok_or_else(|| bad("not a character"))?;
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
            }
        }
        out.push(b'\n');
        prev_start = start;
    }
    if at != bytes.len() {
        return Err(bad("more texts than patterns"));
    }
    Ok(out)
}

fn role_code(role: Option<Role>) -> u8 {
    match role {
        None => 0,
        Some(Role::Cue) => 1,
        Some(Role::Event) => 2,
        Some(Role::NegatedEvent) => 3,
        Some(Role::Negator) => 4,
        Some(Role::Data) => 5,
        Some(Role::Denial) => 6,
        Some(Role::Hedge) => 7,
        Some(Role::OtherSense) => 8,
        Some(Role::OtherContext) => 9,
        Some(Role::Attack) => 10,
        Some(Role::Operator) => 11,
        Some(Role::Lookup) => 12,
        Some(Role::System(i)) => 64 + i,
        Some(Role::Field(i)) => 128 + i,
    }
}

fn role_of(code: u8) -> Option<Option<Role>> {
    Some(Some(match code {
        0 => return Some(None),
        1 => Role::Cue,
        2 => Role::Event,
        3 => Role::NegatedEvent,
        4 => Role::Negator,
        5 => Role::Data,
        6 => Role::Denial,
        7 => Role::Hedge,
        8 => Role::OtherSense,
        9 => Role::OtherContext,
        10 => Role::Attack,
        11 => Role::Operator,
        12 => Role::Lookup,
        64..=127 if ((code - 64) as usize) < ids::SYSTEMS.len() => Role::System(code - 64),
        128..=255 if ((code - 128) as usize) < ids::FIELDS.len() => Role::Field(code - 128),
        _ => return None,
    }))
}

/// Reads a compiled vocabulary front to back.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end =
            end.ok_or_else(|| format!("compiled vocabulary: cut short at byte {}", self.at))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn string(&mut self) -> Result<String, String> {
        let n = self.u8()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|e| format!("compiled vocabulary: {e}"))
    }
}

impl Matcher {
    /// Compile `lexicons` and load them (for lexicons other than the embedded ones).
    pub fn new(lexicons: &[Lexicon]) -> Matcher {
        Matcher::load(Cow::Owned(compile(lexicons))).expect("a fresh compilation loads")
    }

    /// Load a vocabulary compiled by [`compile`]: decode the texts, find where each term is and
    /// index its first word.
    pub fn load(compiled: Cow<'static, [u8]>) -> Result<Matcher, String> {
        let bad = |what: &str| format!("compiled vocabulary: {what}");
        let mut r = Reader {
            bytes: &compiled,
            at: 0,
        };
        if r.take(4)? != MAGIC {
            return Err(bad("not a LeakLens vocabulary (or another version)"));
        }
        let mut lexicons = Vec::new();
        let count = r.u8()? as usize;
        if count > MAX_LEXICONS {
            return Err(bad(&format!(
                "{count} lexicons, over the {MAX_LEXICONS} it can hold"
            )));
        }
        for _ in 0..count {
            let (lang, script) = (r.string()?, r.string()?);
            let negation = match r.u8()? {
                0 => Negation::Before,
                1 => Negation::Both,
                _ => return Err(bad("unknown negation")),
            };
            lexicons.push(LexiconInfo {
                lang,
                script,
                negation,
            });
        }
        let n = r.u32()? as usize;
        let meta = r.take(n.checked_mul(3).ok_or_else(|| bad("too many patterns"))?)?;
        let mut patterns = Vec::with_capacity(n);
        for m in meta.chunks_exact(3) {
            let role = role_of(m[0]).ok_or_else(|| bad("unknown role"))?;
            if m[1] as usize >= lexicons.len() || m[2] > 1 {
                return Err(bad("pattern out of range"));
            }
            patterns.push(Pattern {
                start: 0,
                end: 0,
                first_end: 0,
                prefix: m[2] == 1,
                cue_langs: 0,
                role,
                lang: m[1],
            });
        }
        for _ in 0..r.u32()? {
            let (i, langs) = (r.u32()? as usize, r.u32()?);
            let p = patterns.get_mut(i).ok_or_else(|| bad("cue out of range"))?;
            if langs.checked_shr(lexicons.len() as u32).unwrap_or(0) != 0 {
                return Err(bad("cue out of range"));
            }
            p.cue_langs = langs;
        }
        // one pass over the texts: where each starts, ends and ends its first word, and the
        // first word's hash
        let texts = decode_texts(&compiled[r.at..], patterns.len())?;
        let mut at = 0;
        let mut first_words = Index::with_capacity(patterns.len());
        let mut prefixes = Index::with_capacity(patterns.len());
        let mut longest_prefix = 0;
        let mut prefix_lengths: Vec<bool> = vec![false];
        for (i, p) in patterns.iter_mut().enumerate() {
            let (start, mut hash, mut first_end) = (at, FNV_START, None);
            loop {
                match texts.get(at) {
                    None => return Err(bad("fewer texts than patterns")),
                    Some(b'\n') => break,
                    Some(b' ') => first_end = first_end.or(Some(at)),
                    Some(&b) if first_end.is_none() => hash = fnv_step(hash, b),
                    Some(_) => {}
                }
                at += 1;
            }
            let single = first_end.is_none();
            let first_end = first_end.unwrap_or(at);
            if first_end == start {
                return Err(bad("a pattern without a word"));
            }
            (p.start, p.end, p.first_end) = (start as u32, at as u32, first_end as u32);
            at += 1;
            if p.prefix && single {
                longest_prefix = longest_prefix.max(first_end - start);
                if prefix_lengths.len() <= first_end - start {
                    prefix_lengths.resize(first_end - start + 1, false);
                }
                prefix_lengths[first_end - start] = true;
                prefixes.insert(hash, i as u32);
            } else {
                first_words.insert(hash, i as u32);
            }
        }
        Ok(Matcher {
            text: texts,
            patterns,
            by_first_word: first_words,
            by_prefix: prefixes,
            longest_prefix,
            prefix_lengths,
            lexicons,
        })
    }

    /// Scan a normalized text once, word by word; linear in its length.
    pub fn scan(&self, text: &str) -> Scan {
        let words: Vec<Word> = tokens(text);
        let mut cue_counts = vec![0u32; self.lexicons.len()];
        let mut candidates: Vec<Hit> = Vec::new();
        let mut found = |p: usize, first: &Word, last: &Word| {
            let p = &self.patterns[p];
            let mut langs = p.cue_langs;
            while langs != 0 {
                cue_counts[langs.trailing_zeros() as usize] += 1;
                langs &= langs - 1;
            }
            // A cue phrase that no other list names still takes part in the longest-match
            // choice, so "के आधार पर" ("on the basis of") keeps आधार from reading as Aadhaar.
            let role = p.role.or((p.cue_langs != 0).then_some(Role::Cue));
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
            for p in self.by_first_word.get(fnv(word.as_bytes())) {
                if let Some(last) = self.rest_matches(&self.patterns[p as usize], text, &words, i) {
                    found(p as usize, w, &words[last]);
                }
            }
            // FNV folds byte by byte, so each head's hash continues the previous one's
            let (mut hash, mut hashed) = (FNV_START, 0);
            for (k, _) in word
                .char_indices()
                .skip(1)
                .chain(std::iter::once((word.len(), ' ')))
                .take_while(|&(k, _)| k <= self.longest_prefix)
            {
                if !self.prefix_lengths[k] {
                    continue;
                }
                let head = &word[..k];
                hash = head.as_bytes()[hashed..]
                    .iter()
                    .fold(hash, |h, &b| fnv_step(h, b));
                hashed = k;
                for p in self.by_prefix.get(hash) {
                    if self.first_word(&self.patterns[p as usize]) == head.as_bytes() {
                        found(p as usize, w, w);
                    }
                }
            }
        }
        // leftmost first, then longest, then the strongest meaning
        let order = crate::order::stable_order(candidates.iter().map(|h| {
            let shorter = (u64::MAX >> 8) - h.end as u64;
            (h.start as u64, shorter << 8 | u64::from(h.role.rank()))
        }));
        let mut hits: Vec<Hit> = Vec::with_capacity(candidates.len());
        let mut taken_to = 0;
        for h in crate::order::apply(candidates, &order) {
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
        if &text.as_bytes()[words[i].start..words[i].end] != self.first_word(p) {
            return None;
        }
        if p.first_end == p.end {
            return Some(i);
        }
        let rest = &self.text[p.first_end as usize + 1..p.end as usize];
        let mut last = i;
        let mut pattern_words = rest.split(|&b| b == b' ').peekable();
        while let Some(pw) = pattern_words.next() {
            last += 1;
            let w = words.get(last)?;
            if w.after_break {
                return None;
            }
            let tw = &text.as_bytes()[w.start..w.end];
            let ok = if p.prefix && pattern_words.peek().is_none() {
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

    fn first_word(&self, p: &Pattern) -> &[u8] {
        &self.text[p.start as usize..p.first_end as usize]
    }
}

/// A hash index: an FNV hash → the patterns with that key, in pattern order. Open addressing
/// over a power-of-two table of keys, each key heading a list of patterns linked through
/// `next`; filled at load without sorting or allocating per key.
struct Index {
    /// per slot: 0 when empty, else 1 + the key's position in `keys`
    slots: Vec<u32>,
    /// per key: its hash, its first pattern and its last (where the next one is linked)
    keys: Vec<(u64, u32, u32)>,
    /// per pattern: the next pattern with the same key, or `NONE`
    next: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl Index {
    fn with_capacity(patterns: usize) -> Index {
        Index {
            slots: vec![0; (patterns * 2).next_power_of_two().max(2)],
            keys: Vec::new(),
            next: vec![NONE; patterns],
        }
    }

    fn insert(&mut self, hash: u64, pattern: u32) {
        let mask = self.slots.len() - 1;
        let mut s = hash as usize & mask;
        loop {
            match self.slots[s] {
                0 => {
                    self.keys.push((hash, pattern, pattern));
                    self.slots[s] = self.keys.len() as u32;
                    return;
                }
                k if self.keys[k as usize - 1].0 == hash => {
                    let key = &mut self.keys[k as usize - 1];
                    self.next[key.2 as usize] = pattern;
                    key.2 = pattern;
                    return;
                }
                _ => s = (s + 1) & mask,
            }
        }
    }

    fn get(&self, hash: u64) -> impl Iterator<Item = u32> + '_ {
        let mask = self.slots.len() - 1;
        let mut s = hash as usize & mask;
        let head = loop {
            match self.slots[s] {
                0 => break NONE,
                k if self.keys[k as usize - 1].0 == hash => break self.keys[k as usize - 1].1,
                _ => s = (s + 1) & mask,
            }
        };
        std::iter::successors((head != NONE).then_some(head), |&p| {
            let n = self.next[p as usize];
            (n != NONE).then_some(n)
        })
    }
}

/// FNV-1a: the index's keys are short words, hashed once each; no need for SipHash's
/// resistance to chosen keys (the keys come from our own lexicons).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_START, |h, &b| fnv_step(h, b))
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ byte as u64).wrapping_mul(0x0100_0000_01b3)
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
        // a change between Latin letters or digits and another script parts words too: names
        // take the case endings of the language around them ("ICMRએ", "Jioના")
        let ascii = text[start..].starts_with(|c: char| c.is_ascii());
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) || c.is_ascii() != ascii {
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
        // a line break alone does not part a term's words ("data\nleaked"); punctuation does
        let after_break = gap.contains(['!', '?', '।', '॥', '۔', '؟', '|'])
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
    let lists: [(Role, &Vec<String>); 12] = [
        (Role::Cue, &lex.cues),
        (Role::Event, &lex.event),
        (Role::Attack, &lex.attack),
        (Role::NegatedEvent, &lex.negated_event),
        (Role::Negator, &lex.negator),
        (Role::Data, &lex.data),
        (Role::Denial, &lex.denial),
        (Role::Hedge, &lex.hedge),
        (Role::OtherSense, &lex.other_sense),
        (Role::OtherContext, &lex.other_context),
        (Role::Operator, &lex.operator),
        (Role::Lookup, &lex.lookup),
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

    #[test]
    fn encodes_texts_compactly_and_back() {
        let texts = [
            "aadhaar",
            "aadhaar number",
            "café leak",
            "डेटा",
            "डेटा लीक",
            "ডেটা",
            "ڈیٹا",
            "😀 x",
            "zz",
        ];
        let mut out = Vec::new();
        encode_texts(texts.iter().copied(), &mut out);
        let decoded = decode_texts(&out, texts.len()).unwrap();
        let expected: String = texts.iter().map(|t| format!("{t}\n")).collect();
        assert_eq!(String::from_utf8(decoded).unwrap(), expected);
        // a letter of an Indic script takes one byte, not three, after the block is named
        let mut hindi = Vec::new();
        encode_texts(["डेटा लीक हुआ"].into_iter(), &mut hindi);
        assert_eq!(hindi.len(), 1 + 3 + "डेटा लीक हुआ".chars().count() + 1);
        assert!(decode_texts(&out, texts.len() + 1).is_err());
        assert!(decode_texts(&out[..out.len() - 1], texts.len()).is_err());
    }

    #[test]
    fn loads_what_it_compiles_and_refuses_damaged_tables() {
        let compiled = compile(&[lexicon(EN)]);
        let m = Matcher::load(Cow::Owned(compiled.clone())).unwrap();
        assert_eq!(m.lexicons[0].lang, "en");
        assert_eq!(m.scan("the leak of the data").cue_counts, vec![2]);
        for n in 0..compiled.len() {
            let e = Matcher::load(Cow::Owned(compiled[..n].to_vec()));
            assert!(e.is_err(), "a table cut at byte {n} loads");
        }
        // found by the fuzzer (fuzz/fuzz_targets/vocabulary.rs): more lexicons than the cue
        // bits can name
        let mut many = MAGIC.to_vec();
        many.push(40);
        for _ in 0..40 {
            many.extend_from_slice(&[2, b'x', b'x', 4, b'L', b'a', b't', b'n', 1]);
        }
        many.extend_from_slice(&[1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, b'x', b'\n']);
        let e = Matcher::load(Cow::Owned(many)).err().unwrap();
        assert!(e.contains("40 lexicons"), "{e}");
        let mut other = compiled.clone();
        other[3] = b'9';
        let e = Matcher::load(Cow::Owned(other)).err().unwrap();
        assert!(e.contains("not a LeakLens vocabulary"), "{e}");
        // the fuzzer's seeds are in the current format
        let seed = include_bytes!("../fuzz/corpus/vocabulary/seed-two-languages");
        let m = Matcher::load(Cow::Borrowed(seed)).unwrap();
        assert_eq!(m.lexicons.len(), 2);
        assert!(Matcher::load(Cow::Borrowed(include_bytes!(
            "../fuzz/corpus/vocabulary/seed-empty"
        )))
        .is_ok());
        // any damaged byte gives an error or a matcher, never a panic
        for i in 0..compiled.len() {
            let mut b = compiled.clone();
            b[i] ^= 0xA5;
            if let Ok(m) = Matcher::load(Cow::Owned(b)) {
                m.scan("cowin aadhaar numbers leaked");
            }
        }
    }
}
