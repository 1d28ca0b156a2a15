// One walk of the live DOM into a page snapshot: the browser adapter of
// lede's page model (src/model.rs, `Page::from_snapshot`).
//
// The snapshot is two flat lists, so that it crosses into WebAssembly in one
// call, or into the background as one message where the page's CSP forbids
// WebAssembly in the content script (../shared/PLATFORM.md):
//   words:   [1, parent, attributeCount] per element, [2, parent] per text node
//   strings: tag, then name and value of each kept attribute; or the text
// `parent` is the parent's index in the same list, the document being 0.
// `nodes[i]` is the DOM node at index i, so decisions (which name snapshot
// indexes) can be applied to the page.
//
// The walker drops what the model drops anyway (comments, the content of
// opaque elements, unkept attributes) to keep the message small; the Rust
// builder applies the same rules again, so the two cannot disagree.

/** Attributes the model keeps: must equal `KEPT_ATTRIBUTES` in src/model.rs (a native test checks). */
export const KEPT_ATTRIBUTES = [
  'id', 'class', 'role', 'hidden', 'aria-hidden', 'aria-label', 'style', 'lang', 'dir', 'href',
  'src', 'srcset', 'alt', 'title', 'type', 'name', 'property', 'content', 'itemprop', 'itemtype',
  'datetime', 'rel', 'data-src', 'data-srcset', 'data-lazy-src', 'data-original', 'width',
  'height', 'colspan', 'rowspan', 'start', 'placeholder', 'action',
];

/** Elements whose content is not page text: must equal `OPAQUE_TAGS` in src/model.rs. */
export const OPAQUE_TAGS = [
  'script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg',
  'canvas', 'video', 'audio', 'select', 'textarea',
];

const ELEMENT = 1;
const TEXT = 2;
const KEPT = new Set(KEPT_ATTRIBUTES);
const OPAQUE = new Set(OPAQUE_TAGS);
const NO_NAMES = [];
/** Elements lede itself adds to a page (the reading view's host): never part of the page. */
export const UI_ATTRIBUTE = 'data-lede-ui';

function isJsonLd(el) {
  const type = el.getAttribute('type');
  return type !== null && type.trim().toLowerCase() === 'application/ld+json';
}

/**
 * Walks `doc` (a Document) in document order.
 * @returns {{words: Uint32Array, strings: string[], nodes: Node[]}}
 */
export function snapshot(doc = document) {
  const words = [];
  const strings = [];
  const nodes = [doc];
  // Iterative preorder walk: no recursion, so deep pages cannot overflow the stack.
  const stack = [];
  for (let c = doc.lastChild; c; c = c.previousSibling) stack.push(c, 0);
  while (stack.length) {
    const parent = stack.pop();
    const node = stack.pop();
    const type = node.nodeType;
    if (type === 1) {
      // getAttributeNames() rather than `attributes`: indexing the
      // NamedNodeMap makes the browser create an Attr node per attribute,
      // which was most of this walk's cost (tests/bench/browser.mjs).
      const names = node.hasAttributes() ? node.getAttributeNames() : NO_NAMES;
      if (names.includes(UI_ATTRIBUTE)) continue;
      const index = nodes.length;
      nodes.push(node);
      const tag = node.localName;
      strings.push(tag);
      let count = 0;
      for (let i = 0; i < names.length; i++) {
        const name = names[i];
        if (KEPT.has(name)) {
          strings.push(name, node.getAttribute(name));
          count++;
        }
      }
      words.push(ELEMENT, parent, count);
      if (OPAQUE.has(tag)) {
        if (tag === 'script' && isJsonLd(node)) {
          for (let c = node.lastChild; c; c = c.previousSibling) if (c.nodeType === 3) stack.push(c, index);
        } else if (tag === 'noscript') {
          // The model reads the images out of a noscript's markup
          // (src/model.rs, NOSCRIPT_MAX_IMAGES). Where script runs (every
          // live page) that markup is the noscript's one raw text; a
          // document without script (DOMParser) parsed it into nodes.
          // innerHTML gives the markup in both: raw text is serialized
          // as is where script runs, and nodes serialize back to markup.
          const markup = node.innerHTML;
          if (markup) {
            nodes.push(node);
            words.push(TEXT, index);
            strings.push(markup);
          }
        }
        continue;
      }
      // A <template>'s children live in its content fragment, and opaque
      // tags stop above; everything else descends.
      for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c, index);
    } else if (type === 3) {
      nodes.push(node);
      words.push(TEXT, parent);
      strings.push(node.data);
    }
  }
  return { words: Uint32Array.from(words), strings, nodes };
}

/**
 * The snapshot's strings as they cross into WebAssembly: one string and
 * each part's length in UTF-16 code units. One string crosses in one copy,
 * where an array of strings crosses one string at a time, each with its own
 * calls across the boundary and its own allocation (src/model.rs
 * `snapshot::split_utf16` takes it apart again).
 * @param {string[]} strings
 * @returns {{text: string, lengths: Uint32Array}}
 */
export function pack(strings) {
  const lengths = new Uint32Array(strings.length);
  for (let i = 0; i < strings.length; i++) lengths[i] = strings[i].length;
  return { text: strings.join(''), lengths };
}
