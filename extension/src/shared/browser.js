// The WebExtension API object, whichever name the browser gives it.
//
// Firefox exposes `browser` (and `chrome`); Chromium only `chrome`. In MV3
// both return promises from the APIs lede uses, so no polyfill is needed
// (uBlock Origin does the same: `webext = self.browser || self.chrome`).

/** The extension API namespace (`browser` in Firefox, `chrome` in Chromium). */
export const api = globalThis.browser ?? globalThis.chrome;
