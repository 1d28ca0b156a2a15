//! Article metadata from the page's own declarations: JSON-LD, Open Graph
//! and other `<meta>` tags, `<title>`, the main heading, `<html lang dir>`.

use crate::model::{NodeId, Page};
use crate::text;
use serde_json::Value;

/// What the page declares about itself.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// Headline from JSON-LD.
    pub ld_headline: Option<String>,
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
    /// `<meta>` values by lower-cased `property` or `name`, first one wins.
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
                let key = page.attr(id, "property").or_else(|| page.attr(id, "name"));
                if let (Some(k), Some(v)) = (key, page.attr(id, "content")) {
                    // A meta tag may list several properties separated by spaces.
                    for k in k.split_whitespace() {
                        let k = k.to_ascii_lowercase();
                        if !m.meta.iter().any(|(n, _)| *n == k) {
                            m.meta.push((k, text::collapse_whitespace(v)));
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
                if let Ok(v) = serde_json::from_str::<Value>(page.text_content(id).trim()) {
                    read_json_ld(&v, &mut m);
                }
            }
            _ => {}
        }
    }
    m
}

fn nonempty(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Schema.org types that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "ScholarlyArticle", "TechArticle", "Report", "WebPage", "LiveBlogPosting", "SocialMediaPosting",
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
    let Some(article) = expanded.iter().find(|c| types_of(c).iter().any(|t| ARTICLE_TYPES.contains(t) && *t != "WebPage"))
        .or_else(|| expanded.iter().find(|c| types_of(c).contains(&"WebPage")))
    else {
        return;
    };
    if m.ld_headline.is_none() {
        m.ld_headline = string_of(article.get("headline")).or_else(|| string_of(article.get("name")));
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

/// Separators between a headline and the site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " / ", " » ", " · "];

/// The article's title: JSON-LD headline, Open Graph title, then `<title>`
/// with the site's name cut off, then the page's main heading.
pub fn title(page: &Page, m: &Metadata, site: Option<&str>) -> String {
    let h1 = first_heading(page);
    if let Some(t) = m.ld_headline.as_deref().or_else(|| m.meta(&["og:title", "twitter:title", "dc.title"])) {
        return t.to_string();
    }
    if let Some(t) = &m.title_tag {
        return strip_site(t, site, h1.as_deref());
    }
    h1.unwrap_or_default()
}

/// Cuts a site name off a `<title>`: the part that matches the main heading
/// or is not the site's name, when the rest is a headline of some length.
fn strip_site(title: &str, site: Option<&str>, h1: Option<&str>) -> String {
    for sep in TITLE_SEPARATORS {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            let print = |s: &str| text::fingerprint(s);
            if h1.is_some_and(|h| print(h) == print(head)) || site.is_some_and(|s| print(s) == print(tail)) {
                return head.trim().to_string();
            }
            if text::word_count(head) >= 3 && text::word_count(tail) <= 4 {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Text of the first rendered `<h1>`.
pub fn first_heading(page: &Page) -> Option<String> {
    page.ids()
        .find(|&id| page.is(id, "h1") && !page.ancestors(id).any(|a| text::is_unrendered(page, a)))
        .map(|id| text::collapse_whitespace(&page.text_content(id)))
        .filter(|t| !t.is_empty())
}

/// Who wrote it: JSON-LD authors, `<meta name=author>`, then a byline element.
pub fn byline(page: &Page, m: &Metadata, within: Option<NodeId>) -> Option<String> {
    if !m.ld_authors.is_empty() {
        return Some(m.ld_authors.join(", "));
    }
    if let Some(a) = m.meta(&["author", "article:author", "dc.creator", "parsely-author", "sailthru.author"]) {
        if !a.starts_with("http") {
            return Some(a.to_string());
        }
    }
    byline_element(page, within)
}

/// Longest byline text taken from the page body.
const MAX_BYLINE_CHARS: usize = 100;

fn byline_element(page: &Page, within: Option<NodeId>) -> Option<String> {
    let scope = within.and_then(|w| page.parent(w)).unwrap_or(NodeId::ROOT);
    page.subtree(scope).find_map(|id| {
        let tagged = page.attr(id, "rel").is_some_and(|r| r.split_whitespace().any(|r| r == "author"))
            || page.attr(id, "itemprop").is_some_and(|p| p.split_whitespace().any(|p| p == "author"))
            || page.attr(id, "class").is_some_and(|c| c.to_ascii_lowercase().contains("byline"));
        if !tagged {
            return None;
        }
        let t = text::visible_text(page, id);
        (!t.is_empty() && t.chars().count() <= MAX_BYLINE_CHARS).then_some(t)
    })
}
