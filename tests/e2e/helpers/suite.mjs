// The end-to-end checks both browsers run against the built extension.
//
// For each labelled page (the seed pages in ../shared/corpora/seeds, and
// the demo pages in www/demo), served from a loopback server, possibly
// under a Content-Security-Policy header:
//   - every `article_paragraphs` text is visible exactly once;
//   - every `clutter` text is not visible (a duplicate with keep_copies 1:
//     exactly one visible copy);
//   - every hidden element carries a known kind and a reason and is really
//     not rendered, and nothing was removed from the page;
//   - the content script took the expected wasm path (background when the
//     page's CSP keeps WebAssembly out of Chromium content scripts).
// And the reading view toggle: open shows the title and the article text,
// closing (toggle or Escape) restores the page, scroll position included.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { countFound, openExtensionPage, sendToTabs, waitForLede } from './extension.mjs';
import { DEMOS, REPO, SEEDS, demoPages, requireBuild, seedPages } from './paths.mjs';
import { startServer } from './server.mjs';
import { countVisible, expectations } from './visibility.mjs';

/** The kinds the engine may report (issue 2, point 2). */
export const KINDS = ['duplicate', 'disclaimer', 'teaser', 'promo', 'notice'];
const TOGGLE = 'bg-cs-toggle-reader';

/**
 * The mismatches between what `page` shows and what `labels` want, as
 * readable lines (empty when the page is right).
 */
export async function labelMismatches(page, labels) {
  const wanted = expectations(labels);
  const counts = await page.evaluate(countVisible, wanted.map((w) => w.text));
  return wanted
    .map((w, i) => ({ ...w, got: counts[i] }))
    .filter((w) => w.got !== w.want)
    .map((w) => `${w.what}: visible ${w.got}×, want ${w.want}×: "${w.text.slice(0, 90)}${w.text.length > 90 ? '…' : ''}"`);
}

/** Page function: problems with lede's marks (unknown kind, no reason, still rendered). */
function markProblems(kinds) {
  const out = [];
  for (const el of document.querySelectorAll('[data-lede-hidden]')) {
    const kind = el.getAttribute('data-lede-hidden');
    if (!kinds.includes(kind)) out.push(`unknown kind "${kind}" on <${el.localName}>`);
    if (!el.getAttribute('data-lede-reason')?.trim()) out.push(`no reason on <${el.localName}> (${kind})`);
    // The marks must really hide (a page CSP could block lede's <style>).
    if (el.checkVisibility()) out.push(`<${el.localName}> marked ${kind} but still rendered`);
  }
  return out;
}

/** Page function: element counts of the served HTML and of the live page (lede's own elements left out). */
function elementCounts(html) {
  const served = new DOMParser().parseFromString(html, 'text/html');
  const live = [...document.querySelectorAll('*')].filter((el) => !el.closest('[data-lede-ui]')).length;
  return { served: served.querySelectorAll('*').length, live };
}

/**
 * Defines the suite for one browser.
 * @param {object} o
 * @param {string} o.name             browser name in test titles
 * @param {() => Promise<{browser, extensionOrigin}>} o.launch
 * @param {{csp: string|null, path: string}[]} o.variants  CSP variants and the wasm path each must take
 * @param {(ctx) => void} [o.extra]   more tests, given {browser(), origin(), extensionOrigin()}
 */
