//! The seed pages, checked against their labels: every article paragraph
//! visible exactly once, every clutter item gone (for duplicates: one copy
//! left), in `lede clean` and in `lede read`.

use crate::common::{lede, norm, ok_stdout, shared};
use serde_json::Value;

struct Seed {
    name: &'static str,
    labels: Value,
}

fn seeds() -> Vec<Seed> {
    ["menafn-envoy", "orlandoecho-witkoff"]
        .into_iter()
        .map(|name| {
            let path = shared().join(format!("corpora/seeds/{name}.labels.json"));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            Seed { name, labels: serde_json::from_str(&text).expect("labels parse") }
        })
        .collect()
}

fn page(name: &str) -> String {
    shared().join(format!("corpora/seeds/{name}.html")).to_string_lossy().into_owned()
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v[key].as_array().expect(key).iter().map(|p| norm(p.as_str().expect("string"))).collect()
}

/// (kind, text, copies to keep) of each clutter label.
fn clutter(v: &Value) -> Vec<(String, String, usize)> {
    v["clutter"]
        .as_array()
        .expect("clutter")
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().expect("kind").to_string(),
                norm(c["text"].as_str().expect("text")),
                c["keep_copies"].as_u64().unwrap_or(0) as usize,
            )
        })
        .collect()
}

/// Checks one output (its units: lines or paragraphs) against the labels;
/// returns every failure, so one run reports them all.
fn check(seed: &Seed, units: &[String], what: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let article = strings(&seed.labels, "article_paragraphs");
    for p in &article {
        let n = units.iter().filter(|u| *u == p).count();
        if n != 1 {
            failures.push(format!("{}: {what}: article paragraph seen {n} times: {p:.70}", seed.name));
        }
    }
    for (kind, text, keep) in clutter(&seed.labels) {
        let exact = units.iter().filter(|u| **u == text).count();
        // Pieces of a multi-block clutter item (a heading and its box) must
        // be gone too, unless they are article text themselves.
        let pieces = units
            .iter()
            .filter(|u| u.chars().count() >= 3 && text.contains(u.as_str()) && **u != text && !article.iter().any(|p| p.contains(u.as_str())))
            .count();
        let seen = exact + pieces;
        let allowed = keep;
        let teaser_or_dup = article.contains(&text);
        if seen != allowed && !(teaser_or_dup && keep == 1) {
            failures.push(format!("{}: {what}: {kind} seen {seen} times (want {allowed}): {text:.70}", seed.name));
        }
    }
    failures
}

#[test]
fn clean_text_keeps_article_once_and_drops_clutter() {
    let mut failures = Vec::new();
    for seed in seeds() {
        let out = ok_stdout(&lede(&["clean", &page(seed.name), "--format", "text"], None));
        let lines: Vec<String> = out.lines().map(norm).collect();
        failures.extend(check(&seed, &lines, "clean --format text"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn clean_json_gives_a_reason_for_every_hidden_block() {
    for seed in seeds() {
        let out = ok_stdout(&lede(&["clean", &page(seed.name), "--format", "json"], None));
        let v: Value = serde_json::from_str(&out).expect("json");
        let hidden = v["hidden"].as_array().expect("hidden list");
        assert!(!hidden.is_empty(), "{}: nothing hidden", seed.name);
        for h in hidden {
            for key in ["kind", "reason", "text", "selector"] {
                assert!(h[key].as_str().is_some_and(|s| !s.is_empty()), "{}: {key} missing in {h}", seed.name);
            }
            let kind = h["kind"].as_str().unwrap_or("");
            assert!(["duplicate", "disclaimer", "teaser", "promo", "notice"].contains(&kind), "{kind}");
        }
        // Every label kind the seed has is found under lede's name for it.
        for (kind, _, _) in clutter(&seed.labels) {
            let ours = match kind.as_str() {
                "error-notice" | "comments-stub" => "notice",
                other => other,
            }
            .to_string();
            assert!(hidden.iter().any(|h| h["kind"] == ours.as_str()), "{}: no {ours} found", seed.name);
        }
    }
}

#[test]
fn clean_html_marks_hidden_blocks_and_keeps_the_rest() {
    for seed in seeds() {
        let out = ok_stdout(&lede(&["clean", &page(seed.name), "--format", "html"], None));
        assert!(out.contains("data-lede-hidden=\""), "{}: no marks", seed.name);
        assert!(out.contains("[data-lede-hidden]{display:none!important}"), "{}: no hiding style", seed.name);
        // Marking hides: nothing is deleted, so every article paragraph's
        // text is still in the document (entity-escaped or not).
        let doc = lede::adapter::html::parse(out.as_bytes(), &lede::Limits::default()).expect("re-parse");
        let all = norm(&doc.page.text_content(lede::NodeId::ROOT));
        for p in strings(&seed.labels, "article_paragraphs") {
            assert!(all.contains(&p), "{}: lost {p:.60}", seed.name);
        }
        let json = ok_stdout(&lede(&["clean", &page(seed.name), "--format", "json"], None));
        let hidden = serde_json::from_str::<Value>(&json).expect("json")["hidden"].as_array().map_or(0, Vec::len);
        assert_eq!(out.matches("data-lede-hidden=\"").count(), hidden, "{}: one mark per hidden block", seed.name);
    }
}

#[test]
fn read_gives_title_and_article_text() {
    let mut failures = Vec::new();
    for seed in seeds() {
        let out = ok_stdout(&lede(&["read", &page(seed.name), "--format", "json", "--url", "https://news.example/story"], None));
        let v: Value = serde_json::from_str(&out).expect("json");
        let title = seed.labels["title"].as_str().expect("title");
        if v["title"] != title {
            failures.push(format!("{}: title {} != {title}", seed.name, v["title"]));
        }
        for key in ["byline", "site_name", "published_time", "lang", "dir", "excerpt", "readerable", "reading_minutes", "content_html", "text"] {
            if v.get(key).is_none() {
                failures.push(format!("{}: read json lacks {key}", seed.name));
            }
        }
        assert_eq!(v["readerable"], true, "{}", seed.name);
        let text = v["text"].as_str().expect("text");
        assert!(!text.contains(title), "{}: the title is not part of the body text", seed.name);
        let paragraphs: Vec<String> = text.split("\n\n").map(norm).collect();
        failures.extend(check(&seed, &paragraphs, "read text"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
