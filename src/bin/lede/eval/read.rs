//! `lede eval read DIR`: the reading view scored against a corpus.
//!
//! The corpus is recognised by its layout:
//!
//! - **Readability's test pages** (`DIR/<case>/{source.html, expected.html,
//!   expected-metadata.json}`): word F1 of the article's `text` against the
//!   visible text of `expected.html`, exact title matches, and agreement of
//!   byline, site name, publication time and `readerable` with the expected
//!   metadata. Every page is read as upstream's tests read it, with the
//!   document URL `http://fakehost/test/page.html`. The F1 is also given
//!   with the duplicate detector's findings left in the article, since
//!   many of these pages are made of near-identical filler paragraphs
//!   that lede hides as copies and Readability keeps.
//! - **WCXB** (`DIR/index.json`, `DIR/html/NNNN.html.gz`,
//!   `DIR/ground-truth/NNNN.json`): precision, recall and F1 of `text`
//!   against `ground_truth.main_content` as the benchmark scores them
//!   (see [`super::word_prf`]), per page type, with the share of `with`
//!   snippets found and of `without` snippets wrongly kept. Pages whose
//!   reference is empty are reported apart.
//!
//! The table starts with the summary and ends with every page, best first,
//! so that the worst pages are the last lines (`| tail`).

use super::corpus::{read_page, readability_cases, wcxb_files, WcxbFile};
use super::word_prf;
use anyhow::{bail, Context};
use lede::{adapter::html, Limits, NodeId};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// The document URL Readability's tests parse every page with.
const READABILITY_URL: &str = "http://fakehost/test/page.html";

/// Scores lede on the corpus in `dir` and returns the printed table;
/// `labels` (hand labels of clutter in the reference) apply to
/// Readability's pages.
pub fn run(dir: &Path, labels: Option<&Path>) -> anyhow::Result<String> {
    if dir.join("index.json").is_file() {
        if labels.is_some() {
            bail!("--labels applies to Readability's test pages only");
        }
        wcxb(dir)
    } else if is_readability(dir)? {
        readability(dir, labels)
    } else {
        bail!("{} is neither a WCXB corpus (index.json) nor Readability's test pages (<case>/expected.html)", dir.display())
    }
}

fn is_readability(dir: &Path) -> anyhow::Result<bool> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    Ok(entries.filter_map(Result::ok).any(|e| e.path().join("expected.html").is_file()))
}

/// Runs `job` over `items` on every core, keeping the input order.
fn parallel<T: Sync, R: Send>(items: &[T], job: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        out.push((i, job(item)));
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("worker panicked")).collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

fn mean(xs: impl IntoIterator<Item = f64>) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for x in xs {
        sum += x;
        n += 1;
    }
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

fn share(hits: usize, total: usize) -> String {
    if total == 0 {
        "-".to_string()
    } else {
        format!("{:5.1}% ({hits}/{total})", 100.0 * hits as f64 / total as f64)
    }
}

// ---------------------------------------------------------------------------
// Readability's test pages

/// One Readability case, scored.
struct ReadabilityCase {
    name: String,
    p: f64,
    r: f64,
    f1: f64,
    /// F1 when duplicate findings are left in the article.
    f1_duplicates_kept: f64,
    /// F1 against the reference less its own repeated paragraphs and any
    /// hand-labelled clutter.
    f1_clean_reference: f64,
    title_ok: bool,
    /// Agreement of byline, site name, published time (`None`: not compared).
    fields: [Option<bool>; 3],
    readerable_ok: bool,
    title: String,
    expected_title: String,
    error: Option<String>,
}

/// Field names in `expected-metadata.json` compared with the article's.
const READABILITY_FIELDS: [&str; 3] = ["byline", "siteName", "publishedTime"];

