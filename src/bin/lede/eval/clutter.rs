//! `lede eval clutter DIR`: how well lede finds clutter and how well it
//! keeps the article, on one of three kinds of directory:
//!
//! - labelled pages: `NAME.html` beside `NAME.labels.json` (the seed
//!   format: `article_paragraphs`, `clutter: [{kind, text, keep_copies}]`),
//!   found anywhere below DIR. Per kind: recall (labelled clutter no longer
//!   visible), how much of it was hidden under the right kind, and
//!   precision (hidden blocks that took no article paragraph out of view);
//!   and article preservation (article paragraphs still visible exactly once).
//! - Mozilla Readability's test pages (`CASE/source.html` + `expected.html`):
//!   share of the expected article's paragraphs (40 characters or more) still
//!   visible after cleaning, and the pages that lose more than one. Readability
//!   keeps some blocks that the issue defines as clutter (a subscription box
//!   inside the story); `--labels FILE` names them by hand (see
//!   `tests/labels/readability.json`), and the figures are then also given
//!   with those lines left out of the reference.
//! - WCXB (`index.json`, `html/`, `ground-truth/`): for every page type,
//!   main-content lines (40 characters or more of the ground truth) visible
//!   before cleaning and gone after it, per type and per page; and the share of the article
//!   pages' "with" snippets still visible after cleaning, among those visible
//!   before it.

use super::corpus::{read_page, readability_cases, wcxb_files};
use anyhow::Context;
use lede::adapter::html;
use lede::text::{fingerprint, visible_lines_in};
use lede::{Limits, NodeId, Page, Report};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Shortest expected paragraph counted on the Readability pages (the measure).
const MIN_EXPECTED_PARAGRAPH_CHARS: usize = 40;

/// Runs the evaluation that fits the directory's layout; `labels` (hand
/// labels of clutter in the reference output) apply to Readability's pages.
pub fn run(dir: &Path, labels: Option<&Path>) -> anyhow::Result<String> {
    let readability_layout = readability_cases(dir).len() > 1;
    if labels.is_some() && !readability_layout {
        anyhow::bail!("--labels applies to Readability's test pages only");
    }
    if dir.join("index.json").exists() && dir.join("ground-truth").is_dir() {
        wcxb(dir)
    } else if readability_layout {
        readability(dir, labels)
    } else {
        labelled(dir)
    }
}

/// Visible text of a page, one fingerprinted block per entry, without
/// (`report`) or with (`None`) the hidden blocks.
fn visible(page: &Page, report: Option<&Report>) -> Vec<String> {
    let mut hidden = vec![false; page.len()];
    if let Some(r) = report {
        for h in &r.hidden {
            hidden[h.node.index()] = true;
        }
    }
    visible_lines_in(page, NodeId::ROOT, &|id| hidden[id.index()]).iter().map(|l| fingerprint(l)).collect()
}

/// A page's visible text before and after `lede clean`, fingerprinted
/// blocks joined by `separator`.
fn visible_text(page: &Page, separator: &str) -> (String, String) {
    let report = lede::clean(page);
    (visible(page, None).join(separator), visible(page, Some(&report)).join(separator))
}

fn load(path: &Path) -> anyhow::Result<Page> {
    let bytes = read_page(path)?;
    Ok(html::parse(&bytes, &Limits::default()).with_context(|| format!("cannot parse {}", path.display()))?.page)
}

/// Visible copies of a text: blocks equal to it, or, where it spans or
/// sits inside other text (no block equals it), blocks containing it.
fn count(blocks: &[String], needle: &str) -> usize {
    if needle.is_empty() {
        return 0;
    }
    let exact = blocks.iter().filter(|b| *b == needle).count();
    if exact > 0 {
        return exact;
    }
    let joined = blocks.join(" ");
    joined.matches(needle).count()
}

// ---------------------------------------------------------------- labelled

#[derive(Default)]
struct KindScore {
    items: usize,
    removed: usize,
    right_kind: usize,
    hidden_blocks: usize,
    false_positives: usize,
}

fn label_kind(kind: &str) -> &str {
    match kind {
        "error-notice" | "comments-stub" | "empty-state" | "placeholder" => "notice",
        other => other,
    }
}

