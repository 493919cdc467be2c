//! The bench corpus (`bench/corpus.mjs`'s JSON lines): each post's text, and their bytes.
//! Included by the benches that read it (`#[path]`; a folder, so cargo does not take it for a
//! bench of its own), so they read it alike.

pub fn read(path: &str) -> (Vec<String>, usize) {
    let text = std::fs::read_to_string(path).expect("corpus");
    let posts: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("corpus line");
            v["text"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    let bytes = posts.iter().map(String::len).sum();
    (posts, bytes)
}
