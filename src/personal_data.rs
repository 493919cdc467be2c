//! Personal data a text shows: Aadhaar numbers, PANs, Indian mobile numbers, e-mail addresses,
//! EPIC voter IDs and passport numbers, found with regular expressions and checked in code
//! (Verhoeff check digit, PAN holder type, the text around a number).
//!
//! Only masked forms ever leave this module: a result carries its kind, its offsets and a
//! masked copy (`XXXX XXXX 1234`, `XXXXX1234F`, `r*****@example.in`), never the value.
//!
//! Engines: the native build uses the `regex` crate (fast on big archives), the WASM builds use
//! `regex-lite` (about 30 KB gzip instead of about 100 KB). The patterns use only what both
//! understand identically (ASCII classes, no `\d`, `\w`, `\b` or case folding) and run on a
//! copy of the text whose digits in Indian scripts are folded to ASCII; tests compare the two
//! engines on the same inputs.

use crate::script::utf16_offsets;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::OnceLock;

/// What kind of identifier a text shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Aadhaar,
    Pan,
    Mobile,
    Email,
    VoterId,
    Passport,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Aadhaar,
        Kind::Pan,
        Kind::Mobile,
        Kind::Email,
        Kind::VoterId,
        Kind::Passport,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Kind::Aadhaar => "aadhaar",
            Kind::Pan => "pan",
            Kind::Mobile => "mobile",
            Kind::Email => "email",
            Kind::VoterId => "voter_id",
            Kind::Passport => "passport",
        }
    }

    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// One identifier the text shows: where, and its masked form (never the value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonalData {
    pub kind: Kind,
    /// Byte offsets into the text (UTF-8).
    pub start: usize,
    pub end: usize,
    /// The same span in UTF-16 code units, for JavaScript strings.
    pub start_utf16: usize,
    pub end_utf16: usize,
    pub masked: String,
}

/// A compiled regular expression of either engine.
pub trait Pattern: Sized {
    fn compile(pattern: &str) -> Self;
    fn spans(&self, haystack: &str, out: &mut Vec<(usize, usize)>);
}

impl Pattern for regex_lite::Regex {
    fn compile(pattern: &str) -> Self {
        crate::built(
            regex_lite::Regex::new(pattern),
            "the scanner's patterns are valid",
        )
    }
    fn spans(&self, haystack: &str, out: &mut Vec<(usize, usize)>) {
        out.extend(self.find_iter(haystack).map(|m| (m.start(), m.end())));
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Pattern for regex::Regex {
    fn compile(pattern: &str) -> Self {
        regex::Regex::new(pattern).expect("the scanner's patterns are valid")
    }
    fn spans(&self, haystack: &str, out: &mut Vec<(usize, usize)>) {
        out.extend(self.find_iter(haystack).map(|m| (m.start(), m.end())));
    }
}

#[cfg(all(target_arch = "wasm32", feature = "bench-regex-full"))]
impl Pattern for regex::Regex {
    fn compile(pattern: &str) -> Self {
        regex::Regex::new(pattern).expect("the scanner's patterns are valid")
    }
    fn spans(&self, haystack: &str, out: &mut Vec<(usize, usize)>) {
        out.extend(self.find_iter(haystack).map(|m| (m.start(), m.end())));
    }
}

/// The engine this build uses: `regex` natively, `regex-lite` in WASM (the full crate in WASM
/// only in a measurement build for `make bench`).
#[cfg(any(not(target_arch = "wasm32"), feature = "bench-regex-full"))]
pub type Engine = regex::Regex;
#[cfg(all(target_arch = "wasm32", not(feature = "bench-regex-full")))]
pub type Engine = regex_lite::Regex;

/// The candidates' shapes, on text whose digits are ASCII. The checks that regular expressions
/// cannot make (check digits, separators, what stands around a number) are made in code.
const PATTERNS: [(Kind, &str); 6] = [
    // 12 digits, the first 2-9, whole or 4-4-4 with spaces or hyphens
    (Kind::Aadhaar, r"[2-9][0-9]{3}[ -]?[0-9]{4}[ -]?[0-9]{4}"),
    // 5 letters (the 4th the holder type), 4 digits, 1 letter
    (Kind::Pan, r"[A-Z]{3}[ABCFGHJLPT][A-Z][0-9]{4}[A-Z]"),
    // 10 digits from 6-9, optionally after +91, 0091, 91 or 0; whole, 5-5 or 3-3-4
    (
        Kind::Mobile,
        r"(?:(?:\+|00)91[ -]?|91[ -]?|0)?[6-9](?:[0-9]{9}|[0-9]{4}[ -][0-9]{5}|[0-9]{2}[ -][0-9]{3}[ -][0-9]{4})",
    ),
    (
        Kind::Email,
        r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}",
    ),
    // EPIC: 3 letters and 7 digits
    (Kind::VoterId, r"[A-Z]{3}[0-9]{7}"),
    // passport: 1 letter and 7 digits
    (Kind::Passport, r"[A-Z][0-9]{7}"),
];

/// The scanner: six compiled patterns.
pub struct Scanner<R: Pattern = Engine> {
    patterns: Vec<(Kind, R)>,
}

impl<R: Pattern> Default for Scanner<R> {
    fn default() -> Self {
        Self::new()
    }
}

impl<R: Pattern> Scanner<R> {
    pub fn new() -> Self {
        Scanner {
            patterns: PATTERNS.iter().map(|(k, p)| (*k, R::compile(p))).collect(),
        }
    }