fn readability(dir: &Path, labels: Option<&Path>) -> anyhow::Result<String> {
    let labels = labels.map(super::load_labels).transpose()?.unwrap_or_default();
    let cases = readability_cases(dir);
    let scored = parallel(&cases, |p| readability_case(p, &labels));
    let mut out = String::new();
    let n = scored.len();
    writeln!(out, "Readability test pages: {} ({n} cases, url {READABILITY_URL})", dir.display())?;
    writeln!(out)?;
    writeln!(out, "  mean word F1        {:.4}   (P {:.4}, R {:.4})", mean(scored.iter().map(|c| c.f1)), mean(scored.iter().map(|c| c.p)), mean(scored.iter().map(|c| c.r)))?;
    let changed = scored.iter().filter(|c| (c.f1 - c.f1_duplicates_kept).abs() > 1e-9).count();
    writeln!(
        out,
        "  (duplicates kept)   {:.4}   (F1 with the duplicate findings left in the article; {changed} pages differ)",
        mean(scored.iter().map(|c| c.f1_duplicates_kept))
    )?;
    let changed = scored.iter().filter(|c| (c.f1 - c.f1_clean_reference).abs() > 1e-9).count();
    writeln!(
        out,
        "  (clean reference)   {:.4}   (F1 against expected.html less its own repeated paragraphs{}; {changed} pages differ)",
        mean(scored.iter().map(|c| c.f1_clean_reference)),
        if labels.is_empty() { "" } else { " and the hand-labelled clutter" }
    )?;
    writeln!(out, "  title exact         {}", share(scored.iter().filter(|c| c.title_ok).count(), n))?;
    for (k, name) in READABILITY_FIELDS.iter().enumerate() {
        let compared: Vec<bool> = scored.iter().filter_map(|c| c.fields[k]).collect();
        writeln!(out, "  {name:<19} {}", share(compared.iter().filter(|&&b| b).count(), compared.len()))?;
    }
    writeln!(out, "  readerable          {}", share(scored.iter().filter(|c| c.readerable_ok).count(), n))?;
    let errors = scored.iter().filter(|c| c.error.is_some()).count();
    if errors > 0 {
        writeln!(out, "  errors              {errors}")?;
    }
    writeln!(out)?;
    writeln!(out, "  {:<40} {:>6} {:>6} {:>6} {:>6} {:>6}  title byline site  time  readerable", "case", "F1", "P", "R", "F1dup", "F1ref")?;
    let mut order: Vec<&ReadabilityCase> = scored.iter().collect();
    order.sort_by(|a, b| b.f1.total_cmp(&a.f1).then(a.name.cmp(&b.name)));
    let mark = |b: Option<bool>| match b {
        Some(true) => "ok",
        Some(false) => "NO",
        None => "-",
    };
    for c in order {
        write!(
            out,
            "  {:<40} {:6.3} {:6.3} {:6.3} {:6.3} {:6.3}  {:<5} {:<6} {:<5} {:<5} {}",
            c.name,
            c.f1,
            c.p,
            c.r,
            c.f1_duplicates_kept,
            c.f1_clean_reference,
            mark(Some(c.title_ok)),
            mark(c.fields[0]),
            mark(c.fields[1]),
            mark(c.fields[2]),
            mark(Some(c.readerable_ok))
        )?;
        if !c.title_ok {
            write!(out, "  title {:?} want {:?}", c.title, c.expected_title)?;
        }
        if let Some(e) = &c.error {
            write!(out, "  error: {e}")?;
        }
        writeln!(out)?;
    }
    Ok(out)
}

/// Text read the way the reference was written: whitespace collapsed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shortest reference paragraph whose verbatim repeat is dropped from the
/// clean reference: the duplicate detector's own floor for a block that is
/// a copy whatever stands around it.
const MIN_REPEATED_REFERENCE_CHARS: usize = lede::detect::MIN_STANDALONE_DUPLICATE_CHARS;

