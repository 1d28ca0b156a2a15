//! Is this page an article? One judgement, shared by `lede clean` (which
//! leaves a page that is not an article alone), `lede read` (its
//! `readerable` field) and the extension.
//!
//! Readability's `isProbablyReaderable` (enough long paragraphs) says yes
//! to half of the listings and collections of the WCXB corpus: their item
//! snippets are long paragraphs too. What tells an article apart is how
//! its text is laid out: one column of prose under one parent, few
//! headline links among its paragraphs, little of its text in list items.
//! The page-level features below measure that; a logistic model fitted to
//! labelled pages (`scripts/fit/fit.py verdict`, weights in
//! `verdict.weights`) combines them.

use super::model::Model;
use super::Analysis;
use crate::model::{NodeId, Page};
use std::sync::OnceLock;

/// Shortest paragraph (non-whitespace characters) counted by the
/// Readability-style paragraph score: about 140 characters with spaces,
/// Readability's `isProbablyReaderable` default.
pub const READERABLE_MIN_PARAGRAPH_CHARS: usize = 120;
/// Fewest words in the main paragraphs of an article: a news brief has
/// more; a page with fewer is a stub, a gallery or a page of links.
pub const MIN_ARTICLE_WORDS: usize = 50;
/// Levels above a paragraph whose class or id can still name it as another
/// part of the page ("sidebar"): further up, names describe the layout.
const NAMED_LEVELS: usize = 2;
/// Model probability from which a page is an article. Set well below one
/// half: a page wrongly taken for an article is still cleaned with every
/// detector's own care, a page wrongly refused is not cleaned at all. At
/// this threshold, cross-validated on WCXB dev, 97.5% of articles pass and
/// two thirds of listings and collections are refused.
pub const ARTICLE_THRESHOLD: f32 = 0.1;

/// The names of the features, in the order of [`Features::values`] and of
/// the weights file.
pub const FEATURE_NAMES: &[&str] = &[
    "paragraph_score",
    "main_words",
    "main_share",
    "link_density",
    "headline_links",
    "headlines_per_paragraph",
    "one_column",
    "article_elements",
    "declared_article",
    "list_share",
    "main_paragraphs",
    "inputs",
    "time_elements",
    "comma_rate",
    "headline_text_share",
];

/// Page-level evidence of an article, each a number of modest range.
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// ln(1 + Readability's paragraph score): the square roots of the
    /// excess lengths of long, visible paragraphs.
    pub paragraph_score: f32,
    /// ln(1 + words in the article model's main paragraphs).
    pub main_words: f32,
    /// Share of the page's rendered characters (outside chrome) in main paragraphs.
    pub main_share: f32,
    /// Share of the page's rendered characters inside links.
    pub link_density: f32,
    /// ln(1 + links outside chrome whose text reads like a headline).
    pub headline_links: f32,
    /// Headline links per main paragraph.
    pub headlines_per_paragraph: f32,
    /// Share of the main paragraphs under the one parent that holds most.
    pub one_column: f32,
    /// ln(1 + rendered `<article>` elements): a listing is a stack of them.
    pub article_elements: f32,
    /// 1 when the page declares itself an article (og:type or JSON-LD).
    pub declared_article: f32,
    /// Share of rendered characters outside chrome inside list items.
    pub list_share: f32,
    /// ln(1 + main paragraphs).
    pub main_paragraphs: f32,
    /// ln(1 + form controls outside chrome: shops and search pages).
    pub inputs: f32,
    /// ln(1 + `<time>` elements: one on an article, one per item on a listing).
    pub time_elements: f32,
    /// Commas per hundred characters of main text: prose has clauses.
    pub comma_rate: f32,
    /// Share of the rendered characters outside chrome inside headline
    /// links: a listing is made of them, an article of prose.
    pub headline_text_share: f32,
}

impl Features {
    /// The values, in the order of [`FEATURE_NAMES`].
    pub fn values(&self) -> Vec<f32> {
        vec![
            self.paragraph_score,
            self.main_words,
            self.main_share,
            self.link_density,
            self.headline_links,
            self.headlines_per_paragraph,
            self.one_column,
            self.article_elements,
            self.declared_article,
            self.list_share,
            self.main_paragraphs,
            self.inputs,
            self.time_elements,
            self.comma_rate,
            self.headline_text_share,
        ]
    }

