//! Unicode canonical composition (NFC) and canonical combining classes, over compact tables
//! that `build.rs` derives from the `unicode-normalization` crate (Unicode's own data), smaller
//! in the WASM than that crate's. Combining classes and flags come from two-level tables in
//! the Basic Multilingual Plane, the rest by bisection; Hangul syllables are composed by
//! arithmetic.
//!
//! One difference from Unicode's NFC, made for size: the CJK compatibility ideographs
//! (U+F900–U+FAFF, U+2F800–U+2FA1F) are left as they are instead of becoming their unified
//! twins. No lexicon holds an ideograph, both forms are letters to the word scan and neither
//! composes with anything, so matching cannot tell; leaving out those thousand decompositions
//! halves the table. `tests/properties.rs` checks that this gives exactly what
//! `unicode-normalization` gives but for them, and that detection is the same either way.

mod tables {
    include!(concat!(env!("OUT_DIR"), "/nfc_tables.rs"));
}
use tables::{CCC, CCC_BMP_BLOCKS, CCC_BMP_INDEX, COMPOSE, DECOMPOSE, QUICK_CHECK};
use tables::{FLAGS_BMP_BLOCKS, FLAGS_BMP_INDEX};

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

/// The value of a step function at `c` (above the BMP): each entry is a first character shifted
/// left by `bits`, with the value from there on in the low bits; 0 before the first entry.
fn step(table: &[u32], bits: u32, c: char) -> u32 {
    match table.partition_point(|&e| e >> bits <= c as u32) {
        0 => 0,
        i => table[i - 1] & ((1 << bits) - 1),
    }
}

/// A value from a two-level table of the Basic Multilingual Plane.
fn bmp(index: &[u8; 512], blocks: &[u8], c: u32) -> u8 {
    blocks[(index[(c >> 7) as usize] as usize) << 7 | (c & 127) as usize]
}

/// The canonical combining class of `c` (0 for starters).
pub fn ccc(c: char) -> u8 {
    match c as u32 {
        0..0x300 => 0,
        u @ 0..0x10000 => bmp(&CCC_BMP_INDEX, CCC_BMP_BLOCKS, u),
        _ => step(CCC, 8, c) as u8,
    }
}

/// NFC quick check: 0 yes, 1 no, 2 maybe.
fn quick_check(c: char) -> u8 {
    match c as u32 {
        u @ 0..0x10000 => bmp(&FLAGS_BMP_INDEX, FLAGS_BMP_BLOCKS, u) & 3,
        _ => step(QUICK_CHECK, 2, c) as u8,
    }
}

/// Whether a BMP character surely has no canonical decomposition (Hangul syllables aside):
/// most characters, answered without searching `DECOMPOSE`.
fn plain_bmp(c: char) -> bool {
    match c as u32 {
        0..0xC0 => true,
        u @ 0..0x10000 => bmp(&FLAGS_BMP_INDEX, FLAGS_BMP_BLOCKS, u) & 4 == 0,
        _ => false,
    }
}

/// Whether `s` is in NFC, in one pass. A character that may compose with the one before it
/// ("maybe") and is a starter (the Indic vowel signs that do, Hangul jamo) is decided there:
/// it can compose only with the character right before it. Only a combining mark that may
/// compose leaves the answer to normalizing the text.
pub fn is_nfc(s: &str) -> bool {
    let mut last = 0;
    let mut prev = '\0';
    let mut maybe = false;
    for c in s.chars() {
        if c < '\u{0300}' {
            (last, prev) = (0, c);
            continue;
        }
        let class = ccc(c);
        if class != 0 && last > class {
            return false;
        }
        match quick_check(c) {
            0 => {}
            1 => return false,
            _ if class == 0 && compose_pair(prev, c).is_some() => return false,
            _ if class == 0 => {}
            _ => maybe = true,
        }
        (last, prev) = (class, c);
    }
    !maybe || nfc(s) == s
}

