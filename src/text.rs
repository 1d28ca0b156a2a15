//! Text helpers shared by the detectors and the outputs: what is rendered,
//! which elements break lines, whitespace and fingerprint normalisation,
//! language-neutral word counting, and selectors.

use crate::model::{NodeData, NodeId, Page, FLAG_BLOCK, FLAG_UNRENDERED};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// Elements that render as their own block (a line break before and after).
/// Everything else is inline: its text joins the surrounding block.
pub const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul", "br", "option", "button",
];

/// Elements never rendered as text, whatever their content.
pub const UNRENDERED_TAGS: &[&str] = &[
    "head", "title", "meta", "link", "base", "script", "style", "template", "noscript", "iframe",
    "object", "embed", "svg", "canvas", "video", "audio", "select", "textarea", "input",
    "img", "picture", "source", "track", "map", "area", "param", "datalist",
];

/// Bit of [`tag_class`]: the tag is in [`BLOCK_TAGS`].
const BLOCK: u8 = 1;
/// Bit of [`tag_class`]: the tag is in [`UNRENDERED_TAGS`].
const UNRENDERED: u8 = 2;

/// Which of [`BLOCK_TAGS`] and [`UNRENDERED_TAGS`] hold a tag, as bits:
/// one hash lookup instead of a scan of each list (every node of a page
/// is asked, several times).
fn tag_class(tag: &str) -> u8 {
    static CLASSES: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    let classes = CLASSES.get_or_init(|| {
        let mut classes = FxHashMap::default();
        for t in BLOCK_TAGS {
            *classes.entry(*t).or_default() |= BLOCK;
        }
        for t in UNRENDERED_TAGS {
            *classes.entry(*t).or_default() |= UNRENDERED;
        }
        classes
    });
    classes.get(tag).copied().unwrap_or(0)
}

/// The model's flags of an element ([`FLAG_BLOCK`], [`FLAG_UNRENDERED`]),
/// worked out once when the page is built: whether its tag starts a block,
/// and whether the element itself is not rendered (an unrendered tag, the
/// `hidden` attribute, or an inline style that hides it). Stylesheets are
/// not consulted: both adapters must see the same thing, and the native
/// one has no stylesheets.
pub(crate) fn element_flags<'a>(tag: &str, mut attrs: impl Iterator<Item = (&'a str, &'a str)>) -> u8 {
    let class = tag_class(tag);
    let mut flags = 0;
    if class & BLOCK != 0 {
        flags |= FLAG_BLOCK;
    }
    if class & UNRENDERED != 0 || attrs.any(|(name, value)| name == "hidden" || name == "style" && style_hides(value)) {
        flags |= FLAG_UNRENDERED;
    }
    flags
}

/// True for elements that start their own block of text.
pub fn is_block(page: &Page, id: NodeId) -> bool {
    page.flags(id) & FLAG_BLOCK != 0
}

/// True when an element itself is not rendered: an unrendered tag, the
/// `hidden` attribute, or an inline style that hides it (worked out when
/// the page is built).
pub fn is_unrendered(page: &Page, id: NodeId) -> bool {
    page.flags(id) & FLAG_UNRENDERED != 0
}

