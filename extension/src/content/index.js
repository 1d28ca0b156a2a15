// lede's content-script pipeline, one run per page (document_idle):
//
//   loader.js  (classic script registered in the manifest)
//      │  import(runtime.getURL('src/content/index.js'))
//      ▼
//   index.js start()
//      │  settings.js: effective(global settings, this site's rules)
//      │  autoClean off here ─► page untouched, report 'off'
//      │  snapshot(document)                      walk.js: one DOM walk
//      │    → {words, strings, nodes}               (skips [data-lede-ui])
//      ▼
//   engine.js analyze(snapshot)
//      ├─ wasm in this content script             pkg/lede.js + lede_bg.wasm
//      └─ CompileError (page CSP, Chromium) ──────► runtime.sendMessage('cs-bg-analyze')
//                                                    background/index.js runs the
//                                                    same wasm, replies {hidden, kept}
//      ▼
//   hide.js applyDecisions(hidden of the kinds switched on here,
//      │                   less the site's "never hide this here" keys, nodes)
//      │                                          data-lede-hidden="KIND",
//      │                                          data-lede-reason, one <style id="lede-style">
//      │  <html data-lede-path="content|background">  which path ran (the e2e tests read it)
//      ▼
//   runtime.sendMessage('cs-bg-report')           status + hidden count: toolbar badge,
//      │                                          per-tab state for the popup
//      ├─ site rule alwaysReader and the page is readerable ─► reader.toggle (once)
//      └─ MutationObserver (childList, subtree): late clutter ─► debounced,
//         capped re-analysis; only elements lede has not seen are hidden, so
//         nothing a person revealed is hidden again.
//
//   popup ─► 'ui-cs-*' (state, reveal, hide, reveal all, hide all, keep)
//   storage change (options page, popup switches) ─► every block re-synced
//   toolbar button / Alt+Shift+L ─► background ─► 'bg-cs-toggle-reader'
//      ─► reader/view.js: snapshot → engine.read → overlay [data-lede-ui]
//         with a closed shadow root; toggle again or Escape restores the page.
//
// Failure anywhere (exception, timeout) leaves the page exactly as it was:
// applyDecisions is all-or-nothing, nothing is applied after a timeout, and
// the report says 'failed' so that the popup can say so.

import { api } from '../shared/browser.js';
import { BGtoCS, CStoBG, STATUS, UItoCS, reply } from '../shared/messages.js';
import { blockKey, effective, loadSettings, loadSite, onChange, saveSite } from '../shared/settings.js';
import { snapshot, UI_ATTRIBUTE } from './walk.js';
import * as engine from './engine.js';
import { applyDecisions, hide, show, HIDDEN_ATTRIBUTE } from './hide.js';
import * as reader from '../reader/view.js';

/** Quiet time after the page's last change before lede looks at it again (late teaser widgets come in bursts). */
export const RESCAN_DEBOUNCE_MS = 500;
/** Most re-analyses per minute: an endlessly changing page (a ticker, a feed) costs at most this many walks. */
export const RESCAN_MAX_PER_MINUTE = 6;
const MINUTE_MS = 60_000;
/** Characters of a block's text the popup shows. */
const PREVIEW_CHARS = 160;

/** Everything this page's lede knows. */
const state = {
  host: location.hostname,
  /** STATUS.*, null before the first run. */
  status: null,
  error: null,
  /** `effective(settings, site)`; null until loaded. */
  rules: null,
  /** Findings: {id, el, kind, reason, text, key, revealed (by the person)}.
   * `related` lists come in as findings too: kept by default (the rules
   * say so), hidden when a person switches that kind on. */
  blocks: [],
  byElement: new WeakMap(),
  /** Whether an analysis found the page to look like an article. */
  article: false,
};

let started = false;

/** Cleans the page once, then keeps it clean and answers the popup. */
export async function start() {
  if (started) return;
  started = true;
  api.runtime.onMessage.addListener(onMessage);
  state.rules = await loadRules();
  onChange(() => {
    loadRules().then(applyRules, (error) => console.warn('lede: settings unreadable:', error));
  });
  if (state.rules.autoClean) await clean();
  else report(STATUS.OFF);
  if (state.rules.alwaysReader) await openReaderOnce();
}

