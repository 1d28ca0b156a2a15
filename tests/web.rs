//! Browser tests (`wasm-pack test --headless --chrome|--firefox -- --features parity`).
//!
//! The parity test: each page is parsed by the browser (DOMParser, the same
//! HTML parsing algorithm the live page went through), walked by the
//! extension's own walker (`extension/src/content/walk.js`) into a snapshot,
//! and analysed; the same HTML is parsed natively by html5ever (compiled in
//! by the `parity` feature) and analysed. The models must be equal node for
//! node, and the decisions equal.
//!
//! The URL table (`tests/cases/urls.rs`, also checked natively): links and
//! images resolved by the browser's own URL parser must come out exactly as
//! the `url` crate resolves them natively.
#![cfg(target_arch = "wasm32")]

#[path = "cases/urls.rs"]
mod url_cases;

use lede::model::{NodeView, Page};
use lede::{adapter::html, Limits};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/extension/src/content/walk.js")]
extern "C" {
    /// `snapshot(doc)` → `{words: Uint32Array, strings: string[], nodes: Node[]}`.
    fn snapshot(doc: &web_sys::Document) -> JsValue;
}

/// Pages compared: the seeds, and corpus pages chosen for variety (tables,
/// right-to-left text, lazy images, hidden nodes, scripts, SVG, non-English).
const PAGES: &[(&str, &str)] = &[
    ("seeds/menafn-envoy", include_str!("../../shared/corpora/seeds/menafn-envoy.html")),
    ("seeds/orlandoecho-witkoff", include_str!("../../shared/corpora/seeds/orlandoecho-witkoff.html")),
    ("readability/bbc-1", include_str!("../../shared/corpora/readability/bbc-1/source.html")),
    ("readability/rtl-1", include_str!("../../shared/corpora/readability/rtl-1/source.html")),
    ("readability/lemonde-1", include_str!("../../shared/corpora/readability/lemonde-1/source.html")),
    ("readability/hidden-nodes", include_str!("../../shared/corpora/readability/hidden-nodes/source.html")),
    ("readability/lazy-image-1", include_str!("../../shared/corpora/readability/lazy-image-1/source.html")),
    ("readability/keep-tabular-data", include_str!("../../shared/corpora/readability/keep-tabular-data/source.html")),
    ("readability/svg-parsing", include_str!("../../shared/corpora/readability/svg-parsing/source.html")),
    ("readability/remove-script-tags", include_str!("../../shared/corpora/readability/remove-script-tags/source.html")),
    ("readability/heise", include_str!("../../shared/corpora/readability/heise/source.html")),
    ("readability/qq", include_str!("../../shared/corpora/readability/qq/source.html")),
];

/// Twenty pages of the blind banks injected into Readability's pages
/// (`lede eval bank`; `scripts/test.sh` writes them to
/// `target/parity-banks/` before this test is built): clutter in seven
/// languages and varied markup must get the same decisions in the browser.
/// The generated pages are the hosts re-serialized by html5ever, which
/// escapes a `<noscript>`'s markup; a host with one in its `<head>`
/// (citylab-1) then parses differently under DOMParser (scripting off)
/// than natively (scripting on), so none of those is in the sample.
const BANK_PAGES: &[(&str, &str)] = &[
    ("bank2/aclu", include_str!("../target/parity-banks/bank2/aclu.html")),
    ("bank2/ars-1", include_str!("../target/parity-banks/bank2/ars-1.html")),
    ("bank2/bbc-1", include_str!("../target/parity-banks/bank2/bbc-1.html")),
    ("bank2/cnn", include_str!("../target/parity-banks/bank2/cnn.html")),
    ("bank2/ehow-1", include_str!("../target/parity-banks/bank2/ehow-1.html")),
    ("bank2/folha", include_str!("../target/parity-banks/bank2/folha.html")),
    ("bank2/gmw", include_str!("../target/parity-banks/bank2/gmw.html")),
    ("bank2/engadget", include_str!("../target/parity-banks/bank2/engadget.html")),
    ("bank2/breitbart", include_str!("../target/parity-banks/bank2/breitbart.html")),
    ("bank2/nytimes-3", include_str!("../target/parity-banks/bank2/nytimes-3.html")),
    ("bank3/001", include_str!("../target/parity-banks/bank3/001.html")),
    ("bank3/aktualne", include_str!("../target/parity-banks/bank3/aktualne.html")),
    ("bank3/cnet", include_str!("../target/parity-banks/bank3/cnet.html")),
    ("bank3/dropbox-blog", include_str!("../target/parity-banks/bank3/dropbox-blog.html")),
    ("bank3/ebb-org", include_str!("../target/parity-banks/bank3/ebb-org.html")),
    ("bank3/gitlab-blog", include_str!("../target/parity-banks/bank3/gitlab-blog.html")),
    ("bank3/google-sre-book-1", include_str!("../target/parity-banks/bank3/google-sre-book-1.html")),
    ("bank3/buzzfeed-1", include_str!("../target/parity-banks/bank3/buzzfeed-1.html")),
    ("bank3/daringfireball-1", include_str!("../target/parity-banks/bank3/daringfireball-1.html")),
    ("bank3/firefox-nightly-blog", include_str!("../target/parity-banks/bank3/firefox-nightly-blog.html")),
];

