// Counting how often a text is visible on a page, run inside the page.
//
// A text node counts as visible when its element is rendered
// (`checkVisibility`, with `visibility: hidden` counted as hidden) and no
// ancestor carries `data-lede-hidden`. Texts are compared with all
// whitespace removed, so that a label spanning several elements
// ("Comments" + "No comment") matches their joined text. An occurrence is
// counted at the deepest element whose visible text contains the whole
// target, so a paragraph and the <div> around it count once together.

/** Page function: `counts(targets)` → number of visible occurrences of each target. */
export function countVisible(targets) {
  const squash = (s) => s.replace(/\s+/g, '');
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'HEAD']);
  const visibleText = new Map();
  const shown = (el) => !el.closest('[data-lede-hidden]') && el.checkVisibility({ visibilityProperty: true });
  // Post-order: each element's visible text is the join of its visible children's.
  const collect = (el) => {
    let text = '';
    const ok = !SKIP.has(el.tagName) && shown(el);
    for (const child of el.childNodes) {
      if (child.nodeType === 1) text += collect(child);
      else if (child.nodeType === 3 && ok) text += squash(child.data);
    }
    if (!ok) text = '';
    visibleText.set(el, text);
    return text;
  };
  collect(document.body);
  const occurrences = (hay, needle) => {
    let n = 0;
    for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) n++;
    return n;
  };
  const count = (el, needle) => {
    const text = visibleText.get(el) ?? '';
    if (!text.includes(needle)) return 0;
    let inChildren = 0;
    for (const child of el.children) inChildren += count(child, needle);
    return inChildren > 0 ? inChildren : occurrences(text, needle);
  };
  return targets.map((t) => count(document.body, squash(t)));
}

/**
 * What a page must show, from its labels: `[{text, want, what}]`, `want`
 * being the number of visible copies expected.
 */
export function expectations(labels) {
  const out = [];
  const seen = new Set();
  for (const text of labels.article_paragraphs) {
    out.push({ text, want: 1, what: 'article paragraph' });
    seen.add(text);
  }
  for (const c of labels.clutter) {
    // A duplicate with keep_copies 1 is also an article paragraph: one copy stays.
    if (seen.has(c.text)) continue;
    seen.add(c.text);
    out.push({ text: c.text, want: c.keep_copies ?? 0, what: `clutter (${c.kind})` });
  }
  return out;
}
