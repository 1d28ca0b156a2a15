//! Dumps the features the core's fitted models read, one JSON object per
//! line, for `scripts/fit/fit.py` to fit the weights on:
//!
//! ```sh
//! cargo run --release --example features -- verdict ../shared/corpora/wcxb-dev > target/fit/verdict.jsonl
//! ```
//!
//! `verdict DIR`: the page-level article features (`lede::page::verdict`)
//! of every page of a WCXB corpus, labelled with its page type.
//!
//! `register DIR...`: the boxes the register models judge
//! (`lede::detect::register`), with their features, tokens and a label:
//! - in a directory of labelled pages (`lede eval bank`'s output): the kind
//!   of the bank item the box lies in (or holds, with little else), `keep`
//!   and `prose` for article content that looks like clutter, `content`
//!   for a box of the article's own text (its paragraphs, or any line of
//!   the host's `expected.html` under `--hosts`), `unlabelled` otherwise;
//! - in a WCXB corpus: `content` for boxes of an article page's ground-truth
//!   main content, `unlabelled` otherwise.
//!
//! ```sh
//! cargo run --release --example features -- register --hosts ../shared/corpora/readability target/banks/bank1 ../shared/corpora/wcxb-dev > target/fit/register.jsonl
//! ```
//!
//! `lexicon`: the lexicons' phrases, labelled with their kind, as text for
//! the register words models (no form or position: they join the words
//! model's fit only).
//!
//! `teaser READABILITY_DIR WCXB_DIR BANK_DIR...`: the candidate lists the
//! teaser model judges (`lede::detect::teaser`), labelled `content` when
//! inside the article's true text (Readability's `expected.html` for bank
//! pages, the ground truth on WCXB), `teaser` for a bank teaser or a list
//! that shares almost no words with the true text, `unlabelled` otherwise.

