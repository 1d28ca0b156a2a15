// The reading view's stylesheet, adopted into its closed shadow root: the
// page's styles cannot reach in, and these cannot leak out.

export const READER_CSS = `
:host { all: initial; }
.backdrop {
  position: fixed; inset: 0; z-index: 2147483647;
  overflow: auto; overscroll-behavior: contain;
  background: #f7f5f0; color: #1f1f1f;
  font: 19px/1.6 Georgia, "Times New Roman", serif;
}
.backdrop:focus { outline: none; }
@media (prefers-color-scheme: dark) {
  .backdrop { background: #1c1b19; color: #e6e3dc; }
  a { color: #9cc3ff; }
  .meta, .bar { color: #a8a49b; }
}
.bar {
  position: sticky; top: 0; display: flex; justify-content: flex-end; gap: .5em;
  padding: .5em 1em; font: 14px/1.4 system-ui, sans-serif; color: #666;
  background: inherit;
}
.bar button {
  font: inherit; padding: .25em .8em; border: 1px solid currentColor; border-radius: 4px;
  background: transparent; color: inherit; cursor: pointer;
}
article { max-width: 38em; margin: 0 auto; padding: 0 1.25em 4em; }
h1 { font-size: 1.9em; line-height: 1.2; margin: .4em 0 .3em; }
.meta { font: 15px/1.5 system-ui, sans-serif; color: #666; margin: 0 0 2em; }
.meta span + span::before { content: " · "; }
.content img, .content video, .content figure { max-width: 100%; height: auto; }
.content figure { margin: 1.5em 0; }
.content figcaption { font-size: .8em; color: #666; }
.content blockquote { margin: 1em 0; padding-left: 1em; border-left: 3px solid #bbb; }
.content pre { overflow: auto; font-size: .85em; }
.content table { border-collapse: collapse; }
.content td, .content th { border: 1px solid #ccc; padding: .25em .5em; }
.empty { font-style: italic; }
`;
