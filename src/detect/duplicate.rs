//! Duplicates: a block printed again further down the page (syndicated
//! bodies pasted twice, a teaser repeated in a list). The first copy stays;
//! when the first copy sits outside the article and a later one inside, the
//! one inside stays instead.

use super::{Analysis, Finding, Kind};
use crate::model::Page;
use crate::text;
use std::collections::HashMap;

/// Shortest block (fingerprint characters) whose repetition counts as a
/// duplicate. Shorter repeats are labels and buttons ("Share", "Read more",
/// a dateline) that pages legitimately print several times.
pub const MIN_DUPLICATE_CHARS: usize = 40;

/// Confidence of an exact (fingerprint-equal) duplicate.
const EXACT_CONFIDENCE: f32 = 0.99;

/// Finds repeated blocks.
pub fn detect(page: &Page, analysis: &Analysis) -> Vec<Finding> {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut findings = Vec::new();
    for (i, block) in analysis.blocks.iter().enumerate() {
        if block.in_chrome {
            continue;
        }
        let print = text::fingerprint(&block.text);
        if print.len() < MIN_DUPLICATE_CHARS || !hideable(page, analysis, i) {
            continue;
        }
        match first.get(&print) {
            None => {
                first.insert(print, i);
            }
            Some(&k) => {
                let earlier = &analysis.blocks[k];
                let (keep, hide) = if !earlier.main && block.main { (i, k) } else { (k, i) };
                if keep == i {
                    first.insert(print, i);
                }
                findings.push(Finding {
                    node: analysis.blocks[hide].node,
                    kind: Kind::Duplicate,
                    reason: format!(
                        "second copy of {} (\"{}\")",
                        describe(analysis, keep),
                        preview(&analysis.blocks[keep].text)
                    ),
                    confidence: EXACT_CONFIDENCE,
                });
            }
        }
    }
    findings
}

/// True when hiding the block's element hides only that block's text: its
/// element holds no other block (a `<div>` with inline text and paragraphs
/// inside cannot be hidden for the sake of its inline text).
fn hideable(page: &Page, analysis: &Analysis, i: usize) -> bool {
    let block = &analysis.blocks[i];
    !matches!(page.tag(block.node), Some("body" | "html" | "main" | "article"))
        && analysis.chars[block.node.index()] == block.chars
        && Some(block.node) != analysis.article
}

/// "paragraph 3" for main paragraphs (counted in the article), else the tag.
fn describe(analysis: &Analysis, i: usize) -> String {
    let block = &analysis.blocks[i];
    if block.main {
        let n = analysis.blocks[..=i].iter().filter(|b| b.main).count();
        format!("paragraph {n}")
    } else {
        "an earlier block".to_string()
    }
}

/// The first words of a text, for reasons.
pub fn preview(s: &str) -> String {
    const PREVIEW_CHARS: usize = 60;
    let mut out: String = s.chars().take(PREVIEW_CHARS).collect();
    if s.chars().count() > PREVIEW_CHARS {
        out.push('…');
    }
    out
}
