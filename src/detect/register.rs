//! Disclaimers, promos and notices: boxes whose words, form and position
//! say they are a provider's small print, a call to action, or a stale
//! error or empty state, judged by one fitted logistic model per kind.
//!
//! Each text block outside protected chrome is grown to the box that holds
//! it (with its heading or button) and described by two kinds of evidence:
//!
//! - **register**: the words of the box, as word stems (the first
//!   [`STEM_CHARS`] characters, so that "responsabilità" and
//!   "responsibility" meet, and so do a word's inflections) and pairs of
//!   neighbouring stems, each with a weight per kind fitted on labelled
//!   text in seven languages; a new wording in a known register shares
//!   most of its stems with the wordings the model saw;
//! - **form, position and topic** ([`FEATURE_NAMES`]): where the box stands
//!   against the article's paragraphs, whether it is small print, has a
//!   label heading, a form, buttons, badges or a rule above, how much of
//!   the story's vocabulary it shares, what its class names say, and how
//!   many of the lexicons' stock phrases it holds (one piece of evidence
//!   among many, never enough alone).
//!
//! The weights are data (`register/*.weights`), written by
//! `scripts/fit/fit.py register` from features this module computes
//! (`examples/features.rs`), never summed by hand: a words model (tokens
//! alone) whose log-odds joins the form, position and topic features in a
//! second model. A box is hidden when the second model passes the
//! threshold in its file and the words model alone leans towards the kind
//! (never form alone, never a phrase alone), and never when hiding it would
//! take a main paragraph of the story with it. A paragraph among the
//! story's own (under their parent) is hidden only with a sign of form
//! besides: small print, a rule above, a form, bold, a legal or promo name
//! in the markup, a disclaimer label. A box that shares much of the story's
//! vocabulary is the story's.

use super::{Finding, Kind};
use crate::model::{NodeId, Page};
use crate::page::lexicon::{self, Category};
use crate::page::{class_says_boilerplate, content_words, named_by, Analysis, Topic};
use crate::text;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// Characters of a word kept as its stem: long enough to tell words
/// apart, short enough that inflections and cognates across the Romance
/// and Germanic languages share one ("garant", "respon", "abonni").
pub const STEM_CHARS: usize = 6;
/// Longest box (characters) judged: small print runs to a long paragraph,
/// calls to action and notices are shorter; anything longer is a section.
pub const MAX_CANDIDATE_CHARS: usize = 1500;
/// Characters of headings, buttons and labels a box may add to its block
/// and still be judged (and hidden) whole.
pub const BOX_EXTRA_CHARS: usize = 60;
/// Longest block (characters) read as a label heading ("Disclaimer",
/// "Newsletter", "Comments").
pub const MAX_LABEL_CHARS: usize = 40;
/// Least log-odds of the words model for a box to be hidden: the words
/// alone must not argue against the kind, whatever form and position add
/// (an award list after a short article is off topic and at the edge, but
/// worded like content; an author's bio in italics after the story). 0 is
/// an even chance by the words alone; chosen among 0, -0.5, -1 and -2 on
/// the tuning banks, the seeds, the fixtures and the real-page loss.
pub const MIN_WORD_EVIDENCE: f32 = 0.0;
/// Rarity-weighted share of a box's content words that the story uses
/// (see [`Topic::share`]) from which the box is the story's own, whatever
/// its words' register: clutter is written for any story. Bank clutter
/// stays far below; a story's closing line about a party's comment, a
/// correction that names the story's people, reach it.
pub const MAX_TOPIC_SHARE: f32 = 0.5;
/// Tags that set small print.
const SMALL_PRINT_TAGS: &[&str] = &["small", "em", "i", "sub", "sup", "figcaption"];
/// Share of a box in small print tags from which it is small print.
pub const SMALL_PRINT_SHARE: f32 = 0.8;
/// Class or id fragments that name a box of legal text.
const LEGAL_CLASS_CUES: &[&str] = &["disclaim", "disclosure", "legal", "fine-print", "fineprint", "small-print", "copyright", "notice"];
/// Class or id fragments that name a promo box.
const PROMO_CLASS_CUES: &[&str] =
    &["newsletter", "subscribe", "signup", "sign-up", "promo", "cta", "donate", "follow", "app-banner", "download"];
