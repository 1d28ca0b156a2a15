//! The one sanitizer behind every reading-view format: the article's part
//! of the page model becomes a [`Clean`] tree that holds only allowlisted
//! tags and attributes. No script, style, event handler, form control or
//! embedded document can pass, and URLs are resolved and limited to safe
//! schemes, so the HTML rendered from it is safe to insert into any page.

use super::address::{Address, Unparsed};
use crate::model::{NodeData, NodeId, Page};

/// A sanitized node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clean {
    /// An allowlisted element with allowlisted attributes.
    Element {
        /// Tag from [`ALLOWED_TAGS`].
        tag: &'static str,
        /// Attributes, values already checked.
        attrs: Vec<(&'static str, String)>,
        /// Children.
        children: Vec<Clean>,
    },
    /// Text.
    Text(String),
}

/// Tags kept in the reading view, as themselves.
pub const ALLOWED_TAGS: &[&str] = &[
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "em", "strong", "b",
    "i", "u", "s", "a", "img", "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr",
    "td", "th", "br", "hr", "sup", "sub", "dl", "dt", "dd", "mark", "small", "q", "cite", "abbr", "time",
    "del", "ins", "kbd", "samp", "var", "picture",
];

/// Block containers that become a paragraph when they hold only inline
/// content (a `<div>` used as a paragraph), and are unwrapped otherwise.
/// Every other tag not allowed is unwrapped: its children are kept.
const PARAGRAPH_CONTAINERS: &[&str] =
    &["div", "section", "article", "main", "header", "footer", "center", "details", "address"];

/// Elements never carried into the reading view, content included: page
/// chrome, form controls, embedded documents, scripts. (A `<form>` itself
/// is unwrapped like any other unknown element: some site builders wrap
/// the whole page in one, and without its controls it can submit nothing.)
const DROPPED_TAGS: &[&str] = &[
    "nav", "aside", "input", "button", "select", "textarea", "option", "legend",
    "iframe", "frame", "frameset", "object", "embed", "applet", "script", "style", "template", "noscript",
    "svg", "canvas", "video", "audio", "source", "track", "map", "area", "link", "meta", "base",
    "head", "title", "dialog", "menu", "slot", "portal", "param", "datalist",
];

/// URL schemes a link may keep.
const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];
/// URL schemes an image may keep (`data:` only for images: it cannot run script there).
const IMAGE_SCHEMES: &[&str] = &["http", "https", "data"];
/// Attributes that hold a lazily loaded image's real address, most specific first.
const LAZY_SRC_ATTRIBUTES: &[&str] = &["data-src", "data-lazy-src", "data-original"];

/// Builds the clean tree of the subtree at `root`.
pub struct Sanitizer<'a> {
    page: &'a Page,
    base: Option<Address>,
    skip: &'a dyn Fn(NodeId) -> bool,
    keep_hidden: bool,
}

impl<'a> Sanitizer<'a> {
    /// A sanitizer resolving URLs against `base` and leaving out nodes for which `skip` holds.
    pub fn new(page: &'a Page, base: Option<Address>, skip: &'a dyn Fn(NodeId) -> bool) -> Self {
        Sanitizer { page, base, skip, keep_hidden: false }
    }

    /// Also renders elements that their attributes hide (`hidden`, an
    /// inline `display: none`), for content that a page's script reveals.
    pub fn keep_hidden(mut self, keep: bool) -> Self {
        self.keep_hidden = keep;
        self
    }

    /// The clean children of `root` (the root itself is unwrapped).
    pub fn run(&self, root: NodeId) -> Vec<Clean> {
        let mut out = Vec::new();
        self.children(root, &mut out);
        out
    }

