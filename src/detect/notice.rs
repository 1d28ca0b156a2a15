//! Notices: stale error boxes ("page not found") and empty states ("No
//! comment", "Be the first to comment", "Loading…") on pages that do carry
//! an article. Such a box says little besides its stock phrase, so the
//! phrase must make up most of a short block.

use super::lexicon::{self, Category};
use super::{Analysis, Finding, Kind};
use crate::model::Page;

/// Longest block (characters) taken for a notice: error and empty states
/// are a line or two; anything longer is prose that may quote the phrase.
pub const MAX_NOTICE_CHARS: usize = 160;
/// Share of the block's text the stock phrases must cover when only one
/// phrase is found ("No comment" alone, not "'No comment,' he said, …").
pub const MIN_NOTICE_COVERAGE: f32 = 0.5;
/// Distinct phrases that make a short block a notice whatever their share
/// ("Error! … the page you were looking for doesn't exist").
pub const MIN_NOTICE_PHRASES: usize = 2;
/// Characters of titles around the notice ("Sorry!!", "Comments") that its
/// box may hold and still be hidden whole.
pub const NOTICE_BOX_EXTRA_CHARS: usize = 40;
/// Smallest article (non-space characters in main paragraphs, about thirty
/// words: two full sentences) for which a notice is stale: on a page with
/// no article the error may be the page's real message. The notice itself
/// never counts, since a main paragraph is never taken for a notice.
pub const MIN_ARTICLE_CHARS: usize = 150;

/// Finds stale error and empty-state boxes.
pub fn detect(page: &Page, analysis: &Analysis) -> Vec<Finding> {
    let article_chars: usize = analysis.blocks.iter().filter(|b| b.main).map(|b| b.chars).sum();
    if article_chars < MIN_ARTICLE_CHARS {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for block in &analysis.blocks {
        if block.protected || block.main || block.chars > MAX_NOTICE_CHARS {
            continue;
        }
        let print = &block.print;
        let hits = lexicon::find(Category::Notice, print);
        if hits.is_empty() {
            continue;
        }
        let phrases = lexicon::distinct(&hits);
        let coverage = lexicon::coverage(&hits, print);
        if phrases.len() < MIN_NOTICE_PHRASES && coverage < MIN_NOTICE_COVERAGE {
            continue;
        }
        let node = analysis.expand(page, block.node, NOTICE_BOX_EXTRA_CHARS);
        if analysis.covers_main_paragraph(page, node, block.node) {
            continue;
        }
        findings.push(Finding {
            node,
            kind: Kind::Notice,
            reason: format!(
                "error or empty-state notice on an article page: {}",
                lexicon::quote(&phrases, 3)
            ),
            confidence: (0.6 + 0.4 * coverage.max(if phrases.len() >= MIN_NOTICE_PHRASES { 0.8 } else { 0.0 })).min(0.99),
        });
    }
    findings
}
