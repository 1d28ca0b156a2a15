//! Each source of the reading view's metadata, one behaviour per test.

use lede::{adapter::html, Article, Limits};

/// A paragraph long enough to make any page an article.
fn body_text() -> String {
    "Filler sentence that makes this an article with enough words, commas, and length. ".repeat(8)
}

fn read(head: &str, body: &str) -> Article {
    let page = format!("<!DOCTYPE html><html><head>{head}</head><body>{body}<article><p>{}</p><p>{}</p></article></body></html>", body_text(), body_text());
    let parsed = html::parse(page.as_bytes(), &Limits::default()).expect("parse");
    lede::read(&parsed.page, Some("https://news.example/2025/story"))
}

#[test]
fn json_ld_gives_headline_author_publisher_date_description_image() {
    let a = read(
        r#"<title>Ignored - Site</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
        "headline":"The headline","author":[{"@type":"Person","name":"Ada One"},{"name":"Bo Two"}],
        "publisher":{"@type":"Organization","name":"The Daily"},"datePublished":"2025-04-19T08:00:00Z",
        "description":"What happened.","image":{"url":"/img/lead.jpg"}}</script>"#,
        "",
    );
    assert_eq!(a.title, "The headline");
    assert_eq!(a.byline.as_deref(), Some("Ada One, Bo Two"));
    assert_eq!(a.site_name.as_deref(), Some("The Daily"));
    assert_eq!(a.published_time.as_deref(), Some("2025-04-19T08:00:00Z"));
    assert_eq!(a.excerpt.as_deref(), Some("What happened."));
    assert_eq!(a.lead_image.as_deref(), Some("https://news.example/img/lead.jpg"));
}

#[test]
fn json_ld_in_a_graph_and_in_cdata_is_read() {
    let a = read(
        r#"<script type="application/ld+json"><![CDATA[{"@graph":[{"@type":"WebSite","name":"Site"},
        {"@type":"BlogPosting","headline":"From the graph","datePublished":"2024-01-02"}]}]]></script>"#,
        "",
    );
    assert_eq!(a.title, "From the graph");
    assert_eq!(a.published_time.as_deref(), Some("2024-01-02"));
}

#[test]
fn json_ld_name_wins_unless_only_the_headline_matches_the_page_title() {
    let a = read(
        r#"<title>List of films featuring time loops - Wikipedia</title><script type="application/ld+json">
        {"@type":"Article","name":"List of films featuring time loops","headline":"Wikimedia list article"}</script>"#,
        "",
    );
    assert_eq!(a.title, "List of films featuring time loops");
    let a = read(
        r#"<title>Vision Pro hands-on: the Retina moment | Site</title><script type="application/ld+json">
        {"@type":"Article","name":"Alex Author","headline":"Vision Pro hands-on: the Retina moment"}</script>"#,
        "",
    );
    assert_eq!(a.title, "Vision Pro hands-on: the Retina moment");
}