    /// The clean tree of several top-level parts: paragraphs and boxes as
    /// themselves, table cells, rows and list items unwrapped (they are
    /// only valid inside their table or list).
    pub fn run_parts(&self, parts: &[NodeId]) -> Vec<Clean> {
        let mut out = Vec::new();
        for &part in parts {
            if (self.skip)(part) {
                continue;
            }
            match self.page.tag(part) {
                Some("td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "li" | "dd" | "dt" | "body" | "html") | None => {
                    self.children(part, &mut out)
                }
                Some(_) => self.node(part, &mut out),
            }
        }
        out
    }

    fn children(&self, id: NodeId, out: &mut Vec<Clean>) {
        for &c in self.page.children(id) {
            self.node(c, out);
        }
    }

    fn node(&self, id: NodeId, out: &mut Vec<Clean>) {
        // A noscript never renders while script runs, so callers skip it
        // as unrendered; its images are still the page's (see below).
        if (self.skip)(id) && !self.page.is(id, "noscript") {
            return;
        }
        let tag = match self.page.data(id) {
            NodeData::Text(t) => {
                out.push(Clean::Text(t.to_string()));
                return;
            }
            NodeData::Document => return self.children(id, out),
            NodeData::Element(tag) => tag,
        };
        // An image (or a box holding just one) followed by a noscript with
        // the real image gives way to it: lazy loaders put a blank or
        // blurred stand-in first and the real address in the noscript.
        if let Some(real) = self.noscript_image_after(id) {
            out.extend(self.image(real));
            return;
        }
        if tag == "img" {
            out.extend(self.image(id));
            return;
        }
        if tag == "noscript" {
            // The model keeps only a noscript's images: after an image they
            // replaced it (above); alone they are the image.
            if !self.sibling_element(id, -1).is_some_and(|n| self.is_single_image(n)) {
                out.extend(self.page.children(id).iter().filter_map(|&c| self.image(c)));
            }
            return;
        }
        if DROPPED_TAGS.contains(&tag) || (!self.keep_hidden && super::score::hidden_by_attributes(self.page, id)) {
            return;
        }
        let mapped: Option<&'static str> = match tag {
            "h1" => Some("h2"),
            "tt" => Some("code"),
            _ => ALLOWED_TAGS.iter().copied().find(|&t| t == tag),
        };
        let mut children = Vec::new();
        self.children(id, &mut children);
        match mapped {
            Some(t) => {
                let attrs = self.attributes(id, t);
                // An element left with no text and no image (a figure whose
                // image was an embed, a paragraph of spaces) is dropped.
                if !matches!(t, "br" | "hr" | "td" | "th") && !has_content(&children) {
                    return;
                }
                out.push(Clean::Element { tag: t, attrs, children });
            }
            None if PARAGRAPH_CONTAINERS.contains(&tag) && is_inline_only(&children) && has_text(&children) => {
                out.push(Clean::Element { tag: "p", attrs: Vec::new(), children });
            }
            None => out.extend(children),
        }
    }

    fn attributes(&self, id: NodeId, tag: &str) -> Vec<(&'static str, String)> {
        let mut attrs = Vec::new();
        match tag {
            "a" => {
                if let Some(href) = self.page.attr(id, "href").and_then(|h| self.resolve(h, LINK_SCHEMES)) {
                    attrs.push(("href", href));
                }
            }
            "td" | "th" => {
                for name in ["colspan", "rowspan"] {
                    if let Some(v) = self.page.attr(id, name).and_then(|v| v.trim().parse::<u16>().ok()) {
                        attrs.push((if name == "colspan" { "colspan" } else { "rowspan" }, v.to_string()));
                    }
                }
            }
            "ol" => {
                if let Some(v) = self.page.attr(id, "start").and_then(|v| v.trim().parse::<i32>().ok()) {
                    attrs.push(("start", v.to_string()));
                }
            }
            "time" => {
                if let Some(v) = self.page.attr(id, "datetime") {
                    attrs.push(("datetime", v.to_string()));
                }
            }
            _ => {}
        }
        if let Some(dir) = self.page.attr(id, "dir").map(|d| d.trim().to_ascii_lowercase()) {
            if matches!(dir.as_str(), "ltr" | "rtl" | "auto") {
                attrs.push(("dir", dir));
            }
        }
        attrs
    }

    /// The element sibling `step` places after (`1`) or before (`-1`)
    /// `id`, over whitespace text and images with no address at all (a
    /// lazy loader's empty stand-ins).
    fn sibling_element(&self, id: NodeId, step: isize) -> Option<NodeId> {
        let siblings = self.page.children(self.page.parent(id)?);
        let mut at = siblings.iter().position(|&c| c == id)? as isize;
        loop {
            at += step;
            let &c = siblings.get(usize::try_from(at).ok()?)?;
            match self.page.data(c) {
                NodeData::Text(t) if t.trim().is_empty() => continue,
                NodeData::Element("img") if !self.has_address(c) => continue,
                NodeData::Element(_) => return Some(c),
                _ => return None,
            }
        }
    }

    /// The first image of the noscript right after `id`, when `id` is a
    /// single image.
    fn noscript_image_after(&self, id: NodeId) -> Option<NodeId> {
        if !self.is_single_image(id) {
            return None;
        }
        let next = self.sibling_element(id, 1).filter(|&n| self.page.is(n, "noscript"))?;
        self.page.children(next).iter().copied().find(|&c| self.page.is(c, "img"))
    }

    /// True when `id` is an image with an address, or a chain of boxes
    /// holding one and nothing else (no text).
    fn is_single_image(&self, mut id: NodeId) -> bool {
        loop {
            if self.page.is(id, "img") {
                return self.has_address(id);
            }
            let mut only = None;
            for &c in self.page.children(id) {
                match self.page.data(c) {
                    NodeData::Text(t) if t.trim().is_empty() => {}
                    NodeData::Element(_) if only.is_none() => only = Some(c),
                    _ => return false,
                }
            }
            match only {
                Some(c) if self.page.tag(id).is_some() => id = c,
                _ => return false,
            }
        }
    }

    /// True when an image names any address, in `src`, a lazy-loading
    /// attribute or a srcset.
    fn has_address(&self, id: NodeId) -> bool {
        let page = self.page;
        ["src", "srcset", "data-srcset"].iter().chain(LAZY_SRC_ATTRIBUTES).any(|a| page.attr(id, a).is_some_and(|v| !v.trim().is_empty()))
    }

    /// An image with its real address (lazy-loading attributes and
    /// `srcset` recovered), or `None` when it has no safe address.
    fn image(&self, id: NodeId) -> Option<Clean> {
        let page = self.page;
        let src = page
            .attr(id, "src")
            .filter(|s| !is_placeholder(s))
            .or_else(|| LAZY_SRC_ATTRIBUTES.iter().find_map(|a| page.attr(id, a)).filter(|s| !s.trim().is_empty()))
            .map(str::to_string)
            .or_else(|| {
                ["srcset", "data-srcset"].iter().find_map(|a| page.attr(id, a)).and_then(largest_from_srcset)
            })
            .or_else(|| page.attr(id, "src").map(str::to_string))?;
        let src = self.resolve(&src, IMAGE_SCHEMES)?;
        if src.starts_with("data:") && !src[5..].trim_start().to_ascii_lowercase().starts_with("image/") {
            return None;
        }
        let mut attrs = vec![("src", src)];
        if let Some(alt) = page.attr(id, "alt") {
            attrs.push(("alt", alt.to_string()));
        }
        for name in ["width", "height"] {
            if let Some(v) = page.attr(id, name).and_then(|v| v.trim().parse::<u32>().ok()) {
                attrs.push((if name == "width" { "width" } else { "height" }, v.to_string()));
            }
        }
        Some(Clean::Element { tag: "img", attrs, children: Vec::new() })
    }

    /// Resolves a URL against the base and keeps it only with an allowed scheme.
    fn resolve(&self, raw: &str, schemes: &[&str]) -> Option<String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        let parsed = match &self.base {
            Some(base) => base.join(raw)?,
            None => match Address::parse(raw) {
                Ok(u) => u,
                // No base to resolve against: a relative reference stays
                // relative, which cannot name a script scheme.
                Err(Unparsed::Relative) => return Some(raw.to_string()),
                Err(Unparsed::Invalid) => return None,
            },
        };
        schemes.contains(&parsed.scheme()).then(|| parsed.as_str().to_string())
    }
}

