//! Duplicates: a block printed again further down the page (syndicated
//! bodies pasted twice, a teaser repeated in a list). The first copy stays;
//! when the first copy sits outside the article and a later one inside, the
//! one inside stays instead. A copy that is a link (a table of contents
//! entry, a teaser) and a copy that is text are not duplicates of each
//! other: one points at the other.

use super::{Analysis, Finding, Kind};
use crate::model::Page;
use std::collections::HashMap;

/// Shortest block (fingerprint characters) whose repetition counts as a
/// duplicate. Shorter repeats are labels and buttons ("Share", "Read more",
/// a dateline) that pages legitimately print several times.
pub const MIN_DUPLICATE_CHARS: usize = 40;

/// Shortest block whose repetition counts on its own: a full sentence or
/// two. Shorter repeats (40 to 79 characters: section titles, one-line
/// captions) count only as part of a run of repeated blocks: documentation
/// and reference pages repeat section titles legitimately (the Readability
/// corpus's mercurial page has 41 to 59 character ones), a pasted-twice body
/// repeats everything.
pub const MIN_STANDALONE_DUPLICATE_CHARS: usize = 80;

/// Confidence of an exact (fingerprint-equal) duplicate.
const EXACT_CONFIDENCE: f32 = 0.99;

/// Finds repeated blocks.
pub fn detect(page: &Page, analysis: &Analysis) -> Vec<Finding> {
    let mut first: HashMap<String, usize> = HashMap::new();
    // (hidden copy, kept copy) by block index.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, block) in analysis.blocks.iter().enumerate() {
        if block.in_chrome {
            continue;
        }
        let print = block.print.clone();
        if print.len() < MIN_DUPLICATE_CHARS || !hideable(page, analysis, i) {
            continue;
        }
        match first.get(&print) {
            None => {
                first.insert(print, i);
            }
            Some(&k) => {
                let earlier = &analysis.blocks[k];
                if is_link(earlier) != is_link(block) {
                    continue;
                }
                let inside = |b: &super::Block| analysis.article.is_some_and(|a| page.contains(a, b.node));
                let (keep, hide) = if !inside(earlier) && inside(block) { (i, k) } else { (k, i) };
                if keep == i {
                    first.insert(print, i);
                }
                pairs.push((hide, keep));
            }
        }
    }
    let repeated: std::collections::HashSet<usize> = pairs.iter().map(|&(h, _)| h).collect();
    let in_run = |i: usize| {
        let neighbour = |j: Option<usize>| j.is_some_and(|j| repeated.contains(&j));
        neighbour(i.checked_sub(1)) || neighbour(Some(i + 1))
    };
    pairs
        .into_iter()
        .filter(|&(hide, _)| analysis.blocks[hide].chars >= MIN_STANDALONE_DUPLICATE_CHARS || in_run(hide))
        .map(|(hide, keep)| Finding {
            node: analysis.blocks[hide].node,
            kind: Kind::Duplicate,
            reason: format!("second copy of {} (\"{}\")", describe(analysis, keep), preview(&analysis.blocks[keep].text)),
            confidence: EXACT_CONFIDENCE,
        })
        .collect()
}

/// Share of a block inside links above which it is a pointer to content
/// (a contents entry, a teaser) rather than content.
const LINK_BLOCK_SHARE: f32 = 0.5;

fn is_link(block: &super::Block) -> bool {
    block.link_density() > LINK_BLOCK_SHARE
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
