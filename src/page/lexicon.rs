//! Phrase lexicons: the wording of clutter, one data file per language in
//! `src/page/lexicon/` (English, German, French, Spanish, Italian,
//! Portuguese, Russian). Phrases and page text are compared as
//! [`text::fingerprint`]s (case, punctuation and spacing folded), and a
//! phrase matches only as whole words.
//!
//! Because a match must start where a word starts, the search walks a trie
//! of the phrases from each word start only (anchored), instead of running
//! an unanchored automaton over every byte: a walk ends within a byte or two
//! for most words, and the trie is built in a fraction of the time an
//! automaton takes (it is built once per page view in the extension).

use crate::text;
use std::sync::OnceLock;

/// The lexicon files, embedded at build time.
const FILES: &[(&str, &str)] = &[
    ("en", include_str!("lexicon/en.txt")),
    ("de", include_str!("lexicon/de.txt")),
    ("fr", include_str!("lexicon/fr.txt")),
    ("es", include_str!("lexicon/es.txt")),
    ("it", include_str!("lexicon/it.txt")),
    ("pt", include_str!("lexicon/pt.txt")),
    ("ru", include_str!("lexicon/ru.txt")),
];

/// The sections of a lexicon file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// Legal small print: warranty, liability, opinion distance, disclosures.
    Disclaimer,
    /// Headings that announce small print ("Disclaimer", "Haftungsausschluss").
    DisclaimerLabel,
    /// Calls to action: newsletters, "publish your news", apps, donations.
    Promo,
    /// Error and empty states: "page not found", "no comments", "loading".
    Notice,
}

impl Category {
    const ALL: [Category; 4] = [Category::Disclaimer, Category::DisclaimerLabel, Category::Promo, Category::Notice];

    fn section(self) -> &'static str {
        match self {
            Category::Disclaimer => "disclaimer",
            Category::DisclaimerLabel => "disclaimer-label",
            Category::Promo => "promo",
            Category::Notice => "notice",
        }
    }
}

/// One category's phrases of every language, in a byte trie.
struct Phrases {
    phrases: Vec<String>,
    trie: Trie,
}

/// A byte trie of phrases. State 0 is the root, whose transitions are a
/// table by byte; other states list theirs (few: phrases part ways fast),
/// all in one array, state by state, so that a walk stays in one block of
/// memory.
struct Trie {
    root: [u32; 256],
    /// Transitions out of state `s` (unused for the root):
    /// `edges[first[s] as usize..first[s + 1] as usize]`.
    edges: Vec<(u8, u32)>,
    first: Vec<u32>,
    /// The phrase ending at each state, if any.
    ends: Vec<Option<u32>>,
}

impl Trie {
    fn new(phrases: &[String]) -> Self {
        // Built with a list per state, then laid out flat.
        let mut root = [0u32; 256];
        let mut lists: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut ends: Vec<Option<u32>> = vec![None];
        for (index, phrase) in phrases.iter().enumerate() {
            let mut state = 0u32;
            for &b in phrase.as_bytes() {
                let known = if state == 0 {
                    Some(root[usize::from(b)]).filter(|&s| s != 0)
                } else {
                    lists[state as usize].iter().find(|&&(e, _)| e == b).map(|&(_, s)| s)
                };
                state = match known {
                    Some(next) => next,
                    None => {
                        let next = ends.len() as u32;
                        lists.push(Vec::new());
                        ends.push(None);
                        if state == 0 {
                            root[usize::from(b)] = next;
                        } else {
                            lists[state as usize].push((b, next));
                        }
                        next
                    }
                };
            }
            ends[state as usize] = Some(index as u32);
        }
        let mut first = Vec::with_capacity(lists.len() + 1);
        let mut edges = Vec::with_capacity(ends.len());
        for list in &lists {
            first.push(edges.len() as u32);
            edges.extend_from_slice(list);
        }
        first.push(edges.len() as u32);
        Trie { root, edges, first, ends }
    }

    fn next(&self, state: u32, b: u8) -> Option<u32> {
        if state == 0 {
            Some(self.root[usize::from(b)]).filter(|&s| s != 0)
        } else {
            let s = state as usize;
            self.edges[self.first[s] as usize..self.first[s + 1] as usize]
                .iter()
                .find(|&&(e, _)| e == b)
                .map(|&(_, s)| s)
        }
    }
}

/// A phrase found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The phrase, as fingerprinted.
    pub phrase: String,
    /// Byte range in the fingerprinted text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

fn phrases(category: Category) -> &'static Phrases {
    static TABLES: OnceLock<Vec<Phrases>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        Category::ALL
            .iter()
            .map(|&c| {
                let mut phrases: Vec<String> = FILES.iter().flat_map(|(_, file)| section(file, c.section())).collect();
                phrases.sort();
                phrases.dedup();
                let trie = Trie::new(&phrases);
                Phrases { phrases, trie }
            })
            .collect()
    });
    &tables[Category::ALL.iter().position(|&c| c == category).unwrap_or(0)]
}

