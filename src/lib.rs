//! lede cleans news pages: it finds the chaff that syndicated and ad-funded
//! pages carry (paragraphs printed twice, a provider's legal disclaimer,
//! teaser lists, newsletter promos, stale "page not found" notices, empty
//! comment boxes), hides it in place with a reason, and extracts a clean
//! reading view of the article.
//!
//! ```text
//!   HTML bytes ──▶ adapter::html (html5ever, native) ─┐
//!                                                     ├─▶ model::Page ──▶ detect::run ──▶ Report { hidden: [kind, reason, node] }
//!   live DOM ──▶ extension walk.js ──▶ snapshot ──────┘        │                               │
//!                 (content script, or background                └──▶ read::extract ◀───────────┘
//!                  where the page's CSP forbids wasm)                     │
//!                                                                         ▼
//!                                               Article { title, byline, …, content_html, text }
//! ```
//!
//! Entry points: [`clean`] (what to hide, and why) and [`read`] (the reading
//! view), both on a [`model::Page`]. Natively, [`adapter::html::parse`]
//! builds the page from HTML; in the browser, [`model::Page::from_snapshot`]
//! builds it from one walk of the DOM. The core never sees html5ever or the
//! DOM, so the same page gives the same decisions in both places.
//!
//! Nothing here deletes anything: decisions are data, and the callers mark
//! elements (`data-lede-hidden="KIND"`) so that every hidden block can be
//! shown again.

pub mod detect;
pub mod error;
pub mod model;
pub mod page;
pub mod read;
pub mod text;

#[cfg(any(not(target_arch = "wasm32"), feature = "parity"))]
pub mod adapter;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use detect::{Hidden, Kind, Report};
pub use error::LedeError;
pub use model::{NodeId, Page};
pub use read::Article;

/// Default for [`Limits::max_bytes`]: 32 MiB of HTML, several times the
/// largest page in the corpora (yahoo-2, 1.6 MB).
pub const DEFAULT_MAX_BYTES: usize = 32 << 20;
/// Default for [`Limits::max_nodes`]: one million model nodes, about twenty
/// times the node count of the largest corpus page.
pub const DEFAULT_MAX_NODES: usize = 1_000_000;
/// Default for [`Limits::max_depth`]: nesting deeper than this is flattened.
/// Real articles stay under 60 levels; Chromium's parser itself flattens at
/// 512, so any value below that gives the same model from both adapters.
pub const DEFAULT_MAX_DEPTH: u32 = 200;

/// Default for [`Limits::max_parse_depth`]. Real pages nest a few dozen
/// levels; the HTML parsing algorithm costs time proportional to the depth
/// for every start tag, so a page nested tens of thousands deep would take
/// minutes. Browsers cap the tree at 512 levels while parsing for the same
/// reason; html5ever does not, so lede refuses such input instead.
pub const DEFAULT_MAX_PARSE_DEPTH: usize = 4096;

/// Bounds on the input, so that hostile pages cost bounded work.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest HTML input in bytes (native adapter).
    pub max_bytes: usize,
    /// Largest number of model nodes.
    pub max_nodes: usize,
    /// Deepest nesting kept as is; deeper nodes are flattened.
    pub max_depth: u32,
    /// Deepest nesting of the raw markup the native parser accepts.
    pub max_parse_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: DEFAULT_MAX_BYTES,
            max_nodes: DEFAULT_MAX_NODES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_parse_depth: DEFAULT_MAX_PARSE_DEPTH,
        }
    }
}

/// What to hide on a page, and why; nothing on a page that is not an
/// article (`Report::article` and `Report::why` say which).
pub fn clean(page: &Page) -> Report {
    detect::run(page)
}

/// The reading view of a page. `url` is the page's address, for resolving
/// relative links (a `<base href>` in the page takes precedence, as in a browser).
pub fn read(page: &Page, url: Option<&str>) -> Article {
    read::extract(page, &detect::find_all(page), url)
}
