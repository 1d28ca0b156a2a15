//! What class and id names say about a box: the cues both stages read.

use crate::model::{NodeId, Page};

/// True when a class or id names a part of a page that is not content
/// (Readability's "unlikely candidates", the general cue every extractor uses).
pub fn class_says_boilerplate(page: &Page, id: NodeId) -> bool {
    const CUES: &[&str] = &[
        "comment", "footer", "footnote", "masthead", "sidebar", "sponsor", "related", "promo",
        "share", "social", "widget", "breadcrumb", "menu", "navbar", "banner", "advert",
    ];
    class_and_id(page, id).is_some_and(|s| any_cue(&s, CUES))
}

/// Levels above a box whose class or id still name it: a promo or legal
/// box is often a wrapper one or two levels up from its text.
const NAMING_LEVELS: usize = 2;

/// True when the class or id of `node`, or of one of its nearest
/// [`NAMING_LEVELS`] ancestors, contains one of `cues`.
pub fn named_by(page: &Page, node: NodeId, cues: &[&str]) -> bool {
    std::iter::once(node)
        .chain(page.ancestors(node).take(NAMING_LEVELS))
        .filter_map(|n| class_and_id(page, n))
        .any(|s| any_cue(&s, cues))
}

/// The element's class and id, lower-cased and joined.
pub fn class_and_id(page: &Page, id: NodeId) -> Option<String> {
    let class = page.attr(id, "class");
    let ident = page.attr(id, "id");
    if class.is_none() && ident.is_none() {
        return None;
    }
    Some(format!("{} {}", class.unwrap_or(""), ident.unwrap_or("")).to_lowercase())
}

/// Parts of class and id values that name page parts that are not the
/// article (substring match, lower case). A dialog (an editor's lock
/// notice, a sign-in box) sits in the page's markup all along but is never
/// the article. "modal" is not one: some portals show the story itself in
/// a modal layer over their stream.
const UNLIKELY_CUES: &[&str] = &[
    "-ad-", "ad-break", "agegate", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss",
    "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental", "pagination", "pager", "popup",
    "dialog",
];
/// Parts of class and id values that overrule [`UNLIKELY_CUES`]: the box
/// may well hold the article ("main-header-and-content").
const MAYBE_CUES: &[&str] = &["and", "article", "body", "column", "content", "main", "mathjax", "shadow"];

/// True when `s` contains one of `cues`.
pub fn any_cue(s: &str, cues: &[&str]) -> bool {
    cues.iter().any(|c| s.contains(c))
}

/// True when a class or id names a part of a page other than the article.
pub fn unlikely(page: &Page, id: NodeId) -> bool {
    class_and_id(page, id).is_some_and(|s| any_cue(&s, UNLIKELY_CUES) && !any_cue(&s, MAYBE_CUES))
}

