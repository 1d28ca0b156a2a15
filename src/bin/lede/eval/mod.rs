//! `lede eval clutter|read DIR`: scoring lede on corpora, printed as tables.
//!
//! Corpora are read where they lie (`../shared/corpora/…` or a generated
//! directory), never copied. Shared pieces: corpus listing and loading
//! ([`corpus`]), and here the bag-of-words F1 the WCXB benchmark scores with.

pub mod bank;
pub mod clutter;
pub mod corpus;
pub mod read;

use anyhow::{bail, Context};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Lower-cased word tokens: maximal runs of letters, digits and underscore
/// (Python's `\w`, as the WCXB benchmark tokenises).
pub fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() || c == '_' {
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Hand labels: for each Readability case, lines of `expected.html` that are
/// clutter by lede's definitions: (kind, fingerprinted text). Each label
/// must also say why (the file is reviewed by people).
pub fn load_labels(path: &Path) -> anyhow::Result<BTreeMap<String, Vec<(String, String)>>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let v: Value = serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (case, lines) in v["pages"].as_object().context("labels need a \"pages\" object")? {
        for line in lines.as_array().into_iter().flatten() {
            let (Some(kind), Some(text), Some(_why)) = (line["kind"].as_str(), line["text"].as_str(), line["why"].as_str()) else {
                bail!("{}: each label of {case} needs kind, text and why", path.display());
            };
            out.entry(case.clone()).or_default().push((kind.to_string(), lede::text::fingerprint(text)));
        }
    }
    Ok(out)
}

/// Precision, recall and F1 of predicted against reference text, as bags
/// of words (repeat counts matter, order does not).
pub fn word_prf(predicted: &str, reference: &str) -> (f64, f64, f64) {
    let p = tokens(predicted);
    let r = tokens(reference);
    if r.is_empty() {
        let score = if p.is_empty() { 1.0 } else { 0.0 };
        return (score, score, score);
    }
    if p.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for t in &r {
        *counts.entry(t).or_default() += 1;
    }
    let mut overlap = 0i64;
    for t in &p {
        if let Some(c) = counts.get_mut(t.as_str()) {
            if *c > 0 {
                *c -= 1;
                overlap += 1;
            }
        }
    }
    let precision = overlap as f64 / p.len() as f64;
    let recall = overlap as f64 / r.len() as f64;
    let f1 = if overlap == 0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    (precision, recall, f1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_counts_repeats_and_ignores_order() {
        assert_eq!(word_prf("b a", "a b"), (1.0, 1.0, 1.0));
        let (p, r, f) = word_prf("a a b", "a b c");
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 2.0 / 3.0).abs() < 1e-9 && (f - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(word_prf("", "a"), (0.0, 0.0, 0.0));
        assert_eq!(word_prf("", ""), (1.0, 1.0, 1.0));
        assert_eq!(tokens("Don't stop_me, Ünïcode!"), ["don", "t", "stop_me", "ünïcode"]);
    }
}