/// True when an image's `src` is a stand-in: empty, or a small inline
/// `data:` image (a lazy loader's blank pixel).
fn is_placeholder(src: &str) -> bool {
    src.trim().is_empty() || src.trim_start().starts_with("data:") && src.len() < 200
}

/// The widest candidate of a `srcset` ("a.jpg 400w, b.jpg 800w" → b.jpg).
/// A candidate is a URL up to whitespace (URLs may hold commas, as image
/// services' transformation paths do), then an optional width or density
/// descriptor up to the next comma.
fn largest_from_srcset(srcset: &str) -> Option<String> {
    let mut best: Option<(String, i64)> = None;
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let url_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let mut url = &rest[..url_end];
        rest = &rest[url_end..];
        let size = if url.ends_with(',') {
            // "a.jpg, b.jpg 2x": a URL ending in a comma has no descriptor.
            url = url.trim_end_matches(',');
            DESCRIPTOR_ONE
        } else {
            let desc_end = rest.find(',').unwrap_or(rest.len());
            let desc = rest[..desc_end].trim();
            rest = &rest[desc_end..];
            // No descriptor, or one that is not a number, counts as "1x".
            descriptor_value(desc.trim_end_matches(['w', 'x'])).unwrap_or(DESCRIPTOR_ONE)
        };
        if !url.is_empty() && best.as_ref().is_none_or(|(_, b)| size > *b) {
            best = Some((url.to_string(), size));
        }
    }
    best.map(|(u, _)| u)
}

