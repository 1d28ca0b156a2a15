//! The reading view of a few corpus pages, pinned by snapshot files in
//! `tests/snapshots/read-<case>.txt`: the metadata, then the sanitized HTML
//! (whitespace collapsed per line).
//!
//! Each snapshot was reviewed by hand against the page: it holds the whole
//! article and nothing else. When extraction changes on purpose, regenerate
//! with `LEDE_UPDATE_SNAPSHOTS=1 cargo test read_snapshots` and review the
//! diff before committing it; every mismatching case is reported by name.

use crate::common::shared;
use lede::{adapter::html, Limits};
use std::io::Read;
use std::path::PathBuf;

/// Readability's document URL for its test pages.
const FAKEHOST: &str = "http://fakehost/test/page.html";

/// `(case, page under ../shared/corpora, document URL)`, chosen for
/// variety: a long news story with figures (aclu), data tables
/// (keep-tabular-data), lazy images behind `data-srcset` (lazy-image-2),
/// French text (lemonde-1), and a WCXB article with lists (wcxb-0003).
const CASES: &[(&str, &str, &str)] = &[
    ("aclu", "readability/aclu/source.html", FAKEHOST),
    ("keep-tabular-data", "readability/keep-tabular-data/source.html", FAKEHOST),
    ("lazy-image-2", "readability/lazy-image-2/source.html", FAKEHOST),
    ("lemonde-1", "readability/lemonde-1/source.html", FAKEHOST),
    (
        "wcxb-0003",
        "wcxb-dev/html/0003.html.gz",
        "https://www.linkedin.com/pulse/5-trends-from-nutrition-2025-dylan-bailey-ms-rd-fand-8n6xe",
    ),
];

fn load(path: &str) -> Vec<u8> {
    let full = shared().join("corpora").join(path);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()));
    if path.ends_with(".gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out).expect("gzip");
        out
    } else {
        // Upstream reads its pages as UTF-8 and trims them (dropping a BOM).
        String::from_utf8_lossy(&bytes).trim_start_matches('\u{feff}').trim().as_bytes().to_vec()
    }
}

fn snapshot(path: &str, url: &str) -> String {
    let page = html::parse(&load(path), &Limits::default()).expect("parse").page;
    let a = lede::read(&page, Some(url));
    let field = |name: &str, v: &Option<String>| format!("{name}: {}\n", v.as_deref().unwrap_or("-"));
    let mut out = String::new();
    out.push_str(&format!("title: {}\n", a.title));
    out.push_str(&field("byline", &a.byline));
    out.push_str(&field("site_name", &a.site_name));
    out.push_str(&field("published_time", &a.published_time));
    out.push_str(&field("lang", &a.lang));
    out.push_str(&field("dir", &a.dir));
    out.push_str(&field("lead_image", &a.lead_image));
    out.push_str(&format!("readerable: {}\nreading_minutes: {}\nword_count: {}\n", a.readerable, a.reading_minutes, a.word_count));
    out.push_str("---\n");
    // The HTML with each line's whitespace collapsed and blank lines
    // dropped, so that the snapshot shows structure, not source indentation.
    for line in a.content_html.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

fn snapshot_path(case: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(format!("read-{case}.txt"))
}

#[test]
fn corpus_pages_match_their_snapshots() {
    let update = std::env::var_os("LEDE_UPDATE_SNAPSHOTS").is_some();
    let mut failures = Vec::new();
    for (case, path, url) in CASES {
        let got = snapshot(path, url);
        let file = snapshot_path(case);
        if update {
            std::fs::create_dir_all(file.parent().expect("dir")).expect("snapshot dir");
            std::fs::write(&file, &got).expect("write snapshot");
            continue;
        }
        let want = std::fs::read_to_string(&file).unwrap_or_default();
        if got != want {
            let line = got.lines().zip(want.lines()).position(|(a, b)| a != b).unwrap_or(got.lines().count().min(want.lines().count()));
            let show = |s: &str| s.lines().nth(line).unwrap_or("<end>").chars().take(160).collect::<String>();
            failures.push(format!("{case}: line {}\n  got:  {}\n  want: {}", line + 1, show(&got), show(&want)));
        }
    }
    assert!(failures.is_empty(), "reading view differs from its snapshot:\n{}", failures.join("\n"));
}

#[test]
fn extraction_is_deterministic() {
    for (_, path, url) in CASES {
        assert_eq!(snapshot(path, url), snapshot(path, url), "{path}");
    }
}
