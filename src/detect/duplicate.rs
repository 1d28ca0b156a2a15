//! Duplicates: a block printed again further down the page (syndicated
//! bodies pasted twice, a teaser repeated in a list). The first copy stays;
//! when the first copy sits outside the article and a later one inside, the
//! one inside stays instead. A copy that is a link (a table of contents
//! entry, a teaser) and a copy that is text are not duplicates of each
//! other: one points at the other.
//!
//! Exact copies share a fingerprint. Near copies (a word changed, a
//! sentence added by the syndicator) are found by MinHash over word
//! shingles with banding, which compares only blocks that share a band
//! bucket: linear in the page's size, not quadratic. Figures that show the
//! same image twice are duplicates too.

use super::{Analysis, Finding, Kind};
use crate::model::Page;
use rustc_hash::{FxHashMap, FxHashSet};

/// Shortest block (fingerprint characters) whose repetition counts as a
/// duplicate. Shorter repeats are labels and buttons ("Share", "Read more",
/// a dateline) that pages legitimately print several times.
pub const MIN_DUPLICATE_CHARS: usize = 40;

/// Shortest block whose repetition counts on its own: a full sentence or
/// two. Shorter repeats (40 to 79 characters: section titles, one-line
/// captions) count only as part of a run of repeated blocks: documentation
/// and reference pages repeat section titles legitimately (the Readability
/// corpus's mercurial page has 41 to 59 character ones), a pasted-twice body
/// repeats everything.
pub const MIN_STANDALONE_DUPLICATE_CHARS: usize = 80;

/// Confidence of an exact (fingerprint-equal) duplicate.
const EXACT_CONFIDENCE: f32 = 0.99;
/// Confidence of a near duplicate.
const NEAR_CONFIDENCE: f32 = 0.9;
/// Words per shingle for near-duplicate search (characters in unspaced
/// scripts count one each): long enough that two unrelated paragraphs
/// share none by chance, short enough that one changed word spoils few.
pub const SHINGLE_WORDS: usize = 4;
/// MinHash bands and rows per band: 16 bands of 2 rows (32 hashes) bring
/// pairs of 70% or more alike together with near certainty (1 - (1 - 0.7²)¹⁶
/// > 0.9999) while unrelated pairs (under 10%) almost never meet.
const BANDS: usize = 16;
const ROWS: usize = 2;
/// Share of shingles (Jaccard) two blocks must have in common to be near
/// copies: a word or two changed, not a paragraph on the same topic.
/// Candidates come from MinHash banding; the share is then computed exactly.
pub const NEAR_DUPLICATE_MIN_SIMILARITY: f32 = 0.7;
/// Share of the later block's shingles that the earlier one must hold for
/// the later one to be hidden: a copy with a word or two changed keeps
/// 85% or more of them, while a later version that adds a sentence of its
/// own (an update) falls below, and hiding it would take that sentence out
/// of view.
pub const NEAR_COPY_MIN_CONTAINED: f32 = 0.85;
/// Shortest block (characters) considered for near copies. Short
/// paragraphs built from a template ("X is currently streaming on Netflix
/// and available to rent", Readability's videos-1 page) are 75% alike yet
/// different content; full syndicated paragraphs are longer than this.
pub const MIN_NEAR_DUPLICATE_CHARS: usize = 200;
/// Largest band bucket examined: a bucket this full holds boilerplate
/// repeated all over a pathological page, and comparing all of it would be
/// quadratic.
const MAX_BUCKET: usize = 64;

