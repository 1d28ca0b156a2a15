//! Native adapter: HTML bytes → [`Page`], through html5ever (by way of
//! `scraper`, which keeps the parsed tree so that `lede clean --format html`
//! can print the original page with the hidden blocks marked).

use crate::error::LedeError;
use crate::model::{NodeId, Page, PageBuilder};
use crate::Limits;
use scraper::{Html, Node};

/// Share of control characters (other than tab, line feed, form feed and
/// carriage return) in the first bytes above which input is taken for
/// binary data rather than HTML. Text in any language has almost none.
const BINARY_CONTROL_SHARE: f64 = 0.01;
/// How many leading bytes the binary and markup checks look at.
const SNIFF_BYTES: usize = 8192;

/// A parsed page: the model, the parser's own tree, and the map between them.
pub struct Parsed {
    /// The page model.
    pub page: Page,
    /// The parsed document, as html5ever built it.
    pub html: Html,
    /// For each model node, the parser's node it came from.
    pub origin: Vec<ego_tree::NodeId>,
}

/// Decodes HTML bytes: UTF-8 (a BOM is dropped), else the encoding its
/// `<meta charset>` names, else windows-1252, as browsers do. Invalid
/// sequences become U+FFFD; they never fail the page.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let encoding = head
        .find("charset=")
        .map(|i| &head[i + 8..])
        .map(|rest| rest.trim_start_matches(['"', '\'']))
        .and_then(|rest| {
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
            encoding_rs::Encoding::for_label(&rest.as_bytes()[..end])
        })
        .unwrap_or(encoding_rs::WINDOWS_1252);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// Refuses input that is not HTML: empty, binary, or without any markup.
fn check_is_html(text: &str) -> Result<(), LedeError> {
    let head: String = text.chars().take(SNIFF_BYTES).collect();
    if head.trim().is_empty() {
        return Err(LedeError::NotHtml("the input is empty".into()));
    }
    let controls = head.chars().filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C')).count();
    if controls as f64 > BINARY_CONTROL_SHARE * head.chars().count() as f64 {
        return Err(LedeError::NotHtml("the input looks like binary data".into()));
    }
    let has_tag = text.as_bytes().windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'!'));
    if !has_tag {
        return Err(LedeError::NotHtml("no HTML tags found".into()));
    }
    Ok(())
}

/// Elements that never hold children, or that the parser closes when a
/// sibling opens: neither adds a level of nesting in the estimate.
const NON_NESTING_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "param", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead",
    "tfoot", "colgroup", "rb", "rt", "rp", "!doctype",
];
/// Elements whose content is raw text: tags inside them are not markup.
const RAW_TEXT_TAGS: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// The deepest nesting of the markup, estimated in one pass over the tags
/// without building a tree (comments and raw-text content skipped).
pub fn estimated_depth(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = text[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let len = b[start..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'!').count();
        if len == 0 {
            continue;
        }
        let name = text[start..start + len].to_ascii_lowercase();
        let end = b[start..].iter().position(|&c| c == b'>').map_or(b.len(), |e| start + e);
        let self_closing = end > 0 && b.get(end - 1) == Some(&b'/');
        i = end.min(b.len());
        if closing {
            if !NON_NESTING_TAGS.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if RAW_TEXT_TAGS.contains(&name.as_str()) {
            // Skip to the matching end tag, compared without case.
            let mut j = i;
            i = b.len();
            while let Some(off) = b[j..].windows(2).position(|w| w == b"</") {
                let at = j + off + 2;
                if b.len() >= at + len && b[at..at + len].eq_ignore_ascii_case(name.as_bytes()) {
                    i = at;
                    break;
                }
                j = at;
            }
            continue;
        }
        if !self_closing && !NON_NESTING_TAGS.contains(&name.as_str()) {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Parses HTML bytes into a page.
pub fn parse(bytes: &[u8], limits: &Limits) -> Result<Parsed, LedeError> {
    if bytes.len() > limits.max_bytes {
        return Err(LedeError::TooLarge { what: "bytes", found: bytes.len(), max: limits.max_bytes });
    }
    let text = decode(bytes);
    check_is_html(&text)?;
    let depth = estimated_depth(&text);
    if depth > limits.max_parse_depth {
        return Err(LedeError::TooDeep { found: depth, max: limits.max_parse_depth });
    }
    let html = Html::parse_document(&text);
    let (page, origin) = build(&html, limits)?;
    Ok(Parsed { page, html, origin })
}

/// Parses an HTML string into a page (for tests and callers that already decoded).
pub fn parse_str(text: &str, limits: &Limits) -> Result<Page, LedeError> {
    parse(text.as_bytes(), limits).map(|p| p.page)
}

/// Walks the parsed tree in document order into the model.
fn build(html: &Html, limits: &Limits) -> Result<(Page, Vec<ego_tree::NodeId>), LedeError> {
    let mut builder = PageBuilder::new(limits);
    let root = html.tree.root();
    let mut origin = vec![root.id()];
    // Iterative preorder walk: deep nesting cannot overflow the stack.
    let mut stack: Vec<(ego_tree::NodeRef<'_, Node>, NodeId)> =
        root.children().rev().map(|c| (c, NodeId::ROOT)).collect();
    while let Some((node, parent)) = stack.pop() {
        match node.value() {
            Node::Element(el) => {
                let attrs = el.attrs();
                if let Some(id) = builder.element(parent, el.name(), attrs)? {
                    debug_assert_eq!(id.index(), origin.len());
                    origin.push(node.id());
                    for child in node.children().rev() {
                        stack.push((child, id));
                    }
                }
            }
            Node::Text(t) => {
                // A text adds one node, none (merged, dropped), or, in a
                // noscript, the images read out of it: each maps back to it.
                let before = builder.len();
                builder.text(parent, t)?;
                origin.extend((before..builder.len()).map(|_| node.id()));
            }
            _ => {}
        }
    }
    Ok((builder.finish(), origin))
}
