// lede's background: the toolbar button and keyboard shortcut, and the
// WebAssembly fallback for pages whose CSP forbids WebAssembly in content
// scripts.
//
// Chromium applies the page's Content-Security-Policy to WebAssembly
// compilation in content scripts, so on a page without 'wasm-unsafe-eval'
// the content script cannot compile lede's module; it posts its page
// snapshot here instead, where the extension's own CSP
// ("script-src 'self' 'wasm-unsafe-eval'") applies (../shared/PLATFORM.md,
// "WebAssembly inside extension content scripts").
//
// A Chromium module service worker may not use dynamic import(), so the
// module is imported statically and instantiated on the first request.
// Listeners are registered synchronously at the top level, as MV3 service
// workers require.

import init, { analyze, read } from '../../pkg/lede.js';
import { api } from '../shared/browser.js';
import { BGtoCS, CStoBG, reply } from '../shared/messages.js';

const WASM_URL = new URL('../../pkg/lede_bg.wasm', import.meta.url);

/** The instantiated module, shared by every request; reset when instantiation fails. */
let ready = null;

function engine() {
  ready ??= init({ module_or_path: WASM_URL }).catch((error) => {
    ready = null;
    throw error;
  });
  return ready;
}

async function handle(message) {
  await engine();
  const words = Uint32Array.from(message.words);
  const strings = message.strings.map(String);
  switch (message.type) {
    case CStoBG.ANALYZE:
      return analyze(words, strings);
    case CStoBG.READ:
      return read(words, strings, typeof message.url === 'string' ? message.url : undefined);
    default:
      throw new Error(`lede: unknown message ${message.type}`);
  }
}

function isSnapshotMessage(message) {
  return (
    (message.type === CStoBG.ANALYZE || message.type === CStoBG.READ) &&
    Array.isArray(message.words) &&
    Array.isArray(message.strings)
  );
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only lede's own content scripts talk to it (no externally_connectable).
  if (sender.id !== api.runtime.id || !message || typeof message !== 'object') return false;
  if (message.type === CStoBG.REPORT) {
    const tabId = sender.tab?.id;
    if (tabId !== undefined && Number.isInteger(message.count)) {
      api.action.setBadgeText({ tabId, text: message.count > 0 ? String(message.count) : '' }).catch(() => {});
    }
    return false;
  }
  if (!isSnapshotMessage(message)) return false;
  // sendResponse + `return true` rather than a returned promise: Chromium
  // only recently started honouring promises returned from onMessage.
  reply(handle(message)).then(sendResponse);
  return true;
});

async function toggleReader(tab) {
  let tabId = tab?.id;
  if (tabId === undefined) {
    // Without the "tabs" permission a query still yields ids.
    [{ id: tabId } = {}] = await api.tabs.query({ active: true, currentWindow: true });
  }
  if (tabId === undefined) return;
  try {
    await api.tabs.sendMessage(tabId, { type: BGtoCS.TOGGLE_READER });
  } catch {
    // No lede content script in that tab (not an http(s) page, or it was
    // open before lede was installed): nothing to toggle.
  }
}

api.action.onClicked.addListener((tab) => {
  toggleReader(tab);
});

api.commands.onCommand.addListener((command, tab) => {
  if (command === 'toggle-reader') toggleReader(tab);
});
