// The reading view: an overlay over the page, toggled from the toolbar
// button, the popup or the keyboard shortcut (through the background),
// closed again by the same toggle, its close button or Escape.
//
//   <html>
//     … the page, untouched and alive …
//     <div data-lede-ui="reader" role="dialog" aria-modal="true" aria-label=TITLE>
//       <style>PRINT_CSS</style>               (page-level print rules; not rendered)
//       #shadow-root (closed)
//         <style>READER_CSS</style>
//         <div class="view" dir=ARTICLE_DIR data-theme data-font data-images tabindex=-1>
//           <section class="toolbar" aria-label=…>   theme, font, size, spacing,
//                                                      width, images, print, copy, close
//           <main><article lang dir>
//             <header><h1>title</h1><p class="meta">byline · site · date · minutes</p></header>
//             <div class="content">content_html</div>
//
// The host is the only element lede adds to the page; closing removes it and
// puts scroll position and focus back. Nothing else on the page changes:
// the overlay is fixed and scrolls itself, so the page's own overflow is
// never touched. `content_html` comes sanitized from the Rust side
// (src/read/sanitize.rs) and is inserted as is; every other string (title,
// byline, UI text) goes in as text, never as markup.
//
// The reader's choices (theme, font, size, line height, width, images) are
// `settings.reader` (shared/settings.js, storage.sync): applied as soon as
// they are clicked, saved, and followed when they change elsewhere.

import { api } from '../shared/browser.js';
import { DEFAULTS, FONT_SIZE, LINE_HEIGHT, LINE_WIDTH, loadSettings, normalizeSettings, onChange, saveSettings } from '../shared/settings.js';
import { PRINT_CSS, READER_CSS } from './style.js';

/** How long "Copied" stays in the toolbar, in milliseconds. */
const STATUS_MS = 4000;

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
      const [article, settings] = await Promise.all([compute(), loadSettings().catch(() => normalizeSettings(null))]);
      open(article, settings.reader);
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

/** Closes the reading view if it is open. */
export function close() {
  current?.close();
}

/** A UI string from _locales (the key itself if it is missing, so a gap shows). */
function t(key, substitutions) {
  return api.i18n.getMessage(key, substitutions) || key;
}