/// True when an inline `style` attribute hides its element.
fn style_hides(style: &str) -> bool {
    let compact: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// For each node, whether it is rendered (its own and all its ancestors'
/// attributes allow it). One pass over the page.
pub fn rendered_map(page: &Page) -> Vec<bool> {
    let mut rendered = vec![true; page.len()];
    for id in page.ids().skip(1) {
        let parent_ok = page.parent(id).is_none_or(|p| rendered[p.index()]);
        rendered[id.index()] = parent_ok && !is_unrendered(page, id);
    }
    rendered
}

/// Collapses every run of whitespace to one space and trims the ends.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Collapses every run of whitespace to one space, keeping a space at
/// either end where there was whitespace (inline text joins its neighbours).
pub fn collapse_whitespace_keep_edges(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_whitespace() {
            gap = true;
        } else {
            if gap {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
    }
    if gap {
        out.push(' ');
    }
    out
}

/// The rendered text of a node, whitespace collapsed, blocks separated by a space.
pub fn visible_text(page: &Page, id: NodeId) -> String {
    let lines = visible_lines_in(page, id, &|_| false);
    lines.join(" ")
}

/// The rendered text under `root`, one entry per block, skipping nodes for
/// which `skip` is true (and everything inside them).
pub fn visible_lines_in(page: &Page, root: NodeId, skip: &dyn Fn(NodeId) -> bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, lines: &mut Vec<String>| {
        let line = collapse_whitespace(current);
        if !line.is_empty() {
            lines.push(line);
        }
        current.clear();
    };
    // Iterative walk with explicit exit markers for block ends.
    let mut stack: Vec<(NodeId, bool)> = vec![(root, false)];
    while let Some((id, exiting)) = stack.pop() {
        if exiting {
            flush(&mut current, &mut lines);
            continue;
        }
        if skip(id) || is_unrendered(page, id) {
            continue;
        }
        match page.data(id) {
            NodeData::Text(t) => current.push_str(t),
            NodeData::Element(_) | NodeData::Document => {
                let block = id == root || is_block(page, id);
                if block {
                    flush(&mut current, &mut lines);
                    stack.push((id, true));
                }
                for &c in page.children(id).iter().rev() {
                    stack.push((c, false));
                }
            }
        }
    }
    flush(&mut current, &mut lines);
    lines
}

/// The fingerprint two blocks share when they say the same thing: letters
/// and digits only, lower-cased, words separated by single spaces. Quotes,
/// dashes, punctuation and spacing variants all fold away.
pub fn fingerprint(s: &str) -> String {
    digest(s).1
}

/// True for scripts written without spaces between words (Chinese,
/// Japanese, Thai and their neighbours), where characters stand in for words.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF   // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0x20000..=0x2FFFF)
}

/// Number of CJK-like characters that count as one word each; see
/// [`word_count`].
pub const CHARS_PER_UNSPACED_WORD: usize = 2;

/// Words in a text, in a way that holds across languages: runs of letters
/// and digits count one each, and in unspaced scripts every
/// [`CHARS_PER_UNSPACED_WORD`] characters count as a word.
pub fn word_count(s: &str) -> usize {
    digest(s).2
}

/// True for the ASCII bytes `char::is_whitespace` accepts: tab, line
/// feed, vertical tab, form feed, carriage return and space.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// A text block's [`collapse_whitespace`], [`fingerprint`] and
/// [`word_count`], computed in one pass (the other two are read off it,
/// so the three cannot drift apart).
pub fn digest(s: &str) -> (String, String, usize) {
    let mut text = String::with_capacity(s.len());
    let mut print = String::with_capacity(s.len());
    let (mut space, mut gap, mut in_word) = (false, false, false);
    let (mut words, mut unspaced) = (0usize, 0usize);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if is_ascii_space(b) {
                (space, gap, in_word) = (true, true, false);
                i += 1;
                continue;
            }
            // ASCII fast path, the same decisions as the general case
            // below, a run at a time: the run of ASCII non-whitespace goes
            // to the text whole, its runs of letters and digits to the
            // print, lower-cased.
            let run = i;
            while i < bytes.len() && bytes[i].is_ascii() && !is_ascii_space(bytes[i]) {
                i += 1;
            }
            if space && !text.is_empty() {
                text.push(' ');
            }
            space = false;
            text.push_str(&s[run..i]);
            let mut k = run;
            while k < i {
                if !bytes[k].is_ascii_alphanumeric() {
                    (gap, in_word) = (true, false);
                    k += 1;
                    continue;
                }
                let word = k;
                while k < i && bytes[k].is_ascii_alphanumeric() {
                    k += 1;
                }
                if gap && !print.is_empty() {
                    print.push(' ');
                }
                gap = false;
                let from = print.len();
                print.push_str(&s[word..k]);
                print[from..].make_ascii_lowercase();
                words += usize::from(!in_word);
                in_word = true;
            }
            continue;
        }
        let Some(c) = s[i..].chars().next() else { break };
        i += c.len_utf8();
        let (whitespace, alphanumeric) = (c.is_whitespace(), c.is_alphanumeric());
        if whitespace {
            space = true;
        } else {
            if space && !text.is_empty() {
                text.push(' ');
            }
            space = false;
            text.push(c);
        }
        if alphanumeric {
            if gap && !print.is_empty() {
                print.push(' ');
            }
            gap = false;
            print.extend(c.to_lowercase());
        } else {
            gap = true;
        }
        if is_unspaced_script(c) {
            unspaced += 1;
            in_word = false;
        } else if alphanumeric {
            words += usize::from(!in_word);
            in_word = true;
        } else {
            in_word = false;
        }
    }
    (text, print, words + unspaced.div_ceil(CHARS_PER_UNSPACED_WORD))
}

