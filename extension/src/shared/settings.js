// lede's settings, one schema for every part of the extension.
//
//   storage.sync  "settings"  what a person chose once for every site
//                             (follows them to their other browsers)
//   storage.local "sites"     per-site rules, keyed by host name: they name
//                             places a person visited, so they stay on this
//                             machine
//
// Every read goes through `normalize*`, so a value written by an older
// version, or an imported file, can never hand the rest of lede a field of
// the wrong type: unknown keys are dropped and bad values fall back to the
// defaults.

import { api } from './browser.js';

/** The kinds of clutter lede finds (src/detect/mod.rs `Kind`). */
export const KINDS = Object.freeze(['duplicate', 'disclaimer', 'teaser', 'promo', 'notice', 'related']);

/** Reading-view choices and their allowed values. */
export const THEMES = Object.freeze(['system', 'light', 'sepia', 'dark']);
export const FONTS = Object.freeze(['serif', 'sans']);
/** Font size in CSS pixels, line height (unitless) and line width (characters). */
export const FONT_SIZE = Object.freeze({ min: 14, max: 28, step: 1 });
export const LINE_HEIGHT = Object.freeze({ min: 1.2, max: 2.0, step: 0.1 });
export const LINE_WIDTH = Object.freeze({ min: 45, max: 90, step: 5 });

/** What lede does before a person has chosen anything. */
export const DEFAULTS = Object.freeze({
  /** Clean pages that look like articles as they load. */
  autoClean: true,
  /** Per kind: hide it in place. `related` lists are kept by default. */
  kinds: Object.freeze({ duplicate: true, disclaimer: true, teaser: true, promo: true, notice: true, related: false }),
  reader: Object.freeze({ theme: 'system', font: 'serif', fontSize: 19, lineHeight: 1.6, width: 65, images: true }),
});

/** A site's rules before any are set. */
export const SITE_DEFAULTS = Object.freeze({
  /** `null`: follow the global setting. */
  autoClean: null,
  /** Open every article of this site in the reading view. */
  alwaysReader: false,
  /** Per kind, overriding the global choice; absent kinds follow it. */
  kinds: Object.freeze({}),
  /** Blocks never to hide here, by their text fingerprint (see `blockKey`). */
  keep: Object.freeze([]),
});

/** Most "never hide this here" rules kept per site (oldest dropped first). */
export const MAX_KEEP_RULES = 200;
/** Version of the export file format. */
export const EXPORT_FORMAT = 1;

