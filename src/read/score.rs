//! Content selection: which parts of the page are the article.
//!
//! The design follows the extractors that work (Readability's candidate
//! scoring, with jusText's and trafilatura's lesson that link density and
//! text length say more than tags), written for lede's page model with all
//! scores kept in side tables indexed by node, never in the page:
//!
//! 1. **Exclusion.** Invisible nodes, clutter findings (a block that is
//!    clutter is never article), page chrome tags, and (first pass only)
//!    boxes whose class or id names a non-content part of a page.
//! 2. **Scoring.** Every paragraph of some length scores its ancestors
//!    (one point, one per comma, one per hundred characters up to three),
//!    the parent fully, the grandparent by half, further ancestors less.
//!    Candidates start from a tag prior and a class-name weight, and end
//!    scaled by their share of text outside links.
//! 3. **The top candidate** is the best one, moved up to a common ancestor
//!    when several near-equal candidates share it, or to a parent that
//!    scores better, or through wrappers with one child, and then up as
//!    long as what a parent adds is prose with hardly a link (a story that
//!    a site builder split over several boxes), past a level that adds
//!    something else only to an ancestor that adds more prose than it has.
//! 4. **Siblings** of the top candidate join it when they score well, share
//!    its class, or are paragraphs of real prose.
//! 5. **Conditional cleaning** drops boxes inside the article that look
//!    like link lists, image strips or forms rather than text. The winning
//!    candidate and the boxes it grew into are not judged, and boxes named
//!    like them are judged on their text, not their names. (Embeds are
//!    not counted against a box: the sanitizer drops them anyway, and the
//!    box is judged on its text.)
//! 6. **Relaxing.** If less than [`MIN_ARTICLE_CHARS`] come out, the passes
//!    run again without the class-name exclusion, then without class
//!    weights, then without conditional cleaning; the longest result wins.

use crate::detect::Report;
use crate::page::{any_cue, class_and_id, unlikely};
use crate::model::{NodeId, Page};
use crate::text;

/// The article's place in the page.
#[derive(Clone, Debug)]
pub struct Selection {
    /// Top-level parts of the article in document order: the top candidate
    /// and the siblings that joined it.
    pub parts: Vec<NodeId>,
    /// The top candidate (its `dir` is the article's).
    pub top: NodeId,
    /// Nodes left out inside the parts, by node index (their subtrees too).
    pub dropped: Vec<bool>,
    /// Characters of text selected.
    pub chars: usize,
    /// Whether the selection reads boxes hidden by their attributes (the
    /// last pass, for articles that a script reveals).
    pub include_hidden: bool,
}

/// Which rules a pass applies; later passes relax them.
#[derive(Clone, Copy, Debug)]
struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
    include_hidden: bool,
}

/// The passes, strictest first. The last one also reads boxes hidden by
/// their attributes: pages rendered on the server by streaming frameworks
/// park the whole article in a `hidden` box that a script reveals, so a
/// page whose visible text holds no article has it there.
const PASSES: [Flags; 5] = [
    Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true, include_hidden: false },
    Flags { strip_unlikely: false, weight_classes: true, clean_conditionally: true, include_hidden: false },
    Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: true, include_hidden: false },
    Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: false, include_hidden: false },
    Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: false, include_hidden: true },
];

