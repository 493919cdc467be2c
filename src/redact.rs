//! Masking of personal identifiers in text shown back to people (the report's claim texts, the
//! Python package's `redact`). Interim and deliberately broad until the personal-data scanner
//! (issue 11) lands: every run of 6 or more digits (any script's digits, grouped by single
//! spaces or hyphens) keeps only its last 4 digits, every word of 8 or more letters and digits
//! with at least 4 digits (PAN, passport, voter ID) keeps only its last 4 characters, and an
//! e-mail address keeps the first letter of its local part and its domain.

/// `text` with every identifier-like run masked; everything else unchanged.
pub fn redact(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = chars.clone();
    mask_digit_runs(&chars, &mut out);
    mask_codes(&chars, &mut out);
    mask_emails(&chars, &mut out);
    out.into_iter().collect()
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || digit_value(c).is_some()
}

/// The value of a decimal digit in any script (Unicode's Nd blocks are runs of ten).
fn digit_value(c: char) -> Option<u32> {
    const ZEROS: &[u32] = &[
        0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
        0xFF10,
    ];
    let u = c as u32;
    ZEROS
        .iter()
        .find(|z| (**z..**z + 10).contains(&u))
        .map(|z| u - z)
}

fn mask_digit_runs(chars: &[char], out: &mut [char]) {
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i]) {
            i += 1;
            continue;
        }
        // a run of digits, single separators allowed between digits
        let start = i;
        let mut end = i;
        let mut j = i;
        while j < chars.len() {
            if is_digit(chars[j]) {
                end = j + 1;
                j += 1;
            } else if matches!(chars[j], ' ' | '-')
                && chars.get(j + 1).is_some_and(|c| is_digit(*c))
            {
                j += 1;
            } else {
                break;
            }
        }
        let digits: Vec<usize> = (start..end).filter(|k| is_digit(chars[*k])).collect();
        if digits.len() >= 6 {
            for k in &digits[..digits.len() - 4] {
                out[*k] = 'X';
            }
        }
        i = end.max(i + 1);
    }
}

fn mask_codes(chars: &[char], out: &mut [char]) {
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let word = &chars[start..i];
        let digits = word.iter().filter(|c| c.is_ascii_digit()).count();
        if word.len() >= 8 && digits >= 4 && word.iter().any(|c| c.is_ascii_alphabetic()) {
            for slot in &mut out[start..i - 4] {
                *slot = 'X';
            }
        }
    }
}

fn mask_emails(chars: &[char], out: &mut [char]) {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    for at in (0..chars.len()).filter(|k| chars[*k] == '@') {
        let mut start = at;
        while start > 0 && local(chars[start - 1]) {
            start -= 1;
        }
        let domain = chars[at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == '.' || **c == '-')
            .collect::<String>();
        if start == at || !domain.contains('.') {
            continue;
        }
        for slot in &mut out[start + 1..at] {
            *slot = '*';
        }
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn masks_numbers_codes_and_emails() {
        assert_eq!(redact("आधार 2345 6789 0123 देखो"), "आधार XXXX XXXX 0123 देखो");
        assert_eq!(redact("call 9876543210 now"), "call XXXXXX3210 now");
        assert_eq!(redact("PAN ABCPE1234F"), "PAN XXXXXX234F");
        assert_eq!(redact("mail ravi.k@example.in"), "mail r*****@example.in");
        assert_eq!(redact("२३४५६७८९०१२३"), "XXXXXXXX०१२३");
    }

    #[test]
    fn leaves_short_numbers_and_words() {
        let text = "CoWIN leak in 2023: 15 crore records, PIN 110001? no: 11000";
        assert_eq!(redact(text), text.replace("110001", "XX0001"));
        assert_eq!(redact("no identifiers here"), "no identifiers here");
    }
}