fn labelled_pages(dir: &Path, out: &mut Vec<(PathBuf, PathBuf)>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            labelled_pages(&p, out)?;
        } else if let Some(stem) = p.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".labels.json")) {
            let page = p.with_file_name(format!("{stem}.html"));
            if page.exists() {
                out.push((page, p));
            }
        }
    }
    Ok(())
}

fn labelled(dir: &Path) -> anyhow::Result<String> {
    let mut pages = Vec::new();
    labelled_pages(dir, &mut pages)?;
    anyhow::ensure!(!pages.is_empty(), "no labelled pages (NAME.html + NAME.labels.json) under {}", dir.display());
    let mut kinds: BTreeMap<String, KindScore> = BTreeMap::new();
    // (kind, language) -> (items, removed)
    let mut languages: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    let (mut keep_total, mut keep_hidden) = (0usize, 0usize);
    let (mut paragraphs, mut kept_once, mut kept_any) = (0usize, 0usize, 0usize);
    let mut problems: Vec<String> = Vec::new();
    for (html_path, labels_path) in &pages {
        let name = html_path.strip_prefix(dir).unwrap_or(html_path).display().to_string();
        let labels: Value = serde_json::from_str(&std::fs::read_to_string(labels_path)?)
            .with_context(|| format!("bad labels {}", labels_path.display()))?;
        let page = load(html_path)?;
        let report = lede::clean(&page);
        let after = visible(&page, Some(&report));
        let article: Vec<String> = labels["article_paragraphs"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).map(fingerprint).collect())
            .unwrap_or_default();
        // The headline is article text too, though not a labelled paragraph:
        // a teaser of the story itself repeats it.
        let own_text: Vec<String> = article.iter().cloned().chain(labels["title"].as_str().map(fingerprint)).collect();
        for p in &article {
            paragraphs += 1;
            let n = count(&after, p);
            kept_any += usize::from(n >= 1);
            kept_once += usize::from(n == 1);
            if n == 0 {
                problems.push(format!("{name}: article paragraph hidden: {p:.70}"));
            }
        }
        // Labelled clutter: gone from view (duplicates: down to their kept copies).
        let hidden_prints: Vec<(String, String)> =
            report.hidden.iter().map(|h| (h.kind.as_str().to_string(), fingerprint(&h.text))).collect();
        // Items that are article content though they look like clutter
        // (a story quoting a disclaimer): they must stay in view.
        let keep_items: Vec<String> = labels["clutter"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| c["kind"] == "keep" || c["kind"] == "prose")
            .map(|c| fingerprint(c["text"].as_str().unwrap_or("")))
            .collect();
        for k in &keep_items {
            keep_total += 1;
            if !k.is_empty() && count(&after, k) == 0 && gone(&after, k, &[]) {
                keep_hidden += 1;
                problems.push(format!("{name}: keep item hidden: {k:.70}"));
            }
        }
        for c in labels["clutter"].as_array().into_iter().flatten().filter(|c| c["kind"] != "keep" && c["kind"] != "prose") {
            let kind = label_kind(c["kind"].as_str().unwrap_or("")).to_string();
            // An item is one text, or several (a run of copies) that must all go.
            let texts: Vec<String> = match c["texts"].as_array() {
                Some(a) => a.iter().filter_map(Value::as_str).map(fingerprint).collect(),
                None => vec![fingerprint(c["text"].as_str().unwrap_or(""))],
            };
            let keep = c["keep_copies"].as_u64().unwrap_or(0) as usize;
            let score = kinds.entry(kind.clone()).or_default();
            score.items += 1;
            let lang = c["lang"].as_str().unwrap_or("-").to_string();
            let by_lang = languages.entry((kind.clone(), lang)).or_default();
            by_lang.0 += 1;
            let removed =
                texts.iter().all(|text| if keep == 0 { gone(&after, text, &own_text) } else { count(&after, text) <= keep });
            if removed {
                score.removed += 1;
                by_lang.1 += 1;
                if texts.iter().all(|text| hidden_prints.iter().any(|(k, t)| *k == kind && (t.contains(text.as_str()) || text.contains(t.as_str())))) {
                    score.right_kind += 1;
                }
            } else {
                let id = c["id"].as_str().map(|i| format!(" [{i}]")).unwrap_or_default();
                problems.push(format!("{name}: {kind}{id} still visible: {:.70}", texts.first().map_or("", String::as_str)));
            }
        }
        // Precision: a hidden block is wrong when it holds an article
        // paragraph (or a keep item) that is no longer visible anywhere.
        for h in &report.hidden {
            let score = kinds.entry(h.kind.as_str().to_string()).or_default();
            score.hidden_blocks += 1;
            let t = fingerprint(&h.text);
            let lost = |p: &String| !p.is_empty() && t.contains(p.as_str()) && count(&after, p) == 0;
            if article.iter().any(lost) || keep_items.iter().any(lost) {
                score.false_positives += 1;
                problems.push(format!("{name}: {} hid article text: {}", h.kind.as_str(), h.reason));
            }
        }
    }
    let mut out = String::new();
    writeln!(out, "lede eval clutter {}: {} labelled pages", dir.display(), pages.len())?;
    writeln!(out, "{:<11} {:>6} {:>8} {:>10} {:>7} {:>10}", "kind", "items", "recall", "right kind", "hidden", "precision")?;
    for (kind, s) in &kinds {
        let ratio = |a: usize, b: usize| if b == 0 { "-".to_string() } else { format!("{:.4}", a as f64 / b as f64) };
        writeln!(
            out,
            "{kind:<11} {:>6} {:>8} {:>10} {:>7} {:>10}",
            s.items,
            ratio(s.removed, s.items),
            ratio(s.right_kind, s.removed),
            s.hidden_blocks,
            ratio(s.hidden_blocks - s.false_positives, s.hidden_blocks)
        )?;
    }
    let all_hidden: usize = kinds.values().map(|s| s.hidden_blocks).sum();
    let all_fp: usize = kinds.values().map(|s| s.false_positives).sum();
    writeln!(
        out,
        "overall precision {:.4} ({} of {} hidden blocks took article text out of view)",
        if all_hidden == 0 { 1.0 } else { (all_hidden - all_fp) as f64 / all_hidden as f64 },
        all_fp,
        all_hidden
    )?;
    writeln!(
        out,
        "article preservation {:.4} visible ({} of {} paragraphs), {:.4} exactly once",
        kept_any as f64 / paragraphs.max(1) as f64,
        kept_any,
        paragraphs,
        kept_once as f64 / paragraphs.max(1) as f64
    )?;
    if keep_total > 0 {
        writeln!(out, "keep items (article content that looks like clutter) hidden: {keep_hidden} of {keep_total}")?;
    }
    if languages.keys().any(|(_, l)| l != "-") {
        let langs: Vec<&String> = languages.keys().map(|(_, l)| l).filter(|l| *l != "-").collect::<std::collections::BTreeSet<_>>().into_iter().collect();
        write!(out, "recall by language:\n{:<11}", "kind")?;
        for l in &langs {
            write!(out, " {l:>9}")?;
        }
        writeln!(out)?;
        for kind in kinds.keys() {
            if !langs.iter().any(|l| languages.contains_key(&(kind.clone(), (*l).clone()))) {
                continue;
            }
            write!(out, "{kind:<11}")?;
            for l in &langs {
                match languages.get(&(kind.clone(), (*l).clone())) {
                    Some((n, r)) => write!(out, " {:>4}/{:<4}", r, n)?,
                    None => write!(out, " {:>9}", "-")?,
                }
            }
            writeln!(out)?;
        }
    }
    for p in problems {
        writeln!(out, "  {p}")?;
    }
    Ok(out)
}