const SYNC_KEY = 'settings';
const LOCAL_KEY = 'sites';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function number(value, { min, max }, fallback) {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function oneOf(value, allowed, fallback) {
  return allowed.includes(value) ? value : fallback;
}

function kinds(value, fallback) {
  const out = {};
  for (const kind of KINDS) {
    const v = isObject(value) ? value[kind] : undefined;
    if (typeof v === 'boolean') out[kind] = v;
    else if (fallback && kind in fallback) out[kind] = fallback[kind];
  }
  return out;
}

/** The settings with every field present and valid. */
export function normalizeSettings(raw) {
  const s = isObject(raw) ? raw : {};
  const r = isObject(s.reader) ? s.reader : {};
  const d = DEFAULTS.reader;
  return {
    autoClean: typeof s.autoClean === 'boolean' ? s.autoClean : DEFAULTS.autoClean,
    kinds: kinds(s.kinds, DEFAULTS.kinds),
    reader: {
      theme: oneOf(r.theme, THEMES, d.theme),
      font: oneOf(r.font, FONTS, d.font),
      fontSize: number(r.fontSize, FONT_SIZE, d.fontSize),
      lineHeight: Math.round(number(r.lineHeight, LINE_HEIGHT, d.lineHeight) * 10) / 10,
      width: number(r.width, LINE_WIDTH, d.width),
      images: typeof r.images === 'boolean' ? r.images : d.images,
    },
  };
}

/** One site's rules with every field present and valid. */
export function normalizeSite(raw) {
  const s = isObject(raw) ? raw : {};
  const keep = Array.isArray(s.keep) ? s.keep.filter((k) => typeof k === 'string' && k.length > 0 && k.length <= 200) : [];
  return {
    autoClean: typeof s.autoClean === 'boolean' ? s.autoClean : null,
    alwaysReader: s.alwaysReader === true,
    kinds: kinds(s.kinds, null),
    keep: [...new Set(keep)].slice(-MAX_KEEP_RULES),
  };
}

/** Host names only: a rule file may not smuggle other keys in. */
function isHost(host) {
  return typeof host === 'string' && host.length > 0 && host.length <= 253 && /^[a-z0-9.\-[\]:]+$/i.test(host);
}

function normalizeSites(raw) {
  const out = {};
  if (!isObject(raw)) return out;
  for (const [host, rules] of Object.entries(raw)) {
    if (isHost(host)) out[host.toLowerCase()] = normalizeSite(rules);
  }
  return out;
}

/** The global settings. */
export async function loadSettings() {
  const got = await api.storage.sync.get(SYNC_KEY);
  return normalizeSettings(got?.[SYNC_KEY]);
}

/** Merges `patch` (a partial settings object) into the stored settings; returns the result. */
export async function saveSettings(patch) {
  const current = await loadSettings();
  const next = normalizeSettings({
    ...current,
    ...patch,
    kinds: { ...current.kinds, ...(patch?.kinds ?? {}) },
    reader: { ...current.reader, ...(patch?.reader ?? {}) },
  });
  await api.storage.sync.set({ [SYNC_KEY]: next });
  return next;
}

/** Every site's rules. */
export async function loadSites() {
  const got = await api.storage.local.get(LOCAL_KEY);
  return normalizeSites(got?.[LOCAL_KEY]);
}

/** One site's rules. */
export async function loadSite(host) {
  const sites = await loadSites();
  return sites[String(host).toLowerCase()] ?? normalizeSite(null);
}

/** Merges `patch` into one site's rules; a site back at its defaults is forgotten. */
export async function saveSite(host, patch) {
  if (!isHost(host)) throw new Error(`lede: not a host name: ${host}`);
  const key = host.toLowerCase();
  const sites = await loadSites();
  const current = sites[key] ?? normalizeSite(null);
  const next = normalizeSite({ ...current, ...patch, kinds: { ...current.kinds, ...(patch?.kinds ?? {}) } });
  const empty = next.autoClean === null && !next.alwaysReader && Object.keys(next.kinds).length === 0 && next.keep.length === 0;
  if (empty) delete sites[key];
  else sites[key] = next;
  await api.storage.local.set({ [LOCAL_KEY]: sites });
  return next;
}

/** What applies on `host`: the global settings with the site's rules over them. */
export function effective(settings, site) {
  return {
    autoClean: site.autoClean ?? settings.autoClean,
    alwaysReader: site.alwaysReader,
    kinds: { ...settings.kinds, ...site.kinds },
    keep: site.keep,
    reader: settings.reader,
  };
}

/**
 * A block's key for "never hide this here": its text, whitespace collapsed
 * and lower-cased, cut to 200 characters. Text survives page reloads and
 * re-renders where element paths do not.
 */
export function blockKey(text) {
  return String(text ?? '').replace(/\s+/g, ' ').trim().toLowerCase().slice(0, 200);
}

/** Everything a person set, as one JSON-ready object. */
export async function exportAll() {
  return { format: EXPORT_FORMAT, app: 'lede', settings: await loadSettings(), sites: await loadSites() };
}

/**
 * Replaces the settings and site rules with those of an exported file.
 * Throws (and changes nothing) when the text is not a lede export.
 */
export async function importAll(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('not a JSON file');
  }
  if (!isObject(data) || data.app !== 'lede' || data.format !== EXPORT_FORMAT) {
    throw new Error('not a lede settings file');
  }
  const settings = normalizeSettings(data.settings);
  const sites = normalizeSites(data.sites);
  await api.storage.sync.set({ [SYNC_KEY]: settings });
  await api.storage.local.set({ [LOCAL_KEY]: sites });
  return { settings, sites };
}

/** Calls `listener()` whenever the settings or the site rules change. */
export function onChange(listener) {
  const handler = (changes, area) => {
    if ((area === 'sync' && SYNC_KEY in changes) || (area === 'local' && LOCAL_KEY in changes)) listener();
  };
  api.storage.onChanged.addListener(handler);
  return () => api.storage.onChanged.removeListener(handler);
}
