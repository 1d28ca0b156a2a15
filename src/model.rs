//! The compact page model every stage of lede works on.
//!
//! A [`Page`] is an arena of nodes addressed by [`NodeId`]: the document
//! root, elements (lower-case tag name plus the few attributes lede reads)
//! and text, their strings in one buffer and their children and attributes
//! in shared lists, so that building a page allocates next to nothing. It knows nothing of html5ever or of the browser's DOM; the two
//! adapters fill it through one [`PageBuilder`], which applies the same
//! filtering rules for both, so the same page gives the same model whichever
//! adapter read it:
//!
//! - comments, doctypes and processing instructions are dropped;
//! - only [`KEPT_ATTRIBUTES`] are kept, names lower-cased;
//! - the content of [`OPAQUE_TAGS`] is dropped (scripts, styles, embedded
//!   documents, SVG), except the text of `<script type="application/ld+json">`,
//!   which carries article metadata, and the `<img>` tags written in a
//!   `<noscript>` (a lazy-loading page's real images), which become `img`
//!   children of the `noscript` element (see [`NOSCRIPT_MAX_IMAGES`]);
//! - adjacent text nodes are merged (they are adjacent once a comment
//!   between them is dropped);
//! - nesting deeper than [`crate::Limits::max_depth`] is flattened onto the
//!   deepest allowed ancestor, which is what browsers' parsers do too.
//!
//! The browser adapter sends the model as a *snapshot* (see
//! [`Page::from_snapshot`]): a flat list of numbers and one of strings,
//! produced by one walk of the DOM in `extension/src/content/walk.js`.

use crate::error::LedeError;
use crate::Limits;

/// Index of a node in its [`Page`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The document root of every page.
    pub const ROOT: NodeId = NodeId(0);

    /// The index as a `usize`, for slices indexed by node.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What a node holds, as [`Page::data`] gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeData<'a> {
    /// The document root.
    Document,
    /// An element, by its lower-case local name (`p`, `div`, `svg`); its
    /// kept attributes are [`Page::attrs`].
    Element(&'a str),
    /// A run of text, exactly as parsed (entities decoded, whitespace kept).
    Text(&'a str),
}

/// Bit of [`Node::flags`]: the node is an element whose tag starts a
/// block of text ([`crate::text::BLOCK_TAGS`]).
pub(crate) const FLAG_BLOCK: u8 = 1;
/// Bit of [`Node::flags`]: the element itself is not rendered (an
/// unrendered tag, `hidden`, or an inline style that hides it; see
/// [`crate::text::is_unrendered`]).
pub(crate) const FLAG_UNRENDERED: u8 = 2;

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Document,
    Element,
    Text,
}

/// One node of the arena. Strings (tag names, texts, attribute values)
/// live in the page's one string buffer and are named here by range, and
/// children and attributes in the page's shared lists: building a page of
/// any size takes a handful of allocations, not several per node.
#[derive(Clone, Debug)]
struct Node {
    /// Parent node; [`NO_PARENT`] only for the root.
    parent: u32,
    /// Distance from the root (the root is 0).
    depth: u32,
    kind: Kind,
    /// [`FLAG_BLOCK`] and [`FLAG_UNRENDERED`], worked out once when built.
    flags: u8,
    /// The tag (element) or text (text node): `strings[start..end]`.
    start: u32,
    end: u32,
    /// The element's attributes: `attrs[attr_start..attr_end]`, by name.
    attr_start: u32,
    attr_end: u32,
    /// The node's children: `children[child_start..child_end]`.
    child_start: u32,
    child_end: u32,
}

/// The parent of the root.
const NO_PARENT: u32 = u32::MAX;

/// One kept attribute: its name (one of [`KEPT_ATTRIBUTES`]) and its value
/// as a range of the page's string buffer.
#[derive(Clone, Copy, Debug)]
struct Attr {
    name: &'static str,
    start: u32,
    end: u32,
}

/// Attributes the model keeps; all others are dropped by both adapters.
///
/// `extension/src/content/walk.js` filters with the same list before the
/// snapshot crosses into wasm (a native test checks the two lists agree).
pub const KEPT_ATTRIBUTES: &[&str] = &[
    "id", "class", "role", "hidden", "aria-hidden", "aria-label", "style", "lang", "dir", "href",
    "src", "srcset", "alt", "title", "type", "name", "property", "content", "itemprop", "itemtype",
    "datetime", "rel", "data-src", "data-srcset", "data-lazy-src", "data-original", "width",
    "height", "colspan", "rowspan", "start", "placeholder", "action",
];

