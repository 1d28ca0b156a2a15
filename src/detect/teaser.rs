//! Teasers: lists and grids of links to other stories, with a heading
//! ("More Information", "Related", "Trending") or none, inside or after the
//! article. A teaser item is mostly link, and its link reads like a
//! headline (several words), which is what sets a teaser list apart from a
//! menu of one- or two-word links.
//!
//! Not every such list is clutter: a changelog's commits, a list of
//! sources, a resource section are the page's content. A logistic model
//! fitted on labelled lists (`scripts/fit/fit.py teaser`, weights in
//! `teaser.weights`: bank teasers and WCXB boilerplate lists against lists
//! of the article's own content) judges each candidate by its form, its
//! position against the story, its names and its topic.
//!
//! Whether a list is about other stories or about this one is decided by
//! how many of its words the article uses too (function words left out): a
//! list on the article's own topic is [`Kind::Related`] and stays in place;
//! the rest is [`Kind::Teaser`] and is hidden.

use super::{Analysis, Finding, Kind};
use crate::model::{NodeId, Page};
use crate::page::model::Model;
use crate::page::topic::content_words;
use crate::page::{class_says_boilerplate, is_headline, named_by, Topic};
use crate::text;
use std::sync::OnceLock;

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

/// Class or id fragments that name a list of other stories.
const TEASER_CLASS_CUES: &[&str] = &[
    "related", "recommend", "more", "trending", "popular", "teaser", "read", "also", "latest", "news", "widget",
    "outbrain", "taboola", "feed", "card", "stories",
];

/// The features of a candidate list, in the order of
/// [`ListCandidate::values`] and of `teaser.weights` (`f:` lines).
pub const FEATURE_NAMES: &[&str] = &[
    "ln_items",
    "teaser_share",
    "ln_chars",
    "link_density",
    "headline_share",
    "images_per_item",
    "topic",
    "word_share",
    "before",
    "after",
    "between",
    "outside_article",
    "sidebar",
    "beside_main",
    "bare_list",
    "heading",
    "named_boilerplate",
    "named_teaser",
    "list_vs_article",
    "times_per_item",
    "article_cards",
    "page_position",
];

/// A list of links judged by the teaser model.
#[derive(Clone, Debug)]
pub struct ListCandidate {
    /// The list's box (with its heading).
    pub node: NodeId,
    /// Its visible text.
    pub text: String,
    /// Items that read as teasers.
    pub teasers: usize,
    /// Content words of the list, and how many the article uses.
    pub words: usize,
    /// Of those, how many the article uses.
    pub shared: usize,
    /// True when it stands inside the story's text and shares enough of
    /// its words to be part of it.
    pub in_story: bool,
    /// True when it is on the article's topic ([`Kind::Related`]).
    pub related: bool,
    /// Features ([`FEATURE_NAMES`]).
    pub values: Vec<f32>,
}

/// The lists of a page that read as lists of stories: three or more block
/// items, mostly teasers (a headline link, perhaps a snippet), mostly link.
pub fn candidates(page: &Page, analysis: &Analysis, topic: &Topic) -> Vec<ListCandidate> {
    let headline_line = headline_lines(page, analysis);
    let main_chars: usize = analysis.blocks.iter().filter(|b| b.main).map(|b| b.chars).sum();
    let mut out = Vec::new();
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
        let text = text::visible_text(page, node);
        let words = content_words(&text);
        let shared = words.iter().filter(|w| topic.in_story(w)).count();
        let share = shared as f32 / words.len().max(1) as f32;
        let on_topic = !topic.is_empty() && share >= RELATED_MIN_SHARED_SHARE;
        // A list with the story's paragraphs on both sides, or written into
        // the story's own container, that shares some of its words is part
        // of the story's text.
        let (before, after) = analysis.mains_around(page, node);
        let beside = analysis.beside_main(page, node);
        let inside = (before > 0 && after > 0) || beside;
        let in_story = inside && share >= IN_STORY_RELATED_SHARE;
        let has_mains = main_chars > 0;
        let flag = |v: bool| f32::from(u8::from(v));
        let n = items.len() as f32;
        let count_in = |tag: &str| page.subtree(node).filter(|&x| page.is(x, tag)).count() as f32;
        let heading = page.subtree(node).any(|x| matches!(page.tag(x), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6")));
        let values = vec![
            n.ln_1p(),
            teasers as f32 / n,
            (analysis.chars[node.index()] as f32).ln_1p(),
            analysis.link_density(node),
            analysis.headline_links[node.index()] as f32 / analysis.links[node.index()].max(1) as f32,
            (count_in("img") / n).min(3.0),
            topic.share(&words, &Default::default()),
            share,
            flag(has_mains && before == 0),
            flag(has_mains && after == 0),
            flag(before > 0 && after > 0),
            flag(analysis.article.is_some_and(|a| !page.contains(a, node))),
            flag(analysis.in_chrome[node.index()]),
            flag(beside),
            flag(matches!(page.tag(id), Some("ul" | "ol" | "dl"))),
            flag(heading),
            flag(std::iter::once(node).chain(page.ancestors(node).take(2)).any(|x| class_says_boilerplate(page, x))),
            flag(named_by(page, node, TEASER_CLASS_CUES) || named_by(page, id, TEASER_CLASS_CUES)),
            (analysis.chars[node.index()] as f32 / (main_chars as f32 + 1.0)).ln_1p(),
            (count_in("time") / n).min(3.0),
            items.iter().filter(|&&c| page.is(c, "article")).count() as f32 / n,
            node.index() as f32 / page.len().max(1) as f32,
        ];
        debug_assert_eq!(values.len(), FEATURE_NAMES.len());
        out.push(ListCandidate { node, text, teasers, words: words.len(), shared, in_story, related: on_topic || in_story, values });
    }
    out
}

/// The fitted teaser model: bias, threshold and feature weights.
fn model() -> &'static (Model, f32) {
    static MODEL: OnceLock<(Model, f32)> = OnceLock::new();
    MODEL.get_or_init(|| {
        let file = include_str!("teaser.weights");
        let threshold = file
            .lines()
            .find_map(|l| l.trim().strip_prefix("threshold ").and_then(|v| v.trim().parse().ok()))
            .unwrap_or(0.5);
        (Model::parse(file, FEATURE_NAMES), threshold)
    })
}

/// Finds lists of links to other stories: candidate lists the model takes
/// for lists of stories (not the page's own content lists).
pub fn detect(page: &Page, analysis: &Analysis, topic: &Topic) -> Vec<Finding> {
    let (model, threshold) = model();
    candidates(page, analysis, topic)
        .into_iter()
        .filter_map(|c| {
            // A list on the article's topic, or written into its text, is
            // reported as related whatever the model says (it stays in
            // place; the reading view leaves it out). Any other list is
            // hidden only when the model takes it for a list of stories.
            let p = model.probability(&c.values);
            (c.related || p >= *threshold).then(|| Finding {
                node: c.node,
                kind: if c.related { Kind::Related } else { Kind::Teaser },
                reason: format!(
                    "list of {} links to {} stories: {} of its {} words shared with the article{}",
                    c.teasers,
                    if c.related { "related" } else { "other" },
                    c.shared,
                    c.words,
                    if c.in_story { "; it stands inside the story's text" } else { "" }
                ),
                confidence: p,
            })
        })
        .collect()
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
