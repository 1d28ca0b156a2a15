//! How the reading view resolves and filters the addresses of links and
//! images: one table, checked natively (`tests/native/read_sanitize.rs`,
//! where the `url` crate resolves) and in Chromium and Firefox
//! (`tests/web.rs`, where the browser's own URL parser does; see
//! `src/read/address.rs`). Both must give exactly these results.
//!
//! Left out on purpose: how a few characters in a path are written.
//! Chromium writes `|` as `%7C`, and Firefox writes `^` as `%5E` (the
//! standard's current path percent-encode set, which `url` 2.5 predates),
//! where the other two keep them; the link goes to the same place either
//! way, and no corpus page's reading view has such a link.

/// One case: the page's URL, its `<base href>`, the markup of one link or
/// image in the article, and the `href="…"`/`src="…"` the reading view must
/// give it (`None`: the address is refused, so the link keeps only its text
/// and the image is left out).
pub struct UrlCase {
    /// What the case shows.
    pub name: &'static str,
    /// The page's own URL, as the caller gives it.
    pub url: Option<&'static str>,
    /// The page's `<base href>`.
    pub base: Option<&'static str>,
    /// One `<a>` or `<img>` element.
    pub markup: &'static str,
    /// The attribute the reading view must write, `href="…"` or `src="…"`.
    pub want: Option<&'static str>,
}

const PAGE: Option<&str> = Some("https://news.example/world/story.html?id=7#top");

/// The table.
pub const URL_CASES: &[UrlCase] = &[
    UrlCase { name: "relative", url: PAGE, base: None, markup: r#"<a href="../img/a.html">L</a>"#, want: Some(r#"href="https://news.example/img/a.html""#) },
    UrlCase { name: "query only", url: PAGE, base: None, markup: r#"<a href="?page=2">L</a>"#, want: Some(r#"href="https://news.example/world/story.html?page=2""#) },
    UrlCase { name: "fragment only", url: PAGE, base: None, markup: r##"<a href="#notes">L</a>"##, want: Some(r#"href="https://news.example/world/story.html?id=7#notes""#) },
    UrlCase { name: "absolute", url: PAGE, base: None, markup: r#"<a href="https://other.example/x?y=1#z">L</a>"#, want: Some(r#"href="https://other.example/x?y=1#z""#) },
    UrlCase { name: "scheme and host in capitals, default port", url: PAGE, base: None, markup: r#"<a href="HTTP://Other.Example:80/p">L</a>"#, want: Some(r#"href="http://other.example/p""#) },
    UrlCase { name: "protocol-relative, space in the path", url: PAGE, base: None, markup: r#"<img src="//cdn.example/a b.png" alt="i">"#, want: Some(r#"src="https://cdn.example/a%20b.png""#) },
    UrlCase { name: "dot segments and backslashes", url: PAGE, base: None, markup: r#"<a href="/a/./b/../c\d">L</a>"#, want: Some(r#"href="https://news.example/a/c/d""#) },
    UrlCase { name: "non-ASCII path and query", url: PAGE, base: None, markup: r#"<a href="/café?q=ü x">L</a>"#, want: Some(r#"href="https://news.example/caf%C3%A9?q=%C3%BC%20x""#) },
    UrlCase { name: "base href, relative to the page", url: PAGE, base: Some("/sub/"), markup: r#"<a href="x.html">L</a>"#, want: Some(r#"href="https://news.example/sub/x.html""#) },
    UrlCase { name: "base href, absolute", url: PAGE, base: Some("https://mirror.example/m/"), markup: r#"<img src="i.png" alt="i">"#, want: Some(r#"src="https://mirror.example/m/i.png""#) },
    UrlCase { name: "base href without a page URL", url: None, base: Some("https://mirror.example/m/"), markup: r#"<a href="x">L</a>"#, want: Some(r#"href="https://mirror.example/m/x""#) },
    UrlCase { name: "javascript: base href resolves nothing", url: None, base: Some("javascript:alert(1)//"), markup: r#"<a href="x">L</a>"#, want: None },
    UrlCase { name: "javascript: refused", url: PAGE, base: None, markup: r#"<a href="javascript:alert(1)">L</a>"#, want: None },
    UrlCase { name: "javascript: with blanks refused", url: PAGE, base: None, markup: "<a href=\" java\tscript:alert(1)\">L</a>", want: None },
    UrlCase { name: "javascript: refused without a page URL", url: None, base: None, markup: r#"<a href="JavaScript:alert(1)">L</a>"#, want: None },
    UrlCase { name: "mailto kept", url: PAGE, base: None, markup: r#"<a href="mailto:desk@news.example">L</a>"#, want: Some(r#"href="mailto:desk@news.example""#) },
    UrlCase { name: "data: image kept", url: PAGE, base: None, markup: r#"<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" alt="i">"#, want: Some(r#"src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==""#) },
    UrlCase { name: "data: link refused", url: PAGE, base: None, markup: r#"<a href="data:text/html,hi">L</a>"#, want: None },
    UrlCase { name: "non-ASCII host", url: PAGE, base: None, markup: r#"<a href="https://bücher.de/x">L</a>"#, want: Some(r#"href="https://xn--bcher-kva.de/x""#) },
    UrlCase { name: "non-ASCII host of the page", url: Some("https://café.example/a/"), base: None, markup: r#"<a href="y">L</a>"#, want: Some(r#"href="https://xn--caf-dma.example/a/y""#) },
    UrlCase { name: "malformed host", url: PAGE, base: None, markup: r#"<a href="http://exa mple.com/">L</a>"#, want: None },
    UrlCase { name: "malformed IPv6 host", url: PAGE, base: None, markup: r#"<a href="https://[::1/x">L</a>"#, want: None },
    UrlCase { name: "malformed port", url: PAGE, base: None, markup: r#"<a href="https://news.example:99999/">L</a>"#, want: None },
    UrlCase { name: "relative stays relative without a page URL", url: None, base: None, markup: r#"<a href="/a/b.html">L</a>"#, want: Some(r#"href="/a/b.html""#) },
    UrlCase { name: "malformed without a page URL", url: None, base: None, markup: r#"<a href="http://exa mple.com/">L</a>"#, want: None },
];

/// The page of a case: an article long enough to be the reading view's
/// whole content, with the case's element in its first paragraph.
pub fn url_case_page(case: &UrlCase) -> String {
    let base = case.base.map(|b| format!("<base href=\"{b}\">")).unwrap_or_default();
    let filler = "Filler sentence that makes this an article with enough words, commas, and length. ".repeat(8);
    format!(
        "<html><head><title>T</title>{base}</head><body><article><h1>T</h1><p>Start {} end.</p><p>{filler}</p></article></body></html>",
        case.markup
    )
}

/// Every case whose result differs from the table, described; `read`
/// gives the reading view's `content_html` of a page (its HTML and URL).
pub fn url_case_failures(read: impl Fn(&str, Option<&str>) -> String) -> Vec<String> {
    let mut failures = Vec::new();
    for case in URL_CASES {
        let html = read(&url_case_page(case), case.url);
        let ok = match case.want {
            Some(want) => html.contains(&format!(" {want}")),
            None => !html.contains(" href=") && !html.contains("<img"),
        };
        if !ok || !html.contains("Start") {
            let start = html.find("Start").unwrap_or(0);
            let shown: String = html[start..].chars().take(240).collect();
            failures.push(format!("{}: want {:?}, got {shown}", case.name, case.want));
        }
    }
    failures
}