    /// Every accepted match of every pattern the counts let run, on `hay` (digits folded); the
    /// number patterns only on `stretches` when given (see [`number_stretches`]).
    fn candidates(
        &self,
        hay: &str,
        counts: &Counts,
        stretches: Option<&[(usize, usize)]>,
    ) -> Vec<(Kind, usize, usize)> {
        let mut found: Vec<(Kind, usize, usize)> = Vec::new();
        let mut spans = Vec::new();
        for (kind, pattern) in &self.patterns {
            if !counts.may_hold(*kind) {
                continue;
            }
            spans.clear();
            match stretches {
                Some(stretches) if *kind != Kind::Email => {
                    for &(a, b) in stretches {
                        let before = spans.len();
                        pattern.spans(&hay[a..b], &mut spans);
                        for span in &mut spans[before..] {
                            *span = (span.0 + a, span.1 + a);
                        }
                    }
                }
                _ => pattern.spans(hay, &mut spans),
            }
            for &(s, e) in &spans {
                if let Some((s, e)) = accept(*kind, hay, s, e) {
                    found.push((*kind, s, e));
                }
            }
        }
        found
    }

    /// Every identifier the text shows, in text order, none overlapping.
    pub fn scan(&self, text: &str) -> Vec<PersonalData> {
        // What the text holds decides which patterns can match at all: most posts have too
        // few digits for any identifier, and then no pattern runs.
        let counts = Counts::of(text);
        if counts.digits < 4 && !counts.at {
            return Vec::new();
        }
        let folded = Folded::new(text, counts.foreign_digits);
        let hay = folded.text.as_ref();
        let found = self.candidates(hay, &counts, Some(&number_stretches(hay)));
        // Where candidates overlap, the longer one wins, then the earlier kind in PATTERNS; but
        // 91 and a mobile number written as one run of 12 digits is a phone number unless the
        // words before it say Aadhaar.
        let mobile_first = |k: Kind, s: usize, e: usize| {
            k == Kind::Mobile
                && e - s == 12
                && found
                    .iter()
                    .any(|&(o, os, oe)| o == Kind::Aadhaar && os == s && oe == e)
                && !near_word(hay, s, e, AADHAAR_WORDS, &[])
        };
        let rank: Vec<u8> = found
            .iter()
            .map(|&(k, s, e)| u8::from(!mobile_first(k, s, e)))
            .collect();
        // leftmost first, then longest, then mobile numbers before other kinds, then by kind
        let order = crate::order::stable_order(found.iter().zip(&rank).map(|(&(k, s, e), &r)| {
            let shorter = (u64::MAX >> 16) - (e - s) as u64;
            (s as u64, shorter << 16 | u64::from(r) << 8 | k as u64)
        }));
        let found: Vec<(Kind, usize, usize)> = order.into_iter().map(|i| found[i]).collect();
        let mut kept: Vec<(Kind, usize, usize)> = Vec::new();
        for f in found {
            match kept.last() {
                Some(&(_, _, end)) if f.1 < end => {}
                _ => kept.push(f),
            }
        }
        let offsets: Vec<usize> = kept
            .iter()
            .flat_map(|&(_, s, e)| [folded.original(s), folded.original(e)])
            .collect();
        let utf16 = utf16_offsets(text, &offsets);
        kept.iter()
            .enumerate()
            .map(|(i, &(kind, _, _))| {
                let (start, end) = (offsets[2 * i], offsets[2 * i + 1]);
                PersonalData {
                    kind,
                    start,
                    end,
                    start_utf16: utf16[2 * i],
                    end_utf16: utf16[2 * i + 1],
                    masked: mask(kind, &text[start..end]),
                }
            })
            .collect()
    }

