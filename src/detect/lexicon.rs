//! Phrase lexicons: the wording of clutter, one data file per language in
//! `src/detect/lexicon/` (English, German, French, Spanish, Italian,
//! Portuguese, Russian). Phrases and page text are compared as
//! [`text::fingerprint`]s (case, punctuation and spacing folded), and a
//! phrase matches only as whole words.

use crate::text;
use aho_corasick::AhoCorasick;
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

/// One category's phrases of every language, compiled for one-pass search.
struct Phrases {
    phrases: Vec<String>,
    matcher: AhoCorasick,
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
                // A few hundred short literals are far below the automaton's limits.
                let matcher = AhoCorasick::new(&phrases).expect("lexicon phrases build an automaton");
                Phrases { phrases, matcher }
            })
            .collect()
    });
    &tables[Category::ALL.iter().position(|&c| c == category).unwrap_or(0)]
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

fn boundary_before(s: &str, at: usize) -> bool {
    s[..at].chars().next_back().is_none_or(|c| c == ' ' || text::is_unspaced_script(c))
}

fn boundary_after(s: &str, at: usize) -> bool {
    s[at..].chars().next().is_none_or(|c| c == ' ' || text::is_unspaced_script(c))
}

/// True for a function word of one of the lexicon languages ("the",
/// "und", "которые"): words that say nothing about a text's topic.
pub fn is_stopword(word: &str) -> bool {
    static WORDS: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
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

/// Every whole-word occurrence of a category's phrases in a fingerprinted text.
pub fn find(category: Category, fingerprint: &str) -> Vec<Hit> {
    let table = phrases(category);
    table
        .matcher
        .find_overlapping_iter(fingerprint)
        .filter(|m| boundary_before(fingerprint, m.start()) && boundary_after(fingerprint, m.end()))
        .map(|m| Hit { phrase: table.phrases[m.pattern().as_usize()].clone(), start: m.start(), end: m.end() })
        .collect()
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

/// Share of a fingerprinted text's bytes covered by hits.
pub fn coverage(hits: &[Hit], fingerprint: &str) -> f32 {
    if fingerprint.is_empty() {
        return 0.0;
    }
    let mut spans: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
    spans.sort_unstable();
    let (mut covered, mut reach) = (0usize, 0usize);
    for (s, e) in spans {
        let s = s.max(reach);
        if e > s {
            covered += e - s;
            reach = e;
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

    #[test]
    fn phrases_match_whole_words_only() {
        let f = text::fingerprint("Provided AS-IS, without warranty of any kind.");
        let hits = find(Category::Disclaimer, &f);
        assert!(distinct(&hits).iter().any(|p| p == "without warranty of any kind"));
        let f = text::fingerprint("The basis of the claim");
        assert!(find(Category::Disclaimer, &f).is_empty(), "'as is' must not match inside 'basis'");
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
