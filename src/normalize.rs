//! Text normalization before matching, keeping a map back to the original text.
//!
//! Steps: Unicode NFC; invisible characters (zero-width joiner/non-joiner, soft hyphen, BOM,
//! variation selectors) dropped; nukta signs dropped (so क़ and क match alike); lower case;
//! hyphens, dashes and underscores turned into spaces; runs of spaces collapsed into one and
//! runs of line breaks into one `\n`. Every output character remembers the span of the input
//! it came from, so a match in the normalized text maps back to exact input offsets.

use crate::nfc::{ccc, is_nfc, nfc};

/// A normalized text and, for each of its characters, the input span it came from.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// One entry per output character, in order: (output byte offset, input start, input end).
    map: Vec<(u32, u32, u32)>,
}

impl Normalized {
    /// Input byte span of the output byte span `start..end` (both on char boundaries).
    pub fn source_span(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.index_of(start);
        let last = self.index_of(end.saturating_sub(1).max(start));
        (self.map[first].1 as usize, self.map[last].2 as usize)
    }

    fn index_of(&self, out: usize) -> usize {
        match self.map.binary_search_by_key(&(out as u32), |m| m.0) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

/// Characters that carry no visible text and only get in the way of matching.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}')
}

/// Nukta signs of the Indic scripts (after NFC they stand alone).
fn is_nukta(c: char) -> bool {
    matches!(
        c,
        '\u{093C}' | '\u{09BC}' | '\u{0A3C}' | '\u{0ABC}' | '\u{0B3C}' | '\u{0CBC}'
    )
}

/// The consonant of an atomic Malayalam chillu letter (ൺ ൻ ർ ൽ ൾ ൿ).
fn chillu_base(c: char) -> Option<char> {
    Some(match c {
        '\u{0D7A}' => '\u{0D23}',
        '\u{0D7B}' => '\u{0D28}',
        '\u{0D7C}' => '\u{0D30}',
        '\u{0D7D}' => '\u{0D32}',
        '\u{0D7E}' => '\u{0D33}',
        '\u{0D7F}' => '\u{0D15}',
        _ => return None,
    })
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '_' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}')
}

/// Whether `c` is in a block without upper and lower case (Hebrew to Myanmar, which holds the
/// Arabic and Indic scripts; general punctuation): its lower case is itself, found without
/// Unicode's case tables.
fn caseless(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{109F}' | '\u{2000}'..='\u{206F}')
}

fn is_uppercase(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        !caseless(c) && c.is_uppercase()
    }
}

/// Normalize `input` for matching. Linear in the input length.
pub fn normalize(input: &str) -> Normalized {
    let changes = |c: char| {
        if c.is_ascii() {
            c.is_ascii_uppercase()
        } else {
            is_invisible(c) || is_uppercase(c)
        }
    };
    if !input.chars().any(changes) {
        return normalize_visible(input);
    }
    if let Some(lower) = lowered_in_place(input) {
        // every character kept its bytes: the offsets need no map back
        return normalize_visible(&lower);
    }
    normalize_mapped(input)
}

/// `normalize` for a text whose invisible characters or case change its offsets.
fn normalize_mapped(input: &str) -> Normalized {
    // drop invisible characters and lower the case first, so that NFC composes what they
    // separated and what only composes in lower case
    let mut visible = String::with_capacity(input.len());
    let mut origin: Vec<(usize, usize, usize)> = Vec::new(); // (visible byte, input start, input end)
    for (i, c) in input.char_indices() {
        if is_invisible(c) {
            continue;
        }
        let (start, end) = (i, i + c.len_utf8());
        if c.is_ascii() || caseless(c) {
            // lowered without Unicode's case tables (a caseless character lowers to itself)
            origin.push((visible.len(), start, end));
            visible.push(c.to_ascii_lowercase());
        } else if c == '\u{0130}' {
            origin.push((visible.len(), start, end));
            visible.push('i');
        } else {
            for l in c.to_lowercase() {
                origin.push((visible.len(), start, end));
                visible.push(l);
            }
        }
    }
    let mut n = normalize_visible(&visible);
    // the map's starts come in text order, and so do its ends: each is found by walking on
    // from the one before (the last character that starts at or before the byte)
    let char_at = |at: &mut usize, byte: usize| {
        if origin[*at].0 > byte {
            *at = match origin.binary_search_by_key(&byte, |o| o.0) {
                Ok(k) => k,
                Err(k) => k.saturating_sub(1),
            };
        }
        while *at + 1 < origin.len() && origin[*at + 1].0 <= byte {
            *at += 1;
        }
        *at
    };
    let (mut first, mut last) = (0, 0);
    for m in &mut n.map {
        m.1 = origin[char_at(&mut first, m.1 as usize)].1 as u32;
        m.2 = origin[char_at(&mut last, m.2 as usize - 1)].2 as u32;
    }
    n
}