/// Finds repeated blocks.
pub fn detect(page: &Page, analysis: &Analysis) -> Vec<Finding> {
    let mut first: FxHashMap<&str, usize> = FxHashMap::with_capacity_and_hasher(analysis.blocks.len(), Default::default());
    // (hidden copy, kept copy) by block index.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, block) in analysis.blocks.iter().enumerate() {
        if block.protected {
            continue;
        }
        let print = block.print.as_str();
        if print.len() < MIN_DUPLICATE_CHARS || !hideable(page, analysis, i) {
            continue;
        }
        match first.get(print) {
            None => {
                first.insert(print, i);
            }
            Some(&k) => {
                let earlier = &analysis.blocks[k];
                if is_link(earlier) != is_link(block) {
                    continue;
                }
                let inside = |b: &super::Block| analysis.article.is_some_and(|a| page.contains(a, b.node));
                let (keep, hide) = if !inside(earlier) && inside(block) { (i, k) } else { (k, i) };
                if keep == i {
                    first.insert(print, i);
                }
                pairs.push((hide, keep));
            }
        }
    }
    let mut similarity: FxHashMap<usize, f32> = FxHashMap::default();
    let originals: FxHashSet<usize> = pairs.iter().map(|&(_, k)| k).collect();
    for (hide, keep, sim) in near_pairs(page, analysis, &first, &originals) {
        similarity.insert(hide, sim);
        pairs.push((hide, keep));
    }
    let repeated: FxHashSet<usize> = pairs.iter().map(|&(h, _)| h).collect();
    let in_run = |i: usize| {
        let neighbour = |j: Option<usize>| j.is_some_and(|j| repeated.contains(&j));
        neighbour(i.checked_sub(1)) || neighbour(Some(i + 1))
    };
    // Main paragraphs up to and including each block, counted once for
    // all the reasons (counting per finding grew with findings × blocks).
    let main_through: Vec<usize> = analysis
        .blocks
        .iter()
        .scan(0, |n, b| {
            *n += usize::from(b.main);
            Some(*n)
        })
        .collect();
    pairs
        .into_iter()
        .filter(|&(hide, _)| analysis.blocks[hide].chars >= MIN_STANDALONE_DUPLICATE_CHARS || in_run(hide))
        .map(|(hide, keep)| {
            let (what, confidence) = match similarity.get(&hide) {
                Some(&sim) => (format!("near copy ({}% alike) of", percent(sim)), NEAR_CONFIDENCE),
                None => ("second copy of".to_string(), EXACT_CONFIDENCE),
            };
            Finding {
                node: analysis.blocks[hide].node,
                kind: Kind::Duplicate,
                reason: format!("{what} {} (\"{}\")", describe(analysis, &main_through, keep), preview(&analysis.blocks[keep].text)),
                confidence,
            }
        })
        .chain(repeated_figures(page, analysis))
        .collect()
}

/// A similarity in [0, 1] as a whole percentage, rounded half to even as
/// `format!("{:.0}", sim * 100.0)` rounds it (the same for every f32 in
/// range). Formatting an integer instead keeps float formatting (core's
/// Grisu and Dragon, 9 KB of the gzipped wasm module) out of the wasm build.
fn percent(sim: f32) -> u32 {
    (sim * 100.0).round_ties_even() as u32
}

/// splitmix64: a fast, well-mixed 64-bit hash step.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// FNV-1a offset basis and prime: a token's hash, stable across runs and
/// platforms (native and wasm).
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// The hash of a run of token hashes, in order (a rotation keeps the
/// order in it: "a b" and "b a" differ).
fn hash_run(tokens: &[u64]) -> u64 {
    mix(tokens.iter().fold(FNV_OFFSET, |h, &t| (h.rotate_left(23) ^ t).wrapping_mul(FNV_PRIME)))
}

/// A block's shingle hashes (sorted, distinct) and their MinHash signature.
struct Shingled {
    shingles: Vec<u64>,
    signature: [u64; BANDS * ROWS],
}

/// Shingles two sorted shingle sets have in common.
fn common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both
}

/// Exact Jaccard similarity of two sorted shingle sets, and the share of
/// `later`'s shingles that `earlier` holds.
fn jaccard_and_containment(earlier: &[u64], later: &[u64]) -> (f32, f32) {
    let both = common(earlier, later);
    let union = earlier.len() + later.len() - both;
    let share = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f32 / d as f32 };
    (share(both, union), share(both, later.len()))
}

