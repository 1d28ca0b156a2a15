// The reading view: an overlay over the page, toggled from the toolbar
// button or the keyboard shortcut (through the background), closed again by
// the same toggle or Escape.
//
// The overlay is one element marked `data-lede-ui` (so the snapshot walker
// skips it) holding a closed shadow root; the page itself is not touched,
// and closing removes the element and puts the scroll position and focus
// back where they were. `content_html` comes sanitised from the Rust side
// (src/read), so it is inserted as is.

import { READER_CSS } from './style.js';

/** The open overlay: {host, close}; null when closed. */
let current = null;
/** Set while the article is being computed, so a second toggle does not open two. */
let pending = null;

/**
 * Opens the reading view, computing the article with `compute()`, or closes
 * it if it is open.
 * @param {() => Promise<object>} compute resolves to the `read` result
 * @returns {Promise<boolean>} whether the view is open afterwards
 */
export async function toggle(compute) {
  if (current) {
    current.close();
    return false;
  }
  if (pending) return pending;
  pending = (async () => {
    try {
      const article = await compute();
      open(article);
      return true;
    } finally {
      pending = null;
    }
  })();
  return pending;
}

/** Whether the reading view is open. */
export function isOpen() {
  return current !== null;
}

function el(doc, tag, props = {}, children = []) {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

function formatDate(value, lang) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  try {
    return date.toLocaleDateString(lang || undefined, { year: 'numeric', month: 'long', day: 'numeric' });
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

function open(article, doc = document) {
  const scroll = { x: window.scrollX, y: window.scrollY };
  const focused = doc.activeElement;

  const title = article.title || doc.title || '';
  const host = el(doc, 'div', {
    'data-lede-ui': 'reader',
    role: 'dialog',
    'aria-modal': 'true',
    'aria-label': title || 'Reading view',
  });
  const root = host.attachShadow({ mode: 'closed' });

  const style = doc.createElement('style');
  style.textContent = READER_CSS;

  const meta = [article.byline, article.site_name, formatDate(article.published_time, article.lang)]
    .filter((s) => typeof s === 'string' && s.trim())
    .map((s) => el(doc, 'span', { text: s.trim() }));
  if (article.reading_minutes > 0) meta.push(el(doc, 'span', { text: `${article.reading_minutes} min read` }));

  const content = el(doc, 'div', { class: 'content' });
  if (article.content_html) content.innerHTML = article.content_html;
  else content.append(el(doc, 'p', { class: 'empty', text: 'lede found no article on this page.' }));

  const articleProps = {};
  if (article.lang) articleProps.lang = article.lang;
  if (article.dir) articleProps.dir = article.dir;
  const closeButton = el(doc, 'button', { type: 'button', text: 'Close (Esc)' });
  const backdrop = el(doc, 'div', { class: 'backdrop', tabindex: '-1' }, [
    el(doc, 'div', { class: 'bar' }, [closeButton]),
    el(doc, 'article', articleProps, [el(doc, 'h1', { text: title }), el(doc, 'p', { class: 'meta' }, meta), content]),
  ]);
  root.append(style, backdrop);

  const onKey = (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      close();
    }
  };
  function close() {
    if (current?.host !== host) return;
    current = null;
    doc.removeEventListener('keydown', onKey, true);
    host.remove();
    window.scrollTo(scroll.x, scroll.y);
    if (focused && focused.isConnected && typeof focused.focus === 'function') focused.focus({ preventScroll: true });
  }
  closeButton.addEventListener('click', close);
  doc.addEventListener('keydown', onKey, true);

  // On <html> rather than <body>: a transformed or hidden body cannot trap it.
  doc.documentElement.append(host);
  backdrop.focus({ preventScroll: true });
  current = { host, close };
}

/** Closes the reading view if it is open. */
export function close() {
  current?.close();
}
