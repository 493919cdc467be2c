//! The decision: does a text allege a leak of personal data, about which systems and fields,
//! and which phrases decided it.

use crate::ids;
use crate::lexicon::{Lexicon, Negation};
use crate::matcher::{Hit, LexiconInfo, Matcher, Role, Scan};
use crate::normalize::{normalize, Normalized};
use crate::personal_data::PersonalData;
use crate::script::{dominant_script, utf16_offsets};
use serde::Serialize;

/// Texts longer than this are checked on their first part only (with `truncated` set).
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;

/// How far (in words) a negation word reaches: before an event, before a field ("does not
/// contain bank details"), and after either in verb-final languages.
const NEGATION_REACH_BEFORE: usize = 2;
const NEGATION_REACH_BEFORE_FIELD: usize = 3;
const NEGATION_REACH_AFTER: usize = 3;
/// How many hits on each side a negation check looks at.
const NEIGHBOURS: usize = 8;
/// Whether identifiers shown in a text (a pasted Aadhaar or phone number) support a leak
/// event the way a named system or data word does, anywhere in the text. Decided on the
/// figures (README, "Personal data in posts"): no written-corpus verdict changes, and 19 of our
/// 238 personal-data cases become claims, all of them real claims ("Unbelievable breach.").
const PERSONAL_DATA_SUPPORTS_CLAIMS: bool = true;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detection {
    pub is_claim: bool,
    pub confidence: f32,
    pub language: String,
    pub systems: Vec<String>,
    pub fields: Vec<String>,
    pub evidence: Vec<Evidence>,
    /// For a system outside the knowledge (`other`): the company or body as the text writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
    /// Identifiers the text shows (Aadhaar, PAN, mobile, e-mail, voter ID, passport), masked.
    pub personal_data: Vec<PersonalData>,
    /// Set when the text was longer than [`MAX_TEXT_BYTES`] and only its first part was checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<Truncation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Truncation {
    pub checked_bytes: usize,
    pub total_bytes: usize,
    pub note: String,
}

/// A phrase that took part in the decision, with offsets into the original text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// System or field id, for those kinds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub text: String,
    /// Byte offsets into the input (UTF-8).
    pub start: usize,
    pub end: usize,
    /// The same span in UTF-16 code units, for JavaScript strings.
    pub start_utf16: usize,
    pub end_utf16: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    Event,
    System,
    Field,
    Denial,
    Hedge,
    OtherSense,
    /// An identifier the text shows; `text` is its masked form, `id` its kind.
    #[serde(rename = "personal_data")]
    PersonalData,
}

/// The compiled detector: build once, check many texts.
pub struct Detector {
    matcher: Matcher,
}

/// What the decision found out about one hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Counts,
    Negated,
    Hedged,
    OtherSense,
}

struct Context<'a> {
    text: &'a str,
    hits: &'a [Hit],
    /// Sentence number of each hit.
    sentence: Vec<usize>,
    /// What each sentence holds.
    flags: Vec<SentenceFlags>,
}

impl Detector {
    pub fn new(lexicons: &[Lexicon]) -> Detector {
        Detector {
            matcher: Matcher::new(lexicons),
        }
    }

    /// A detector over a vocabulary compiled by [`crate::matcher::compile`].
    pub fn load(compiled: std::borrow::Cow<'static, [u8]>) -> Result<Detector, String> {
        Ok(Detector {
            matcher: Matcher::load(compiled)?,
        })
    }

