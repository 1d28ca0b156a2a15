//! `lede eval bank BANK_DIR --hosts READABILITY_DIR [--out DIR]`: injects a
//! clutter text bank (`BANK_DIR/items.jsonl`, written blind: see
//! `tests/banks/README.md`) into real article pages and scores lede on them.
//!
//! Hosts are Mozilla Readability's test pages: their `expected.html` says
//! which of the page's paragraphs are the article, so every position a bank
//! item asks for (before the first paragraph, between two, after the last,
//! above or below the article's container, in a column beside it) is found
//! from the truth, not from lede's own article finder. Item `i` goes into
//! host `i mod hosts`, so every page carries a few items. Duplicates are
//! recipes: which paragraphs of the host to print again, where, in what
//! wrapper. `keep` and `prose` items are real article content that must
//! stay visible.
//!
//! The pages and their labels (the seed pages' format, plus `keep` entries
//! and a `lang`) are written to `--out` (default `target/banks/NAME`) and
//! scored by the labelled-page evaluation of [`super::clutter`].

use super::corpus::readability_cases;
use anyhow::Context;
use ego_tree::NodeId as TreeId;
use lede::adapter::html::{self, Parsed};
use lede::{text, Limits, NodeId, Page};
use scraper::Html;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Shortest expected line taken as an article paragraph to anchor on.
const MIN_ANCHOR_CHARS: usize = 80;
/// Fewest anchor paragraphs a host needs (before, between and after must differ).
const MIN_ANCHORS: usize = 3;
/// Where `prose` items (article paragraphs of the training banks) go, by turns.
const PROSE_POSITIONS: &[&str] = &["between", "after", "before"];
/// Shortest expected line used to find the article's extent.
const MIN_EXTENT_LINE_CHARS: usize = 20;

/// Runs the evaluation: generates the pages, then scores them.
pub fn run(bank: &Path, hosts: &Path, out: Option<&Path>) -> anyhow::Result<String> {
    let items = load_items(bank)?;
    let name = bank.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "bank".into());
    let out = out.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("target/banks").join(&name));
    let written = generate(&items, hosts, &out)?;
    let mut table = format!("bank {} ({} items) injected into {written} Readability pages, written to {}\n", bank.display(), items.len(), out.display());
    table.push_str(&super::clutter::run(&out, None)?);
    Ok(table)
}

fn load_items(bank: &Path) -> anyhow::Result<Vec<Value>> {
    let path = if bank.is_dir() { bank.join("items.jsonl") } else { bank.to_path_buf() };
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).with_context(|| format!("{} line {}: not JSON", path.display(), i + 1)))
        .collect()
}

/// A host page with the truth about its article.
struct Host {
    name: String,
    parsed: Parsed,
    /// Article paragraphs standing as one `<p>` each, exactly once, in document order.
    anchors: Vec<(NodeId, String)>,
    /// The first and last blocks of the article (lifted out of lists and tables).
    first: NodeId,
    last: NodeId,
    /// The lowest element holding the whole article.
    container: NodeId,
}

fn load_host(case: &Path, hand_labels: &Value) -> anyhow::Result<Option<Host>> {
    let name = case.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let source = std::fs::read(case.join("source.html"))?;
    let Ok(parsed) = html::parse(&source, &Limits::default()) else { return Ok(None) };
    let expected = html::parse(&std::fs::read(case.join("expected.html"))?, &Limits::default())?.page;
    let labelled: Vec<String> = hand_labels[name.as_str()]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["text"].as_str().map(text::fingerprint))
        .collect();
    let is_labelled = |line: &str| {
        let print = text::fingerprint(line);
        labelled.iter().any(|t| print.contains(t.as_str()))
    };
    let expected_lines = text::visible_lines_in(&expected, NodeId::ROOT, &|_| false);
    let page = &parsed.page;
    let blocks = lede::page::Analysis::new(page).blocks;
    let mut anchors: Vec<(NodeId, String)> = Vec::new();
    for line in expected_lines.iter().filter(|l| l.chars().count() >= MIN_ANCHOR_CHARS && !is_labelled(l)) {
        let print = text::fingerprint(line);
        let matches: Vec<_> = blocks.iter().filter(|b| b.print == print).collect();
        if matches.len() == 1 && page.is(matches[0].node, "p") {
            anchors.push((matches[0].node, line.clone()));
        }
    }
    if anchors.len() < MIN_ANCHORS {
        return Ok(None);
    }
    anchors.sort_by_key(|a| a.0);
    anchors.dedup_by_key(|a| a.0);
    let lines: HashSet<String> =
        expected_lines.iter().map(|l| text::fingerprint(l)).filter(|l| l.chars().count() >= MIN_EXTENT_LINE_CHARS).collect();
    let lift = |mut id: NodeId| {
        while let Some(p) = page.parent(id) {
            if !matches!(page.tag(p), Some("li" | "ul" | "ol" | "dl" | "table" | "tbody" | "tr" | "td" | "th" | "blockquote" | "figure" | "pre")) {
                break;
            }
            id = p;
        }
        id
    };
    let extent: Vec<NodeId> = blocks.iter().filter(|b| lines.contains(&b.print)).map(|b| lift(b.node)).collect();
    let (Some(&first), Some(&last)) = (extent.first(), extent.last()) else { return Ok(None) };
    let container = common_ancestor(page, first, last);
    Ok(Some(Host { name, parsed, anchors, first, last, container }))
}