/// The shingle hashes of a fingerprinted text, sorted and distinct: each
/// run of [`SHINGLE_WORDS`] tokens (words, or characters of a text all in
/// an unspaced script), hashed from the tokens' own hashes, each token
/// hashed once.
fn shingles(print: &str) -> Option<Vec<u64>> {
    let mut tokens: Vec<u64> = Vec::with_capacity(print.len() / 4 + 1);
    if print.contains(' ') || print.chars().any(|c| !crate::text::is_unspaced_script(c)) {
        let mut h = FNV_OFFSET;
        for &b in print.as_bytes() {
            if b == b' ' {
                tokens.push(h);
                h = FNV_OFFSET;
            } else {
                h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
            }
        }
        tokens.push(h);
    } else {
        tokens.extend(print.chars().map(|c| mix(u64::from(c))));
    }
    if tokens.len() < SHINGLE_WORDS {
        return None;
    }
    let mut shingles: Vec<u64> = tokens.windows(SHINGLE_WORDS).map(hash_run).collect();
    shingles.sort_unstable();
    shingles.dedup();
    Some(shingles)
}

/// The MinHash signature of a set of shingles, with the shingles.
fn signed(shingles: Vec<u64>) -> Shingled {
    let mut signature = [u64::MAX; BANDS * ROWS];
    for &base in &shingles {
        for (k, slot) in signature.iter_mut().enumerate() {
            let h = mix(base ^ (k as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
            if h < *slot {
                *slot = h;
            }
        }
    }
    Shingled { shingles, signature }
}

/// Near copies among blocks that are not exact copies: (hidden, kept,
/// similarity). A block alike to several others belongs to a family of
/// templated paragraphs ("X is streaming on …", "Regarding item N, …"),
/// which are different content in the same words, so only pairs alike to
/// nothing else count: a syndicated copy has exactly one original.
fn near_pairs(page: &Page, analysis: &Analysis, first: &FxHashMap<&str, usize>, originals: &FxHashSet<usize>) -> Vec<(usize, usize, f32)> {
    let mut shingled: Vec<(usize, Vec<u64>)> = analysis
        .blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| {
            !b.protected
                && !b.repeat
                && b.chars >= MIN_NEAR_DUPLICATE_CHARS
                && first.get(b.print.as_str()) == Some(i)
                && !originals.contains(i)
                && hideable(page, analysis, *i)
        })
        .filter_map(|(i, b)| shingles(&b.print).map(|s| (i, s)))
        .collect();
    // A block can be alike to another only if most of its shingles occur
    // in another block too (a similarity of 0.7 needs 70% of them), so the
    // others need no signature. Dropping them changes no bucket that
    // counts: with no more candidates than MAX_BUCKET no bucket is skipped
    // for its size (on bigger pages every candidate is kept).
    if shingled.len() <= MAX_BUCKET {
        let total: usize = shingled.iter().map(|(_, set)| set.len()).sum();
        let mut seen: FxHashMap<u64, u32> = FxHashMap::with_capacity_and_hasher(total, Default::default());
        for (_, set) in &shingled {
            for &h in set {
                *seen.entry(h).or_default() += 1;
            }
        }
        shingled.retain(|(_, set)| 2 * set.iter().filter(|h| seen[*h] > 1).count() >= set.len());
    }
    let candidates: Vec<(usize, Shingled)> = shingled.into_iter().map(|(i, set)| (i, signed(set))).collect();
    let mut buckets: FxHashMap<(usize, u64), Vec<usize>> = FxHashMap::default();
    for (slot, (_, shingled)) in candidates.iter().enumerate() {
        let sig = &shingled.signature;
        for band in 0..BANDS {
            let key = sig[band * ROWS..(band + 1) * ROWS].iter().fold(band as u64, |h, v| mix(h ^ v));
            buckets.entry((band, key)).or_default().push(slot);
        }
    }
    let mut alike: std::collections::BTreeMap<(usize, usize), (f32, f32)> = std::collections::BTreeMap::new();
    for members in buckets.values().filter(|m| m.len() > 1 && m.len() <= MAX_BUCKET) {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let (earlier, later) = (a.min(b), a.max(b));
                if alike.contains_key(&(earlier, later)) {
                    continue;
                }
                let (sim, contained) = jaccard_and_containment(&candidates[earlier].1.shingles, &candidates[later].1.shingles);
                if sim >= NEAR_DUPLICATE_MIN_SIMILARITY {
                    alike.insert((earlier, later), (sim, contained));
                }
            }
        }
    }
    let mut partners: FxHashMap<usize, usize> = FxHashMap::default();
    for &(a, b) in alike.keys() {
        *partners.entry(a).or_default() += 1;
        *partners.entry(b).or_default() += 1;
    }
    alike
        .into_iter()
        .filter(|((a, b), (_, contained))| partners[a] == 1 && partners[b] == 1 && *contained >= NEAR_COPY_MIN_CONTAINED)
        .map(|((a, b), (sim, _))| (candidates[b].0, candidates[a].0, sim))
        .filter(|&(later, earlier, _)| is_link(&analysis.blocks[earlier]) == is_link(&analysis.blocks[later]))
        .collect()
}

