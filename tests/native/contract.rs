//! The browser walker (extension/src/content/walk.js) filters the DOM with
//! the same lists the Rust model uses; if they drifted, the two adapters
//! would build different models of the same page.

fn js_list(source: &str, name: &str) -> Vec<String> {
    let start = source.find(&format!("export const {name} = [")).unwrap_or_else(|| panic!("{name} not in walk.js"));
    let body = &source[start..];
    let body = &body[body.find('[').expect("[") + 1..body.find("];").expect("];")];
    body.split(',').map(|s| s.trim().trim_matches('\'').to_string()).filter(|s| !s.is_empty()).collect()
}

#[test]
fn walker_lists_equal_model_lists() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/src/content/walk.js");
    let source = std::fs::read_to_string(path).expect("walk.js");
    assert_eq!(js_list(&source, "KEPT_ATTRIBUTES"), lede::model::KEPT_ATTRIBUTES);
    assert_eq!(js_list(&source, "OPAQUE_TAGS"), lede::model::OPAQUE_TAGS);
}
