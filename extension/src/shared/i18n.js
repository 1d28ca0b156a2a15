// Fills an extension page's strings from _locales: every element with
// `data-i18n` (a message name) gets the message as its text, `data-i18n-title` /
// `data-i18n-aria-label` / `data-i18n-placeholder` set those attributes;
// the document takes the UI language and its direction.

import { api } from './browser.js';

/** The message `key` with `subs`, or `key` itself if the locale lacks it (so a gap shows, not a blank). */
export function t(key, subs) {
  return api.i18n.getMessage(key, subs) || key;
}

/** Localises `root` (default: the whole document). */
export function localize(root = document) {
  const doc = root.ownerDocument ?? root;
  doc.documentElement.lang = api.i18n.getUILanguage();
  doc.documentElement.dir = api.i18n.getMessage('@@bidi_dir') || 'ltr';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attr of ['title', 'aria-label', 'placeholder']) {
    const data = `data-i18n-${attr}`;
    for (const el of root.querySelectorAll(`[${data}]`)) el.setAttribute(attr, t(el.getAttribute(data)));
  }
}
