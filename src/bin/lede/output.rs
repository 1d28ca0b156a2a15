//! Turning results into the text the CLI prints.

use crate::args::Format;
use html5ever::{ns, LocalName, QualName};
use lede::adapter::html::Parsed;
use lede::model::NodeId;
use lede::{text, Page};
use scraper::Node;

/// The stylesheet that hides marked blocks in `clean --format html`.
const HIDE_STYLE: &str = "<style id=\"lede-style\">[data-lede-hidden]{display:none!important}</style>";

/// `lede clean`: the page after hiding clutter, in the chosen format.
pub fn clean(mut parsed: Parsed, format: Format) -> anyhow::Result<String> {
    let report = lede::clean(&parsed.page);
    // A page that is not an article is left alone; the JSON says so in its
    // `article` and `why` fields, the other formats on standard error.
    if !report.article && format != Format::Json {
        eprintln!("lede: not an article ({}): nothing hidden", report.why);
    }
    Ok(match format {
        Format::Text => {
            let mut hidden = vec![false; parsed.page.len()];
            for h in &report.hidden {
                hidden[h.node.index()] = true;
            }
            let lines = text::visible_lines_in(&parsed.page, NodeId::ROOT, &|id| hidden[id.index()]);
            lines.into_iter().map(|l| l + "\n").collect()
        }
        Format::Json => serde_json::to_string_pretty(&report)? + "\n",
        Format::Html => {
            for h in &report.hidden {
                let origin = parsed.origin[h.node.index()];
                if let Some(mut node) = parsed.html.tree.get_mut(origin) {
                    if let Node::Element(el) = node.value() {
                        let attr = |name: &str| QualName::new(None, ns!(), LocalName::from(name));
                        el.attrs.push((attr("data-lede-hidden"), h.kind.as_str().into()));
                        el.attrs.push((attr("data-lede-reason"), h.reason.as_str().into()));
                    }
                }
            }
            let mut html = parsed.html.html();
            // Serialisation always writes a <head>: the style goes first in it.
            if let Some(start) = html.find("<head") {
                if let Some(end) = html[start..].find('>') {
                    html.insert_str(start + end + 1, HIDE_STYLE);
                }
            }
            html + "\n"
        }
        Format::Markdown => anyhow::bail!("clean has no markdown format"),
    })
}

/// `lede read`: the reading view, in the chosen format.
pub fn read(page: &Page, url: Option<&str>, format: Format) -> anyhow::Result<String> {
    let article = lede::read(page, url);
    Ok(match format {
        Format::Json => serde_json::to_string_pretty(&article)? + "\n",
        Format::Html => lede::read::render::html_page(&article),
        Format::Text => lede::read::render::plain_text(&article),
        Format::Markdown => lede::read::render::markdown(&article),
    })
}
