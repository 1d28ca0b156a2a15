// A loopback HTTP server for the end-to-end tests (nothing outside
// 127.0.0.1 is reachable on the test machines: ../shared/PLATFORM.md).
//
//   /seeds/<name>.html          ../shared/corpora/seeds (never copied into the repo)
//   /www/...                    the playground and its demo pages
//   /pages/<name>.html          tests/e2e/pages (hand-written pages, e.g. right to left)
//   /readability/<case>/source.html  ../shared/corpora/readability (Mozilla Readability test pages)
//   /blank                      an empty page
//   /gen/late-teasers           a seed page whose teaser block arrives after lede's first run
//   /gen/huge                   a page over the core's node limit: lede must fail and leave it alone
//   ?csp=<variant>              adds a Content-Security-Policy header (see CSP)

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { REPO, SEEDS } from './paths.mjs';

/** The Content-Security-Policy header of each `?csp=` variant. */
export const CSP = Object.freeze({
  'default-src': "default-src 'self'",
  'script-src': "script-src 'none'",
});

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const ROOTS = { seeds: SEEDS, www: join(REPO, 'www'), pages: join(REPO, 'tests', 'e2e', 'pages'), readability: join(SEEDS, '..', 'readability') };

/** The seed page `/gen/late-teasers` is made from, and the texts of its teaser block. */
export const LATE_TEASERS_SEED = 'orlandoecho-witkoff';

/**
 * A script for the served page: at DOMContentLoaded it takes out the
 * deepest element holding every teaser text, and puts it back once lede has
 * run (lede marks <html data-lede-path>), like a widget that loads late.
 */
function lateTeaserScript(needles) {
  return `<script>
document.addEventListener('DOMContentLoaded', () => {
  const needles = ${JSON.stringify(needles)};
  let block = null;
  for (const el of document.body.querySelectorAll('*')) {
    const text = el.textContent.replace(/\\s+/g, ' ');
    if (needles.every((n) => text.includes(n))) block = el;
  }
  const mark = document.createComment('late widget');
  block.replaceWith(mark);
  const putBack = () => setTimeout(() => { mark.replaceWith(block); document.documentElement.dataset.lateInserted = 'true'; }, 300);
  if (document.documentElement.hasAttribute('data-lede-path')) putBack();
  else new MutationObserver((_, o) => { o.disconnect(); putBack(); }).observe(document.documentElement, { attributeFilter: ['data-lede-path'] });
});
</script>`;
}

/** Elements in /gen/huge: more than the core's model allows (src/lib.rs DEFAULT_MAX_NODES = 1,000,000). */
export const HUGE_ELEMENTS = 1_000_100;

const GENERATED = {
  async 'late-teasers'() {
    const html = await readFile(join(SEEDS, `${LATE_TEASERS_SEED}.html`), 'utf8');
    const labels = JSON.parse(await readFile(join(SEEDS, `${LATE_TEASERS_SEED}.labels.json`), 'utf8'));
    const needles = labels.clutter.filter((c) => c.kind === 'teaser').map((c) => c.text.replace(/\s+/g, ' ').slice(0, 40));
    return html.replace(/<head[^>]*>/i, (m) => `${m}${lateTeaserScript(needles)}`);
  },
  async huge() {
    const story = '<p>The harbour ferry will run every twenty minutes from May, the council said on Tuesday, after a year of trials.</p>';
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A page too large for lede</title></head><body><article><h1>Too large</h1>${story.repeat(5)}</article><div>${'<i></i>'.repeat(HUGE_ELEMENTS)}</div></body></html>`;
  },
};

/** Starts the server on a free port; resolves to `{origin, close()}`. */
export async function startServer() {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (url.pathname === '/blank') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>blank</title><body></body>');
        return;
      }
      const [, top, ...rest] = url.pathname.split('/');
      if (top === 'gen' && Object.hasOwn(GENERATED, rest[0] ?? '')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(await GENERATED[rest[0]]());
        return;
      }
      const base = ROOTS[top];
      const file = base && normalize(join(base, ...rest.map(decodeURIComponent)));
      if (!file || !(file + sep).startsWith(base + sep)) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      const path = extname(file) ? file : join(file, 'index.html');
      const body = await readFile(path);
      const headers = { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      const csp = url.searchParams.get('csp');
      if (csp) {
        if (!CSP[csp]) throw new Error(`unknown csp variant ${csp}`);
        headers['content-security-policy'] = CSP[csp];
      }
      res.writeHead(200, headers).end(body);
    } catch (error) {
      const status = error.code === 'ENOENT' || error.code === 'EISDIR' ? 404 : 500;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(String(error.message));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
