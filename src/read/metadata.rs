//! Article metadata from the page's own declarations: JSON-LD, Open Graph
//! and other `<meta>` tags, `<title>`, the main heading, `<html lang dir>`.

use super::address::Address;
use crate::page::class_and_id;
use crate::model::{NodeId, Page};
use crate::text;
use serde_json::Value;

/// What the page declares about itself.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// Headline from JSON-LD.
    pub ld_headline: Option<String>,
    /// `name` from JSON-LD (often the headline, sometimes a kind of page).
    pub ld_name: Option<String>,
    /// Author names from JSON-LD.
    pub ld_authors: Vec<String>,
    /// Publisher name from JSON-LD.
    pub ld_publisher: Option<String>,
    /// `datePublished` from JSON-LD.
    pub ld_published: Option<String>,
    /// Description from JSON-LD.
    pub ld_description: Option<String>,
    /// Image from JSON-LD.
    pub ld_image: Option<String>,
    /// `<meta>` values by key (see [`meta_keys`]); the last element with a key wins.
    pub meta: Vec<(String, String)>,
    /// Text of `<title>`.
    pub title_tag: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<html dir>` (or `<body dir>`).
    pub dir: Option<String>,
    /// `<base href>`.
    pub base_href: Option<String>,
}

impl Metadata {
    /// The first non-empty `<meta>` value among `keys`.
    pub fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.meta.iter().find(|(n, v)| n == k && !v.trim().is_empty()).map(|(_, v)| v.trim()))
    }
}

/// Reads the page's metadata in one pass over its elements.
pub fn collect(page: &Page) -> Metadata {
    let mut m = Metadata::default();
    for id in page.ids() {
        match page.tag(id) {
            Some("meta") => {
                if let Some(v) = page.attr(id, "content").filter(|v| !v.trim().is_empty()) {
                    // A later element with the same key overrides an earlier one.
                    for k in meta_keys(page.attr(id, "property"), page.attr(id, "name")) {
                        let v = text::collapse_whitespace(v);
                        match m.meta.iter_mut().find(|(n, _)| *n == k) {
                            Some(slot) => slot.1 = v,
                            None => m.meta.push((k, v)),
                        }
                    }
                }
            }
            Some("title") if m.title_tag.is_none() => {
                let t = text::collapse_whitespace(&page.text_content(id));
                if !t.is_empty() && !page.ancestors(id).any(|a| page.is(a, "svg")) {
                    m.title_tag = Some(t);
                }
            }
            Some("html") => {
                m.lang = nonempty(page.attr(id, "lang"));
                m.dir = nonempty(page.attr(id, "dir"));
            }
            Some("body") if m.dir.is_none() => m.dir = nonempty(page.attr(id, "dir")),
            Some("base") if m.base_href.is_none() => m.base_href = nonempty(page.attr(id, "href")),
            Some("script") if page.attr(id, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case(crate::model::JSON_LD_TYPE)) => {
                // Pages serialised as XHTML wrap the JSON in a CDATA section.
                let raw = page.text_content(id);
                let json = raw.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>").trim();
                if let Ok(v) = serde_json::from_str::<Value>(json) {
                    read_json_ld(&v, &mut m);
                }
            }
            _ => {}
        }
    }
    m
}

/// Prefixes of the `<meta property>` keys that name article metadata.
const META_PROPERTY_PREFIXES: &[&str] = &["article", "dc", "dcterm", "og", "twitter"];
/// Fields those keys name.
const META_PROPERTY_FIELDS: &[&str] = &["author", "creator", "description", "published_time", "title", "site_name"];

/// The keys a `<meta>` element is filed under. Names are lower-cased, with
/// whitespace removed and `.` read as `:` (`DC.title` is `dc:title`). A
/// `property` may list several keys separated by spaces: when one of them
/// is a known article field (`og:title`, `dc:creator`), the first such one
/// is the element's key, as Readability reads it; otherwise every key is.
pub fn meta_keys(property: Option<&str>, name: Option<&str>) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(p) = property {
        let tokens: Vec<String> = p.split_whitespace().map(str::to_ascii_lowercase).collect();
        let known = tokens.iter().find(|t| {
            t.split_once(':').is_some_and(|(a, b)| META_PROPERTY_PREFIXES.contains(&a) && META_PROPERTY_FIELDS.contains(&b))
        });
        match known {
            Some(k) => return vec![k.clone()],
            None => keys.extend(tokens),
        }
    }
    if let Some(n) = name {
        let n: String = n.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase().replace('.', ":");
        if !n.is_empty() {
            keys.push(n);
        }
    }
    keys
}

fn nonempty(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Schema.org types that describe an article (a plain `WebPage` does not:
/// its name is often the site's).
const ARTICLE_TYPES: &[&str] = &[
    "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
    "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "Report",
    "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
    "LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference",
];

fn types_of(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn string_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => nonempty(Some(s)),
        Value::Object(o) => string_of(o.get("name")).or_else(|| string_of(o.get("url"))),
        Value::Array(a) => a.iter().find_map(|x| string_of(Some(x))),
        _ => None,
    }
}

/// Takes the first article-typed object of a JSON-LD document (top level,
/// `@graph`, or a list), without recursion beyond those levels.
fn read_json_ld(v: &Value, m: &mut Metadata) {
    let mut candidates: Vec<&Value> = Vec::new();
    match v {
        Value::Array(a) => candidates.extend(a.iter()),
        other => candidates.push(other),
    }
    let mut expanded = Vec::new();
    for c in candidates {
        if let Some(Value::Array(g)) = c.get("@graph") {
            expanded.extend(g.iter());
        }
        expanded.push(c);
    }
    let Some(article) = expanded.iter().find(|c| types_of(c).iter().any(|t| ARTICLE_TYPES.contains(t))) else {
        return;
    };
    if m.ld_headline.is_none() && m.ld_name.is_none() {
        m.ld_headline = article.get("headline").and_then(Value::as_str).and_then(|s| nonempty(Some(s)));
        m.ld_name = article.get("name").and_then(Value::as_str).and_then(|s| nonempty(Some(s)));
    }
    if m.ld_authors.is_empty() {
        match article.get("author") {
            Some(Value::Array(a)) => m.ld_authors = a.iter().filter_map(|x| string_of(Some(x))).collect(),
            other => m.ld_authors = string_of(other).into_iter().collect(),
        }
    }
    if m.ld_publisher.is_none() {
        m.ld_publisher = string_of(article.get("publisher"));
    }
    if m.ld_published.is_none() {
        m.ld_published = string_of(article.get("datePublished"));
    }
    if m.ld_description.is_none() {
        m.ld_description = string_of(article.get("description"));
    }
    if m.ld_image.is_none() {
        m.ld_image = string_of(article.get("image"));
    }
}

/// Separators between a headline and the site's name or section in
/// `<title>` (with a space either side).
const TITLE_SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»'];
/// Separators that say the title is a path of sections ("News » World"),
/// not "headline | site".
const TITLE_HIERARCHY_SEPARATORS: &[char] = &['\\', '/', '>', '»'];
/// A title part with fewer words than this is a site or section name.
const MIN_TITLE_WORDS: usize = 3;
/// Words before a colon beyond which the colon is part of the headline.
const MAX_TITLE_PREFIX_WORDS: usize = 5;
/// A cut title this short (words) is kept only when the cut removed
/// exactly one hierarchical part; otherwise the whole `<title>` stands.
const MAX_SHORT_TITLE_WORDS: usize = 4;
/// Titles shorter or longer than these (characters) are replaced by the
/// page's only `<h1>`, if it has just one.
const MIN_TITLE_CHARS: usize = 15;
/// See [`MIN_TITLE_CHARS`].
const MAX_TITLE_CHARS: usize = 150;
/// Word overlap with the page title from which a JSON-LD `name` or
/// `headline` is taken to be the same headline.
const LD_TITLE_SIMILARITY: f32 = 0.75;

/// Keys of `<meta>` titles, most specific first.
const META_TITLE_KEYS: &[&str] = &[
    "dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title", "title", "twitter:title",
    "parsely-title",
];

/// The article's title: JSON-LD (`name` or `headline`, whichever matches
/// the page title), then `<meta>` titles (Dublin Core, Open Graph,
/// Twitter, Parse.ly), then `<title>` with the site's name cut off (see
/// [`document_title`]).
pub fn title(page: &Page, m: &Metadata) -> String {
    let doc = document_title(page, m);
    let ld = match (&m.ld_name, &m.ld_headline) {
        (Some(name), Some(headline)) if name != headline => {
            let name_matches = super::score::title_similarity(name, &doc) > LD_TITLE_SIMILARITY;
            let headline_matches = super::score::title_similarity(headline, &doc) > LD_TITLE_SIMILARITY;
            Some(if headline_matches && !name_matches { headline.as_str() } else { name.as_str() })
        }
        (Some(name), _) => Some(name.as_str()),
        (None, Some(headline)) => Some(headline.as_str()),
        (None, None) => None,
    };
    if let Some(t) = ld.or_else(|| m.meta(META_TITLE_KEYS)) {
        return text::collapse_whitespace(t);
    }
    doc
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Byte offsets of the separators (a separator character with a space on
/// either side) in a title.
fn separators(title: &str, set: &[char]) -> Vec<usize> {
    let b: Vec<(usize, char)> = title.char_indices().collect();
    (1..b.len().saturating_sub(1))
        .filter(|&i| b[i - 1].1 == ' ' && b[i + 1].1 == ' ' && set.contains(&b[i].1))
        .map(|i| b[i - 1].0)
        .collect()
}

/// The headline in `<title>`: the part before the last separator (the
/// part after the first one when that is too short), the part after a
/// colon unless a heading repeats the whole title, or the page's one
/// `<h1>` when the title is implausibly short or long; the whole title
/// when cutting leaves a name of a few words.
pub fn document_title(page: &Page, m: &Metadata) -> String {
    let orig = text::collapse_whitespace(m.title_tag.as_deref().unwrap_or(""));
    let mut cur = orig.clone();
    let mut hierarchical = false;
    let seps = separators(&orig, TITLE_SEPARATORS);
    if let Some(&last) = seps.last() {
        hierarchical = !separators(&orig, TITLE_HIERARCHY_SEPARATORS).is_empty();
        cur = orig[..last].to_string();
        if words(&cur) < MIN_TITLE_WORDS {
            // Everything after the first separator.
            let first = seps[0];
            let after = orig[first + 1..].char_indices().nth(1).map_or(orig.len(), |(i, _)| first + 1 + i);
            cur = orig[after..].to_string();
        }
    } else if orig.contains(": ") {
        let whole = page.ids().any(|id| {
            matches!(page.tag(id), Some("h1" | "h2")) && text::collapse_whitespace(&page.text_content(id)) == orig
        });
        if !whole {
            let last = orig.rfind(':').unwrap_or(0);
            let first = orig.find(':').unwrap_or(0);
            cur = orig[last + 1..].to_string();
            if words(&cur) < MIN_TITLE_WORDS {
                cur = orig[first + 1..].to_string();
            } else if words(&orig[..first]) > MAX_TITLE_PREFIX_WORDS {
                cur = orig.clone();
            }
        }
    } else {
        let len = orig.chars().count();
        if !(MIN_TITLE_CHARS..=MAX_TITLE_CHARS).contains(&len) {
            let h1s: Vec<NodeId> = page.ids().filter(|&id| page.is(id, "h1")).collect();
            if h1s.len() == 1 {
                cur = text::collapse_whitespace(&page.text_content(h1s[0]));
            }
        }
    }
    let cur = text::collapse_whitespace(&cur);
    let n = words(&cur);
    let without_separators: String = orig.chars().filter(|c| !TITLE_SEPARATORS.contains(c)).collect();
    if n <= MAX_SHORT_TITLE_WORDS && (!hierarchical || n + 1 != words(&without_separators)) {
        return orig;
    }
    cur
}

/// Text of the first rendered `<h1>`.
pub fn first_heading(page: &Page) -> Option<String> {
    page.ids()
        .find(|&id| page.is(id, "h1") && !page.ancestors(id).any(|a| text::is_unrendered(page, a)))
        .map(|id| text::collapse_whitespace(&page.text_content(id)))
        .filter(|t| !t.is_empty())
}

/// Keys of `<meta>` bylines, most specific first.
const META_BYLINE_KEYS: &[&str] = &["dc:creator", "dcterm:creator", "author", "parsely-author"];

/// Who wrote it, as the page declares it: JSON-LD authors, then `<meta>`
/// authors (a profile URL in `article:author` is not a name). The byline
/// element in the page body is the fallback (see [`byline_element`]).
pub fn declared_byline(m: &Metadata) -> Option<String> {
    if !m.ld_authors.is_empty() {
        return Some(m.ld_authors.join(", "));
    }
    if let Some(a) = m.meta(META_BYLINE_KEYS) {
        return Some(a.to_string());
    }
    m.meta(&["article:author"]).filter(|a| Address::parse(a).is_err()).map(str::to_string)
}

/// Who wrote it: [`declared_byline`], else the first byline element of the page.
pub fn byline(page: &Page, m: &Metadata) -> Option<String> {
    declared_byline(m).or_else(|| byline_element(page).map(|(_, t)| t))
}

/// Longest byline text taken from the page body.
pub const MAX_BYLINE_CHARS: usize = 100;
/// Parts of class and id values that mark a byline.
const BYLINE_CUES: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

/// The first element marked as the author line (`rel=author`,
/// `itemprop=author`, or a byline-naming class or id) with a short text,
/// and that text (of its `itemprop=name` part, when it marks one). The
/// search skips what the first extraction pass skips: invisible boxes and
/// boxes named or marked as other page parts.
pub fn byline_element(page: &Page) -> Option<(NodeId, String)> {
    let mut stack: Vec<NodeId> = vec![NodeId::ROOT];
    while let Some(id) = stack.pop() {
        if let Some(tag) = page.tag(id) {
            if matches!(tag, "head" | "script" | "style" | "template" | "noscript") || super::score::hidden_by_attributes(page, id) {
                continue;
            }
            let named = class_and_id(page, id).is_some_and(|names| BYLINE_CUES.iter().any(|c| names.contains(c)));
            let tagged = page.attr(id, "rel").is_some_and(|r| r.split_whitespace().any(|r| r == "author"))
                || page.attr(id, "itemprop").is_some_and(|p| p.contains("author"))
                || named;
            let len = if tagged { page.text_content(id).trim().chars().count() } else { 0 };
            if len > 0 && len < MAX_BYLINE_CHARS {
                let name = page.subtree(id).skip(1).find(|&n| page.attr(n, "itemprop").is_some_and(|p| p.contains("name")));
                let t = text::collapse_whitespace(&page.text_content(name.unwrap_or(id)));
                return Some((id, t));
            }
            if !matches!(tag, "body" | "a" | "html") && super::score::unlikely_box(page, id) {
                continue;
            }
        }
        stack.extend(page.children(id).iter().rev().copied());
    }
    None
}
