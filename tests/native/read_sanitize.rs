//! More of the reading view's sanitizer: what it unwraps, drops and
//! recovers, beyond the attack cases in `sanitizer.rs`.

use lede::{adapter::html, Limits};

fn filler() -> String {
    "Filler sentence that makes this an article with enough words, commas, and length. ".repeat(8)
}

fn content(head: &str, body: &str, url: Option<&str>) -> String {
    let page = format!(
        "<html><head><title>T</title>{head}</head><body><article><h1>T</h1>{body}<p>{}</p></article></body></html>",
        filler()
    );
    let parsed = html::parse(page.as_bytes(), &Limits::default()).expect("parse");
    lede::read(&parsed.page, url).content_html
}

#[test]
fn a_page_wrapped_in_a_form_keeps_its_text_but_no_control() {
    let page = format!(
        "<html><body><form action=\"/post\"><div><p>{}</p><p>{}</p><input name=q><button>Send</button>\
         <select><option>Choice</option></select><textarea>Typed</textarea></div></form></body></html>",
        filler(),
        filler()
    );
    let parsed = html::parse(page.as_bytes(), &Limits::default()).expect("parse");
    let out = lede::read(&parsed.page, None).content_html;
    assert!(out.contains("Filler sentence"), "{out}");
    for bad in ["<form", "<input", "<button", "Send", "<select", "Choice", "<textarea", "Typed", "action"] {
        assert!(!out.contains(bad), "{bad} passed: {out}");
    }
}

#[test]
fn hidden_boxes_stay_out() {
    let out = content(
        "",
        "<p>Shown <span aria-hidden=\"true\">ICON</span></p><div hidden>SECRET</div><p style=\"display: none\">GONE</p>",
        None,
    );
    for bad in ["ICON", "SECRET", "GONE"] {
        assert!(!out.contains(bad), "{bad} passed: {out}");
    }
    assert!(out.contains("Shown"), "{out}");
}

#[test]
fn figures_tables_code_quotes_and_lists_are_kept() {
    let out = content(
        "",
        "<figure><img src=\"/a.jpg\" alt=\"A\"><figcaption>Caption <em>here</em></figcaption></figure>\
         <table><caption>Data</caption><thead><tr><th colspan=\"2\">Head</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>\
         <pre><code>let x = 1;\n  x + 1</code></pre><blockquote><p>Quoted words</p></blockquote>\
         <ol start=\"3\"><li>Three</li><li>Four</li></ol><ul><li>Dot</li></ul>",
        Some("https://example.com/news/"),
    );
    for want in [
        "<figure><img src=\"https://example.com/a.jpg\" alt=\"A\"><figcaption>Caption <em>here</em></figcaption>",
        "<table><caption>Data</caption>",
        "<th colspan=\"2\">Head</th>",
        "<pre><code>let x = 1;\n  x + 1</code></pre>",
        "<blockquote><p>Quoted words</p>",
        "<ol start=\"3\"><li>Three</li>",
        "<ul><li>Dot</li>",
    ] {
        assert!(out.contains(want), "missing {want:?} in {out}");
    }
}

#[test]
fn picture_keeps_its_image_and_srcset_urls_may_hold_commas() {
    let out = content(
        "",
        "<figure><picture><source srcset=\"/s.webp\"><img src=\"/p.jpg\" alt=\"P\"></picture></figure>\
         <p><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"L\" \
         data-srcset=\"https://i.example/c_fill,w_320/l.jpg 320w, https://i.example/c_fit,w_800/l.jpg 800w\"></p>",
        Some("https://example.com/"),
    );
    assert!(out.contains("<img src=\"https://example.com/p.jpg\" alt=\"P\">"), "{out}");
    assert!(out.contains("src=\"https://i.example/c_fit,w_800/l.jpg\""), "{out}");
    assert!(!out.contains("<source"), "{out}");
}

#[test]
fn lazy_sources_beat_placeholders() {
    let out = content(
        "",
        "<p><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" data-lazy-src=\"/lazy.jpg\" alt=a> \
         <img data-original=\"/orig.jpg\" alt=b> <img src=\"/real.jpg\" data-src=\"/other.jpg\" alt=c></p>",
        Some("https://example.com/"),
    );
    assert!(out.contains("src=\"https://example.com/lazy.jpg\""), "{out}");
    assert!(out.contains("src=\"https://example.com/orig.jpg\""), "{out}");
    assert!(out.contains("src=\"https://example.com/real.jpg\""), "a real src stays: {out}");
}

