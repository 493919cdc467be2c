//! Embeds the data files into the library, so that the binary and the WASM carry their default
//! knowledge. Adding a language or a knowledge file means adding a file under `data/`, not code.
//!
//! - `data/lexicon/*.json` are validated and compiled (with the detector's own code, included
//!   below) into one vocabulary table, `VOCABULARY`, which the core loads without parsing JSON
//!   or normalizing terms. A broken lexicon fails the build with its file and the reason. The
//!   files themselves are embedded too (`LEXICON_FILES`), for tools and tests.
//! - `data/kb/*.json` are validated (a broken file fails the build with its file, entry, key
//!   and the reason) and embedded packed (`KB_PACKED`, `src/packed.rs`: the same values without
//!   JSON's repetitions, read into the same structs) and minified (`KB_FILES`, for tools and
//!   tests): the core need not validate them again. `data/card-text.json` and
//!   `data/card-languages.json` are embedded packed too (`CARD_TEXT`, `CARD_LANGUAGES`).

use std::{env, fs, path::Path, path::PathBuf};

#[path = "src/ids.rs"]
#[allow(dead_code)]
mod ids;
#[path = "src/kb.rs"]
#[allow(dead_code)]
mod kb;
#[path = "src/lexicon.rs"]
#[allow(dead_code)]
mod lexicon;
#[path = "src/matcher.rs"]
#[allow(dead_code)]
mod matcher;
#[path = "src/normalize.rs"]
#[allow(dead_code)]
mod normalize;
#[path = "src/order.rs"]
#[allow(dead_code)]
mod order;
#[path = "src/packed.rs"]
#[allow(dead_code)]
mod packed;

/// What `src/nfc.rs` gives the library, here straight from `unicode-normalization`: the
/// library's tables are what this script generates.
#[allow(dead_code)]
mod nfc {
    use unicode_normalization::UnicodeNormalization;
    pub fn ccc(c: char) -> u8 {
        unicode_normalization::char::canonical_combining_class(c)
    }
    pub fn is_nfc(s: &str) -> bool {
        unicode_normalization::is_nfc(s)
    }
    pub fn nfc(s: &str) -> String {
        s.nfc().collect()
    }
}