#[test]
fn a_plain_web_page_in_json_ld_is_not_an_article() {
    let a = read(r#"<title>A real headline of some length - Site</title><script type="application/ld+json">{"@type":"WebPage","name":"Site home"}</script>"#, "");
    assert_eq!(a.title, "A real headline of some length");
}

#[test]
fn open_graph_gives_title_and_site_name() {
    let a = read(
        r#"<title>Other - Site</title><meta property="og:title" content="OG title"><meta property="og:site_name" content="OG Site">"#,
        "",
    );
    assert_eq!(a.title, "OG title");
    assert_eq!(a.site_name.as_deref(), Some("OG Site"));
}

#[test]
fn dublin_core_title_comes_before_open_graph_and_later_elements_override() {
    let a = read(
        r#"<meta property="og:title" content="OG title"><meta name="DC.title" content="DC name title">
        <meta property="dc:title" content="DC property title">"#,
        "",
    );
    assert_eq!(a.title, "DC property title");
}

#[test]
fn space_separated_properties_file_under_their_first_known_key() {
    let a = read(
        r#"<meta property="x:title dc:title" content="Preferred"><meta property="og:title twitter:title" content="Other">
        <meta property="dc:creator twitter:site_name" content="Creator Name">"#,
        "",
    );
    assert_eq!(a.title, "Preferred");
    assert_eq!(a.byline.as_deref(), Some("Creator Name"));
    assert_eq!(a.site_name, None);
}

#[test]
fn meta_author_and_parsely_fields() {
    let a = read(
        r#"<meta name="parsely-title" content="Parsely title"><meta name="parsely-author" content="Jane Doe">
        <meta name="parsely-pub-date" content="2024-04-20T04:20:00.000Z">"#,
        "",
    );
    assert_eq!(a.title, "Parsely title");
    assert_eq!(a.byline.as_deref(), Some("Jane Doe"));
    assert_eq!(a.published_time.as_deref(), Some("2024-04-20T04:20:00.000Z"));
    let a = read(r#"<meta property="article:author" content="https://facebook.com/someone"><meta property="article:published_time" content="2023-05-06">"#, "");
    assert_eq!(a.byline, None, "a profile URL is not a name");
    assert_eq!(a.published_time.as_deref(), Some("2023-05-06"));
}

#[test]
fn title_element_loses_the_site_name_but_keeps_short_titles_whole() {
    assert_eq!(read("<title>A long enough headline about things | The Site</title>", "").title, "A long enough headline about things");
    assert_eq!(read("<title>Lorem ipsum dolor sit amet – My website</title>", "").title, "Lorem ipsum dolor sit amet");
    // Cutting would leave four words or fewer: the whole title stands.
    assert_eq!(read("<title>Mozilla - Wikipedia</title>", "").title, "Mozilla - Wikipedia");
    // The part after a colon, unless a heading repeats the whole title.
    assert_eq!(read("<title>Site news: A headline of several words</title>", "").title, "A headline of several words");
    assert_eq!(
        read("<title>Evolve: Shared Mutable History</title>", "<h1>Evolve: Shared Mutable History</h1>").title,
        "Evolve: Shared Mutable History"
    );
}

#[test]
fn the_only_h1_replaces_an_implausibly_short_title() {
    assert_eq!(read("<title>Home</title>", "<h1>The actual headline of the story</h1>").title, "The actual headline of the story");
}

#[test]
fn byline_element_prefers_its_itemprop_name_and_leaves_the_text() {
    let a = read("", r#"<div class="byline">By <span itemprop="name">Sam Writer</span> · 3 May</div>"#);
    assert_eq!(a.byline.as_deref(), Some("Sam Writer"));
    assert!(!a.text.contains("Sam Writer"), "{}", a.text);
    let a = read("", r#"<p><a rel="author" href="/sam">Sam Writer</a></p>"#);
    assert_eq!(a.byline.as_deref(), Some("Sam Writer"));
}

#[test]
fn byline_in_a_hidden_or_comment_box_is_not_the_authors() {
    let a = read("", r#"<div class="comments"><span class="author">Commenter</span></div><div hidden><span class="author">Ghost</span></div>"#);
    assert_eq!(a.byline, None);
}

#[test]
fn lang_and_dir_come_from_the_document_and_the_article() {
    let page = format!(
        "<html lang=\"ar\"><head><title>عنوان المقال الطويل هنا</title></head><body><div dir=\"rtl\"><p>{}</p><p>{}</p></div></body></html>",
        "نص عربي طويل بما فيه الكفاية، مع فواصل، وكلمات كثيرة جدا. ".repeat(10),
        "نص عربي طويل بما فيه الكفاية، مع فواصل، وكلمات كثيرة جدا. ".repeat(10)
    );
    let parsed = html::parse(page.as_bytes(), &Limits::default()).expect("parse");
    let a = lede::read(&parsed.page, None);
    assert_eq!(a.lang.as_deref(), Some("ar"));
    assert_eq!(a.dir.as_deref(), Some("rtl"));
}

#[test]
fn reading_time_counts_words_or_characters_by_language() {
    let english = "word ".repeat(456);
    assert_eq!(lede::read::reading_minutes(&english, Some("en-GB")), 2);
    let chinese = "北".repeat(510);
    assert_eq!(lede::read::reading_minutes(&chinese, Some("zh")), 2);
    assert_eq!(lede::read::reading_minutes("", Some("en")), 0);
    assert_eq!(lede::read::reading_minutes("one", None), 1);
}

#[test]
fn excerpt_falls_back_to_the_first_paragraph() {
    let a = read("<title>A long enough headline about things</title>", "");
    assert!(a.excerpt.as_deref().is_some_and(|e| e.starts_with("Filler sentence")), "{:?}", a.excerpt);
}

#[test]
fn readerable_needs_enough_visible_prose_outside_boilerplate() {
    let check = |body: &str| {
        let parsed = html::parse(format!("<html><body>{body}</body></html>").as_bytes(), &Limits::default()).expect("parse");
        lede::read::readerable(&parsed.page)
    };
    let long = "A sentence of prose that goes on. ".repeat(12);
    assert!(check(&format!("<p>{long}</p><p>{long}</p>")));
    let stub = "A sentence of prose that goes on. ".repeat(5);
    assert!(!check(&format!("<p>{stub}</p>")), "a stub of thirty-five words is not an article");
    assert!(!check(&format!("<p hidden>{long}</p><p style='display:none'>{long}</p>")));
    assert!(!check(&format!("<div class='sidebar'><p class='sidebar'>{long}</p></div><ul><li><p>{long}</p></li></ul>")));
    assert!(check(&format!("<div>{long}<br>{long}<br>{long}</div>")), "a div broken by <br> is a paragraph");
}