    /// The vocabulary index this detector scans with (for benchmarks of the scan alone).
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    pub fn check(&self, input: &str) -> Detection {
        let (input, truncated) = cap(input);
        let norm = normalize(input);
        let Scan { hits, cue_counts } = self.matcher.scan(&norm.text);
        let language = self.language(input, &cue_counts);
        let sentence = sentence_numbers(&norm.text, &hits);
        let ctx = Context {
            text: &norm.text,
            flags: sentence_flags(&norm.text, &hits, &sentence),
            sentence,
            hits: &hits,
        };
        let mut verdicts: Vec<Verdict> = (0..hits.len()).map(|i| self.verdict(&ctx, i)).collect();
        negate_lists(&ctx, &mut verdicts);

        let personal_data = crate::personal_data::scan(input);
        let support = support_by_sentence(&ctx, &verdicts);
        let named_fields = fields_by_sentence(&ctx, &verdicts);
        let claim_events: Vec<usize> = (0..hits.len())
            .filter(|&i| verdicts[i] == Verdict::Counts)
            .filter(|&i| match hits[i].role {
                Role::Event => {
                    supported(&ctx, &support, i)
                        || PERSONAL_DATA_SUPPORTS_CLAIMS && !personal_data.is_empty()
                }
                // an attack alone is no claim: personal data must be said to be in it
                Role::Attack => named_fields[ctx.sentence[i]],
                _ => false,
            })
            .collect();
        let is_claim = !claim_events.is_empty();

        let mut systems: Vec<usize> = Vec::new();
        let mut fields: Vec<usize> = Vec::new();
        let mut operator_noun: Option<usize> = None;
        if is_claim {
            for (i, h) in hits.iter().enumerate() {
                if verdicts[i] != Verdict::Counts {
                    continue;
                }
                match h.role {
                    Role::System(s) if !systems.contains(&(s as usize)) => systems.push(s as usize),
                    Role::Field(f) if !fields.contains(&(f as usize)) => fields.push(f as usize),
                    _ => {}
                }
            }
            settle_dual(&ctx, &verdicts, &mut systems, &mut fields);
            // beside a system we know, a company or platform named ("took to Twitter", "Indian
            // Railways" beside IRCTC) is context, not the system that leaked
            let other = ids::system_index("other");
            if systems.iter().any(|&s| Some(s) != other) {
                systems.retain(|&s| Some(s) != other);
            }
            if systems.is_empty() {
                operator_noun = described_operator(&ctx, &verdicts, &claim_events);
                if operator_noun.is_some() {
                    systems.extend(ids::system_index("other"));
                }
            }
        }

        let denials = hits
            .iter()
            .filter(|h| matches!(h.role, Role::Denial | Role::NegatedEvent))
            .count();
        let confidence = confidence(is_claim, &claim_events, &systems, &fields, denials, &hits);
        let mut evidence = evidence(input, &norm, &hits, &verdicts, is_claim, &personal_data);
        let operator = match operator_noun {
            Some(i) => Some(described(input, &norm, &hits, i, &mut evidence)),
            None => operator(input, &norm, &hits, &verdicts, &systems),
        };
        Detection {
            is_claim,
            confidence,
            language,
            systems: systems
                .iter()
                .map(|&s| ids::SYSTEMS[s].to_string())
                .collect(),
            fields: fields.iter().map(|&f| ids::FIELDS[f].to_string()).collect(),
            evidence,
            operator,
            personal_data,
            truncated,
        }
    }

    /// The language: the dominant script, then the cue words among the lexicons of that script.
    fn language(&self, input: &str, cue_counts: &[u32]) -> String {
        let Some(script) = dominant_script(input) else {
            return "und".to_string();
        };
        self.matcher
            .lexicons
            .iter()
            .enumerate()
            .filter(|(_, l)| l.script == script)
            .max_by_key(|&(i, _)| (cue_counts[i], std::cmp::Reverse(i)))
            .map_or_else(|| "und".to_string(), |(_, l)| l.lang.clone())
    }

    fn verdict(&self, ctx: &Context, i: usize) -> Verdict {
        let h = ctx.hits[i];
        match h.role {
            Role::Event
            | Role::Attack
            | Role::Field(_)
            | Role::System(_)
            | Role::Operator
            | Role::Data => {}
            _ => return Verdict::Counts,
        }
        let sentence = ctx.flags[ctx.sentence[i]];
        if matches!(h.role, Role::Event | Role::Attack | Role::Field(_)) && self.negated(ctx, i) {
            return Verdict::Negated;
        }
        if matches!(h.role, Role::Field(_)) && lookup_key(ctx, &self.matcher.lexicons, i) {
            return Verdict::Negated;
        }
        // "is Aadhaar data leaking? The minister said no data leaked": a question answered
        // by a denial in the next sentence alleges nothing
        let answered = ctx
            .flags
            .get(ctx.sentence[i] + 1)
            .is_some_and(|f| f.answered);
        let asked = sentence.question && answered && matches!(h.role, Role::Event | Role::Attack);
        if sentence.hedge || asked {
            return Verdict::Hedged;
        }
        // "iPhone price and photos leaked": another sense, unless a data system is named there
        if sentence.other_context && !sentence.system {
            return Verdict::OtherSense;
        }
        Verdict::Counts
    }

