//! Synthetic news pages of a given size in DOM nodes, for showing how
//! lede's cost grows with page size: the native benchmarks
//! (`tests/bench/pipeline.rs`) and, as HTML files, the browser ones
//! (`cargo run --release --example synth -- 100000 > page.html`).
//!
//! The shape is a news page's: a navigation list, an article of sections
//! (a div with a heading) of paragraphs with an inline link and emphasis
//! (every twentieth paragraph an exact copy of an earlier one, so the
//! duplicate detector has work), a teaser list beside it and a footer.
//! Words are drawn from a fixed list by a seeded xorshift generator, so a
//! size always gives the same page. It is the page of the browser
//! benchmark's `tests/bench/synthetic.mjs`, byte for byte
//! (`scripts/bench-native.sh` compares them where Node.js is present).

/// The words paragraphs are made of.
const WORDS: &[&str] = &[
    "council", "budget", "harbour", "ferry", "school", "river", "bridge", "market", "minister", "report",
    "winter", "station", "museum", "library", "court", "hospital", "tender", "contract", "island", "valley",
    "evening", "service", "workers", "union", "growth", "traffic", "weather", "festival", "election", "mayor",
];

/// DOM nodes per paragraph: p, text, a, text, text, em, text, text.
const PARAGRAPH_NODES: f64 = 8.0;
/// DOM nodes per paragraph spent on its section (div, h2, text: 3 per 10).
const SECTION_NODES_PER_PARAGRAPH: f64 = 0.3;
/// Paragraphs per section.
const SECTION_PARAGRAPHS: usize = 10;
/// DOM nodes of the frame: head, navigation, headline, teaser list, footer.
const FRAME_NODES: f64 = 60.0;
/// Every this many paragraphs (from the twentieth), one is an exact copy
/// of the one `COPY_DISTANCE` before it.
const COPY_EVERY: usize = 20;
/// How far back a copied paragraph's original is.
const COPY_DISTANCE: usize = 15;

/// A 32-bit xorshift generator (the same sequence as the JavaScript one).
struct Xorshift(u32);

impl Xorshift {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0
    }

    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| WORDS[self.next() as usize % WORDS.len()]).collect::<Vec<_>>().join(" ")
    }
}

/// A page of about `target` DOM nodes (elements and texts, as a browser or
/// html5ever builds it; within a few nodes of it from 1,000 up).
pub fn synthetic(target: usize) -> String {
    let mut rng = Xorshift(0x2545_f491);
    let head = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Synthetic page of {target} nodes</title></head><body>"
    );
    let nav: String = ["News", "Sport", "Culture", "Weather"]
        .iter()
        .map(|s| format!("<li><a href=\"/{}\">{s}</a></li>", s.to_lowercase()))
        .collect();
    let nav = format!("<header><nav><ul>{nav}</ul></nav></header>");
    let paragraphs = (((target as f64 - FRAME_NODES) / (PARAGRAPH_NODES + SECTION_NODES_PER_PARAGRAPH)).floor() as usize).max(1);
    let mut written: Vec<String> = Vec::with_capacity(paragraphs);
    let mut body = String::new();
    for i in 0..paragraphs {
        if i % SECTION_PARAGRAPHS == 0 {
            let close = if i > 0 { "</div>" } else { "" };
            body += &format!("{close}<div class=\"section\"><h2>{}</h2>", rng.words(4));
        }
        let p = if i >= COPY_EVERY && i % COPY_EVERY == 0 {
            written[i - COPY_DISTANCE].clone()
        } else {
            // Drawn in this order (the JavaScript template's).
            let (a, b, c, d, e) = (rng.words(18), rng.words(3), rng.words(12), rng.words(2), rng.words(8));
            format!("The {a} <a href=\"/story/{i}\">{b}</a> {c} <em>{d}</em> {e}.")
        };
        body += &format!("<p>{p}</p>");
        written.push(p);
    }
    body += "</div>";
    let teasers: String = (0..6).map(|i| format!("<li><a href=\"/more/{i}\">{}</a></li>", rng.words(6))).collect();
    let teasers = format!("<aside><h2>More stories</h2><ul>{teasers}</ul></aside>");
    let footer = "<footer><p>© Synthetic News. All rights reserved.</p></footer>";
    let headline = rng.words(6);
    format!("{head}{nav}<main><article><h1>{headline}</h1>{body}</article>{teasers}</main>{footer}</body></html>")
}
