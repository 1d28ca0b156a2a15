// Driving lede as a person would, from the extension's own pages: the
// popup (opened in a tab with `?tab=<id>`, since no test can press the
// toolbar button), the options page and the onboarding page; reading the
// toolbar badge and the background's per-tab record; resetting settings.

/** Opens an extension page in a new tab and waits until its script has rendered (`body[data-ready]` when it sets one). */
export async function openExtensionUrl(browser, url, { ready = true } = {}) {
  const page = await browser.newPage();
  // Firefox moves the tab to the extension process, which puppeteer's
  // navigation tracking does not follow: wait for the document directly.
  await page.goto(url, { timeout: 1_500 }).catch(() => {});
  await page.waitForFunction(() => /-extension:$/.test(location.protocol) && document.readyState === 'complete', { timeout: 15_000 });
  if (ready) await page.waitForFunction(() => document.body?.dataset.ready === 'true', { timeout: 15_000 });
  return page;
}

/** Runs `fn(api, ...args)` in an extension page, with the extension API (`args` JSON-serialisable). */
export function withApi(extensionPage, fn, ...args) {
  return extensionPage.evaluate(`(${fn})(globalThis.browser ?? globalThis.chrome, ...${JSON.stringify(args)})`);
}

/**
 * The id of the one tab whose lede content script answers (the tests keep
 * one web page open at a time), polling until there is one.
 */
export async function ledeTabId(extensionPage, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const ids = await withApi(extensionPage, async (api) => {
      const out = [];
      for (const tab of await api.tabs.query({})) {
        try {
          const r = await api.tabs.sendMessage(tab.id, { type: 'ui-cs-state' });
          if (r?.ok) out.push(tab.id);
        } catch {
          // no content script there
        }
      }
      return out;
    });
    if (ids.length === 1) return ids[0];
    if (ids.length > 1) throw new Error(`${ids.length} tabs with lede, want 1`);
    if (Date.now() > deadline) throw new Error('no tab with lede');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The toolbar badge text of a tab. */
export const badge = (extensionPage, tabId) => withApi(extensionPage, (api, id) => api.action.getBadgeText({ tabId: id }), tabId);

/** The background's record of a tab (`{status, count, error}`), or null. */
export const record = (extensionPage, tabId) =>
  withApi(extensionPage, async (api, id) => (await api.storage.session.get(`tab:${id}`))[`tab:${id}`] ?? null, tabId);

/** Polls `fn()` until `check(value)` holds; resolves to the value (rejects with the last one on timeout). */
export async function until(fn, check, { timeout = 15_000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let value;
  for (;;) {
    value = await fn();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)?.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Forgets every setting and site rule. */
export const resetSettings = (extensionPage) =>
  withApi(extensionPage, async (api) => {
    await api.storage.sync.clear();
    await api.storage.local.clear();
  });

/** Page function for a web page: `{marked: [{kind, reason, text}], rendered}` of lede's marks. */
export function marks() {
  return [...document.querySelectorAll('[data-lede-hidden]')].map((el) => ({
    kind: el.getAttribute('data-lede-hidden'),
    reason: el.getAttribute('data-lede-reason'),
    text: el.textContent.replace(/\s+/g, ' ').trim(),
    rendered: el.checkVisibility(),
  }));
}

/** Page function for the popup: what it shows. */
export function popupView() {
  return {
    status: document.getElementById('status').dataset.status,
    statusText: document.getElementById('status').textContent,
    blocks: [...document.querySelectorAll('#blocks li')].map((li) => ({
      id: Number(li.dataset.id),
      kind: li.dataset.kind,
      shown: li.dataset.shown === 'true',
      reason: li.querySelector('.reason').textContent,
      // The block's own text, without its kind label.
      text: li.querySelector('.text').lastChild.textContent,
    })),
    related: document.querySelectorAll('#blocks li[data-kind="related"]').length,
    autoClean: document.getElementById('autoClean').checked,
    alwaysReader: document.getElementById('alwaysReader').checked,
  };
}
