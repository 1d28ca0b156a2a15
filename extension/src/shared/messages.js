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
  /** `{type, count}`: how many blocks were hidden on this page (shown on the toolbar badge). */
  REPORT: 'cs-bg-report',
});

/** Background → content script. */
export const BGtoCS = Object.freeze({
  /** `{type}` → `{open: boolean}`: open the reading view, or close it if open. */
  TOGGLE_READER: 'bg-cs-toggle-reader',
});

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