    /// Measures a page.
    pub fn of(page: &Page, analysis: &Analysis) -> Self {
        let n = page.len();
        let mut in_li = vec![false; n];
        let (mut articles, mut inputs, mut times, mut score) = (0usize, 0usize, 0usize, 0f32);
        let mut declared = false;
        let mut li_chars = 0usize;
        let mut headline_chars = 0usize;
        for id in page.ids() {
            let p = page.parent(id).unwrap_or(NodeId::ROOT);
            in_li[id.index()] = in_li[p.index()] || page.is(id, "li");
            let Some(tag) = page.tag(id) else {
                if in_li[id.index()] && analysis.rendered[id.index()] && !analysis.in_chrome[id.index()] {
                    li_chars += analysis.chars[id.index()];
                }
                continue;
            };
            match tag {
                "meta" => {
                    let og_type = page.attr(id, "property").or_else(|| page.attr(id, "name")).is_some_and(|p| p.eq_ignore_ascii_case("og:type"));
                    declared |= og_type && page.attr(id, "content").is_some_and(|c| c.to_ascii_lowercase().contains("article"));
                }
                "script" => {
                    let t = page.subtree(id).filter_map(|c| page.text(c)).collect::<String>();
                    declared |= ["\"NewsArticle\"", "\"Article\"", "\"BlogPosting\"", "\"ReportageNewsArticle\"", "\"TechArticle\""]
                        .iter()
                        .any(|k| t.contains(k));
                }
                _ => {}
            }
            if !analysis.rendered[id.index()] || analysis.in_chrome[id.index()] {
                continue;
            }
            match tag {
                "article" => articles += 1,
                "a" if analysis.headline_links[id.index()] > 0 => headline_chars += analysis.chars[id.index()],
                "input" | "select" | "textarea" | "button" => inputs += 1,
                "time" => times += 1,
                "p" | "pre" => {
                    let len = analysis.chars[id.index()];
                    if len >= READERABLE_MIN_PARAGRAPH_CHARS && !in_li[id.index()] && !super::unlikely(page, id) {
                        score += ((len - READERABLE_MIN_PARAGRAPH_CHARS) as f32).sqrt();
                    }
                }
                _ => {}
            }
        }
        // Headline links outside chrome: those of the page less those in chrome boxes.
        let headline_links = headline_links_outside_chrome(page, analysis);
        let main: Vec<&super::Block> = analysis.blocks.iter().filter(|b| b.main).collect();
        let main_words: usize = main.iter().map(|b| b.words).sum();
        let main_chars: usize = main.iter().map(|b| b.chars).sum();
        let outside_chrome: usize = analysis.blocks.iter().filter(|b| !b.in_chrome).map(|b| b.chars).sum();
        let mut parents: Vec<NodeId> = main.iter().filter_map(|b| page.parent(b.node)).collect();
        parents.sort_unstable();
        let most_under_one = parents.chunk_by(|a, b| a == b).map(<[NodeId]>::len).max().unwrap_or(0);
        let commas: usize = main.iter().map(|b| b.text.chars().filter(|c| matches!(c, ',' | '，' | '、' | '،')).count()).sum();
        let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f32 / b as f32 };
        Features {
            paragraph_score: score.ln_1p(),
            main_words: (main_words as f32).ln_1p(),
            main_share: share(main_chars, outside_chrome),
            link_density: analysis.link_density(NodeId::ROOT),
            headline_links: (headline_links as f32).ln_1p(),
            headlines_per_paragraph: share(headline_links, main.len().max(1)).min(20.0),
            one_column: share(most_under_one, main.len()),
            article_elements: (articles as f32).ln_1p(),
            declared_article: f32::from(u8::from(declared)),
            list_share: share(li_chars, outside_chrome).min(1.0),
            main_paragraphs: (main.len() as f32).ln_1p(),
            inputs: (inputs as f32).ln_1p(),
            time_elements: (times as f32).ln_1p(),
            comma_rate: 100.0 * share(commas, main_chars),
            headline_text_share: share(headline_chars, outside_chrome).min(1.0),
        }
    }
}

/// Whether a page is an article, and why, in words for the reader.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// True for an article: a page lede cleans and offers to read.
    pub article: bool,
    /// The model's probability that the page is an article.
    pub probability: f32,
    /// Why, naming the evidence.
    pub why: String,
}

/// The fitted article model.
fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::parse(include_str!("verdict.weights"), FEATURE_NAMES))
}

/// Judges whether a page is an article.
pub fn verdict(page: &Page, analysis: &Analysis) -> Verdict {
    let f = Features::of(page, analysis);
    let probability = model().probability(&f.values());
    // Prose counts where an article keeps it: not in list items, not in
    // boxes whose names say they are another part of the page (the
    // paragraph's own and its nearest ones').
    let words: usize = analysis
        .blocks
        .iter()
        .filter(|b| b.main)
        .filter(|b| {
            !page.ancestors(b.node).any(|a| page.is(a, "li"))
                && !std::iter::once(b.node).chain(page.ancestors(b.node).take(NAMED_LEVELS)).any(|a| super::unlikely(page, a))
        })
        .map(|b| b.words)
        .sum();
    let article = probability >= ARTICLE_THRESHOLD && words >= MIN_ARTICLE_WORDS;
    let why = if words < MIN_ARTICLE_WORDS {
        format!("{words} words of prose, fewer than an article's {MIN_ARTICLE_WORDS}")
    } else if article {
        format!("one column of prose ({words} words)")
    } else if f.headlines_per_paragraph >= 1.0 || f.list_share >= 0.5 {
        "a page of links and list items (a listing, a front page or a directory)".to_string()
    } else {
        "its text is laid out as many separate boxes, not one column of prose".to_string()
    };
    Verdict { article, probability, why }
}

/// Headline links outside page chrome: the page's count less that of
/// every outermost chrome box.
fn headline_links_outside_chrome(page: &Page, analysis: &Analysis) -> usize {
    let total = analysis.headline_links[NodeId::ROOT.index()] as usize;
    let in_chrome: usize = page
        .ids()
        .filter(|&id| analysis.in_chrome[id.index()] && page.parent(id).is_none_or(|p| !analysis.in_chrome[p.index()]))
        .map(|id| analysis.headline_links[id.index()] as usize)
        .sum();
    total - in_chrome
}
