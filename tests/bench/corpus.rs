//! Native benchmarks on the real corpora (`cargo bench --bench corpus`):
//! Mozilla Readability's test pages (`../shared/corpora/readability`, each
//! `<case>/source.html`) and the WCXB development pages of type article
//! (`../shared/corpora/wcxb-dev`, listed in its `index.json`).
//!
//! Per corpus, each benchmark runs over every page of it:
//!
//! - `parse`: HTML bytes to the page model ([`html::parse`]: decoding,
//!   the input checks, html5ever, the model builder);
//! - `analyse`: [`lede::clean`], the clutter detectors;
//! - `extract`: [`lede::read::extract`], the reading view from a page and
//!   its clutter report (analysis done beforehand);
//! - `read`: [`lede::read`], analysis and extraction together.
//!
//! Pages are read with the document URL `lede eval read` gives them.
//! `pages-per-second/<corpus>` runs the whole path of `lede read --format
//! html FILE` in-process (read the file, decode, parse, analyse, extract,
//! render the standalone page) over the corpus on 1 and on 2 worker threads
//! (pages taken from a shared counter). The WCXB pages are stored gzipped;
//! this path reads decompressed copies written once to
//! `<target>/tmp/bench-corpus/wcxb-articles/` (the CLI runs of
//! `scripts/bench-native.sh` read them too). `largest/<corpus>/<page>`
//! times the phases on the largest page of each corpus.
//!
//! Before measuring, one pass times every page's phases and reports the
//! pages far slower per byte than the corpus's median (set
//! `LEDE_BENCH_SCAN=0` to skip it). At the end a summary table is printed
//! from criterion's own estimates.

// Corpus listing is `lede eval`'s, not duplicated here.
#[path = "../../src/bin/lede/eval/corpus.rs"]
mod corpus;
mod report;

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use lede::{adapter::html, Limits, Page, Report};
use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// Where the shared corpora are.
const CORPORA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora");
/// The document URL Readability's tests (and `lede eval read`) read every page with.
const READABILITY_URL: &str = "http://fakehost/test/page.html";
/// Worker threads the whole path is measured on.
const THREADS: [usize; 2] = [1, 2];
/// Smallest page whose time per byte the outlier scan compares: below it,
/// the fixed cost per page dominates.
const SCAN_MIN_BYTES: usize = 20_000;
/// A page is reported by the scan when its time per byte in a phase is this
/// many times the corpus's median.
const SCAN_OUTLIER_FACTOR: f64 = 3.0;
/// Outliers listed per corpus and phase.
const SCAN_LIST: usize = 5;

/// One page of a corpus.
struct CorpusPage {
    /// Case name (Readability) or id (WCXB).
    name: String,
    /// The file the whole path reads (uncompressed HTML).
    file: PathBuf,
    /// Its bytes.
    bytes: Vec<u8>,
    /// The document URL.
    url: Option<String>,
    /// The parsed page and its clutter report.
    page: Page,
    report: Report,
}

struct Corpus {
    name: &'static str,
    pages: Vec<CorpusPage>,
}

impl Corpus {
    fn bytes(&self) -> u64 {
        self.pages.iter().map(|p| p.bytes.len() as u64).sum()
    }

    fn largest(&self) -> &CorpusPage {
        self.pages.iter().max_by_key(|p| p.bytes.len()).expect("a corpus has pages")
    }
}

/// Parses and analyses a page once, for the benchmarks that start later in the pipeline.
fn prepare(name: String, file: PathBuf, bytes: Vec<u8>, url: Option<String>) -> Result<CorpusPage, String> {
    let page = html::parse(&bytes, &Limits::default()).map_err(|e| format!("{name}: {e}"))?.page;
    let report = lede::clean(&page);
    Ok(CorpusPage { name, file, bytes, url, page, report })
}

fn readability() -> Result<Corpus, String> {
    let dir = Path::new(CORPORA).join("readability");
    let cases = corpus::readability_cases(&dir);
    if cases.is_empty() {
        return Err(format!("no Readability test pages (<case>/source.html + expected.html) in {}", dir.display()));
    }
    let mut pages = Vec::new();
    for case in cases {
        let name = case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let file = case.join("source.html");
        let bytes = corpus::read_page(&file).map_err(|e| format!("{e:#}"))?;
        pages.push(prepare(name, file, bytes, Some(READABILITY_URL.to_string()))?);
    }
    Ok(Corpus { name: "readability", pages })
}

