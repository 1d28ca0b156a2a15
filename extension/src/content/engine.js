// Runs lede's wasm on a page snapshot: in this content script when the
// browser lets it compile WebAssembly here, in the background otherwise.
//
// Chromium applies the page's CSP to WebAssembly compilation in content
// scripts: without 'wasm-unsafe-eval' in the page's policy, compiling
// throws a CompileError with an empty message (../shared/PLATFORM.md).
// Firefox compiles on every page. Whatever the reason the local module
// fails to load, the snapshot goes to the background, which runs the same
// module under the extension's own CSP.

import { api } from '../shared/browser.js';
import { CStoBG, unwrap } from '../shared/messages.js';
import { pack } from './walk.js';

/** How long one analysis may take, either path, before the page is left alone. */
export const TIMEOUT_MS = 15_000;

/** The loaded module (`{analyze, read}`), null once it has failed here, undefined before trying. */
let local;

async function loadLocal() {
  if (local !== undefined) return local;
  try {
    const mod = await import(api.runtime.getURL('pkg/lede.js'));
    await mod.default({ module_or_path: api.runtime.getURL('pkg/lede_bg.wasm') });
    local = mod;
  } catch (error) {
    // CompileError on CSP pages in Chromium: expected, use the background.
    local = null;
    if (!(error instanceof WebAssembly.CompileError)) console.debug('lede: wasm unavailable here:', error);
  }
  return local;
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`lede: ${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function run(type, snap, url) {
  const mod = await loadLocal();
  const { text, lengths } = pack(snap.strings);
  if (mod) {
    return type === CStoBG.ANALYZE ? mod.analyze(snap.words, text, lengths) : mod.read(snap.words, text, lengths, url);
  }
  const message = { type, words: Array.from(snap.words), text, lengths: Array.from(lengths) };
  if (url !== undefined) message.url = url;
  return unwrap(await api.runtime.sendMessage(message));
}

/** Which path ran the last call: 'content' or 'background' (for logs and tests). */
export function path() {
  return local ? 'content' : local === null ? 'background' : 'unknown';
}

/** `analyze` of the snapshot: `{hidden: [{node, kind, reason, text, selector, confidence}]}`. */
export function analyze(snap) {
  return withTimeout(run(CStoBG.ANALYZE, snap), TIMEOUT_MS, 'analysis');
}

/** `read` of the snapshot: the reading view's article. */
export function read(snap, url) {
  return withTimeout(run(CStoBG.READ, snap, url), TIMEOUT_MS, 'reading view');
}
