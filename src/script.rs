//! Scripts of the supported languages, and UTF-16 offsets for JavaScript.

/// ISO 15924 code of the script a letter belongs to, for the scripts LeakLens reads.
pub fn script_of(c: char) -> Option<&'static str> {
    Some(match c as u32 {
        0x0900..=0x097F => "Deva",
        0x0980..=0x09FF => "Beng",
        0x0A00..=0x0A7F => "Guru",
        0x0A80..=0x0AFF => "Gujr",
        0x0B00..=0x0B7F => "Orya",
        0x0B80..=0x0BFF => "Taml",
        0x0C00..=0x0C7F => "Telu",
        0x0C80..=0x0CFF => "Knda",
        0x0D00..=0x0D7F => "Mlym",
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => "Arab",
        _ if c.is_alphabetic() && (c as u32) < 0x0250 => "Latn",
        _ => return None,
    })
}

/// The scripts `dominant_script` counts, in the order that breaks ties.
const ORDER: [&str; 11] = [
    "Latn", "Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Arab",
];

/// `script_of(c)` as a position in `ORDER` (the same decision, without comparing names).
fn script_index(c: char) -> Option<usize> {
    Some(match c as u32 {
        0..=0x7F => return c.is_ascii_alphabetic().then_some(0),
        0x0900..=0x097F => 1,
        0x0980..=0x09FF => 2,
        0x0A00..=0x0A7F => 3,
        0x0A80..=0x0AFF => 4,
        0x0B00..=0x0B7F => 5,
        0x0B80..=0x0BFF => 6,
        0x0C00..=0x0C7F => 7,
        0x0C80..=0x0CFF => 8,
        0x0D00..=0x0D7F => 9,
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => 10,
        u if u < 0x0250 && c.is_alphabetic() => 0,
        _ => return None,
    })
}

/// The script with the most letters in `text`, if any letters at all.
pub fn dominant_script(text: &str) -> Option<&'static str> {
    let mut counts = [0usize; ORDER.len()];
    for c in text.chars() {
        if let Some(i) = script_index(c) {
            counts[i] += 1;
        }
    }
    let (i, n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))?;
    (*n > 0).then_some(ORDER[i])
}

/// UTF-16 offsets of the given UTF-8 byte offsets (each on a char boundary), in one pass.
pub fn utf16_offsets(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let order = crate::order::stable_order(byte_offsets.iter().map(|&b| (b as u64, 0)));
    let mut out = vec![0; byte_offsets.len()];
    let mut chars = text.char_indices().peekable();
    let mut units = 0;
    for k in order {
        let target = byte_offsets[k];
        while let Some(&(i, c)) = chars.peek() {
            if i >= target {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        out[k] = units;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_dominant_script() {
        assert_eq!(dominant_script("Cowin डेटा लीक हो गया"), Some("Deva"));
        assert_eq!(dominant_script("CoWIN data கசிவு"), Some("Latn"));
        assert_eq!(dominant_script("12345 !!"), None);
    }

    #[test]
    fn converts_to_utf16() {
        let t = "a😀डे";
        let offsets = [0, 1, 5, t.len()];
        assert_eq!(utf16_offsets(t, &offsets), vec![0, 1, 3, 5]);
        assert_eq!(utf16_offsets(t, &[t.len(), 0]), vec![5, 0]);
    }

    #[test]
    fn script_index_is_script_of_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(script_index(c).map(|i| ORDER[i]), script_of(c), "{c:?}");
        }
    }
}
