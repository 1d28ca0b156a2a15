//! The reading view: the article's content (clutter findings excluded),
//! its metadata, and the same sanitized tree rendered as HTML, Markdown or
//! text.
//!
//! ```text
//!   Page ─┬─▶ metadata::collect ──▶ title, byline, site, date, lang, excerpt, lead image
//!         ├─▶ score::select (clutter findings, byline and title heading left out)
//!         │        └─▶ Selection { parts, dropped } ──▶ sanitize::Sanitizer ──▶ Clean tree
//!         └─▶ readerable (cheap, independent)                                   │
//!                                                        render::{html, paragraphs, markdown}
//! ```
//!
//! [`score`] chooses the article (scores kept in side tables, strict passes
//! relaxed until enough text comes out); [`metadata`] reads what the page
//! declares about itself; [`sanitize`] is the one allowlist every output
//! goes through; [`render`] turns its tree into each format. Everything is
//! a pure function of the page, so the reading view is the same natively
//! and in the browser.

pub mod address;
pub mod metadata;
pub mod render;
pub mod sanitize;
pub mod score;

use address::Address;
use crate::detect::Report;
use crate::model::{NodeId, Page};
use crate::text;
use sanitize::{Clean, Sanitizer};
use serde::Serialize;

/// The article as the reading view shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Article {
    /// The article's headline.
    pub title: String,
    /// Who wrote it.
    pub byline: Option<String>,
    /// The publication's name.
    pub site_name: Option<String>,
    /// When it was published (ISO 8601, as the page declares it).
    pub published_time: Option<String>,
    /// Language code of the page.
    pub lang: Option<String>,
    /// Text direction (`ltr` or `rtl`).
    pub dir: Option<String>,
    /// A one-paragraph summary.
    pub excerpt: Option<String>,
    /// The lead image URL.
    pub lead_image: Option<String>,
    /// Whether the page looks like an article (see [`readerable`]).
    pub readerable: bool,
    /// Estimated reading time in minutes.
    pub reading_minutes: u32,
    /// Words in the article body.
    pub word_count: usize,
    /// The article body as sanitized HTML.
    pub content_html: String,
    /// The article body as plain text, paragraphs separated by a blank line.
    pub text: String,
    /// The sanitized tree the formats are rendered from.
    #[serde(skip)]
    pub content: Vec<Clean>,
}

/// Reading speed in words per minute by language, for the reading-time
/// estimate (Trauzettel-Klosinski & Dietz 2012, IReST, silent reading of
/// the same text in 17 languages).
const WORDS_PER_MINUTE: &[(&str, u32)] = &[
    ("en", 228), ("de", 179), ("fr", 195), ("es", 218), ("it", 188), ("pt", 181), ("ru", 184), ("nl", 202),
    ("pl", 166), ("sv", 199), ("fi", 161), ("tr", 166), ("ar", 138), ("he", 187), ("ko", 226),
];
/// Reading speed for languages not in the table, words per minute.
const DEFAULT_WORDS_PER_MINUTE: u32 = 200;
/// Reading speed in characters per minute for unspaced scripts (same
/// study: Chinese 255, Japanese 357 characters per minute).
const CHARS_PER_MINUTE: &[(&str, u32)] = &[("zh", 255), ("ja", 357)];

/// Reading minutes for a text in a language, at least one for any text.
pub fn reading_minutes(body: &str, lang: Option<&str>) -> u32 {
    let primary = lang.map(|l| l.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()).unwrap_or_default();
    let minutes = if let Some(&(_, cpm)) = CHARS_PER_MINUTE.iter().find(|(l, _)| *l == primary) {
        body.chars().filter(|c| !c.is_whitespace()).count() as f32 / cpm as f32
    } else {
        let wpm = WORDS_PER_MINUTE.iter().find(|(l, _)| *l == primary).map_or(DEFAULT_WORDS_PER_MINUTE, |&(_, w)| w);
        text::word_count(body) as f32 / wpm as f32
    };
    if body.trim().is_empty() {
        0
    } else {
        minutes.round().max(1.0) as u32
    }
}

/// Whether a page is an article: [`crate::page::verdict`], the one
/// judgement `lede clean`, `lede read` and the extension share.
pub fn readerable(page: &Page) -> bool {
    crate::page::verdict(page, &crate::page::Analysis::new(page)).article
}

/// Longest excerpt taken from the first paragraph when the page declares none.
const MAX_EXCERPT_CHARS: usize = 300;

/// Extracts the reading view, leaving out every block the report hides.
pub fn extract(page: &Page, report: &Report, url: Option<&str>) -> Article {
    let meta = metadata::collect(page);
    let site_name = meta
        .ld_publisher
        .clone()
        .or_else(|| meta.meta(&["og:site_name"]).map(str::to_string));
    let title = metadata::title(page, &meta);
    let base = base_url(url, meta.base_href.as_deref());

    let declared_byline = metadata::declared_byline(&meta);
    let found_byline = metadata::byline_element(page);
    let byline = declared_byline.or_else(|| found_byline.as_ref().map(|(_, t)| t.clone()));
    let selection = score::select(page, report, &title, found_byline.map(|(id, _)| id));
    let skip = |id: NodeId| selection.as_ref().is_none_or(|s| s.dropped[id.index()]);
    let content = match &selection {
        Some(s) => Sanitizer::new(page, base.clone(), &skip).keep_hidden(s.include_hidden).run_parts(&s.parts),
        None => Vec::new(),
    };
    let paragraphs = render::paragraphs(&content);
    let body = paragraphs.join("\n\n");
    let lang = meta.lang.clone();
    let dir = selection
        .as_ref()
        .map(|s| s.top)
        .and_then(|a| std::iter::once(a).chain(page.ancestors(a)).find_map(|n| page.attr(n, "dir")))
        .map(|d| d.trim().to_ascii_lowercase())
        .or_else(|| meta.dir.clone());
    let excerpt = meta
        .meta(&["og:description", "description", "twitter:description", "dc.description"])
        .map(str::to_string)
        .or_else(|| meta.ld_description.clone())
        .or_else(|| paragraphs.first().map(|p| p.chars().take(MAX_EXCERPT_CHARS).collect()));
    let lead_image = meta
        .meta(&["og:image", "twitter:image"])
        .map(str::to_string)
        .or_else(|| meta.ld_image.clone())
        .and_then(|src| match &base {
            Some(b) => b.join(&src).map(|u| u.as_str().to_string()),
            None => Some(src),
        });
    Article {
        byline,
        published_time: meta
            .ld_published
            .clone()
            .or_else(|| meta.meta(&["article:published_time", "parsely-pub-date"]).map(str::to_string)),
        readerable: report.article,
        reading_minutes: reading_minutes(&body, lang.as_deref()),
        word_count: text::word_count(&body),
        content_html: render::html(&content),
        text: body,
        title,
        site_name,
        lang,
        dir,
        excerpt,
        lead_image,
        content,
    }
}

/// The base for resolving links: the page's `<base href>` resolved against
/// its URL (as browsers do), else the URL.
fn base_url(url: Option<&str>, base_href: Option<&str>) -> Option<Address> {
    let page_url = url.and_then(|u| Address::parse(u).ok());
    match (page_url, base_href) {
        (Some(u), Some(b)) => u.join(b).or(Some(u)),
        (None, Some(b)) => Address::parse(b).ok(),
        (u, None) => u,
    }
}
