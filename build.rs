//! Embeds every data file (lexicons, knowledge base) into the library, so that the binary and
//! the WASM carry their default knowledge. Adding a language or a knowledge file means adding
//! a file under `data/`, not code.
//!
//! Lexicon terms are normalized here, with the same code the detector uses at run time
//! (`src/normalize.rs`), and every file is minified: the core starts faster and ships smaller.

#[path = "src/normalize.rs"]
#[allow(dead_code)]
mod normalize;

use serde_json::Value;
use std::{env, fs, path::Path};

/// Normalize every term of a lexicon (all strings except the header keys).
fn normalize_terms(value: &mut Value) {
    match value {
        Value::String(term) => {
            let prefix = term.ends_with('*');
            let mut folded = normalize::normalize(term.trim_end_matches('*')).text;
            if prefix {
                folded.push('*');
            }
            *term = folded;
        }
        Value::Array(items) => {
            items.iter_mut().for_each(normalize_terms);
            // spellings that normalize alike (old and new Malayalam chillus, ...) become one
            let mut seen = std::collections::HashSet::new();
            items.retain(|item| seen.insert(item.to_string()));
        }
        Value::Object(map) => map.values_mut().for_each(normalize_terms),
        _ => {}
    }
}

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=src/normalize.rs");
    let mut code = String::new();
    for (konst, dir) in [("LEXICON_FILES", "data/lexicon"), ("KB_FILES", "data/kb")] {
        let dir = Path::new(&root).join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = fs::read_dir(&dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "json"));
        files.sort();
        code.push_str(&format!("pub const {konst}: &[(&str, &str)] = &[\n"));
        for path in files {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let text = fs::read_to_string(&path).expect("data file is UTF-8");
            // a file that is not JSON is embedded as it is: the loader reports it precisely
            let embedded = match serde_json::from_str::<Value>(&text) {
                Ok(mut value) => {
                    if konst == "LEXICON_FILES" {
                        if let Value::Object(map) = &mut value {
                            for (key, v) in map.iter_mut() {
                                if !matches!(key.as_str(), "lang" | "name" | "script" | "negation")
                                {
                                    normalize_terms(v);
                                }
                            }
                        }
                    }
                    value.to_string()
                }
                Err(_) => text,
            };
            let target = Path::new(&out_dir).join(format!("{konst}-{name}"));
            fs::write(&target, embedded).expect("write embedded data");
            code.push_str(&format!(
                "    ({name:?}, include_str!({:?})),\n",
                target.display().to_string()
            ));
        }
        code.push_str("];\n");
    }
    fs::write(Path::new(&out_dir).join("embedded.rs"), code).expect("write embedded.rs");
}