fn decompose(c: char, out: &mut Vec<char>) {
    let s = c as u32;
    if (S_BASE..S_BASE + S_COUNT).contains(&s) {
        let i = s - S_BASE;
        let l = L_BASE + i / N_COUNT;
        let v = V_BASE + (i % N_COUNT) / T_COUNT;
        let t = T_BASE + i % T_COUNT;
        out.extend([l, v].map(|u| char::from_u32(u).expect("Hangul jamo")));
        if t != T_BASE {
            out.push(char::from_u32(t).expect("Hangul jamo"));
        }
        return;
    }
    if plain_bmp(c) {
        out.push(c);
        return;
    }
    match DECOMPOSE.binary_search_by_key(&c, |d| d.0) {
        Ok(i) => {
            let (_, a, b) = DECOMPOSE[i];
            decompose(a, out);
            if b != '\0' {
                decompose(b, out);
            }
        }
        Err(_) => out.push(c),
    }
}

fn compose_pair(a: char, b: char) -> Option<char> {
    let (sa, sb) = (a as u32, b as u32);
    if (L_BASE..L_BASE + L_COUNT).contains(&sa) && (V_BASE..V_BASE + V_COUNT).contains(&sb) {
        let s = S_BASE + ((sa - L_BASE) * V_COUNT + (sb - V_BASE)) * T_COUNT;
        return char::from_u32(s);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&sa)
        && (sa - S_BASE).is_multiple_of(T_COUNT)
        && (T_BASE + 1..T_BASE + T_COUNT).contains(&sb)
    {
        return char::from_u32(sa + sb - T_BASE);
    }
    COMPOSE
        .binary_search_by_key(&(a, b), |&i| {
            let (_, x, y) = DECOMPOSE[i as usize];
            (x, y)
        })
        .ok()
        .map(|i| DECOMPOSE[COMPOSE[i] as usize].0)
}

/// `s` in Unicode Normalization Form C.
pub fn nfc(s: &str) -> String {
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        decompose(c, &mut chars);
    }
    // canonical order: each run of non-starters sorted (stably) by combining class
    let mut i = 0;
    while i < chars.len() {
        if ccc(chars[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && ccc(chars[i]) != 0 {
            i += 1;
        }
        let run = &mut chars[start..i];
        let order = crate::order::stable_order(run.iter().map(|&c| (u64::from(ccc(c)), 0)));
        let sorted: Vec<char> = order.iter().map(|&k| run[k]).collect();
        run.copy_from_slice(&sorted);
    }
    // canonical composition: each character joins the last starter unless blocked
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut starter: Option<usize> = None;
    let mut last_class = 0;
    for c in chars {
        let class = ccc(c);
        if let Some(si) = starter {
            let adjacent = out.len() == si + 1;
            if adjacent || (last_class != 0 && last_class < class) {
                if let Some(composed) = compose_pair(out[si], c) {
                    out[si] = composed;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(out.len());
        }
        last_class = class;
        out.push(c);
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_decomposes_and_orders() {
        assert_eq!(nfc("e\u{0301}"), "\u{00E9}");
        assert_eq!(nfc("\u{0958}"), "\u{0915}\u{093C}"); // a composition exclusion
        assert_eq!(nfc("\u{0995}\u{09C7}\u{09BE}"), "\u{0995}\u{09CB}"); // two starters
        assert_eq!(nfc("\u{212B}"), "\u{00C5}"); // a singleton
        assert_eq!(nfc("q\u{0307}\u{0323}"), "q\u{0323}\u{0307}"); // reordered
        assert_eq!(nfc("\u{1100}\u{1161}\u{11A8}"), "\u{AC01}"); // Hangul
        assert_eq!(ccc('\u{0301}'), 230);
        assert_eq!(ccc('\u{094D}'), 9);
        assert!(is_nfc("CoWIN डेटा லீக்"));
        assert!(!is_nfc("e\u{0301}"));
        assert!(!is_nfc("\u{0958}"));
    }
}
