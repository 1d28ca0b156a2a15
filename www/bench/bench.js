// The in-browser half of lede's speed benchmark (driven by
// tests/bench/browser.mjs, which serves this page and the corpus pages).
//
// Each corpus page is loaded into a same-origin iframe with scripts off,
// and on that one live document, in the same run, four things are timed,
// alternating their order from round to round:
//
//   clean        snapshot(doc) → pack → analyze(words, text, lengths) → applyDecisions
//                (the content script's whole in-place path; the marks are
//                taken off again, untimed, after each round)
//   read         snapshot(doc) → pack → read(words, text, lengths, url) (the reading view's article)
//   readability  new Readability(clone).parse(), Mozilla's Readability.js on
//                a clone of the document; the clone is timed apart (`clone`)
//   floor        one TreeWalker pass over the text nodes reading each length
//
// The same wasm package and the same walk.js/hide.js the extension ships
// are used (www/pkg/, copied there by extension/build.mjs).

import init, { analyze, read } from '../pkg/lede.js';
import { pack, snapshot } from '../pkg/walk.js';
import { applyDecisions } from '../pkg/hide.js';

/** The timed operations, in the order of round 0; round r starts at op r mod 4. */
const OPS = ['clean', 'read', 'readability', 'floor'];

let wasm;
const frame = document.getElementById('page');

function loadFrame(url) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${url}: no load event in 60 s`)), 60_000);
    frame.onload = () => {
      clearTimeout(timer);
      resolve(frame.contentDocument);
    };
    frame.src = url;
  });
}

/** The floor: the least any DOM-reading pass can cost. */
function floor(doc) {
  const walker = doc.createTreeWalker(doc, NodeFilter.SHOW_TEXT);
  let chars = 0;
  while (walker.nextNode()) chars += walker.currentNode.length;
  return chars;
}

function countNodes(doc) {
  const walker = doc.createTreeWalker(doc, NodeFilter.SHOW_ALL);
  let n = 1;
  while (walker.nextNode()) n++;
  return n;
}

/** One timed run of `op` on `doc`: milliseconds, plus what it found. */
function once(op, doc, url) {
  const now = () => performance.now();
  if (op === 'clean') {
    const t0 = now();
    const snap = snapshot(doc);
    const t1 = now();
    const { text, lengths } = pack(snap.strings);
    const result = analyze(snap.words, text, lengths);
    const t2 = now();
    const applied = applyDecisions(result.hidden, snap.nodes, doc);
    const t3 = now();
    applied.undo();
    return { ms: t3 - t0, phases: [t1 - t0, t2 - t1, t3 - t2], hidden: applied.count, readerable: result.readerable };
  }
  if (op === 'read') {
    const t0 = now();
    const snap = snapshot(doc);
    const { text, lengths } = pack(snap.strings);
    const article = read(snap.words, text, lengths, url);
    const ms = now() - t0;
    return { ms, chars: article.text.length };
  }
  if (op === 'readability') {
    const t0 = now();
    const clone = doc.cloneNode(true);
    const t1 = now();
    const article = new Readability(clone).parse();
    const ms = now() - t1;
    return { ms, clone: t1 - t0, chars: article?.length ?? 0 };
  }
  const t0 = now();
  const chars = floor(doc);
  return { ms: now() - t0, chars };
}

/**
 * Loads `url` and times every op `rounds` times after one untimed warm-up
 * round. Resolves to `{nodes, times: {op: [ms...]}, clone: [ms...],
 * phases: [[snapshot, analyze, apply] ms...], hidden, readerable}`.
 */
async function run(url, rounds) {
  const doc = await loadFrame(url);
  const times = Object.fromEntries(OPS.map((op) => [op, []]));
  const clone = [];
  const phases = [];
  let hidden = 0;
  let readerable = null;
  for (let r = -1; r < rounds; r++) {
    for (let i = 0; i < OPS.length; i++) {
      const op = OPS[(Math.max(r, 0) + i) % OPS.length];
      const out = once(op, doc, url);
      if (r < 0) continue;
      times[op].push(out.ms);
      if (op === 'readability') clone.push(out.clone);
      if (op === 'clean') {
        ({ hidden, readerable } = out);
        phases.push(out.phases);
      }
    }
  }
  const nodes = countNodes(doc);
  frame.src = 'about:blank';
  return { nodes, times, clone, phases, hidden, readerable };
}

/**
 * Peak wasm linear memory while lede cleans and reads `url` once, on a
 * module that has processed nothing else (call on a fresh load of this
 * page). Linear memory only grows, so its size afterwards is the peak.
 */
async function memory(url) {
  const before = wasm.memory.buffer.byteLength;
  const doc = await loadFrame(url);
  // The module's first run: the lexicons' automata are built here, once
  // per module instance, that is once per page view in the extension.
  const clean = once('clean', doc, url);
  const afterClean = wasm.memory.buffer.byteLength;
  once('read', doc, url);
  const afterRead = wasm.memory.buffer.byteLength;
  const nodes = countNodes(doc);
  frame.src = 'about:blank';
  const warm = once('clean', doc, url);
  return { before, afterClean, afterRead, nodes, hidden: clean.hidden, firstCleanMs: clean.ms, warmCleanMs: warm.ms, initMs };
}

let initMs;
const initStart = performance.now();
window.bench = {
  ready: init().then((exports) => {
    initMs = performance.now() - initStart;
    wasm = exports;
    return { crossOriginIsolated: globalThis.crossOriginIsolated, userAgent: navigator.userAgent };
  }),
  run,
  memory,
};
