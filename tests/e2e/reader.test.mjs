// The reading view of the built extension, in headless Chromium and
// Firefox ESR (issue 5, points 1, 2 and 8): opening it by the shortcut's
// message and by the popup's button; its header, landmarks and dialog
// semantics; focus kept inside; Escape giving the page back exactly; each
// control; choices kept across a reload; a right-to-left article; images
// off; copy as Markdown; print (Chromium); and the README screenshots
// (Chromium: docs/reader-light.png and docs/reader-dark.png).
//
// The view's closed shadow root is reached through the browsers'
// automation protocols (helpers/reader.mjs), never through a page hook.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchChromium, launchFirefox } from './helpers/browsers.mjs';
import { openExtensionPage, sendToTabs, waitForLede } from './helpers/extension.mjs';
import { DOCS, REPO, requireBuild, seedPages } from './helpers/paths.mjs';
import {
  HOST,
  clearSettings,
  clickControl,
  focusedInView,
  openPopupPage,
  pageState,
  readerRoot,
  startCorpusServer,
  storedSettings,
  viewState,
} from './helpers/reader.mjs';
import { startServer } from './helpers/server.mjs';

const TOGGLE = 'bg-cs-toggle-reader';
const MESSAGES = JSON.parse(readFileSync(join(REPO, 'extension', '_locales', 'en', 'messages.json'), 'utf8'));
const message = (key) => MESSAGES[key].message;
/** The seed page most tests read: the first, by name. */
const SEED = seedPages()[0];
/** A Readability test page whose article keeps three images. */
const IMAGES_PAGE = 'wordpress';
/** A Readability right-to-left test page (`dir="rtl"`). */
const RTL_PAGE = 'rtl-1';

