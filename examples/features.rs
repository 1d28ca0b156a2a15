//! Dumps the features the core's fitted models read, one JSON object per
//! line, for `scripts/fit/fit.py` to fit the weights on:
//!
//! ```sh
//! cargo run --release --example features -- verdict ../shared/corpora/wcxb-dev > target/fit/verdict.jsonl
//! ```
//!
//! `verdict DIR`: the page-level article features (`lede::page::verdict`)
//! of every page of a WCXB corpus, labelled with its page type.

#[path = "../src/bin/lede/eval/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use lede::page::{verdict::FEATURE_NAMES, Analysis, Features};
use lede::{adapter::html, Limits};
use serde_json::json;
use std::io::Write;
use std::path::Path;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = std::io::stdout();
    let mut out = out.lock();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["verdict", dir] => {
            let dir = Path::new(dir);
            for f in corpus::wcxb_files(dir)? {
                let bytes = corpus::read_page(&f.html(dir))?;
                let Ok(parsed) = html::parse(&bytes, &Limits::default()) else { continue };
                let page = &parsed.page;
                let features = Features::of(page, &Analysis::new(page));
                let row = json!({"id": f.id, "page_type": f.page_type, "names": FEATURE_NAMES, "x": features.values()});
                writeln!(out, "{row}")?;
            }
        }
        _ => anyhow::bail!("usage: features verdict WCXB_DIR"),
    }
    Ok(())
}