/// Fraction digits a srcset descriptor's number keeps: densities are
/// written with a few ("1.5x", "2.625x"), widths with none.
const DESCRIPTOR_FRACTION_DIGITS: u32 = 6;
/// "1", a candidate's size when it has no descriptor, in the fixed point
/// of [`descriptor_value`].
const DESCRIPTOR_ONE: i64 = 10_i64.pow(DESCRIPTOR_FRACTION_DIGITS);

/// A srcset descriptor's number ("800", "1.5", ".5", "+2", "-1") in
/// millionths, to order candidates by; `None` when it is not a plain
/// decimal number. Sizes are only compared, never computed with, so a
/// fixed point does it without core's float parser: this replaced
/// `parse::<f32>()`, the module's only float parsing, whose code and tables
/// were 14 KB of the gzipped wasm module. It orders every descriptor a page
/// realistically writes as `f32` did. Where they differ: digits past the
/// sixth after the point are dropped, numbers beyond about 9.2e12
/// saturate, and exponents ("1e3"), "inf" and "NaN", which `f32` parsed,
/// count as not a number (so as "1x").
fn descriptor_value(number: &str) -> Option<i64> {
    let (negative, digits) = match number.as_bytes().first() {
        Some(b'-') => (true, &number[1..]),
        Some(b'+') => (false, &number[1..]),
        _ => (false, number),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let fraction = &fraction[..fraction.len().min(DESCRIPTOR_FRACTION_DIGITS as usize)];
    let mut value: i64 = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        value = value.saturating_mul(10).saturating_add(i64::from(b - b'0'));
    }
    value = value.saturating_mul(10_i64.pow(DESCRIPTOR_FRACTION_DIGITS - fraction.len() as u32));
    Some(if negative { -value } else { value })
}

