//! The detector on real text (`tests/corpus/real/`: excerpts of real reporting, fact-checks and
//! the posts they quote, split by publisher into `dev/` and a locked `test/`), and its
//! robustness to the way posts break lines and add hashtags and mentions.
//!
//! Only aggregate figures of the locked test are ever printed here, never its items.

use leaklens::eval::{evaluate, load_corpus_dir, load_parts, Item, Report};
use leaklens::{check, detector};
use std::path::Path;

fn parts() -> Vec<(String, Vec<Item>)> {
    load_parts(Path::new("tests/corpus/real")).unwrap()
}

fn part(name: &str) -> Vec<Item> {
    parts()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("tests/corpus/real/{name}/ is missing"))
        .1
}

/// Every claim and every non-claim of both corpora (the written one and the real one).
fn all_items() -> Vec<Item> {
    let mut items = load_corpus_dir(Path::new("tests/corpus")).unwrap();
    items.extend(parts().into_iter().flat_map(|(_, items)| items));
    items
}

/// A small deterministic generator (xorshift), so the variants are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn chance(&mut self, one_in: u64) -> bool {
        self.next().is_multiple_of(one_in)
    }
}

/// Line breaks between words: each space becomes a line break with probability 1/`one_in`.
fn break_lines(text: &str, rng: &mut Rng, one_in: u64) -> String {
    text.split(' ')
        .collect::<Vec<_>>()
        .iter()
        .enumerate()
        .fold(String::new(), |mut out, (i, w)| {
            if i > 0 {
                out.push(if rng.chance(one_in) { '\n' } else { ' ' });
            }
            out.push_str(w);
            out
        })
}

const MENTIONS: &[&str] = &["@news_desk", "@PIB_India", "@factcheck_in"];
const HASHTAGS: &[&str] = &["#Breaking", "#India", "#News", "#Viral"];

/// A post's dressing: a mention in front, hashtags made of some words, hashtags and a
/// mention at the end on their own line, and line breaks between some words.
fn dress(text: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    out.push_str(MENTIONS[(rng.next() % 3) as usize]);
    out.push(' ');
    for (i, w) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(if rng.chance(5) { '\n' } else { ' ' });
        }
        let letter = w.chars().next().is_some_and(char::is_alphabetic);
        if letter && rng.chance(6) {
            out.push('#');
        }
        out.push_str(w);
    }
    out.push('\n');
    for _ in 0..2 {
        out.push_str(HASHTAGS[(rng.next() % 4) as usize]);
        out.push(' ');
    }
    out.push_str(MENTIONS[(rng.next() % 3) as usize]);
    out
}

/// A way of rewriting a post.
type Variant<'a> = &'a dyn Fn(&str, &mut Rng) -> String;

/// Recall on the claims and false positives on the non-claims, for texts made by `variant`.
fn rates(items: &[Item], variant: Variant) -> (f64, f64) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut tp, mut claims, mut fp, mut others) = (0, 0, 0, 0);
    for item in items {
        let found = check(&variant(&item.text, &mut rng)).is_claim;
        if item.is_claim {
            claims += 1;
            tp += found as usize;
        } else {
            others += 1;
            fp += found as usize;
        }
    }
    (
        tp as f64 / claims.max(1) as f64,
        fp as f64 / others.max(1) as f64,
    )
}

#[test]
fn line_breaks_hashtags_and_mentions_keep_recall_within_a_point() {
    let items = all_items();
    assert!(items.len() > 1500, "{} items", items.len());
    let (recall, false_pos) = rates(&items, &|t, _| t.to_string());
    let variants: [(&str, Variant); 4] = [
        ("a line break at one space in three", &|t, r| {
            break_lines(t, r, 3)
        }),
        ("a line break at every space", &|t, _| t.replace(' ', "\n")),
        ("lines broken Windows-style", &|t, r| {
            break_lines(t, r, 2).replace('\n', "\r\n")
        }),
        ("hashtags, mentions and line breaks added", &dress),
    ];
    for (name, variant) in variants {
        let (r, f) = rates(&items, variant);
        println!("{name}: recall {r:.3} (originals {recall:.3}), false positives {f:.3} ({false_pos:.3})");
        assert!(
            (r - recall).abs() <= 0.01,
            "{name}: recall {r:.3}, originals {recall:.3}"
        );
        assert!(
            (f - false_pos).abs() <= 0.01,
            "{name}: false positives {f:.3}, originals {false_pos:.3}"
        );
    }
}