/// Non-whitespace characters in a text (what `s.chars().filter(|c|
/// !c.is_whitespace()).count()` gives), counted without decoding: the
/// characters are the bytes that do not continue a UTF-8 sequence, less
/// the ASCII whitespace, less the other whitespace, whose UTF-8 forms all
/// start with one of four bytes (U+0085 and U+00A0: 0xC2; U+1680: 0xE1;
/// U+2000 to U+205F: 0xE2; U+3000: 0xE3), so only those are decoded.
pub fn non_whitespace_chars(s: &str) -> usize {
    let bytes = s.as_bytes();
    let chars = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
    let ascii_space = bytes.iter().filter(|&&b| is_ascii_space(b)).count();
    let mut other_space = 0;
    if chars != bytes.len() {
        for (i, &b) in bytes.iter().enumerate() {
            if matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) && s[i..].chars().next().is_some_and(char::is_whitespace) {
                other_space += 1;
            }
        }
    }
    chars - ascii_space - other_space
}

/// A CSS selector for an element: the `:nth-child` path from `<html>`, so
/// that it finds exactly this element in the parsed page.
pub fn selector(page: &Page, id: NodeId) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur = Some(id);
    while let Some(n) = cur {
        let Some(tag) = page.tag(n) else { break };
        let parent = page.parent(n);
        let position = parent.map(|p| {
            page.children(p).iter().filter(|&&c| page.tag(c).is_some()).position(|&c| c == n).unwrap_or(0) + 1
        });
        match position {
            Some(k) if tag != "html" && tag != "body" && tag != "head" => parts.push(format!("{tag}:nth-child({k})")),
            _ => parts.push(tag.to_string()),
        }
        cur = parent;
    }
    parts.reverse();
    parts.join(" > ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_folds_quotes_case_and_spacing() {
        assert_eq!(fingerprint("Witkoff’s  “trip”—it's ON."), fingerprint("witkoff's \"trip\" - it’s on"));
        assert_eq!(fingerprint("Ünïcode straße"), "ünïcode straße");
    }

    #[test]
    fn word_count_handles_spaced_and_unspaced_scripts() {
        assert_eq!(word_count("The quick, brown fox."), 4);
        assert_eq!(word_count("北京欢迎你"), 3);
        assert_eq!(word_count("Привет, мир"), 2);
    }

    #[test]
    fn fast_paths_agree_with_the_plain_definitions() {
        let samples = [
            "", " \t\n\x0B\x0C\r x", "Witkoff’s  “trip”—it's ON.", "Ünïcode straße İstanbul ΣΑΣ",
            "北京欢迎你 and ไทย text\u{a0}nbsp\u{2009}thin\u{3000}ideographic\u{85}nel", "a1 B2_c3-D4", "  a  b \u{a0} ", "\u{3000}\u{3000}", "x\u{301}y ǅ",
            "caféBar, 1é2 -é- ÉTÉ!x", "a\u{1680}b\u{2028}c\u{2029}d\u{202f}e\u{205f}f\u{200a}g\u{200b}h\u{2060}i",
            "\u{c2}\u{e1}\u{e2}\u{e3} ok", " lead  trailing ", "ALL CAPS and 42 numbers,\tmixed\r\nlines",
        ];
        for s in samples {
            let mut print = String::new();
            let mut gap = false;
            for c in s.chars() {
                if c.is_alphanumeric() {
                    if gap && !print.is_empty() {
                        print.push(' ');
                    }
                    gap = false;
                    print.extend(c.to_lowercase());
                } else {
                    gap = true;
                }
            }
            assert_eq!(fingerprint(s), print, "{s:?}");
            assert_eq!(non_whitespace_chars(s), s.chars().filter(|c| !c.is_whitespace()).count(), "{s:?}");
            let (mut words, mut unspaced, mut in_word) = (0, 0usize, false);
            for c in s.chars() {
                if is_unspaced_script(c) {
                    unspaced += 1;
                    in_word = false;
                } else if c.is_alphanumeric() {
                    words += usize::from(!in_word);
                    in_word = true;
                } else {
                    in_word = false;
                }
            }
            assert_eq!(word_count(s), words + unspaced.div_ceil(CHARS_PER_UNSPACED_WORD), "{s:?}");
            let text = collapse_whitespace(s);
            assert_eq!(digest(s), (text.clone(), fingerprint(&text), word_count(&text)), "{s:?}");
        }
    }

    #[test]
    fn tag_classes_are_the_lists() {
        for t in BLOCK_TAGS.iter().chain(UNRENDERED_TAGS).chain(&["span", "a", "", "P", "divx"]) {
            assert_eq!(tag_class(t) & BLOCK != 0, BLOCK_TAGS.contains(t), "{t}");
            assert_eq!(tag_class(t) & UNRENDERED != 0, UNRENDERED_TAGS.contains(t), "{t}");
        }
    }

    #[test]
    fn style_hiding_is_detected_with_any_spacing() {
        assert!(style_hides("color: red; DISPLAY : none"));
        assert!(style_hides("visibility:hidden"));
        assert!(!style_hides("display:block"));
    }
}
