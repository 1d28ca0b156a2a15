//! Disclaimers: a provider's or publisher's legal small print attached to
//! the story (warranty and liability notices, "views expressed do not
//! necessarily reflect", forward-looking statements, affiliate and
//! sponsorship disclosures, reprint restrictions).
//!
//! Three kinds of evidence weigh in, so that a story *about* a warranty or a
//! court case is never hidden: legal phrases from the lexicons, position
//! (before the article's first or after its last main paragraph, never in
//! between), and form (a "Disclaimer" heading, small or italic print, a box
//! named for legal text).

use crate::page::named_by;
use super::lexicon::{self, Category};
use super::{Analysis, Finding, Kind};
use crate::model::{NodeId, Page};

/// Distinct legal phrases that count as one piece of evidence.
pub const MIN_DISCLAIMER_PHRASES: usize = 2;
/// Distinct legal phrases that count as a second piece of evidence (dense
/// legal vocabulary: a story quoting a clause rarely holds this many).
pub const DENSE_DISCLAIMER_PHRASES: usize = 4;
/// Pieces of evidence needed besides position: phrases, density, a
/// heading, small print, a box of its own apart from the story's paragraphs.
pub const MIN_DISCLAIMER_EVIDENCE: usize = 2;
/// Longest heading (characters) read as a label ("Legal Disclaimer:").
pub const MAX_LABEL_CHARS: usize = 40;
/// Characters of labels the disclaimer's box may add and still be hidden whole.
pub const DISCLAIMER_BOX_EXTRA_CHARS: usize = 40;
/// Share of a block in small, italic or emphasised print that counts as small print.
pub const SMALL_PRINT_SHARE: f32 = 0.8;
/// Class or id fragments that name a box of legal text.
const LEGAL_CLASS_CUES: &[&str] = &["disclaim", "disclosure", "legal", "fine-print", "fineprint", "small-print"];
/// Tags that set small print.
const SMALL_PRINT_TAGS: &[&str] = &["small", "em", "i", "sub", "sup"];

/// Finds legal small print at the edges of the article.
pub fn detect(page: &Page, analysis: &Analysis) -> Vec<Finding> {
    let blocks = &analysis.blocks;
    let prints: Vec<&str> = blocks.iter().map(|b| b.print.as_str()).collect();
    let phrases: Vec<Vec<String>> = prints
        .iter()
        .zip(blocks)
        .map(|(p, b)| if b.protected { Vec::new() } else { lexicon::distinct(&lexicon::find(Category::Disclaimer, p)) })
        .collect();
    // Main paragraphs without legal wording after (and before) each block:
    // a disclaimer has none after it, or none before it.
    let plain_main = |i: usize| blocks[i].main && phrases[i].is_empty();
    let mut plain_after = vec![0usize; blocks.len() + 1];
    for i in (0..blocks.len()).rev() {
        plain_after[i] = plain_after[i + 1] + usize::from(plain_main(i));
    }
    let mut plain_before = 0usize;
    // The story's paragraphs share one or a few parents; small print
    // usually stands in a box of its own.
    let story_parents: Vec<NodeId> = (0..blocks.len()).filter(|&i| plain_main(i)).filter_map(|i| page.parent(blocks[i].node)).collect();
    let mut findings = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let before = plain_before;
        plain_before += usize::from(plain_main(i));
        if phrases[i].is_empty() || block.protected {
            continue;
        }
        let at_edge = plain_after[i + 1] == 0 || before == 0;
        if !at_edge || analysis.article.is_none() {
            continue;
        }
        let label = own_label(prints[i]) || (i > 0 && is_label(blocks[i - 1].chars, prints[i - 1]));
        let small = small_print(page, analysis, block.node);
        let strong = phrases[i].len() >= MIN_DISCLAIMER_PHRASES;
        let dense = phrases[i].len() >= DENSE_DISCLAIMER_PHRASES;
        let own_box = page.parent(block.node).is_some_and(|p| !story_parents.contains(&p));
        let evidence = [strong, dense, label, small.is_some(), own_box].iter().filter(|&&e| e).count();
        if evidence < MIN_DISCLAIMER_EVIDENCE || !(strong || label || small.is_some()) {
            continue;
        }
        let node = analysis.expand(page, block.node, DISCLAIMER_BOX_EXTRA_CHARS);
        if analysis.covers_main_paragraph(page, node, block.node) {
            continue;
        }
        let mut reason = format!("legal disclaimer phrases: {}", lexicon::quote(&phrases[i], 3));
        reason.push_str(if plain_after[i + 1] == 0 { "; after the article" } else { "; before the article" });
        if label {
            reason.push_str("; under a disclaimer heading");
        }
        if let Some(s) = small {
            reason.push_str("; ");
            reason.push_str(s);
        }
        if own_box {
            reason.push_str("; in a box apart from the story");
        }
        findings.push(Finding { node, kind: Kind::Disclaimer, reason, confidence: (0.7 + 0.06 * evidence as f32).min(0.99) });
        // A heading standing apart from the box goes with it.
        if i > 0 && is_label(blocks[i - 1].chars, prints[i - 1]) && !page.contains(node, blocks[i - 1].node) {
            let heading = analysis.expand(page, blocks[i - 1].node, 0);
            if !analysis.covers_main_paragraph(page, heading, blocks[i - 1].node) && !page.contains(heading, node) {
                findings.push(Finding {
                    node: heading,
                    kind: Kind::Disclaimer,
                    reason: "heading of the legal disclaimer below it".to_string(),
                    confidence: 0.8,
                });
            }
        }
    }
    findings
}

/// True when a short block is a disclaimer heading ("Disclaimer:", "Haftungsausschluss").
fn is_label(chars: usize, print: &str) -> bool {
    if chars > MAX_LABEL_CHARS {
        return false;
    }
    let hits = lexicon::find(Category::DisclaimerLabel, print);
    lexicon::coverage(&hits, print) >= 0.5
}

/// True when a block opens with a disclaimer heading ("Disclaimer: …").
fn own_label(print: &str) -> bool {
    lexicon::find(Category::DisclaimerLabel, print).iter().any(|h| h.start == 0)
}

/// The form evidence that a block is small print, if any.
fn small_print(page: &Page, analysis: &Analysis, node: NodeId) -> Option<&'static str> {
    if named_by(page, node, LEGAL_CLASS_CUES) {
        return Some("legal box in the markup");
    }
    let total = analysis.chars[node.index()];
    let in_small: usize = page
        .subtree(node)
        .filter(|&n| page.tag(n).is_some_and(|t| SMALL_PRINT_TAGS.contains(&t)))
        .filter(|&n| !page.ancestors(n).take_while(|&a| a != node).any(|a| page.tag(a).is_some_and(|t| SMALL_PRINT_TAGS.contains(&t))))
        .map(|n| analysis.chars[n.index()])
        .sum();
    let inside_small = page.ancestors(node).take(3).any(|a| page.tag(a).is_some_and(|t| SMALL_PRINT_TAGS.contains(&t)));
    (inside_small || (total > 0 && in_small as f32 >= SMALL_PRINT_SHARE * total as f32)).then_some("set in small print")
}