/// Elements whose content never reaches the model: their text is not page
/// text (scripts, styles, templates, embedded documents, vector graphics).
/// The element itself is kept, so that structure and figures stay visible.
pub const OPAQUE_TAGS: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "object", "embed", "svg",
    "canvas", "video", "audio", "select", "textarea",
];

/// Most `<img>` tags read out of one `<noscript>`: lazy-loading pages put
/// one image (a picture element's fallback, at most a few) in each; a
/// noscript holding a whole gallery or page is not an image fallback.
pub const NOSCRIPT_MAX_IMAGES: usize = 4;

/// `<script type=…>` value whose text the model keeps despite [`OPAQUE_TAGS`].
pub const JSON_LD_TYPE: &str = "application/ld+json";

/// Word codes of a snapshot (see [`Page::from_snapshot`]).
pub mod snapshot {
    /// An element: `[ELEMENT, parent, attribute_count]`; strings: tag, then name, value per attribute.
    pub const ELEMENT: u32 = 1;
    /// A text node: `[TEXT, parent]`; strings: the text.
    pub const TEXT: u32 = 2;

    /// Takes apart the snapshot's strings as they cross from the browser:
    /// `text` is every string joined, `lengths` each one's length in UTF-16
    /// code units (JavaScript's `length`; see `pack` in
    /// extension/src/content/walk.js). A lone surrogate arrives as U+FFFD,
    /// one unit either way, so the counts still line up.
    pub fn split_utf16<'a>(text: &'a str, lengths: &[u32]) -> Result<Vec<&'a str>, crate::LedeError> {
        let mut parts = Vec::with_capacity(lengths.len());
        let mut rest = text;
        for &units in lengths {
            let units = units as usize;
            // ASCII fast path: a unit is a byte.
            let end = if rest.len() >= units && rest.as_bytes()[..units].is_ascii() {
                units
            } else {
                let mut counted = 0;
                let mut end = 0;
                for c in rest.chars() {
                    if counted >= units {
                        break;
                    }
                    counted += c.len_utf16();
                    end += c.len_utf8();
                }
                if counted != units {
                    return Err(crate::LedeError::BadSnapshot("string lengths do not match the text".to_string()));
                }
                end
            };
            let (part, tail) = rest.split_at(end);
            parts.push(part);
            rest = tail;
        }
        if !rest.is_empty() {
            return Err(crate::LedeError::BadSnapshot("text left over after the last string".to_string()));
        }
        Ok(parts)
    }
}

/// The page model: an arena of nodes rooted at [`NodeId::ROOT`].
#[derive(Clone, Debug)]
pub struct Page {
    nodes: Vec<Node>,
    /// Every node's children, node by node (see [`Node::child_start`]).
    children: Vec<NodeId>,
    /// Every element's kept attributes, element by element, each
    /// element's sorted by name.
    attrs: Vec<Attr>,
    /// Tag names, texts and attribute values, one after the other.
    strings: String,
}

/// A node as a whole, for comparing models (see [`Page::node`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeView<'a> {
    /// Parent node; `None` only for the root.
    pub parent: Option<NodeId>,
    /// Distance from the root.
    pub depth: u32,
    /// What it holds.
    pub data: NodeData<'a>,
    /// Its kept attributes, sorted by name.
    pub attrs: Vec<(&'static str, &'a str)>,
    /// Its children.
    pub children: &'a [NodeId],
}

/// Two pages are equal when every node is: the same data, attributes,
/// parent and children (however their strings happen to be stored).
impl PartialEq for Page {
    fn eq(&self, other: &Page) -> bool {
        self.len() == other.len() && self.ids().all(|id| self.node(id) == other.node(id))
    }
}

impl Eq for Page {}

impl Page {
    /// Number of nodes, the root included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when the page holds nothing but its root.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// All node ids in document order (preorder: the arena is built that way).
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = NodeId> + ExactSizeIterator {
        (0..self.nodes.len() as u32).map(NodeId)
    }