    /// A negation word within reach before the hit, or after it in languages that negate
    /// after the verb; or a phrase that itself says "not leaked" right after it. Only the
    /// nearest hits of the same sentence are looked at, so this is constant work per hit.
    fn negated(&self, ctx: &Context, i: usize) -> bool {
        let h = ctx.hits[i];
        let reach_before = if matches!(h.role, Role::Event | Role::Attack) {
            NEGATION_REACH_BEFORE
        } else {
            NEGATION_REACH_BEFORE_FIELD
        };
        let same = |j: usize| ctx.sentence[j] == ctx.sentence[i];
        let before = (0..i).rev().take(NEIGHBOURS).take_while(|&j| same(j));
        for j in before {
            let o = ctx.hits[j];
            if words_between(ctx.text, o.end, h.start) > reach_before {
                break;
            }
            if o.role == Role::Negator && !suffix(ctx.text, o.start) {
                return true;
            }
        }
        let after = (i + 1..ctx.hits.len())
            .take(NEIGHBOURS)
            .take_while(|&j| same(j));
        for j in after {
            let o = ctx.hits[j];
            if words_between(ctx.text, h.end, o.start) > NEGATION_REACH_AFTER {
                break;
            }
            let after_ok = o.role == Role::NegatedEvent
                || (o.role == Role::Negator
                    && !suffix(ctx.text, o.start)
                    && self.matcher.lexicons[o.lang as usize].negation == Negation::Both);
            if after_ok {
                return true;
            }
        }
        false
    }
}

/// What a sentence holds, for decisions about the hits in it.
#[derive(Debug, Default, Clone, Copy)]
struct SentenceFlags {
    hedge: bool,
    other_context: bool,
    system: bool,
    /// The sentence asks ("is Aadhaar data leaking?"): its events allege nothing.
    question: bool,
    /// The sentence denies ("no data had been stolen", "baseless").
    answered: bool,
}

fn sentence_flags(text: &str, hits: &[Hit], sentence: &[usize]) -> Vec<SentenceFlags> {
    let mut flags = vec![SentenceFlags::default(); sentence.last().map_or(0, |s| s + 1)];
    for (h, &s) in hits.iter().zip(sentence) {
        let f = &mut flags[s];
        match h.role {
            Role::Hedge => f.hedge = true,
            Role::OtherContext => f.other_context = true,
            Role::System(_) => f.system = true,
            Role::NegatedEvent | Role::Denial => f.answered = true,
            _ => {}
        }
    }
    // how each sentence ends, up to the end of the last one with a hit
    let mut k = 0;
    for (i, c) in text.char_indices() {
        if k >= flags.len() {
            break;
        }
        if is_sentence_end(text, i, c) {
            flags[k].question = matches!(c, '?' | '؟');
            k += 1;
        }
    }
    flags
}