/// How many times more text the pass that reads hidden boxes must find
/// than the best visible one to be preferred: a short page with a hidden
/// box keeps its visible text; a page whose article waits hidden for a
/// script has almost no visible text at all.
const HIDDEN_PASS_MIN_GAIN: usize = 4;
/// Fewest characters an extraction must hold to be accepted without
/// relaxing the rules: a few paragraphs (Readability's default threshold).
pub const MIN_ARTICLE_CHARS: usize = 500;
/// Shortest paragraph (characters) that scores its ancestors: shorter text
/// is labels, datelines and buttons.
pub const MIN_PARAGRAPH_CHARS: usize = 25;
/// Characters of a paragraph that earn one point, up to [`MAX_LENGTH_POINTS`].
const CHARS_PER_POINT: usize = 100;
/// Cap on a paragraph's length points, so that one wall of text does not
/// outweigh many paragraphs.
const MAX_LENGTH_POINTS: usize = 3;
/// How many ancestors a paragraph scores.
const SCORED_ANCESTORS: usize = 5;
/// How many of the best candidates are compared for a common ancestor.
const TOP_CANDIDATES: usize = 5;
/// Score share (of the best) from which another candidate counts as a
/// near-equal rival of the top candidate.
const RIVAL_SHARE: f32 = 0.75;
/// Near-equal rivals that must share an ancestor for it to become the top
/// candidate (an article split into several boxes).
const MIN_RIVALS_SHARING: usize = 3;
/// Share of the top candidate's score below which climbing to parents stops.
const CLIMB_FLOOR_SHARE: f32 = 1.0 / 3.0;
/// Largest link density of a paragraph counted as prose.
const PROSE_MAX_LINK_DENSITY: f32 = 0.3;
/// Share of prose in the text a parent adds to the top candidate from
/// which the parent is taken as the article (an article split over boxes).
const CLIMB_MIN_PROSE_SHARE: f32 = 0.75;
/// Largest link density of the text a parent taken that way adds: story
/// sections link sparingly, teasers with summaries link every headline.
const CLIMB_MAX_LINK_DENSITY: f32 = 0.05;
/// Prose an ancestor must add, as a multiple of the chosen box's text, to
/// be taken past a level that adds no prose.
const CLIMB_SKIP_MIN_GAIN: f32 = 1.0;
/// Share of class words two boxes must have in common to be of the same kind.
const SAME_KIND_CLASS_SHARE: f32 = 0.5;
/// Score a sibling needs at least to join, whatever the top candidate's.
const MIN_SIBLING_SCORE: f32 = 10.0;
/// Share of the top candidate's score a sibling needs to join; also the
/// bonus of a sibling with the same class as the top candidate.
const SIBLING_SHARE: f32 = 0.2;
/// A sibling paragraph this long (characters) with link density below
/// [`SIBLING_MAX_LINK_DENSITY`] joins the article.
const SIBLING_PARAGRAPH_CHARS: usize = 80;
/// Largest link density of a long sibling paragraph that joins.
const SIBLING_MAX_LINK_DENSITY: f32 = 0.25;
/// Weight of a class or id that names content (or non-content, negated).
const CLASS_WEIGHT: i32 = 25;
/// Weight of link text whose target is on the same page (`#…`): tables
/// of contents and footnote links are part of the article.
const SAME_PAGE_LINK_WEIGHT: f32 = 0.3;
/// Boxes with this many commas are prose and never conditionally cleaned.
const CLEAN_MAX_COMMAS: usize = 10;
/// Largest link density of a box kept by conditional cleaning (boxes with
/// a content-naming class may reach [`CLEAN_MAX_LINK_DENSITY_POSITIVE`]).
const CLEAN_MAX_LINK_DENSITY: f32 = 0.2;
/// Largest link density of a content-named box kept by conditional cleaning.
const CLEAN_MAX_LINK_DENSITY_POSITIVE: f32 = 0.5;
/// A box with fewer characters than this, no list and links is dropped.
const CLEAN_MIN_CHARS: usize = 25;
/// Share of a box's text in headings from which it is a heading block, kept.
const CLEAN_HEADING_SHARE: f32 = 0.9;
/// Share of a box's text inside lists from which it counts as a list.
const LIST_TEXT_SHARE: f32 = 0.9;
/// List items beyond paragraphs a non-list box may hold before it is taken
/// for a link list (Readability subtracts the same hundred).
const CLEAN_LIST_ITEM_ALLOWANCE: usize = 100;
/// Share boxes (class `share`) shorter than this are dropped.
const SHARE_BOX_MAX_CHARS: usize = 500;
/// Rows of a table from which it holds data, not layout.
const DATA_TABLE_MIN_ROWS: usize = 10;
/// Columns of a table above which it holds data, not layout.
const DATA_TABLE_MIN_COLUMNS: usize = 4;
/// Cells of a table above which it holds data, not layout.
const DATA_TABLE_MIN_CELLS: usize = 10;
/// Word overlap (of a heading's words found in the title) from which a
/// heading repeats the title and is left out.
const TITLE_SIMILARITY: f32 = 0.75;

/// Parts of class and id values that name the article.
const POSITIVE_CUES: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text",
    "blog", "story",
];
/// Parts of class and id values that name other parts of a page.
const NEGATIVE_CUES: &[&str] = &[
    "-ad-", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media", "meta",
    "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
    "shopping", "tags", "widget",
];
/// Whole class or id words that mean hidden.
const HIDDEN_WORDS: &[&str] = &["hidden", "hid"];
/// ARIA roles of boxes that are never the article.
const UNLIKELY_ROLES: &[&str] = &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];
/// Tags of page chrome, left out unless they hold the page's `<main>` or
/// `<article>` (a page may, through a markup error, nest its main part in
/// an unclosed `<aside>`).
const CHROME_TAGS: &[&str] = &["nav", "aside", "footer", "dialog"];
/// Form controls, whose text (labels of options and buttons) is never article.
const CONTROL_TAGS: &[&str] = &["button", "select", "textarea"];
/// An element whose whole text is one of these is an ad label or a
/// loading placeholder (several languages), dropped from the article.
const PLACEHOLDER_TEXTS: &[&str] = &[
    "ad", "advertising", "advertisement", "pub", "publicité", "werbung", "广告", "реклама", "anuncio",
    "loading", "正在加载", "加载中", "загрузка", "chargement", "cargando", "wird geladen", "caricamento",
];
/// Longest text compared with [`PLACEHOLDER_TEXTS`].
const PLACEHOLDER_MAX_CHARS: usize = 20;
/// Most letters and digits in any of [`PLACEHOLDER_TEXTS`] ("advertisement"):
/// a box whose text has more is none of them, whatever punctuation or
/// spacing surrounds it, so its text need not be built and compared.
const PLACEHOLDER_MAX_ALPHANUMERICS: usize = 13;
/// Elements whose presence inside a `<div>` makes it a box rather than a
/// paragraph.
const DIV_BLOCK_TAGS: &[&str] = &["blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"];
/// Tags whose text scores as a paragraph.
const SCORED_TAGS: &[&str] = &["p", "td", "pre", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "main"];

