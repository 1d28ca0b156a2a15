//! The shared analysis of a page, computed once: which nodes render, the
//! page's text blocks with their link density, which regions are page
//! chrome (navigation, header, footer, sidebars), which of those stay in
//! place whatever they hold (the site's header and footer, menus, search),
//! and where the article is.

use super::cues::class_says_boilerplate;
use crate::model::{NodeId, Page};
use crate::text;
use rustc_hash::FxHashSet;

/// A run of text that renders as one block: the inline text of one block
/// element (text inside nested blocks belongs to those blocks).
#[derive(Clone, Debug)]
pub struct Block {
    /// The block element.
    pub node: NodeId,
    /// Its text, whitespace collapsed.
    pub text: String,
    /// Non-whitespace characters in it.
    pub chars: usize,
    /// Of those, characters inside links.
    pub link_chars: usize,
    /// Words (see [`text::word_count`]).
    pub words: usize,
    /// True when it lies in page chrome (navigation, header, footer,
    /// sidebar): never part of the article.
    pub in_chrome: bool,
    /// True when it lies in chrome that stays in place whatever it holds
    /// (see [`Analysis::protected`]): detectors leave it alone.
    pub protected: bool,
    /// Its [`text::fingerprint`].
    pub print: String,
    /// True when an earlier block has the same fingerprint (a copy).
    pub repeat: bool,
    /// True when it is one of the article's main paragraphs (copies excluded).
    pub main: bool,
}

