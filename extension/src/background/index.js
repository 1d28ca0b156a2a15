// lede's background: the keyboard shortcut, the toolbar badge and each
// tab's state for the popup, the onboarding page on install (Firefox), and
// the WebAssembly fallback for pages whose CSP forbids WebAssembly in
// content scripts.
//
// Per-tab state (`tab:<id>` → {status, count, error}) is kept in
// storage.session: in memory only, never written to disk, and it outlives
// the Chromium service worker being stopped between events.
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
import { BGtoCS, CStoBG, STATUS, reply, tabKey } from '../shared/messages.js';

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
  const lengths = Uint32Array.from(message.lengths);
  switch (message.type) {
    case CStoBG.ANALYZE:
      return analyze(words, message.text, lengths);
    case CStoBG.READ:
      return read(words, message.text, lengths, typeof message.url === 'string' ? message.url : undefined);
    default:
      throw new Error(`lede: unknown message ${message.type}`);
  }
}

function isSnapshotMessage(message) {
  return (
    (message.type === CStoBG.ANALYZE || message.type === CStoBG.READ) &&
    Array.isArray(message.words) &&
    typeof message.text === 'string' &&
    Array.isArray(message.lengths)
  );
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only lede's own content scripts talk to it (no externally_connectable).
  if (sender.id !== api.runtime.id || !message || typeof message !== 'object') return false;
  if (message.type === CStoBG.REPORT) {
    const tabId = sender.tab?.id;
    if (tabId !== undefined) onReport(tabId, message).catch((error) => console.warn('lede: report not kept:', error));
    return false;
  }
  if (!isSnapshotMessage(message)) return false;
  // sendResponse + `return true` rather than a returned promise: Chromium
  // only recently started honouring promises returned from onMessage.
  reply(handle(message)).then(sendResponse);
  return true;
});

/** Badge, badge title and the popup's record for one tab's report. */
async function onReport(tabId, message) {
  const status = Object.values(STATUS).includes(message.status) ? message.status : STATUS.CLEANED;
  const count = Number.isInteger(message.count) && message.count > 0 ? message.count : 0;
  const error = status === STATUS.FAILED ? String(message.error ?? '').slice(0, 500) : null;
  const title =
    status === STATUS.FAILED
      ? api.i18n.getMessage('badgeTitleFailed')
      : status === STATUS.OFF
        ? api.i18n.getMessage('badgeTitleOff')
        : status === STATUS.NOT_ARTICLE
          ? api.i18n.getMessage('badgeTitleNotArticle')
        : count > 0
          ? api.i18n.getMessage('badgeTitleHidden', [String(count)])
          : api.i18n.getMessage('badgeTitleNothing');
  await Promise.all([
    api.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' }),
    api.action.setTitle({ tabId, title }),
    api.storage.session.set({ [tabKey(tabId)]: { status, count, error } }),
  ]);
}

api.tabs.onRemoved.addListener((tabId) => {
  api.storage.session.remove(tabKey(tabId)).catch(() => {});
});

api.runtime.onInstalled.addListener(({ reason }) => {
  // Firefox treats an MV3 extension's host permissions (content script
  // matches included) as opt-in: the person may not have granted them, so
  // the onboarding page says why lede needs them and asks
  // (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/manifest.json/host_permissions).
  // Chromium grants them at install.
  if (reason === 'install' && api.runtime.getURL('').startsWith('moz-extension:')) {
    api.tabs.create({ url: api.runtime.getURL('src/onboarding/index.html') }).catch(() => {});
  }
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
