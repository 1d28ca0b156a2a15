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

/// Shortest block whose repetition counts on its own, far from its
/// original and alone: a sentence or two. Shorter repeats (section titles,
/// one-line captions, food and portion lines, specification lines) count
/// only in a run of copied blocks or right after their original: pages
/// repeat such lines legitimately, a pasted-twice body repeats everything.
pub const MIN_STANDALONE_DUPLICATE_CHARS: usize = 100;
/// Longest block (characters) that may stand between a copy and its
/// original for the copy to "follow it directly": an ad label, a share
/// button, an empty caption.
pub const MAX_BETWEEN_CHARS: usize = 24;
/// Most blocks (each a short label) that may stand between a copy and its
/// original for the copy to "follow it directly".
pub const MAX_BETWEEN_BLOCKS: usize = 3;
/// Characters of a run of copies from which it is a body (or a passage)
/// printed twice, hidden whatever headings stand around it: two or three
/// paragraphs. A meal plan's repeated food lines run shorter.
pub const MIN_RUN_CHARS: usize = 250;
/// Times a paragraph is printed, under different headings, from which it
/// is a template of the page (the question of an interview series), not a copy.
pub const MIN_TEMPLATE_REPEATS: usize = 3;
/// Longest block (characters) read as a section heading when it is all
/// bold (an interview's "Name, role" line): longer bold blocks are prose.
pub const MAX_BOLD_HEADING_CHARS: usize = 80;

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
    let structure = Structure::new(page, analysis, &pairs);
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
        .filter(|&(hide, keep)| structure.is_copy(page, analysis, hide, keep))
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

/// What the page's structure says about repeated blocks: which section each
/// block stands in (under which heading), and whether that section has
/// anything of its own besides copies.
struct Structure {
    /// For each block, the index of the heading block of its section, if any.
    section: Vec<Option<usize>>,
    /// For each heading block, whether its section holds a block that is
    /// not a copy.
    own: FxHashMap<usize, bool>,
    /// Hidden copy → its original, by block index.
    original: FxHashMap<usize, usize>,
    /// Hidden copy → characters of the run of copies it belongs to (copies
    /// of consecutive originals, in order).
    run_chars: FxHashMap<usize, usize>,
    /// Original → how many copies of it the page prints.
    copies: FxHashMap<usize, usize>,
    /// List element → whether it holds a block that is not a copy.
    list_differs: std::cell::RefCell<FxHashMap<crate::model::NodeId, bool>>,
}

impl Structure {
    fn new(page: &Page, analysis: &Analysis, pairs: &[(usize, usize)]) -> Self {
        let original: FxHashMap<usize, usize> = pairs.iter().copied().collect();
        let mut section = Vec::with_capacity(analysis.blocks.len());
        let mut own: FxHashMap<usize, bool> = FxHashMap::default();
        let mut current: Option<usize> = None;
        for (i, b) in analysis.blocks.iter().enumerate() {
            if is_heading(page, b) {
                current = Some(i);
                own.insert(i, false);
            } else if let Some(h) = current {
                if !original.contains_key(&i) && b.chars >= MAX_BETWEEN_CHARS {
                    own.insert(h, true);
                }
            }
            section.push(current);
        }
        let mut hides: Vec<usize> = original.keys().copied().collect();
        hides.sort_unstable();
        let mut run_chars: FxHashMap<usize, usize> = FxHashMap::default();
        let mut run: Vec<usize> = Vec::new();
        let flush = |run: &mut Vec<usize>, run_chars: &mut FxHashMap<usize, usize>| {
            let chars: usize = run.iter().map(|&h| analysis.blocks[h].chars).sum();
            for h in run.drain(..) {
                run_chars.insert(h, chars);
            }
        };
        for h in hides {
            let continues = run.last().is_some_and(|&prev| prev + 1 == h && original.get(&prev).map(|k| k + 1) == original.get(&h).copied());
            if !continues {
                flush(&mut run, &mut run_chars);
            }
            run.push(h);
        }
        flush(&mut run, &mut run_chars);
        let mut copies: FxHashMap<usize, usize> = FxHashMap::default();
        for &k in original.values() {
            *copies.entry(k).or_default() += 1;
        }
        Structure { section, own, original, run_chars, copies, list_differs: Default::default() }
    }

