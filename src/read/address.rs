//! Absolute URLs for the reading view: parsing a page's address, resolving
//! links and image sources against it, and reading a URL's scheme.
//!
//! One interface, two implementations of the same standard (the WHATWG URL
//! Standard, <https://url.spec.whatwg.org/>):
//!
//! - natively, the `url` crate;
//! - in the browser (`wasm32`), the browser's own URL parser (`new URL(input,
//!   base)` through web-sys), which every page the extension sees has
//!   already been parsed with. Carrying the `url` crate and its IDNA code in
//!   the module would add about 40 KB to every page view's download and
//!   compile for a parser the browser already has.
//!
//! Both resolve the same input to the same URL, so the reading view's
//! decisions (which links and images keep their address) do not depend on
//! where it runs; `tests/web.rs` checks a table of cases in both browsers
//! against the native results.

#[cfg(not(target_arch = "wasm32"))]
use native as imp;
#[cfg(target_arch = "wasm32")]
use web as imp;

/// An absolute URL, as the standard serializes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address(imp::Inner);

/// Why a string is not an absolute URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unparsed {
    /// It has no scheme: a relative reference, which needs a base.
    Relative,
    /// It has a scheme but is not a valid URL.
    Invalid,
}

impl Address {
    /// Parses an absolute URL.
    pub fn parse(input: &str) -> Result<Address, Unparsed> {
        imp::parse(input).map(Address)
    }

    /// Resolves `input` (relative or absolute) against this URL, as a
    /// browser resolves a link on the page at this address; `None` when the
    /// result is not a valid URL.
    pub fn join(&self, input: &str) -> Option<Address> {
        imp::join(&self.0, input).map(Address)
    }

    /// The URL, serialized (`href`).
    pub fn as_str(&self) -> &str {
        imp::href(&self.0)
    }

    /// The scheme, lower case, without its colon (`https`, `mailto`, `data`).
    pub fn scheme(&self) -> &str {
        // A serialized URL always starts with its scheme and a colon.
        let href = self.as_str();
        &href[..href.find(':').unwrap_or(0)]
    }
}

/// The scheme of `input` and what follows its colon, as slices of it
/// (the scheme may hold tabs and newlines), or `None` when it has no scheme:
/// `letter (letter | digit | + | - | .)* :` once the characters the
/// standard's parser ignores are left out (leading C0 controls and spaces,
/// ASCII tabs and newlines anywhere). The parser's "scheme start" and
/// "scheme" states (<https://url.spec.whatwg.org/#scheme-start-state>):
/// without a scheme, an input needs a base.
#[cfg(any(target_arch = "wasm32", test))]
fn split_scheme(input: &str) -> Option<(&str, &str)> {
    let input = input.trim_start_matches(|c: char| c <= ' ');
    let mut started = false;
    for (i, c) in input.char_indices() {
        match c {
            '\t' | '\n' | '\r' => {}
            'a'..='z' | 'A'..='Z' => started = true,
            '0'..='9' | '+' | '-' | '.' if started => {}
            ':' if started => return Some((&input[..i], &input[i + 1..])),
            _ => return None,
        }
    }
    None
}

/// `s` without the ASCII tabs and newlines the parser ignores.
#[cfg(any(target_arch = "wasm32", test))]
fn unblanked(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'))
}

/// True when resolving `input` against `base` (an href) gives what parsing
/// `input` alone gives, by the standard's "scheme" state: the input names
/// a scheme other than the base's, or one that is not special, or names
/// the base's special scheme followed by `//` (an authority; `file` aside,
/// whose rules look at the base anyway). Most links on a page are of the
/// last kind (`https://…` on an `https` page).
#[cfg(any(target_arch = "wasm32", test))]
fn resolves_without_base(base: &str, input: &str) -> bool {
    let Some((scheme, rest)) = split_scheme(input) else { return false };
    let scheme = || unblanked(scheme).map(|c| c.to_ascii_lowercase());
    let base_scheme = &base[..base.find(':').unwrap_or(0)];
    if !scheme().eq(base_scheme.chars()) || !SPECIAL_SCHEMES.iter().any(|s| scheme().eq(s.chars())) {
        return true;
    }
    base_scheme != "file" && unblanked(rest).take(2).eq("//".chars())
}

/// Schemes the standard calls special: their host is a domain or an IP
/// address, never an opaque string.
#[cfg(any(target_arch = "wasm32", test))]
const SPECIAL_SCHEMES: &[&str] = &["http", "https", "ws", "wss", "ftp", "file"];

