//! Clutter detection: each detector looks at the page and returns
//! [`Finding`]s; [`run`] merges them into one [`Report`].
//!
//! Detectors never change the page and never see each other's findings, so
//! their order cannot matter. They share one [`Analysis`] of the page
//! (text blocks, link density, the article's extent), computed once.

mod duplicate;
pub mod register;
pub mod teaser;

pub use crate::page::{class_says_boilerplate, Analysis, Block};
pub use duplicate::MIN_STANDALONE_DUPLICATE_CHARS;

use crate::model::{NodeId, Page};
use crate::text;
use serde::Serialize;

/// The kinds of clutter lede hides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A second (or later) copy of a block printed earlier on the page.
    Duplicate,
    /// A provider's or publisher's legal small print attached to the story.
    Disclaimer,
    /// A list of links to other stories.
    Teaser,
    /// A list of links to stories on the article's own topic: reported,
    /// kept in place (readers may want it), left out of the reading view.
    Related,
    /// Newsletter, "publish your news", app, follow and donation asks.
    Promo,
    /// A stale error or empty-state box ("page not found", "No comment").
    Notice,
}

impl Kind {
    /// The name used in `data-lede-hidden` and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Duplicate => "duplicate",
            Kind::Disclaimer => "disclaimer",
            Kind::Teaser => "teaser",
            Kind::Related => "related",
            Kind::Promo => "promo",
            Kind::Notice => "notice",
        }
    }
}

/// One detector's verdict on one element.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The element to hide.
    pub node: NodeId,
    /// What kind of clutter it is.
    pub kind: Kind,
    /// Why, in words a reader understands, naming the evidence.
    pub reason: String,
    /// How sure the detector is, from 0 to 1.
    pub confidence: f32,
}

/// One hidden block, as reported to callers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hidden {
    /// The element's model node.
    pub node: NodeId,
    /// What kind of clutter it is.
    pub kind: Kind,
    /// Why it is hidden.
    pub reason: String,
    /// Its visible text, whitespace collapsed.
    pub text: String,
    /// A CSS selector that finds the element in the page.
    pub selector: String,
    /// How sure the detector is, from 0 to 1.
    pub confidence: f32,
}

/// Everything lede finds on one page, in document order. No block
/// contains another: where findings nest, the outer one stands.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Whether the page is an article ([`crate::page::verdict`]): a page
    /// that is not one is left alone by [`run`].
    pub article: bool,
    /// Why the page is, or is not, taken for an article.
    pub why: String,
    /// The blocks hidden in place.
    pub hidden: Vec<Hidden>,
    /// Blocks found but kept in place by default ([`Kind::Related`]); the
    /// reading view leaves them out like the hidden ones.
    pub kept: Vec<Hidden>,
}

/// What to hide in place: every detector's findings on an article, and
/// nothing on a page that is not one (a listing is all teasers by design).
pub fn run(page: &Page) -> Report {
    let analysis = Analysis::new(page);
    let verdict = crate::page::verdict(page, &analysis);
    if !verdict.article {
        // Nothing is hidden on such a page, so no detector need run.
        return Report { article: false, why: verdict.why, ..Report::default() };
    }
    let mut report = detectors(page, &analysis);
    report.article = true;
    report.why = verdict.why;
    report
}

/// Runs every detector on the page, article or not ("clean anyway", and the
/// reading view, which leaves clutter out of any page), with the verdict.
pub fn find_all(page: &Page) -> Report {
    run_with(page, &Analysis::new(page))
}

/// Runs every detector on a page already analysed, with the verdict.
pub fn run_with(page: &Page, analysis: &Analysis) -> Report {
    let verdict = crate::page::verdict(page, analysis);
    let mut report = detectors(page, analysis);
    report.article = verdict.article;
    report.why = verdict.why;
    report
}

fn detectors(page: &Page, analysis: &Analysis) -> Report {
    // The story's vocabulary, read by the teaser and register detectors.
    let topic = crate::page::Topic::new(page, analysis);
    let mut findings = Vec::new();
    findings.extend(duplicate::detect(page, analysis));
    findings.extend(teaser::detect(page, analysis, &topic));
    findings.extend(register::detect(page, analysis, &topic));
    merge(page, findings)
}

impl Report {
    /// Every block the reading view leaves out: the hidden and the kept ones.
    pub fn excluded(&self) -> impl Iterator<Item = &Hidden> {
        self.hidden.iter().chain(&self.kept)
    }
}

/// Splits findings into hidden and kept ones, each in document order with
/// one per element (the most confident) and none inside another; a kept
/// finding inside a hidden block is dropped.
fn merge(page: &Page, findings: Vec<Finding>) -> Report {
    let (kept, hidden): (Vec<Finding>, Vec<Finding>) = findings.into_iter().partition(|f| f.kind == Kind::Related);
    let hidden = outermost(page, hidden);
    let kept = outermost(page, kept)
        .into_iter()
        .filter(|k| !hidden.iter().any(|h| page.contains(h.node, k.node)))
        .collect();
    Report { hidden, kept, ..Report::default() }
}

fn outermost(page: &Page, mut findings: Vec<Finding>) -> Vec<Hidden> {
    findings.sort_by(|a, b| a.node.cmp(&b.node).then(b.confidence.total_cmp(&a.confidence)).then(a.kind.cmp(&b.kind)));
    findings.dedup_by_key(|f| f.node);
    let mut out: Vec<Hidden> = Vec::new();
    let mut open_end = NodeId(0);
    for f in findings {
        // Sorted by node, so an enclosing finding comes first and covers
        // the id range up to its subtree's end.
        if f.node < open_end {
            continue;
        }
        open_end = page.subtree_end(f.node);
        out.push(Hidden {
            node: f.node,
            kind: f.kind,
            reason: f.reason,
            text: text::visible_text(page, f.node),
            selector: text::selector(page, f.node),
            confidence: f.confidence,
        });
    }
    out
}