// Native only: it reads corpora from disk (the wasm build compiles
// examples too, for `wasm-pack test`).
#[cfg(not(target_arch = "wasm32"))]
fn main() -> anyhow::Result<()> {
    native::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
#[path = "../src/bin/lede/eval/corpus.rs"]
#[allow(dead_code)]
mod corpus;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::corpus;

    use lede::detect::register;
    use lede::page::{verdict::FEATURE_NAMES, Analysis, Features};
    use lede::text::fingerprint;
    use serde_json::Value;
    use lede::{adapter::html, Limits};
    use serde_json::json;
    use std::io::Write;
    use std::path::Path;

    pub fn main() -> anyhow::Result<()> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let out = std::io::stdout();
        let mut out = out.lock();
        match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["verdict", dir] => {
                let dir = Path::new(dir);
                for f in corpus::wcxb_files(dir)? {
                    let bytes = corpus::read_page(&f.html(dir))?;
                    let Ok(parsed) = html::parse(&bytes, &Limits::default()) else { continue };
                    let page = &parsed.page;
                    let features = Features::of(page, &Analysis::new(page));
                    let row = json!({"id": f.id, "page_type": f.page_type, "names": FEATURE_NAMES, "x": features.values()});
                    writeln!(out, "{row}")?;
                }
            }
            ["register", "--hosts", hosts, dirs @ ..] if !dirs.is_empty() => {
                writeln!(out, "{}", json!({"names": register::FEATURE_NAMES}))?;
                for dir in dirs {
                    let dir = Path::new(dir);
                    if dir.join("index.json").exists() {
                        wcxb_boxes(dir, &mut out)?;
                    } else {
                        labelled_boxes(dir, Path::new(hosts), &mut out)?;
                    }
                }
            }
            ["teaser", readability, wcxb, banks @ ..] => {
                writeln!(out, "{}", json!({"names": lede::detect::teaser::FEATURE_NAMES}))?;
                teaser_lists(Path::new(readability), Path::new(wcxb), banks, &mut out)?;
            }
            ["lexicon"] => {
                // The lexicons' phrases as labelled text for the words models.
                use lede::page::lexicon::{all_phrases, Category};
                for (category, label) in [(Category::Disclaimer, "disclaimer"), (Category::DisclaimerLabel, "disclaimer"), (Category::Promo, "promo"), (Category::Notice, "notice")] {
                    for phrase in all_phrases(category) {
                        let lang = lede::page::lexicon::language(phrase);
                        writeln!(out, "{}", json!({"page": "lexicon", "label": label, "lang": lang, "text": phrase, "tokens": register::tokens(phrase)}))?;
                    }
                }
            }
            ["explain", file] => {
                let parsed = html::parse(&corpus::read_page(Path::new(file))?, &Limits::default())?;
                let page = &parsed.page;
                for (c, scores) in register::explain(page, &Analysis::new(page)) {
                    let s: Vec<String> = scores.iter().map(|(k, p, w, t)| format!("{}:{p:.2}/{w:+.1}{}", k.as_str(), if p >= t && *w >= register::MIN_WORD_EVIDENCE { "*" } else { "" })).collect();
                    let topic = register::FEATURE_NAMES.iter().position(|n| *n == "topic").map_or(0.0, |i| c.values[i]);
                    writeln!(out, "{} topic:{topic:.2} | {:.90}", s.join(" "), c.text)?;
                }
            }
            _ => anyhow::bail!("usage: features explain FILE | features verdict WCXB_DIR | features register DIR... | features teaser READABILITY_DIR WCXB_DIR BANK_DIR..."),
        }
        Ok(())
    }

    /// Extra characters a box may hold beyond the item it lies around and still
    /// carry the item's label (a heading, a button).
    const LABEL_SLACK_CHARS: usize = 100;

    /// Shortest box (fingerprint characters) labelled by the item it lies inside.
    const MIN_INSIDE_CHARS: usize = 12;

    fn row(out: &mut impl Write, source: &str, label: &str, c: &register::Candidate) -> anyhow::Result<()> {
        let lang = lede::page::lexicon::language(&fingerprint(&c.text));
        writeln!(out, "{}", json!({"page": source, "label": label, "lang": lang, "text": c.text, "x": c.values, "tokens": register::tokens(&fingerprint(&c.text))}))?;
        Ok(())
    }

    fn labelled_boxes(dir: &Path, hosts: &Path, out: &mut impl Write) -> anyhow::Result<()> {
        let mut names: Vec<_> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        for labels_path in names.iter().filter(|p| p.to_string_lossy().ends_with(".labels.json")) {
            let html_path = Path::new(&labels_path.to_string_lossy().replace(".labels.json", ".html")).to_path_buf();
            let labels: Value = serde_json::from_str(&std::fs::read_to_string(labels_path)?)?;
            let Ok(parsed) = html::parse(&std::fs::read(&html_path)?, &Limits::default()) else { continue };
            let page = &parsed.page;
            let items: Vec<(String, String)> = labels["clutter"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|c| {
                    let kind = c["kind"].as_str().unwrap_or("").to_string();
                    let texts: Vec<String> = match c["texts"].as_array() {
                        Some(a) => a.iter().filter_map(Value::as_str).map(fingerprint).collect(),
                        None => vec![fingerprint(c["text"].as_str().unwrap_or(""))],
                    };
                    texts.into_iter().map(move |t| (kind.clone(), t))
                })
                .filter(|(_, t)| !t.is_empty())
                .collect();
            let article: Vec<String> = labels["article_paragraphs"].as_array().into_iter().flatten().filter_map(Value::as_str).map(fingerprint).collect();
            // The host's whole true article (Readability's expected output):
            // its short lines too (credits, bylines, a closing line) are content.
            let host = html_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let expected = std::fs::read(hosts.join(&host).join("expected.html"))
                .ok()
                .and_then(|b| html::parse(&b, &Limits::default()).ok())
                .map(|p| fingerprint(&lede::text::visible_text(&p.page, lede::NodeId::ROOT)))
                .unwrap_or_default();
            let source = html_path.display().to_string();
            let analysis = Analysis::new(page);
            for c in register::candidates(page, &analysis, &lede::page::Topic::new(page, &analysis)) {
                let print = fingerprint(&c.text);
                if print.is_empty() {
                    continue;
                }
                // A short box ("Go", "0") lies inside many texts: it takes an
                // item's label only when it is the whole item.
                let inside = |t: &String| if print.len() >= MIN_INSIDE_CHARS { t.contains(print.as_str()) } else { *t == print };
                let item = items.iter().find(|(_, t)| inside(t) || (print.contains(t.as_str()) && print.len() <= t.len() + LABEL_SLACK_CHARS));
                let label = match item {
                    Some((kind, _)) => kind.as_str(),
                    None if article.iter().any(|p| inside(p) || print.contains(p.as_str())) => "content",
                    None if print.len() >= MIN_INSIDE_CHARS && expected.contains(print.as_str()) => "content",
                    None => "unlabelled",
                };
                row(out, &source, label, &c)?;
            }
        }
        Ok(())
    }

    /// Shortest box (fingerprint characters) taken as article content on a
    /// WCXB page: shorter ones (a date, a name) also stand in boilerplate.
    const MIN_CONTENT_CHARS: usize = 20;

    fn wcxb_boxes(dir: &Path, out: &mut impl Write) -> anyhow::Result<()> {
        for f in corpus::wcxb_files(dir)?.iter().filter(|f| f.page_type == "article") {
            let gt: Value = serde_json::from_str(&std::fs::read_to_string(f.ground_truth(dir))?)?;
            let main = fingerprint(gt["ground_truth"]["main_content"].as_str().unwrap_or(""));
            let Ok(parsed) = html::parse(&corpus::read_page(&f.html(dir))?, &Limits::default()) else { continue };
            let page = &parsed.page;
            let analysis = Analysis::new(page);
            for c in register::candidates(page, &analysis, &lede::page::Topic::new(page, &analysis)) {
                let print = fingerprint(&c.text);
                let label = if print.len() >= MIN_CONTENT_CHARS && main.contains(print.as_str()) { "content" } else { "unlabelled" };
                row(out, &format!("wcxb/{}", f.id), label, &c)?;
            }
        }
        Ok(())
    }

    /// Largest share of a list's words that the page's true article text may
    /// use for the list to be taken for the page's boilerplate (it lies
    /// outside the article and shares almost nothing with it).
    const MAX_ARTICLE_WORD_SHARE: f32 = 0.2;

    /// Share of a text's content words (function words left out) found in a
    /// set of content words.
    fn word_share(text: &str, words: &rustc_hash::FxHashSet<String>) -> f32 {
        let all = lede::page::content_words(text);
        all.iter().filter(|w| words.contains(*w)).count() as f32 / all.len().max(1) as f32
    }

    fn teaser_row(out: &mut impl Write, source: &str, label: &str, c: &lede::detect::teaser::ListCandidate) -> anyhow::Result<()> {
        writeln!(out, "{}", json!({"page": source, "label": label, "text": c.text, "x": c.values}))?;
        Ok(())
    }

    fn teaser_lists(readability: &Path, wcxb: &Path, banks: &[&str], out: &mut impl Write) -> anyhow::Result<()> {
        use lede::detect::teaser;
        for dir in banks {
            let dir = Path::new(dir);
            let mut names: Vec<_> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
            names.sort();
            for labels_path in names.iter().filter(|p| p.to_string_lossy().ends_with(".labels.json")) {
                let html_path = Path::new(&labels_path.to_string_lossy().replace(".labels.json", ".html")).to_path_buf();
                let host = html_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                let labels: Value = serde_json::from_str(&std::fs::read_to_string(labels_path)?)?;
                let expected_path = readability.join(&host).join("expected.html");
                let Ok(expected) = html::parse(&std::fs::read(&expected_path)?, &Limits::default()) else { continue };
                let expected = fingerprint(&lede::text::visible_text(&expected.page, lede::NodeId::ROOT));
                let teasers: Vec<String> = labels["clutter"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|c| c["kind"] == "teaser")
                    .filter_map(|c| c["text"].as_str().map(fingerprint))
                    .collect();
                let Ok(parsed) = html::parse(&std::fs::read(&html_path)?, &Limits::default()) else { continue };
                let page = &parsed.page;
                let analysis = Analysis::new(page);
                for c in teaser::candidates(page, &analysis, &lede::page::Topic::new(page, &analysis)) {
                    let print = fingerprint(&c.text);
                    let is_teaser = teasers.iter().any(|t| (print.len() >= MIN_INSIDE_CHARS && t.contains(print.as_str())) || (print.contains(t.as_str()) && print.len() <= t.len() + LABEL_SLACK_CHARS));
                    let expected_words = lede::page::content_words(&expected);
                    let label = if is_teaser {
                        "teaser"
                    } else if expected.contains(print.as_str()) {
                        "content"
                    } else if word_share(&c.text, &expected_words) <= MAX_ARTICLE_WORD_SHARE {
                        "teaser"
                    } else {
                        "unlabelled"
                    };
                    teaser_row(out, &html_path.display().to_string(), label, &c)?;
                }
            }
        }
        for f in corpus::wcxb_files(wcxb)?.iter().filter(|f| f.page_type == "article") {
            let gt: Value = serde_json::from_str(&std::fs::read_to_string(f.ground_truth(wcxb))?)?;
            let main = fingerprint(gt["ground_truth"]["main_content"].as_str().unwrap_or(""));
            let main_words = lede::page::content_words(&main);
            let Ok(parsed) = html::parse(&corpus::read_page(&f.html(wcxb))?, &Limits::default()) else { continue };
            let page = &parsed.page;
            let analysis = Analysis::new(page);
                for c in teaser::candidates(page, &analysis, &lede::page::Topic::new(page, &analysis)) {
                let print = fingerprint(&c.text);
                let label = if main.contains(print.as_str()) {
                    "content"
                } else if word_share(&c.text, &main_words) <= MAX_ARTICLE_WORD_SHARE {
                    "teaser"
                } else {
                    "unlabelled"
                };
                teaser_row(out, &format!("wcxb/{}", f.id), label, &c)?;
            }
        }
        Ok(())
    }
}