/// Shortest visible block taken as a remaining piece of a clutter item
/// (shorter ones, a source name or a one-word heading, recur elsewhere).
const MIN_PIECE_CHARS: usize = 30;

/// True when no piece of a clutter item is still visible: no visible block
/// (of some length) lies inside the item's text, other than article text
/// the item happens to repeat (a teaser of the story itself).
fn gone(blocks: &[String], item: &str, article: &[String]) -> bool {
    !blocks.iter().any(|b| {
        b.chars().count() >= MIN_PIECE_CHARS && item.contains(b.as_str()) && !article.iter().any(|p| p.contains(b.as_str()))
    })
}

// ------------------------------------------------------------- readability

/// The expected article's paragraphs: blocks of its visible text.
fn expected_paragraphs(page: &Page) -> Vec<String> {
    visible_lines_in(page, NodeId::ROOT, &|_| false)
        .into_iter()
        .filter(|l| l.chars().count() >= MIN_EXPECTED_PARAGRAPH_CHARS)
        .map(|l| fingerprint(&l))
        .collect()
}

/// Texts that should stay visible through cleaning, tallied over a corpus:
/// those not visible even before cleaning are not lede's to lose and are
/// counted apart.
#[derive(Default)]
struct Survival {
    total: usize,
    lost: usize,
    unreachable: usize,
    /// (texts lost, page, the lost texts) for each page that lost any.
    worst: Vec<(usize, String, Vec<String>)>,
}