    /// True when the copy at `hide` of the block at `keep` is a duplicate
    /// to hide, not a repetition the page's structure explains.
    fn is_copy(&self, page: &Page, analysis: &Analysis, hide: usize, keep: usize) -> bool {
        let (first, later) = (hide.min(keep), hide.max(keep));
        let blocks = &analysis.blocks;
        // Follows its original directly (only short labels between).
        let adjacent = later - first <= MAX_BETWEEN_BLOCKS + 1 && blocks[first + 1..later].iter().all(|b| b.chars <= MAX_BETWEEN_CHARS);
        // One of a run of copies of consecutive originals, in order.
        let in_run = (hide > 0 && keep > 0 && self.original.get(&(hide - 1)) == Some(&(keep - 1)))
            || self.original.get(&(hide + 1)) == Some(&(keep + 1));
        // A long run is a body printed twice, whatever headings stand around it.
        let long_run = in_run && self.run_chars.get(&hide).copied().unwrap_or(0) >= MIN_RUN_CHARS;
        if adjacent || long_run {
            return true;
        }
        if self.explained(page, analysis, hide, keep) {
            return false;
        }
        in_run || blocks[hide].chars >= MIN_STANDALONE_DUPLICATE_CHARS
    }

    /// True when the page's structure explains the repetition: table rows
    /// and cells, items of a list whose other items differ, or the same
    /// line under different headings in sections that have content of
    /// their own (a meal plan's days, an interview series' people).
    fn explained(&self, page: &Page, analysis: &Analysis, hide: usize, keep: usize) -> bool {
        let node = analysis.blocks[hide].node;
        if std::iter::once(node).chain(page.ancestors(node)).any(|a| matches!(page.tag(a), Some("td" | "th" | "tr" | "table"))) {
            return true;
        }
        let list = std::iter::once(node).chain(page.ancestors(node)).find(|&a| page.is(a, "li")).and_then(|li| page.parent(li));
        if let Some(list) = list {
            // Asked once per list (a page of 50,000 copies in one list must
            // not scan the list 50,000 times).
            let differs = *self.list_differs.borrow_mut().entry(list).or_insert_with(|| {
                let end = page.subtree_end(list);
                let from = analysis.blocks.partition_point(|b| b.node < list);
                analysis.blocks[from..]
                    .iter()
                    .enumerate()
                    .take_while(|(_, b)| b.node < end)
                    .any(|(i, b)| !self.original.contains_key(&(from + i)) && b.chars > 0)
            });
            if differs {
                return true;
            }
        }
        // Under another heading, in a section with content of its own: a
        // line (a food and its portion), or a paragraph the page prints in
        // several sections (an interview series' question). A paragraph
        // printed once more far from its original is still a copy.
        let line = analysis.blocks[hide].chars < MIN_STANDALONE_DUPLICATE_CHARS;
        let template = self.copies.get(&keep).copied().unwrap_or(0) + 1 >= MIN_TEMPLATE_REPEATS;
        match (self.section[hide], self.section[keep]) {
            (Some(a), Some(b)) if a != b && (line || template) => {
                let differ = analysis.blocks[a].print != analysis.blocks[b].print;
                differ && self.own.get(&a).copied().unwrap_or(false)
            }
            _ => false,
        }
    }
}

/// True when a block is a section heading: an `<h1>`–`<h6>` (or inside
/// one), or a short line all in bold.
fn is_heading(page: &Page, b: &super::Block) -> bool {
    let node = b.node;
    if std::iter::once(node).chain(page.ancestors(node).take(2)).any(|a| matches!(page.tag(a), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6"))) {
        return true;
    }
    b.chars <= MAX_BOLD_HEADING_CHARS
        && b.chars > 0
        && page.children(node).iter().all(|&c| page.text(c).is_some_and(|t| t.trim().is_empty()) || matches!(page.tag(c), Some("strong" | "b")))
        && page.children(node).iter().any(|&c| matches!(page.tag(c), Some("strong" | "b")))
}
