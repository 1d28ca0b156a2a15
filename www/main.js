// The lede playground: loads the wasm module directly (the same package the
// extension ships, copied to www/pkg/ by extension/build.mjs), runs it on a
// demo page shown in a same-origin iframe, and shows every hidden block
// outlined and labelled by kind and reason, or the cleaned page, or the
// reading view.
//
//   iframe (demo/*.html or a file you pick, scripts off)
//     → snapshot(doc)                       pkg/walk.js, the extension's walker
//     → pack(strings) → analyze(words, text, lengths)   pkg/lede.js + lede_bg.wasm
//     → applyDecisions(hidden, nodes, doc)  pkg/hide.js, the extension's marks
//     → read(words, text, lengths, url)     the reading view

import init, { analyze, read, version } from './pkg/lede.js';
import { pack, snapshot } from './pkg/walk.js';
import { applyDecisions } from './pkg/hide.js';

const KINDS = ['duplicate', 'disclaimer', 'teaser', 'promo', 'notice'];
const PLAYGROUND_STYLE_ID = 'lede-playground-style';
/** Inside the shown page: in reveal mode, hidden blocks come back outlined and labelled. */
const REVEAL_CSS = `
html.lede-reveal [data-lede-hidden][data-lede-hidden] {
  display: revert !important; outline: 3px solid var(--lede-c, #546e7a); outline-offset: 2px;
  background: color-mix(in srgb, var(--lede-c, #546e7a) 9%, transparent); }
html.lede-reveal [data-lede-hidden]::before {
  content: attr(data-lede-hidden) " · " attr(data-lede-reason); display: block; margin: 0 0 4px;
  padding: 2px 6px; font: 600 12px/1.4 system-ui, sans-serif; color: #fff; background: var(--lede-c, #546e7a); }
html.lede-reveal [data-lede-hidden].lede-flash { outline-width: 6px; }
[data-lede-hidden="duplicate"] { --lede-c: #8e24aa; } [data-lede-hidden="disclaimer"] { --lede-c: #00897b; }
[data-lede-hidden="teaser"] { --lede-c: #ef6c00; } [data-lede-hidden="promo"] { --lede-c: #c2185b; }
[data-lede-hidden="notice"] { --lede-c: #1e88e5; }`;

const $ = (id) => document.getElementById(id);
const frame = $('page');
const status = $('status');
/** The page on show: {doc, hidden, nodes, article}. */
let current = null;

function say(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

function view() {
  return new FormData($('controls')).get('view');
}

function applyView() {
  const v = view();
  $('reader').hidden = v !== 'read';
  frame.hidden = v === 'read';
  current?.doc.documentElement.classList.toggle('lede-reveal', v === 'reveal');
}

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

function renderList(hidden, nodes) {
  const list = $('hidden');
  list.replaceChildren();
  $('count').textContent = `(${hidden.length})`;
  for (const h of hidden) {
    const kind = KINDS.includes(h.kind) ? h.kind : 'other';
    const text = h.text.length > 220 ? `${h.text.slice(0, 220)}…` : h.text;
    const item = el('li', { class: `k-${kind}`, title: h.selector || '' }, [
      el('span', { class: 'kind', text: h.kind }),
      el('span', { class: 'confidence', text: typeof h.confidence === 'number' ? `confidence ${h.confidence.toFixed(2)}` : '' }),
      el('p', { class: 'reason', text: h.reason }),
      el('p', { class: 'text', text }),
    ]);
    item.addEventListener('click', () => show(nodes[h.node]));
    list.append(item);
  }
  if (!hidden.length) list.append(el('li', { text: 'Nothing hidden on this page.' }));
}

/** Scrolls the shown page to a hidden block (switching to the outlined view). */
function show(node) {
  if (!node || node.nodeType !== 1) return;
  if (view() !== 'reveal') {
    $('controls').elements.view.value = 'reveal';
    applyView();
  }
  node.scrollIntoView({ block: 'center', behavior: 'smooth' });
  node.classList.add('lede-flash');
  setTimeout(() => node.classList.remove('lede-flash'), 1200);
}

function renderReader(article) {
  const box = $('reader');
  const meta = [article.byline, article.site_name, article.published_time?.slice(0, 10), article.reading_minutes ? `${article.reading_minutes} min read` : '']
    .filter(Boolean)
    .join(' · ');
  const content = el('div', { class: 'content' });
  // content_html is sanitised by the Rust side (allow-list), as in the extension.
  content.innerHTML = article.content_html || '<p><em>No article found on this page.</em></p>';
  box.replaceChildren(el('h1', { text: article.title || '(no title)' }), el('p', { class: 'meta', text: meta }), content);
  if (article.lang) box.lang = article.lang;
  else box.removeAttribute('lang');
  box.dir = article.dir || 'auto';
}

function process() {
  const doc = frame.contentDocument;
  if (!doc?.documentElement || frame.contentWindow.location.href === 'about:blank') return;
  try {
    const started = performance.now();
    const snap = snapshot(doc);
    const { text, lengths } = pack(snap.strings);
    const { hidden } = analyze(snap.words, text, lengths);
    const article = read(snap.words, text, lengths, frame.contentWindow.location.href === 'about:srcdoc' ? undefined : frame.contentWindow.location.href);
    const ms = performance.now() - started;
    applyDecisions(hidden, snap.nodes, doc);
    const style = doc.createElement('style');
    style.id = PLAYGROUND_STYLE_ID;
    style.setAttribute('data-lede-ui', '');
    style.textContent = REVEAL_CSS;
    (doc.head ?? doc.documentElement).append(style);
    current = { doc, hidden, nodes: snap.nodes, article };
    renderList(hidden, snap.nodes);
    renderReader(article);
    applyView();
    say(`${snap.nodes.length} nodes, ${hidden.length} hidden, ${article.word_count ?? '?'} words in the article; ${ms.toFixed(1)} ms in wasm`);
  } catch (error) {
    say(`lede failed on this page: ${error.message}`, true);
    console.error(error);
  }
}

/** Forgets the page on show, so that nothing stale is listed while the next one loads. */
function reset() {
  current = null;
  $('hidden').replaceChildren();
  $('count').textContent = '';
  say('Analysing…');
}

function loadDemo(file) {
  reset();
  history.replaceState(null, '', `#demo=${encodeURIComponent(file)}`);
  frame.removeAttribute('srcdoc');
  frame.src = `demo/${file}`;
}

async function main() {
  frame.addEventListener('load', process);
  $('controls').addEventListener('change', (event) => {
    if (event.target.name === 'view') applyView();
  });
  $('controls').addEventListener('submit', (event) => event.preventDefault());
  try {
    await init({ module_or_path: new URL('./pkg/lede_bg.wasm', import.meta.url) });
  } catch (error) {
    say(`Could not load pkg/lede_bg.wasm (${error.message}): build it with \`node extension/build.mjs\` and serve www/ over http.`, true);
    return;
  }
  $('version').textContent = `lede ${version()}`;
  const demos = await (await fetch('demo/index.json')).json();
  const select = $('demo');
  for (const d of demos) select.append(el('option', { value: d.file, text: d.title }));
  select.addEventListener('change', () => loadDemo(select.value));
  $('file').addEventListener('change', async () => {
    const file = $('file').files[0];
    if (!file) return;
    reset();
    select.value = '';
    frame.removeAttribute('src');
    frame.srcdoc = await file.text();
  });
  const wanted = new URLSearchParams(location.hash.slice(1)).get('demo');
  const first = demos.find((d) => d.file === wanted) ?? demos[0];
  select.value = first.file;
  loadDemo(first.file);
}

main();