/// The reference with what lede is asked to leave out taken away: second
/// and later verbatim copies of a paragraph (the reading view shows no
/// duplicates), and lines labelled by hand as clutter.
fn clean_reference(lines: &[String], labelled: &[(String, String)]) -> String {
    let mut seen = std::collections::HashSet::new();
    lines
        .iter()
        .filter(|l| {
            let print = lede::text::fingerprint(l);
            let repeat = print.chars().count() >= MIN_REPEATED_REFERENCE_CHARS && !seen.insert(print.clone());
            !repeat && !labelled.iter().any(|(_, t)| print.contains(t.as_str()))
        })
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

fn readability_case(dir: &Path, labels: &BTreeMap<String, Vec<(String, String)>>) -> ReadabilityCase {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut case = ReadabilityCase {
        name,
        p: 0.0,
        r: 0.0,
        f1: 0.0,
        f1_duplicates_kept: 0.0,
        f1_clean_reference: 0.0,
        title_ok: false,
        fields: [None; 3],
        readerable_ok: false,
        title: String::new(),
        expected_title: String::new(),
        error: None,
    };
    let load = || -> anyhow::Result<(String, String, Value)> {
        let source = std::fs::read_to_string(dir.join("source.html"))?;
        let expected = std::fs::read_to_string(dir.join("expected.html"))?;
        let meta: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expected-metadata.json"))?)?;
        Ok((source, expected, meta))
    };
    let (source, expected, meta) = match load() {
        Ok(v) => v,
        Err(e) => {
            case.error = Some(format!("{e:#}"));
            return case;
        }
    };
    // Upstream reads the files as UTF-8 and trims them (which drops a BOM).
    let source = source.trim_start_matches('\u{feff}').trim();
    let page = match html::parse_str(source, &Limits::default()) {
        Ok(p) => p,
        Err(e) => {
            case.error = Some(e.to_string());
            return case;
        }
    };
    let article = lede::read(&page, Some(READABILITY_URL));
    let lines = match html::parse_str(expected.trim(), &Limits::default()) {
        Ok(p) => lede::text::visible_lines_in(&p, NodeId::ROOT, &|_| false),
        Err(e) => {
            case.error = Some(format!("expected.html: {e}"));
            Vec::new()
        }
    };
    let reference = lines.join("\n");
    (case.p, case.r, case.f1) = word_prf(&article.text, &reference);
    let labelled = labels.get(&case.name).map(Vec::as_slice).unwrap_or_default();
    case.f1_clean_reference = word_prf(&article.text, &clean_reference(&lines, labelled)).2;
    // The same extraction with the duplicate detector's findings left in:
    // several of these pages are built from near-identical filler
    // paragraphs, which lede hides as copies and Readability keeps.
    let mut report = lede::clean(&page);
    report.hidden.retain(|h| h.kind != lede::Kind::Duplicate);
    let kept = lede::read::extract(&page, &report, Some(READABILITY_URL));
    case.f1_duplicates_kept = word_prf(&kept.text, &reference).2;
    let want = |k: &str| meta.get(k).and_then(Value::as_str).map(collapse);
    case.expected_title = want("title").unwrap_or_default();
    case.title = article.title.clone();
    case.title_ok = collapse(&article.title) == case.expected_title;
    let got = [&article.byline, &article.site_name, &article.published_time];
    for (k, field) in READABILITY_FIELDS.iter().enumerate() {
        let expected = want(field).filter(|s| !s.is_empty());
        let actual = got[k].as_deref().map(collapse).filter(|s| !s.is_empty());
        case.fields[k] = Some(expected == actual);
    }
    case.readerable_ok = meta.get("readerable").and_then(Value::as_bool) == Some(lede::read::readerable(&page));
    case
}

// ---------------------------------------------------------------------------
// WCXB

/// One WCXB page, scored.
struct WcxbPage {
    id: String,
    page_type: String,
    p: f64,
    r: f64,
    f1: f64,
    /// `with` snippets found, of how many.
    with: (usize, usize),
    /// `without` snippets (boilerplate) found, of how many.
    without: (usize, usize),
    empty_reference: bool,
    error: Option<String>,
}

fn wcxb(dir: &Path) -> anyhow::Result<String> {
    let files = wcxb_files(dir)?;
    let scored = parallel(&files, |f| wcxb_page(dir, f));

    let mut out = String::new();
    writeln!(out, "WCXB: {} ({} pages)", dir.display(), scored.len())?;
    writeln!(out)?;
    writeln!(out, "  {:<15} {:>5} {:>7} {:>7} {:>7}   {:>18} {:>18}", "page type", "pages", "P", "R", "F1", "with (found)", "without (kept)")?;
    let mut by_type: BTreeMap<&str, Vec<&WcxbPage>> = BTreeMap::new();
    for p in scored.iter().filter(|p| !p.empty_reference) {
        by_type.entry(p.page_type.as_str()).or_default().push(p);
    }
    let all: Vec<&WcxbPage> = scored.iter().filter(|p| !p.empty_reference).collect();
    let line = |out: &mut String, name: &str, pages: &[&WcxbPage]| -> std::fmt::Result {
        let with = pages.iter().fold((0, 0), |a, p| (a.0 + p.with.0, a.1 + p.with.1));
        let without = pages.iter().fold((0, 0), |a, p| (a.0 + p.without.0, a.1 + p.without.1));
        writeln!(
            out,
            "  {:<15} {:>5} {:7.4} {:7.4} {:7.4}   {:>18} {:>18}",
            name,
            pages.len(),
            mean(pages.iter().map(|p| p.p)),
            mean(pages.iter().map(|p| p.r)),
            mean(pages.iter().map(|p| p.f1)),
            share(with.0, with.1),
            share(without.0, without.1)
        )
    };
    for (t, pages) in &by_type {
        line(&mut out, t, pages)?;
    }
    line(&mut out, "all", &all)?;
    let empty: Vec<&WcxbPage> = scored.iter().filter(|p| p.empty_reference).collect();
    writeln!(out)?;
    writeln!(
        out,
        "  empty reference: {} pages, {} with empty output (they score 1 only then): {}",
        empty.len(),
        empty.iter().filter(|p| p.f1 == 1.0).count(),
        empty.iter().map(|p| format!("{} ({})", p.id, p.page_type)).collect::<Vec<_>>().join(", ")
    )?;
    let errors: Vec<&WcxbPage> = scored.iter().filter(|p| p.error.is_some()).collect();
    for e in &errors {
        writeln!(out, "  error {}: {}", e.id, e.error.as_deref().unwrap_or(""))?;
    }
    writeln!(out)?;
    writeln!(out, "  {:<6} {:<14} {:>6} {:>6} {:>6}  with  without", "id", "type", "F1", "P", "R")?;
    let mut order = all.clone();
    order.sort_by(|a, b| b.f1.total_cmp(&a.f1).then(a.id.cmp(&b.id)));
    for p in order {
        writeln!(
            out,
            "  {:<6} {:<14} {:6.3} {:6.3} {:6.3}  {}/{}   {}/{}",
            p.id, p.page_type, p.f1, p.p, p.r, p.with.0, p.with.1, p.without.0, p.without.1
        )?;
    }
    Ok(out)
}

fn wcxb_page(dir: &Path, file: &WcxbFile) -> WcxbPage {
    let mut page = WcxbPage {
        id: file.id.clone(),
        page_type: file.page_type.clone(),
        p: 0.0,
        r: 0.0,
        f1: 0.0,
        with: (0, 0),
        without: (0, 0),
        empty_reference: false,
        error: None,
    };
    let load = || -> anyhow::Result<(Vec<u8>, Value)> {
        let bytes = read_page(&file.html(dir))?;
        let gt: Value = serde_json::from_str(&std::fs::read_to_string(file.ground_truth(dir))?)?;
        Ok((bytes, gt))
    };
    let (bytes, gt) = match load() {
        Ok(v) => v,
        Err(e) => {
            page.error = Some(format!("{e:#}"));
            return page;
        }
    };
    let truth = gt.get("ground_truth");
    let reference = truth.and_then(|t| t.get("main_content")).and_then(Value::as_str).unwrap_or("");
    page.empty_reference = super::tokens(reference).is_empty();
    let url = gt.get("url").and_then(Value::as_str);
    // The pages are UTF-8 whatever their meta tags say (see the corpus's SOURCE.md).
    let text = String::from_utf8_lossy(&bytes);
    let predicted = match html::parse_str(&text, &Limits::default()) {
        Ok(p) => lede::read(&p, url.filter(|u| url::Url::parse(u).is_ok())).text,
        Err(e) => {
            page.error = Some(e.to_string());
            String::new()
        }
    };
    (page.p, page.r, page.f1) = word_prf(&predicted, reference);
    let lower = predicted.to_lowercase();
    let snippets = |key: &str| -> (usize, usize) {
        let list: Vec<&str> = truth
            .and_then(|t| t.get(key))
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        (list.iter().filter(|s| lower.contains(&s.to_lowercase())).count(), list.len())
    };
    page.with = snippets("with");
    page.without = snippets("without");
    page
}
