// The built extension (dist/chrome) in headless Chromium: the seed and demo
// pages plain and under two CSPs that keep WebAssembly out of content
// scripts, so that the background fallback runs (../shared/PLATFORM.md);
// the reading view; and the README screenshot.

import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import { launchChromium } from './helpers/browsers.mjs';
import { waitForLede } from './helpers/extension.mjs';
import { DOCS, seedPages } from './helpers/paths.mjs';
import { extensionSuite } from './helpers/suite.mjs';

/** The seed page shown in the README screenshot: the first, by name. */
const SCREENSHOT_PAGE = seedPages()[0].file;

extensionSuite({
  name: 'Chromium',
  launch: launchChromium,
  variants: [
    { csp: null, path: 'content' },
    { csp: 'default-src', path: 'background' },
    { csp: 'script-src', path: 'background' },
  ],
  extra({ origin, open, browser }) {
    it('hide.js applies all decisions or none', async () => {
      const page = await open(`${origin()}/blank`);
      try {
        const result = await page.evaluate(async (url) => {
          const { applyDecisions } = await import(url);
          document.body.innerHTML = '<p id="a">a</p><p id="b">b</p>';
          const nodes = [document, document.getElementById('a'), document.getElementById('b')];
          let error = null;
          try {
            applyDecisions([{ node: 1, kind: 'promo', reason: 'r' }, { node: 2, kind: 'Not A Kind!', reason: 'r' }], nodes);
          } catch (e) {
            error = e.message;
          }
          const marked = document.querySelectorAll('[data-lede-hidden], #lede-style').length;
          const ok = applyDecisions([{ node: 1, kind: 'promo', reason: 'r' }, { node: 0, kind: 'notice', reason: 'not an element' }], nodes);
          const afterApply = [ok.count, document.querySelectorAll('[data-lede-hidden]').length, !!document.getElementById('lede-style')];
          ok.undo();
          return { error, marked, afterApply, afterUndo: document.querySelectorAll('[data-lede-hidden], #lede-style').length };
        }, `${origin()}/www/pkg/hide.js`);
        assert.match(result.error, /bad kind/);
        assert.equal(result.marked, 0, 'a failed apply left marks behind');
        assert.deepEqual(result.afterApply, [1, 1, true]);
        assert.equal(result.afterUndo, 0);
      } finally {
        await page.close();
      }
    });

    it('the playground (www/) runs the wasm on each demo page and lists what it hid', async () => {
      const page = await open(`${origin()}/www/`);
      try {
        const demos = await page.evaluate(() => fetch('demo/index.json').then((r) => r.json()));
        assert.ok(demos.length >= 2);
        for (const demo of demos) {
          await page.select('#demo', demo.file);
          await page.waitForFunction(
            (file) => {
              const doc = document.getElementById('page').contentDocument;
              return doc?.location.pathname.endsWith(file) && /\d+ hidden/.test(document.getElementById('status').textContent);
            },
            { timeout: 15_000 },
            demo.file,
          );
          const shown = await page.evaluate(() => ({
            listed: document.querySelectorAll('#hidden li[class^="k-"]').length,
            marked: document.getElementById('page').contentDocument.querySelectorAll('[data-lede-hidden]').length,
            error: document.getElementById('status').classList.contains('error'),
          }));
          assert.equal(shown.error, false);
          assert.ok(shown.listed > 0, `${demo.file}: nothing hidden`);
          assert.equal(shown.marked, shown.listed, `${demo.file}: list and marks differ`);
        }
      } finally {
        await page.close();
      }
    });

    it(`saves docs/screenshot-cleaned.png (${SCREENSHOT_PAGE}: cleaned, and what was hidden)`, async () => {
      const page = await open(`${origin()}/seeds/${SCREENSHOT_PAGE}`);
      try {
        await waitForLede(page);
        const cleaned = await page.screenshot({ fullPage: true, encoding: 'base64' });
        // Reveal what lede hid: outlined, dimmed and labelled by kind and reason.
        await page.addStyleTag({
          content: `
            html [data-lede-hidden][data-lede-hidden] { display: revert !important; outline: 3px solid #c62828; outline-offset: 2px; background: #fdecea; opacity: .8; }
            html [data-lede-hidden]::before { content: "hidden: " attr(data-lede-hidden) " (" attr(data-lede-reason) ")"; display: block; font: 600 13px/1.4 system-ui, sans-serif; color: #fff; background: #c62828; padding: 2px 6px; margin-bottom: 4px; }`,
        });
        const revealed = await page.screenshot({ fullPage: true, encoding: 'base64' });
        const sheet = await browser().newPage();
        try {
          await sheet.setViewport({ width: 1600, height: 900 });
          await sheet.setContent(`<!doctype html><meta charset="utf-8"><style>
            body { margin: 0; display: flex; gap: 16px; padding: 16px; background: #ddd; font: 600 18px system-ui, sans-serif; align-items: flex-start; }
            figure { margin: 0; flex: 1; background: #fff; box-shadow: 0 1px 4px #0004; }
            figcaption { padding: 8px 12px; background: #263238; color: #fff; }
            img { display: block; width: 100%; }
          </style>
          <figure><figcaption>lede on: the cleaned page</figcaption><img src="data:image/png;base64,${cleaned}"></figure>
          <figure><figcaption>what lede hid, by kind and reason</figcaption><img src="data:image/png;base64,${revealed}"></figure>`);
          await sheet.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
          const png = await sheet.screenshot({ fullPage: true });
          await mkdir(DOCS, { recursive: true });
          await writeFile(join(DOCS, 'screenshot-cleaned.png'), png);
        } finally {
          await sheet.close();
        }
      } finally {
        await page.close();
      }
    });
  },
});