impl Survival {
    /// Tallies one page: `texts` (fingerprinted) against its visible text
    /// before and after cleaning (see [`visible_text`]).
    fn page(&mut self, name: &str, before: &str, after: &str, texts: &[String]) {
        let reachable: Vec<&String> = texts.iter().filter(|t| before.contains(t.as_str())).collect();
        self.unreachable += texts.len() - reachable.len();
        let gone: Vec<String> = reachable.iter().filter(|t| !after.contains(t.as_str())).map(|t| t.chars().take(70).collect()).collect();
        self.total += reachable.len();
        self.lost += gone.len();
        if !gone.is_empty() {
            self.worst.push((gone.len(), name.to_string(), gone));
        }
    }

    /// "0.9980 (4035 of 4043; 74 more were not visible before cleaning)"
    fn summary(&self) -> String {
        format!(
            "{:.4} ({} of {}; {} more were not visible before cleaning)",
            (self.total - self.lost) as f64 / self.total.max(1) as f64,
            self.total - self.lost,
            self.total,
            self.unreachable
        )
    }

    /// The pages that lost anything, fewest losses first.
    fn worst_lines(&mut self, out: &mut String) -> std::fmt::Result {
        self.worst.sort();
        for (n, name, gone) in &self.worst {
            writeln!(out, "  {name}: {n} lost: {}", gone.join(" | "))?;
        }
        Ok(())
    }
}

fn readability(dir: &Path, labels: Option<&Path>) -> anyhow::Result<String> {
    let labels = labels.map(super::load_labels).transpose()?;
    let mut tally = Survival::default();
    let mut unlabelled = Survival::default();
    let (mut labelled_lines, mut labelled_hidden) = (0usize, 0usize);
    let cases = readability_cases(dir);
    for case in &cases {
        let name = case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let expected = expected_paragraphs(&load(&case.join("expected.html"))?);
        // Paragraphs are blocks: joined by line breaks, none can match across two.
        let (before, after) = visible_text(&load(&case.join("source.html"))?, "\n");
        tally.page(&name, &before, &after, &expected);
        if let Some(labels) = &labels {
            let own = labels.get(&name).map(Vec::as_slice).unwrap_or_default();
            for (kind, text) in own {
                if !expected.iter().any(|e| e.contains(text.as_str())) {
                    anyhow::bail!("label of {name} ({kind}) matches no paragraph of its expected.html: {text:?}");
                }
            }
            let is_labelled = |e: &String| own.iter().any(|(_, t)| e.contains(t.as_str()));
            let rest: Vec<String> = expected.iter().filter(|e| !is_labelled(e)).cloned().collect();
            labelled_lines += expected.len() - rest.len();
            labelled_hidden += expected.iter().filter(|e| is_labelled(e) && !after.contains(e.as_str())).count();
            unlabelled.page(&name, &before, &after, &rest);
        }
    }
    let mut out = String::new();
    writeln!(out, "lede eval clutter {}: {} Readability pages", dir.display(), cases.len())?;
    writeln!(out, "article paragraphs (>= {MIN_EXPECTED_PARAGRAPH_CHARS} chars) still visible: {}", tally.summary())?;
    writeln!(out, "pages losing more than one paragraph: {}", tally.worst.iter().filter(|w| w.0 > 1).count())?;
    if labels.is_some() {
        writeln!(out, "hand-labelled clutter among the expected paragraphs: {labelled_lines} (hidden by lede: {labelled_hidden})")?;
        writeln!(out, "without it, still visible: {}", unlabelled.summary())?;
        writeln!(out, "without it, pages losing more than one paragraph: {}", unlabelled.worst.iter().filter(|w| w.0 > 1).count())?;
    }
    tally.worst_lines(&mut out)?;
    Ok(out)
}

