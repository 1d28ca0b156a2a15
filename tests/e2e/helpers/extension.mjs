// Driving the loaded extension from a test: waiting for the content script
// to finish, and sending it the reading-view toggle the way the toolbar
// button and the shortcut do (background → 'bg-cs-toggle-reader').
//
// Neither browser lets a test press the toolbar button, and synthesised
// key presses do not reach extension shortcuts, so the tests open the
// extension's options page in a tab and send the message from there with
// the same tabs.sendMessage call the background makes.

/** The attribute the content script sets on <html> once it has run: 'content' or 'background'. */
export const PATH_ATTRIBUTE = 'data-lede-path';

/** Waits until lede's content script has cleaned `page`; resolves to the wasm path it used. */
export async function waitForLede(page, timeout = 20_000) {
  await page.waitForFunction((a) => document.documentElement.hasAttribute(a), { timeout }, PATH_ATTRIBUTE);
  return page.evaluate((a) => document.documentElement.getAttribute(a), PATH_ATTRIBUTE);
}

/** Opens the extension's options page in a new tab (a context with the extension APIs). */
export async function openExtensionPage(browser, extensionOrigin) {
  const page = await browser.newPage();
  // Firefox switches the tab to the extension process, which puppeteer's
  // navigation tracking does not follow; the document loads all the same,
  // so wait for it directly.
  await page.goto(`${extensionOrigin}/src/options/index.html`, { timeout: 5_000 }).catch(() => {});
  await page.waitForFunction(() => /-extension:$/.test(location.protocol) && document.readyState === 'complete', { timeout: 15_000 });
  return page;
}

/**
 * Sends `{type}` from the extension page to every other tab's content
 * script; resolves to the replies of the tabs that have one.
 */
export function sendToTabs(extensionPage, type) {
  return extensionPage.evaluate(async (type) => {
    const api = globalThis.browser ?? globalThis.chrome;
    const me = await api.tabs.getCurrent();
    const replies = [];
    for (const tab of await api.tabs.query({})) {
      if (tab.id === me.id) continue;
      try {
        replies.push(await api.tabs.sendMessage(tab.id, { type }));
      } catch {
        // A tab without lede's content script (about:blank).
      }
    }
    return replies;
  }, type);
}

/**
 * Page function: how many times each text can be found on the rendered
 * page (window.find walks rendered text, closed shadow roots included, and
 * skips what is display:none). Used for the reading view, whose closed
 * shadow root a test cannot open.
 */
export function countFound(texts) {
  const selection = getSelection();
  const counts = texts.map((text) => {
    selection.removeAllRanges();
    selection.collapse(document.body, 0);
    let n = 0;
    // find(text, caseSensitive, backwards, wrapAround, wholeWord, searchInFrames, showDialog)
    while (n < 100 && window.find(text, true, false, false, false, false, false)) n++;
    return n;
  });
  selection.removeAllRanges();
  return counts;
}
