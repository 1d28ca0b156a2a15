//! The reading view's HTML is safe to insert into any page.

use lede::{adapter::html, Limits};

fn read_html(body: &str, url: Option<&str>) -> String {
    let page = format!(
        "<html><head><title>T</title></head><body><article><h1>T</h1>{body}<p>{}</p></article></body></html>",
        "Filler sentence that makes this an article with enough words, commas, and length. ".repeat(8)
    );
    let parsed = html::parse(page.as_bytes(), &Limits::default()).expect("parse");
    lede::read(&parsed.page, url).content_html
}

#[test]
fn scripts_and_handlers_never_pass() {
    let out = read_html(
        "<p onclick=\"evil()\">Text <script>evil()</script><img src=x onerror=\"evil()\" alt=a></p>\
         <style>p{}</style><iframe srcdoc=\"<script>evil()</script>\"></iframe>\
         <svg><script>evil()</script><a href=\"javascript:evil()\">x</a></svg>\
         <object data=x></object><embed src=x><form><input name=q><button>Go</button></form>",
        Some("https://example.com/a/"),
    );
    for bad in ["script", "onclick", "onerror", "evil", "<style", "iframe", "srcdoc", "<svg", "object", "embed", "<form", "<input", "<button"] {
        assert!(!out.contains(bad), "{bad} passed: {out}");
    }
    assert!(out.contains("<img src=\"https://example.com/a/x\" alt=\"a\">"), "{out}");
}

#[test]
fn dangerous_urls_are_dropped_and_safe_ones_resolved() {
    let out = read_html(
        "<p><a href=\"javascript:alert(1)\">js</a> <a href=\" JaVaScRiPt:alert(1)\">js2</a> \
         <a href=\"java&#9;script:alert(1)\">js3</a> <a href=\"data:text/html,<script>x</script>\">data</a> \
         <a href=\"/rel\">rel</a> <a href=\"mailto:a@b.c\">mail</a> \
         <img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=d> <img src=\"data:text/html,x\" alt=e></p>",
        Some("https://example.com/news/1"),
    );
    assert!(!out.to_ascii_lowercase().contains("javascript"), "{out}");
    assert!(!out.contains("data:text"), "{out}");
    assert!(out.contains("href=\"https://example.com/rel\""), "{out}");
    assert!(out.contains("href=\"mailto:a@b.c\""), "{out}");
    assert!(out.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""), "{out}");
}

#[test]
fn base_element_tricks_cannot_smuggle_schemes() {
    let page = format!(
        "<html><head><base href=\"javascript:alert(1)//\"></head><body><article><p><a href=\"x\">link</a> {}</p></article></body></html>",
        "Filler sentence that makes this an article with enough words, commas, and length. ".repeat(8)
    );
    let parsed = html::parse(page.as_bytes(), &Limits::default()).expect("parse");
    let out = lede::read(&parsed.page, Some("https://example.com/")).content_html;
    assert!(!out.contains("javascript"), "{out}");
}

#[test]
fn lazy_images_are_recovered() {
    let out = read_html(
        "<figure><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-src=\"/big.jpg\" alt=lazy><figcaption>Caption</figcaption></figure>\
         <img srcset=\"/s.jpg 400w, /l.jpg 1200w\" alt=set>",
        Some("https://example.com/"),
    );
    assert!(out.contains("src=\"https://example.com/big.jpg\""), "{out}");
    assert!(out.contains("src=\"https://example.com/l.jpg\""), "{out}");
    assert!(out.contains("<figcaption>Caption</figcaption>"), "{out}");
}

#[test]
fn text_is_escaped() {
    let out = read_html("<p>a &lt;b&gt; &amp; \"q\"</p>", None);
    assert!(out.contains("a &lt;b&gt; &amp; &quot;q&quot;"), "{out}");
}
