//! Native integration tests, one binary. Modules:
//!
//! - `seeds`: the two seed pages (../shared/corpora/seeds) through the CLI,
//!   checked against their `.labels.json`;
//! - `fixtures`: hand-written cases under `tests/fixtures/<kind>/<case>/`;
//! - `clutter_corpus`: the generated labelled corpus and the bar on it;
//! - `cli`: arguments, formats and errors of the `lede` binary;
//! - `robustness`: hostile input (deep nesting, huge, binary, non-UTF-8);
//! - `contract`: the JavaScript walker and the Rust model agree on their rules;
//! - `sanitizer`: the reading view's HTML is safe;
//! - `read_metadata`: each metadata source of the reading view;
//! - `read_sanitize`: more sanitizer cases (forms, hidden boxes, lazy images);
//! - `read_snapshots`: corpus pages' reading views pinned in `tests/snapshots/`.
//!
//! `url_cases` (`tests/cases/urls.rs`) is a table shared with the browser
//! tests (`tests/web.rs`): the same links must resolve the same way in both.
#![cfg(not(target_arch = "wasm32"))]

#[path = "native/common.rs"]
mod common;
#[path = "cases/urls.rs"]
mod url_cases;

#[path = "native/cli.rs"]
mod cli;
#[path = "native/clutter_corpus.rs"]
mod clutter_corpus;
#[path = "native/contract.rs"]
mod contract;
#[path = "native/fixtures.rs"]
mod fixtures;
#[path = "native/read_metadata.rs"]
mod read_metadata;
#[path = "native/read_sanitize.rs"]
mod read_sanitize;
#[path = "native/read_snapshots.rs"]
mod read_snapshots;
#[path = "native/robustness.rs"]
mod robustness;
#[path = "native/sanitizer.rs"]
mod sanitizer;
#[path = "native/seeds.rs"]
mod seeds;
