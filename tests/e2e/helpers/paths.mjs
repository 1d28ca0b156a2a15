// Where the end-to-end tests find things. The corpora live beside the repo
// (../shared) and are read in place, never copied (CI clones the repo with
// shared/ beside it).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SEEDS = resolve(REPO, '..', 'shared', 'corpora', 'seeds');
export const DEMOS = join(REPO, 'www', 'demo');
export const DIST = join(REPO, 'dist');
export const DOCS = join(REPO, 'docs');

/**
 * The labelled pages of a folder (`<name>.html` beside `<name>.labels.json`):
 * `[{name, file, labels: {title, article_paragraphs, clutter: [{kind, text, keep_copies?}]}}]`.
 */
export function labelledPages(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html') && existsSync(join(dir, f.replace(/\.html$/, '.labels.json'))))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.html'.length);
      return { name, file, labels: JSON.parse(readFileSync(join(dir, `${name}.labels.json`), 'utf8')) };
    });
}

/** The seed pages in ../shared/corpora/seeds. */
export const seedPages = () => labelledPages(SEEDS);
/** The playground's demo pages in www/demo. */
export const demoPages = () => labelledPages(DEMOS);

/** Fails early, with the fix, when the extension has not been built. */
export function requireBuild() {
  for (const path of ['chrome/manifest.json', 'firefox/manifest.json', 'lede-chrome.zip', 'lede-firefox.xpi']) {
    if (!existsSync(join(DIST, path))) {
      throw new Error(`dist/${path} is missing: run \`node extension/build.mjs\` (or scripts/test.sh) first`);
    }
  }
}
