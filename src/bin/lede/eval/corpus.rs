//! Where a corpus's pages are, and reading them: Readability's test pages
//! (`DIR/<case>/{source.html, expected.html, …}`) and WCXB
//! (`DIR/index.json`, `DIR/html/NNNN.html.gz`, `DIR/ground-truth/NNNN.json`).
//!
//! Shared by `lede eval` and the corpus benchmarks (`tests/bench/corpus.rs`
//! includes this file by path), so it uses nothing else of the binary.

use anyhow::Context;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Readability's cases under `dir`: directories holding both `source.html`
/// and `expected.html`, sorted by name. An unreadable `dir` has none.
pub fn readability_cases(dir: &Path) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("expected.html").is_file() && p.join("source.html").is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    cases.sort();
    cases
}

/// One page listed in a WCXB corpus's `index.json`.
pub struct WcxbFile {
    /// The page's id, `NNNN`.
    pub id: String,
    /// Its page type (`article`, `forum`, `listing`, …).
    pub page_type: String,
}

impl WcxbFile {
    /// The page's HTML, gzip-compressed (read it with [`read_page`]).
    pub fn html(&self, dir: &Path) -> PathBuf {
        dir.join("html").join(format!("{}.html.gz", self.id))
    }

    /// The page's annotation.
    pub fn ground_truth(&self, dir: &Path) -> PathBuf {
        dir.join("ground-truth").join(format!("{}.json", self.id))
    }
}

/// The pages a WCXB corpus lists in its `index.json`, in its order (by id);
/// entries without an id or a page type are skipped.
pub fn wcxb_files(dir: &Path) -> anyhow::Result<Vec<WcxbFile>> {
    let path = dir.join("index.json");
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let index: Value = serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    Ok(index
        .get("files")
        .and_then(Value::as_array)
        .with_context(|| format!("{} has no files list", path.display()))?
        .iter()
        .filter_map(|f| Some(WcxbFile { id: f.get("id")?.as_str()?.to_string(), page_type: f.get("page_type")?.as_str()?.to_string() }))
        .collect())
}

/// A page's bytes, decompressed when its name ends in `.gz`.
pub fn read_page(path: &Path) -> anyhow::Result<Vec<u8>> {
    use std::io::Read;
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    if path.extension().is_none_or(|e| e != "gz") {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out).with_context(|| format!("gzip {}", path.display()))?;
    Ok(out)
}
