//! Native benchmarks of the pipeline (`cargo bench`): parsing, cleaning and
//! reading on synthetic pages of growing size, including the 10,000
//! paragraph page the duplicate detector must handle in well under a
//! second (near-duplicate search is banded MinHash, not all pairs), and on
//! the seed pages. `nodes` measures growth on news-like pages of 1,000,
//! 10,000 and 100,000 DOM nodes (`synth.rs`, the browser benchmark's
//! pages); its throughput is nodes per second, and the summary printed at
//! the end gives the time per node, which stays flat when cost grows
//! linearly.

mod report;
mod synth;

use criterion::{BenchmarkId, Criterion, Throughput};
use lede::{adapter::html, Limits};
use std::hint::black_box;
use std::time::SystemTime;

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

/// Sizes of the `nodes` pages, in DOM nodes.
const NODE_SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Parse, clean and read on the synthetic pages of [`NODE_SIZES`] nodes;
/// returns each page's exact DOM node count (elements and texts, as
/// html5ever builds them), model node count and bytes.
fn nodes(c: &mut Criterion) -> Vec<(usize, usize, usize, usize)> {
    let limits = Limits::default();
    let mut sizes = Vec::new();
    let mut group = c.benchmark_group("nodes");
    group.sample_size(10);
    for n in NODE_SIZES {
        let page = synth::synthetic(n);
        let parsed = html::parse(page.as_bytes(), &limits).expect("parses");
        let dom = parsed.html.tree.values().filter(|v| v.is_element() || v.is_text()).count();
        sizes.push((n, dom, parsed.page.len(), page.len()));
        group.throughput(Throughput::Elements(dom as u64));
        group.bench_with_input(BenchmarkId::new("parse", n), &page, |b, p| b.iter(|| html::parse_str(black_box(p), &limits)));
        group.bench_with_input(BenchmarkId::new("clean", n), &parsed.page, |b, p| b.iter(|| lede::clean(black_box(p))));
        group.bench_with_input(BenchmarkId::new("read", n), &parsed.page, |b, p| b.iter(|| lede::read(black_box(p), None)));
    }
    group.finish();
    sizes
}

fn main() {
    let since = SystemTime::now();
    let mut c = Criterion::default().configure_from_args();
    pipeline(&mut c);
    let sizes = nodes(&mut c);
    c.final_summary();
    let m = report::medians(since);
    let mut out = String::from("\n== synthetic pages by DOM nodes: summary (criterion medians) ==\n");
    out += &format!("{:>7} {:>9} {:>9} {:>10}  {:<6} {:>10} {:>10}\n", "target", "DOM nodes", "model", "bytes", "phase", "total", "per node");
    for (n, dom, model, bytes) in sizes {
        for phase in ["parse", "clean", "read"] {
            let Some(&ns) = m.get(&format!("nodes/{phase}/{n}")) else { continue };
            out += &format!("{n:>7} {dom:>9} {model:>9} {bytes:>10}  {phase:<6} {:>10} {:>10}\n", report::duration(ns), report::duration(ns / dom as f64));
        }
    }
    print!("{out}");
}
