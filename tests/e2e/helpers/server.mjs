// A loopback HTTP server for the end-to-end tests (nothing outside
// 127.0.0.1 is reachable on the test machines: ../shared/PLATFORM.md).
//
//   /seeds/<name>.html          ../shared/corpora/seeds (never copied into the repo)
//   /www/...                    the playground and its demo pages
//   /blank                      an empty page
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

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const ROOTS = { seeds: SEEDS, www: join(REPO, 'www') };

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