impl Block {
    /// Share of the block's characters inside links.
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// Tags that are page chrome wherever they stand.
const CHROME_TAGS: &[&str] = &["nav", "aside"];
/// Tags that are page chrome unless inside an article (an `<article>`'s own
/// header holds its title and byline).
const CHROME_OUTSIDE_ARTICLE_TAGS: &[&str] = &["header", "footer"];
/// ARIA roles of page chrome.
const CHROME_ROLES: &[&str] = &["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"];
/// ARIA roles of chrome that stays in place whatever it holds: the site's
/// banner and footer, and search.
const PROTECTED_ROLES: &[&str] = &["banner", "contentinfo", "search"];
/// ARIA roles of menus: they stay in place when their links are labels.
const MENU_ROLES: &[&str] = &["navigation", "menu", "menubar"];
/// Fewest words of a link read as a headline: headlines run to several
/// words, menu entries to one or two.
pub const HEADLINE_LINK_WORDS: usize = 4;
/// Share of a navigation box's links that read as headlines from which it
/// is no menu but a list of stories, judged by its content like any box.
pub const NAV_HEADLINE_SHARE: f32 = 0.5;

/// Smallest paragraph (non-whitespace characters) that counts towards the
/// article: shorter blocks are datelines, labels and captions. Readability
/// uses 25 characters for the same purpose.
pub const MIN_SCORED_CHARS: usize = 25;
/// Smallest block counted as a main article paragraph: a full sentence or
/// two. Teaser snippets and labels are shorter.
pub const MAIN_PARAGRAPH_CHARS: usize = 80;
/// Largest link density of a main article paragraph: story text links
/// sparingly, link lists are mostly links.
pub const MAIN_PARAGRAPH_MAX_LINK_DENSITY: f32 = 0.3;
/// Characters of paragraph text that earn one point of score, up to
/// [`MAX_LENGTH_POINTS`] (Readability's weighting of long paragraphs).
const CHARS_PER_LENGTH_POINT: usize = 100;
/// Cap on the length points of one paragraph.
const MAX_LENGTH_POINTS: f32 = 3.0;
/// Share of a paragraph's score its grandparent receives (the parent gets all of it).
const GRANDPARENT_SHARE: f32 = 0.5;

/// The shared analysis of one page.
pub struct Analysis {
    /// Whether each node renders (by its own and its ancestors' attributes).
    pub rendered: Vec<bool>,
    /// Whether each node lies in page chrome.
    pub in_chrome: Vec<bool>,
    /// Whether each node lies in chrome that stays in place whatever it
    /// holds: the site's header and footer (outside the article), search,
    /// login, and menus whose links are labels. `<aside>`, sidebars and a
    /// `<nav>` of headlines are chrome too but not protected: detectors
    /// judge them by their content.
    pub protected: Vec<bool>,
    /// Links (`<a>` elements) under each node.
    pub links: Vec<u32>,
    /// Of those, links whose text reads like a headline
    /// ([`HEADLINE_LINK_WORDS`] words or more, not a bare address).
    pub headline_links: Vec<u32>,
    /// Rendered non-whitespace characters under each node.
    pub chars: Vec<usize>,
    /// Of those, characters inside links.
    pub link_chars: Vec<usize>,
    /// The text blocks, in document order.
    pub blocks: Vec<Block>,
    /// For each node, the index of the block it is the element of.
    pub block_of: Vec<Option<u32>>,
    /// The element holding the article's main paragraphs, if the page has one.
    pub article: Option<NodeId>,
    /// `main_before[i]`: how many main-paragraph block elements have a node id below `i`.
    main_before: Vec<u32>,
}

/// True when a link's text reads like a headline: several words, and not
/// a bare address (reference lists print URLs as link text).
pub fn is_headline(link_text: &str) -> bool {
    let t = link_text.trim();
    let address = t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.");
    !address && text::word_count(t) >= HEADLINE_LINK_WORDS
}

/// True for chrome that stays in place whatever it holds: the site's
/// header and footer, search, and menus (navigation whose links are mostly
/// labels, not headlines).
fn is_protected_element(page: &Page, id: NodeId, inside_article: bool, links: u32, headlines: u32) -> bool {
    let Some(tag) = page.tag(id) else { return false };
    let role = page.attr(id, "role").map(|r| r.trim().to_ascii_lowercase());
    let role = role.as_deref().unwrap_or("");
    let menu = (tag == "nav" || MENU_ROLES.contains(&role)) && (headlines as f32) < NAV_HEADLINE_SHARE * links.max(1) as f32;
    menu || (!inside_article && CHROME_OUTSIDE_ARTICLE_TAGS.contains(&tag)) || PROTECTED_ROLES.contains(&role)
}

fn is_chrome_element(page: &Page, id: NodeId, inside_article: bool) -> bool {
    let Some(tag) = page.tag(id) else { return false };
    CHROME_TAGS.contains(&tag)
        || (!inside_article && CHROME_OUTSIDE_ARTICLE_TAGS.contains(&tag))
        || page.attr(id, "role").is_some_and(|r| CHROME_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
}

impl Analysis {
    /// Analyses a page in a few linear passes.
    pub fn new(page: &Page) -> Self {
        let n = page.len();
        let rendered = text::rendered_map(page);
        let mut in_chrome = vec![false; n];
        let mut in_article = vec![false; n];
        let mut in_link = vec![false; n];
        let mut block_anchor = vec![NodeId::ROOT; n];
        // Pass 1 (preorder): inherited flags and each node's block element.
        for id in page.ids().skip(1) {
            let p = page.parent(id).unwrap_or(NodeId::ROOT);
            let tag = page.tag(id);
            in_article[id.index()] = in_article[p.index()] || matches!(tag, Some("article" | "main"));
            in_chrome[id.index()] = in_chrome[p.index()] || is_chrome_element(page, id, in_article[p.index()]);
            in_link[id.index()] = in_link[p.index()] || tag == Some("a");
            block_anchor[id.index()] = if text::is_block(page, id) { id } else { block_anchor[p.index()] };
        }
        // Pass 2 (reverse preorder): character and link counts summed upwards.
        let mut chars = vec![0usize; n];
        let mut link_chars = vec![0usize; n];
        let mut links = vec![0u32; n];
        let mut headline_links = vec![0u32; n];
        let mut link_text = String::new();
        for id in page.ids().rev() {
            if page.is(id, "a") {
                links[id.index()] += 1;
                link_text.clear();
                page.subtree(id).filter_map(|c| page.text(c)).for_each(|t| link_text.push_str(t));
                if is_headline(&link_text) {
                    headline_links[id.index()] += 1;
                }
            }
            if let Some(t) = page.text(id) {
                if rendered[id.index()] {
                    chars[id.index()] = text::non_whitespace_chars(t);
                    if in_link[id.index()] {
                        link_chars[id.index()] = chars[id.index()];
                    }
                }
            }
            if let Some(p) = page.parent(id) {
                chars[p.index()] += chars[id.index()];
                link_chars[p.index()] += link_chars[id.index()];
                links[p.index()] += links[id.index()];
                headline_links[p.index()] += headline_links[id.index()];
            }
        }
        // Pass 2b (preorder): chrome that stays in place.
        let mut protected = vec![false; n];
        for id in page.ids().skip(1) {
            let p = page.parent(id).unwrap_or(NodeId::ROOT);
            protected[id.index()] = protected[p.index()]
                || is_protected_element(page, id, in_article[p.index()], links[id.index()], headline_links[id.index()]);
        }
        // Pass 3 (preorder): text nodes gathered into their blocks.
        let mut block_of: Vec<Option<u32>> = vec![None; n];
        let mut raw: Vec<(NodeId, String, usize, usize)> = Vec::new();
        for id in page.ids() {
            let Some(t) = page.text(id) else { continue };
            // A rendered text node's count is its own non-whitespace characters.
            if !rendered[id.index()] || chars[id.index()] == 0 {
                // Whitespace still separates words inside a block.
                if rendered[id.index()] && !t.is_empty() {
                    if let Some(b) = page.parent(id).and_then(|p| block_of[block_anchor[p.index()].index()]) {
                        raw[b as usize].1.push(' ');
                    }
                }
                continue;
            }
            let anchor = page.parent(id).map_or(NodeId::ROOT, |p| block_anchor[p.index()]);
            let b = *block_of[anchor.index()].get_or_insert_with(|| {
                raw.push((anchor, String::new(), 0, 0));
                (raw.len() - 1) as u32
            });
            let entry = &mut raw[b as usize];
            entry.1.push_str(t);
            entry.2 += chars[id.index()];
            entry.3 += link_chars[id.index()];
        }
        let mut blocks: Vec<Block> = raw
            .into_iter()
            .map(|(node, t, c, l)| {
                let (text, print, words) = text::digest(&t);
                Block {
                    node,
                    words,
                    print,
                    text,
                    repeat: false,
                    chars: c,
                    link_chars: l,
                    in_chrome: in_chrome[node.index()],
                    protected: protected[node.index()],
                    main: false,
                }
            })
            .collect();
        let mut seen: FxHashSet<&str> = FxHashSet::with_capacity_and_hasher(blocks.len(), Default::default());
        let repeats: Vec<bool> = blocks.iter().map(|b| !b.print.is_empty() && !seen.insert(&b.print)).collect();
        for (b, repeat) in blocks.iter_mut().zip(repeats) {
            b.repeat = repeat;
        }
        let mut analysis = Analysis {
            rendered,
            in_chrome,
            protected,
            links,
            headline_links,
            chars,
            link_chars,
            blocks,
            block_of,
            article: None,
            main_before: Vec::new(),
        };
        analysis.article = analysis.find_article(page);
        // A <header> or <footer> inside the story's own container is the
        // story's (a dek, a byline, small print under the text), not the
        // site's: judged by its content like any box.
        if let Some(article) = analysis.article {
            for id in page.subtree(article).skip(1) {
                let p = page.parent(id).unwrap_or(article);
                let inherited = id != article && p != article && analysis.protected[p.index()];
                analysis.protected[id.index()] =
                    inherited || is_protected_element(page, id, true, analysis.links[id.index()], analysis.headline_links[id.index()]);
            }
            for b in &mut analysis.blocks {
                b.protected = analysis.protected[b.node.index()];
            }
        }
        if let Some(article) = analysis.article {
            for b in &mut analysis.blocks {
                b.main = !b.in_chrome
                    && !b.repeat
                    && b.chars >= MAIN_PARAGRAPH_CHARS
                    && b.link_density() <= MAIN_PARAGRAPH_MAX_LINK_DENSITY
                    && page.contains(article, b.node);
            }
        }
        let mut main_before = vec![0u32; n + 1];
        for b in analysis.blocks.iter().filter(|b| b.main) {
            main_before[b.node.index() + 1] = 1;
        }
        for i in 1..=n {
            main_before[i] += main_before[i - 1];
        }
        analysis.main_before = main_before;
        analysis
    }

    /// Picks the element that holds the article's paragraphs: each
    /// substantial paragraph scores its parent fully and its grandparent by
    /// half; long paragraphs and commas score more; link-heavy candidates,
    /// chrome and boilerplate-named elements are discounted.
    fn find_article(&self, page: &Page) -> Option<NodeId> {
        let mut score = vec![0f32; page.len()];
        for b in &self.blocks {
            // A copy scores nothing: a body printed twice must not draw the
            // article to its second printing.
            if b.in_chrome || b.repeat || b.chars < MIN_SCORED_CHARS || b.link_density() > MAIN_PARAGRAPH_MAX_LINK_DENSITY {
                continue;
            }
            let commas = b.text.chars().filter(|c| matches!(c, ',' | '，' | '、' | '،')).count() as f32;
            let points = 1.0 + commas + ((b.chars / CHARS_PER_LENGTH_POINT) as f32).min(MAX_LENGTH_POINTS);
            let Some(parent) = page.parent(b.node) else { continue };
            score[parent.index()] += points;
            if let Some(grand) = page.parent(parent) {
                score[grand.index()] += points * GRANDPARENT_SHARE;
            }
        }
        let mut best: Option<(NodeId, f32)> = None;
        for id in page.ids() {
            if score[id.index()] <= 0.0 || page.tag(id).is_none() || self.in_chrome[id.index()] {
                continue;
            }
            let mut s = score[id.index()];
            let density = if self.chars[id.index()] == 0 {
                0.0
            } else {
                self.link_chars[id.index()] as f32 / self.chars[id.index()] as f32
            };
            s *= 1.0 - density;
            if class_says_boilerplate(page, id) {
                s *= 0.5;
            }
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((id, s));
            }
        }
        best.map(|(id, _)| id)
    }

    /// Index of the first and one past the last main paragraph, if any.
    pub fn main_span(&self) -> Option<(usize, usize)> {
        let first = self.blocks.iter().position(|b| b.main)?;
        let last = self.blocks.iter().rposition(|b| b.main)?;
        Some((first, last + 1))
    }

    /// Share of an element's rendered characters inside links.
    pub fn link_density(&self, id: NodeId) -> f32 {
        let c = self.chars[id.index()];
        if c == 0 {
            0.0
        } else {
            self.link_chars[id.index()] as f32 / c as f32
        }
    }

    /// Grows a flagged block to the box that holds it: the largest ancestor
    /// whose text is the block's plus at most `extra_chars` of labels
    /// (a "Disclaimer:" heading, a "Comments" title, a button), stopping
    /// before the article element, `<body>` or page chrome.
    pub fn expand(&self, page: &Page, node: NodeId, extra_chars: usize) -> NodeId {
        let base = self.chars[node.index()];
        let mut best = node;
        for up in page.ancestors(node) {
            let stop = Some(up) == self.article
                || matches!(page.tag(up), None | Some("body" | "html" | "main" | "article" | "td" | "tr" | "table"))
                || self.in_chrome[up.index()] != self.in_chrome[node.index()];
            if stop || self.chars[up.index()] > base + extra_chars {
                break;
            }
            best = up;
        }
        best
    }

    /// Main paragraphs before `node` (in document order, outside it) and after it.
    pub fn mains_around(&self, page: &Page, node: NodeId) -> (u32, u32) {
        let end = page.subtree_end(node).index();
        let total = self.main_before[self.main_before.len() - 1];
        (self.main_before[node.index()], total - self.main_before[end])
    }

    /// True when `node` stands among the article's main paragraphs as their
    /// sibling: the author wrote it into the story's own container (a list
    /// of sources, "more on this" links under the last paragraph), where
    /// widgets are boxes of their own beside the story.
    pub fn beside_main(&self, page: &Page, node: NodeId) -> bool {
        page.parent(node).is_some_and(|p| {
            page.children(p).iter().any(|&c| {
                c != node && self.block_of[c.index()].is_some_and(|b| self.blocks[b as usize].main)
            })
        })
    }

    /// True when hiding `node` would hide a main article paragraph other
    /// than the flagged block `own` (a box grown around a flagged block must
    /// not swallow the story next to it).
    pub fn covers_main_paragraph(&self, page: &Page, node: NodeId, own: NodeId) -> bool {
        let end = page.subtree_end(node).index();
        let inside = self.main_before[end] - self.main_before[node.index()];
        let own_is_main = page.contains(node, own)
            && self.block_of[own.index()].is_some_and(|b| self.blocks[b as usize].main);
        inside > u32::from(own_is_main)
    }
}