async function loadRules() {
  const [settings, site] = await Promise.all([loadSettings(), loadSite(state.host)]);
  return effective(settings, site);
}

/** Whether a finding stays hidden under the current rules. */
function wanted(block) {
  const r = state.rules;
  return r.autoClean && r.kinds[block.kind] !== false && !r.keep.includes(block.key) && !block.revealed;
}

function hiddenCount() {
  return state.blocks.filter((b) => b.el.getAttribute(HIDDEN_ATTRIBUTE) === b.kind).length;
}

function report(status, error = null) {
  state.status = status;
  state.error = error;
  const message = { type: CStoBG.REPORT, status, count: hiddenCount() };
  if (error) message.error = error;
  api.runtime.sendMessage(message).catch(() => {});
}

/**
 * One analysis of the whole page. Findings on elements lede already knows
 * are skipped (their state is the person's); the new ones wanted under the
 * rules are hidden, all or nothing. A page that does not look like an
 * article (a front page, a listing: all teasers by design) is left as it
 * is; `state.article` says which, and a later run may find the article
 * (content that arrives after load).
 */
async function analyzeOnce() {
  const snap = snapshot(document);
  const { hidden, kept, readerable } = await engine.analyze(snap);
  state.article = state.article || readerable !== false;
  if (!state.article) return null;
  const found = [];
  for (const h of [...(Array.isArray(hidden) ? hidden : []), ...(Array.isArray(kept) ? kept : [])]) {
    const el = snap.nodes[h?.node];
    if (!el || el.nodeType !== 1 || !el.isConnected || state.byElement.has(el)) continue;
    const text = String(h.text ?? el.textContent ?? '');
    found.push({ h, block: { id: 0, el, kind: String(h.kind), reason: String(h.reason ?? ''), text, key: blockKey(text), revealed: false } });
  }
  const applied = applyDecisions(found.filter((f) => wanted(f.block)).map((f) => f.h), snap.nodes);
  for (const { block } of found) {
    block.id = state.blocks.length + 1;
    state.blocks.push(block);
    state.byElement.set(block.el, block);
  }
  return applied;
}

async function clean() {
  let applied = null;
  try {
    applied = await analyzeOnce();
    document.documentElement.setAttribute('data-lede-path', engine.path());
    report(state.article ? STATUS.CLEANED : STATUS.NOT_ARTICLE);
    watch();
  } catch (error) {
    applied?.undo();
    state.blocks = [];
    state.byElement = new WeakMap();
    console.warn('lede: page left as it was:', error);
    report(STATUS.FAILED, String(error?.message ?? error));
  }
}

/** Brings every block in line with the rules (after a settings change or a popup action). */
function sync() {
  for (const b of state.blocks) {
    const isHidden = b.el.hasAttribute(HIDDEN_ATTRIBUTE);
    if (wanted(b) && !isHidden) hide(b.el, b.kind, b.reason);
    else if (!wanted(b) && isHidden) show(b.el);
  }
}

async function applyRules(rules) {
  state.rules = rules;
  if (rules.autoClean && state.status === STATUS.OFF) {
    await clean();
    return;
  }
  sync();
  if (state.status !== STATUS.FAILED && state.status !== null) {
    report(!rules.autoClean ? STATUS.OFF : state.article ? STATUS.CLEANED : STATUS.NOT_ARTICLE);
  }
}

// Late clutter ------------------------------------------------------------

let observer = null;
let timer = null;
let running = false;
let dirty = false;
/** Start times of the re-analyses of the last minute. */
const runs = [];

/** Whether a mutation record is lede's own doing (its stylesheet, the reading view). */
function isOwn(record) {
  const target = record.target.nodeType === 1 ? record.target : record.target.parentElement;
  if (target?.closest(`[${UI_ATTRIBUTE}]`)) return true;
  for (const n of record.addedNodes) {
    if (!(n.nodeType === 1 && n.hasAttribute(UI_ATTRIBUTE))) return false;
  }
  return true;
}