/// The tables of `src/nfc.rs`, compact: combining classes and NFC quick-check values, as
/// two-level tables for the BMP and as step functions above it (one `u32` per change: the
/// first character, shifted, and the value); every canonical decomposition as one step
/// (`c → a b`, recursion does the rest); the compositions as indices into those steps, ordered
/// by pair. Hangul is left to arithmetic. The CJK compatibility ideographs are left as they are
/// (see `src/nfc.rs`).
fn nfc_tables() -> String {
    use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    let hangul = |c: char| ('\u{AC00}'..='\u{D7A3}').contains(&c);
    // the Basic Multilingual Plane as two-level tables (O(1) at run time): a combining class,
    // and flags (quick check; 4 = decomposable); the planes above as step functions
    let mut ccc_bmp = vec![0u8; 0x10000];
    let mut flags_bmp = vec![0u8; 0x10000];
    let mut ccc: Vec<u32> = Vec::new();
    let mut quick: Vec<u32> = Vec::new();
    let (mut last_class, mut last_quick) = (0, 0);
    let mut decomposable: Vec<(char, Vec<char>)> = Vec::new();
    let mut maybe: Vec<char> = Vec::new();
    for c in (0..=0x3FFFFu32).filter_map(char::from_u32) {
        let u = c as u32;
        let class = canonical_combining_class(c) as u32;
        let mut q = match is_nfc_quick(std::iter::once(c)) {
            IsNormalized::Yes => 0,
            IsNormalized::No => 1,
            IsNormalized::Maybe => 2,
        };
        if q == 2 {
            maybe.push(c);
        }
        let mut d = Vec::new();
        decompose_canonical(c, |x| d.push(x));
        if cjk_compatibility(c) && d != [c] {
            // one ideograph for another: both letters, neither composes with anything
            assert!(
                d.len() == 1 && class == 0 && cjk_compatibility(c),
                "U+{u:04X}"
            );
            q = 0;
            d = vec![c];
        }
        let decomposes = d != [c] && !hangul(c);
        if decomposes {
            decomposable.push((c, d));
        }
        if u < 0x10000 {
            ccc_bmp[u as usize] = class as u8;
            flags_bmp[u as usize] = q as u8 | if decomposes { 4 } else { 0 };
            continue;
        }
        if class != last_class {
            ccc.push(u << 8 | class);
            last_class = class;
        }
        if q != last_quick {
            quick.push(u << 2 | q);
            last_quick = q;
        }
    }
    // a composition's first character starts a decomposition or has one itself; its second
    // may compose with what comes before it (quick check "maybe")
    let mut firsts: Vec<char> = decomposable.iter().flat_map(|(c, d)| [*c, d[0]]).collect();
    firsts.sort();
    firsts.dedup();
    let mut pairs = std::collections::HashMap::new();
    for &a in &firsts {
        for &b in &maybe {
            if let Some(c) = compose(a, b).filter(|&c| !hangul(c)) {
                pairs.insert(c, (a, b));
            }
        }
    }
    // one step of each decomposition: the composition pair; else the full decomposition when
    // it is one or two characters; else a character that decomposes to all but its last one
    let by_decomposition: std::collections::HashMap<&[char], char> = decomposable
        .iter()
        .map(|(c, d)| (d.as_slice(), *c))
        .collect();
    let steps: Vec<(char, char, char)> = decomposable
        .iter()
        .map(|(c, d)| {
            let (a, b) = match (pairs.get(c), d.as_slice()) {
                (Some(&pair), _) => pair,
                (None, [a]) => (*a, '\0'),
                (None, [a, b]) => (*a, *b),
                (None, [init @ .., last]) => (
                    *by_decomposition
                        .get(init)
                        .unwrap_or_else(|| panic!("U+{:04X}", *c as u32)),
                    *last,
                ),
                (None, []) => unreachable!("a decomposition has characters"),
            };
            (*c, a, b)
        })
        .collect();
    let mut compositions: Vec<usize> = (0..steps.len())
        .filter(|&i| pairs.contains_key(&steps[i].0))
        .collect();
    compositions.sort_by_key(|&i| (steps[i].1, steps[i].2));
    let list = |items: Vec<String>| items.join(",");
    format!(
        "{}{}pub static CCC: &[u32] = &[{}];\n\
         pub static QUICK_CHECK: &[u32] = &[{}];\n\
         pub static DECOMPOSE: &[(char, char, char)] = &[{}];\n\
         pub static COMPOSE: &[u16] = &[{}];\n",
        two_level("CCC_BMP", &ccc_bmp),
        two_level("FLAGS_BMP", &flags_bmp),
        list(ccc.iter().map(u32::to_string).collect()),
        list(quick.iter().map(u32::to_string).collect()),
        list(
            steps
                .iter()
                .map(|(c, a, b)| format!("({c:?},{a:?},{b:?})"))
                .collect()
        ),
        list(compositions.iter().map(usize::to_string).collect()),
    )
}

