//! The article's topic: the content words of its headline and main
//! paragraphs, each weighted by how rare it is on the page, so that a box
//! can be asked how much of what it says the story says too. Unrelated
//! teasers, disclaimers, promos and notices share little of the story;
//! related links, captions and the story's own asides share much.

use super::Analysis;
use crate::model::Page;
use crate::text;
use rustc_hash::{FxHashMap, FxHashSet};

/// Shortest word counted as a content word (in spaced scripts).
pub const MIN_CONTENT_WORD_CHARS: usize = 3;

/// The distinct content words of a text: lower-cased letter-and-digit runs
/// that are not function words (of any of the lexicons' languages), and in
/// unspaced scripts each pair of neighbouring characters.
pub fn content_words(s: &str) -> FxHashSet<String> {
    let mut out = FxHashSet::default();
    add_content_words(s, &mut out);
    out
}

/// Adds the [`content_words`] of a text to a set.
pub fn add_content_words(s: &str, out: &mut FxHashSet<String>) {
    let mut word = String::new();
    let mut prev_unspaced: Option<char> = None;
    let flush = |word: &mut String, out: &mut FxHashSet<String>| {
        if word.chars().count() >= MIN_CONTENT_WORD_CHARS && !super::lexicon::is_stopword(word) && !out.contains(word.as_str()) {
            out.insert(std::mem::take(word));
        }
        word.clear();
    };
    for c in s.chars() {
        if c.is_ascii() {
            prev_unspaced = None;
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else {
                flush(&mut word, out);
            }
        } else if text::is_unspaced_script(c) {
            flush(&mut word, out);
            if let Some(p) = prev_unspaced {
                out.insert(format!("{p}{c}"));
            }
            prev_unspaced = Some(c);
        } else if c.is_alphanumeric() {
            prev_unspaced = None;
            word.extend(c.to_lowercase());
        } else {
            prev_unspaced = None;
            flush(&mut word, out);
        }
    }
    flush(&mut word, out);
}

/// The article's vocabulary, and how often each word turns up on the page.
pub struct Topic {
    /// Content word → main paragraphs (and headline) that use it.
    story: FxHashMap<String, u32>,
    /// Content word → text blocks of the whole page that use it.
    page_blocks: FxHashMap<String, u32>,
    /// Text blocks on the page.
    blocks: u32,
}

impl Topic {
    /// Gathers the vocabulary of the headline and the main paragraphs.
    pub fn new(page: &Page, analysis: &Analysis) -> Self {
        let mut story: FxHashMap<String, u32> = FxHashMap::default();
        let mut page_blocks: FxHashMap<String, u32> = FxHashMap::default();
        let mut h1 = page.ids().find(|&id| page.is(id, "h1") && analysis.rendered[id.index()]);
        for b in &analysis.blocks {
            let words = content_words(&b.text);
            let headline = h1.is_some_and(|h| page.contains(h, b.node));
            if headline {
                h1 = None;
            }
            for w in words {
                if b.main || headline {
                    *story.entry(w.clone()).or_default() += 1;
                }
                *page_blocks.entry(w).or_default() += 1;
            }
        }
        Topic { story, page_blocks, blocks: analysis.blocks.len() as u32 }
    }

    /// True when the story (headline or main paragraphs) uses the word.
    pub fn in_story(&self, word: &str) -> bool {
        self.story.contains_key(word)
    }

    /// True when the article has any vocabulary at all.
    pub fn is_empty(&self) -> bool {
        self.story.is_empty()
    }

    /// How rare a word is on the page: words in every block (the site's
    /// name, menu words) weigh little, words of one passage much.
    fn weight(&self, word: &str) -> f32 {
        let df = self.page_blocks.get(word).copied().unwrap_or(0) as f32;
        ((self.blocks as f32 + 1.0) / (df + 1.0)).ln().max(0.0) + 0.1
    }

    /// The rarity-weighted share of `words` that the story uses too,
    /// outside the main paragraphs of `own` (a box's own paragraph must not
    /// count as the story agreeing with it). 0 for a box without content words.
    pub fn share(&self, words: &FxHashSet<String>, own: &FxHashMap<String, u32>) -> f32 {
        let (mut shared, mut total) = (0f32, 0f32);
        for w in words {
            let weight = self.weight(w);
            total += weight;
            let in_story = self.story.get(w).copied().unwrap_or(0);
            if in_story > own.get(w).copied().unwrap_or(0) {
                shared += weight;
            }
        }
        if total == 0.0 {
            0.0
        } else {
            shared / total
        }
    }

    /// Content words of the main paragraphs among `blocks` (those of a
    /// box), with counts, to pass to [`Topic::share`] as its `own`.
    pub fn own_words(&self, blocks: &[super::Block]) -> FxHashMap<String, u32> {
        let mut own: FxHashMap<String, u32> = FxHashMap::default();
        for b in blocks.iter().filter(|b| b.main) {
            for w in content_words(&b.text) {
                *own.entry(w).or_default() += 1;
            }
        }
        own
    }
}