// -------------------------------------------------------------------- wcxb

/// Shortest line of a WCXB page's main content counted by the loss measure:
/// shorter lines (labels, dates, prices) recur across a page and say little.
const MIN_MAIN_LINE_CHARS: usize = 40;

fn wcxb(dir: &Path) -> anyhow::Result<String> {
    let mut snippets_tally = Survival::default();
    let mut snippet_pages = 0usize;
    // Per page type: main-content lines, and pages of that type.
    let mut lines: BTreeMap<String, (Survival, usize)> = BTreeMap::new();
    for f in wcxb_files(dir)? {
        let gt: Value = serde_json::from_str(&std::fs::read_to_string(f.ground_truth(dir))?)?;
        let page = load(&f.html(dir))?;
        // Snippets and lines may span blocks: joined by spaces.
        let (before, after) = visible_text(&page, " ");
        if f.page_type == "article" {
            let snippets: Vec<String> =
                gt["ground_truth"]["with"].as_array().into_iter().flatten().filter_map(Value::as_str).map(fingerprint).collect();
            if !snippets.is_empty() {
                snippet_pages += 1;
                snippets_tally.page(&f.id, &before, &after, &snippets);
            }
        }
        let main: Vec<String> = gt["ground_truth"]["main_content"]
            .as_str()
            .unwrap_or("")
            .lines()
            .filter(|l| l.trim().chars().count() >= MIN_MAIN_LINE_CHARS)
            .map(fingerprint)
            .filter(|l| !l.is_empty())
            .collect();
        let (tally, pages) = lines.entry(f.page_type.clone()).or_default();
        *pages += 1;
        tally.page(&format!("{} ({})", f.id, f.page_type), &before, &after, &main);
    }
    let mut out = String::new();
    writeln!(out, "lede eval clutter {}: {snippet_pages} WCXB article pages with snippets", dir.display())?;
    writeln!(out, "\"with\" snippets still visible: {}", snippets_tally.summary())?;
    writeln!(out, "main-content lines (>= {MIN_MAIN_LINE_CHARS} chars) lost by cleaning, by page type:")?;
    writeln!(out, "{:<14} {:>6} {:>8} {:>7} {:>9} {:>14}", "type", "pages", "lines", "lost", "lost %", "pages losing")?;
    let mut all = (0usize, 0usize, 0usize, 0usize);
    for (kind, (tally, pages)) in &lines {
        writeln!(
            out,
            "{kind:<14} {pages:>6} {:>8} {:>7} {:>8.2}% {:>14}",
            tally.total,
            tally.lost,
            100.0 * tally.lost as f64 / tally.total.max(1) as f64,
            tally.worst.len()
        )?;
        all = (all.0 + pages, all.1 + tally.total, all.2 + tally.lost, all.3 + tally.worst.len());
    }
    writeln!(out, "{:<14} {:>6} {:>8} {:>7} {:>8.2}% {:>14}", "all", all.0, all.1, all.2, 100.0 * all.2 as f64 / all.1.max(1) as f64, all.3)?;
    writeln!(
        out,
        "pages losing more than one line: {}",
        lines.values().map(|(t, _)| t.worst.iter().filter(|w| w.0 > 1).count()).sum::<usize>()
    )?;
    writeln!(out, "lost main-content lines, by page:")?;
    for (tally, _) in lines.values_mut() {
        tally.worst_lines(&mut out)?;
    }
    writeln!(out, "lost \"with\" snippets, by page:")?;
    snippets_tally.worst_lines(&mut out)?;
    Ok(out)
}