fn wcxb_articles() -> Result<Corpus, String> {
    let dir = Path::new(CORPORA).join("wcxb-dev");
    let files = corpus::wcxb_files(&dir).map_err(|e| format!("{e:#}"))?;
    let plain = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-corpus/wcxb-articles");
    std::fs::create_dir_all(&plain).map_err(|e| format!("cannot create {}: {e}", plain.display()))?;
    let mut pages = Vec::new();
    for f in files.iter().filter(|f| f.page_type == "article") {
        let bytes = corpus::read_page(&f.html(&dir)).map_err(|e| format!("{e:#}"))?;
        let file = plain.join(format!("{}.html", f.id));
        if std::fs::metadata(&file).map(|m| m.len()).ok() != Some(bytes.len() as u64) {
            let part = file.with_extension("part");
            std::fs::write(&part, &bytes).and_then(|_| std::fs::rename(&part, &file)).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        }
        let truth: serde_json::Value = std::fs::read_to_string(f.ground_truth(&dir))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        let url = truth.get("url").and_then(|u| u.as_str()).filter(|u| url::Url::parse(u).is_ok()).map(str::to_string);
        pages.push(prepare(f.id.clone(), file, bytes, url)?);
    }
    if pages.is_empty() {
        return Err(format!("no article pages listed in {}", dir.join("index.json").display()));
    }
    Ok(Corpus { name: "wcxb-articles", pages })
}

/// The three phases, in order.
const PHASES: [&str; 3] = ["parse", "analyse", "extract"];

/// Runs one phase on one page.
fn run_phase(phase: &str, p: &CorpusPage, limits: &Limits) {
    match phase {
        "parse" => drop(black_box(html::parse(black_box(&p.bytes), limits))),
        "analyse" => drop(black_box(lede::clean(black_box(&p.page)))),
        "extract" => drop(black_box(lede::read::extract(black_box(&p.page), &p.report, p.url.as_deref()))),
        "read" => drop(black_box(lede::read(black_box(&p.page), p.url.as_deref()))),
        other => unreachable!("no phase {other}"),
    }
}

/// `lede read --format html FILE`, in-process: the rendered page's length.
fn whole_path(file: &Path, limits: &Limits) -> usize {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let parsed = html::parse(&bytes, limits).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let article = lede::read(&parsed.page, None);
    lede::read::render::html_page(&article).len()
}

/// The whole path over `files` on `workers` threads, each taking the next
/// page from a shared counter.
fn whole_path_on(files: &[PathBuf], workers: usize, limits: &Limits) -> usize {
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut out = 0;
                    while let Some(f) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                        out += whole_path(f, limits);
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("worker panicked")).sum()
    })
}

/// Times every page's phases once (best of three) and lists the pages
/// far slower per byte than the corpus's median.
fn scan(corpus: &Corpus) -> Vec<String> {
    let limits = Limits::default();
    let mut lines = Vec::new();
    for phase in PHASES {
        let mut per_byte: Vec<(f64, f64, &CorpusPage)> = corpus
            .pages
            .iter()
            .filter(|p| p.bytes.len() >= SCAN_MIN_BYTES)
            .map(|p| {
                let best = (0..3)
                    .map(|_| {
                        let t = Instant::now();
                        run_phase(phase, p, &limits);
                        t.elapsed().as_secs_f64()
                    })
                    .fold(f64::INFINITY, f64::min);
                (best * 1e9 / p.bytes.len() as f64, best, p)
            })
            .collect();
        let describe =
            |(nb, t, p): &(f64, f64, &CorpusPage)| format!("{} ({} KB, {}, {:.1} ns/B)", p.name, p.bytes.len() / 1000, report::duration(t * 1e9), nb);
        per_byte.sort_by(|a, b| b.0.total_cmp(&a.0));
        let median = per_byte[per_byte.len() / 2].0;
        let outliers: Vec<String> =
            per_byte.iter().take_while(|(nb, _, _)| *nb > SCAN_OUTLIER_FACTOR * median).take(SCAN_LIST).map(describe).collect();
        per_byte.sort_by(|a, b| b.1.total_cmp(&a.1));
        let slowest: Vec<String> = per_byte.iter().take(SCAN_LIST).map(describe).collect();
        lines.push(format!(
            "{} {phase}: median {median:.1} ns/B over {} pages >= {} KB\n  slowest: {}\n  above {SCAN_OUTLIER_FACTOR}x the median per byte: {}",
            corpus.name,
            per_byte.len(),
            SCAN_MIN_BYTES / 1000,
            slowest.join(", "),
            if outliers.is_empty() { "none".to_string() } else { outliers.join(", ") }
        ));
    }
    lines
}

