#!/usr/bin/env node
// lede's speed in the browser, side by side with Mozilla's Readability.js
// and a bare TreeWalker floor, on every page of the Readability corpus and
// the WCXB dev articles, in headless Chromium and Firefox ESR.
//
//   node tests/bench/browser.mjs [--browser chromium|firefox|both] [--corpus readability|wcxb|all]
//        [--rounds N] [--limit N] [--out DIR]
//   node tests/bench/browser.mjs --serve    (only serves: open the printed address by hand)
//
// Serves www/bench/ (the in-page harness: what is timed and how is said
// there), the built wasm package (www/pkg/, from `node extension/build.mjs`),
// Readability.js from node_modules and the corpus pages (read in place from
// ../shared, never copied). Every response is cross-origin isolated, so
// that performance.now() has its fine resolution (5 µs in Chromium instead
// of 100 µs), and the pages' own subresources are refused by their CSP:
// nothing outside 127.0.0.1 is fetched, and layout plays no part in any of
// the timed passes.
//
// Prints, per browser, the median and p95 per page-size bucket of each
// pass (a page's figure being the median of its rounds), the ratios
// lede/Readability.js and lede/floor, then the budgets of BENCHMARKS.md:
// Chromium cleaning ≥ 5x faster than Readability.js and ≤ 3x the floor at
// the median, peak wasm memory on the largest page < 32 MB, and synthetic
// pages of 1k, 10k and 100k nodes each < 1 s with cost linear in size.
// Writes DIR/<browser>.json (every figure) and DIR/<browser>.svg (time
// against page size); DIR defaults to target/bench-browser.

import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, FIREFOX } from '../e2e/helpers/browsers.mjs';
import { REPO } from '../e2e/helpers/paths.mjs';
import { TYPES } from '../e2e/helpers/server.mjs';
import { plot } from './plot.mjs';
import { synthetic } from './synthetic.mjs';

const CORPORA = resolve(REPO, '..', 'shared', 'corpora');
const READABILITY_JS = join(REPO, 'node_modules', '@mozilla', 'readability', 'Readability.js');

/** Page-size buckets, in DOM nodes (elements, text, comments: a SHOW_ALL walk). */
const BUCKETS = [
  { name: '< 1k nodes', max: 1_000 },
  { name: '1k–3k', max: 3_000 },
  { name: '3k–10k', max: 10_000 },
  { name: '≥ 10k', max: Infinity },
];

/** Budgets (issue 6; BENCHMARKS.md). */
const BUDGET = {
  /** Readability.js parse() over lede's whole in-place cleaning, at the median, in Chromium: at least this. */
  speedupOverReadability: 5,
  /** lede's cleaning over the TreeWalker floor, at the median, in Chromium: at most this. */
  overFloor: 3,
  /** Peak wasm linear memory on the largest corpus page. */
  peakMemoryBytes: 32 * 1024 * 1024,
  /** No synthetic page (1k, 10k, 100k nodes) may take longer to clean or read. */
  syntheticMs: 1_000,
};
const SYNTHETIC_SIZES = [1_000, 10_000, 100_000];
/** The passes, in report order; `clean` is what the budgets speak of. */
const PASSES = ['clean', 'read', 'readability', 'floor'];

const { values: opts } = parseArgs({
  options: {
    browser: { type: 'string', default: 'both' },
    corpus: { type: 'string', default: 'all' },
    rounds: { type: 'string', default: '7' },
    limit: { type: 'string' },
    out: { type: 'string', default: join(REPO, 'target', 'bench-browser') },
    serve: { type: 'boolean', default: false },
  },
});

