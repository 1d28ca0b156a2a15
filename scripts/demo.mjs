#!/usr/bin/env node
// Helper of scripts/setup.sh (not an entry point of its own): serves www/
// on 127.0.0.1 and opens Chromium, with the built extension loaded, on the
// playground and on a demo page; stops when the browser is closed.
//
// Usage: node scripts/demo.mjs DEMO_FILE   (a file name in www/demo/)

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));
const WWW = join(REPO, 'www');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };
const demo = process.argv[2] ?? 'harbour-ferry.html';

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://127.0.0.1');
    const file = normalize(join(WWW, decodeURIComponent(url.pathname)));
    if (!(file + sep).startsWith(WWW + sep)) throw new Error('outside www/');
    const path = extname(file) ? file : join(file, 'index.html');
    const body = await readFile(path);
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
console.log(`serving www/ at ${origin}/  (Ctrl-C or close the browser to stop)`);

const args = ['--no-first-run', '--disable-sync', '--disable-component-update'];
// Chromium refuses to run as root without it (../shared/PLATFORM.md).
if (process.getuid?.() === 0) args.push('--no-sandbox');
const browser = await puppeteer.launch({
  executablePath: process.env.LEDE_CHROMIUM ?? '/usr/bin/chromium',
  headless: false,
  pipe: true,
  defaultViewport: null,
  enableExtensions: [join(REPO, 'dist', 'chrome')],
  args,
});
const [first] = await browser.pages();
await first.goto(`${origin}/#demo=${encodeURIComponent(demo)}`);
const page = await browser.newPage();
await page.goto(`${origin}/demo/${encodeURIComponent(demo)}`);
console.log(`opened the playground and ${origin}/demo/${demo} with lede loaded; press Alt+Shift+L or the toolbar button for the reading view`);

const stop = async () => {
  await browser.close().catch(() => {});
  server.close();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
browser.on('disconnected', () => server.close());