function el(doc, tag, props = {}, children = []) {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

/** The publication date in the browser's language, or null when it does not parse. */
function formatDate(value) {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  try {
    return date.toLocaleDateString(api.i18n.getUILanguage() || undefined, { year: 'numeric', month: 'long', day: 'numeric' });
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

const clean = (s) => (typeof s === 'string' && s.trim() ? s.trim() : null);
const DIRS = new Set(['ltr', 'rtl']);

/** Elements a person can Tab to inside the view, in order. */
const FOCUSABLE = 'button:not(:disabled), a[href], [tabindex]:not([tabindex="-1"]), summary, audio[controls], video[controls]';

function header(doc, article, title) {
  const meta = [clean(article.byline), clean(article.site_name)].filter(Boolean).map((s) => el(doc, 'span', { text: s }));
  const date = formatDate(article.published_time);
  if (date) meta.push(el(doc, 'time', { datetime: article.published_time, text: date }));
  if (article.reading_minutes > 0) meta.push(el(doc, 'span', { text: t('readerMinutes', [String(article.reading_minutes)]) }));
  const children = [el(doc, 'h1', { text: title })];
  if (meta.length) children.push(el(doc, 'p', { class: 'meta' }, meta));
  return el(doc, 'header', {}, children);
}

/**
 * The toolbar and what each control does to `reader` (a settings.reader
 * object): `{toolbar, sync(reader)}`, sync updating pressed and disabled
 * states after a change.
 */
function toolbar(doc, { change, print, copy, close }) {
  const buttons = [];
  const button = (text, action, value, label) => {
    const b = el(doc, 'button', { type: 'button', 'data-action': action, 'data-value': value, 'aria-label': label, text });
    buttons.push(b);
    return b;
  };
  let groups = 0;
  const group = (name, children) => {
    const id = `group-${++groups}`;
    return el(doc, 'div', { class: 'group', role: 'group', 'aria-labelledby': id }, [el(doc, 'span', { class: 'label', id, text: name }), ...children]);
  };
  const bar = el(doc, 'section', { class: 'toolbar', 'aria-label': t('readerControls') }, [
    group(t('readerTheme'), [
      button(t('readerThemeSystem'), 'theme', 'system'),
      button(t('readerThemeLight'), 'theme', 'light'),
      button(t('readerThemeSepia'), 'theme', 'sepia'),
      button(t('readerThemeDark'), 'theme', 'dark'),
    ]),
    group(t('readerFont'), [button(t('readerFontSerif'), 'font', 'serif'), button(t('readerFontSans'), 'font', 'sans')]),
    group(t('readerSize'), [button('A−', 'fontSize', '-1', t('readerSmaller')), button('A+', 'fontSize', '+1', t('readerLarger'))]),
    group(t('readerSpacing'), [button('−', 'lineHeight', '-1', t('readerSpacingLess')), button('+', 'lineHeight', '+1', t('readerSpacingMore'))]),
    group(t('readerWidth'), [button('−', 'width', '-1', t('readerNarrower')), button('+', 'width', '+1', t('readerWider'))]),
    button(t('readerImages'), 'images', 'toggle'),
    button(t('readerPrint'), 'print'),
    button(t('readerCopy'), 'copy'),
    el(doc, 'span', { class: 'status', role: 'status' }),
    el(doc, 'span', { class: 'end' }, [button(t('readerClose'), 'close')]),
  ]);
  const steps = { fontSize: FONT_SIZE, lineHeight: LINE_HEIGHT, width: LINE_WIDTH };
  bar.addEventListener('click', (event) => {
    const b = event.target.closest?.('button[data-action]');
    if (!b) return;
    const { action, value } = b.dataset;
    if (action === 'theme' || action === 'font') change((r) => ({ [action]: value }));
    else if (action === 'images') change((r) => ({ images: !r.images }));
    else if (action in steps) change((r) => ({ [action]: step(r[action], steps[action], Number(value)) }));
    else if (action === 'print') print();
    else if (action === 'copy') copy();
    else if (action === 'close') close();
  });
  const sync = (r) => {
    for (const b of buttons) {
      const { action, value } = b.dataset;
      if (action === 'theme' || action === 'font') b.setAttribute('aria-pressed', String(r[action] === value));
      else if (action === 'images') b.setAttribute('aria-pressed', String(r.images));
      else if (action in steps) b.disabled = step(r[action], steps[action], Number(value)) === r[action];
    }
  };
  return { bar, sync, status: bar.querySelector('.status') };
}

/** `value` moved `direction` steps within `{min, max, step}`, rounded to the step's precision. */
function step(value, { min, max, step: size }, direction) {
  const next = Math.min(max, Math.max(min, value + direction * size));
  return Math.round(next * 10) / 10;
}

function open(article, initialReader, doc = document) {
  const win = doc.defaultView;
  const scroll = { x: win.scrollX, y: win.scrollY };
  const focused = doc.activeElement;
  let reader = { ...DEFAULTS.reader, ...initialReader };

  const title = clean(article.title) ?? clean(doc.title) ?? '';
  const dir = DIRS.has(article.dir) ? article.dir : null;
  const host = el(doc, 'div', {
    'data-lede-ui': 'reader',
    role: 'dialog',
    'aria-modal': 'true',
    'aria-label': title || t('readerDialog'),
  });
  host.append(el(doc, 'style', { text: PRINT_CSS }));
  const root = host.attachShadow({ mode: 'closed' });

  const content = el(doc, 'div', { class: 'content' });
  if (article.content_html) content.innerHTML = article.content_html;
  else content.append(el(doc, 'p', { class: 'empty', text: t('readerEmpty') }));

  let statusTimer = 0;
  const say = (text) => {
    clearTimeout(statusTimer);
    tools.status.textContent = text;
    statusTimer = setTimeout(() => (tools.status.textContent = ''), STATUS_MS);
  };
  // Saves run one after another, each the whole reader object, so quick
  // clicks cannot interleave their read-merge-write.
  let saving = Promise.resolve();
  /** Saves not yet written: while any is, storage holds an older choice than the view. */
  let unsaved = 0;
  const tools = toolbar(doc, {
    change(patch) {
      reader = normalizeSettings({ reader: { ...reader, ...patch(reader) } }).reader;
      apply();
      const snapshot = reader;
      unsaved++;
      saving = saving
        .then(() => saveSettings({ reader: snapshot }))
        .catch((error) => console.warn('lede: reading-view settings not saved:', error))
        .finally(() => unsaved--);
    },
    print: () => win.print(),
    async copy() {
      const ok = await copyText(article.markdown ?? '', root, doc);
      say(t(ok ? 'readerCopied' : 'readerCopyFailed'));
    },
    close: () => close(),
  });

  const view = el(doc, 'div', { class: 'view', tabindex: '-1', dir }, [
    tools.bar,
    el(doc, 'main', {}, [el(doc, 'article', { lang: clean(article.lang), dir }, [header(doc, article, title), content])]),
  ]);
  root.append(el(doc, 'style', { text: READER_CSS }), view);

  function apply() {
    view.dataset.theme = reader.theme;
    view.dataset.font = reader.font;
    view.dataset.images = reader.images ? 'on' : 'off';
    view.style.setProperty('--size', `${reader.fontSize}px`);
    view.style.setProperty('--leading', String(reader.lineHeight));
    view.style.setProperty('--measure', String(reader.width));
    tools.sync(reader);
  }
  apply();

  // Choices made elsewhere (the options page, another tab) apply here too.
  const stopWatching = onChange(() => {
    if (unsaved > 0) return;
    loadSettings().then((s) => {
      if (current?.host !== host || unsaved > 0) return;
      reader = s.reader;
      apply();
    }, () => {});
  });

  const focusables = () => [...root.querySelectorAll(FOCUSABLE)].filter((e) => e.checkVisibility?.() ?? true);
  const onKey = (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      // Focus stays inside while the view is open: Tab wraps at both ends.
      const items = focusables();
      if (items.length === 0) {
        event.preventDefault();
        return;
      }
      const at = items.indexOf(root.activeElement);
      const target = event.shiftKey ? (at <= 0 ? items.at(-1) : null) : at === -1 || at === items.length - 1 ? items[0] : null;
      if (target) {
        event.preventDefault();
        target.focus();
      }
    }
  };
  // Focus that lands on the page (a click, a page script) comes back in.
  const onFocusIn = (event) => {
    if (event.target !== host) view.focus({ preventScroll: true });
  };

  function close() {
    if (current?.host !== host) return;
    current = null;
    clearTimeout(statusTimer);
    stopWatching();
    win.removeEventListener('keydown', onKey, true);
    doc.removeEventListener('focusin', onFocusIn, true);
    host.remove();
    win.scrollTo(scroll.x, scroll.y);
    if (focused && focused.isConnected && typeof focused.focus === 'function') focused.focus({ preventScroll: true });
  }

  win.addEventListener('keydown', onKey, true);
  doc.addEventListener('focusin', onFocusIn, true);
  // On <html> rather than <body>: a transformed or hidden body cannot trap it.
  doc.documentElement.append(host);
  view.focus({ preventScroll: true });
  current = { host, close };
}

/**
 * Puts `text` on the clipboard: the async Clipboard API, or, where that is
 * refused, a copy command on a hidden textarea inside the shadow root.
 */
async function copyText(text, root, doc) {
  if (!text) return false;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const back = root.activeElement;
    const area = el(doc, 'textarea', { 'aria-hidden': 'true' });
    // CSSOM, not a style attribute, which a page's CSP may refuse.
    Object.assign(area.style, { position: 'fixed', opacity: '0' });
    area.value = text;
    root.append(area);
    area.select();
    let ok = false;
    try {
      ok = doc.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    back?.focus();
    return ok;
  }
}