/// Negation covers a list: in "no card or bank details" and "names, not card or bank details"
/// every field joined to a negated one (by a comma or one connecting word) is negated too.
fn negate_lists(ctx: &Context, verdicts: &mut [Verdict]) {
    let fields: Vec<usize> = (0..ctx.hits.len())
        .filter(|&i| matches!(ctx.hits[i].role, Role::Field(_)))
        .collect();
    let joined = |a: usize, b: usize| {
        ctx.sentence[a] == ctx.sentence[b]
            && words_between(ctx.text, ctx.hits[a].end, ctx.hits[b].start) <= 1
            && !ctx.hits[a..b].iter().any(|h| {
                !matches!(h.role, Role::Field(_) | Role::Cue)
                    && h != &ctx.hits[a]
                    && h != &ctx.hits[b]
            })
    };
    for pass in 0..2 {
        let order: Vec<(usize, usize)> = fields
            .windows(2)
            .map(|w| {
                if pass == 0 {
                    (w[0], w[1])
                } else {
                    (w[1], w[0])
                }
            })
            .collect();
        let order: Vec<(usize, usize)> = if pass == 0 {
            order
        } else {
            order.into_iter().rev().collect()
        };
        for (from, to) in order {
            let (a, b) = (from.min(to), from.max(to));
            if verdicts[from] == Verdict::Negated && verdicts[to] == Verdict::Counts && joined(a, b)
            {
                verdicts[to] = Verdict::Negated;
            }
        }
    }
}

/// Sentences that hold personal data or a named system that counts.
fn support_by_sentence(ctx: &Context, verdicts: &[Verdict]) -> Vec<bool> {
    let mut support = vec![false; ctx.flags.len()];
    for (i, h) in ctx.hits.iter().enumerate() {
        if matches!(h.role, Role::System(_) | Role::Field(_) | Role::Data)
            && verdicts[i] == Verdict::Counts
        {
            support[ctx.sentence[i]] = true;
        }
    }
    support
}

/// A system that is also a field (Aadhaar): beside another system ("Aadhaar numbers leaked from
/// CoWIN") or listed with other fields ("Aadhaar, PAN and passport numbers"), it is the field;
/// named alone ("Aadhaar details leaked", "Aadhaar data breach"), it is the system.
fn settle_dual(
    ctx: &Context,
    verdicts: &[Verdict],
    systems: &mut Vec<usize>,
    fields: &mut Vec<usize>,
) {
    for s in 0..ids::SYSTEMS.len() {
        let Some(f) = ids::field_index(ids::SYSTEMS[s]) else {
            continue;
        };
        let is_field = |r: Role| r == Role::Field(f as u8);
        let mentions: Vec<usize> = (0..ctx.hits.len())
            .filter(|&i| verdicts[i] == Verdict::Counts)
            .filter(|&i| ctx.hits[i].role == Role::System(s as u8) || is_field(ctx.hits[i].role))
            .collect();
        if mentions.is_empty() {
            continue;
        }
        let beside_another = systems.iter().any(|&x| x != s);
        let listed = |i: usize| {
            let neighbour = |j: usize| {
                let (a, b) = (i.min(j), i.max(j));
                matches!(ctx.hits[j].role, Role::Field(_))
                    && !is_field(ctx.hits[j].role)
                    && verdicts[j] == Verdict::Counts
                    && ctx.sentence[j] == ctx.sentence[i]
                    && words_between(ctx.text, ctx.hits[a].end, ctx.hits[b].start) <= 1
            };
            // the nearest hits on each side that are not function words ("and", "और")
            let cue = |j: &usize| ctx.hits[*j].role == Role::Cue;
            let before = (0..i).rev().take(NEIGHBOURS).find(|j| !cue(j));
            let after = (i + 1..ctx.hits.len()).take(NEIGHBOURS).find(|j| !cue(j));
            before.is_some_and(neighbour) || after.is_some_and(neighbour)
        };
        // the number ("Aadhaar numbers", "आधार नंबर") is always the field; the name, the card
        // or the details alone ("Aadhaar data", "आधार कार्ड का डाटा") the system
        let as_system = !beside_another
            && mentions
                .iter()
                .any(|&i| !listed(i) && !is_field(ctx.hits[i].role));
        let as_field = beside_another
            || mentions
                .iter()
                .any(|&i| listed(i) || is_field(ctx.hits[i].role));
        if as_system {
            if !systems.contains(&s) {
                systems.push(s);
            }
        } else {
            systems.retain(|&x| x != s);
        }
        if as_field {
            if !fields.contains(&f) {
                fields.push(f);
            }
        } else {
            fields.retain(|&x| x != f);
        }
    }
}

