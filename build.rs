//! Embeds the data files into the library, so that the binary and the WASM carry their default
//! knowledge. Adding a language or a knowledge file means adding a file under `data/`, not code.
//!
//! - `data/lexicon/*.json` are validated and compiled (with the detector's own code, included
//!   below) into one vocabulary table, `VOCABULARY`, which the core loads without parsing JSON
//!   or normalizing terms. A broken lexicon fails the build with its file and the reason. The
//!   files themselves are embedded too (`LEXICON_FILES`), for tools and tests.
//! - `data/kb/*.json` are minified and embedded (`KB_FILES`); the knowledge loader validates
//!   them and reports a broken file precisely.

#[path = "src/ids.rs"]
#[allow(dead_code)]
mod ids;
#[path = "src/lexicon.rs"]
#[allow(dead_code)]
mod lexicon;
#[path = "src/matcher.rs"]
#[allow(dead_code)]
mod matcher;
#[path = "src/normalize.rs"]
#[allow(dead_code)]
mod normalize;

use std::{env, fs, path::Path, path::PathBuf};

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
    for src in ["ids", "lexicon", "matcher", "normalize"] {
        println!("cargo:rerun-if-changed=src/{src}.rs");
    }
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

    code.push_str("pub const KB_FILES: &[(&str, &str)] = &[\n");
    for path in json_files(&root, "data/kb") {
        let name = name_of(&path);
        let text = fs::read_to_string(&path).expect("knowledge file is UTF-8");
        // a file that is not JSON is embedded as it is: the loader reports it precisely
        let embedded = serde_json::from_str::<serde_json::Value>(&text)
            .map(|v| v.to_string())
            .unwrap_or(text);
        let target = Path::new(&out_dir).join(format!("kb-{name}"));
        fs::write(&target, embedded).expect("write embedded data");
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            target.display().to_string()
        ));
    }
    code.push_str("];\n");
    fs::write(Path::new(&out_dir).join("embedded.rs"), code).expect("write embedded.rs");
}
