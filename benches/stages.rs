//! Where native checking spends its time, stage by stage, on a JSON Lines corpus (for
//! `make bench`): one pass over the bytes (UTF-8 decoding with a per-character test, the floor
//! any checker pays), normalize (NFC and folding), scan (words against the vocabulary index),
//! the whole `check` (the decision and its evidence is the rest), and the card for claims.
//! Prints one JSON line of MB/s per stage, timed in CPU time where Linux reports it (other
//! work on a shared machine then does not count).
//! Usage: cargo bench --bench stages -- CORPUS.jsonl

#[path = "common/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::time::Instant;

/// Seconds this thread has run on a CPU (Linux's schedstat, in nanoseconds), so that other
/// work on a shared machine does not count; None elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Seconds for one run of `f` over every post (best of `runs`): CPU time where the system
/// reports it, else wall time.
fn best(posts: &[String], runs: usize, f: impl Fn(&str)) -> f64 {
    (0..runs)
        .map(|_| {
            let (t, cpu) = (Instant::now(), cpu_seconds());
            for p in posts {
                f(black_box(p));
            }
            match (cpu, cpu_seconds()) {
                (Some(a), Some(b)) => b - a,
                _ => t.elapsed().as_secs_f64(),
            }
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let corpus = std::env::args()
        .skip(1)
        .find(|a| a.ends_with(".jsonl"))
        .expect("usage: cargo bench --bench stages -- CORPUS.jsonl");
    let (posts, bytes) = corpus::read(&corpus);
    let d = leaklens::detector();
    let kb = leaklens::knowledge();
    d.check("warm up");
    let runs = 5;
    let mb = |secs: f64| bytes as f64 / 1e6 / secs;
    // the floor: decode every character once and ask whether it belongs to a word
    let one_pass = best(&posts, runs, |p| {
        black_box(
            p.chars()
                .filter(|c| leaklens::normalize::is_word_char(*c))
                .count(),
        );
    });
    let normalize = best(&posts, runs, |p| {
        black_box(leaklens::normalize::normalize(p));
    });
    let scan = best(&posts, runs, |p| {
        let n = leaklens::normalize::normalize(p);
        black_box(d.matcher().scan(&n.text));
    });
    let check = best(&posts, runs, |p| {
        black_box(d.check(p));
    });
    let options = leaklens::card::CardOptions::default();
    let with_card = best(&posts, runs, |p| {
        black_box(leaklens::check_with(kb, p, &options, false));
    });
    println!(
        "{}",
        serde_json::json!({
            "posts": posts.len(),
            "bytes": bytes,
            "one_pass_mb_s": mb(one_pass),
            "normalize_mb_s": mb(normalize),
            "normalize_scan_mb_s": mb(scan),
            "check_mb_s": mb(check),
            "check_with_card_mb_s": mb(with_card),
            "clock": if cpu_seconds().is_some() { "thread CPU time" } else { "wall time" },
            "seconds": {"one_pass": one_pass, "normalize": normalize, "scan": scan - normalize,
                        "decide": check - scan, "card": with_card - check},
        })
    );
}