/// Sentences that name a field of personal data that counts ("data" alone is not enough for an
/// attack: servers hold data of every kind).
fn fields_by_sentence(ctx: &Context, verdicts: &[Verdict]) -> Vec<bool> {
    let mut data = vec![false; ctx.flags.len()];
    for (i, h) in ctx.hits.iter().enumerate() {
        if matches!(h.role, Role::Field(_)) && verdicts[i] == Verdict::Counts {
            data[ctx.sentence[i]] = true;
        }
    }
    data
}

/// An event needs personal data or a named system close by (same or neighbouring sentence).
fn supported(ctx: &Context, support: &[bool], i: usize) -> bool {
    let s = ctx.sentence[i];
    support[s] || (s > 0 && support[s - 1]) || support.get(s + 1).copied().unwrap_or(false)
}

/// Words that end a phrase: a company's description does not run over them.
fn breaks_phrase(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '।' | '|' | '(' | ')' | '"' | '“' | '”' | '\n' | '،'
    )
}

/// A field right before a verb of looking up ("the mobile number is entered", "मोबाइल नंबर
/// डाला जाता"), or a few words after one ("upon entering the registered mobile number"), is
/// the key someone typed in, not what leaked.
fn lookup_key(ctx: &Context, lexicons: &[LexiconInfo], i: usize) -> bool {
    const REACH_AFTER: usize = 2;
    const REACH_BEFORE: usize = 3;
    let h = ctx.hits[i];
    let same = |j: usize| ctx.sentence[j] == ctx.sentence[i];
    let plain = |a: usize, b: usize| !ctx.text[a..b].contains(breaks_phrase);
    let after = (i + 1..ctx.hits.len())
        .take(NEIGHBOURS)
        .take_while(|&j| same(j));
    for j in after {
        let o = ctx.hits[j];
        if words_between(ctx.text, h.end, o.start) > REACH_AFTER || !plain(h.end, o.start) {
            break;
        }
        if o.role == Role::Lookup {
            return true;
        }
    }
    let before = (0..i).rev().take(NEIGHBOURS).take_while(|&j| same(j));
    for j in before {
        let o = ctx.hits[j];
        if words_between(ctx.text, o.end, h.start) > REACH_BEFORE || !plain(o.end, h.start) {
            break;
        }
        // only where the verb comes before its object, as negation does (English): in
        // verb-final languages what follows the lookup verb is what came out
        if o.role == Role::Lookup && lexicons[o.lang as usize].negation == Negation::Before {
            return true;
        }
    }
    false
}

/// A claim that names no system we know, but a company or public body by a common noun ("a
/// state government website", "the company's customers"): the first such noun in a sentence
/// with a claim event, else in a neighbouring sentence.
fn described_operator(
    ctx: &Context,
    verdicts: &[Verdict],
    claim_events: &[usize],
) -> Option<usize> {
    let mut with_event = vec![false; ctx.flags.len()];
    for &e in claim_events {
        with_event[ctx.sentence[e]] = true;
    }
    let near =
        |s: usize| (s > 0 && with_event[s - 1]) || with_event.get(s + 1).copied().unwrap_or(false);
    let nouns = || {
        (0..ctx.hits.len())
            .filter(|&i| ctx.hits[i].role == Role::Operator && verdicts[i] == Verdict::Counts)
    };
    nouns()
        .find(|&i| with_event[ctx.sentence[i]])
        .or_else(|| nouns().find(|&i| near(ctx.sentence[i])))
}

