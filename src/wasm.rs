//! The WebAssembly boundary: the only file with `#[wasm_bindgen]`.
//!
//! One call per page: the content script (or the background, where the
//! page's CSP forbids WebAssembly in content scripts) hands over the
//! snapshot from `extension/src/content/walk.js` and gets plain data back.
//! Node numbers in results are snapshot indexes, so the caller can find the
//! DOM node in the `nodes` list its walk returned.

use crate::model::{NodeId, Page};
use crate::Limits;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Installs the panic hook once, when the module starts.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The crate version, so the extension can report what it runs.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| JsError::new(&e.to_string()))
}

/// The page of a snapshot whose strings crossed as one `text` and their
/// UTF-16 `lengths` (`pack` in extension/src/content/walk.js).
fn page(words: &[u32], text: &str, lengths: &[u32]) -> Result<(Page, Vec<Option<NodeId>>), JsError> {
    let error = |e: crate::LedeError| JsError::new(&e.to_string());
    let strings = crate::model::snapshot::split_utf16(text, lengths).map_err(error)?;
    Page::from_snapshot(words, &strings, &Limits::default()).map_err(error)
}

/// Snapshot index of each model node (the inverse of the snapshot map).
fn snapshot_index(map: &[Option<NodeId>], len: usize) -> Vec<u32> {
    let mut back = vec![0u32; len];
    for (i, m) in map.iter().enumerate() {
        if let Some(id) = m {
            back[id.index()] = i as u32;
        }
    }
    back
}

/// The analysis handed to the extension: the report, and whether the page
/// looks like an article (the extension cleans only those in place).
#[derive(Serialize)]
struct Analyzed {
    #[serde(flatten)]
    report: crate::Report,
    readerable: bool,
}

/// What to hide: `{hidden: [{node, kind, reason, text, selector, confidence}],
/// kept: [...], readerable}`, `node` being the snapshot index of the element.
#[wasm_bindgen]
pub fn analyze(words: &[u32], text: &str, lengths: &[u32]) -> Result<JsValue, JsError> {
    let (page, map) = page(words, text, lengths)?;
    let mut report = crate::clean(&page);
    let back = snapshot_index(&map, page.len());
    for h in report.hidden.iter_mut().chain(report.kept.iter_mut()) {
        h.node = NodeId(back[h.node.index()]);
    }
    let readerable = report.article;
    to_js(&Analyzed { report, readerable })
}

/// The reading view's answer: the article's fields, plus the same sanitized
/// tree rendered as Markdown for "copy as Markdown" (the renderer of
/// `lede read --format markdown`, so the sanitizer serves every format).
#[derive(Serialize)]
struct ReadView<'a> {
    #[serde(flatten)]
    article: &'a crate::Article,
    markdown: String,
}

/// The reading view of the page: the fields of `lede::Article` plus
/// `markdown`; `url` resolves relative links.
#[wasm_bindgen]
pub fn read(words: &[u32], text: &str, lengths: &[u32], url: Option<String>) -> Result<JsValue, JsError> {
    let (page, _) = page(words, text, lengths)?;
    let article = crate::read(&page, url.as_deref());
    let markdown = crate::read::render::markdown(&article);
    to_js(&ReadView { article: &article, markdown })
}