#[test]
fn noscript_images_replace_their_stand_ins_once() {
    let out = content(
        "",
        // A blurred preview in a box, an empty stand-in, then the real image
        // in a noscript; an image alone in a noscript; and a noscript that
        // holds script-like markup but no image.
        "<figure><div><img src=\"/blur.jpg?q=20\"></div><img width=9><noscript><img src=\"/real.jpg\" alt=\"Real\" onerror=\"x()\"></noscript>\
         <figcaption>Caption</figcaption></figure>\
         <p>Text before. <noscript><img src=\"/only.jpg\" alt=o></noscript></p>\
         <noscript><p>Enable JavaScript</p><script>x()</script></noscript>",
        Some("https://example.com/a/"),
    );
    assert_eq!(out.matches("https://example.com/real.jpg").count(), 1, "{out}");
    assert!(!out.contains("blur.jpg"), "the preview gives way to the real image: {out}");
    assert!(out.contains("https://example.com/only.jpg"), "{out}");
    assert!(!out.contains("onerror") && !out.contains("Enable JavaScript") && !out.contains("x()"), "{out}");
}

#[test]
fn relative_base_resolves_against_the_page_url() {
    let out = content("<base href=\"/sub/\">", "<p><a href=\"x.html\">x</a> <img src=\"i.png\" alt=i></p>", Some("https://example.com/a/b"));
    assert!(out.contains("href=\"https://example.com/sub/x.html\""), "{out}");
    assert!(out.contains("src=\"https://example.com/sub/i.png\""), "{out}");
}

/// A host written in Unicode (an internationalised domain name) resolves
/// to its Punycode form, as in a browser, on a link, an image and the
/// page's own address.
#[test]
fn non_ascii_hosts_resolve() {
    let out = content(
        "",
        "<p><a href=\"https://bücher.de/x\">b</a> <img src=\"https://bücher.de/i.png\" alt=i> <a href=\"y\">y</a></p>",
        Some("https://café.example/a/"),
    );
    assert!(out.contains("href=\"https://xn--bcher-kva.de/x\""), "{out}");
    assert!(out.contains("src=\"https://xn--bcher-kva.de/i.png\""), "{out}");
    assert!(out.contains("href=\"https://xn--caf-dma.example/a/y\""), "{out}");
}

/// The table of link and image addresses shared with the browser tests
/// (`tests/cases/urls.rs`).
#[test]
fn url_cases_resolve_as_the_table_says() {
    let failures = crate::url_cases::url_case_failures(|page, url| {
        lede::read(&html::parse(page.as_bytes(), &Limits::default()).expect("parse").page, url).content_html
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn other_script_schemes_and_data_links_are_dropped() {
    let out = content(
        "",
        "<p><a href=\"vbscript:msgbox(1)\">vb</a> <a href=\"data:text/html;base64,PHNjcmlwdD4=\">d</a> \
         <a href=\"file:///etc/passwd\">f</a> <img src=\"javascript:alert(1)\" alt=j></p>",
        Some("https://example.com/"),
    );
    for bad in ["vbscript", "data:text", "file:", "javascript"] {
        assert!(!out.contains(bad), "{bad} passed: {out}");
    }
    assert!(out.contains(">vb</a>") || out.contains("vb"), "link text stays: {out}");
}

#[test]
fn dir_is_honoured_on_kept_elements() {
    let out = content("", "<p dir=\"rtl\">مرحبا بالعالم</p><p dir=\"evil\">x</p>", None);
    assert!(out.contains("<p dir=\"rtl\">"), "{out}");
    assert!(!out.contains("evil"), "{out}");
}

#[test]
fn ad_labels_and_loading_placeholders_are_left_out() {
    let out = content("", "<p>Before the break.</p><div><span>Advertisement</span></div><p>After it.</p><p>Loading…</p>", None);
    assert!(!out.contains("Advertisement"), "{out}");
    assert!(!out.contains("Loading"), "{out}");
    assert!(out.contains("Before the break.") && out.contains("After it."), "{out}");
}
