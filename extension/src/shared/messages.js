// Every runtime message lede sends, named by direction (Dark Reader's
// `MessageTypeCStoBG` habit): `cs` is a content script, `bg` the background.
//
// Messages are JSON-serialised by the browser, so typed arrays travel as
// plain arrays. Replies to cs→bg requests are envelopes:
//   {ok: true, result} or {ok: false, error: "message"}.

/** Content script → background. */
export const CStoBG = Object.freeze({
  /** `{type, words: number[], strings: string[]}` → `{hidden: [...]}` (wasm `analyze`). */
  ANALYZE: 'cs-bg-analyze',
  /** `{type, words: number[], strings: string[], url}` → the article (wasm `read`). */
  READ: 'cs-bg-read',
  /**
   * `{type, status, count, error?}`: what lede did on this page, kept per tab
   * by the background for the popup. `status` is one of STATUS; `count` is
   * how many blocks are hidden now (the toolbar badge).
   */
  REPORT: 'cs-bg-report',
});

/** What lede did on a page (`CStoBG.REPORT`, `UItoCS.STATE`). */
export const STATUS = Object.freeze({
  /** Analysed; `count` blocks hidden (0: nothing to hide, the page is untouched). */
  CLEANED: 'cleaned',
  /** Automatic cleaning is off here (globally or for the site): the page is untouched. */
  OFF: 'off',
  /** The page does not look like an article (a front page, a listing): left untouched. */
  NOT_ARTICLE: 'not-article',
  /** lede failed (an exception, a timeout): the page was left exactly as it was. */
  FAILED: 'failed',
});

/** Background → content script. */
export const BGtoCS = Object.freeze({
  /** `{type}` → `{open: boolean}`: open the reading view, or close it if open. */
  TOGGLE_READER: 'bg-cs-toggle-reader',
});

/**
 * Popup → content script of the active tab (`tabs.sendMessage`), each
 * answered with an envelope whose result is the page's state:
 * `{host, status, error, blocks: [{id, kind, reason, text, shown, kept}], related: [{kind, reason, text}]}`.
 */
export const UItoCS = Object.freeze({
  /** `{type}`: the state only. */
  STATE: 'ui-cs-state',
  /** `{type, id}`: show one hidden block. */
  REVEAL: 'ui-cs-reveal',
  /** `{type, id}`: hide a revealed block again. */
  HIDE: 'ui-cs-hide',
  /** `{type}`: show every hidden block. */
  REVEAL_ALL: 'ui-cs-reveal-all',
  /** `{type}`: hide again every block the person revealed. */
  HIDE_ALL: 'ui-cs-hide-all',
  /** `{type, id}`: "never hide this here": the block's key joins the site's `keep` rules, and it is shown. */
  KEEP: 'ui-cs-keep',
});

/** The storage.session key under which the background keeps a tab's `{status, count, error}` for the popup. */
export const tabKey = (tabId) => `tab:${tabId}`;

/** Wraps a result or an error as the reply envelope. */
export function reply(promise) {
  return Promise.resolve(promise).then(
    (result) => ({ ok: true, result }),
    (error) => ({ ok: false, error: String(error?.message ?? error) }),
  );
}

/** Unwraps a reply envelope, throwing its error. */
export function unwrap(response) {
  if (!response || typeof response !== 'object') throw new Error('lede: no reply from the background');
  if (!response.ok) throw new Error(response.error || 'lede: the background failed');
  return response.result;
}