/// Tags of the clean tree that lay out as blocks.
pub const CLEAN_BLOCK_TAGS: &[&str] = &[
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "figure", "figcaption", "table",
    "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "hr", "dl", "dt", "dd", "picture",
];

fn is_inline_only(children: &[Clean]) -> bool {
    children.iter().all(|c| match c {
        Clean::Text(_) => true,
        Clean::Element { tag, children, .. } => !CLEAN_BLOCK_TAGS.contains(tag) && is_inline_only(children),
    })
}

/// Text, an image, or a table cell (an empty cell still holds its place).
fn has_content(children: &[Clean]) -> bool {
    children.iter().any(|c| match c {
        Clean::Text(t) => !t.trim().is_empty(),
        Clean::Element { tag, children, .. } => matches!(*tag, "img" | "td" | "th" | "hr") || has_content(children),
    })
}

fn has_text(children: &[Clean]) -> bool {
    children.iter().any(|c| match c {
        Clean::Text(t) => !t.trim().is_empty(),
        Clean::Element { tag, children, .. } => *tag == "img" || has_text(children),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srcset_urls_may_hold_commas() {
        let set = "https://i.example/c_fill,w_320/a.jpg 320w, https://i.example/c_fit,w_800/a.jpg 800w, https://i.example/w_470/a.jpg 470w";
        assert_eq!(largest_from_srcset(set).as_deref(), Some("https://i.example/c_fit,w_800/a.jpg"));
        assert_eq!(largest_from_srcset("a.jpg, b.jpg 2x").as_deref(), Some("b.jpg"));
        assert_eq!(largest_from_srcset("  ").as_deref(), None);
    }

    #[test]
    fn srcset_picks_the_largest_density_or_width() {
        assert_eq!(largest_from_srcset("a.jpg 1x, b.jpg 2.625x, c.jpg 2.6x").as_deref(), Some("b.jpg"));
        assert_eq!(largest_from_srcset("a.jpg .5x, b.jpg").as_deref(), Some("b.jpg"), "no descriptor is 1x");
        assert_eq!(largest_from_srcset("a.jpg 2h, b.jpg 0.9x").as_deref(), Some("a.jpg"), "not a number is 1x");
        assert_eq!(largest_from_srcset("a.jpg 480w, b.jpg 1200w, c.jpg 1200w").as_deref(), Some("b.jpg"), "ties keep the first");
    }

    /// The fixed point orders descriptors as `f32` did, and refuses the same
    /// strings, except the exotic forms its doc lists.
    #[test]
    fn descriptor_values_order_as_f32_did() {
        let numbers = [
            "0", "1", "+1", "-1", "-0", "1.5", ".5", "5.", "0.75", "1.25", "2", "2.0", "2.6", "2.625", "3", "100",
            "320", "480", "640", "768", "1024", "1080", "1200", "1920", "2048", "3840", "007", "1.000001", "", "+",
            "-", ".", "1.2.3", "x", "1 2", "1,5", "1_000", "12px", "+-1", "0.5.",
        ];
        for a in numbers {
            let float = a.parse::<f32>().ok();
            assert_eq!(descriptor_value(a).is_some(), float.is_some(), "{a:?} parses");
            for b in numbers {
                if let (Some(x), Some(y), Some(fx), Some(fy)) =
                    (descriptor_value(a), descriptor_value(b), float, b.parse::<f32>().ok())
                {
                    assert_eq!(Some(x.cmp(&y)), fx.partial_cmp(&fy), "{a:?} against {b:?}");
                }
            }
        }
        assert_eq!(descriptor_value("1.5"), Some(1_500_000));
        assert_eq!(descriptor_value("1.0000009"), descriptor_value("1"), "seventh fraction digit dropped");
        for exotic in ["1e3", "inf", "NaN", "infinity"] {
            assert!(exotic.parse::<f32>().is_ok() && descriptor_value(exotic).is_none(), "{exotic}");
        }
    }
}
