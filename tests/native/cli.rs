//! The `lede` binary: formats, standard input, and one-line errors.

use crate::common::{lede, ok_stdout, shared};

fn seed() -> String {
    shared().join("corpora/seeds/menafn-envoy.html").to_string_lossy().into_owned()
}

fn one_line_error(out: &std::process::Output) -> String {
    assert!(!out.status.success(), "expected failure");
    assert!(out.stdout.is_empty(), "nothing on stdout when failing");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.starts_with("lede: "), "error line: {err}");
    err
}

#[test]
fn reads_standard_input() {
    let bytes = std::fs::read(seed()).expect("seed");
    let from_file = ok_stdout(&lede(&["clean", &seed()], None));
    let from_stdin = ok_stdout(&lede(&["clean", "-"], Some(&bytes)));
    assert_eq!(from_file, from_stdin);
}

#[test]
fn every_read_format_renders_the_article() {
    let title = "White House clarifies objective of envoy’s Russia visit";
    let first = "The White House has confirmed that Steve Witkoff";
    for format in ["json", "html", "text", "markdown"] {
        let out = ok_stdout(&lede(&["read", &seed(), "--format", format], None));
        assert!(out.contains(title), "{format}: title");
        assert!(out.contains(first), "{format}: body");
        assert!(!out.contains("without warranty"), "{format}: the disclaimer is not article");
    }
    let md = ok_stdout(&lede(&["read", &seed(), "--format", "markdown"], None));
    assert!(md.starts_with(&format!("# {title}\n")));
    let html = ok_stdout(&lede(&["read", &seed(), "--format", "html"], None));
    assert!(html.starts_with("<!DOCTYPE html>") && !html.contains("<script") && !html.contains("http-equiv=\"refresh\""));
}

#[test]
fn missing_file_is_one_clear_line() {
    let err = one_line_error(&lede(&["clean", "/nonexistent/page.html"], None));
    assert!(err.contains("cannot read /nonexistent/page.html"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn input_that_is_not_html_is_refused() {
    for (input, why) in [
        (&b""[..], "empty"),
        (&b"just some words, no markup at all"[..], "no HTML tags"),
        (&b"\x00\x01\x02\x03\x04\x05PK\x03\x04binary\x00\x00\x00"[..], "binary"),
    ] {
        let err = one_line_error(&lede(&["clean", "-"], Some(input)));
        assert!(err.contains("not HTML") && err.contains(why), "{err}");
    }
}

#[test]
fn bad_arguments_are_errors() {
    let err = one_line_error(&lede(&["clean", &seed(), "--format", "pdf"], None));
    assert!(err.contains("unknown format"));
    let err = one_line_error(&lede(&["shred", &seed()], None));
    assert!(err.contains("unknown command"));
    let err = one_line_error(&lede(&["read", &seed(), "--url", "not a url"], None));
    assert!(err.contains("bad --url"));
    one_line_error(&lede(&["clean", &seed(), "--format", "markdown"], None));
    one_line_error(&lede(&["clean"], None));
}

#[test]
fn a_page_url_with_a_non_ascii_host_is_accepted() {
    let out = ok_stdout(&lede(&["read", &seed(), "--url", "https://bücher.de/news/1", "--format", "json"], None));
    assert!(out.contains("\"title\""), "{out}");
}

#[test]
fn clean_leaves_a_page_that_is_not_an_article_alone_and_says_why() {
    let front = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/pages/front-page.html");
    let json: serde_json::Value = serde_json::from_str(&ok_stdout(&lede(&["clean", front, "--format", "json"], None))).expect("json");
    assert_eq!(json["article"], false, "{json}");
    assert!(json["why"].as_str().is_some_and(|w| !w.is_empty()), "{json}");
    assert!(json["hidden"].as_array().is_some_and(Vec::is_empty), "{json}");
    // The same verdict as `lede read`'s readerable.
    let read: serde_json::Value = serde_json::from_str(&ok_stdout(&lede(&["read", front], None))).expect("json");
    assert_eq!(read["readerable"], false);
    // The text format prints the page as it is and says why on standard error.
    let out = lede(&["clean", front, "--format", "text"], None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an article"), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Harbour bridge reopens"));
    // An article says it is one.
    let seed: serde_json::Value = serde_json::from_str(&ok_stdout(&lede(&["clean", &seed(), "--format", "json"], None))).expect("json");
    assert_eq!(seed["article"], true);
}
