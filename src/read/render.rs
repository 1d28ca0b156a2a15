//! Renderers of the clean tree: HTML for insertion, a standalone reading
//! page, Markdown and plain text. All of them read the same sanitized tree.

use super::sanitize::{Clean, CLEAN_BLOCK_TAGS};
use super::Article;
use crate::text;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const VOID_TAGS: &[&str] = &["img", "br", "hr"];

/// Serialises the clean tree as HTML.
pub fn html(nodes: &[Clean]) -> String {
    let mut out = String::new();
    html_into(nodes, &mut out);
    out
}

fn html_into(nodes: &[Clean], out: &mut String) {
    for n in nodes {
        match n {
            Clean::Text(t) => out.push_str(&escape(t)),
            Clean::Element { tag, attrs, children } => {
                out.push('<');
                out.push_str(tag);
                for (k, v) in attrs {
                    out.push(' ');
                    out.push_str(k);
                    out.push_str("=\"");
                    out.push_str(&escape(v));
                    out.push('"');
                }
                out.push('>');
                if VOID_TAGS.contains(tag) {
                    continue;
                }
                html_into(children, out);
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
                if CLEAN_BLOCK_TAGS.contains(tag) {
                    out.push('\n');
                }
            }
        }
    }
}

/// The text of the clean tree: one paragraph per block, separated by a
/// blank line, whitespace collapsed inside each.
pub fn paragraphs(nodes: &[Clean]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    paragraphs_into(nodes, &mut current, &mut out);
    push_paragraph(&mut current, &mut out);
    out
}

fn push_paragraph(current: &mut String, out: &mut Vec<String>) {
    let p = text::collapse_whitespace(current);
    if !p.is_empty() {
        out.push(p);
    }
    current.clear();
}

fn paragraphs_into(nodes: &[Clean], current: &mut String, out: &mut Vec<String>) {
    for n in nodes {
        match n {
            Clean::Text(t) => current.push_str(t),
            Clean::Element { tag, children, .. } => {
                let block = CLEAN_BLOCK_TAGS.contains(tag);
                if block {
                    push_paragraph(current, out);
                }
                if *tag == "br" {
                    current.push(' ');
                }
                paragraphs_into(children, current, out);
                if block {
                    push_paragraph(current, out);
                }
            }
        }
    }
}

/// Converts the clean tree to Markdown (CommonMark).
pub fn markdown_body(nodes: &[Clean]) -> String {
    let mut out = String::new();
    md_blocks(nodes, &mut out, "");
    let mut tidy = String::new();
    let mut blank = 0;
    for line in out.lines() {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !tidy.is_empty() {
            tidy.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        tidy.push_str(line.trim_end());
    }
    tidy.push('\n');
    tidy
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn md_inline(nodes: &[Clean]) -> String {
    let mut out = String::new();
    for n in nodes {
        match n {
            Clean::Text(t) => out.push_str(&md_escape(&text::collapse_whitespace_keep_edges(t))),
            Clean::Element { tag, attrs, children } => {
                let inner = md_inline(children);
                let attr = |k: &str| attrs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.as_str());
                match *tag {
                    "em" | "i" | "cite" => out.push_str(&wrap(&inner, "*")),
                    "strong" | "b" => out.push_str(&wrap(&inner, "**")),
                    "code" | "kbd" | "samp" => out.push_str(&format!("`{}`", inner.replace('`', "'"))),
                    "a" => match attr("href") {
                        Some(h) => out.push_str(&format!("[{}]({})", inner.trim(), h.replace(' ', "%20").replace(')', "%29"))),
                        None => out.push_str(&inner),
                    },
                    "img" => out.push_str(&format!(
                        "![{}]({})",
                        md_escape(attr("alt").unwrap_or("")),
                        attr("src").unwrap_or("").replace(' ', "%20").replace(')', "%29")
                    )),
                    "br" => out.push_str("  \n"),
                    _ => out.push_str(&inner),
                }
            }
        }
    }
    out
}

fn wrap(inner: &str, mark: &str) -> String {
    let t = inner.trim();
    if t.is_empty() {
        String::new()
    } else {
        format!("{mark}{t}{mark}")
    }
}

fn md_blocks(nodes: &[Clean], out: &mut String, prefix: &str) {
    let mut inline: Vec<Clean> = Vec::new();
    let flush = |inline: &mut Vec<Clean>, out: &mut String| {
        let t = md_inline(inline);
        if !t.trim().is_empty() {
            for line in t.trim().lines() {
                out.push_str(prefix);
                out.push_str(line);
                out.push('\n');
            }
            out.push_str(prefix);
            out.push('\n');
        }
        inline.clear();
    };
    for n in nodes {
        let Clean::Element { tag, attrs, children } = n else {
            inline.push(n.clone());
            continue;
        };
        if !CLEAN_BLOCK_TAGS.contains(tag) {
            inline.push(n.clone());
            continue;
        }
        flush(&mut inline, out);
        match *tag {
            "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = tag[1..].parse::<usize>().unwrap_or(2);
                out.push_str(&format!("{prefix}{} {}\n{prefix}\n", "#".repeat(level), md_inline(children).trim()));
            }
            "ul" | "ol" => {
                let start = attrs.iter().find(|(k, _)| *k == "start").and_then(|(_, v)| v.parse::<i64>().ok()).unwrap_or(1);
                let mut k = start;
                for li in children {
                    if let Clean::Element { children: item, .. } = li {
                        let marker = if *tag == "ol" { format!("{k}. ") } else { "- ".to_string() };
                        k += 1;
                        let mut body = String::new();
                        md_blocks(item, &mut body, "");
                        let mut first = true;
                        for line in body.lines().filter(|l| !l.trim().is_empty()) {
                            out.push_str(prefix);
                            out.push_str(if first { &marker } else { "   " });
                            out.push_str(line);
                            out.push('\n');
                            first = false;
                        }
                    }
                }
                out.push_str(prefix);
                out.push('\n');
            }
            "blockquote" => {
                let inner = format!("{prefix}> ");
                md_blocks(children, out, &inner);
            }
            "pre" => {
                let code = super::render::plain(children);
                out.push_str(&format!("{prefix}```\n{code}\n{prefix}```\n{prefix}\n"));
            }
            "hr" => out.push_str(&format!("{prefix}---\n{prefix}\n")),
            _ => md_blocks(children, out, prefix),
        }
    }
    flush(&mut inline, out);
}

