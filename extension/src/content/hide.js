// Applies hide decisions to the page, reversibly.
//
// A hidden element gets `data-lede-hidden="KIND"` and `data-lede-reason`,
// and one owned stylesheet (`<style id="lede-style">`) hides every element
// so marked: nothing is ever removed from the page, so taking the marks and
// the stylesheet away restores it exactly (uBlock Origin's
// `display:none!important`, Dark Reader's createOrUpdateStyle/removeStyle).

export const HIDDEN_ATTRIBUTE = 'data-lede-hidden';
export const REASON_ATTRIBUTE = 'data-lede-reason';
export const STYLE_ID = 'lede-style';
/** The owned stylesheet. Doubling the attribute selector outranks a page's single-class `!important` rules. */
export const HIDE_CSS = `[${HIDDEN_ATTRIBUTE}][${HIDDEN_ATTRIBUTE}]{display:none!important}`;

/** A kind is a short lower-case word from the engine (duplicate, disclaimer, teaser, promo, notice, ...). */
const KIND = /^[a-z][a-z-]{0,31}$/;

/**
 * Marks `nodes[h.node]` for each decision `h` and installs the stylesheet.
 * All or nothing: if anything throws, every mark made so far is undone and
 * the error is rethrown.
 * @param {{node: number, kind: string, reason: string}[]} hidden
 * @param {Node[]} nodes the snapshot's node list
 * @returns {{count: number, undo: () => void}}
 */
export function applyDecisions(hidden, nodes, doc = document) {
  const undo = [];
  const undoAll = () => {
    for (let i = undo.length - 1; i >= 0; i--) undo[i]();
    undo.length = 0;
  };
  try {
    let count = 0;
    for (const h of hidden) {
      const el = nodes[h?.node];
      if (!el || el.nodeType !== 1 || !el.isConnected) continue;
      if (el.hasAttribute(HIDDEN_ATTRIBUTE)) continue;
      const kind = String(h.kind);
      if (!KIND.test(kind)) throw new Error(`lede: bad kind ${JSON.stringify(kind)}`);
      const hadReason = el.getAttribute(REASON_ATTRIBUTE);
      el.setAttribute(HIDDEN_ATTRIBUTE, kind);
      el.setAttribute(REASON_ATTRIBUTE, String(h.reason ?? ''));
      undo.push(() => {
        el.removeAttribute(HIDDEN_ATTRIBUTE);
        if (hadReason === null) el.removeAttribute(REASON_ATTRIBUTE);
        else el.setAttribute(REASON_ATTRIBUTE, hadReason);
      });
      count++;
    }
    if (count > 0 && !doc.getElementById(STYLE_ID)) {
      const style = doc.createElement('style');
      style.id = STYLE_ID;
      style.setAttribute('data-lede-ui', '');
      style.textContent = HIDE_CSS;
      (doc.head ?? doc.documentElement).append(style);
      undo.push(() => style.remove());
    }
    const done = undo.slice();
    return {
      count,
      undo() {
        for (let i = done.length - 1; i >= 0; i--) done[i]();
      },
    };
  } catch (error) {
    undoAll();
    throw error;
  }
}

/**
 * Shows one element lede hid (a person's "reveal"): its marks go, the
 * element is back as the page had it. `hide` puts them back.
 */
export function show(el) {
  el.removeAttribute(HIDDEN_ATTRIBUTE);
  el.removeAttribute(REASON_ATTRIBUTE);
}

/** Hides one element again (after `show`), with its kind and reason. */
export function hide(el, kind, reason, doc = el.ownerDocument) {
  if (!KIND.test(kind)) throw new Error(`lede: bad kind ${JSON.stringify(kind)}`);
  el.setAttribute(HIDDEN_ATTRIBUTE, kind);
  el.setAttribute(REASON_ATTRIBUTE, String(reason ?? ''));
  if (!doc.getElementById(STYLE_ID)) {
    const style = doc.createElement('style');
    style.id = STYLE_ID;
    style.setAttribute('data-lede-ui', '');
    style.textContent = HIDE_CSS;
    (doc.head ?? doc.documentElement).append(style);
  }
}