    fn string(&self, start: u32, end: u32) -> &str {
        &self.strings[start as usize..end as usize]
    }

    /// What a node holds.
    pub fn data(&self, id: NodeId) -> NodeData<'_> {
        let node = &self.nodes[id.index()];
        match node.kind {
            Kind::Document => NodeData::Document,
            Kind::Element => NodeData::Element(self.string(node.start, node.end)),
            Kind::Text => NodeData::Text(self.string(node.start, node.end)),
        }
    }

    /// The whole of a node (for comparisons and tests; the accessors
    /// below are what the stages use).
    pub fn node(&self, id: NodeId) -> NodeView<'_> {
        NodeView {
            parent: self.parent(id),
            depth: self.depth(id),
            data: self.data(id),
            attrs: self.attrs(id).collect(),
            children: self.children(id),
        }
    }

    /// Distance from the root (the root is 0).
    pub fn depth(&self, id: NodeId) -> u32 {
        self.nodes[id.index()].depth
    }

    /// Parent of a node.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        let parent = self.nodes[id.index()].parent;
        (parent != NO_PARENT).then_some(NodeId(parent))
    }

    /// Children of a node, in order.
    pub fn children(&self, id: NodeId) -> &[NodeId] {
        let node = &self.nodes[id.index()];
        &self.children[node.child_start as usize..node.child_end as usize]
    }

    /// Lower-case tag name, for elements.
    pub fn tag(&self, id: NodeId) -> Option<&str> {
        let node = &self.nodes[id.index()];
        (node.kind == Kind::Element).then(|| self.string(node.start, node.end))
    }

    /// True when the node is an element with this tag.
    pub fn is(&self, id: NodeId, tag: &str) -> bool {
        self.tag(id) == Some(tag)
    }

    /// The node's [`FLAG_BLOCK`] and [`FLAG_UNRENDERED`] bits.
    pub(crate) fn flags(&self, id: NodeId) -> u8 {
        self.nodes[id.index()].flags
    }

    fn attr_list(&self, id: NodeId) -> &[Attr] {
        let node = &self.nodes[id.index()];
        &self.attrs[node.attr_start as usize..node.attr_end as usize]
    }

    /// A kept attribute's value.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.attr_list(id).iter().find(|a| a.name == name).map(|a| self.string(a.start, a.end))
    }

    /// All kept attributes of an element as `(name, value)`, sorted by
    /// name (none for other nodes).
    pub fn attrs(&self, id: NodeId) -> impl ExactSizeIterator<Item = (&'static str, &str)> + Clone + '_ {
        self.attr_list(id).iter().map(|a| (a.name, self.string(a.start, a.end)))
    }

    /// Text of a text node.
    pub fn text(&self, id: NodeId) -> Option<&str> {
        let node = &self.nodes[id.index()];
        (node.kind == Kind::Text).then(|| self.string(node.start, node.end))
    }

    /// Ancestors of a node, nearest first (the node itself excluded).
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), move |&p| self.parent(p))
    }

    /// True when `ancestor` is `id` or one of its ancestors.
    pub fn contains(&self, ancestor: NodeId, id: NodeId) -> bool {
        // Preorder: a node's subtree is the id range it opens.
        ancestor <= id && id < self.subtree_end(ancestor)
    }

    /// One past the last descendant of `id`: the subtree of `id` is the id
    /// range `id..end`, because the arena is in preorder.
    pub fn subtree_end(&self, id: NodeId) -> NodeId {
        let mut last = id;
        while let Some(&child) = self.children(last).last() {
            last = child;
        }
        NodeId(last.0 + 1)
    }

    /// The node and its descendants, in document order.
    pub fn subtree(&self, id: NodeId) -> impl Iterator<Item = NodeId> {
        (id.0..self.subtree_end(id).0).map(NodeId)
    }

    /// All text inside a node, concatenated as parsed.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        for n in self.subtree(id) {
            if let Some(t) = self.text(n) {
                out.push_str(t);
            }
        }
        out
    }

    /// Builds a page from a DOM snapshot.
    ///
    /// `words` lists the nodes after the root in document order: an element
    /// is `[1, parent, attribute_count]` and takes `1 + 2 * attribute_count`
    /// strings (tag, then name and value of each attribute); a text node is
    /// `[2, parent]` and takes one string. `parent` is the index the parent
    /// node got in this same list, counting the root as 0. Nodes that the
    /// builder drops (see the module docs) still count, so the walker need
    /// not know the builder's rules; children of a dropped node are dropped.
    ///
    /// The returned table maps each snapshot index of an element to its
    /// model node (text nodes and dropped nodes map to `None`), so that
    /// decisions can be applied to the walker's DOM nodes.
    pub fn from_snapshot<S: AsRef<str>>(
        words: &[u32],
        strings: &[S],
        limits: &Limits,
    ) -> Result<(Page, Vec<Option<NodeId>>), LedeError> {
        let bad = |why: &str| LedeError::BadSnapshot(why.to_string());
        let mut builder = PageBuilder::new(limits);
        let mut map: Vec<Option<NodeId>> = Vec::with_capacity(words.len() / 2 + 1);
        map.push(Some(NodeId::ROOT));
        let (mut w, mut s) = (0usize, 0usize);
        let mut next_string = || {
            let v = strings.get(s).map(AsRef::as_ref).ok_or_else(|| bad("too few strings"));
            s += 1;
            v
        };
        while w < words.len() {
            let code = words[w];
            let parent = *words.get(w + 1).ok_or_else(|| bad("truncated node"))? as usize;
            if parent >= map.len() {
                return Err(bad("parent after child"));
            }
            let parent = map[parent];
            let made = match code {
                snapshot::ELEMENT => {
                    let count = *words.get(w + 2).ok_or_else(|| bad("truncated element"))? as usize;
                    w += 3;
                    let tag = next_string()?;
                    let mut attrs = Vec::with_capacity(count.min(64));
                    for _ in 0..count {
                        let name = next_string()?;
                        let value = next_string()?;
                        attrs.push((name, value));
                    }
                    match parent {
                        Some(p) => builder.element(p, tag, attrs)?,
                        None => None,
                    }
                }
                snapshot::TEXT => {
                    w += 2;
                    let text = next_string()?;
                    if let Some(p) = parent {
                        builder.text(p, text)?;
                    }
                    None
                }
                _ => return Err(bad("unknown node code")),
            };
            map.push(made);
        }
        Ok((builder.finish(), map))
    }
}