/// Counts kept for every node over its visible, not excluded subtree.
#[derive(Clone, Copy, Default)]
struct Counts {
    chars: usize,
    link_chars: f32,
    commas: usize,
    p: usize,
    img: usize,
    li: usize,
    input: usize,
    heading_chars: usize,
    list_chars: usize,
    data_table: usize,
    /// Whether a [`DIV_BLOCK_TAGS`] element is inside.
    block_inside: bool,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.chars += o.chars;
        self.link_chars += o.link_chars;
        self.commas += o.commas;
        self.p += o.p;
        self.img += o.img;
        self.li += o.li;
        self.input += o.input;
        self.heading_chars += o.heading_chars;
        self.list_chars += o.list_chars;
        self.data_table += o.data_table;
        self.block_inside |= o.block_inside;
    }

    fn sub(&mut self, o: &Counts) {
        self.chars -= o.chars.min(self.chars);
        self.link_chars = (self.link_chars - o.link_chars).max(0.0);
        self.commas -= o.commas.min(self.commas);
        self.p -= o.p.min(self.p);
        self.img -= o.img.min(self.img);
        self.li -= o.li.min(self.li);
        self.input -= o.input.min(self.input);
        self.heading_chars -= o.heading_chars.min(self.heading_chars);
        self.list_chars -= o.list_chars.min(self.list_chars);
        self.data_table -= o.data_table.min(self.data_table);
    }

    fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars / self.chars as f32
        }
    }
}

/// Characters of a text as it reads: whitespace runs count one.
fn text_chars(t: &str) -> usize {
    // One pass, no trimming: whitespace before the first character never
    // counts (`n` is still 0), nor after the last (no character follows).
    let mut n = 0;
    let mut gap = false;
    let bytes = t.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let whitespace = if b.is_ascii() {
            i += 1;
            matches!(b, b'\t'..=b'\r' | b' ')
        } else {
            let Some(c) = t[i..].chars().next() else { break };
            i += c.len_utf8();
            c.is_whitespace()
        };
        if whitespace {
            gap = n > 0;
        } else {
            n += 1 + usize::from(gap);
            gap = false;
        }
    }
    n
}

fn is_comma(c: char) -> bool {
    matches!(c, ',' | '،' | '﹐' | '︐' | '︑' | '⹁' | '⸴' | '⸲' | '，' | '、')
}

