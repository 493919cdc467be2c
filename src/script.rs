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
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // ASCII without decoding
            counts[0] += b.is_ascii_alphabetic() as usize;
            i += 1;
            continue;
        }
        if b == 0xE0 {
            // U+0800..U+0FFF: the second byte names the block of 128 (two values a block);
            // the Indic blocks count whole, without decoding
            let block = (bytes[i + 1] & 0x3F) >> 1;
            if (0x12..=0x1A).contains(&block) {
                counts[(block - 0x11) as usize] += 1;
                i += 3;
                continue;
            }
        }
        let c = text[i..].chars().next().expect("on a char boundary");
        if let Some(k) = script_index(c) {
            counts[k] += 1;
        }
        i += c.len_utf8();
    }
    let (i, n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))?;
    (*n > 0).then_some(ORDER[i])
}

/// UTF-16 offsets of the given UTF-8 byte offsets (each on a char boundary), in one pass: a
/// character takes one UTF-16 unit per leading byte, and one more when it takes four bytes.
pub fn utf16_offsets(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let order = crate::order::stable_order(byte_offsets.iter().map(|&b| (b as u64, 0)));
    let mut out = vec![0; byte_offsets.len()];
    let bytes = text.as_bytes();
    let (mut at, mut units) = (0, 0);
    for k in order {
        let target = byte_offsets[k].min(bytes.len());
        if target > at {
            units += bytes[at..target]
                .iter()
                .map(|&b| ((b & 0xC0) != 0x80) as usize + (b >= 0xF0) as usize)
                .sum::<usize>();
            at = target;
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
    fn counts_scripts_as_script_index_says() {
        let mut letters: Vec<char> = (0x0800..0x1000).filter_map(char::from_u32).collect();
        letters.extend(['a', 'Z', 'é', 'ڈ', '1', ' ']);
        for c in letters {
            let mut counts_one = String::new();
            counts_one.push(c);
            assert_eq!(dominant_script(&counts_one), script_of(c), "{c:?}");
        }
    }

    #[test]
    fn converts_to_utf16() {
        let t = "a😀डे";
        let offsets = [0, 1, 5, t.len()];
        assert_eq!(utf16_offsets(t, &offsets), vec![0, 1, 3, 5]);
        assert_eq!(utf16_offsets(t, &[t.len(), 0]), vec![5, 0]);
    }

    #[test]
    fn utf16_offsets_count_as_javascript_does() {
        let t = "CoWIN डेटा 😀 leak ਆਧਾਰ 🙏🏽 ڈیٹا";
        let offsets: Vec<usize> = (0..=t.len())
            .rev()
            .filter(|&i| t.is_char_boundary(i))
            .collect();
        let expected: Vec<usize> = offsets
            .iter()
            .map(|&i| t[..i].encode_utf16().count())
            .collect();
        assert_eq!(utf16_offsets(t, &offsets), expected);
    }

    #[test]
    fn script_index_is_script_of_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(script_index(c).map(|i| ORDER[i]), script_of(c), "{c:?}");
        }
    }
}