/// Fills a [`Page`], applying the model's rules (see the module docs).
/// Both adapters go through it, so that they cannot drift apart.
pub struct PageBuilder {
    page: Page,
    /// Which nodes' children are dropped (opaque elements).
    opaque: Vec<bool>,
    /// Which nodes keep their text even though opaque (JSON-LD scripts).
    keeps_text: Vec<bool>,
    max_nodes: usize,
    max_depth: u32,
}

/// A string buffer offset as stored in the model.
fn offset(at: usize) -> Result<u32, LedeError> {
    u32::try_from(at).map_err(|_| LedeError::TooLarge { what: "bytes of text", found: at, max: u32::MAX as usize })
}

impl PageBuilder {
    /// A builder holding just the document root.
    pub fn new(limits: &Limits) -> Self {
        let root = Node {
            parent: NO_PARENT,
            depth: 0,
            kind: Kind::Document,
            flags: 0,
            start: 0,
            end: 0,
            attr_start: 0,
            attr_end: 0,
            child_start: 0,
            child_end: 0,
        };
        PageBuilder {
            page: Page { nodes: vec![root], children: Vec::new(), attrs: Vec::new(), strings: String::new() },
            opaque: vec![false],
            keeps_text: vec![false],
            max_nodes: limits.max_nodes,
            max_depth: limits.max_depth.max(2),
        }
    }

