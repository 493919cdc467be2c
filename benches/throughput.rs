//! Native figures for `make bench` (bench/report.mjs runs this and reads its JSON):
//! start-up (lexicons + matcher + knowledge), `check` over a JSON Lines corpus (µs per post,
//! MB/s), and how checking time grows with input size, on ordinary and adversarial inputs.
//! Usage: cargo bench --bench throughput -- CORPUS.jsonl

use std::hint::black_box;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Milliseconds to check `text`, median of `runs`.
fn time_check(text: &str, runs: usize) -> f64 {
    let d = leaklens::detector();
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(d.check(black_box(text)));
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect(),
    )
}

/// Inputs of about `bytes` bytes of several kinds, ordinary and adversarial.
fn inputs(bytes: usize, sample: &str) -> Vec<(&'static str, String)> {
    let fill = |unit: &str| unit.repeat(bytes / unit.len().max(1) + 1)[..].to_string();
    let cut = |s: String| {
        let mut end = bytes.min(s.len());
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s[..end].to_string()
    };
    vec![
        ("mixed posts", cut(fill(sample))),
        ("one character repeated", cut("a".repeat(bytes))),
        ("one Devanagari letter repeated", cut(fill("क"))),
        (
            "near-miss keywords",
            cut(fill(
                "leakx cowinn aadhaarr breachy icmrr datum लीकक कोविनन ",
            )),
        ),
        (
            "keywords without support",
            cut(fill("leak leaked breach hacked dumped exposed ")),
        ),
        ("deep mixed scripts", cut(fill("aक১க్ഒਗଓاలz"))),
        ("one endless word", cut(fill("leakleakleak"))),
    ]
}

fn main() {
    let corpus = std::env::args()
        .skip(1)
        .find(|a| a.ends_with(".jsonl"))
        .expect("usage: cargo bench --bench throughput -- CORPUS.jsonl");

    // start-up: load the compiled vocabulary, load the knowledge (fresh each time)
    let startup = median(
        (0..7)
            .map(|_| {
                let t = Instant::now();
                black_box(leaklens::load_detector().unwrap());
                black_box(leaklens::load_knowledge().unwrap());
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect(),
    );

    let text = std::fs::read_to_string(&corpus).expect("corpus");
    let posts: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("corpus line");
            v["text"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    let bytes: usize = posts.iter().map(String::len).sum();
    let d = leaklens::detector();
    for p in posts.iter().take(1000) {
        black_box(d.check(p)); // warm caches
    }
    let runs: Vec<f64> = (0..3)
        .map(|_| {
            let t = Instant::now();
            for p in &posts {
                black_box(d.check(black_box(p)));
            }
            t.elapsed().as_secs_f64()
        })
        .collect();
    let secs = median(runs);

    let sample: String = posts.iter().take(200).map(|p| format!("{p}\n")).collect();
    let mut linear = Vec::new();
    for ((kind, one), (_, two)) in inputs(1 << 20, &sample)
        .into_iter()
        .zip(inputs(2 << 20, &sample))
    {
        let (t1, t2) = (time_check(&one, 5), time_check(&two, 5));
        linear
            .push(serde_json::json!({"input": kind, "ms_1mb": t1, "ms_2mb": t2, "ratio": t2 / t1}));
    }

    println!(
        "{}",
        serde_json::json!({
            "startup_ms": startup,
            "posts": posts.len(),
            "bytes": bytes,
            "us_per_post": secs * 1e6 / posts.len() as f64,
            "mb_per_s": bytes as f64 / 1e6 / secs,
            "linearity": linear,
        })
    );
}
