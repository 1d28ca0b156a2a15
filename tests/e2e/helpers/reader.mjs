// Reaching into the reading view from a test.
//
// The view lives in a closed shadow root, which page scripts cannot open,
// and neither can a test's page function. Both browsers' automation
// protocols can, as their developer tools do:
//   - Chromium (CDP): DOM.getDocument with `pierce: true` lists closed
//     shadow roots; the root's backend node id is then resolved into a
//     handle in the page's world.
//   - Firefox (WebDriver BiDi): a serialised element carries its shadow
//     root, closed ones included (`value.shadowRoot.sharedId`), which a
//     handle can be made from.
// Either way the test gets an ordinary puppeteer ElementHandle of the
// shadow root, so `root.$(…)`, `handle.click()` (a real mouse click, with
// user activation) and `root.evaluate(…)` work the same in both browsers.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SEEDS } from './paths.mjs';

const READABILITY = join(SEEDS, '..', 'readability');

/** The reading view's host element, or null when the view is closed. */
export const HOST = '[data-lede-ui="reader"]';

/** An ElementHandle of the reading view's (closed) shadow root. */
export async function readerRoot(page) {
  const host = await page.waitForSelector(HOST, { timeout: 10_000 });
  if (typeof host.remoteValue === 'function') {
    const shadow = host.remoteValue().value?.shadowRoot;
    if (!shadow?.sharedId) throw new Error('Firefox did not serialise the reader host with its shadow root');
    return host.constructor.from({ type: 'node', sharedId: shadow.sharedId }, host.realm);
  }
  const cdp = await page.createCDPSession();
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const find = (node) => {
      const attrs = node.attributes ?? [];
      for (let i = 0; i < attrs.length; i += 2) {
        if (attrs[i] === 'data-lede-ui' && attrs[i + 1] === 'reader' && node.shadowRoots?.length) return node.shadowRoots[0];
      }
      for (const child of node.children ?? []) {
        const found = find(child);
        if (found) return found;
      }
      return null;
    };
    const shadow = find(root);
    if (!shadow) throw new Error('no shadow root on the reader host');
    return await host.realm.adoptBackendNode(shadow.backendNodeId);
  } finally {
    await cdp.detach();
  }
}

/** Clicks the toolbar control `[data-action=action][data-value=value]` with the mouse. */
export async function clickControl(root, action, value) {
  const selector = value === undefined ? `button[data-action="${action}"]` : `button[data-action="${action}"][data-value="${value}"]`;
  const button = await root.$(selector);
  if (!button) throw new Error(`no control ${selector}`);
  await button.click();
}

/** What the view shows and how, read inside the shadow root. */
export function viewState(root) {
  return root.evaluate((r) => {
    const view = r.querySelector('.view');
    const article = r.querySelector('article');
    const vs = getComputedStyle(view);
    const as = getComputedStyle(article);
    const pressed = (action) => [...r.querySelectorAll(`button[data-action="${action}"][aria-pressed="true"]`)].map((b) => b.dataset.value ?? 'on');
    const images = [...r.querySelectorAll('.content img')];
    return {
      theme: pressed('theme'),
      font: pressed('font'),
      images: r.querySelector('button[data-action="images"]').getAttribute('aria-pressed'),
      background: vs.backgroundColor,
      color: vs.color,
      fontFamily: vs.fontFamily,
      fontSize: vs.fontSize,
      lineHeight: vs.lineHeight,
      articleWidth: parseFloat(as.maxWidth),
      imageCount: images.length,
      imagesShown: images.filter((i) => i.checkVisibility()).length,
    };
  });
}

/** The focused element inside the view, described (`tag[data-action]`), or null when focus is elsewhere. */
export function focusedInView(root) {
  return root.evaluate((r) => {
    const a = r.activeElement;
    if (!a) return null;
    return `${a.localName}${a.dataset.action ? `[${a.dataset.action}${a.dataset.value ? `=${a.dataset.value}` : ''}]` : ''}${a.classList.contains('view') ? '.view' : ''}`;
  });
}

/** Page state that closing the view must restore exactly. */
export function pageState(page) {
  return page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    x: scrollX,
    y: scrollY,
    active: document.activeElement === document.body ? 'body' : document.activeElement?.outerHTML.slice(0, 120),
  }));
}

/** The lede settings in storage.sync, read from an extension page. */
export function storedSettings(extensionPage) {
  return extensionPage.evaluate(async () => (await (globalThis.browser ?? globalThis.chrome).storage.sync.get('settings')).settings ?? null);
}

/** Forgets every setting (a fresh start for a test). */
export function clearSettings(extensionPage) {
  return extensionPage.evaluate(() => (globalThis.browser ?? globalThis.chrome).storage.sync.clear());
}

/**
 * Opens the toolbar popup's page in a tab (the same document the toolbar
 * button shows) acting on `target`'s tab. A popup acts on the active tab of
 * its window, which a freshly opened tab is itself; so the page is loaded
 * once, `target` brought to the front, and the page loaded again in the
 * background, as the real popup loads over the active tab.
 */
export async function openPopupPage(browser, extensionOrigin, target) {
  const page = await browser.newPage();
  const url = `${extensionOrigin}/src/popup/index.html`;
  const load = async () => {
    // As in openExtensionPage: Firefox moves the tab to the extension process.
    await page.goto(url, { timeout: 5_000 }).catch(() => {});
    await page.waitForFunction(() => /-extension:$/.test(location.protocol) && document.readyState === 'complete' && !!document.getElementById('reader'), { timeout: 15_000 });
  };
  await load();
  await target.bringToFront();
  await load();
  return page;
}

/**
 * A loopback server for Mozilla Readability's test pages
 * (`/readability/<case>/source.html` from ../shared/corpora/readability,
 * read in place): the right-to-left pages and pages with images. They are
 * pages saved from the web whose scripts may navigate away, so they are
 * served with a CSP that keeps their scripts off (lede's content script is
 * not a page script and runs all the same). Resolves to `{origin, close()}`.
 */
export async function startCorpusServer() {
  const server = createServer(async (req, res) => {
    const match = /^\/readability\/([a-z0-9-]+)\/source\.html$/.exec(new URL(req.url, 'http://127.0.0.1').pathname);
    try {
      if (!match) throw new Error('not found');
      const body = await readFile(join(READABILITY, match[1], 'source.html'));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "script-src 'none'" }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
