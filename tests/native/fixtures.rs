//! Hand-written fixtures: `tests/fixtures/<kind>/<case>/page.html` with
//! `expected.json` = `{"hidden": [{"kind", "contains"}], "kept": [{"kind",
//! "contains"}], "visible": [text]}`. Exactly the listed blocks are hidden,
//! and exactly the listed ones found but kept in place (each matched by kind
//! and a piece of its text); every `visible` text stays visible. All cases run and
//! every failure is reported by case name.

use crate::common::norm;
use lede::{adapter::html, Limits};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for kind in std::fs::read_dir(&root).expect("tests/fixtures") {
        let kind = kind.expect("entry").path();
        if !kind.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&kind).expect("kind dir") {
            let case = case.expect("entry").path();
            if case.join("page.html").exists() {
                out.push(case);
            }
        }
    }
    out.sort();
    out
}

fn run_case(dir: &Path) -> Result<(), String> {
    let bytes = std::fs::read(dir.join("page.html")).map_err(|e| e.to_string())?;
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).map_err(|e| e.to_string())?)
            .map_err(|e| format!("expected.json: {e}"))?;
    let parsed = html::parse(&bytes, &Limits::default()).map_err(|e| e.to_string())?;
    let report = lede::clean(&parsed.page);
    let mut problems = Vec::new();
    for (list, found, what) in [("hidden", &report.hidden, "hidden"), ("kept", &report.kept, "kept")] {
        let want = expected[list].as_array().cloned().unwrap_or_default();
        let mut unmatched: Vec<_> = found.iter().collect();
        for w in &want {
            let kind = w["kind"].as_str().unwrap_or("");
            let piece = norm(w["contains"].as_str().unwrap_or(""));
            match unmatched.iter().position(|h| h.kind.as_str() == kind && norm(&h.text).contains(&piece)) {
                Some(i) => {
                    unmatched.remove(i);
                }
                None => problems.push(format!("not {what} as {kind}: {piece:.60}")),
            }
        }
        for h in unmatched {
            problems.push(format!("{what} but should not be ({}: {}): {:.60}", h.kind.as_str(), h.reason, h.text));
        }
    }
    let mut hidden = vec![false; parsed.page.len()];
    for h in &report.hidden {
        hidden[h.node.index()] = true;
    }
    let visible = norm(&lede::text::visible_lines_in(&parsed.page, lede::NodeId::ROOT, &|id| hidden[id.index()]).join("\n"));
    for v in expected["visible"].as_array().cloned().unwrap_or_default() {
        let v = norm(v.as_str().unwrap_or(""));
        if !visible.contains(&v) {
            problems.push(format!("not visible: {v:.60}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[test]
fn fixtures() {
    let cases = cases();
    assert!(cases.len() >= 5, "fixtures found: {}", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| run_case(c).err().map(|e| format!("{}: {e}", c.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(c).display())))
        .collect();
    assert!(failures.is_empty(), "{} of {} fixtures failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