fn parse_in_browser(source: &str) -> web_sys::Document {
    let parser = web_sys::DomParser::new().expect("DOMParser");
    parser.parse_from_string(source, web_sys::SupportedType::TextHtml).expect("parse")
}

fn dom_page(doc: &web_sys::Document) -> Page {
    let snap = snapshot(doc);
    let words: Vec<u32> = js_sys::Uint32Array::from(js_sys::Reflect::get(&snap, &"words".into()).expect("words")).to_vec();
    let strings: Vec<String> = js_sys::Array::from(&js_sys::Reflect::get(&snap, &"strings".into()).expect("strings"))
        .iter()
        .map(|s| s.as_string().expect("string"))
        .collect();
    Page::from_snapshot(&words, &strings, &Limits::default()).expect("snapshot").0
}

fn native_page(source: &str) -> Page {
    // Upstream's test harness trims the BOM away; both sides get the same text.
    html::parse(source.trim_start_matches('\u{feff}').as_bytes(), &Limits::default()).expect("native parse").page
}

/// The first node where two models differ, described.
fn first_difference(a: &Page, b: &Page) -> Option<String> {
    for id in a.ids() {
        if id.index() >= b.len() {
            return Some(format!("native model ends at node {}", id.0));
        }
        let (x, y) = (a.node(id), b.node(id));
        if x != y {
            let show = |n: &NodeView| format!("{n:?}").chars().take(240).collect::<String>();
            return Some(format!("node {}: dom {} / native {}", id.0, show(&x), show(&y)));
        }
    }
    (a.len() != b.len()).then(|| format!("dom has {} nodes, native {}", a.len(), b.len()))
}

#[wasm_bindgen_test]
fn dom_adapter_and_native_adapter_agree() {
    let mut failures = Vec::new();
    for (name, source) in PAGES.iter().chain(BANK_PAGES) {
        let source = source.trim_start_matches('\u{feff}');
        let dom = dom_page(&parse_in_browser(source));
        let native = native_page(source);
        if let Some(diff) = first_difference(&dom, &native) {
            failures.push(format!("{name}: models differ: {diff}"));
            continue;
        }
        let (d, n) = (lede::clean(&dom), lede::clean(&native));
        if d != n {
            failures.push(format!("{name}: decisions differ: dom {:?} / native {:?}", d.hidden.len(), n.hidden.len()));
        }
        if lede::read(&dom, None) != lede::read(&native, None) {
            failures.push(format!("{name}: reading views differ"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn url_cases_resolve_as_natively() {
    let failures = url_cases::url_case_failures(|page, url| lede::read(&dom_page(&parse_in_browser(page)), url).content_html);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn seeds_are_cleaned_in_the_browser() {
    let doc = parse_in_browser(PAGES[0].1);
    let report = lede::clean(&dom_page(&doc));
    let kinds: Vec<&str> = report.hidden.iter().map(|h| h.kind.as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "duplicate").count(), 5, "{kinds:?}");
    assert!(kinds.contains(&"disclaimer") && kinds.contains(&"notice"), "{kinds:?}");
    let doc = parse_in_browser(PAGES[1].1);
    let report = lede::clean(&dom_page(&doc));
    let kinds: Vec<&str> = report.hidden.iter().map(|h| h.kind.as_str()).collect();
    // The two promos, the teaser list, and the site's copyright line
    // (reprint-rights small print after the story).
    assert_eq!(kinds, ["promo", "promo", "teaser", "disclaimer"]);
}

#[wasm_bindgen_test]
fn selectors_find_the_hidden_elements_in_the_dom() {
    for (name, source) in &PAGES[..2] {
        let doc = parse_in_browser(source);
        let report = lede::clean(&dom_page(&doc));
        for h in &report.hidden {
            let found = doc.query_selector(&h.selector).expect("valid selector").expect("element found");
            // textContent has no spaces between blocks; compare the letters.
            let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
            assert_eq!(letters(&found.text_content().unwrap_or_default()), letters(&h.text), "{name}: {}", h.selector);
        }
    }
}

#[wasm_bindgen_test]
fn walker_skips_lede_own_ui() {
    let doc = parse_in_browser("<html><body><p>Story text.</p><div data-lede-ui><p>reader overlay</p></div></body></html>");
    let page = dom_page(&doc);
    let all = page.text_content(lede::NodeId::ROOT);
    assert!(all.contains("Story text.") && !all.contains("reader overlay"), "{all}");
}

#[wasm_bindgen_test]
fn malformed_snapshot_is_an_error_not_a_panic() {
    let strings = vec!["p".to_string()];
    assert!(Page::from_snapshot(&[1, 7, 0], &strings, &Limits::default()).is_err());
}