    /// Adds a node whose string is `strings[start..end]` and whose
    /// attributes are `attrs[attr_start..]`.
    fn push(
        &mut self,
        parent: NodeId,
        kind: Kind,
        (start, end, attr_start): (usize, usize, usize),
        opaque: bool,
        keeps_text: bool,
    ) -> Result<NodeId, LedeError> {
        let page = &mut self.page;
        if page.nodes.len() >= self.max_nodes {
            return Err(LedeError::TooLarge { what: "nodes", found: page.nodes.len() + 1, max: self.max_nodes });
        }
        let id = NodeId(page.nodes.len() as u32);
        let depth = page.nodes[parent.index()].depth + 1;
        let flags = match kind {
            Kind::Element => crate::text::element_flags(
                &page.strings[start..end],
                page.attrs[attr_start..].iter().map(|a| (a.name, &page.strings[a.start as usize..a.end as usize])),
            ),
            _ => 0,
        };
        page.nodes.push(Node {
            parent: parent.0,
            depth,
            kind,
            flags,
            start: offset(start)?,
            end: offset(end)?,
            attr_start: offset(attr_start)?,
            attr_end: offset(page.attrs.len())?,
            child_start: 0,
            child_end: 0,
        });
        self.opaque.push(opaque);
        self.keeps_text.push(keeps_text);
        Ok(id)
    }

    /// Where a new child of `parent` really goes: the same parent, or, past
    /// the depth limit, the deepest allowed ancestor.
    fn effective_parent(&self, parent: NodeId) -> NodeId {
        let node = &self.page.nodes[parent.index()];
        if node.parent != NO_PARENT && node.depth >= self.max_depth {
            NodeId(node.parent)
        } else {
            parent
        }
    }

    /// Appends an element's tag, lower-cased, and its kept attributes,
    /// sorted by name; returns where the tag starts and ends and where
    /// the attributes start.
    fn push_element_strings<'a>(
        &mut self,
        tag: &str,
        attrs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (usize, usize, usize) {
        let page = &mut self.page;
        let start = page.strings.len();
        page.strings.push_str(tag);
        page.strings[start..].make_ascii_lowercase();
        let attr_start = page.attrs.len();
        for (name, value) in attrs {
            let Some(&kept) = KEPT_ATTRIBUTES.iter().find(|k| k.eq_ignore_ascii_case(name)) else { continue };
            if page.attrs[attr_start..].iter().any(|a| a.name == kept) {
                continue;
            }
            let from = page.strings.len();
            page.strings.push_str(value);
            // Offsets past u32 are refused when the node is pushed.
            page.attrs.push(Attr { name: kept, start: from as u32, end: page.strings.len() as u32 });
        }
        // Parsers differ in the order they hand attributes over (scraper sorts
        // them); the model sorts by name so that both adapters agree.
        page.attrs[attr_start..].sort_unstable_by(|a, b| a.name.cmp(b.name));
        (start, start + tag.len(), attr_start)
    }

    /// Adds an element under `parent`; returns `None` when the model drops
    /// it (inside an opaque element). Its id is the model's next id, so an
    /// adapter that walks in document order builds a preorder arena.
    pub fn element<'a>(
        &mut self,
        parent: NodeId,
        tag: &str,
        attrs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Option<NodeId>, LedeError> {
        if self.opaque[parent.index()] {
            return Ok(None);
        }
        let parent = self.effective_parent(parent);
        let span = self.push_element_strings(tag, attrs);
        let page = &self.page;
        let tag = &page.strings[span.0..span.1];
        let opaque = OPAQUE_TAGS.contains(&tag);
        let keeps_text = tag == "script"
            && page.attrs[span.2..].iter().any(|a| {
                a.name == "type" && page.strings[a.start as usize..a.end as usize].trim().eq_ignore_ascii_case(JSON_LD_TYPE)
            });
        let id = self.push(parent, Kind::Element, span, opaque, keeps_text)?;
        Ok(Some(id))
    }