/// False when `href` (a browser's serialization) has a special scheme and a
/// `%` in its host, which the standard never allows there: `%` is a
/// forbidden domain code point, checked after percent-decoding. Chromium
/// percent-encodes characters the standard refuses in a host (a space, `<`,
/// `>`, `|`, …; <https://github.com/whatwg/url/issues/159>) instead of
/// failing, so `http://Photo Diary/` became a link to `http://photo%20diary/`
/// there while the `url` crate and Firefox refuse it (two WCXB pages' reading
/// views differed by one such link each).
#[cfg(any(target_arch = "wasm32", test))]
fn host_is_standard(href: &str) -> bool {
    let bytes = href.as_bytes();
    let Some(colon) = bytes.iter().position(|&b| b == b':') else { return true };
    if !SPECIAL_SCHEMES.contains(&&href[..colon]) || !bytes[colon + 1..].starts_with(b"//") {
        return true;
    }
    // The authority runs to the path, query or fragment; userinfo ends at
    // its last `@` (one inside userinfo is written `%40`), the host follows.
    let mut percent_in_host = false;
    for &b in bytes[colon + 3..].iter().take_while(|&&b| !matches!(b, b'/' | b'?' | b'#')) {
        match b {
            b'@' => percent_in_host = false,
            b'%' => percent_in_host = true,
            _ => {}
        }
    }
    !percent_in_host
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::Unparsed;

    pub type Inner = url::Url;

    pub fn parse(input: &str) -> Result<Inner, Unparsed> {
        url::Url::parse(input).map_err(|e| match e {
            url::ParseError::RelativeUrlWithoutBase => Unparsed::Relative,
            _ => Unparsed::Invalid,
        })
    }

    pub fn join(base: &Inner, input: &str) -> Option<Inner> {
        base.join(input).ok()
    }

    pub fn href(url: &Inner) -> &str {
        url.as_str()
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use super::{host_is_standard, resolves_without_base, split_scheme, Unparsed};

    /// The serialized URL (`href`): all the reading view needs of it, and
    /// what a base is handed to the browser's parser as.
    pub type Inner = String;

    pub fn parse(input: &str) -> Result<Inner, Unparsed> {
        match web_sys::Url::new(input).map(|url| url.href()) {
            Ok(href) if host_is_standard(&href) => Ok(href),
            // Parsed, so it has a scheme, but the standard refuses it.
            Ok(_) => Err(Unparsed::Invalid),
            // The browser's TypeError does not say why; the scheme does, as
            // in the standard's parser (no scheme and no base: failure).
            Err(_) if split_scheme(input).is_some() => Err(Unparsed::Invalid),
            Err(_) => Err(Unparsed::Relative),
        }
    }

    pub fn join(base: &Inner, input: &str) -> Option<Inner> {
        // Handing the base over costs the browser a parse of it on every
        // call (Firefox: about 2 of 5 µs a link), so it is left out where
        // the standard would not use it.
        let url = if resolves_without_base(base, input) {
            web_sys::Url::new(input)
        } else {
            web_sys::Url::new_with_base(input, base)
        };
        url.ok().map(|url| url.href()).filter(|href| host_is_standard(href))
    }

    pub fn href(url: &Inner) -> &str {
        url
    }
}

/// The native implementation's cases; `tests/cases/urls.rs` holds the
/// table that both implementations are checked against.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_a_browser() {
        let base = Address::parse("https://news.example/world/story.html?x=1#top").unwrap();
        let cases = [
            ("../img/a.jpg", Some("https://news.example/img/a.jpg")),
            ("?page=2", Some("https://news.example/world/story.html?page=2")),
            ("//cdn.example/a b.png", Some("https://cdn.example/a%20b.png")),
            ("HTTP://Other.Example:80/", Some("http://other.example/")),
            ("mailto:desk@news.example", Some("mailto:desk@news.example")),
            ("javascript:alert(1)", Some("javascript:alert(1)")),
            ("https://exa mple.com/", None),
            ("http://[::1", None),
        ];
        for (input, want) in cases {
            assert_eq!(base.join(input).as_ref().map(Address::as_str), want, "{input}");
        }
        assert_eq!(base.join("javascript:alert(1)").unwrap().scheme(), "javascript");
        assert_eq!(Address::parse("data:image/png;base64,AAAA").unwrap().scheme(), "data");
    }

    /// Hosts written in Unicode (internationalised domain names) resolve
    /// to their Punycode form, as in a browser's address bar.
    #[test]
    fn non_ascii_hosts_resolve() {
        let base = Address::parse("https://bücher.de/x").unwrap();
        assert_eq!(base.as_str(), "https://xn--bcher-kva.de/x");
        assert_eq!(base.join("/y").unwrap().as_str(), "https://xn--bcher-kva.de/y");
        let other = Address::parse("https://news.example/").unwrap();
        assert_eq!(other.join("https://bücher.de/x").unwrap().as_str(), "https://xn--bcher-kva.de/x");
    }

    #[test]
    fn without_a_base_a_relative_reference_is_told_from_an_invalid_url() {
        assert_eq!(Address::parse("/a/b.html"), Err(Unparsed::Relative));
        assert_eq!(Address::parse("Jane Doe"), Err(Unparsed::Relative));
        assert_eq!(Address::parse("http://exa mple.com/"), Err(Unparsed::Invalid));
        assert_eq!(Address::parse("https://example.com/").unwrap().as_str(), "https://example.com/");
    }

    /// Where [`resolves_without_base`] says the base plays no part, the
    /// `url` crate gives the same URL with and without it.
    #[test]
    fn base_is_left_out_only_where_the_standard_ignores_it() {
        let bases = ["https://news.example/a/b.html?q#f", "http://news.example/", "file:///C:/x/y", "foo://h/p"];
        let inputs = [
            "https://other.example/x", "HTTPS://other.example/x", "ht\ttps:/\n/other.example/x", "https:x", "https:/x",
            "https:\\\\other.example\\x", "http://other.example/", "http:x", "file:///etc/x", "file:x", "mailto:a@b",
            "javascript:alert(1)", "data:,x", "foo:bar", "foo://h2/q", "Foo:/q", "//cdn.example/x", "/x", "x", "?q", "#f",
            " https://other.example/", "wss://w.example/", "ftp:x", "https://exa mple.com/", "https://[::1",
        ];
        let mut skipped = 0;
        for base in bases {
            let url = url::Url::parse(base).unwrap();
            for input in inputs {
                if resolves_without_base(url.as_str(), input) {
                    skipped += 1;
                    assert_eq!(url::Url::parse(input).ok(), url.join(input).ok(), "{input:?} against {base:?}");
                }
            }
        }
        assert!(skipped > 40, "only {skipped} pairs skip the base");
        let https = "https://news.example/";
        assert!(resolves_without_base(https, "https://other.example/x") && !resolves_without_base(https, "https:x"));
        assert!(!resolves_without_base(https, "https:/x") && !resolves_without_base(https, "/x"));
    }

    /// Every URL the `url` crate accepts has a standard host; Chromium's
    /// escaped hosts do not.
    #[test]
    fn host_check_refuses_only_escaped_special_hosts() {
        for input in [
            "https://news.example/a%20b?c=%25#%",
            "https://user:p%40ss@news.example:8080/",
            "http://[::1]/",
            "http://192.168.0.1/",
            "https://bücher.de/",
            "mailto:a%20b@news.example",
            "data:text/plain,100%25",
            "foo://op%20aque/",
            "file:///C:/a%20b",
        ] {
            let href = Address::parse(input).unwrap();
            assert!(host_is_standard(href.as_str()), "{input}");
        }
        for href in ["http://photo%20diary/", "https://a%3Cb.example/x", "http://u@a%7Cb:81/", "wss://a%20b"] {
            assert!(!host_is_standard(href), "{href}");
        }
    }

    /// The browser build tells a relative reference from an invalid URL by
    /// [`split_scheme`]; it must agree with the `url` crate's own
    /// verdict.
    #[test]
    fn scheme_test_agrees_with_the_url_crate() {
        let inputs = [
            "", " ", "a", "a:", "a:b", "1a:b", "+a:b", "ab+-.c:d", "a b:c", "a_b:c", "\t\nh\tt\ntp://x", " \u{1}http://x",
            "http//x", "//x", "/x", "?x", "#x", "x/y:z", "é:x", "http", "http:", "C:\\x", "mailto:a@b", "Jane Doe",
            "http://exa mple.com/", "http://[::1", "ht%74p://x", "data:,x",
        ];
        for input in inputs {
            let relative = matches!(url::Url::parse(input), Err(url::ParseError::RelativeUrlWithoutBase));
            assert_eq!(split_scheme(input).is_some(), !relative, "{input:?}");
        }
    }
}