#[test]
fn the_variants_are_what_they_say() {
    let mut rng = Rng(7);
    let t = "CoWIN data of many people leaked on a Telegram bot today";
    let v = break_lines(t, &mut rng, 3);
    assert!(v.contains('\n'));
    assert_eq!(v.replace('\n', " "), t);
    let d = dress(t, &mut rng);
    assert!(d.starts_with('@') && d.contains('#'), "{d}");
    assert!(d.contains("Telegram") && d.lines().count() >= 2, "{d}");
}

fn summary(name: &str, r: &Report) -> String {
    let langs: Vec<String> = r
        .per_language
        .iter()
        .map(|(l, (n, c))| format!("{l} {:.3} ({n} items, {} claims)", c.f1(), c.tp + c.fn_))
        .collect();
    format!(
        "{name}: claim P {:.3} R {:.3} F1 {:.3}; system F1 {:.3}; field F1 {:.3}; {}",
        r.claims.precision(),
        r.claims.recall(),
        r.claims.f1(),
        r.systems.f1(),
        r.fields.f1(),
        langs.join(", ")
    )
}

#[test]
fn the_real_corpus_has_a_dev_part_and_a_locked_test_in_every_language() {
    let names: Vec<String> = parts().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["dev", "test"]);
    let (dev, test) = (part("dev"), part("test"));
    assert!(dev.len() + test.len() >= 1150);
    let langs = |items: &[Item]| {
        let mut l: Vec<String> = items.iter().map(|i| i.lang.clone()).collect();
        l.sort();
        l.dedup();
        l
    };
    assert_eq!(langs(&dev), langs(&test));
    assert!(langs(&test).len() >= 12, "{:?}", langs(&test));
}

/// The locked test, scored once at the end of the work (README, "Detection on real text").
/// None of the targets holds on it (claim F1 and precision 0.95, 0.90 in every language
/// with ten claims, system F1 0.95, field F1 0.90), so the floors are the figures reached,
/// rounded down: they keep the detector from sliding back, and say plainly where it stands.
#[test]
fn the_locked_test_holds_the_figures_reached() {
    holds(&part("test"), &LOCKED, "locked test");
}

/// The development part, on which the detector was tuned (the same kind of floors).
#[test]
fn the_development_part_holds_the_figures_reached() {
    holds(&part("dev"), &DEV, "dev");
}

fn holds(items: &[Item], floors: &Floors, name: &str) {
    let r = evaluate(detector(), items);
    let s = summary(name, &r);
    println!("{s}");
    assert!(r.claims.precision() >= floors.precision, "{s}");
    assert!(r.claims.f1() >= floors.f1, "{s}");
    assert!(r.systems.f1() >= floors.system_f1, "{s}");
    assert!(r.fields.f1() >= floors.field_f1, "{s}");
    for (lang, (_, c)) in &r.per_language {
        if c.tp + c.fn_ >= 10 {
            assert!(c.f1() >= floors.language_f1, "{lang}: {s}");
        }
    }
}

struct Floors {
    precision: f64,
    f1: f64,
    system_f1: f64,
    field_f1: f64,
    /// in every language with at least ten claims
    language_f1: f64,
}

/// Reached: claim P 0.879 R 0.840 F1 0.859, system F1 0.785, field F1 0.789; the weakest
/// language with ten claims or more, te, 0.720.
const LOCKED: Floors = Floors {
    precision: 0.87,
    f1: 0.85,
    system_f1: 0.78,
    field_f1: 0.78,
    language_f1: 0.71,
};

/// Reached: claim P 0.969 R 0.914 F1 0.941, system F1 0.875, field F1 0.897; the weakest
/// language with ten claims or more, kn and te, 0.909.
const DEV: Floors = Floors {
    precision: 0.96,
    f1: 0.94,
    system_f1: 0.87,
    field_f1: 0.89,
    language_f1: 0.90,
};