    /// The text with every identifier replaced by its masked form.
    pub fn redact(&self, text: &str) -> String {
        redact_with(text, &self.scan(text))
    }
}

/// `text` with the spans of `found` (from a scan of this text) replaced by their masked forms.
pub fn redact_with(text: &str, found: &[PersonalData]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in found {
        out.push_str(&text[at..f.start]);
        out.push_str(&f.masked);
        at = f.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The scanner of this build, compiled on first use.
pub fn scanner() -> &'static Scanner {
    static SCANNER: OnceLock<Scanner> = OnceLock::new();
    SCANNER.get_or_init(Scanner::new)
}

/// Every identifier `text` shows (this build's engine).
pub fn scan(text: &str) -> Vec<PersonalData> {
    if cfg!(feature = "bench-no-scanner") {
        // a measurement build for `make bench` only: what the core weighs without the scanner
        return Vec::new();
    }
    scanner().scan(text)
}

/// `text` with every identifier masked (this build's engine).
pub fn redact(text: &str) -> String {
    redact_with(text, &scan(text))
}

/// The value of an ASCII or Indian-script digit (Devanagari, Bengali, Gurmukhi, Gujarati, Odia,
/// Tamil, Telugu, Kannada, Malayalam, Arabic-Indic and Extended Arabic-Indic for Urdu).
pub fn digit_value(c: char) -> Option<u8> {
    let c = c as u32;
    let zero = match c {
        0x30..=0x39 => 0x30,
        0x0660..=0x0669 => 0x0660,
        0x06F0..=0x06F9 => 0x06F0,
        0x0966..=0x096F => 0x0966,
        0x09E6..=0x09EF => 0x09E6,
        0x0A66..=0x0A6F => 0x0A66,
        0x0AE6..=0x0AEF => 0x0AE6,
        0x0B66..=0x0B6F => 0x0B66,
        0x0BE6..=0x0BEF => 0x0BE6,
        0x0C66..=0x0C6F => 0x0C66,
        0x0CE6..=0x0CEF => 0x0CE6,
        0x0D66..=0x0D6F => 0x0D66,
        _ => return None,
    };
    Some((c - zero) as u8)
}

/// What a text holds, counted in one pass: enough digits (in any script), capitals and an
/// `@` for each kind to be possible.
struct Counts {
    digits: usize,
    foreign_digits: bool,
    capitals: usize,
    at: bool,
    /// the longest run of digits (ASCII or Indian-script)
    longest_run: usize,
    /// a run of exactly four digits between two capital letters (PAN's `A1234B`)
    pan_shape: bool,
}

impl Counts {
    /// One pass over the text.
    fn of(text: &str) -> Counts {
        let mut c = Counts {
            digits: 0,
            foreign_digits: false,
            capitals: 0,
            at: false,
            longest_run: 0,
            pan_shape: false,
        };
        let (mut run, mut capital_before_run, mut prev_capital) = (0, false, false);
        let mut step = |ch: char| {
            let digit = if ch.is_ascii() {
                ch.is_ascii_digit()
            } else {
                let d = digit_value(ch).is_some();
                c.foreign_digits |= d;
                d
            };
            if digit {
                if run == 0 {
                    capital_before_run = prev_capital;
                }
                run += 1;
                c.digits += 1;
                c.longest_run = c.longest_run.max(run);
                prev_capital = false;
                return;
            }
            let capital = ch.is_ascii_uppercase();
            c.pan_shape |= capital && capital_before_run && run == 4;
            c.capitals += usize::from(capital);
            c.at |= ch == '@';
            run = 0;
            prev_capital = capital;
        };
        if text.is_ascii() {
            text.bytes().for_each(|b| step(char::from(b)));
        } else {
            text.chars().for_each(step);
        }
        c
    }

    /// Whether the pattern of `kind` can match at all (every pattern needs these).
    fn may_hold(&self, kind: Kind) -> bool {
        match kind {
            // [2-9][0-9]{3} first
            Kind::Aadhaar => self.digits >= 12 && self.longest_run >= 4,
            // [6-9][0-9]{2} at least
            Kind::Mobile => self.digits >= 10 && self.longest_run >= 3,
            Kind::VoterId => self.longest_run >= 7 && self.capitals >= 3,
            Kind::Passport => self.longest_run >= 7 && self.capitals >= 1,
            Kind::Pan => self.pan_shape && self.capitals >= 6,
            Kind::Email => self.at,
        }
    }
}

/// The stretches of `hay` made only of what the number patterns (all but e-mail) are made of,
/// digits, capital letters, spaces, `+` and `-`, that hold a run of three digits or more. Those
/// patterns have no anchors or word boundaries, so no match reaches outside such a stretch, and
/// every pattern needs three digits in a row: they run on these few bytes instead of the whole
/// text (most of a post is words; a regex-lite pass over it is what the scanner costs in WASM).
fn number_stretches(hay: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut run, mut longest) = (None, 0, 0);
    for (i, &b) in hay.as_bytes().iter().chain([&0u8]).enumerate() {
        let inside = i < hay.len() && matches!(b, b'0'..=b'9' | b'A'..=b'Z' | b' ' | b'+' | b'-');
        if inside {
            if start.is_none() {
                (start, run, longest) = (Some(i), 0, 0);
            }
            run = if b.is_ascii_digit() { run + 1 } else { 0 };
            longest = longest.max(run);
        } else if let Some(s) = start.take() {
            if longest >= 3 {
                out.push((s, i));
            }
        }
    }
    out
}

/// The text with Indian-script digits as ASCII digits, and the way back to original offsets.
struct Folded<'a> {
    text: Cow<'a, str>,
    /// (offset in the folded text just after a folded digit, bytes saved up to there)
    shifts: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str, foreign_digits: bool) -> Folded<'a> {
        if !foreign_digits {
            return Folded {
                text: Cow::Borrowed(text),
                shifts: Vec::new(),
            };
        }
        let mut out = String::with_capacity(text.len());
        let mut shifts = Vec::new();
        let mut saved = 0;
        for c in text.chars() {
            match digit_value(c) {
                Some(d) if !c.is_ascii() => {
                    out.push(char::from(b'0' + d));
                    saved += c.len_utf8() - 1;
                    shifts.push((out.len(), saved));
                }
                _ => out.push(c),
            }
        }
        Folded {
            text: Cow::Owned(out),
            shifts,
        }
    }

    /// The original offset of a folded offset (which lies on a character boundary).
    fn original(&self, folded: usize) -> usize {
        let i = self.shifts.partition_point(|&(at, _)| at <= folded);
        folded + if i == 0 { 0 } else { self.shifts[i - 1].1 }
    }
}