fn common_ancestor(page: &Page, a: NodeId, b: NodeId) -> NodeId {
    let mut up = Some(a);
    while let Some(x) = up {
        if page.contains(x, b) && page.tag(x).is_some() {
            return x;
        }
        up = page.parent(x);
    }
    NodeId::ROOT
}

/// Inserts `snippet` (one top-level element) next to `anchor` (after it, or
/// before it) in the parsed tree.
fn graft(doc: &mut Html, anchor: TreeId, snippet: &str, after: bool) -> anyhow::Result<()> {
    let fragment = Html::parse_fragment(snippet);
    let root = doc.tree.root().id();
    let appended = doc.tree.get_mut(root).context("root")?.append_subtree(fragment.tree).id();
    let elements: Vec<TreeId> = doc
        .tree
        .get(appended)
        .context("fragment")?
        .children()
        .flat_map(|html| html.children())
        .filter(|n| n.value().is_element())
        .map(|n| n.id())
        .collect();
    anyhow::ensure!(!elements.is_empty(), "snippet has no element: {snippet:.80}");
    let mut at = doc.tree.get_mut(anchor).context("anchor")?;
    // Several top-level elements (a bare run of copies) keep their order.
    if after {
        for &e in elements.iter().rev() {
            at.insert_id_after(e);
        }
    } else {
        for &e in &elements {
            at.insert_id_before(e);
        }
    }
    doc.tree.get_mut(appended).context("leftover")?.detach();
    Ok(())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The first sentence of a paragraph (the whole paragraph when it has one).
fn first_sentence(p: &str) -> &str {
    let ends = [". ", "! ", "? ", "。", "» "];
    ends.iter().filter_map(|e| p.find(e).map(|i| i + e.len())).min().map_or(p, |i| p[..i].trim_end())
}

/// The visible text of an HTML fragment, whitespace collapsed.
fn visible_text_of(snippet: &str) -> String {
    match html::parse_str(&format!("<html><body>{snippet}</body></html>"), &Limits::default()) {
        Ok(p) => text::collapse_whitespace(&text::visible_lines_in(&p, NodeId::ROOT, &|_| false).join(" ")),
        Err(_) => String::new(),
    }
}

/// Where an item goes: (anchor in the host's page, after it).
fn place(host: &Host, position: &str) -> (NodeId, bool) {
    let page = &host.parsed.page;
    // The article's box as a child of <body>: what "above the article" and
    // "below the article" stand beside.
    let top = std::iter::once(host.container)
        .chain(page.ancestors(host.container))
        .find(|&a| page.parent(a).is_some_and(|p| page.is(p, "body")));
    let mid = host.anchors[host.anchors.len() / 2].0;
    match position {
        "before" => (host.first, false),
        "between" => (mid, true),
        "page-top" => top.map_or((host.first, false), |t| (t, false)),
        "page-bottom" => top.map_or((host.last, true), |t| (t, true)),
        "sidebar" if !page.is(host.container, "body") => (host.container, true),
        _ => (host.last, true),
    }
}

fn generate(items: &[Value], hosts_dir: &Path, out: &Path) -> anyhow::Result<usize> {
    let hand_labels: Value = serde_json::from_str(
        &std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/labels/readability.json"))
            .context("tests/labels/readability.json")?,
    )?;
    let mut hosts = Vec::new();
    for case in readability_cases(hosts_dir) {
        if let Some(h) = load_host(&case, &hand_labels["pages"])? {
            hosts.push(h);
        }
    }
    anyhow::ensure!(!hosts.is_empty(), "no usable host pages under {}", hosts_dir.display());
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut per_host: Vec<Vec<&Value>> = vec![Vec::new(); hosts.len()];
    for (i, item) in items.iter().enumerate() {
        per_host[i % hosts.len()].push(item);
    }
    let mut written = 0;
    for (host, items) in hosts.iter().zip(per_host) {
        if items.is_empty() {
            continue;
        }
        let origin = |id: NodeId| host.parsed.origin[id.index()];
        let mut doc = host.parsed.html.clone();
        let mut clutter: Vec<Value> = Vec::new();
        for item in items {
            let kind = item["kind"].as_str().unwrap_or("");
            let id = item["id"].as_str().unwrap_or("");
            if kind == "duplicate" {
                let (snippet, texts, anchor, after) = duplicate(host, item);
                graft(&mut doc, origin(anchor), &snippet, after).with_context(|| format!("item {id}"))?;
                clutter.push(json!({"kind": "duplicate", "id": id, "texts": texts, "keep_copies": 1}));
                continue;
            }
            let snippet = item["html"].as_str().unwrap_or("");
            // Training banks' ordinary article paragraphs (`prose`) stand at
            // the article's edges too, where a paragraph is most easily
            // taken for small print, not only between paragraphs.
            let position = if kind == "prose" {
                PROSE_POSITIONS[id.bytes().map(usize::from).sum::<usize>() % PROSE_POSITIONS.len()]
            } else {
                item["position"].as_str().unwrap_or("after")
            };
            let (anchor, after) = place(host, position);
            graft(&mut doc, origin(anchor), snippet, after).with_context(|| format!("item {id}"))?;
            let entry = json!({"kind": kind, "id": id, "lang": item["lang"], "text": visible_text_of(snippet)});
            clutter.push(entry);
        }
        let labels = json!({
            "source": format!("readability/{} with bank items", host.name),
            "article_paragraphs": host.anchors.iter().map(|a| &a.1).collect::<Vec<_>>(),
            "clutter": clutter,
        });
        std::fs::write(out.join(format!("{}.html", host.name)), doc.html())?;
        std::fs::write(out.join(format!("{}.labels.json", host.name)), serde_json::to_string_pretty(&labels)?)?;
        written += 1;
    }
    Ok(written)
}

/// A duplicate recipe made real on a host: the snippet, the copied texts,
/// and where it goes.
fn duplicate(host: &Host, item: &Value) -> (String, Vec<String>, NodeId, bool) {
    let n = host.anchors.len();
    let source = match &item["source"] {
        Value::String(s) if s == "first" => 0,
        Value::String(s) if s == "last" => n - 1,
        Value::String(_) => n / 2,
        v => (v.as_u64().unwrap_or(0) as usize).min(n - 1),
    };
    let copy = item["copy"].as_str().unwrap_or("paragraph");
    let chosen: Vec<usize> = match copy {
        "whole-body" => (0..n).collect(),
        // A run of two to four: as many as the recipe's id spreads, within the article.
        "paragraphs" => {
            let len = 2 + item["id"].as_str().map_or(0, |s| s.bytes().map(usize::from).sum::<usize>() % 3);
            let start = source.min(n.saturating_sub(len));
            (start..(start + len).min(n)).collect()
        }
        "lede" => vec![0],
        _ => vec![source],
    };
    let texts: Vec<String> = chosen
        .iter()
        .map(|&i| {
            let t = text::collapse_whitespace(&host.parsed.page.text_content(host.anchors[i].0));
            if copy == "first-sentence" { first_sentence(&t).to_string() } else { t }
        })
        .collect();
    let copies: String = texts.iter().map(|t| format!("<p>{}</p>", escape(t))).collect();
    let wrapper = item["wrapper"].as_str().unwrap_or("{COPY}");
    let snippet = wrapper.replace("{COPY}", &copies);
    let last_chosen = host.anchors[*chosen.last().unwrap_or(&0)].0;
    let (anchor, after) = match item["placement"].as_str().unwrap_or("end") {
        "right-after" => (last_chosen, true),
        "before" => (host.first, false),
        "sidebar" => place(host, "sidebar"),
        "page-bottom" => place(host, "page-bottom"),
        _ => (host.last, true),
    };
    (snippet, texts, anchor, after)
}