/// The operator as the text describes it: the noun with up to three words before it, within
/// its phrase and after the hit before it ("झारखंड सरकार की वेबसाइट" gives "सरकार की
/// वेबसाइट"). It is evidence of the system `other`.
fn described(
    input: &str,
    norm: &Normalized,
    hits: &[Hit],
    i: usize,
    evidence: &mut Vec<Evidence>,
) -> String {
    const WORDS_BEFORE: usize = 3;
    let h = hits[i];
    // function words ("की", "of") may stand inside the phrase; any other hit ends it
    let floor = hits[..i]
        .iter()
        .rev()
        .take(NEIGHBOURS)
        .find(|o| o.role != Role::Cue)
        .map_or(0, |o| o.end)
        .max(
            hits[i.saturating_sub(NEIGHBOURS)..i]
                .first()
                .map_or(0, |o| o.start),
        )
        .min(h.start);
    let seg = &norm.text[floor..h.start];
    let cut = seg
        .char_indices()
        .rfind(|&(_, c)| breaks_phrase(c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let phrase = &seg[cut..];
    let words: Vec<usize> = phrase
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| w.as_ptr() as usize - phrase.as_ptr() as usize)
        .collect();
    // the phrase starts at a word that is not a function word ("के समाज कल्याण विभाग")
    let cue_at = |at: usize| {
        hits[i.saturating_sub(NEIGHBOURS)..i]
            .iter()
            .any(|o| o.role == Role::Cue && o.start == at)
    };
    let start = words
        .iter()
        .skip(words.len().saturating_sub(WORDS_BEFORE))
        .map(|&w| floor + cut + w)
        .find(|&at| !cue_at(at))
        .unwrap_or(h.start);
    let (from, to) = norm.source_span(start, h.end);
    let utf16 = utf16_offsets(input, &[from, to]);
    let text = input[from..to].to_string();
    // in start order, after any evidence that starts at the same place (as a stable sort)
    let at = evidence
        .iter()
        .position(|e| e.start > from)
        .unwrap_or(evidence.len());
    evidence.insert(
        at,
        Evidence {
            kind: EvidenceKind::System,
            id: Some("other".to_string()),
            text: text.clone(),
            start: from,
            end: to,
            start_utf16: utf16[0],
            end_utf16: utf16[1],
        },
    );
    text
}

/// The operator of a system outside the knowledge, as the text writes it: the name it gives most
/// often (a company is named again where the place it was flagged, "on Twitter", is not); on a
/// tie, the one in the text's own script ("Truecaller ... ट्रूकॉलर" in Hindi), then the first.
fn operator(
    input: &str,
    norm: &Normalized,
    hits: &[Hit],
    verdicts: &[Verdict],
    systems: &[usize],
) -> Option<String> {
    let other = ids::system_index("other")?;
    if !systems.contains(&other) {
        return None;
    }
    let names: Vec<(&str, &str)> = hits
        .iter()
        .zip(verdicts)
        .filter(|(h, v)| h.role == Role::System(other as u8) && **v == Verdict::Counts)
        .map(|(h, _)| {
            let (start, end) = norm.source_span(h.start, h.end);
            (&norm.text[h.start..h.end], &input[start..end])
        })
        .collect();
    let mut times: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (key, _) in &names {
        *times.entry(key).or_default() += 1;
    }
    let script = dominant_script(input);
    let mut best: Option<(usize, bool, &str)> = None;
    for (key, written) in &names {
        let score = (times[key], dominant_script(written) == script);
        if best.is_none_or(|(n, s, _)| score > (n, s)) {
            best = Some((score.0, score.1, written));
        }
    }
    best.map(|(_, _, w)| w.to_string())
}

fn cap(input: &str) -> (&str, Option<Truncation>) {
    if input.len() <= MAX_TEXT_BYTES {
        return (input, None);
    }
    let mut cut = MAX_TEXT_BYTES;
    while !input.is_char_boundary(cut) {
        cut -= 1;
    }
    let note = format!(
        "text is {} bytes; only the first {} bytes were checked",
        input.len(),
        cut
    );
    (
        &input[..cut],
        Some(Truncation {
            checked_bytes: cut,
            total_bytes: input.len(),
            note,
        }),
    )
}

/// Sentences end at their punctuation. A line break alone does not end one: people break lines
/// mid-sentence (on X especially), and a line that ends a sentence mostly ends with punctuation.
fn is_sentence_end(text: &str, i: usize, c: char) -> bool {
    match c {
        '!' | '?' | '।' | '॥' | '۔' | '؟' | '|' => true,
        '.' => text[i + 1..].chars().next().is_none_or(char::is_whitespace),
        _ => false,
    }
}

/// Sentence number of each hit (hits are in text order).
fn sentence_numbers(text: &str, hits: &[Hit]) -> Vec<usize> {
    let mut out = Vec::with_capacity(hits.len());
    let mut chars = text.char_indices().peekable();
    let mut sentence = 0;
    for h in hits {
        while let Some(&(i, c)) = chars.peek() {
            if i >= h.start {
                break;
            }
            if is_sentence_end(text, i, c) {
                sentence += 1;
            }
            chars.next();
        }
        out.push(sentence);
    }
    out
}

/// A word glued to a Latin name is its case ending ("Jioના": of Jio), never a word of its own
/// such as the Gujarati "ના" (no).
fn suffix(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

fn words_between(text: &str, from: usize, to: usize) -> usize {
    text[from..to]
        .matches([' ', '\n'])
        .count()
        .saturating_sub(1)
}

fn confidence(
    is_claim: bool,
    events: &[usize],
    systems: &[usize],
    fields: &[usize],
    denials: usize,
    hits: &[Hit],
) -> f32 {
    let c: f32 = if is_claim {
        0.6 + 0.15 * (!systems.is_empty() as u8 as f32)
            + 0.1 * ((events.len() > 1) as u8 as f32)
            + 0.05 * (fields.len().min(3) as f32)
            - 0.1 * ((denials > 0) as u8 as f32)
    } else {
        let events = hits
            .iter()
            .filter(|h| matches!(h.role, Role::Event | Role::Attack))
            .count();
        0.05 + 0.1 * (events.min(3) as f32)
    };
    (c.clamp(0.0, 0.99) * 100.0).round() / 100.0
}

fn evidence(
    input: &str,
    norm: &Normalized,
    hits: &[Hit],
    verdicts: &[Verdict],
    is_claim: bool,
    personal_data: &[PersonalData],
) -> Vec<Evidence> {
    let mut picked: Vec<(EvidenceKind, Option<String>, usize, usize)> = Vec::new();
    for (h, v) in hits.iter().zip(verdicts) {
        let kind = match (h.role, v) {
            (Role::Event | Role::Attack, Verdict::Counts) => EvidenceKind::Event,
            (Role::Event | Role::Attack, Verdict::OtherSense) | (Role::OtherSense, _) => {
                EvidenceKind::OtherSense
            }
            (Role::Event | Role::Attack, Verdict::Hedged) => EvidenceKind::Hedge,
            (Role::Event | Role::Attack, Verdict::Negated)
            | (Role::NegatedEvent | Role::Denial, _) => EvidenceKind::Denial,
            (Role::System(_), Verdict::Counts) if is_claim => EvidenceKind::System,
            (Role::Field(_), Verdict::Counts) if is_claim => EvidenceKind::Field,
            _ => continue,
        };
        let id = match h.role {
            Role::System(s) => Some(ids::SYSTEMS[s as usize].to_string()),
            Role::Field(f) => Some(ids::FIELDS[f as usize].to_string()),
            _ => None,
        };
        let (start, end) = norm.source_span(h.start, h.end);
        picked.push((kind, id, start, end));
    }
    let offsets: Vec<usize> = picked.iter().flat_map(|p| [p.2, p.3]).collect();
    let utf16 = utf16_offsets(input, &offsets);
    let mut out: Vec<Evidence> = picked
        .into_iter()
        .enumerate()
        .map(|(k, (kind, id, start, end))| Evidence {
            kind,
            id,
            text: input[start..end].to_string(),
            start,
            end,
            start_utf16: utf16[2 * k],
            end_utf16: utf16[2 * k + 1],
        })
        .collect();
    // identifiers by their masked form only: the value itself never leaves the core
    out.extend(personal_data.iter().map(|p| Evidence {
        kind: EvidenceKind::PersonalData,
        id: Some(p.kind.id().to_string()),
        text: p.masked.clone(),
        start: p.start,
        end: p.end,
        start_utf16: p.start_utf16,
        end_utf16: p.end_utf16,
    }));
    let order = crate::order::stable_order(out.iter().map(|e| (e.start as u64, 0)));
    crate::order::apply(out, &order)
}