export function extensionSuite({ name, launch, variants, extra }) {
  describe(`${name}: the built extension`, () => {
    let server;
    let launched;
    let extensionPage;

    before(async () => {
      requireBuild();
      server = await startServer();
      launched = await launch();
    });

    after(async () => {
      await launched?.browser.close();
      await server?.close();
    });

    async function open(url) {
      const page = await launched.browser.newPage();
      await page.setViewport({ width: 1100, height: 900 });
      await page.goto(url, { waitUntil: 'load' });
      return page;
    }

    const sets = [
      { dir: SEEDS, top: 'seeds', pages: seedPages() },
      { dir: DEMOS, top: 'www/demo', pages: demoPages() },
    ];
    for (const { dir, top, pages } of sets) {
      for (const { name: pageName, file, labels } of pages) {
        for (const { csp, path } of variants) {
          const label = csp ? `${top}/${file} under CSP ${csp}` : `${top}/${file}`;
          it(`${label}: article visible once, clutter hidden (${path} path)`, async () => {
            const page = await open(`${server.origin}/${top}/${file}${csp ? `?csp=${csp}` : ''}`);
            try {
              assert.equal(await waitForLede(page), path, 'the content script took the wrong wasm path');
              const mismatches = await labelMismatches(page, labels);
              assert.deepEqual(mismatches, [], `${pageName}: ${mismatches.length} label mismatch(es)`);
              assert.deepEqual(await page.evaluate(markProblems, KINDS), []);
              const html = await readFile(join(dir, file), 'utf8');
              const counts = await page.evaluate(elementCounts, html);
              // The live page has lede's one <style> more than the served HTML, no fewer elements.
              assert.ok(counts.live >= counts.served, `elements removed: served ${counts.served}, live ${counts.live}`);
            } finally {
              await page.close();
            }
          });
        }
      }
    }

    for (const { name: pageName, file, labels } of seedPages()) {
      for (const { csp, path } of variants.slice(0, 2)) {
        it(`${pageName}${csp ? ` under CSP ${csp}` : ''}: the reading view opens with the article and closes back to the page (${path} path)`, async () => {
          const page = await open(`${server.origin}/seeds/${file}${csp ? `?csp=${csp}` : ''}`);
          try {
            await waitForLede(page);
            extensionPage ??= await openExtensionPage(launched.browser, launched.extensionOrigin);
            await page.bringToFront();
            const texts = [labels.title, ...labels.article_paragraphs];
            // Before scrolling: window.find scrolls to what it finds.
            const found = await page.evaluate(countFound, texts);
            await page.evaluate(() => window.scrollTo(0, 240));
            const before = await page.evaluate(() => ({ html: document.documentElement.outerHTML, x: scrollX, y: scrollY }));

            const replies = await sendToTabs(extensionPage, TOGGLE);
            assert.deepEqual(replies, [{ ok: true, result: { open: true } }]);
            await page.bringToFront();
            const host = await page.$('[data-lede-ui="reader"]');
            assert.ok(host, 'no reading view on the page');
            assert.equal(await host.evaluate((h) => h.getAttribute('aria-label')), labels.title);
            // Each text once more than on the page: the reading view shows it.
            const shown = await page.evaluate(countFound, texts);
            const missing = texts.filter((t, i) => shown[i] !== found[i] + 1).map((t) => `not in the reading view: "${t.slice(0, 80)}"`);
            assert.deepEqual(missing, []);

            assert.deepEqual(await sendToTabs(extensionPage, TOGGLE), [{ ok: true, result: { open: false } }]);
            await page.bringToFront();
            const afterToggle = await page.evaluate(() => ({ html: document.documentElement.outerHTML, x: scrollX, y: scrollY }));
            assert.ok(afterToggle.html === before.html, 'the page differs after closing the reading view');
            assert.deepEqual([afterToggle.x, afterToggle.y], [before.x, before.y], 'scroll position not restored');

            // Escape closes it too.
            assert.deepEqual(await sendToTabs(extensionPage, TOGGLE), [{ ok: true, result: { open: true } }]);
            await page.bringToFront();
            await page.keyboard.press('Escape');
            await page.waitForFunction(() => !document.querySelector('[data-lede-ui="reader"]'), { timeout: 5_000 });
            const afterEscape = await page.evaluate(() => ({ html: document.documentElement.outerHTML, x: scrollX, y: scrollY }));
            assert.ok(afterEscape.html === before.html, 'the page differs after Escape');
            assert.deepEqual([afterEscape.x, afterEscape.y], [before.x, before.y], 'scroll position not restored after Escape');
          } finally {
            await page.close();
          }
        });
      }
    }

    it('the reading-view shortcut from the manifest is assigned (not refused as a browser shortcut)', async () => {
      extensionPage ??= await openExtensionPage(launched.browser, launched.extensionOrigin);
      const manifest = JSON.parse(await readFile(join(REPO, 'extension', 'manifest.base.json'), 'utf8'));
      const want = manifest.commands['toggle-reader'].suggested_key.default;
      const commands = await extensionPage.evaluate(() => (globalThis.browser ?? globalThis.chrome).commands.getAll());
      assert.equal(commands.find((c) => c.name === 'toggle-reader')?.shortcut, want);
    });

    it('the toolbar badge shows how many blocks were hidden', async () => {
      const [{ file }] = seedPages();
      const page = await open(`${server.origin}/seeds/${file}`);
      try {
        await waitForLede(page);
        const marked = await page.evaluate(() => document.querySelectorAll('[data-lede-hidden]').length);
        extensionPage ??= await openExtensionPage(launched.browser, launched.extensionOrigin);
        const badges = await extensionPage.evaluate(async () => {
          const api = globalThis.browser ?? globalThis.chrome;
          const me = await api.tabs.getCurrent();
          const out = [];
          for (const tab of await api.tabs.query({})) {
            if (tab.id !== me.id) out.push(await api.action.getBadgeText({ tabId: tab.id }));
          }
          return out.filter(Boolean);
        });
        assert.ok(marked > 0);
        assert.deepEqual(badges, [String(marked)]);
      } finally {
        await page.close();
      }
    });

    extra?.({ browser: () => launched.browser, origin: () => server.origin, open });
  });
}
