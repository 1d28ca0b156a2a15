//! Teasers: lists and grids of links to other stories, with a heading
//! ("More Information", "Related", "Trending") or none, inside or after the
//! article. A teaser item is mostly link, and its link reads like a
//! headline (several words), which is what sets a teaser list apart from a
//! menu of one- or two-word links.

use super::{Analysis, Finding, Kind};
use crate::model::{NodeId, Page};
use crate::text;

/// Fewest teaser items that make a list: one or two links are a "read
/// more" or a source line, three or more are a list.
pub const MIN_TEASER_ITEMS: usize = 3;
/// Share of an item's text inside links for it to be a teaser item.
pub const MIN_ITEM_LINK_SHARE: f32 = 0.6;
/// Fewest words in an item's link text: headlines run to several words,
/// menu entries to one or two.
pub const MIN_ITEM_LINK_WORDS: usize = 4;
/// Share of a whole list's text inside links: a list of teasers is
/// mostly links even where each item has a short snippet.
pub const MIN_LIST_LINK_SHARE: f32 = 0.5;
/// Share of a list's items that must be teaser items.
pub const MIN_TEASER_ITEM_SHARE: f32 = 0.75;
/// Characters of headings the list's box may add ("More Information",
/// "Related stories") and still be hidden whole.
pub const TEASER_BOX_EXTRA_CHARS: usize = 60;

/// Finds lists of links to other stories.
pub fn detect(page: &Page, analysis: &Analysis) -> Vec<Finding> {
    let headline = headline_links(page);
    let mut findings = Vec::new();
    for id in page.ids() {
        if page.tag(id).is_none()
            || analysis.in_chrome[id.index()]
            || !analysis.rendered[id.index()]
            || matches!(page.tag(id), Some("html" | "body" | "main" | "article"))
            || Some(id) == analysis.article
        {
            continue;
        }
        // Items are the block children that carry text; inline children (a
        // paragraph's links) are not items, and loose text counts against.
        let mut items: Vec<NodeId> = Vec::new();
        let mut loose_text = false;
        for &c in page.children(id) {
            if analysis.chars[c.index()] == 0 {
                continue;
            }
            if page.tag(c).is_some() && text::is_block(page, c) {
                items.push(c);
            } else {
                loose_text = true;
            }
        }
        if items.len() < MIN_TEASER_ITEMS || loose_text || analysis.link_density(id) < MIN_LIST_LINK_SHARE {
            continue;
        }
        let teasers = items.iter().filter(|&&c| is_teaser_item(analysis, &headline, c)).count();
        if teasers < MIN_TEASER_ITEMS || (teasers as f32) < MIN_TEASER_ITEM_SHARE * items.len() as f32 {
            continue;
        }
        let node = analysis.expand(page, id, TEASER_BOX_EXTRA_CHARS);
        if analysis.covers_main_paragraph(page, node, node) {
            continue;
        }
        findings.push(Finding {
            node,
            kind: Kind::Teaser,
            reason: format!(
                "list of {teasers} links to other stories ({:.0}% of its text is links)",
                analysis.link_density(node) * 100.0
            ),
            confidence: 0.9,
        });
    }
    findings
}

/// True when an element reads as one teaser: mostly link, with a link
/// long enough to be a headline.
fn is_teaser_item(analysis: &Analysis, headline: &[bool], item: NodeId) -> bool {
    analysis.link_density(item) >= MIN_ITEM_LINK_SHARE && headline[item.index()]
}

/// True when a link's text reads like a headline: several words, and not
/// a bare address (reference lists print URLs as link text).
fn is_headline(link_text: &str) -> bool {
    let t = link_text.trim();
    let address = t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.");
    !address && text::word_count(t) >= MIN_ITEM_LINK_WORDS
}

/// For each node, whether it holds a link whose text is headline-long.
/// One pass: each link's words are counted once, then flags rise to the root.
fn headline_links(page: &Page) -> Vec<bool> {
    let mut flag = vec![false; page.len()];
    for id in page.ids().rev() {
        if page.is(id, "a") && is_headline(&page.text_content(id)) {
            flag[id.index()] = true;
        }
        if flag[id.index()] {
            if let Some(p) = page.parent(id) {
                flag[p.index()] = true;
            }
        }
    }
    flag
}
