// The reading view's stylesheets.
//
// READER_CSS goes inside the closed shadow root: the page's styles cannot
// reach in, and these cannot leak out. The reader's choices arrive as
// attributes on `.view` (data-theme, data-font, data-images) and as custom
// properties (--size in px, --leading unitless, --measure in characters),
// so changing one never rebuilds the view.
//
// PRINT_CSS is the one rule set that has to act on the page itself: to print
// only the reading view, everything on <html> but lede's host is hidden for
// print. It sits in a <style> inside the host element (not rendered, since
// the shadow root has no slot, but applied like any style in the document),
// so the page gains nothing outside the host and closing takes it away.
//
// Fonts are system stacks only: the extension makes no network request.

export const PRINT_CSS = `
@media print {
  html > :not([data-lede-ui="reader"]) { display: none !important; }
  html, html > body { overflow: visible !important; height: auto !important; }
  html > [data-lede-ui="reader"] { display: block !important; position: static !important; }
}
`;

export const READER_CSS = `
:host { all: initial; }
.view {
  --bg: #fbfaf7; --fg: #1d1d1b; --muted: #5e5b55; --link: #0b57d0; --line: #d6d2ca; --accent: #e8e4da;
  --size: 19px; --leading: 1.6; --measure: 65;
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "Noto Serif", "DejaVu Serif", serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
  position: fixed; inset: 0; z-index: 2147483647;
  overflow: auto; overscroll-behavior: contain;
  background: var(--bg); color: var(--fg);
  font-family: var(--serif); font-size: var(--size); line-height: var(--leading);
  color-scheme: light;
}
.view:focus { outline: none; }
.view[data-font="sans"] { font-family: var(--sans); }
.view[data-theme="sepia"] { --bg: #f4ecd8; --fg: #3b2f1e; --muted: #6e5f4a; --link: #8a4b0f; --line: #d8c8a8; --accent: #e9dcc0; }
.view[data-theme="dark"] { --bg: #1c1b1a; --fg: #e8e6e3; --muted: #a8a49c; --link: #8ab4f8; --line: #45423e; --accent: #2e2c2a; color-scheme: dark; }
@media (prefers-color-scheme: dark) {
  .view[data-theme="system"] { --bg: #1c1b1a; --fg: #e8e6e3; --muted: #a8a49c; --link: #8ab4f8; --line: #45423e; --accent: #2e2c2a; color-scheme: dark; }
}
a { color: var(--link); }

.toolbar {
  position: sticky; top: 0; z-index: 1;
  display: flex; flex-wrap: wrap; align-items: center; gap: .35em .9em;
  padding: .5em 1em; border-bottom: 1px solid var(--line);
  font: 14px/1.4 var(--sans); color: var(--muted); background: var(--bg);
}
.group { display: inline-flex; align-items: center; gap: .25em; }
.group > .label { margin-inline-end: .2em; }
.toolbar button {
  font: inherit; min-width: 2.2em; padding: .2em .6em;
  border: 1px solid var(--line); border-radius: 4px;
  background: transparent; color: var(--fg); cursor: pointer;
}
.toolbar button[aria-pressed="true"] { background: var(--accent); border-color: var(--fg); font-weight: 600; }
.toolbar button:disabled { opacity: .45; cursor: default; }
.toolbar button:focus-visible, .view a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
.toolbar .end { margin-inline-start: auto; }
.status { min-width: 1em; font-style: italic; }

main { display: block; }
article {
  box-sizing: content-box;
  max-width: calc(var(--measure) * 1ch); margin: 0 auto; padding: 1.5em 1.25em 4em;
}
h1 { font-size: 1.9em; line-height: 1.2; margin: .2em 0 .3em; }
.meta { font: 15px/1.5 var(--sans); color: var(--muted); margin: 0 0 2em; }
.meta > * + *::before { content: " · "; }
.content img, .content video, .content figure, .content picture { max-width: 100%; height: auto; }
.content figure { margin: 1.5em 0; }
.content figcaption { font-size: .8em; color: var(--muted); }
.content blockquote { margin: 1em 0; padding-inline-start: 1em; border-inline-start: 3px solid var(--line); }
.content pre { overflow: auto; font-size: .85em; }
.content table { border-collapse: collapse; }
.content td, .content th { border: 1px solid var(--line); padding: .25em .5em; }
.view[data-images="off"] .content :is(img, picture, video, svg, figure:has(img, picture, video, svg)) { display: none !important; }
.empty { font-style: italic; }

@media print {
  /* [data-theme] so that print is black on white whatever the theme. */
  .view[data-theme] {
    position: static; overflow: visible; inset: auto;
    --bg: #fff; --fg: #000; --muted: #444; --link: #000; --line: #999;
  }
  .toolbar { display: none !important; }
  article { max-width: none; padding: 0; }
  a { text-decoration: underline; }
}
`;