/// `input` lowered as `normalize` lowers it, when no character is dropped and each lowers to
/// exactly one character of the same UTF-8 length (so every offset stays where it was); else
/// None.
fn lowered_in_place(input: &str) -> Option<String> {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        if is_invisible(c) || c == '\u{0130}' {
            return None;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if caseless(c) {
            out.push(c);
            continue;
        }
        let mut lower = c.to_lowercase();
        let l = lower.next()?;
        if lower.next().is_some() || l.len_utf8() != c.len_utf8() {
            return None;
        }
        out.push(l);
    }
    Some(out)
}

fn normalize_visible(input: &str) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(input.len()),
        map: Vec::with_capacity(input.len()),
    };
    if is_nfc(input) {
        for (i, c) in input.char_indices() {
            push_folded(&mut out, c, i, i + c.len_utf8());
        }
    } else {
        for (start, end) in composition_clusters(input) {
            for c in nfc(&input[start..end]).chars() {
                push_folded(&mut out, c, start, end);
            }
        }
    }
    if out.text.ends_with([' ', '\n']) {
        out.text.pop();
        out.map.pop();
    }
    out
}

/// Append one NFC character after the remaining folding steps.
fn push_folded(out: &mut Normalized, c: char, start: usize, end: usize) {
    if c.is_ascii_alphanumeric() {
        // most of the text: none of the steps below applies to it but lower case
        push_char(out, c.to_ascii_lowercase(), start, end);
        return;
    }
    if (('\u{0900}'..='\u{0D79}').contains(&c) && !is_nukta(c))
        || (('\u{0600}'..='\u{06FF}').contains(&c) && c != '\u{061C}')
    {
        // the letters and signs of the Indic and Arabic scripts, most of the text that is not
        // ASCII: no step below changes them (no spaces, dashes, case or chillu letters there)
        push_char(out, c, start, end);
        return;
    }
    if is_invisible(c) || is_nukta(c) {
        return;
    }
    let space = if is_line_break(c) {
        Some('\n')
    } else if c.is_whitespace() || is_dash(c) {
        Some(' ')
    } else {
        None
    };
    if let Some(s) = space {
        match out.text.chars().next_back() {
            None => return,
            Some('\n') => return,
            Some(' ') if s == ' ' => return,
            Some(' ') => {
                // a line break absorbs the space before it
                out.text.pop();
                let last = out.map.pop().expect("map follows text");
                push_char(out, '\n', last.1 as usize, end);
                return;
            }
            _ => {}
        }
        push_char(out, s, start, end);
        return;
    }
    if let Some(base) = chillu_base(c) {
        // atomic Malayalam chillu letters and the older consonant + virama spelling match alike
        push_char(out, base, start, end);
        push_char(out, '\u{0D4D}', start, end);
        return;
    }
    if c == '\u{0130}' {
        // İ is the one letter whose lower case is two characters (i + combining dot), which
        // would leave the text out of canonical order; for matching it is simply i
        push_char(out, 'i', start, end);
    } else if is_uppercase(c) {
        for l in c.to_lowercase() {
            push_char(out, l, start, end);
        }
    } else {
        push_char(out, c, start, end);
    }
}

fn push_char(out: &mut Normalized, c: char, start: usize, end: usize) {
    out.map
        .push((out.text.len() as u32, start as u32, end as u32));
    out.text.push(c);
}

/// Split a text that is not already NFC into spans that NFC never composes across: each span
/// starts at a character with canonical combining class 0, and two spans are merged when
/// normalizing them together differs from normalizing them apart (e.g. Bengali ে + া).
fn composition_clusters(input: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (i, c) in input.char_indices() {
        let end = i + c.len_utf8();
        match spans.last_mut() {
            Some(last) if ccc(c) != 0 => last.1 = end,
            Some(last) => {
                let joined = nfc(&input[last.0..end]);
                let apart = nfc(&input[last.0..i]) + &nfc(&input[i..end]);
                if joined == apart {
                    spans.push((i, end));
                } else {
                    last.1 = end;
                }
            }
            None => spans.push((i, end)),
        }
    }
    spans
}