/// Whether a candidate is an identifier the text shows; its span, possibly trimmed.
fn accept(kind: Kind, hay: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let bytes = hay.as_bytes();
    let before = start.checked_sub(1).map(|i| bytes[i]);
    let after = bytes.get(end).copied();
    let word = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
    match kind {
        Kind::Email => {
            // a role address (helpdesk@, grievance@) is an office, not a person
            let local = &hay[start..hay[start..end].find('@')? + start];
            let domain_end = hay[..end].trim_end_matches('.').len();
            if ROLE_ADDRESSES.contains(&local.to_ascii_lowercase().as_str()) {
                return None;
            }
            return Some((start, domain_end));
        }
        Kind::Pan | Kind::VoterId | Kind::Passport => {
            if word(before) || word(after) || before == Some(b'-') || after == Some(b'-') {
                return None;
            }
            // XXX1234567: already masked
            let letters = hay[start..end].bytes().filter(u8::is_ascii_alphabetic);
            if letters.clone().all(|b| b == b'X') {
                return None;
            }
            if near_word(hay, start, end, NOT_AN_ID_BEFORE, &[]) {
                return None;
            }
            return Some((start, end));
        }
        Kind::Aadhaar | Kind::Mobile => {}
    }
    // numbers: not part of a longer number (1,23,45,678 or 12.5 or 12/06) or a word
    let digit_at = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
    if word(before) || word(after) || matches!(before, Some(b'+' | b'/')) || after == Some(b'/') {
        return None;
    }
    if matches!(before, Some(b'.' | b',')) && digit_at(start.checked_sub(2))
        || matches!(after, Some(b'.' | b',')) && digit_at(Some(end + 1))
    {
        return None;
    }
    let digits: Vec<u8> = bytes[start..end]
        .iter()
        .filter(|b| b.is_ascii_digit())
        .map(|b| b - b'0')
        .collect();
    let number = &digits[digits.len() - if kind == Kind::Aadhaar { 12 } else { 10 }..];
    // counts and dummies: 7000000000 doses, 9999999999
    if number.iter().rev().take_while(|&&d| d == 0).count() >= 5
        || number.iter().all(|&d| d == number[0])
    {
        return None;
    }
    // a group of digits on either side: part of a longer grouped number (a card, an account)
    if grouped_neighbour(bytes, start, end) {
        return None;
    }
    if kind == Kind::Aadhaar {
        let seps: Vec<u8> = bytes[start..end]
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_digit())
            .collect();
        // 4-4-4 with one kind of separator, or none
        if !(seps.is_empty() || seps.len() == 2 && seps[0] == seps[1]) || !verhoeff(number) {
            return None;
        }
    }
    if near_word(hay, start, end, NOT_PERSONAL_BEFORE, NOT_PERSONAL_AFTER) {
        return None;
    }
    Some((start, end))
}

