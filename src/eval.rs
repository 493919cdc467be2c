//! Scoring the detector on a labelled corpus (`leaklens eval FILE.jsonl|DIR ...`).
//!
//! A folder with sub-folders (`tests/corpus/real/` with `dev/` and `test/`) is scored part by
//! part. The errors of a part named `test` (the locked test) are never listed.

use crate::normalize::normalize;
use crate::Detector;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    pub id: String,
    pub lang: String,
    #[serde(default)]
    pub kind: String,
    pub text: String,
    pub is_claim: bool,
    #[serde(default)]
    pub systems: Vec<String>,
    #[serde(default)]
    pub fields: Vec<String>,
    /// The company or body as the text names it, when `systems` holds `other`.
    #[serde(default)]
    pub operator: Option<String>,
    /// The site the text comes from (the real corpus is split by it).
    #[serde(default)]
    pub publisher: Option<String>,
}

/// The systems the corpora are labelled with (docs/labelling.md): the eight the detector started
/// with, and `other` for any other named company or public body.
pub const LABELLED_SYSTEMS: &[&str] = &[
    "cowin",
    "aadhaar",
    "icmr",
    "aiims",
    "aarogya_setu",
    "digilocker",
    "epfo",
    "irctc",
    "other",
];

/// A system the knowledge base learnt after the corpora were labelled (`pm_kisan`,
/// `jharkhand_pension`) is `other` in their labels.
pub fn labelled_system(id: &str) -> String {
    if LABELLED_SYSTEMS.contains(&id) {
        id.to_string()
    } else {
        "other".to_string()
    }
}

/// The name of the part whose errors are never listed (the locked test).
pub const LOCKED_PART: &str = "test";

/// True/false positives and false negatives.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add_sets(&mut self, predicted: &BTreeSet<&str>, gold: &BTreeSet<&str>) {
        self.tp += predicted.intersection(gold).count();
        self.fp += predicted.difference(gold).count();
        self.fn_ += gold.difference(predicted).count();
    }
    fn add_claim(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => {}
        }
    }
}

fn set(v: &[String]) -> BTreeSet<&str> {
    v.iter().map(String::as_str).collect()
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A wrong answer, for reading the errors.
#[derive(Debug, Clone)]
pub struct Miss {
    pub id: String,
    pub what: String,
}

#[derive(Debug, Default, Clone)]
pub struct Report {
    pub items: usize,
    pub claims: Counts,
    pub systems: Counts,
    pub fields: Counts,
    /// Items labelled `other` with an operator: named as the label does (tp), named wrongly
    /// (fp and fn) or not named (fn).
    pub operators: Counts,
    /// Items per language and their claim counts.
    pub per_language: BTreeMap<String, (usize, Counts)>,
    pub per_kind: BTreeMap<String, (usize, usize)>,
    pub misses: Vec<Miss>,
}

/// Parse a labelled JSON Lines corpus; errors name the file and line.
pub fn parse_corpus(file: &str, text: &str) -> Result<Vec<Item>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("{file}:{}: {e}", n + 1)))
        .collect()
}

/// The parts of a corpus folder: each sub-folder holding `*.jsonl` files is a part named after
/// it (in name order); `*.jsonl` files directly in the folder form a part named after the
/// folder. A folder with no sub-folders is one part.
pub fn load_parts(dir: &std::path::Path) -> Result<Vec<(String, Vec<Item>)>, String> {
    let mut subdirs: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    subdirs.sort();
    let mut parts = Vec::new();
    let top = load_corpus_dir(dir)?;
    if !top.is_empty() || subdirs.is_empty() {
        parts.push((dir.display().to_string(), top));
    }
    for sub in subdirs {
        let items = load_corpus_dir(&sub)?;
        if items.is_empty() {
            continue;
        }
        let name = sub
            .file_name()
            .map_or_else(|| sub.display().to_string(), |n| n.to_string_lossy().into());
        parts.push((name, items));
    }
    Ok(parts)
}