/// Class or id fragments that name an error or empty state.
const NOTICE_CLASS_CUES: &[&str] = &["error", "empty", "notfound", "not-found", "404", "alert", "warning", "unavailable", "no-comments"];

/// The form, position and topic features, in the order of
/// [`Candidate::values`] and of the weights files (`f:` lines).
pub const FEATURE_NAMES: &[&str] = &[
    "ln_chars",
    "ln_words",
    "link_density",
    "main",
    "before",
    "after",
    "between",
    "outside_article",
    "apart",
    "sidebar",
    "small_print",
    "label",
    "form",
    "buttons",
    "badges",
    "images",
    "rule_above",
    "topic",
    "no_content_words",
    "named_legal",
    "named_promo",
    "named_notice",
    "named_boilerplate",
    "exclaim",
    "copyright",
    "list_item",
    "heading",
    "lex_disclaimer",
    "lex_label",
    "lex_promo",
    "lex_notice",
    "page_position",
];

/// A box judged by the models.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The box.
    pub node: NodeId,
    /// Its visible text, whitespace collapsed.
    pub text: String,
    /// Form, position and topic features ([`FEATURE_NAMES`]).
    pub values: Vec<f32>,
    /// Its register tokens ([`tokens`]), hashed ([`token_hashes`]).
    pub hashes: Vec<u64>,
    /// True when the box is a bare paragraph among the story's own (a `<p>`
    /// under the parent of the story's main paragraphs).
    pub story_paragraph: bool,
    /// True when the box is set in bold or is one link from end to end
    /// (a call to action set apart from prose by its form).
    pub emphatic: bool,
}

/// The register tokens of a fingerprinted text: distinct word stems
/// ([`STEM_CHARS`]) and pairs of neighbouring stems ("a_b"); numbers
/// stand as `#`. Function words are left out: they say which language a
/// text is in, not what register, and a model that learned them would
/// judge a page by its language. (As text, for the fitting script; the
/// core reads them hashed, [`token_hashes`].)
pub fn tokens(print: &str) -> Vec<String> {
    let stems: Vec<&str> = stems(print).collect();
    let mut out: Vec<String> = Vec::with_capacity(stems.len() * 2);
    for (i, s) in stems.iter().enumerate() {
        out.push((*s).to_string());
        if let Some(next) = stems.get(i + 1) {
            out.push(format!("{s}_{next}"));
        }
    }
    let mut seen = FxHashSet::default();
    out.retain(|t| seen.insert(t.clone()));
    out
}

/// The stems of a fingerprinted text's words, function words left out.
fn stems(print: &str) -> impl Iterator<Item = &str> {
    print.split(' ').filter(|w| !w.is_empty() && !lexicon::is_stopword(w)).map(|w| {
        if w.bytes().all(|b| b.is_ascii_digit()) {
            "#"
        } else {
            w.char_indices().nth(STEM_CHARS).map_or(w, |(i, _)| &w[..i])
        }
    })
}