function watch() {
  if (observer) return;
  // childList only: lede's own marks are attributes, so they never wake it.
  observer = new MutationObserver((records) => {
    if (records.some((r) => r.addedNodes.length > 0 && !isOwn(r))) schedule(RESCAN_DEBOUNCE_MS);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}

function schedule(delay) {
  clearTimeout(timer);
  timer = setTimeout(rescan, delay);
}

async function rescan() {
  if (running) {
    dirty = true;
    return;
  }
  const now = Date.now();
  while (runs.length && now - runs[0] >= MINUTE_MS) runs.shift();
  if (runs.length >= RESCAN_MAX_PER_MINUTE) {
    schedule(runs[0] + MINUTE_MS - now);
    return;
  }
  if (!state.rules.autoClean || (state.status !== STATUS.CLEANED && state.status !== STATUS.NOT_ARTICLE)) return;
  runs.push(now);
  running = true;
  try {
    await analyzeOnce();
    report(state.article ? STATUS.CLEANED : STATUS.NOT_ARTICLE);
  } catch (error) {
    // This batch was undone (applyDecisions); what was hidden before stays.
    console.warn('lede: late changes left as they were:', error);
  } finally {
    running = false;
    if (dirty) {
      dirty = false;
      schedule(RESCAN_DEBOUNCE_MS);
    }
  }
}

// Reading view ------------------------------------------------------------

async function openReaderOnce() {
  try {
    const article = await engine.read(snapshot(document), location.href);
    if (article?.readerable && !reader.isOpen()) await reader.toggle(() => article);
  } catch (error) {
    console.warn('lede: no reading view:', error);
  }
}

// Messages ----------------------------------------------------------------

/** What the popup shows. */
function pageState() {
  return {
    host: state.host,
    status: state.status,
    error: state.error,
    count: hiddenCount(),
    blocks: state.blocks
      .filter((b) => b.el.isConnected)
      .map((b) => ({
        id: b.id,
        kind: b.kind,
        reason: b.reason,
        text: b.text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_CHARS),
        shown: !b.el.hasAttribute(HIDDEN_ATTRIBUTE),
        revealed: b.revealed,
        kept: state.rules?.keep.includes(b.key) ?? false,
        kindOff: state.rules?.kinds[b.kind] === false,
      })),
  };
}

function blockById(id) {
  const block = state.blocks.find((b) => b.id === id);
  if (!block) throw new Error(`lede: no block ${id}`);
  return block;
}

async function handleUi(message) {
  switch (message.type) {
    case UItoCS.STATE:
      break;
    case UItoCS.REVEAL:
      blockById(message.id).revealed = true;
      break;
    case UItoCS.HIDE:
      blockById(message.id).revealed = false;
      break;
    case UItoCS.REVEAL_ALL:
      for (const b of state.blocks) if (b.el.hasAttribute(HIDDEN_ATTRIBUTE)) b.revealed = true;
      break;
    case UItoCS.HIDE_ALL:
      for (const b of state.blocks) b.revealed = false;
      break;
    case UItoCS.KEEP: {
      const block = blockById(message.id);
      const site = await loadSite(state.host);
      await saveSite(state.host, { keep: [...site.keep, block.key] });
      state.rules = await loadRules();
      break;
    }
    default:
      throw new Error(`lede: unknown message ${message.type}`);
  }
  if (message.type !== UItoCS.STATE) {
    sync();
    if (state.status === STATUS.CLEANED) report(STATUS.CLEANED);
  }
  return pageState();
}

function onMessage(message, _sender, sendResponse) {
  if (typeof message?.type === 'string' && Object.values(UItoCS).includes(message.type)) {
    reply(handleUi(message)).then(sendResponse);
    return true;
  }
  if (message?.type !== BGtoCS.TOGGLE_READER) return false;
  reader
    .toggle(() => engine.read(snapshot(document), location.href))
    .then(
      (open) => sendResponse({ ok: true, result: { open } }),
      (error) => {
        console.warn('lede: no reading view:', error);
        sendResponse({ ok: false, error: String(error?.message ?? error) });
      },
    );
  return true;
}