/// Raw text of a subtree, whitespace kept (for `<pre>`).
pub fn plain(nodes: &[Clean]) -> String {
    let mut out = String::new();
    for n in nodes {
        match n {
            Clean::Text(t) => out.push_str(t),
            Clean::Element { tag: "br", .. } => out.push('\n'),
            Clean::Element { children, .. } => out.push_str(&plain(children)),
        }
    }
    out
}

/// `lede read --format markdown`: title, byline line, then the article.
pub fn markdown(article: &Article) -> String {
    let mut out = format!("# {}\n\n", md_escape(&article.title));
    let meta = meta_line(article);
    if !meta.is_empty() {
        out.push_str(&format!("*{}*\n\n", md_escape(&meta)));
    }
    out.push_str(&markdown_body(&article.content));
    out
}

/// `lede read --format text`: title, then the article's paragraphs.
pub fn plain_text(article: &Article) -> String {
    let mut out = String::new();
    if !article.title.is_empty() {
        out.push_str(&article.title);
        out.push_str("\n\n");
    }
    out.push_str(&article.text);
    out.push('\n');
    out
}

/// "By X · Site · 2025-04-19 · 3 min read".
pub fn meta_line(article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(b) = &article.byline {
        parts.push(b.clone());
    }
    if let Some(s) = &article.site_name {
        parts.push(s.clone());
    }
    if let Some(d) = &article.published_time {
        parts.push(d.chars().take(10).collect());
    }
    if article.reading_minutes > 0 {
        parts.push(format!("{} min read", article.reading_minutes));
    }
    parts.join(" · ")
}

/// `lede read --format html`: a standalone reading page that needs no
/// network (no external style, font or script) and runs no script at all.
pub fn html_page(article: &Article) -> String {
    let lang = article.lang.as_deref().map(|l| format!(" lang=\"{}\"", escape(l))).unwrap_or_default();
    let dir = article.dir.as_deref().map(|d| format!(" dir=\"{}\"", escape(d))).unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html{lang}{dir}>\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src * data:; style-src 'unsafe-inline'\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{style}</style>\n</head>\n<body>\n\
<main>\n<article>\n<header>\n<h1>{title}</h1>\n<p class=\"meta\">{meta}</p>\n</header>\n{content}</article>\n</main>\n</body>\n</html>\n",
        title = escape(&article.title),
        meta = escape(&meta_line(article)),
        content = article.content_html,
        style = READING_STYLE,
    )
}

/// The standalone page's stylesheet: a calm measure, system fonts, light
/// and dark schemes.
const READING_STYLE: &str = "\
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fbfaf7;--muted:#666}\
@media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--bg:#1c1c1e;--muted:#aaa}}\
body{margin:0;background:var(--bg);color:var(--fg);font:1.15rem/1.6 Georgia,'Times New Roman',serif}\
main{max-width:38rem;margin:0 auto;padding:2rem 1.25rem 4rem}\
h1{font-size:2rem;line-height:1.2;margin:0 0 .5rem}.meta{color:var(--muted);font:.9rem/1.4 system-ui,sans-serif}\
img{max-width:100%;height:auto}figure{margin:1.5rem 0}figcaption{color:var(--muted);font-size:.9rem}\
blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid var(--muted)}\
pre{overflow:auto;font-size:.9rem}table{border-collapse:collapse}td,th{border:1px solid var(--muted);padding:.25rem .5rem}\
a{color:inherit}";