    /// Adds text under `parent`, merged into a preceding text sibling.
    pub fn text(&mut self, parent: NodeId, text: &str) -> Result<(), LedeError> {
        if text.is_empty() {
            return Ok(());
        }
        if self.opaque[parent.index()] && !self.keeps_text[parent.index()] {
            // With scripting on (browsers, and html5ever as lede runs it) a
            // noscript's content arrives as one raw text: its images are
            // read out of it, the rest dropped.
            if self.page.tag(parent) == Some("noscript") {
                for attrs in img_tags(text).into_iter().take(NOSCRIPT_MAX_IMAGES) {
                    let span = self.push_element_strings("img", attrs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
                    self.push(parent, Kind::Element, span, true, false)?;
                }
            }
            return Ok(());
        }
        let parent = self.effective_parent(parent);
        let page = &mut self.page;
        // Only the newest node can be merged into (anything else would
        // break the preorder numbering), and its text ends the buffer.
        if let Some(last) = page.nodes.last_mut() {
            if last.kind == Kind::Text && last.parent == parent.0 {
                debug_assert_eq!(last.end as usize, page.strings.len());
                page.strings.push_str(text);
                last.end = offset(page.strings.len())?;
                return Ok(());
            }
        }
        let start = page.strings.len();
        page.strings.push_str(text);
        let span = (start, page.strings.len(), page.attrs.len());
        self.push(parent, Kind::Text, span, true, false)?;
        Ok(())
    }

    /// Nodes so far, the root included.
    pub fn len(&self) -> usize {
        self.page.nodes.len()
    }

    /// True when only the root is there.
    pub fn is_empty(&self) -> bool {
        self.page.nodes.len() <= 1
    }

    /// The finished page: every node's children laid out in one list.
    pub fn finish(self) -> Page {
        let mut page = self.page;
        let n = page.nodes.len();
        // Count each node's children, turn counts into starts, then place
        // the children in id order, which is their document order.
        let mut next = vec![0u32; n + 1];
        for node in &page.nodes[1..] {
            next[node.parent as usize + 1] += 1;
        }
        for i in 1..=n {
            next[i] += next[i - 1];
        }
        for (i, node) in page.nodes.iter_mut().enumerate() {
            node.child_start = next[i];
            node.child_end = next[i];
        }
        page.children = vec![NodeId::ROOT; n - 1];
        for i in 1..n {
            let parent = page.nodes[i].parent as usize;
            let slot = page.nodes[parent].child_end;
            page.children[slot as usize] = NodeId(i as u32);
            page.nodes[parent].child_end += 1;
        }
        page
    }
}

/// The attributes of each `<img>` tag in raw markup (a noscript's text),
/// names lower-cased, the first of a repeated name kept, values with
/// character references decoded, sorted by name as elements' are.
fn img_tags(raw: &str) -> Vec<Vec<(String, String)>> {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = raw[i..].find('<').map(|k| i + k) {
        i = at + 1;
        let name_end = raw[i..].find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').map_or(raw.len(), |k| i + k);
        if !raw[i..name_end].eq_ignore_ascii_case("img") {
            continue;
        }
        i = name_end;
        let mut attrs: Vec<(String, String)> = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let name = raw[start..i].to_ascii_lowercase();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                let (from, to) = match bytes.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let end = raw[i + 1..].find(q as char).map_or(raw.len(), |k| i + 1 + k);
                        (i + 1, end)
                    }
                    _ => (i, raw[i..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(raw.len(), |k| i + k)),
                };
                value = decode_references(&raw[from..to]);
                i = (to + usize::from(to < raw.len() && from != i)).min(raw.len());
            }
            if !name.is_empty() && !attrs.iter().any(|(n, _)| *n == name) {
                attrs.push((name, value));
            }
        }
        attrs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        out.push(attrs);
    }
    out
}