/// True when an element's ARIA role is one of page chrome or a dialog.
pub fn unlikely_role(page: &Page, id: NodeId) -> bool {
    page.attr(id, "role").is_some_and(|r| UNLIKELY_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
}

/// True when a box is left out by the first, strictest pass: its role or
/// its class and id name a part of a page other than the article (boxes
/// inside tables and code excepted).
pub fn unlikely_box(page: &Page, id: NodeId) -> bool {
    unlikely_role(page, id)
        || (unlikely(page, id) && !page.ancestors(id).any(|a| matches!(page.tag(a), Some("table" | "code" | "pre"))))
}

/// The weight of an element's class and id: positive for names of
/// content, negative for names of other page parts.
pub fn class_weight(page: &Page, id: NodeId) -> i32 {
    let mut weight = 0;
    for value in [page.attr(id, "class"), page.attr(id, "id")].into_iter().flatten() {
        let v = value.to_lowercase();
        if v.trim().is_empty() {
            continue;
        }
        let hidden = v.split(|c: char| c.is_whitespace()).any(|w| HIDDEN_WORDS.contains(&w));
        if hidden || any_cue(&v, NEGATIVE_CUES) {
            weight -= CLASS_WEIGHT;
        }
        if any_cue(&v, POSITIVE_CUES) {
            weight += CLASS_WEIGHT;
        }
    }
    weight
}

/// True when an element is hidden by its own attributes (`hidden`, an
/// inline style, `aria-hidden="true"`).
pub fn hidden_by_attributes(page: &Page, id: NodeId) -> bool {
    let Some(tag) = page.tag(id) else { return false };
    (text::is_unrendered(page, id) && !text::UNRENDERED_TAGS.contains(&tag))
        || page.attr(id, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// True when a class or id word is `share` (a sharing toolbar).
fn names_share(page: &Page, id: NodeId) -> bool {
    class_and_id(page, id).is_some_and(|s| s.split(|c: char| !c.is_alphanumeric()).any(|w| w == "share" || w == "sharedaddy"))
}

/// How similar a heading is to the title: the share of the heading's
/// words that the title also has, by characters.
pub fn title_similarity(title: &str, heading: &str) -> f32 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let (a, b) = (words(title), words(heading));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let total: usize = b.iter().map(|w| w.chars().count() + 1).sum();
    let unique: usize = b.iter().filter(|w| !a.contains(w)).map(|w| w.chars().count() + 1).sum();
    1.0 - unique as f32 / total as f32
}

/// Selects the article, or `None` when the page has no text at all.
/// `byline` is the author line found in the page, left out of the text
/// (the reading view shows it above the article).
pub fn select(page: &Page, report: &Report, title: &str, byline: Option<NodeId>) -> Option<Selection> {
    let mut best: Option<Selection> = None;
    for flags in PASSES {
        let Some(s) = attempt(page, report, title, byline, flags) else { continue };
        if s.chars >= MIN_ARTICLE_CHARS && !flags.include_hidden {
            return Some(s);
        }
        let gain = if flags.include_hidden { HIDDEN_PASS_MIN_GAIN } else { 1 };
        if best.as_ref().is_none_or(|b| s.chars > b.chars * gain) {
            best = Some(s);
        }
    }
    best
}

fn body_of(page: &Page) -> NodeId {
    page.ids().find(|&id| page.is(id, "body")).unwrap_or(NodeId::ROOT)
}

fn attempt(page: &Page, report: &Report, title: &str, byline: Option<NodeId>, flags: Flags) -> Option<Selection> {
    let n = page.len();
    let body = body_of(page);
    // 1. Exclusion, inherited down the tree (preorder).
    let mut excluded = vec![false; n];
    for h in report.excluded() {
        excluded[h.node.index()] = true;
    }
    let mut holds_main = vec![false; n];
    for id in page.ids().rev() {
        let own = matches!(page.tag(id), Some("main" | "article"))
            || page.attr(id, "role").is_some_and(|r| r.trim().eq_ignore_ascii_case("main"));
        if own || holds_main[id.index()] {
            if let Some(p) = page.parent(id) {
                holds_main[p.index()] = true;
            }
        }
    }
    let mut in_table_or_code = vec![false; n];
    let mut title_header_left = !title.trim().is_empty();
    for id in page.ids().skip(1) {
        let p = page.parent(id).unwrap_or(NodeId::ROOT);
        in_table_or_code[id.index()] =
            in_table_or_code[p.index()] || page.tag(p).is_some_and(|t| matches!(t, "table" | "code" | "pre"));
        if excluded[p.index()] {
            excluded[id.index()] = true;
            continue;
        }
        let Some(tag) = page.tag(id) else { continue };
        let mut out = excluded[id.index()]
            || matches!(tag, "head" | "script" | "style" | "template" | "noscript")
            || CONTROL_TAGS.contains(&tag)
            || (CHROME_TAGS.contains(&tag) && !holds_main[id.index()])
            || (!flags.include_hidden && hidden_by_attributes(page, id));
        if !out && flags.strip_unlikely && !matches!(tag, "body" | "a" | "html") {
            out = unlikely_role(page, id) || (!in_table_or_code[id.index()] && unlikely(page, id));
        }
        out |= byline == Some(id);
        if !out && title_header_left && matches!(tag, "h1" | "h2") {
            let t = page.text_content(id);
            if title_similarity(title, &t) > TITLE_SIMILARITY && title_similarity(&t, title) > TITLE_SIMILARITY {
                title_header_left = false;
                out = true;
            }
        }
        excluded[id.index()] = out;
    }

    // 2. Counts over what is left (reverse preorder sums upwards).
    let mut link_weight = vec![0f32; n];
    for id in page.ids().skip(1) {
        let p = page.parent(id).unwrap_or(NodeId::ROOT);
        link_weight[id.index()] = if page.is(id, "a") {
            let same_page = page.attr(id, "href").is_some_and(|h| h.trim_start().starts_with('#'));
            if same_page {
                SAME_PAGE_LINK_WEIGHT
            } else {
                1.0
            }
        } else {
            link_weight[p.index()]
        };
    }
    let mut counts = vec![Counts::default(); n];
    let mut tables: Vec<NodeId> = Vec::new();
    for id in page.ids().rev() {
        if excluded[id.index()] {
            continue;
        }
        let mut c = counts[id.index()];
        if let Some(t) = page.text(id) {
            c.chars = text_chars(t);
            c.link_chars = c.chars as f32 * link_weight[id.index()];
            c.commas = t.chars().filter(|&ch| is_comma(ch)).count();
        } else if let Some(tag) = page.tag(id) {
            match tag {
                "p" => c.p += 1,
                "img" => c.img += 1,
                "li" => c.li += 1,
                "input" => c.input += 1,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => c.heading_chars = c.chars,
                "ul" | "ol" => c.list_chars = c.chars,
                "table" => tables.push(id),
                _ => {}
            }
        }
        counts[id.index()] = c;
        if let Some(p) = page.parent(id) {
            let tag = page.tag(id);
            let mut up = c;
            up.block_inside |= tag.is_some_and(|t| DIV_BLOCK_TAGS.contains(&t));
            counts[p.index()].add(&up);
        }
    }
    let mut data_table = vec![false; n];
    for &t in &tables {
        data_table[t.index()] = is_data_table(page, t, &excluded);
    }
    // Data tables inside each node, for conditional cleaning.
    let mut has_data_table = vec![false; n];
    let mut in_data_table = vec![false; n];
    for id in page.ids().rev() {
        if data_table[id.index()] {
            has_data_table[id.index()] = true;
        }
        if has_data_table[id.index()] {
            if let Some(p) = page.parent(id) {
                has_data_table[p.index()] = true;
            }
        }
    }
    for id in page.ids().skip(1) {
        let p = page.parent(id).unwrap_or(NodeId::ROOT);
        in_data_table[id.index()] = in_data_table[p.index()] || data_table[p.index()];
    }
    let div_paragraph: Vec<bool> = page.ids().map(|id| page.is(id, "div") && !counts[id.index()].block_inside).collect();
    let is_div_paragraph = |id: NodeId| div_paragraph[id.index()];

    // 3. Paragraph units and candidate scores.
    let mut anchor = vec![NodeId::ROOT; n];
    let mut unit_chars = vec![0usize; n];
    let mut unit_commas = vec![0usize; n];
    let mut unit_links = vec![0f32; n];
    for id in page.ids().skip(1) {
        let p = page.parent(id).unwrap_or(NodeId::ROOT);
        anchor[id.index()] = if text::is_block(page, id) { id } else { anchor[p.index()] };
        if excluded[id.index()] {
            continue;
        }
        if let Some(t) = page.text(id) {
            let a = anchor[p.index()];
            unit_chars[a.index()] += text_chars(t) + 1;
            unit_commas[a.index()] += t.chars().filter(|&c| is_comma(c)).count();
            unit_links[a.index()] += text_chars(t) as f32 * link_weight[id.index()];
        }
    }
    // Characters of prose under each node: paragraphs of some length that
    // are mostly not links (jusText's "good" paragraphs).
    let mut prose = vec![0usize; n];
    for id in page.ids().rev() {
        let len = unit_chars[id.index()].saturating_sub(1);
        if len >= MIN_PARAGRAPH_CHARS && unit_links[id.index()] < len as f32 * PROSE_MAX_LINK_DENSITY {
            prose[id.index()] += len;
        }
        if let Some(p) = page.parent(id) {
            prose[p.index()] += prose[id.index()];
        }
    }
    let mut score = vec![0f32; n];
    let mut scored = vec![false; n];
    let mut candidates: Vec<NodeId> = Vec::new();
    let init = |id: NodeId, score: &mut Vec<f32>, scored: &mut Vec<bool>, candidates: &mut Vec<NodeId>| {
        if scored[id.index()] {
            return;
        }
        scored[id.index()] = true;
        candidates.push(id);
        let prior = match page.tag(id).unwrap_or("") {
            "div" => 5,
            "pre" | "td" | "blockquote" => 3,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5,
            _ => 0,
        };
        let weight = if flags.weight_classes { class_weight(page, id) } else { 0 };
        score[id.index()] = (prior + weight) as f32;
    };
    for id in page.ids() {
        let len = unit_chars[id.index()].saturating_sub(1);
        if len < MIN_PARAGRAPH_CHARS || excluded[id.index()] {
            continue;
        }
        let Some(tag) = page.tag(id) else { continue };
        if !SCORED_TAGS.contains(&tag) {
            continue;
        }
        // A box holding blocks has its loose text scored as a paragraph of its own.
        let first = if counts[id.index()].block_inside && tag != "p" { Some(id) } else { page.parent(id) };
        let points = 1.0 + (unit_commas[id.index()] + 1) as f32 + (len / CHARS_PER_POINT).min(MAX_LENGTH_POINTS) as f32;
        let ancestors = first.into_iter().chain(first.into_iter().flat_map(|f| page.ancestors(f)));
        for (level, a) in ancestors.take(SCORED_ANCESTORS).enumerate() {
            if page.tag(a).is_none() || page.is(a, "html") {
                break;
            }
            init(a, &mut score, &mut scored, &mut candidates);
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[a.index()] += points / divider;
        }
    }
    for &c in &candidates {
        score[c.index()] *= 1.0 - counts[c.index()].link_density();
    }

    // 4. The top candidate.
    let mut ranked = candidates.clone();
    ranked.sort_by(|a, b| score[b.index()].total_cmp(&score[a.index()]).then(a.cmp(b)));
    ranked.truncate(TOP_CANDIDATES);
    let mut top = match ranked.first() {
        Some(&t) if t != body => t,
        _ => body,
    };
    let is_stop = |id: NodeId| id == body || matches!(page.tag(id), None | Some("html" | "body"));
    if top != body {
        let top_score = score[top.index()];
        let rivals: Vec<NodeId> =
            ranked.iter().skip(1).copied().filter(|r| score[r.index()] >= top_score * RIVAL_SHARE).collect();
        if rivals.len() >= MIN_RIVALS_SHARING {
            let mut up = page.parent(top);
            while let Some(a) = up.filter(|&a| !is_stop(a)) {
                let sharing = rivals.iter().filter(|&&r| page.contains(a, r)).count();
                if sharing >= MIN_RIVALS_SHARING {
                    top = a;
                    break;
                }
                up = page.parent(a);
            }
        }
        init(top, &mut score, &mut scored, &mut candidates);
        // Climb to a parent that scores better, while parents keep a fair share.
        let mut last = score[top.index()];
        let floor = last * CLIMB_FLOOR_SHARE;
        let mut up = page.parent(top);
        while let Some(a) = up.filter(|&a| !is_stop(a)) {
            if !scored[a.index()] {
                up = page.parent(a);
                continue;
            }
            let s = score[a.index()];
            if s < floor {
                break;
            }
            if s > last {
                top = a;
                break;
            }
            last = s;
            up = page.parent(a);
        }
        // Through wrappers that hold nothing else.
        while let Some(p) = page.parent(top).filter(|&p| !is_stop(p)) {
            let kids = page.children(p).iter().filter(|&&c| page.tag(c).is_some() && !excluded[c.index()]).count();
            if kids != 1 {
                break;
            }
            top = p;
        }
        init(top, &mut score, &mut scored, &mut candidates);
    }

    // Up to the box that holds the rest of the article: builders split
    // one story over several sibling boxes, each a candidate of its own.
    // A parent is taken while what it adds to the top candidate is mostly
    // prose; past a level that adds something else (a byline box, an ad
    // slot), an ancestor is taken only when the prose it adds outweighs the
    // article so far (a guide whose intro won and whose sections sit in
    // boxes of their own), not for a few teaser summaries below the story.
    let start = top;
    if top != body {
        let mut stepping = true;
        let mut up = page.parent(start);
        while let Some(p) = up.filter(|&p| !is_stop(p)) {
            let extra = counts[p.index()].chars.saturating_sub(counts[top.index()].chars);
            let extra_prose = prose[p.index()].saturating_sub(prose[top.index()]);
            let extra_links = (counts[p.index()].link_chars - counts[top.index()].link_chars).max(0.0);
            let adds_prose = (extra_prose as f32) >= extra as f32 * CLIMB_MIN_PROSE_SHARE
                && extra_links <= extra as f32 * CLIMB_MAX_LINK_DENSITY;
            if adds_prose && (stepping || extra_prose as f32 >= counts[top.index()].chars as f32 * CLIMB_SKIP_MIN_GAIN) {
                top = p;
                stepping = true;
            } else {
                stepping = false;
            }
            up = page.parent(p);
        }
        init(top, &mut score, &mut scored, &mut candidates);
    }

    // 5. Siblings.
    let mut parts = Vec::new();
    match page.parent(top).filter(|_| top != body) {
        Some(parent) => {
            let top_score = score[top.index()];
            let threshold = MIN_SIBLING_SCORE.max(top_score * SIBLING_SHARE);
            let top_class = page.attr(top, "class").filter(|c| !c.trim().is_empty());
            for &s in page.children(parent) {
                if page.tag(s).is_none() || excluded[s.index()] {
                    continue;
                }
                if s == top {
                    parts.push(s);
                    continue;
                }
                let bonus = if top_class.is_some() && page.attr(s, "class") == top_class { top_score * SIBLING_SHARE } else { 0.0 };
                let joins = if scored[s.index()] && score[s.index()] + bonus >= threshold {
                    true
                } else if page.is(s, "p") || is_div_paragraph(s) {
                    let c = &counts[s.index()];
                    let ld = c.link_density();
                    let t = text::collapse_whitespace(&page.text_content(s));
                    (c.chars > SIBLING_PARAGRAPH_CHARS && ld < SIBLING_MAX_LINK_DENSITY)
                        || (c.chars < SIBLING_PARAGRAPH_CHARS
                            && c.chars > 0
                            && ld == 0.0
                            && (t.contains(". ") || t.ends_with('.')))
                } else {
                    false
                };
                if joins {
                    parts.push(s);
                }
            }
        }
        None => parts.push(top),
    }

    // 6. Cleaning inside the parts.
    let mut dropped = excluded;
    // A box whose class is mostly the class of one of the spine's own boxes
    // is another module of the same builder, not a part of a page other
    // than the article: it is judged on its text alone.
    let spine_classes: Vec<Vec<&str>> = std::iter::once(start)
        .chain(page.ancestors(start))
        .take_while(|&a| page.contains(top, a))
        .filter_map(|a| page.attr(a, "class"))
        .map(|c| c.split_whitespace().collect::<Vec<_>>())
        .filter(|c| !c.is_empty())
        .collect();
    let spine_class = |id: NodeId| {
        page.attr(id, "class").is_some_and(|c| {
            let words: Vec<&str> = c.split_whitespace().collect();
            spine_classes.iter().any(|s| same_kind(&words, s))
        })
    };
    // The candidate that won and the boxes between it and the top: the
    // article's spine, never judged by conditional cleaning.
    let spine = |id: NodeId| page.contains(id, start) && page.contains(top, id);
    let drop = |id: NodeId, dropped: &mut Vec<bool>, counts: &mut Vec<Counts>| {
        if dropped[id.index()] {
            return;
        }
        dropped[id.index()] = true;
        let c = counts[id.index()];
        for a in page.ancestors(id) {
            counts[a.index()].sub(&c);
        }
    };
    let in_parts = |id: NodeId| parts.iter().any(|&p| page.contains(p, id));
    let inside: Vec<NodeId> = parts.iter().flat_map(|&p| page.subtree(p)).collect();
    let is_dropped_above = |id: NodeId, dropped: &Vec<bool>| {
        std::iter::once(id).chain(page.ancestors(id)).take_while(|&a| in_parts(a)).any(|a| dropped[a.index()])
    };
    for &id in &inside {
        let Some(tag) = page.tag(id) else { continue };
        let share_box = names_share(page, id) && counts[id.index()].chars < SHARE_BOX_MAX_CHARS && !parts.contains(&id);
        let bad_header = flags.weight_classes && matches!(tag, "h1" | "h2") && class_weight(page, id) < 0;
        let label = counts[id.index()].chars <= PLACEHOLDER_MAX_CHARS
            && counts[id.index()].img == 0
            && !parts.contains(&id)
            && is_placeholder_box(page, id);
        if share_box || bad_header || label {
            drop(id, &mut dropped, &mut counts);
        }
    }
    if flags.clean_conditionally {
        for group in [&["form", "fieldset"][..], &["table"], &["ul"], &["div"]] {
            for &id in inside.iter().rev() {
                let Some(tag) = page.tag(id) else { continue };
                // The top candidate won on its own scores, and so did the box it
                // grew from; only what joined them is judged.
                if !group.contains(&tag) || spine(id) || is_dropped_above(id, &dropped) {
                    continue;
                }
                if tag == "div" && is_div_paragraph(id) {
                    continue;
                }
                if data_table[id.index()] || in_data_table[id.index()] || has_data_table[id.index()] {
                    continue;
                }
                if in_table_or_code[id.index()] && page.ancestors(id).any(|a| page.is(a, "code")) {
                    continue;
                }
                let weight = if !flags.weight_classes || spine_class(id) { 0 } else { class_weight(page, id) };
                if clean_conditionally(page, id, tag, weight, &counts[id.index()]) {
                    drop(id, &mut dropped, &mut counts);
                }
            }
        }
    }
    let chars = parts.iter().filter(|&&p| !dropped[p.index()]).map(|&p| counts[p.index()].chars).sum();
    Some(Selection { parts, top, dropped, chars, include_hidden: flags.include_hidden })
}

/// True when two class lists name the same kind of box: at least
/// [`SAME_KIND_CLASS_SHARE`] of the words of both are shared (a builder's
/// numbered rows and modules differ in a word or two).
fn same_kind(a: &[&str], b: &[&str]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count();
    shared as f32 >= a.len().max(b.len()) as f32 * SAME_KIND_CLASS_SHARE
}

/// True when a box's whole text is only an ad label or a loading
/// placeholder. The counts that select the boxes asked about leave out
/// scripts, hidden and unlikely parts, so a box that counts few characters
/// may hold a long text: its text is built only when it has few enough
/// letters and digits to be a placeholder (lower-casing a letter or digit
/// gives at least one, and the comparison trims only other characters).
fn is_placeholder_box(page: &Page, id: NodeId) -> bool {
    let mut alphanumerics = 0;
    for n in page.subtree(id) {
        for c in page.text(n).unwrap_or("").chars() {
            alphanumerics += usize::from(c.is_alphanumeric());
            if alphanumerics > PLACEHOLDER_MAX_ALPHANUMERICS {
                return false;
            }
        }
    }
    is_placeholder(&page.text_content(id))
}

/// True when a text is only an ad label or a loading placeholder.
fn is_placeholder(t: &str) -> bool {
    let t = text::collapse_whitespace(t).to_lowercase();
    // Punctuation around the words ("Loading…", "正在加载...", "- Ad -") is not part of them.
    PLACEHOLDER_TEXTS.contains(&t.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// True when a box inside the article looks like something other than
/// text: negatively named, an image strip, a link list, a form, an embed.
fn clean_conditionally(page: &Page, id: NodeId, tag: &str, weight: i32, c: &Counts) -> bool {
    if weight < 0 {
        return true;
    }
    if c.commas >= CLEAN_MAX_COMMAS {
        return false;
    }
    let is_list = matches!(tag, "ul" | "ol") || (c.chars > 0 && c.list_chars as f32 / c.chars as f32 > LIST_TEXT_SHARE);
    let in_figure = page.ancestors(id).any(|a| page.is(a, "figure"));
    if c.chars <= PLACEHOLDER_MAX_CHARS && is_placeholder_box(page, id) {
        return true;
    }
    let heading_share = if c.chars == 0 { 0.0 } else { c.heading_chars as f32 / c.chars as f32 };
    let ld = c.link_density();
    let remove = (!in_figure && c.img > 1 && (c.p as f32) < c.img as f32 * 0.5)
        || (!is_list && c.li > c.p + CLEAN_LIST_ITEM_ALLOWANCE)
        || (c.input > c.p / 3)
        || (!is_list
            && !in_figure
            && heading_share < CLEAN_HEADING_SHARE
            && c.chars < CLEAN_MIN_CHARS
            && (c.img == 0 || c.img > 2)
            && ld > 0.0)
        || (!is_list && weight < CLASS_WEIGHT && ld > CLEAN_MAX_LINK_DENSITY)
        || (weight >= CLASS_WEIGHT && ld > CLEAN_MAX_LINK_DENSITY_POSITIVE)
        || (c.img == 0 && c.chars == 0);
    if remove && is_list {
        // A plain list of images (one per item) stays.
        let items: Vec<NodeId> = page.children(id).iter().copied().filter(|&k| page.tag(k).is_some()).collect();
        let simple = items.iter().all(|&k| page.children(k).iter().filter(|&&g| page.tag(g).is_some()).count() <= 1);
        if simple && c.img == c.li && c.li > 0 {
            return false;
        }
    }
    remove
}

/// True when a table holds data rather than laying out the page.
fn is_data_table(page: &Page, table: NodeId, excluded: &[bool]) -> bool {
    if page.attr(table, "role").is_some_and(|r| r.trim().eq_ignore_ascii_case("presentation")) {
        return false;
    }
    let mut rows = 0usize;
    let mut columns = 0usize;
    for id in page.subtree(table).skip(1) {
        if excluded[id.index()] {
            continue;
        }
        match page.tag(id) {
            Some("caption" | "thead" | "tfoot" | "th" | "colgroup") => return true,
            Some("table") => return false,
            Some("tr") => {
                rows += 1;
                let cells: usize = page
                    .children(id)
                    .iter()
                    .filter(|&&c| page.is(c, "td") || page.is(c, "th"))
                    .map(|&c| page.attr(c, "colspan").and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).max(1))
                    .sum();
                columns = columns.max(cells);
            }
            _ => {}
        }
    }
    rows >= DATA_TABLE_MIN_ROWS || columns > DATA_TABLE_MIN_COLUMNS || rows * columns > DATA_TABLE_MIN_CELLS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_is_share_of_heading_words_in_title() {
        assert!(title_similarity("The big story", "The Big Story") > 0.99);
        assert!(title_similarity("The big story - Site", "The big story") > 0.99);
        assert!(title_similarity("Other words", "The big story") < 0.01);
    }

    #[test]
    fn placeholders_match_whatever_punctuation_surrounds_them() {
        for t in ["Loading...", "Loading…", "正在加载...", "- Advertisement -", " Werbung ", "[Ad]"] {
            assert!(is_placeholder(t), "{t}");
        }
        for t in ["Loading the truck", "Ads and more", "广告法"] {
            assert!(!is_placeholder(t), "{t}");
        }
    }

    #[test]
    fn no_placeholder_has_more_alphanumerics_than_the_bound() {
        let most = PLACEHOLDER_TEXTS.iter().map(|t| t.chars().filter(|c| c.is_alphanumeric()).count()).max();
        assert_eq!(most, Some(PLACEHOLDER_MAX_ALPHANUMERICS));
    }

    #[test]
    fn text_chars_count_whitespace_runs_once() {
        assert_eq!(text_chars("  a  b\n c "), 5);
        for t in ["", "   ", "a", " a ", "a\u{a0}\u{3000}b ", "\u{2009}é  ü\t", "x y  z"] {
            let trimmed = t.trim();
            let mut words = trimmed.split(char::is_whitespace).filter(|w| !w.is_empty()).peekable();
            let expected = if words.peek().is_none() {
                0
            } else {
                let words: Vec<&str> = words.collect();
                words.iter().map(|w| w.chars().count()).sum::<usize>() + words.len() - 1
            };
            assert_eq!(text_chars(t), expected, "{t:?}");
        }
    }
}
