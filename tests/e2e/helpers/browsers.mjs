// Launching the two browsers with the built extension loaded, as
// ../shared/PLATFORM.md ("Driving both browsers with the extension loaded")
// found to work: puppeteer-core, the system browsers, no download.

import puppeteer from 'puppeteer-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, REPO } from './paths.mjs';

export const CHROMIUM = process.env.LEDE_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX = process.env.LEDE_FIREFOX ?? '/usr/bin/firefox-esr';

/**
 * Headless Chromium with dist/chrome loaded. Resolves to `{browser, extensionOrigin, worker}`.
 * `proxy`: a port on 127.0.0.1 every request of the browser goes through, loopback included (see proxy.mjs).
 */
export async function launchChromium({ proxy } = {}) {
  // `<-loopback>` takes away Chromium's implicit proxy bypass for 127.0.0.1.
  const proxyArgs = proxy ? [`--proxy-server=http://127.0.0.1:${proxy}`, '--proxy-bypass-list=<-loopback>'] : [];
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    enableExtensions: [join(DIST, 'chrome')],
    // Root needs --no-sandbox (PLATFORM.md); the rest keep the run offline and quiet.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage', ...proxyArgs],
  });
  const worker = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://') && t.url().endsWith('/src/background/index.js'), { timeout: 20_000 });
  return { browser, extensionOrigin: `chrome-extension://${new URL(worker.url()).host}`, worker };
}

/** The add-on id in extension/manifest.firefox.json. */
const GECKO_ID = JSON.parse(readFileSync(join(REPO, 'extension', 'manifest.firefox.json'), 'utf8')).browser_specific_settings.gecko.id;
/**
 * Firefox gives each installed add-on a random moz-extension:// host; the
 * pref `extensions.webextensions.uuids` fixes it in advance, so that the
 * tests can open the extension's own pages: under WebDriver BiDi that is
 * the only place a test can call the extension APIs from.
 */
const FIREFOX_UUID = '6c0e5e3a-1ede-4c1e-9e0e-000000001ede';

/** Firefox prefs sending every request (loopback included) through the proxy on `port`. */
const firefoxProxyPrefs = (port) => ({
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': port,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': port,
  'network.proxy.no_proxies_on': '',
  'network.proxy.allow_hijacking_localhost': true,
});

/** Headless Firefox ESR with dist/lede-firefox.xpi installed over WebDriver BiDi (`proxy`: as launchChromium). */
export async function launchFirefox({ proxy } = {}) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Lets WebDriver BiDi navigate a tab to the extension's own pages
    // (moz-extension:// is not a "WebDriver-safe" URL otherwise: see
    // isWebdriverSafeNavigationURL in Firefox's remote agent).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }), ...(proxy ? firefoxProxyPrefs(proxy) : {}) },
  });
  // The packed .xpi, so that the artifact itself is what gets tested.
  await browser.installExtension(join(DIST, 'lede-firefox.xpi'));
  return { browser, extensionOrigin: `moz-extension://${FIREFOX_UUID}` };
}