/// A character that belongs to a word: letters, digits and the marks of the Indic and Arabic
/// scripts (vowel signs, viramas), which may not count as alphabetic on their own.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // the Indic blocks first: most non-ASCII text here is Indic, and the general Unicode
    // lookup below is slow
    if ('\u{0900}'..='\u{0DFF}').contains(&c) {
        return !matches!(c, '\u{0964}' | '\u{0965}');
    }
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        // the Arabic block (Urdu), from a table of what the line below says for each of its
        // characters (a test compares them)
        let k = c as usize - 0x0600;
        return ARABIC_WORD_CHARS[k / 64] >> (k % 64) & 1 == 1;
    }
    is_word_char_slow(c)
}

fn is_word_char_slow(c: char) -> bool {
    ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0670}' || c.is_alphanumeric()
}

/// Per character of U+0600..U+06FF, a bit: whether `is_word_char_slow` holds.
const ARABIC_WORD_CHARS: [u64; 4] = [
    0xffffffff07ff0000,
    0xffffc3ffffffffff,
    0xffffffffffffffff,
    0x9fffe1fe1fefffff,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn lowering_in_place_gives_what_the_mapped_path_gives() {
        for s in [
            "CoWIN DATA Leak",
            "ΑΘΗΝΑ Ωμέγα",
            "МОСКВА data",
            "ႠႡ Georgian ᲐᲑ",
            "KELVIN \u{212A} and Å ANGSTROM \u{212B}",
            "Cafe\u{0301} CAFE\u{0301}",
            "ǅ ǈ ǋ ǲ TITLECASE",
            "CoWIN डेटा लीक ਆਧਾਰ LEAK",
            "ẞ SS Σ ΣΑΣ",
        ] {
            let (fast, mapped) = (normalize(s), normalize_mapped(s));
            assert_eq!(fast.text, mapped.text, "{s}");
            assert_eq!(fast.map, mapped.map, "{s}");
        }
    }

    #[test]
    fn word_chars_of_the_arabic_block_as_the_unicode_tables_say() {
        for c in '\u{0600}'..='\u{06FF}' {
            assert_eq!(is_word_char(c), is_word_char_slow(c), "{c:?}");
        }
    }

    #[test]
    fn caseless_blocks_have_no_case() {
        for c in ('\u{0590}'..='\u{109F}').chain('\u{2000}'..='\u{206F}') {
            assert!(!c.is_uppercase() && !c.is_lowercase(), "{c:?}");
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
        }
    }

    #[test]
    fn folds_case_dashes_and_spaces() {
        assert_eq!(norm("Co-WIN  Data\tLEAK"), "co win data leak");
        assert_eq!(norm("  CoWin \u{2014} portal  "), "cowin portal");
        assert_eq!(norm("a \n\n b"), "a\nb");
    }

    #[test]
    fn drops_invisible_characters() {
        assert_eq!(norm("Co\u{200B}WIN"), "cowin");
        assert_eq!(norm("ചോ\u{200D}ർച്ച"), norm("ചോർച്ച"));
        assert_eq!(norm("\u{FEFF}डेटा"), "डेटा");
        // old-style chillu (ര് + ZWJ) and the atomic chillu ർ normalize alike
        assert_eq!(norm("ചോര്\u{200D}ന്നു"), norm("ചോർന്നു"));
    }

    #[test]
    fn composes_and_drops_nukta() {
        // decomposed é composes; precomposed क़ (U+0958) and क + nukta both become क
        assert_eq!(norm("Cafe\u{0301}"), "café");
        assert_eq!(norm("\u{0958}"), "क");
        assert_eq!(norm("क\u{093C}"), "क");
        // Bengali o-kar written as two signs composes to the single sign
        assert_eq!(norm("ক\u{09C7}\u{09BE}"), "কো");
    }

    #[test]
    fn maps_back_to_source_spans() {
        let src = "Big CO\u{200B}WIN—Leak";
        let n = normalize(src);
        assert_eq!(n.text, "big cowin leak");
        let s = n.text.find("cowin").unwrap();
        let (a, b) = n.source_span(s, s + "cowin".len());
        assert_eq!(&src[a..b], "CO\u{200B}WIN");
        let s = n.text.find("leak").unwrap();
        let (a, b) = n.source_span(s, s + 4);
        assert_eq!(&src[a..b], "Leak");
    }

    #[test]
    fn maps_decomposed_clusters() {
        let src = "x ক\u{09C7}\u{09BE}ভিন y";
        let n = normalize(src);
        let s = n.text.find("কোভিন").unwrap();
        let (a, b) = n.source_span(s, s + "কোভিন".len());
        assert_eq!(&src[a..b], "ক\u{09C7}\u{09BE}ভিন");
    }
}