/// FNV-1a offset basis and prime, for stem hashes that are the same in
/// every build.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn stem_hash(stem: &str) -> u64 {
    stem.bytes().fold(FNV_OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

fn pair_hash(a: u64, b: u64) -> u64 {
    (a.rotate_left(29) ^ b).wrapping_mul(FNV_PRIME) ^ 0x9E37_79B9_7F4A_7C15
}

/// The hash of a token as the weights files write it ("stem" or "a_b").
fn token_hash(token: &str) -> u64 {
    match token.split_once('_') {
        Some((a, b)) => pair_hash(stem_hash(a), stem_hash(b)),
        None => stem_hash(token),
    }
}

/// [`tokens`], hashed, sorted and distinct, without building a string.
pub fn token_hashes(print: &str) -> Vec<u64> {
    let stems: Vec<u64> = stems(print).map(stem_hash).collect();
    let mut out = Vec::with_capacity(stems.len() * 2);
    for (i, &s) in stems.iter().enumerate() {
        out.push(s);
        if let Some(&next) = stems.get(i + 1) {
            out.push(pair_hash(s, next));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The boxes of a page worth judging, outermost first where boxes nest,
/// with their features.
pub fn candidates(page: &Page, analysis: &Analysis, topic: &Topic) -> Vec<Candidate> {
    let total_mains = analysis.blocks.iter().filter(|b| b.main).count();
    let story_parents: FxHashSet<NodeId> =
        analysis.blocks.iter().filter(|b| b.main).filter_map(|b| page.parent(b.node)).collect();
    let mut boxes: Vec<(NodeId, usize)> = Vec::new();
    for (i, b) in analysis.blocks.iter().enumerate() {
        if b.protected || b.chars == 0 || b.chars > MAX_CANDIDATE_CHARS || !analysis.rendered[b.node.index()] {
            continue;
        }
        // A caption says what a picture shows: content, whatever its print
        // (a repeated figure is the duplicate detector's).
        if std::iter::once(b.node).chain(page.ancestors(b.node)).any(|a| matches!(page.tag(a), Some("figcaption" | "figure"))) {
            continue;
        }
        let node = analysis.expand(page, b.node, BOX_EXTRA_CHARS);
        if analysis.covers_main_paragraph(page, node, b.node) || analysis.chars[node.index()] > MAX_CANDIDATE_CHARS {
            continue;
        }
        // A paragraph of the story's own run, between its paragraphs and
        // under their parent, is the story: never judged.
        let (before, after) = analysis.mains_around(page, node);
        if b.main && before > 0 && after > 0 && page.parent(node).is_some_and(|p| story_parents.contains(&p)) {
            continue;
        }
        boxes.push((node, i));
    }
    boxes.sort_by_key(|&(n, i)| (n, i));
    boxes.dedup_by_key(|&mut (n, _)| n);
    let mut out = Vec::with_capacity(boxes.len());
    let mut open_end = NodeId(0);
    for (node, i) in boxes {
        // Sorted by node: an enclosing box comes first and covers its subtree.
        if node < open_end {
            continue;
        }
        open_end = page.subtree_end(node);
        out.push(describe(page, analysis, topic, &story_parents, total_mains, node, i));
    }
    out
}

fn describe(
    page: &Page,
    analysis: &Analysis,
    topic: &Topic,
    story_parents: &FxHashSet<NodeId>,
    total_mains: usize,
    node: NodeId,
    block: usize,
) -> Candidate {
    let b = &analysis.blocks[block];
    // The box's visible text (line breaks between its blocks and inside
    // preformatted text count as spaces), even where it is one block: the
    // block's own text runs a <pre>'s lines together.
    let text = text::visible_text(page, node);
    let print = text::fingerprint(&text);
    let chars = analysis.chars[node.index()];
    let (before, after) = analysis.mains_around(page, node);
    let has_article = total_mains > 0;
    let flag = |v: bool| f32::from(u8::from(v));
    let (mut form, mut buttons, mut badges, mut images, mut small) = (false, 0usize, 0usize, 0usize, 0usize);
    for n in page.subtree(node) {
        match page.tag(n) {
            Some("form" | "input" | "select" | "textarea") => {
                form = true;
                if page.attr(n, "type").is_some_and(|t| matches!(t.to_ascii_lowercase().as_str(), "submit" | "button")) {
                    buttons += 1;
                }
            }
            Some("button") => buttons += 1,
            Some("img" | "picture") => {
                images += 1;
                if page.ancestors(n).take_while(|&a| a != node).any(|a| page.is(a, "a")) {
                    badges += 1;
                }
            }
            Some(t) if SMALL_PRINT_TAGS.contains(&t) => {
                let outer = !page.ancestors(n).take_while(|&a| a != node).any(|a| page.tag(a).is_some_and(|t| SMALL_PRINT_TAGS.contains(&t)));
                if outer {
                    small += analysis.chars[n.index()];
                }
            }
            _ => {}
        }
    }
    let inside_small = std::iter::once(node).chain(page.ancestors(node).take(3)).any(|a| page.tag(a).is_some_and(|t| SMALL_PRINT_TAGS.contains(&t)));
    let small_print = inside_small || (chars > 0 && small as f32 >= SMALL_PRINT_SHARE * chars as f32);
    // The blocks inside the box: a run around `block` in document order.
    let blocks = &analysis.blocks;
    let mut first = block;
    while first > 0 && page.contains(node, blocks[first - 1].node) {
        first -= 1;
    }
    let mut end = block + 1;
    while end < blocks.len() && page.contains(node, blocks[end].node) {
        end += 1;
    }
    let inside = first..end;
    // A label: the box opens with a short heading, or one stands just
    // before it (not the page's headline, an <h1>).
    let first_block = Some(first);
    let is_label = |i: usize| {
        let x = &analysis.blocks[i];
        x.chars <= MAX_LABEL_CHARS
            && (matches!(page.tag(x.node), Some("h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "b" | "dt" | "legend"))
                || page.children(x.node).iter().all(|&c| page.text(c).is_some_and(|t| t.trim().is_empty()) || page.is(c, "strong") || page.is(c, "b")))
    };
    let label = first_block.is_some_and(|f| {
        (is_label(f) && analysis.blocks.get(f + 1).is_some_and(|n| page.contains(node, n.node)))
            || (f > 0 && is_label(f - 1) && !page.contains(node, analysis.blocks[f - 1].node))
    });
    let prev_element = page
        .parent(node)
        .map(|p| page.children(p))
        .and_then(|sib| {
            let at = sib.iter().position(|&c| c == node)?;
            sib[..at].iter().rev().find(|&&c| page.tag(c).is_some()).copied()
        });
    let rule_above = prev_element.is_some_and(|e| page.is(e, "hr"))
        || page.children(node).iter().find(|&&c| page.tag(c).is_some()).is_some_and(|&c| page.is(c, "hr"));
    let words = content_words(&text);
    let own = topic.own_words(&analysis.blocks[inside.clone()]);
    let lex = |c: Category| (lexicon::distinct(&lexicon::find(c, &print)).len() as f32).ln_1p();
    let values = vec![
        (chars as f32).ln_1p(),
        (text::word_count(&text) as f32).ln_1p(),
        analysis.link_density(node),
        flag(b.main),
        flag(has_article && before == 0),
        flag(has_article && after == 0),
        flag(before > 0 && after > 0),
        flag(analysis.article.is_some_and(|a| !page.contains(a, node))),
        flag(page.parent(node).is_some_and(|p| !story_parents.contains(&p))),
        flag(analysis.in_chrome[node.index()]),
        flag(small_print),
        flag(label),
        flag(form),
        (buttons as f32).ln_1p(),
        (badges as f32).ln_1p(),
        (images as f32).ln_1p(),
        flag(rule_above),
        topic.share(&words, &own),
        flag(words.is_empty()),
        flag(named_by(page, node, LEGAL_CLASS_CUES)),
        flag(named_by(page, node, PROMO_CLASS_CUES)),
        flag(named_by(page, node, NOTICE_CLASS_CUES)),
        flag(std::iter::once(node).chain(page.ancestors(node).take(2)).any(|n| class_says_boilerplate(page, n))),
        flag(text.contains('!') || text.contains('¡')),
        flag(text.contains('©')),
        flag(matches!(page.tag(node), Some("li" | "ul" | "ol")) || page.ancestors(node).any(|a| page.is(a, "li"))),
        flag(matches!(page.tag(node), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6"))),
        lex(Category::Disclaimer),
        lex(Category::DisclaimerLabel),
        lex(Category::Promo),
        lex(Category::Notice),
        node.index() as f32 / page.len().max(1) as f32,
    ];
    debug_assert_eq!(values.len(), FEATURE_NAMES.len());
    let story_paragraph = b.main || (page.is(node, "p") && page.parent(node).is_some_and(|p| story_parents.contains(&p)));
    let bold: usize = page
        .subtree(node)
        .filter(|&n| matches!(page.tag(n), Some("b" | "strong")))
        .filter(|&n| !page.ancestors(n).take_while(|&a| a != node).any(|a| matches!(page.tag(a), Some("b" | "strong"))))
        .map(|n| analysis.chars[n.index()])
        .sum();
    let emphatic = chars > 0 && (bold as f32 >= SMALL_PRINT_SHARE * chars as f32 || analysis.link_density(node) >= SMALL_PRINT_SHARE);
    Candidate { node, text, values, hashes: token_hashes(&print), story_paragraph, emphatic }
}

/// One kind's fitted model (its token weights sit in [`Models::tokens`]).
struct KindModel {
    kind: Kind,
    bias: f32,
    /// Bias of the words model.
    text_bias: f32,
    /// Weight of the words model's log-odds in the second stage.
    words_weight: f32,
    threshold: f32,
    weights: Vec<f32>,
}

/// The three fitted models, their token weights in one table (one lookup
/// per token for all three kinds).
struct Models {
    kinds: [KindModel; 3],
    tokens: FxHashMap<u64, [f32; 3]>,
}

impl Models {
    fn parse(files: [(Kind, &str); 3]) -> Self {
        let mut tokens: FxHashMap<u64, [f32; 3]> = FxHashMap::default();
        let kinds = std::array::from_fn(|k| {
            let (kind, file) = files[k];
            let mut m = KindModel { kind, bias: 0.0, text_bias: 0.0, words_weight: 0.0, threshold: 1.0, weights: vec![0.0; FEATURE_NAMES.len()] };
            for line in file.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
                let mut parts = line.split_whitespace();
                let (Some(name), Some(Ok(w))) = (parts.next(), parts.next().map(str::parse::<f32>)) else { continue };
                match name {
                    "bias" => m.bias = w,
                    "threshold" => m.threshold = w,
                    "text_bias" => m.text_bias = w,
                    "f:words" => m.words_weight = w,
                    _ => {
                        if let Some(f) = name.strip_prefix("f:") {
                            if let Some(i) = FEATURE_NAMES.iter().position(|n| *n == f) {
                                m.weights[i] = w;
                            }
                        } else if let Some(t) = name.strip_prefix("t:") {
                            tokens.entry(token_hash(t)).or_default()[k] = w;
                        }
                    }
                }
            }
            m
        });
        Models { kinds, tokens }
    }

    /// Each kind's probability and words-model log-odds for a candidate.
    fn score(&self, c: &Candidate) -> [(f32, f32); 3] {
        let mut words = [0f32; 3];
        for h in &c.hashes {
            if let Some(w) = self.tokens.get(h) {
                for k in 0..3 {
                    words[k] += w[k];
                }
            }
        }
        std::array::from_fn(|k| {
            let m = &self.kinds[k];
            let words = m.text_bias + words[k];
            let structure: f32 = m.weights.iter().zip(&c.values).map(|(w, v)| w * v).sum();
            (1.0 / (1.0 + (-(m.bias + structure + m.words_weight * words)).exp()), words)
        })
    }

    /// The words of the text whose stems weigh most towards kind `k`.
    fn telling_words(&self, k: usize, text: &str) -> Vec<String> {
        let mut scored: Vec<(f32, String)> = Vec::new();
        for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() > 2) {
            let lower = w.to_lowercase();
            let stem = lower.char_indices().nth(STEM_CHARS).map_or(lower.as_str(), |(i, _)| &lower[..i]);
            if let Some(weights) = self.tokens.get(&stem_hash(stem)) {
                if weights[k] > 0.0 && !scored.iter().any(|(_, s)| s.eq_ignore_ascii_case(w)) {
                    scored.push((weights[k], w.to_string()));
                }
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(3).map(|(_, w)| w).collect()
    }
}

/// The three fitted models.
fn models() -> &'static Models {
    static MODELS: OnceLock<Models> = OnceLock::new();
    MODELS.get_or_init(|| {
        Models::parse([
            (Kind::Disclaimer, include_str!("register/disclaimer.weights")),
            (Kind::Promo, include_str!("register/promo.weights")),
            (Kind::Notice, include_str!("register/notice.weights")),
        ])
    })
}

/// One kind's verdict on a candidate: (kind, probability, words-model
/// log-odds, threshold).
pub type KindScore = (Kind, f32, f32, f32);

/// Every candidate of a page with each kind's probability, words-model
/// log-odds and threshold, for looking into a decision
/// (`examples/features.rs explain`).
pub fn explain(page: &Page, analysis: &Analysis) -> Vec<(Candidate, Vec<KindScore>)> {
    let models = models();
    candidates(page, analysis, &Topic::new(page, analysis))
        .into_iter()
        .map(|c| {
            let scores = models.score(&c);
            let out = (0..3).map(|k| (models.kinds[k].kind, scores[k].0, scores[k].1, models.kinds[k].threshold)).collect();
            (c, out)
        })
        .collect()
}

/// Finds small print, calls to action and stale notices.
pub fn detect(page: &Page, analysis: &Analysis, topic: &Topic) -> Vec<Finding> {
    let models = models();
    let mut findings = Vec::new();
    for c in candidates(page, analysis, topic) {
        let scores = models.score(&c);
        // Form and position alone never hide a box: its words must speak
        // for the kind too (an award list after a short article is off
        // topic and at the edge, but worded like nothing of the kind).
        let best = (0..3)
            .filter(|&k| scores[k].0 >= models.kinds[k].threshold && scores[k].1 >= MIN_WORD_EVIDENCE)
            .max_by(|&a, &b| (scores[a].0 - models.kinds[a].threshold).total_cmp(&(scores[b].0 - models.kinds[b].threshold)));
        let Some(k) = best else { continue };
        if is_story_paragraph(&c) && !has_form_sign(&c) {
            continue;
        }
        // A box that says much of what the story says is the story's
        // ("X's office has not commented on the allegations"): clutter is
        // written for any story and shares little of this one.
        if value(&c, "topic") >= MAX_TOPIC_SHARE {
            continue;
        }
        findings.push(Finding { node: c.node, kind: models.kinds[k].kind, reason: reason(models, k, &c), confidence: scores[k].0 });
    }
    findings
}

/// A feature's value by name.
fn value(c: &Candidate, name: &str) -> f32 {
    FEATURE_NAMES.iter().position(|n| *n == name).map_or(0.0, |i| c.values[i])
}

/// True when the box is a paragraph standing among the story's own (a
/// main paragraph, or a bare `<p>` under their parent): the first or last
/// paragraph of a story reads like anything at times ("The app takes
/// less space on your phone").
fn is_story_paragraph(c: &Candidate) -> bool {
    c.story_paragraph && value(c, "apart") == 0.0
}

/// True when the box's form sets it apart from the prose around it: small
/// print, a rule above, a form, bold or one link from end to end, a name in
/// the markup, a disclaimer label in its words ("Disclaimer:"). A heading
/// above is no such sign: the story's own sections have headings too.
fn has_form_sign(c: &Candidate) -> bool {
    c.emphatic
        || ["small_print", "rule_above", "form", "named_legal", "named_promo", "named_notice", "lex_label"]
            .iter()
            .any(|n| value(c, n) > 0.0)
}

/// Why a box was hidden, naming its evidence.
fn reason(models: &Models, k: usize, c: &Candidate) -> String {
    let what = match models.kinds[k].kind {
        Kind::Disclaimer => "legal or editorial small print",
        Kind::Promo => "a call to action",
        _ => "an error or empty-state notice",
    };
    let mut parts = vec![what.to_string()];
    let words = models.telling_words(k, &c.text);
    if !words.is_empty() {
        parts.push(format!("worded like one ({})", words.iter().map(|w| format!("\u{201c}{w}\u{201d}")).collect::<Vec<_>>().join(", ")));
    }
    let v = |name: &str| value(c, name);
    if v("after") > 0.0 {
        parts.push("after the article".into());
    } else if v("before") > 0.0 {
        parts.push("before the article".into());
    }
    if v("sidebar") > 0.0 {
        parts.push("in a sidebar".into());
    }
    if v("small_print") > 0.0 {
        parts.push("in small print".into());
    }
    if v("form") > 0.0 {
        parts.push("with a form".into());
    }
    if v("topic") < 0.2 {
        parts.push("off the story's topic".into());
    }
    parts.join("; ")
}
