//! Promos: newsletter sign-ups, "publish your news with us", app banners,
//! "follow us" lines, donation and subscription asks. A call to action is
//! short and says so in stock phrases; one phrase counts only with a
//! structural sign of a promo (a sign-up form, a block that is all link, a
//! promo-named box), so a story that mentions a newsletter is left alone.

use crate::page::named_by;
use super::lexicon::{self, Category};
use super::{Analysis, Finding, Kind};
use crate::model::{NodeId, Page};

/// Longest block (characters) taken for a promo: calls to action are one
/// or two sentences.
pub const MAX_PROMO_CHARS: usize = 400;
/// Distinct promo phrases that suffice without a structural sign.
pub const MIN_PROMO_PHRASES: usize = 2;
/// Share of a block inside one link above which the block is "all link",
/// a structural sign of a call to action.
pub const ALL_LINK_SHARE: f32 = 0.8;
/// Characters of buttons and labels the promo's box may add ("Subscribe",
/// "Your email") and still be hidden whole.
pub const PROMO_BOX_EXTRA_CHARS: usize = 60;
/// Class or id fragments that name a promo box, in the page's markup.
const PROMO_CLASS_CUES: &[&str] = &[
    "newsletter", "subscribe", "signup", "sign-up", "promo", "cta", "donate", "follow", "app-banner",
];

/// Finds calls to action.
pub fn detect(page: &Page, analysis: &Analysis) -> Vec<Finding> {
    let mut findings = Vec::new();
    for block in &analysis.blocks {
        if block.protected || block.chars > MAX_PROMO_CHARS {
            continue;
        }
        let print = &block.print;
        let hits = lexicon::find(Category::Promo, print);
        if hits.is_empty() {
            continue;
        }
        let phrases = lexicon::distinct(&hits);
        let node = analysis.expand(page, block.node, PROMO_BOX_EXTRA_CHARS);
        let sign = structural_sign(page, analysis, node, block.link_density());
        if phrases.len() < MIN_PROMO_PHRASES && sign.is_none() {
            continue;
        }
        if analysis.covers_main_paragraph(page, node, block.node) {
            continue;
        }
        let mut reason = format!("call to action: {}", lexicon::quote(&phrases, 3));
        if let Some(sign) = sign {
            reason.push_str("; ");
            reason.push_str(sign);
        }
        findings.push(Finding {
            node,
            kind: Kind::Promo,
            reason,
            confidence: if sign.is_some() && phrases.len() >= MIN_PROMO_PHRASES { 0.95 } else { 0.85 },
        });
    }
    findings
}

/// The structural sign that a box is a promo, if any.
fn structural_sign(page: &Page, analysis: &Analysis, node: NodeId, link_density: f32) -> Option<&'static str> {
    let has_form_field = page.subtree(node).any(|n| {
        page.is(n, "form")
            || (page.is(n, "input")
                && page.attr(n, "type").is_some_and(|t| matches!(t.to_ascii_lowercase().as_str(), "email" | "text" | "submit")))
    });
    if has_form_field {
        return Some("sign-up form");
    }
    if link_density >= ALL_LINK_SHARE || analysis.link_density(node) >= ALL_LINK_SHARE {
        return Some("the whole block is a link");
    }
    named_by(page, node, PROMO_CLASS_CUES).then_some("promo box in the markup")
}
