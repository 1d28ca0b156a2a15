// lede's content-script pipeline, one run per page (document_idle):
//
//   loader.js  (classic script registered in the manifest)
//      │  import(runtime.getURL('src/content/index.js'))
//      ▼
//   index.js start()
//      │  snapshot(document)                      walk.js: one DOM walk
//      │    → {words, strings, nodes}               (skips [data-lede-ui])
//      ▼
//   engine.js analyze(snapshot)
//      ├─ wasm in this content script             pkg/lede.js + lede_bg.wasm
//      └─ CompileError (page CSP, Chromium) ──────► runtime.sendMessage('cs-bg-analyze')
//                                                    background/index.js runs the
//                                                    same wasm, replies {hidden}
//      ▼
//   hide.js applyDecisions(hidden, nodes)         data-lede-hidden="KIND",
//      │                                          data-lede-reason, one <style id="lede-style">
//      │  <html data-lede-path="content|background">  which path ran (the e2e tests read it)
//      ▼
//   runtime.sendMessage('cs-bg-report')           toolbar badge count
//
//   toolbar button / Alt+Shift+L ─► background ─► 'bg-cs-toggle-reader'
//      ─► reader/view.js: snapshot → engine.read → overlay [data-lede-ui]
//         with a closed shadow root; toggle again or Escape restores the page.
//
// Failure anywhere (exception, timeout) leaves the page exactly as it was:
// applyDecisions is all-or-nothing, and nothing is applied after a timeout.

import { api } from '../shared/browser.js';
import { BGtoCS, CStoBG } from '../shared/messages.js';
import { snapshot } from './walk.js';
import * as engine from './engine.js';
import { applyDecisions } from './hide.js';
import * as reader from '../reader/view.js';

let started = false;

/** Cleans the page once and starts listening for the reading-view toggle. */
export async function start() {
  if (started) return;
  started = true;
  api.runtime.onMessage.addListener(onMessage);
  await clean();
}

async function clean() {
  let applied = null;
  try {
    const snap = snapshot(document);
    const { hidden } = await engine.analyze(snap);
    applied = applyDecisions(Array.isArray(hidden) ? hidden : [], snap.nodes);
    document.documentElement.setAttribute('data-lede-path', engine.path());
    api.runtime.sendMessage({ type: CStoBG.REPORT, count: applied.count }).catch(() => {});
  } catch (error) {
    applied?.undo();
    console.warn('lede: page left as it was:', error);
  }
}

function onMessage(message, _sender, sendResponse) {
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
