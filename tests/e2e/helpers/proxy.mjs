// A recording HTTP proxy on 127.0.0.1, to prove that the extension makes
// no network request: the browsers are launched with every request
// (loopback included) sent through it, from any context (pages, content
// scripts, the background). It forwards requests for the test server's
// origin and refuses everything else, recording every request it sees.
// Extension-internal URLs (chrome-extension://, moz-extension://) never
// reach a proxy.

import { createServer, request } from 'node:http';

/**
 * Starts the proxy; resolves to `{port, seen, close()}`, `seen` holding
 * `{url, origin, referer}` for every request (`url` is `CONNECT host:port`
 * for HTTPS): the Origin and Referer headers tell a page's or an
 * extension's request from the browser's own background services.
 */
export async function startProxy(allowedOrigin) {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url, origin: req.headers.origin ?? null, referer: req.headers.referer ?? null });
    let target;
    try {
      target = new URL(req.url);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (target.origin !== allowedOrigin) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('refused by the test proxy');
      return;
    }
    const upstream = request(target, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  // HTTPS goes through CONNECT: recorded and refused (the tests serve plain HTTP only).
  server.on('connect', (req, socket) => {
    seen.push({ url: `CONNECT ${req.url}`, origin: null, referer: null });
    socket.end('HTTP/1.1 502 Refused\r\n\r\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