/// An operator name reduced to its letters and digits, lower-cased, for comparison
/// ("Domino’s India" and "domino's india" are alike).
fn operator_key(name: &str) -> String {
    normalize(name)
        .text
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The detector's operator matches the label when one names the other ("Air India" and "Air
/// India's", "Star Health" and "Star Health and Allied Insurance").
pub fn same_operator(predicted: &str, gold: &str) -> bool {
    let (p, g) = (operator_key(predicted), operator_key(gold));
    !p.is_empty() && !g.is_empty() && (p.contains(&g) || g.contains(&p))
}

/// Every `*.jsonl` file of a folder, in file-name order.
pub fn load_corpus_dir(dir: &std::path::Path) -> Result<Vec<Item>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut items = Vec::new();
    for path in files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
        items.extend(parse_corpus(&name, &text)?);
    }
    Ok(items)
}

pub fn evaluate(detector: &Detector, items: &[Item]) -> Report {
    let mut r = Report {
        items: items.len(),
        ..Report::default()
    };
    for item in items {
        let d = detector.check(&item.text);
        r.claims.add_claim(d.is_claim, item.is_claim);
        let lang = r.per_language.entry(item.lang.clone()).or_default();
        lang.0 += 1;
        lang.1.add_claim(d.is_claim, item.is_claim);
        let kind = r.per_kind.entry(item.kind.clone()).or_default();
        kind.0 += 1;
        kind.1 += (d.is_claim == item.is_claim) as usize;
        let labelled: Vec<String> = d.systems.iter().map(|s| labelled_system(s)).collect();
        let (ps, gs) = (set(&labelled), set(&item.systems));
        let (pf, gf) = (set(&d.fields), set(&item.fields));
        r.systems.add_sets(&ps, &gs);
        r.fields.add_sets(&pf, &gf);
        let gold_op = item.operator.as_deref().filter(|_| gs.contains("other"));
        let pred_op = d.operator.as_deref().filter(|_| ps.contains("other"));
        // operators are scored where the label names one (the written corpus names none)
        let op_ok = match (pred_op, gold_op) {
            (Some(p), Some(g)) => same_operator(p, g),
            (None, Some(_)) => false,
            (_, None) => true,
        };
        if gold_op.is_some() {
            if op_ok {
                r.operators.tp += 1;
            } else {
                r.operators.fn_ += 1;
                r.operators.fp += pred_op.is_some() as usize;
            }
        }
        if d.is_claim != item.is_claim {
            r.misses.push(Miss {
                id: item.id.clone(),
                what: format!("claim: got {} want {}", d.is_claim, item.is_claim),
            });
        } else if ps != gs || pf != gf {
            r.misses.push(Miss {
                id: item.id.clone(),
                what: format!("systems {ps:?} want {gs:?}; fields {pf:?} want {gf:?}"),
            });
        } else if !op_ok {
            r.misses.push(Miss {
                id: item.id.clone(),
                what: format!("operator {pred_op:?} want {gold_op:?}"),
            });
        }
    }
    r
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.claims;
        writeln!(f, "items: {}", self.items)?;
        writeln!(
            f,
            "claims: precision {:.3}  recall {:.3}  F1 {:.3}  (tp {} fp {} fn {})",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        )?;
        for (name, s) in [
            ("systems", &self.systems),
            ("fields", &self.fields),
            ("operators", &self.operators),
        ] {
            writeln!(
                f,
                "{name}: precision {:.3}  recall {:.3}  F1 {:.3}",
                s.precision(),
                s.recall(),
                s.f1()
            )?;
        }
        writeln!(f, "claim F1 by language:")?;
        for (lang, (n, c)) in &self.per_language {
            writeln!(
                f,
                "  {lang:8} {:.3}  (P {:.3} R {:.3}; {n} items, {} claims)",
                c.f1(),
                c.precision(),
                c.recall(),
                c.tp + c.fn_
            )?;
        }
        writeln!(f, "accuracy by kind:")?;
        for (kind, (n, ok)) in &self.per_kind {
            writeln!(f, "  {kind:18} {ok}/{n}")?;
        }
        Ok(())
    }
}

