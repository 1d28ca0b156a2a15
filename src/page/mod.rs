//! What both stages need to know about a page, computed once: which nodes
//! render, the page's text blocks with their link density, which regions
//! are page chrome, where the article is, and whether the page is an
//! article at all. [`crate::detect`] (what to hide) and [`crate::read`]
//! (the reading view) both build on it; nothing here imports either.

mod analysis;
mod cues;
pub mod lexicon;
pub mod model;
pub mod topic;
pub mod verdict;

pub use analysis::{is_headline, Analysis, Block, HEADLINE_LINK_WORDS};
pub use cues::{any_cue, class_and_id, class_says_boilerplate, named_by, unlikely};
pub use topic::{content_words, Topic};
pub use verdict::{verdict, Features, Verdict};