fn phases(c: &mut Criterion, corpus: &Corpus) {
    let limits = Limits::default();
    let mut group = c.benchmark_group(corpus.name);
    group.sampling_mode(SamplingMode::Flat).throughput(Throughput::Bytes(corpus.bytes()));
    for phase in PHASES.into_iter().chain(["read"]) {
        group.bench_function(phase, |b| {
            b.iter(|| {
                for p in &corpus.pages {
                    run_phase(phase, p, &limits);
                }
            })
        });
    }
    group.finish();

    let largest = corpus.largest();
    let mut group = c.benchmark_group("largest");
    group.throughput(Throughput::Bytes(largest.bytes.len() as u64));
    for phase in PHASES.into_iter().chain(["read"]) {
        group.bench_function(BenchmarkId::new(format!("{}/{}", corpus.name, largest.name), phase), |b| {
            b.iter(|| run_phase(phase, largest, &limits))
        });
    }
    group.finish();

    let files: Vec<PathBuf> = corpus.pages.iter().map(|p| p.file.clone()).collect();
    let mut group = c.benchmark_group("pages-per-second");
    group.sampling_mode(SamplingMode::Flat).throughput(Throughput::Elements(files.len() as u64));
    for workers in THREADS {
        group.bench_function(BenchmarkId::new(corpus.name, threads(workers)), |b| {
            b.iter(|| whole_path_on(black_box(&files), workers, &limits))
        });
    }
    group.finish();
}

/// "1-thread", "2-threads": the parameter of the pages-per-second benchmarks.
fn threads(workers: usize) -> String {
    format!("{workers}-thread{}", if workers == 1 { "" } else { "s" })
}

/// The summary table, from criterion's estimates of this run.
fn summary(corpora: &[Corpus], scans: &[String], since: SystemTime) -> String {
    let m: HashMap<String, f64> = report::medians(since);
    let mib = |bytes: f64| bytes / (1024.0 * 1024.0);
    let mut phases = String::new();
    for c in corpora {
        let (pages, bytes) = (c.pages.len(), c.bytes() as f64);
        for phase in PHASES.into_iter().chain(["read"]) {
            let Some(&ns) = m.get(&format!("{}/{phase}", c.name)) else { continue };
            phases += &format!(
                "{:<14} {:>5} {:>8.1}  {:<8} {:>10} {:>10} {:>8.1}\n",
                c.name,
                pages,
                mib(bytes),
                phase,
                report::duration(ns),
                report::duration(ns / pages as f64),
                mib(bytes) / (ns / 1e9)
            );
        }
    }
    let mut rates = String::new();
    for c in corpora {
        let rate = |w: usize| m.get(&format!("pages-per-second/{}/{}", c.name, threads(w))).map(|ns| c.pages.len() as f64 / (ns / 1e9));
        if let (Some(one), Some(two)) = (rate(1), rate(2)) {
            rates += &format!("{:<14} 1 thread {one:>7.1} pages/s   2 threads {two:>7.1} pages/s   ({:.2}x)\n", c.name, two / one);
        }
    }
    let mut largest = String::new();
    for c in corpora {
        let l = c.largest();
        let times: Vec<String> = PHASES
            .into_iter()
            .chain(["read"])
            .filter_map(|ph| m.get(&format!("largest/{}/{}/{ph}", c.name, l.name)).map(|ns| format!("{ph} {}", report::duration(*ns))))
            .collect();
        if !times.is_empty() {
            largest += &format!("{:<14} {} ({} bytes, {} model nodes): {}\n", c.name, l.name, l.bytes.len(), l.page.len(), times.join(", "));
        }
    }
    let mut out = String::from("\n== lede corpus benchmarks: summary (criterion medians; MiB = 2^20 bytes) ==\n");
    if !phases.is_empty() {
        out += &format!("{:<14} {:>5} {:>8}  {:<8} {:>10} {:>10} {:>8}\n", "corpus", "pages", "MiB", "phase", "total", "per page", "MiB/s");
        out += &phases;
    }
    if !rates.is_empty() {
        out += "\nwhole `lede read --format html FILE` path in-process (read, decode, parse, analyse, extract, render):\n";
        out += &rates;
    }
    if !largest.is_empty() {
        out += "\nlargest page of each corpus:\n";
        out += &largest;
    }
    if !scans.is_empty() {
        out += "\nper-page scan (best of 3 per page):\n";
        for line in scans {
            out += &format!("{line}\n");
        }
    }
    out
}

fn main() {
    let since = SystemTime::now();
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut corpora = Vec::new();
    for load in [readability as fn() -> Result<Corpus, String>, wcxb_articles] {
        match load() {
            Ok(corpus) => {
                eprintln!("corpus {}: {} pages, {} bytes", corpus.name, corpus.pages.len(), corpus.bytes());
                corpora.push(corpus);
            }
            Err(e) => eprintln!("CORPUS MISSING, NOT MEASURED: {e} (the corpora belong in {CORPORA})"),
        }
    }
    if corpora.is_empty() {
        eprintln!("no corpus found under {CORPORA}: nothing was measured");
        std::process::exit(1);
    }
    let mut scans = Vec::new();
    if std::env::var_os("LEDE_BENCH_SCAN").is_none_or(|v| v != "0") {
        for corpus in &corpora {
            for line in scan(corpus) {
                eprintln!("scan: {line}");
                scans.push(line);
            }
        }
    }
    for corpus in &corpora {
        phases(&mut c, corpus);
    }
    c.final_summary();
    print!("{}", summary(&corpora, &scans, since));
}
