//! Native figures for `make bench` (bench/report.mjs runs this and reads its JSON):
//! start-up (vocabulary index + knowledge), `check` over a JSON Lines corpus (µs per post,
//! MB/s), and how checking time grows with input size, on ordinary and adversarial inputs.
//! Usage: cargo bench --bench throughput -- CORPUS.jsonl [--quick]
//! (`--quick`: one run of each, linear time at 64 KB and 128 KB: the smoke in `make test`)

#[path = "common/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Milliseconds to check `a` and `b`, medians of `runs` alternating runs (so that both see the
/// same machine: the same caches, heap and clock).
fn time_pair(a: &str, b: &str, runs: usize) -> (f64, f64) {
    let d = leaklens::detector();
    let time = |text: &str| {
        let t = Instant::now();
        black_box(d.check(black_box(text)));
        t.elapsed().as_secs_f64() * 1e3
    };
    let (ta, tb): (Vec<f64>, Vec<f64>) = (0..runs).map(|_| (time(a), time(b))).unzip();
    (median(ta), median(tb))
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
        (
            "identifiers and near-identifiers",
            cut(fill(
                "Aadhaar 2345 6789 0124, +91 98765 43210, ABCPE1234F, r@x.in, 2345 6789 0125 \
                 order 9876543210 UTC1234567 ९८७६५४३२१० 1234 5678 9012 3456 ",
            )),
        ),
    ]
}

fn main() {
    let corpus = std::env::args()
        .skip(1)
        .find(|a| a.ends_with(".jsonl"))
        .expect("usage: cargo bench --bench throughput -- CORPUS.jsonl [--quick]");
    let quick = std::env::args().any(|a| a == "--quick");
    let (runs, size) = if quick { (1, 64 << 10) } else { (7, 1 << 20) };

    // start-up: load the compiled vocabulary, load the knowledge (fresh each time)
    let startup = median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(leaklens::load_detector().unwrap());
                black_box(leaklens::load_knowledge().unwrap());
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect(),
    );

    let (posts, bytes, secs, sample) = {
        let (posts, bytes) = corpus::read(&corpus);
        let d = leaklens::detector();
        for p in posts.iter().take(1000) {
            black_box(d.check(p)); // warm caches
        }
        let runs: Vec<f64> = (0..runs.min(3))
            .map(|_| {
                let t = Instant::now();
                for p in &posts {
                    black_box(d.check(black_box(p)));
                }
                t.elapsed().as_secs_f64()
            })
            .collect();
        let sample: String = posts.iter().take(200).map(|p| format!("{p}\n")).collect();
        (posts, bytes, median(runs), sample)
    };

    // the personal-data scanner: alone over the corpus, and `check` on the corpus with every
    // fourth post pasting identifiers (the scanner then has work to do)
    let scan_secs = median(
        (0..3)
            .map(|_| {
                let t = Instant::now();
                for p in &posts {
                    black_box(leaklens::personal_data::scan(black_box(p)));
                }
                t.elapsed().as_secs_f64()
            })
            .collect(),
    );
    let pasted: Vec<String> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i % 4 == 0 {
                format!("{p}\nAadhaar 2345 6789 0124, mobile +91 98765 43210, PAN ABCPE1234F")
            } else {
                p.clone()
            }
        })
        .collect();
    let pasted_bytes: usize = pasted.iter().map(String::len).sum();
    let pasted_secs = median(
        (0..3)
            .map(|_| {
                let t = Instant::now();
                for p in &pasted {
                    black_box(leaklens::check(black_box(p)));
                }
                t.elapsed().as_secs_f64()
            })
            .collect(),
    );
    let posts = posts.len();

    // linear time: each kind of input at 1 MB and 2 MB, built just before it is timed
    let kinds = inputs(size, &sample).len();
    let mut linear = Vec::new();
    for k in 0..kinds {
        let (kind, one) = inputs(size, &sample).swap_remove(k);
        let (_, two) = inputs(2 * size, &sample).swap_remove(k);
        let (t1, t2) = time_pair(&one, &two, runs);
        linear
            .push(serde_json::json!({"input": kind, "ms_1mb": t1, "ms_2mb": t2, "ratio": t2 / t1}));
    }

    println!(
        "{}",
        serde_json::json!({
            "startup_ms": startup,
            "posts": posts,
            "bytes": bytes,
            "us_per_post": secs * 1e6 / posts as f64,
            "mb_per_s": bytes as f64 / 1e6 / secs,
            "scan_mb_per_s": bytes as f64 / 1e6 / scan_secs,
            "pasted_us_per_post": pasted_secs * 1e6 / posts as f64,
            "pasted_mb_per_s": pasted_bytes as f64 / 1e6 / pasted_secs,
            "linearity": linear,
        })
    );
}