function readerSuite({ name, launch, chromium }) {
  describe(`${name}: the reading view`, () => {
    let server;
    let corpus;
    let launched;
    let extensionPage;

    before(async () => {
      requireBuild();
      server = await startServer();
      corpus = await startCorpusServer();
      launched = await launch();
      extensionPage = await openExtensionPage(launched.browser, launched.extensionOrigin);
    });

    after(async () => {
      await launched?.browser.close();
      await server?.close();
      await corpus?.close();
    });

    async function open(url) {
      const page = await launched.browser.newPage();
      await page.setViewport({ width: 1100, height: 900 });
      await page.goto(url, { waitUntil: 'load' });
      await waitForLede(page);
      return page;
    }

    /** Sends the toggle the shortcut and the toolbar button send; resolves to whether the view is open. */
    async function toggle(page) {
      const replies = await sendToTabs(extensionPage, TOGGLE);
      await page.bringToFront();
      assert.equal(replies.length, 1, `one tab should answer the toggle: ${JSON.stringify(replies)}`);
      assert.equal(replies[0].ok, true, replies[0].error);
      return replies[0].result.open;
    }

    async function openView(page) {
      assert.equal(await toggle(page), true);
      return readerRoot(page);
    }

    it('opens by the shortcut message: dialog, landmarks, h1 title, localised metadata, focus inside', async () => {
      const page = await open(`${server.origin}/seeds/${SEED.file}`);
      try {
        const root = await openView(page);
        const host = await page.$(HOST);
        assert.deepEqual(await host.evaluate((h) => [h.getAttribute('role'), h.getAttribute('aria-modal'), h.getAttribute('aria-label')]), ['dialog', 'true', SEED.labels.title]);
        const shape = await root.evaluate((r) => ({
          h1: [...r.querySelectorAll('h1')].map((h) => h.textContent),
          inMain: !!r.querySelector('main article header h1'),
          toolbar: r.querySelector('section.toolbar')?.getAttribute('aria-label'),
          meta: r.querySelector('.meta')?.textContent ?? '',
          unnamed: [...r.querySelectorAll('button')].filter((b) => !(b.getAttribute('aria-label') || b.textContent).trim()).length,
          groups: [...r.querySelectorAll('[role="group"]')].map((g) => r.getElementById(g.getAttribute('aria-labelledby'))?.textContent),
          paragraphs: r.querySelector('.content').textContent.replace(/\s+/g, ''),
        }));
        assert.deepEqual(shape.h1, [SEED.labels.title]);
        assert.ok(shape.inMain, 'the title is not inside main > article > header');
        assert.equal(shape.toolbar, message('readerControls'));
        assert.match(shape.meta, new RegExp(message('readerMinutes').replace('$COUNT$', '\\d+')));
        assert.equal(shape.unnamed, 0, 'a control without an accessible name');
        assert.deepEqual(shape.groups, ['readerTheme', 'readerFont', 'readerSize', 'readerSpacing', 'readerWidth'].map(message));
        for (const p of SEED.labels.article_paragraphs) assert.ok(shape.paragraphs.includes(p.replace(/\s+/g, '')), `not in the view: ${p.slice(0, 60)}`);
        assert.equal(await focusedInView(root), 'div.view', 'focus did not move into the view');
        assert.equal(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), HOST), true);
      } finally {
        await page.close();
      }
    });

    it('keeps focus inside while open (Tab and Shift+Tab wrap) and Escape restores the page, scroll and focus exactly', async () => {
      const page = await open(`${server.origin}/seeds/${SEED.file}`);
      try {
        // A short window, so that the page can scroll.
        await page.setViewport({ width: 1100, height: 400 });
        // Focus something on the page, then scroll away from it.
        await page.evaluate(() => {
          const link = document.querySelector('a[href]');
          link.focus();
          window.scrollTo(0, 300);
        });
        const before = await pageState(page);
        assert.ok(before.y > 0, 'the page did not scroll');
        const root = await openView(page);
        const count = await root.evaluate((r) => [...r.querySelectorAll('button:not(:disabled), a[href]')].filter((e) => e.checkVisibility()).length);
        assert.ok(count > 10);
        // All the way round, and one more: focus never leaves the view.
        const seen = new Set();
        for (let i = 0; i < count + 1; i++) {
          await page.keyboard.press('Tab');
          const focused = await focusedInView(root);
          assert.ok(focused && focused !== 'div.view', `Tab ${i + 1} left the view`);
          seen.add(focused);
        }
        assert.equal(await focusedInView(root), 'button[theme=system]', 'Tab did not wrap to the first control');
        await page.keyboard.down('Shift');
        await page.keyboard.press('Tab');
        await page.keyboard.up('Shift');
        const last = await focusedInView(root);
        assert.ok(last && last !== 'button[theme=system]', 'Shift+Tab from the first control did not wrap to the last');
        // A controls reached by keyboard works by keyboard.
        for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
        assert.equal(await focusedInView(root), 'button[theme=sepia]');
        await page.keyboard.press('Enter');
        assert.deepEqual((await viewState(root)).theme, ['sepia']);

        await page.keyboard.press('Escape');
        await page.waitForFunction((sel) => !document.querySelector(sel), { timeout: 5_000 }, HOST);
        const afterEscape = await pageState(page);
        assert.ok(afterEscape.html === before.html, 'the page differs after Escape');
        assert.deepEqual([afterEscape.x, afterEscape.y, afterEscape.active], [before.x, before.y, before.active]);
      } finally {
        await clearSettings(extensionPage);
        await page.close();
      }
    });

    it("opens from the popup's Reading view button, and the close button closes it", async () => {
      const page = await open(`${server.origin}/seeds/${SEED.file}`);
      const popup = await openPopupPage(launched.browser, launched.extensionOrigin, page);
      try {
        const before = await pageState(page);
        assert.equal(await popup.$eval('#reader', (b) => b.textContent.trim()), message('popupReader'));
        await popup.evaluate(() => document.getElementById('reader').click());
        const root = await readerRoot(page);
        assert.equal(await root.evaluate((r) => r.querySelector('h1').textContent), SEED.labels.title);
        await page.bringToFront();
        await clickControl(root, 'close');
        await page.waitForFunction((sel) => !document.querySelector(sel), { timeout: 5_000 }, HOST);
        assert.ok((await pageState(page)).html === before.html, 'the page differs after closing');
      } finally {
        await popup.close().catch(() => {});
        await page.close();
      }
    });

    it('theme, font, size, spacing and width apply at once and persist across a reload', async () => {
      await clearSettings(extensionPage);
      const page = await open(`${server.origin}/seeds/${SEED.file}`);
      try {
        let root = await openView(page);
        const initial = await viewState(root);
        assert.deepEqual([initial.theme, initial.font, initial.fontSize], [['system'], ['serif'], '19px']);

        await clickControl(root, 'theme', 'dark');
        await clickControl(root, 'font', 'sans');
        await clickControl(root, 'fontSize', '+1');
        await clickControl(root, 'fontSize', '+1');
        await clickControl(root, 'lineHeight', '+1');
        await clickControl(root, 'width', '-1');
        const changed = await viewState(root);
        assert.deepEqual([changed.theme, changed.font, changed.fontSize], [['dark'], ['sans'], '21px']);
        assert.notEqual(changed.background, initial.background, 'the dark theme did not change the background');
        assert.notEqual(changed.fontFamily, initial.fontFamily, 'the sans font did not change the font family');
        assert.equal(Math.round((parseFloat(changed.lineHeight) / parseFloat(changed.fontSize)) * 100) / 100, 1.7);
        assert.ok(changed.articleWidth < initial.articleWidth * (21 / 19), 'the line width did not narrow');
        await extensionPage.waitForFunction(
          async () => (await (globalThis.browser ?? globalThis.chrome).storage.sync.get('settings')).settings?.reader?.width === 60,
          { timeout: 5_000, polling: 100 },
        );
        assert.deepEqual((await storedSettings(extensionPage)).reader, { theme: 'dark', font: 'sans', fontSize: 21, lineHeight: 1.7, width: 60, images: true });

        await page.reload({ waitUntil: 'load' });
        await waitForLede(page);
        root = await openView(page);
        const reloaded = await viewState(root);
        for (const key of ['theme', 'font', 'background', 'fontFamily', 'fontSize', 'lineHeight', 'articleWidth']) {
          assert.deepEqual(reloaded[key], changed[key], `${key} not kept across the reload`);
        }
      } finally {
        await clearSettings(extensionPage);
        await page.close();
      }
    });

    it('images off hides the article images, on shows them again', async () => {
      const page = await open(`${corpus.origin}/readability/${IMAGES_PAGE}/source.html`);
      try {
        const root = await openView(page);
        const on = await viewState(root);
        assert.ok(on.imageCount > 0, 'the article has no images to hide');
        assert.deepEqual([on.images, on.imagesShown], ['true', on.imageCount]);
        await clickControl(root, 'images');
        const off = await viewState(root);
        assert.deepEqual([off.images, off.imagesShown, off.imageCount], ['false', 0, on.imageCount]);
        assert.equal((await storedSettings(extensionPage)).reader.images, false);
        await clickControl(root, 'images');
        assert.equal((await viewState(root)).imagesShown, on.imageCount);
      } finally {
        await clearSettings(extensionPage);
        await page.close();
      }
    });

    it(`a right-to-left article (readability/${RTL_PAGE}) lays out right to left, header and toolbar too`, async () => {
      const page = await open(`${corpus.origin}/readability/${RTL_PAGE}/source.html`);
      try {
        const root = await openView(page);
        const layout = await root.evaluate((r) => {
          const article = r.querySelector('article');
          const box = article.getBoundingClientRect();
          const pad = parseFloat(getComputedStyle(article).paddingRight);
          const range = document.createRange();
          range.selectNodeContents(r.querySelector('.content p') ?? r.querySelector('h1'));
          const rects = [...range.getClientRects()].filter((x) => x.width > 0);
          const text = { left: Math.min(...rects.map((x) => x.left)), right: Math.max(...rects.map((x) => x.right)) };
          const first = r.querySelector('.toolbar button').getBoundingClientRect();
          const close = r.querySelector('button[data-action="close"]').getBoundingClientRect();
          return {
            dir: [r.querySelector('.view').dir, article.dir, getComputedStyle(article).direction, getComputedStyle(r.querySelector('.toolbar')).direction],
            // The first line of text hugs the right edge of the column.
            rightGap: Math.round(box.right - pad - text.right),
            leftGap: Math.round(text.left - (box.left + parseFloat(getComputedStyle(article).paddingLeft))),
            // The toolbar starts on the right: its first control is right of the close button.
            toolbarFlipped: first.left > close.left,
          };
        });
        assert.deepEqual(layout.dir, ['rtl', 'rtl', 'rtl', 'rtl']);
        assert.ok(Math.abs(layout.rightGap) <= 1, `first line ${layout.rightGap}px from the right edge`);
        assert.ok(layout.leftGap >= 0);
        assert.ok(layout.toolbarFlipped, 'the toolbar is not laid out right to left');
      } finally {
        await page.close();
      }
    });

    it('copy as Markdown puts the article on the clipboard as Markdown', async () => {
      const page = await open(`${server.origin}/seeds/${SEED.file}`);
      try {
        if (chromium) {
          await launched.browser.defaultBrowserContext().overridePermissions(server.origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
        }
        const root = await openView(page);
        await clickControl(root, 'copy');
        await root.waitForSelector('.status:not(:empty)', { timeout: 5_000 });
        assert.equal(await root.evaluate((r) => r.querySelector('.status').textContent), message('readerCopied'));
        let text;
        if (chromium) {
          text = await page.evaluate(() => navigator.clipboard.readText());
        } else {
          // Firefox asks before a page may read the clipboard; paste instead.
          await page.keyboard.press('Escape');
          const blank = await launched.browser.newPage();
          try {
            await blank.goto(`${server.origin}/blank`);
            await blank.evaluate(() => {
              const area = document.createElement('textarea');
              document.body.append(area);
              area.focus();
            });
            await blank.keyboard.down('Control');
            await blank.keyboard.press('v');
            await blank.keyboard.up('Control');
            text = await blank.$eval('textarea', (a) => a.value);
          } finally {
            await blank.close();
          }
        }
        assert.ok(text.startsWith(`# ${SEED.labels.title}\n`), `not Markdown with the title as heading: ${text.slice(0, 80)}`);
        const squashed = text.replace(/\s+/g, ' ');
        for (const p of SEED.labels.article_paragraphs.slice(0, 3)) assert.ok(squashed.includes(p.replace(/\s+/g, ' ').slice(0, 60)), `missing: ${p.slice(0, 60)}`);
        assert.ok(!/<[a-z]/i.test(text), 'HTML tags in the Markdown');
      } finally {
        await page.close();
      }
    });

    if (chromium) {
      it('follows the system colour scheme when the theme is "system"', async () => {
        const page = await open(`${server.origin}/seeds/${SEED.file}`);
        try {
          const root = await openView(page);
          await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
          const light = (await viewState(root)).background;
          await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
          const dark = (await viewState(root)).background;
          assert.notEqual(light, dark);
          await clickControl(root, 'theme', 'dark');
          assert.equal((await viewState(root)).background, dark, 'system-dark and dark differ');
        } finally {
          await clearSettings(extensionPage);
          await page.close();
        }
      });

      it('prints the reading view only', async () => {
        const page = await open(`${server.origin}/seeds/${SEED.file}?csp=default-src`);
        try {
          const root = await openView(page);
          await page.emulateMediaType('print');
          const printed = await page.evaluate((sel) => ({
            body: document.body.checkVisibility(),
            host: document.querySelector(sel).checkVisibility(),
          }), HOST);
          const inside = await root.evaluate((r) => ({
            position: getComputedStyle(r.querySelector('.view')).position,
            toolbar: r.querySelector('.toolbar').checkVisibility(),
            title: r.querySelector('h1').checkVisibility(),
            background: getComputedStyle(r.querySelector('.view')).backgroundColor,
          }));
          assert.deepEqual(printed, { body: false, host: true });
          assert.deepEqual(inside, { position: 'static', toolbar: false, title: true, background: 'rgb(255, 255, 255)' });
          const pdf = await page.pdf({ format: 'A4' });
          const pages = (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
          assert.ok(pages >= 1, 'the PDF has no pages');
          await page.emulateMediaType(null);
          assert.equal(await page.evaluate(() => document.body.checkVisibility()), true);
        } finally {
          await page.close();
        }
      });

      it('saves docs/reader-light.png and docs/reader-dark.png', async () => {
        const page = await open(`${server.origin}/seeds/${SEED.file}`);
        try {
          const root = await openView(page);
          await mkdir(DOCS, { recursive: true });
          for (const theme of ['light', 'dark']) {
            await clickControl(root, 'theme', theme);
            // No focus ring on the clicked button in the picture.
            await root.evaluate((r) => r.querySelector('.view').focus());
            await writeFile(join(DOCS, `reader-${theme}.png`), await page.screenshot());
          }
        } finally {
          await clearSettings(extensionPage);
          await page.close();
        }
      });
    }
  });
}

readerSuite({ name: 'Chromium', launch: launchChromium, chromium: true });
readerSuite({ name: 'Firefox', launch: launchFirefox, chromium: false });