/// A 3-5 digit group just before or after the candidate, joined by a space or hyphen.
fn grouped_neighbour(bytes: &[u8], start: usize, end: usize) -> bool {
    let run_len = |mut i: usize, step: isize| {
        let mut n = 0;
        loop {
            let Some(&b) = bytes.get(i) else { return n };
            if !b.is_ascii_digit() {
                return n;
            }
            n += 1;
            if step < 0 {
                if i == 0 {
                    return n;
                }
                i -= 1;
            } else {
                i += 1;
            }
        }
    };
    let joins = |b: Option<&u8>| matches!(b, Some(b' ' | b'-'));
    let left = start >= 2 && joins(bytes.get(start - 1)) && {
        let n = run_len(start - 2, -1);
        (3..=5).contains(&n) && (start < n + 2 || !bytes[start - 2 - n].is_ascii_alphanumeric())
    };
    let right = joins(bytes.get(end)) && {
        let n = run_len(end + 1, 1);
        (3..=5).contains(&n)
            && bytes
                .get(end + 1 + n)
                .is_none_or(|b| !b.is_ascii_alphanumeric())
    };
    left || right
}

/// Words for Aadhaar that decide a 12-digit run starting with 91.
const AADHAAR_WORDS: &[&str] = &[
    "aadhaar",
    "aadhar",
    "adhaar",
    "adhar",
    "uid",
    "uidai",
    "आधार",
    "আধার",
    "ਆਧਾਰ",
    "આધાર",
    "ଆଧାର",
    "ஆதார்",
    "ఆధార్",
    "ಆಧಾರ್",
    "ആധാർ",
    "آدھار",
];

