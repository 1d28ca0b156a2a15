//! Hostile input gets a clear error or a sane result, never a panic.

use crate::common::{lede, ok_stdout};
use lede::{adapter::html, Limits, LedeError};

fn nested(depth: usize) -> String {
    let mut page = String::from("<html><body>");
    page.push_str(&"<div>".repeat(depth));
    page.push_str("<p>Deep paragraph text that is long enough to be a sentence of an article.</p>");
    page.push_str(&"</div>".repeat(depth));
    page.push_str("</body></html>");
    page
}

#[test]
fn pathological_nesting_is_refused_with_numbers() {
    let out = lede(&["clean", "-"], Some(nested(100_000).as_bytes()));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nested too deeply: about 100002 levels, the limit is 4096"), "{err}");
    // Void elements and paragraphs the parser closes itself do not nest.
    let flat = "<p>x".repeat(20_000) + &"<br><img src=a><li>y".repeat(20_000);
    assert!(html::estimated_depth(&flat) < 5);
    // Tags inside scripts and comments are not markup.
    let script = format!("<script>{}</script><!-- {} --><p>ok", "'<div>'+".repeat(10_000), "<div>".repeat(10_000));
    assert!(html::estimated_depth(&script) < 5);
}

#[test]
fn deep_nesting_is_flattened_and_processed() {
    let depth = 3000;
    let page = nested(depth);
    let out = ok_stdout(&lede(&["clean", "-"], Some(page.as_bytes())));
    assert!(out.contains("Deep paragraph text"));
    let parsed = html::parse(page.as_bytes(), &Limits::default()).expect("parses");
    let max = parsed.page.ids().map(|id| parsed.page.node(id).depth).max().unwrap_or(0);
    assert!(max <= lede::DEFAULT_MAX_DEPTH, "depth {max}");
    lede::read(&parsed.page, None);
}

#[test]
fn oversized_input_is_refused_with_numbers() {
    let limits = Limits { max_bytes: 1000, ..Limits::default() };
    let big = format!("<p>{}</p>", "x".repeat(2000));
    match html::parse(big.as_bytes(), &limits) {
        Err(LedeError::TooLarge { what: "bytes", found, max: 1000 }) => assert_eq!(found, big.len()),
        Err(other) => panic!("wrong error {other}"),
        Ok(_) => panic!("oversized input accepted"),
    }
    let limits = Limits { max_nodes: 50, ..Limits::default() };
    let many = "<p>a</p>".repeat(100);
    assert!(matches!(html::parse(many.as_bytes(), &limits), Err(LedeError::TooLarge { what: "nodes", .. })));
}

#[test]
fn non_utf8_bytes_are_decoded_not_refused() {
    // windows-1252 bytes: "café" and a curly quote, with a charset declaration.
    let mut page = b"<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 \x93quoted\x94</p></body></html>".to_vec();
    let out = ok_stdout(&lede(&["clean", "-"], Some(&page)));
    assert!(out.contains("Café “quoted”"), "{out}");
    // Without a declaration, invalid UTF-8 still decodes (as windows-1252).
    page = b"<p>na\xefve</p>".to_vec();
    let out = ok_stdout(&lede(&["clean", "-"], Some(&page)));
    assert!(out.contains("naïve"), "{out}");
}

#[test]
fn malformed_html_is_repaired_by_the_parser() {
    let page = "<html><body><p>Unclosed <b>bold <i>italic</p><table><tr><td>cell<p>in cell</table><div></span></div>";
    let out = ok_stdout(&lede(&["clean", "-"], Some(page.as_bytes())));
    assert!(out.contains("Unclosed bold italic") && out.contains("cell"));
}

#[test]
fn pages_that_are_not_articles_are_left_alone() {
    let page = "<html><body><nav><a href=/a>Home</a> <a href=/b>About</a></nav><form><input type=email></form><p>Page not found</p></body></html>";
    let out = ok_stdout(&lede(&["clean", "-", "--format", "json"], Some(page.as_bytes())));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["hidden"].as_array().map(Vec::len), Some(0), "a bare error page keeps its message: {out}");
    let read = ok_stdout(&lede(&["read", "-"], Some(page.as_bytes())));
    let v: serde_json::Value = serde_json::from_str(&read).expect("json");
    assert_eq!(v["readerable"], false);
}