/// A labelled case for the personal-data scanner: the identifiers the text shows, by kind and
/// exact text (`expect` is empty for a hard negative).
#[derive(Debug, Clone, Deserialize)]
pub struct PersonalDataCase {
    pub id: String,
    #[serde(default)]
    pub lang: String,
    pub text: String,
    pub expect: Vec<ExpectedIdentifier>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ExpectedIdentifier {
    pub kind: String,
    pub text: String,
}

/// The scanner's precision and recall per kind. A found identifier counts only with its kind
/// and its exact span. Misses name the case and kind, never the value.
#[derive(Debug, Default, Clone)]
pub struct PersonalDataReport {
    pub cases: usize,
    pub per_kind: BTreeMap<String, Counts>,
    pub misses: Vec<String>,
}

impl PersonalDataReport {
    pub fn all(&self) -> Counts {
        self.per_kind
            .values()
            .fold(Counts::default(), |a, c| Counts {
                tp: a.tp + c.tp,
                fp: a.fp + c.fp,
                fn_: a.fn_ + c.fn_,
            })
    }
}

pub fn parse_personal_data_cases(file: &str, text: &str) -> Result<Vec<PersonalDataCase>, String> {
    let cases: Vec<PersonalDataCase> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("{file}:{}: {e}", n + 1)))
        .collect::<Result<_, _>>()?;
    for c in &cases {
        for e in &c.expect {
            if crate::personal_data::Kind::from_id(&e.kind).is_none() {
                return Err(format!("{file}: {}: unknown kind {:?}", c.id, e.kind));
            }
        }
    }
    Ok(cases)
}

pub fn evaluate_personal_data(cases: &[PersonalDataCase]) -> PersonalDataReport {
    let mut r = PersonalDataReport {
        cases: cases.len(),
        ..PersonalDataReport::default()
    };
    for kind in crate::personal_data::Kind::ALL {
        r.per_kind.insert(kind.id().to_string(), Counts::default());
    }
    for case in cases {
        let found: Vec<(String, &str)> = crate::personal_data::scan(&case.text)
            .into_iter()
            .map(|p| (p.kind.id().to_string(), &case.text[p.start..p.end]))
            .collect();
        let mut expected: Vec<(String, &str)> = case
            .expect
            .iter()
            .map(|e| (e.kind.clone(), e.text.as_str()))
            .collect();
        for (kind, text) in &found {
            let counts = r.per_kind.entry(kind.clone()).or_default();
            match expected.iter().position(|(k, t)| k == kind && t == text) {
                Some(i) => {
                    counts.tp += 1;
                    expected.remove(i);
                }
                None => {
                    counts.fp += 1;
                    r.misses
                        .push(format!("{}: found a {kind} that is not one", case.id));
                }
            }
        }
        for (kind, _) in expected {
            r.per_kind.entry(kind.clone()).or_default().fn_ += 1;
            r.misses.push(format!("{}: missed a {kind}", case.id));
        }
    }
    r
}

impl fmt::Display for PersonalDataReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let all = self.all();
        writeln!(f, "cases: {}", self.cases)?;
        writeln!(
            f,
            "all kinds: precision {:.3}  recall {:.3}  (tp {} fp {} fn {})",
            all.precision(),
            all.recall(),
            all.tp,
            all.fp,
            all.fn_
        )?;
        for (kind, c) in &self.per_kind {
            writeln!(
                f,
                "  {kind:9} precision {:.3}  recall {:.3}  (tp {} fp {} fn {})",
                c.precision(),
                c.recall(),
                c.tp,
                c.fp,
                c.fn_
            )?;
        }
        Ok(())
    }
}
