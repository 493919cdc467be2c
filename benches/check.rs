//! `cargo bench --bench check`: the detector on the mixed-language development corpus
//! (13 languages, claims and hard negatives): time per post and throughput in bytes.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn corpus_texts() -> Vec<String> {
    let dir = std::path::Path::new("tests/corpus");
    let items = leaklens::eval::load_corpus_dir(dir).expect("run from the crate root");
    items.into_iter().map(|i| i.text).collect()
}

fn bench(c: &mut Criterion) {
    let texts = corpus_texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let detector = leaklens::detector();
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("mixed corpus ({} posts)", texts.len()), |b| {
        b.iter(|| {
            for t in &texts {
                black_box(detector.check(black_box(t)));
            }
        })
    });
    group.finish();
    c.bench_function("load the embedded vocabulary", |b| {
        b.iter(|| black_box(leaklens::load_detector().unwrap()))
    });
    c.bench_function("compile the lexicons and load them", |b| {
        b.iter(|| {
            let lexicons = leaklens::lexicons().unwrap();
            black_box(leaklens::Detector::new(&lexicons))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