/// Every phrase of a category, in all languages, fingerprinted (the words
/// models learn from them as from any labelled text: `examples/features.rs`).
pub fn all_phrases(category: Category) -> &'static [String] {
    &phrases(category).phrases
}

/// The fingerprinted phrases of one section of a lexicon file.
fn section(file: &str, name: &str) -> Vec<String> {
    let mut current = "";
    let mut out = Vec::new();
    for line in file.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = s;
        } else if current == name {
            let f = text::fingerprint(line);
            if !f.is_empty() {
                out.push(f);
            }
        }
    }
    out
}

fn boundary_after(s: &str, at: usize) -> bool {
    s[at..].chars().next().is_none_or(|c| c == ' ' || text::is_unspaced_script(c))
}

/// True for a function word of one of the lexicon languages ("the",
/// "und", "которые"): words that say nothing about a text's topic.
pub fn is_stopword(word: &str) -> bool {
    static WORDS: OnceLock<rustc_hash::FxHashSet<String>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            FILES
                .iter()
                .flat_map(|(_, file)| section(file, "stopwords"))
                .flat_map(|line| line.split(' ').map(str::to_string).collect::<Vec<_>>())
                .collect()
        })
        .contains(word)
}

/// The lexicon language whose function words a fingerprinted text uses
/// most, if it uses any: for fitting the models with every language
/// weighed alike (`examples/features.rs`), never as evidence.
pub fn language(fingerprint: &str) -> Option<&'static str> {
    static SETS: OnceLock<Vec<(&'static str, rustc_hash::FxHashSet<String>)>> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        FILES
            .iter()
            .map(|(lang, file)| {
                let words = section(file, "stopwords").iter().flat_map(|l| l.split(' ').map(str::to_string).collect::<Vec<_>>()).collect();
                (*lang, words)
            })
            .collect()
    });
    let words: Vec<&str> = fingerprint.split(' ').collect();
    sets.iter()
        .map(|(lang, set)| (*lang, words.iter().filter(|w| set.contains(**w)).count()))
        .filter(|&(_, n)| n > 0)
        .max_by_key(|&(_, n)| n)
        .map(|(lang, _)| lang)
}

/// Every whole-word occurrence of a category's phrases in a fingerprinted
/// text, by start, shorter phrases first.
pub fn find(category: Category, fingerprint: &str) -> Vec<Hit> {
    let table = phrases(category);
    let bytes = fingerprint.as_bytes();
    let mut hits = Vec::new();
    // A phrase starts at the text's start, after a space, or after a
    // character of an unspaced script, and ends at the text's end, before
    // a space or before a character of an unspaced script.
    let mut start = Some(0);
    while let Some(at) = start {
        if at >= bytes.len() {
            break;
        }
        let mut state = 0u32;
        for (end, &b) in bytes.iter().enumerate().skip(at) {
            let Some(next) = table.trie.next(state, b) else { break };
            state = next;
            if let Some(index) = table.trie.ends[state as usize] {
                if boundary_after(fingerprint, end + 1) {
                    hits.push(Hit { phrase: table.phrases[index as usize].clone(), start: at, end: end + 1 });
                }
            }
        }
        start = next_word_start(fingerprint, at);
    }
    hits
}

