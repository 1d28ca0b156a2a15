//! Teasers: lists and grids of links to other stories, with a heading
//! ("More Information", "Related", "Trending") or none, inside or after the
//! article. A teaser item is mostly link, and its link reads like a
//! headline (several words), which is what sets a teaser list apart from a
//! menu of one- or two-word links.
//!
//! Whether a list is about other stories or about this one is decided by
//! how many of its words the article uses too (function words left out): a
//! list on the article's own topic is [`Kind::Related`] and stays in place;
//! the rest is [`Kind::Teaser`] and is hidden.

use super::{Analysis, Finding, Kind};
use crate::model::{NodeId, Page};
use crate::page::is_headline;
use crate::text;
use crate::page::topic::{add_content_words, content_words};
use rustc_hash::FxHashSet;

/// The article's vocabulary: content words of its headline and main paragraphs.
fn topic_words(page: &Page, analysis: &Analysis) -> FxHashSet<String> {
    let mut words = FxHashSet::default();
    if let Some(h1) = page.ids().find(|&id| page.is(id, "h1") && analysis.rendered[id.index()]) {
        add_content_words(&page.text_content(h1), &mut words);
    }
    for b in analysis.blocks.iter().filter(|b| b.main) {
        add_content_words(&b.text, &mut words);
    }
    words
}

/// Fewest teaser items that make a list: one or two links are a "read
/// more" or a source line, three or more are a list.
pub const MIN_TEASER_ITEMS: usize = 3;
/// Share of an item's text inside links for it to be a teaser item.
pub const MIN_ITEM_LINK_SHARE: f32 = 0.6;
/// Share of a whole list's text inside links: a teaser list is mostly
/// links even where each headline has a one-line snippet; a list of the
/// story's own points, or a page's sections, links a word here and there.
pub const MIN_LIST_LINK_SHARE: f32 = 0.5;
/// Longest item (characters) read as a headline plus a one-line snippet
/// when less than [`MIN_ITEM_LINK_SHARE`] of it is link: its headline must
/// then be a line of its own, all link (a reference list's titles are
/// links inside a line of citation text, and stay).
pub const MAX_SNIPPET_ITEM_CHARS: usize = 250;
/// Longest teaser item (characters): a headline and a snippet. A bigger
/// child is a whole menu or section, and a box of those is no teaser list
/// (its own lists, if any, are found one by one).
pub const MAX_TEASER_ITEM_CHARS: usize = 400;
/// Share of a line inside its link for the line to be a headline of its own.
const HEADLINE_LINE_LINK_SHARE: f32 = 0.9;
/// Share of a list's items, and of its text, that must be teaser items
/// (a box whose one big child holds most of its text is not a list).
pub const MIN_TEASER_ITEM_SHARE: f32 = 0.75;
/// Characters of headings the list's box may add ("More Information",
/// "Related stories") and still be hidden whole.
pub const TEASER_BOX_EXTRA_CHARS: usize = 60;
/// Share of a list's distinct content words that the article uses too, at
/// or above which the list is on the article's topic. Unrelated "more
/// news" lists from the same wire share general news words (a country, a
/// president) but stay well below; lists of the story's follow-ups or of
/// the bugs a changelog post discusses reach it.
pub const RELATED_MIN_SHARED_SHARE: f32 = 0.4;
/// Share of shared words at or above which a list standing inside the
/// story's text (story paragraphs on both sides, or among the story's
/// paragraphs in their own container) is taken for part of it: a
/// changelog's bug list, a list of sources or an author's "more on this"
/// links share the story's vocabulary though less densely than a list of
/// follow-ups.
pub const IN_STORY_RELATED_SHARE: f32 = 0.2;

/// Finds lists of links to other stories.
pub fn detect(page: &Page, analysis: &Analysis) -> Vec<Finding> {
    let headline_line = headline_lines(page, analysis);
    let mut topic: Option<FxHashSet<String>> = None;
    let mut findings = Vec::new();
    for id in page.ids() {
        if page.tag(id).is_none()
            || analysis.protected[id.index()]
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
        let teaser_items: Vec<NodeId> =
            items.iter().copied().filter(|&c| is_teaser_item(analysis, &headline_line, c)).collect();
        let teasers = teaser_items.len();
        if teasers < MIN_TEASER_ITEMS || (teasers as f32) < MIN_TEASER_ITEM_SHARE * items.len() as f32 {
            continue;
        }
        let teaser_chars: usize = teaser_items.iter().map(|c| analysis.chars[c.index()]).sum();
        if (teaser_chars as f32) < MIN_TEASER_ITEM_SHARE * analysis.chars[id.index()] as f32 {
            continue;
        }
        let node = analysis.expand(page, id, TEASER_BOX_EXTRA_CHARS);
        if analysis.covers_main_paragraph(page, node, node) {
            continue;
        }
        let topic = topic.get_or_insert_with(|| topic_words(page, analysis));
        let words = content_words(&text::visible_text(page, node));
        let shared = words.iter().filter(|w| topic.contains(*w)).count();
        let share = shared as f32 / words.len().max(1) as f32;
        let on_topic = !topic.is_empty() && share >= RELATED_MIN_SHARED_SHARE;
        // A list with the story's paragraphs on both sides, or written into
        // the story's own container, that shares some of its words is part
        // of the story's text.
        let (before, after) = analysis.mains_around(page, node);
        let inside = (before > 0 && after > 0) || analysis.beside_main(page, node);
        let in_story = inside && share >= IN_STORY_RELATED_SHARE;
        let related = on_topic || in_story;
        findings.push(Finding {
            node,
            kind: if related { Kind::Related } else { Kind::Teaser },
            reason: format!(
                "list of {teasers} links to {} stories: {shared} of its {} words shared with the article{}",
                if related { "related" } else { "other" },
                words.len(),
                if in_story { "; it stands inside the story's text" } else { "" }
            ),
            confidence: if related { 0.8 } else { 0.6 + 0.3 * (1.0 - share / RELATED_MIN_SHARED_SHARE) },
        });
    }
    findings
}

/// True when an element reads as one teaser: mostly link, with a link
/// long enough to be a headline.
fn is_teaser_item(analysis: &Analysis, headline_line: &[bool], item: NodeId) -> bool {
    analysis.headline_links[item.index()] > 0
        && analysis.chars[item.index()] <= MAX_TEASER_ITEM_CHARS
        && (analysis.link_density(item) >= MIN_ITEM_LINK_SHARE
            || (headline_line[item.index()] && analysis.chars[item.index()] <= MAX_SNIPPET_ITEM_CHARS))
}

/// For each node, whether it holds a line that is a headline link and
/// nothing else.
fn headline_lines(page: &Page, analysis: &Analysis) -> Vec<bool> {
    let mut flag = vec![false; page.len()];
    for b in &analysis.blocks {
        if b.link_density() >= HEADLINE_LINE_LINK_SHARE && is_headline(&b.text) {
            flag[b.node.index()] = true;
        }
    }
    for id in page.ids().rev() {
        if flag[id.index()] {
            if let Some(p) = page.parent(id) {
                flag[p.index()] = true;
            }
        }
    }
    flag
}