function corpusPages() {
  const pages = [];
  if (opts.corpus === 'all' || opts.corpus === 'readability') {
    const dir = join(CORPORA, 'readability');
    if (!existsSync(dir)) throw new Error(`${dir} is missing: the corpora are read from ../shared beside the repo`);
    for (const name of readdirSync(dir).sort()) {
      if (existsSync(join(dir, name, 'source.html'))) pages.push({ corpus: 'readability', name, path: `/page/readability/${name}` });
    }
  }
  if (opts.corpus === 'all' || opts.corpus === 'wcxb') {
    const index = JSON.parse(readFileSync(join(CORPORA, 'wcxb-dev', 'index.json'), 'utf8'));
    for (const f of index.files) {
      if (f.page_type === 'article') pages.push({ corpus: 'wcxb', name: f.id, path: `/page/wcxb/${f.id}` });
    }
  }
  return opts.limit ? pages.slice(0, Number(opts.limit)) : pages;
}

/** Declares the page's charset as UTF-8 unless its own markup names one (WCXB pages are stored as fetched). */
function htmlType(body) {
  const head = body.subarray(0, 4096).toString('latin1');
  return /<meta[^>]+charset/i.test(head) ? 'text/html' : 'text/html; charset=utf-8';
}

function pageBody(kind, name) {
  if (kind === 'readability') return readFileSync(join(CORPORA, 'readability', name, 'source.html'));
  if (kind === 'wcxb') return gunzipSync(readFileSync(join(CORPORA, 'wcxb-dev', 'html', `${name}.html.gz`)));
  if (kind === 'synthetic') return Buffer.from(synthetic(Number(name)));
  return null;
}

/**
 * Cross-origin isolation for the harness and the pages it frames; the
 * pages' CSP refuses all their subresources and scripts (the frame's
 * sandbox refuses scripts too).
 */
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cache-control': 'no-store' };
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'";