/// The next position after `at` that follows a space or a character of an
/// unspaced script, if any.
fn next_word_start(s: &str, at: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = at;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' {
            return Some(i + 1);
        }
        // Unspaced scripts lie at U+0E00 and above: three- and four-byte
        // characters, whose first byte is 0xE0 or more.
        if b >= 0xE0 {
            let c = s[i..].chars().next()?;
            i += c.len_utf8();
            if text::is_unspaced_script(c) {
                return Some(i);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// The distinct phrases among hits, longest first, without phrases that
/// lie inside a longer hit ("as is" inside "as is without warranty").
pub fn distinct(hits: &[Hit]) -> Vec<String> {
    let mut sorted: Vec<&Hit> = hits.iter().collect();
    sorted.sort_by(|a, b| (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)));
    let mut kept: Vec<&Hit> = Vec::new();
    for h in sorted {
        if !kept.iter().any(|k| k.start <= h.start && h.end <= k.end) {
            kept.push(h);
        }
    }
    let mut out: Vec<String> = Vec::new();
    for k in kept {
        if !out.contains(&k.phrase) {
            out.push(k.phrase.clone());
        }
    }
    out
}

/// Share of a fingerprinted text's bytes covered by hits, given in
/// [`find`]'s order (by start), so one sweep adds up their union. (They
/// used to be sorted again here: a no-op on `find`'s output, and a sort
/// instantiation of 9 KB in the wasm module.)
pub fn coverage(hits: &[Hit], fingerprint: &str) -> f32 {
    if fingerprint.is_empty() {
        return 0.0;
    }
    debug_assert!(hits.is_sorted_by_key(|h| h.start), "hits not in find's order");
    let (mut covered, mut reach) = (0usize, 0usize);
    for h in hits {
        let s = h.start.max(reach);
        if h.end > s {
            covered += h.end - s;
            reach = h.end;
        }
    }
    covered as f32 / fingerprint.len() as f32
}

/// Quotes phrases for a reason: `'as is', 'without warranty'`.
pub fn quote(phrases: &[String], max: usize) -> String {
    phrases.iter().take(max).map(|p| format!("'{p}'")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_file_has_every_section() {
        for (lang, file) in FILES {
            for c in Category::ALL {
                assert!(!section(file, c.section()).is_empty(), "{lang} lacks [{}]", c.section());
            }
        }
    }

    #[test]
    fn every_language_has_stopwords() {
        for (lang, file) in FILES {
            let words: usize = section(file, "stopwords").iter().map(|l| l.split(' ').count()).sum();
            assert!(words > 30, "{lang} has {words} stopwords");
        }
        assert!(is_stopword("the") && is_stopword("und") && is_stopword("которые") && !is_stopword("kremlin"));
    }

    /// `coverage` takes `find`'s order as given: it must count the union
    /// of the hits, overlapping and nested ones included, as counting each
    /// covered byte does.
    #[test]
    fn coverage_counts_the_union_of_found_phrases() {
        let mut found = 0;
        for text in [
            "Provided as is, without warranty of any kind, express or implied. As is.",
            "Disclaimer: the views expressed are those of the author. Haftungsausschluss",
            "Page not found. No comments yet. Loading… Sign up for our newsletter",
        ] {
            let f = text::fingerprint(text);
            for c in Category::ALL {
                let hits = find(c, &f);
                found += hits.len();
                let mut covered = vec![false; f.len()];
                for h in &hits {
                    covered[h.start..h.end].iter_mut().for_each(|b| *b = true);
                }
                let want = covered.iter().filter(|&&b| b).count() as f32 / f.len() as f32;
                assert_eq!(coverage(&hits, &f), want, "{c:?} in {text:?}");
            }
        }
        assert!(found >= 6, "only {found} hits");
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let f = text::fingerprint("Provided AS-IS, without warranty of any kind.");
        let hits = find(Category::Disclaimer, &f);
        assert!(distinct(&hits).iter().any(|p| p == "without warranty of any kind"));
        let f = text::fingerprint("The basis of the claim");
        assert!(find(Category::Disclaimer, &f).is_empty(), "'as is' must not match inside 'basis'");
    }

    fn boundary_before(s: &str, at: usize) -> bool {
        s[..at].chars().next_back().is_none_or(|c| c == ' ' || text::is_unspaced_script(c))
    }

    /// Every whole-word occurrence, found the slow way: each phrase at each position.
    fn find_naively(category: Category, f: &str) -> Vec<Hit> {
        let table = phrases(category);
        let mut hits = Vec::new();
        for start in (0..f.len()).filter(|&i| f.is_char_boundary(i)) {
            for phrase in &table.phrases {
                let end = start + phrase.len();
                if f[start..].starts_with(phrase.as_str()) && boundary_before(f, start) && boundary_after(f, end) {
                    hits.push(Hit { phrase: phrase.clone(), start, end });
                }
            }
        }
        hits
    }

    #[test]
    fn trie_search_finds_what_a_naive_search_finds() {
        let mut texts: Vec<String> = FILES.iter().map(|(_, file)| text::fingerprint(file)).collect();
        texts.push(text::fingerprint("北京欢迎你 页面未找到 ไทย disclaimer as is as is without warranty of any kind subscribe to our newsletter"));
        texts.push(text::fingerprint("basis as isx xas is as is"));
        for f in &texts {
            for c in Category::ALL {
                let key = |h: &Hit| (h.start, h.end, h.phrase.clone());
                let mut fast: Vec<_> = find(c, f).iter().map(key).collect();
                let mut slow: Vec<_> = find_naively(c, f).iter().map(key).collect();
                fast.sort();
                slow.sort();
                assert!(!slow.is_empty() || c == Category::DisclaimerLabel || f.len() < 200, "{c:?} finds nothing");
                assert_eq!(fast, slow, "{c:?}");
            }
        }
    }

    #[test]
    fn phrases_match_across_languages() {
        for s in ["Haftungsausschluss: Wir übernehmen keine Haftung", "Página no encontrada", "Страница не найдена"] {
            let f = text::fingerprint(s);
            let any = Category::ALL.iter().any(|&c| !find(c, &f).is_empty());
            assert!(any, "{s}");
        }
    }
}
