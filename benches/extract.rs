//! Throughput of `extract` over the fixtures, beside jieba-rs segmentation alone over the
//! same text, so the ratio between them shows in one run.
//!
//! `XINWEN_BENCH_CORPUS=../shared/corpus/tech_digest.txt cargo bench` adds a larger corpus
//! (one document per line).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn fixtures() -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"))
        .expect("fixtures directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("fixture is UTF-8")).collect()
}

fn bench_docs(c: &mut Criterion, name: &str, docs: &[String]) {
    let extractor = xinwen::Extractor::builder()
        .reference_date("2025-07-20".parse().expect("valid date"))
        .build()
        .expect("default lexicons build");
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("extract", |b| {
        b.iter(|| {
            for d in docs {
                black_box(extractor.extract(black_box(d)));
            }
        })
    });
    g.bench_function("jieba_segment_only", |b| {
        b.iter(|| {
            for d in docs {
                black_box(extractor.segment(black_box(d)));
            }
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    bench_docs(c, "fixtures", &fixtures());
    if let Ok(path) = std::env::var("XINWEN_BENCH_CORPUS") {
        let text = std::fs::read_to_string(&path).expect("XINWEN_BENCH_CORPUS is readable UTF-8");
        let docs: Vec<String> =
            text.lines().filter(|l| !l.trim().is_empty()).map(String::from).collect();
        bench_docs(c, "corpus", &docs);
    }
    // Pathological but legal input: one sentence listing thousands of names. Linking and
    // list evidence must stay linear in the number of mentions.
    let many = format!("{}表示", vec!["李明"; 5000].join("、"));
    bench_docs(c, "many_mentions", std::slice::from_ref(&many));
    c.bench_function("build_extractor", |b| {
        b.iter(|| black_box(xinwen::Extractor::new().expect("builds")))
    });
}

criterion_group!(extract, benches);
criterion_main!(extract);