/// Local parts of addresses that belong to an office, not a person.
const ROLE_ADDRESSES: &[&str] = &[
    "help",
    "helpdesk",
    "support",
    "info",
    "contact",
    "grievance",
    "grievances",
    "feedback",
    "complaints",
    "complaint",
    "media",
    "press",
    "pr",
    "admin",
    "noreply",
    "no-reply",
    "care",
    "customercare",
    "webmaster",
    "editor",
    "letters",
    "tips",
    "news",
    "hello",
    "office",
];

/// Words that make a number something else when they stand just before it: an order or a
/// ticket, money, a helpline, a code.
const NOT_PERSONAL_BEFORE: &[&str] = &[
    "order",
    "tracking",
    "awb",
    "consignment",
    "shipment",
    "invoice",
    "txn",
    "transaction",
    "utr",
    "ref",
    "reference",
    "pnr",
    "ticket",
    "booking",
    "complaint",
    "docket",
    "case",
    "fir",
    "challan",
    "receipt",
    "serial",
    "model",
    "imei",
    "flight",
    "train",
    "account",
    "a/c",
    "acct",
    "ifsc",
    "pin",
    "pincode",
    "rs",
    "inr",
    "rupees",
    "₹",
    "helpline",
    "hotline",
    "toll",
    "tollfree",
    "customer",
    "otp",
    "cin",
    "gstin",
    "हेल्पलाइन",
    "टोल",
    "रुपये",
    "रु",
    "रुपए",
    "ऑर्डर",
];

/// Words that make a number a count or an amount when they stand just after it.
const NOT_PERSONAL_AFTER: &[&str] = &[
    "crore",
    "crores",
    "lakh",
    "lakhs",
    "lac",
    "million",
    "billion",
    "doses",
    "dose",
    "people",
    "users",
    "records",
    "accounts",
    "rupees",
    "rs",
    "inr",
    "votes",
    "beneficiaries",
    "करोड़",
    "लाख",
    "रुपये",
    "रुपए",
    "डोज",
    "लोगों",
];

/// For letter-and-digit codes: words that make them an order, a ticket, a flight.
const NOT_AN_ID_BEFORE: &[&str] = &[
    "order",
    "tracking",
    "awb",
    "consignment",
    "shipment",
    "invoice",
    "txn",
    "transaction",
    "ref",
    "reference",
    "pnr",
    "ticket",
    "booking",
    "docket",
    "serial",
    "model",
    "flight",
    "train",
    "ifsc",
    "cin",
    "gstin",
    "coupon",
    "code",
    "promo",
];

/// One of `before` among the two words before the span, or one of `after` right after it.
fn near_word(hay: &str, start: usize, end: usize, before: &[&str], after: &[&str]) -> bool {
    let head = last_bytes(&hay[..start], 48);
    let words_before: Vec<String> = head
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '#' | '(' | ')' | '-' | '='))
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .map(|w| w.trim_end_matches(['.', ',']).to_lowercase())
        .collect();
    // "₹9876543210": the sign glued to the number
    if head.ends_with('₹') {
        return true;
    }
    if words_before
        .iter()
        .any(|w| before.contains(&w.as_str()) || before.contains(&format!("{w}.").as_str()))
    {
        return true;
    }
    let tail = first_bytes(&hay[end..], 32);
    let next = tail
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ')'))
        .find(|w| !w.is_empty())
        .map(str::to_lowercase);
    next.is_some_and(|w| after.contains(&w.as_str()) || w == "/-")
}