/// Decodes the character references an attribute value in markup may
/// hold: the five named ones HTML writers emit, and numeric ones.
fn decode_references(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            let c = match entity {
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits::default()
    }

    #[test]
    fn snapshot_builds_preorder_arena_and_filters_attributes() {
        let words = [1, 0, 0, 1, 1, 2, 2, 2, 1, 1, 0];
        let strings: Vec<String> =
            ["html", "p", "class", "x", "onclick", "evil()", "hello", "body"].iter().map(|s| s.to_string()).collect();
        let (page, map) = Page::from_snapshot(&words, &strings, &limits()).unwrap();
        assert_eq!(page.tag(NodeId(1)), Some("html"));
        assert_eq!(page.tag(NodeId(2)), Some("p"));
        assert_eq!(page.attr(NodeId(2), "class"), Some("x"));
        assert_eq!(page.attr(NodeId(2), "onclick"), None);
        assert_eq!(page.attrs(NodeId(2)).len(), 1);
        assert_eq!(page.text(NodeId(3)), Some("hello"));
        assert_eq!(page.tag(NodeId(4)), Some("body"));
        assert_eq!(map, vec![Some(NodeId(0)), Some(NodeId(1)), Some(NodeId(2)), None, Some(NodeId(4))]);
    }

    #[test]
    fn noscript_images_become_img_children() {
        let mut b = PageBuilder::new(&limits());
        let ns = b.element(NodeId::ROOT, "noscript", []).unwrap().unwrap();
        b.text(ns, "<p>x</p><IMG alt='A &amp; B' src=\"/a.jpg?w=1&amp;h=2\" onerror=alert(1) data-src=/b.jpg><img/src=c.jpg><imgx src=d.jpg><img src").unwrap();
        let page = b.finish();
        let imgs = page.children(ns);
        assert_eq!(imgs.len(), 3, "three img tags, the imgx is not one");
        assert_eq!(page.attr(imgs[0], "src"), Some("/a.jpg?w=1&h=2"));
        assert_eq!(page.attr(imgs[0], "alt"), Some("A & B"));
        assert_eq!(page.attr(imgs[0], "data-src"), Some("/b.jpg"));
        assert_eq!(page.attr(imgs[0], "onerror"), None);
        assert_eq!(page.attr(imgs[1], "src"), Some("c.jpg"));
        assert_eq!(page.attr(imgs[2], "src"), Some(""));
        assert!(page.text_content(ns).is_empty(), "the raw markup is not text");
    }

    #[test]
    fn opaque_content_is_dropped_but_json_ld_kept() {
        let mut b = PageBuilder::new(&limits());
        let s = b.element(NodeId::ROOT, "SCRIPT", [("type", "text/javascript")]).unwrap().unwrap();
        b.text(s, "alert(1)").unwrap();
        assert!(b.element(s, "p", []).unwrap().is_none());
        let j = b.element(NodeId::ROOT, "script", [("TYPE", " application/ld+json ")]).unwrap().unwrap();
        b.text(j, "{}").unwrap();
        let page = b.finish();
        assert!(page.children(s).is_empty());
        assert_eq!(page.text_content(j), "{}");
        assert_eq!(page.tag(s), Some("script"));
    }

    #[test]
    fn deep_nesting_is_flattened_not_refused() {
        let limits = Limits { max_depth: 10, ..Limits::default() };
        let mut b = PageBuilder::new(&limits);
        let mut parent = NodeId::ROOT;
        for _ in 0..1000 {
            parent = b.element(parent, "div", []).unwrap().unwrap();
        }
        b.text(parent, "deep").unwrap();
        let page = b.finish();
        assert!(page.ids().all(|id| page.node(id).depth <= 10));
        assert_eq!(page.text_content(NodeId::ROOT), "deep");
    }

    #[test]
    fn packed_strings_split_at_utf16_lengths() {
        // "é" is one unit and two bytes, "😀" two units and four bytes.
        let parts = ["p", "café", "", "😀 ok", "x"];
        let text: String = parts.concat();
        let lengths: Vec<u32> = parts.iter().map(|p| p.encode_utf16().count() as u32).collect();
        assert_eq!(snapshot::split_utf16(&text, &lengths).unwrap(), parts);
        // Lengths that end inside a surrogate pair, or run short or long, are errors.
        assert!(snapshot::split_utf16("😀", &[1, 1]).is_err());
        assert!(snapshot::split_utf16("abc", &[2]).is_err());
        assert!(snapshot::split_utf16("abc", &[2, 2]).is_err());
    }

    #[test]
    fn malformed_snapshots_are_errors() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(Page::from_snapshot(&[1, 5, 0], &s(&["p"]), &limits()).is_err());
        assert!(Page::from_snapshot(&[1, 0, 2], &s(&["p", "a"]), &limits()).is_err());
        assert!(Page::from_snapshot(&[9, 0], &s(&[]), &limits()).is_err());
        assert!(Page::from_snapshot(&[2], &s(&[]), &limits()).is_err());
    }

    #[test]
    fn node_limit_is_an_error_with_numbers() {
        let limits = Limits { max_nodes: 3, ..Limits::default() };
        let mut b = PageBuilder::new(&limits);
        b.element(NodeId::ROOT, "a", []).unwrap();
        b.element(NodeId::ROOT, "b", []).unwrap();
        let err = b.element(NodeId::ROOT, "c", []).unwrap_err();
        assert!(matches!(err, LedeError::TooLarge { found: 4, max: 3, .. }));
    }
}
