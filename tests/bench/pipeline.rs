//! Native benchmarks of the pipeline (`cargo bench`): parsing, cleaning and
//! reading on synthetic pages of growing size, including the 10,000
//! paragraph page the duplicate detector must handle in well under a
//! second (near-duplicate search is banded MinHash, not all pairs), and on
//! the seed pages.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use lede::{adapter::html, Limits};
use std::hint::black_box;

/// A page of `n` paragraphs of varied words, every tenth one a near copy
/// of an earlier one (one word changed), every twentieth an exact copy.
fn synthetic(n: usize) -> String {
    const WORDS: &[&str] = &[
        "council", "budget", "harbour", "ferry", "school", "river", "bridge", "market", "minister", "report",
        "winter", "station", "museum", "library", "court", "hospital", "tender", "contract", "island", "valley",
        "evening", "service", "workers", "union", "growth", "traffic", "weather", "festival", "election", "mayor",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut paragraphs: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        let p = if i >= 20 && i % 20 == 0 {
            paragraphs[i - 15].clone()
        } else if i >= 10 && i % 10 == 0 {
            paragraphs[i - 7].replacen("the", "a", 1)
        } else {
            let words: Vec<&str> = (0..45).map(|_| WORDS[(next() % WORDS.len() as u64) as usize]).collect();
            format!("The {}.", words.join(" "))
        };
        paragraphs.push(p);
    }
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!("<!DOCTYPE html><html><head><title>Synthetic</title></head><body><article><h1>Synthetic</h1>{body}</article></body></html>")
}

fn pipeline(c: &mut Criterion) {
    let limits = Limits::default();
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    for n in [100, 1_000, 10_000] {
        let page = synthetic(n);
        let parsed = html::parse_str(&page, &limits).expect("parses");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("parse", n), &page, |b, p| b.iter(|| html::parse_str(black_box(p), &limits)));
        group.bench_with_input(BenchmarkId::new("clean", n), &parsed, |b, p| b.iter(|| lede::clean(black_box(p))));
        group.bench_with_input(BenchmarkId::new("read", n), &parsed, |b, p| b.iter(|| lede::read(black_box(p), None)));
    }
    group.finish();

    let mut group = c.benchmark_group("seeds");
    for name in ["menafn-envoy", "orlandoecho-witkoff"] {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora/seeds/").to_string() + name + ".html";
        let Ok(page) = std::fs::read_to_string(&path) else { continue };
        let parsed = html::parse_str(&page, &limits).expect("parses");
        group.bench_function(BenchmarkId::new("clean", name), |b| b.iter(|| lede::clean(black_box(&parsed))));
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