/// The last `n` bytes of `s`, or a little fewer, from a character boundary.
fn last_bytes(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// The first `n` bytes of `s`, or a little fewer, up to a character boundary.
fn first_bytes(s: &str, n: usize) -> &str {
    let mut i = n.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

/// The Verhoeff check over the digits, the last one the check digit.
pub fn verhoeff(digits: &[u8]) -> bool {
    const D: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const P: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    let mut c = 0u8;
    for (i, &d) in digits.iter().rev().enumerate() {
        c = D[c as usize][P[i % 8][d as usize] as usize];
    }
    c == 0
}

/// The masked form: a number keeps at most its last 4 characters (`XXXX XXXX 1234`); a PAN its
/// digits and check letter (`XXXXX1234F`); a mobile number its country prefix; an e-mail
/// address its first letter and its domain (`r*****@example.in`).
pub fn mask(kind: Kind, value: &str) -> String {
    match kind {
        Kind::Email => {
            let (local, domain) = value.split_once('@').unwrap_or((value, ""));
            let first = local.chars().next().map_or(String::new(), String::from);
            format!("{first}*****@{domain}")
        }
        Kind::Pan => {
            let keep: String = value.chars().skip(5).collect();
            format!("XXXXX{keep}")
        }
        _ => {
            // the prefix of a mobile number (+91, 0091, 91, 0) says nothing about the person
            let prefix_len = if kind == Kind::Mobile {
                mobile_prefix_len(value)
            } else {
                0
            };
            let (prefix, rest) = value.split_at(prefix_len);
            let chars: Vec<char> = rest.chars().collect();
            let total = chars.iter().filter(|c| c.is_alphanumeric()).count();
            let mut seen = 0;
            let mut out = String::from(prefix);
            for c in chars {
                if c.is_alphanumeric() {
                    seen += 1;
                    out.push(if seen + 4 > total { c } else { 'X' });
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}

/// Bytes of a mobile number's country or trunk prefix (with the separator after it).
fn mobile_prefix_len(value: &str) -> usize {
    let digits = value.chars().filter(|c| digit_value(*c).is_some()).count();
    let extra = digits.saturating_sub(10);
    if extra == 0 {
        return 0;
    }
    let mut seen = 0;
    for (i, c) in value.char_indices() {
        if digit_value(c).is_some() {
            seen += 1;
            if seen == extra {
                let rest = &value[i + c.len_utf8()..];
                let sep = rest.len() - rest.trim_start_matches([' ', '-']).len();
                return i + c.len_utf8() + sep;
            }
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        scan(text)
            .into_iter()
            .map(|p| (p.kind, text[p.start..p.end].to_string()))
            .collect()
    }

    #[test]
    fn verhoeff_accepts_the_textbook_example_only() {
        assert!(verhoeff(&[2, 3, 6, 3]));
        for wrong in 0..10 {
            if wrong != 3 {
                assert!(!verhoeff(&[2, 3, 6, wrong]));
            }
        }
    }

    #[test]
    fn masks_keep_at_most_the_last_four() {
        assert_eq!(mask(Kind::Aadhaar, "2345 6789 0124"), "XXXX XXXX 0124");
        assert_eq!(mask(Kind::Pan, "ABCPE1234F"), "XXXXX1234F");
        assert_eq!(mask(Kind::Mobile, "+91 98765 43210"), "+91 XXXXX X3210");
        assert_eq!(mask(Kind::Mobile, "9876543210"), "XXXXXX3210");
        assert_eq!(mask(Kind::Email, "ravi.k@example.in"), "r*****@example.in");
        assert_eq!(mask(Kind::VoterId, "ABC1234567"), "XXXXXX4567");
        assert_eq!(mask(Kind::Passport, "J8369854"), "XXXX9854");
        assert_eq!(mask(Kind::Mobile, "९८७६५४३२१०"), "XXXXXX३२१०");
    }

    #[test]
    fn indian_digits_count_and_offsets_point_into_the_original() {
        let text = "मोबाइल ९८७६५४३२१० पर कॉल";
        let found = scan(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], "९८७६५४३२१०");
        let utf16: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&utf16[found[0].start_utf16..found[0].end_utf16]).unwrap(),
            "९८७६५४३२१०"
        );
    }

    #[test]
    fn masked_and_partial_forms_are_not_exposed() {
        for text in [
            "Aadhaar XXXX XXXX 1234 on the slip",
            "mobile 98XXXXXX10 and xxxxxx3210",
            "PAN XXXXX1234F",
        ] {
            assert_eq!(kinds(text), vec![], "{text}");
        }
    }

    #[test]
    fn a_run_of_91_and_a_mobile_is_a_phone_unless_aadhaar_is_named() {
        // 919876543216 also passes the Verhoeff check
        assert!(verhoeff(&[9, 1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 6]));
        assert_eq!(kinds("WhatsApp 919876543216 now")[0].0, Kind::Mobile);
        assert_eq!(kinds("Aadhaar 919876543216 leaked")[0].0, Kind::Aadhaar);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_engines_agree() {
        let lite: Scanner<regex_lite::Regex> = Scanner::new();
        let full: Scanner<regex::Regex> = Scanner::new();
        let text = "PAN ABCPE1234F, EPIC ABC1234567, passport J8369854, +91 98765 43210, x@y.in";
        assert_eq!(lite.scan(text), full.scan(text));
        assert_eq!(full.scan(text).len(), 5);
    }

    /// `count` texts of 2 to 15 pieces of identifiers and what stands around them (capitals,
    /// digit runs in three scripts, prefixes, separators, e-mail parts, words), joined at random
    /// from `seed` (deterministic).
    fn near_identifiers(seed: u64, count: usize) -> impl Iterator<Item = String> {
        const PIECES: [&str; 27] = [
            "ABCPE",
            "AB",
            "Z",
            "P",
            "T",
            "x",
            " ",
            "-",
            "+91",
            "0091",
            "@x.in",
            "@",
            ".",
            "9",
            "2",
            "1234",
            "98765",
            "43210",
            "\u{966}\u{967}",
            "\u{9EA}",
            "\u{6F5}",
            "0",
            "7",
            "PAN ",
            "कोविन ",
            "order ",
            "\n",
        ];
        let mut state = seed;
        let mut next = move |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
        (0..count).map(move |_| {
            let len = 2 + next(14);
            (0..len).map(|_| PIECES[next(PIECES.len())]).collect()
        })
    }

    /// The counts only skip patterns that cannot match: on random near-identifier texts, every
    /// kind whose pattern finds something in the folded text is one the counts let run.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_counts_never_skip_a_pattern_that_matches() {
        let patterns: Vec<(Kind, regex::Regex)> = PATTERNS
            .iter()
            .map(|(k, p)| (*k, regex::Regex::new(p).unwrap()))
            .collect();
        let mut matched = std::collections::HashMap::new();
        for text in near_identifiers(17, 60_000) {
            let counts = Counts::of(&text);
            let folded = Folded::new(&text, counts.foreign_digits);
            for (kind, re) in &patterns {
                if re.is_match(&folded.text) {
                    *matched.entry(*kind).or_insert(0) += 1;
                    assert!(counts.may_hold(*kind), "{kind:?} in {text:?}");
                }
            }
        }
        for kind in Kind::ALL {
            let n = matched.get(&kind).copied().unwrap_or(0);
            assert!(n >= 20, "the texts exercise {kind:?} ({n})");
        }
    }

    /// The number patterns run on the stretches alone find what they find on the whole text.
    #[test]
    fn patterns_on_the_stretches_find_what_they_find_on_the_whole_text() {
        let scanner: Scanner = Scanner::new();
        let mut found = 0;
        for text in near_identifiers(29, 30_000) {
            let counts = Counts::of(&text);
            let folded = Folded::new(&text, counts.foreign_digits);
            let hay = folded.text.as_ref();
            let whole = scanner.candidates(hay, &counts, None);
            let stretches = scanner.candidates(hay, &counts, Some(&number_stretches(hay)));
            assert_eq!(whole, stretches, "{text:?}");
            found += whole.len();
        }
        assert!(found > 5000, "the texts hold identifiers ({found})");
    }
}