/// Attributes naming an image's real address, most specific first: lazy
/// loaders keep it in a data attribute and put one placeholder in `src`
/// for every image of the page.
const IMAGE_ADDRESS_ATTRIBUTES: &[&str] = &["data-src", "data-lazy-src", "data-original", "data-srcset", "srcset", "src"];

/// Figures showing the same image, with the same caption, as an earlier figure.
fn repeated_figures(page: &Page, analysis: &Analysis) -> Vec<Finding> {
    let mut seen: FxHashMap<(&str, String), crate::model::NodeId> = FxHashMap::default();
    let mut out = Vec::new();
    for id in page.ids() {
        if !page.is(id, "figure") || analysis.protected[id.index()] || !analysis.rendered[id.index()] {
            continue;
        }
        let Some(src) = page.subtree(id).filter(|&n| page.is(n, "img")).find_map(|n| {
            IMAGE_ADDRESS_ATTRIBUTES
                .iter()
                .filter_map(|a| page.attr(n, a))
                .find(|s| !s.trim().is_empty() && !s.trim_start().starts_with("data:"))
        }) else {
            continue;
        };
        // The figure's whole text, not only its caption: a figure that
        // shows the same head shot beside a different quote is new content.
        let caption = crate::text::fingerprint(&crate::text::visible_text(page, id));
        match seen.get(&(src, caption.clone())) {
            None => {
                seen.insert((src, caption), id);
            }
            Some(&first) if !page.contains(first, id) => out.push(Finding {
                node: id,
                kind: Kind::Duplicate,
                reason: format!("the same image as an earlier figure ({})", preview(src)),
                confidence: EXACT_CONFIDENCE,
            }),
            Some(_) => {}
        }
    }
    out
}

/// Share of a block inside links above which it is a pointer to content
/// (a contents entry, a teaser) rather than content.
const LINK_BLOCK_SHARE: f32 = 0.5;

fn is_link(block: &super::Block) -> bool {
    block.link_density() > LINK_BLOCK_SHARE
}

/// True when hiding the block's element hides only that block's text: its
/// element holds no other block (a `<div>` with inline text and paragraphs
/// inside cannot be hidden for the sake of its inline text).
fn hideable(page: &Page, analysis: &Analysis, i: usize) -> bool {
    let block = &analysis.blocks[i];
    !matches!(page.tag(block.node), Some("body" | "html" | "main" | "article"))
        && analysis.chars[block.node.index()] == block.chars
        && Some(block.node) != analysis.article
}

/// "paragraph 3" for main paragraphs (counted in the article), else the
/// tag; `main_through[i]` is the number of main blocks up to block `i`.
fn describe(analysis: &Analysis, main_through: &[usize], i: usize) -> String {
    let block = &analysis.blocks[i];
    if block.main {
        format!("paragraph {}", main_through[i])
    } else {
        "an earlier block".to_string()
    }
}

/// The first words of a text, for reasons.
pub fn preview(s: &str) -> String {
    const PREVIEW_CHARS: usize = 60;
    let mut out: String = s.chars().take(PREVIEW_CHARS).collect();
    if s.chars().count() > PREVIEW_CHARS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_as_float_formatting_does() {
        // A spread of every f32 in [0, 1], and the multiples of 1/1024,
        // among which the exact ties (0.125 → 12.5 → "12").
        let spread = (0..=1f32.to_bits()).step_by(8191).map(f32::from_bits);
        let dyadic = (0..=1024).map(|k| k as f32 / 1024.0);
        for sim in spread.chain(dyadic) {
            assert_eq!(percent(sim).to_string(), format!("{:.0}", sim * 100.0), "{sim}");
        }
    }
}