/// The CJK compatibility ideographs, whose canonical decompositions (one ideograph to its
/// unified twin) `src/nfc.rs` leaves out: no lexicon holds an ideograph, both are letters to the
/// word scan, and no composition involves either, so matching cannot tell (tests/properties.rs).
/// They were most of the decompositions (about 1,000 of 2,000).
fn cjk_compatibility(c: char) -> bool {
    matches!(c as u32, 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

/// `values` (one per BMP character) as `NAME_INDEX` (a block number per 128 characters) and
/// `NAME_BLOCKS` (the distinct blocks; block 0 is all zeros).
fn two_level(name: &str, values: &[u8]) -> String {
    let mut blocks: Vec<&[u8]> = vec![&[0; 128]];
    let mut index = Vec::new();
    for block in values.chunks(128) {
        let i = blocks.iter().position(|b| *b == block).unwrap_or_else(|| {
            blocks.push(block);
            blocks.len() - 1
        });
        index.push(u8::try_from(i).expect("at most 256 distinct blocks"));
    }
    format!(
        "pub static {name}_INDEX: [u8; 512] = {index:?};\npub static {name}_BLOCKS: &[u8] = &{:?};\n",
        blocks.concat()
    )
}

fn json_files(root: &str, dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(root).join(dir);
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    files
}

fn name_of(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().to_string()
}

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for src in [
        "ids",
        "kb",
        "lexicon",
        "matcher",
        "normalize",
        "order",
        "packed",
    ] {
        println!("cargo:rerun-if-changed=src/{src}.rs");
    }
    fs::write(Path::new(&out_dir).join("nfc_tables.rs"), nfc_tables()).expect("write nfc tables");
    let mut code = String::from("pub const LEXICON_FILES: &[(&str, &str)] = &[\n");
    let mut lexicons = Vec::new();
    for path in json_files(&root, "data/lexicon") {
        let name = name_of(&path);
        let text = fs::read_to_string(&path).expect("lexicon file is UTF-8");
        match lexicon::Lexicon::parse(&name, &text) {
            Ok(lex) => lexicons.push(lex),
            Err(e) => panic!("data/lexicon/{e}"),
        }
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let vocabulary = Path::new(&out_dir).join("vocabulary.bin");
    fs::write(&vocabulary, matcher::compile(&lexicons)).expect("write the vocabulary");
    code.push_str(&format!(
        "pub static VOCABULARY: &[u8] = include_bytes!({:?});\n",
        vocabulary.display().to_string()
    ));

    code.push_str("#[allow(dead_code)] // minified JSON, for tests and tools\n");
    code.push_str("pub const KB_FILES: &[(&str, &str)] = &[\n");
    let kb_files: Vec<(String, String)> = json_files(&root, "data/kb")
        .iter()
        .map(|p| {
            (
                name_of(p),
                fs::read_to_string(p).expect("knowledge file is UTF-8"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = kb_files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    if let Err(e) = kb::Knowledge::from_files(&refs) {
        panic!("data/kb/{e}");
    }
    let mut packed_files = String::from("pub const KB_PACKED: &[(&str, &[u8])] = &[\n");
    // the knowledge's fingerprint (`knowledge_version`): FNV-1a over each file's name and
    // minified JSON, in file order
    let mut hash: u32 = 0x811c_9dc5;
    for (name, text) in kb_files {
        let value = serde_json::from_str::<serde_json::Value>(&text).expect("validated above");
        for b in name.bytes().chain(value.to_string().bytes()) {
            hash = (hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        for (target, embedded, list, include) in [
            (
                format!("kb-{name}"),
                value.to_string().into_bytes(),
                &mut code,
                "include_str",
            ),
            (
                format!("kb-{name}.packed"),
                packed::pack(&value),
                &mut packed_files,
                "include_bytes",
            ),
        ] {
            let target = Path::new(&out_dir).join(target);
            fs::write(&target, embedded).expect("write embedded data");
            list.push_str(&format!(
                "    ({name:?}, {include}!({:?})),\n",
                target.display().to_string()
            ));
        }
    }
    code.push_str("];\n");
    code.push_str(&packed_files);
    code.push_str("];\n");
    code.push_str(&format!(
        "pub static KB_VERSION: &str = \"kb-{hash:08x}\";\n"
    ));
    for (file, name) in [
        ("card-text.json", "CARD_TEXT"),
        ("card-languages.json", "CARD_LANGUAGES"),
    ] {
        let path = Path::new(&root).join("data").join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let value: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(&path).unwrap_or_else(|e| panic!("data/{file}: {e}")),
        )
        .unwrap_or_else(|e| panic!("data/{file}: {e}"));
        let target = Path::new(&out_dir).join(format!("{file}.packed"));
        fs::write(&target, packed::pack(&value)).expect("write embedded data");
        code.push_str(&format!(
            "pub static {name}: &[u8] = include_bytes!({:?});\n",
            target.display().to_string()
        ));
    }
    // the card strings of the languages beyond English and Hindi, packed: built into the
    // native core and the checker page's (the extension's loads them from its package)
    let dir = Path::new(&root).join("data").join("card-text");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut langs: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("data/card-text: {e}"))
        .map(|e| e.expect("data/card-text entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    langs.sort();
    code.push_str("#[allow(dead_code)] // not in the extension's core\n");
    code.push_str("pub static CARD_TEXT_MORE: &[(&str, &[u8])] = &[\n");
    for path in langs {
        println!("cargo:rerun-if-changed={}", path.display());
        let lang = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("file name");
        let value: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("data/card-text/{lang}.json: {e}")),
        )
        .unwrap_or_else(|e| panic!("data/card-text/{lang}.json: {e}"));
        let target = Path::new(&out_dir).join(format!("card-text-{lang}.packed"));
        fs::write(&target, packed::pack(&value)).expect("write embedded data");
        code.push_str(&format!(
            "    ({lang:?}, include_bytes!({:?})),\n",
            target.display().to_string()
        ));
    }
    code.push_str("];\n");
    fs::write(Path::new(&out_dir).join("embedded.rs"), code).expect("write embedded.rs");
}