async function startServer() {
  const www = join(REPO, 'www');
  const server = createServer((req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const [, top, ...rest] = url.pathname.split('/');
      if (top === 'page') {
        const body = pageBody(rest[0], decodeURIComponent(rest[1] ?? ''));
        if (!body) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
        res.writeHead(200, { ...ISOLATED, 'content-type': htmlType(body), 'content-security-policy': PAGE_CSP }).end(body);
        return;
      }
      let file;
      if (top === 'vendor' && rest.join('/') === 'Readability.js') file = READABILITY_JS;
      else if (top === 'www' && !rest.includes('..')) file = join(www, ...rest);
      if (!file || !existsSync(file)) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      const ext = file.slice(file.lastIndexOf('.'));
      res.writeHead(200, { ...ISOLATED, 'content-type': TYPES[ext] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch (error) {
      res.writeHead(error.code === 'ENOENT' ? 404 : 500, { 'content-type': 'text/plain' }).end(String(error.message));
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

function launch(name) {
  if (name === 'chromium') {
    return puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      pipe: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
    });
  }
  return puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
}

async function openHarness(browser, origin) {
  const tab = await browser.newPage();
  await tab.goto(`${origin}/www/bench/index.html`);
  const info = await tab.evaluate(() => window.bench.ready);
  if (!info.crossOriginIsolated) throw new Error('the harness is not cross-origin isolated: timer resolution would be coarse');
  return { tab, info };
}

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
}
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

async function measureBrowser(name, origin, pages, rounds) {
  const browser = await launch(name);
  try {
    const { tab, info } = await openHarness(browser, origin);
    const version = await browser.version();
    process.stderr.write(`${name}: ${version}, ${pages.length} pages, ${rounds} rounds\n`);
    const results = [];
    for (const [i, p] of pages.entries()) {
      try {
        const r = await tab.evaluate((url, n) => window.bench.run(url, n), `${origin}${p.path}`, rounds);
        results.push({ ...p, nodes: r.nodes, hidden: r.hidden, readerable: r.readerable, ...Object.fromEntries(PASSES.map((op) => [op, median(r.times[op])])), clone: median(r.clone), phases: [0, 1, 2].map((k) => median(r.phases.map((ph) => ph[k]))) });
      } catch (error) {
        results.push({ ...p, error: String(error.message ?? error) });
      }
      if ((i + 1) % 50 === 0) process.stderr.write(`  ${i + 1}/${pages.length}\n`);
    }

    // Synthetic pages of growing size, fewer rounds for the big ones, in
    // the same tab: a module warmed up by the corpus, as every corpus
    // figure is (a fresh module's first run is measured apart, below).
    // In a fresh tab the first sizes ran partly on V8's baseline wasm
    // tier, which made 1k nodes cost more per node than 10k.
    const synth = [];
    for (const size of SYNTHETIC_SIZES) {
      const r = await tab.evaluate((url, n) => window.bench.run(url, n), `${origin}/page/synthetic/${size}`, size >= 100_000 ? 3 : 5);
      synth.push({ size, nodes: r.nodes, hidden: r.hidden, ...Object.fromEntries(PASSES.map((op) => [op, median(r.times[op])])) });
    }
    await tab.close();

    // Peak wasm memory: a fresh harness (a module that has seen nothing
    // else) per page, for the largest corpus page and the 100k synthetic.
    const ok = results.filter((r) => !r.error);
    const largest = ok.reduce((a, b) => (b.nodes > a.nodes ? b : a), ok[0]);
    const memory = [];
    for (const target of [{ name: `${largest.corpus}/${largest.name}`, path: largest.path }, { name: 'synthetic/100000', path: '/page/synthetic/100000' }]) {
      const fresh = (await openHarness(browser, origin)).tab;
      memory.push({ page: target.name, ...(await fresh.evaluate((url) => window.bench.memory(url), `${origin}${target.path}`)) });
      await fresh.close();
    }
    return { browser: name, version, userAgent: info.userAgent, rounds, results, synth, memory };
  } finally {
    await browser.close();
  }
}

function bucketRows(results) {
  const rows = [];
  const all = { name: 'all pages', pages: results };
  for (const b of [...BUCKETS.map((b, i) => ({ ...b, min: i ? BUCKETS[i - 1].max : 0 })), all]) {
    const pages = b.pages ?? results.filter((r) => r.nodes >= b.min && r.nodes < b.max);
    if (!pages.length) continue;
    const stat = Object.fromEntries(PASSES.map((op) => [op, { median: median(pages.map((p) => p[op])), p95: quantile(pages.map((p) => p[op]), 0.95) }]));
    rows.push({ bucket: b.name, pages: pages.length, stat, overReadability: stat.clean.median / stat.readability.median, overFloor: stat.clean.median / stat.floor.median, perPageOverReadability: median(pages.map((p) => p.clean / p.readability)) });
  }
  return rows;
}

function report(m) {
  const ok = m.results.filter((r) => !r.error);
  const failed = m.results.filter((r) => r.error);
  const lines = [];
  lines.push(`\n## ${m.browser} (${m.version}), ${ok.length} pages, median of ${m.rounds} rounds per page, ms`);
  lines.push(`| bucket | pages | clean med | p95 | read med | p95 | Readability.js med | p95 | floor med | p95 | clean/Readability | clean/floor |`);
  lines.push(`|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|`);
  const rows = bucketRows(ok);
  for (const r of rows) {
    const s = r.stat;
    lines.push(`| ${r.bucket} | ${r.pages} | ${fmt(s.clean.median)} | ${fmt(s.clean.p95)} | ${fmt(s.read.median)} | ${fmt(s.read.p95)} | ${fmt(s.readability.median)} | ${fmt(s.readability.p95)} | ${fmt(s.floor.median)} | ${fmt(s.floor.p95)} | ${r.overReadability.toFixed(3)} | ${r.overFloor.toFixed(2)} |`);
  }
  const all = rows.at(-1);
  const phase = (k) => fmt(median(ok.map((r) => r.phases[k])));
  lines.push(`\nclean by phase (median over pages): snapshot (walk.js) ${phase(0)} ms, analyze (wasm, with the crossing) ${phase(1)} ms, marking (hide.js) ${phase(2)} ms`);
  lines.push(`median over pages of each page's clean/Readability.js: ${all.perPageOverReadability.toFixed(3)}; Readability.js clone (untimed in its column): median ${fmt(median(ok.map((r) => r.clone)))} ms`);
  if (failed.length) lines.push(`pages that failed to load or run: ${failed.map((r) => `${r.corpus}/${r.name}: ${r.error}`).join('; ')}`);
  lines.push(`\nsynthetic pages (median, ms): ${m.synth.map((s) => `${s.nodes} nodes: clean ${fmt(s.clean)}, read ${fmt(s.read)}, Readability.js ${fmt(s.readability)}, floor ${fmt(s.floor)}`).join('; ')}`);
  const perNode = m.synth.map((s) => (s.clean / s.nodes) * 1000);
  lines.push(`clean per 1k nodes: ${perNode.map((x) => fmt(x)).join(', ')} ms`);
  for (const mem of m.memory) {
    lines.push(`peak wasm memory, ${mem.page} (${mem.nodes} nodes): ${(mem.afterRead / 2 ** 20).toFixed(1)} MB (module start ${(mem.before / 2 ** 20).toFixed(1)} MB, after cleaning ${(mem.afterClean / 2 ** 20).toFixed(1)} MB)`);
    lines.push(`  on a fresh module (once per page view in the extension): init ${fmt(mem.initMs)} ms, first clean ${fmt(mem.firstCleanMs)} ms, the next ${fmt(mem.warmCleanMs)} ms`);
  }

  const budgets = [];
  if (m.browser === 'chromium') {
    budgets.push([`cleaning ≥ ${BUDGET.speedupOverReadability}x faster than Readability.js (median)`, all.stat.readability.median / all.stat.clean.median >= BUDGET.speedupOverReadability, `${(all.stat.readability.median / all.stat.clean.median).toFixed(1)}x`]);
    budgets.push([`cleaning ≤ ${BUDGET.overFloor}x the floor (median)`, all.overFloor <= BUDGET.overFloor, `${all.overFloor.toFixed(2)}x`]);
  }
  const peak = m.memory[0];
  budgets.push([`peak wasm memory on the largest page < ${BUDGET.peakMemoryBytes / 2 ** 20} MB`, peak.afterRead < BUDGET.peakMemoryBytes, `${(peak.afterRead / 2 ** 20).toFixed(1)} MB`]);
  const slowest = Math.max(...m.synth.map((s) => Math.max(s.clean, s.read)));
  budgets.push([`synthetic 1k/10k/100k nodes each < ${BUDGET.syntheticMs} ms (clean, read)`, slowest < BUDGET.syntheticMs, `slowest ${fmt(slowest)} ms`]);
  lines.push('');
  for (const [what, pass, figure] of budgets) lines.push(`budget ${pass ? 'met   ' : 'MISSED'} ${what}: ${figure}`);
  return lines.join('\n');
}

async function main() {
  for (const file of [join(REPO, 'www', 'pkg', 'lede_bg.wasm'), READABILITY_JS]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm ci\` and \`node extension/build.mjs\` first`);
  }
  const browsers = opts.browser === 'both' ? ['chromium', 'firefox'] : [opts.browser];
  const pages = corpusPages();
  const rounds = Number(opts.rounds);
  mkdirSync(opts.out, { recursive: true });
  const server = await startServer();
  if (opts.serve) {
    process.stdout.write(`${server.origin}/www/bench/index.html (pages: ${server.origin}/page/readability/NAME, /page/wcxb/ID, /page/synthetic/NODES)\n`);
    return;
  }
  try {
    for (const name of browsers) {
      const m = await measureBrowser(name, server.origin, pages, rounds);
      writeFileSync(join(opts.out, `${name}.json`), JSON.stringify(m, null, 1));
      writeFileSync(join(opts.out, `${name}.svg`), plot(m, PASSES));
      process.stdout.write(`${report(m)}\n(figures: ${join(opts.out, `${name}.json`)}, plot: ${join(opts.out, `${name}.svg`)})\n`);
    }
  } finally {
    await server.close();
  }
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exit(1);
});
