// The benchmark's plot: time against page size, one dot per corpus page
// and pass, both axes logarithmic, as a standalone SVG.

const COLOURS = { clean: '#c2185b', read: '#8e24aa', readability: '#1e88e5', floor: '#757575' };
const LABELS = { clean: 'lede: in-place cleaning', read: 'lede: reading view', readability: 'Readability.js parse()', floor: 'TreeWalker floor' };
const W = 900;
const H = 560;
const M = { left: 70, right: 20, top: 40, bottom: 60 };

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Decades covering [lo, hi] as log10 bounds. */
function decades(lo, hi) {
  return [Math.floor(Math.log10(lo)), Math.ceil(Math.log10(hi))];
}

/** `m`: a browser's measurements (tests/bench/browser.mjs); `passes`: which to draw. */
export function plot(m, passes) {
  const pages = m.results.filter((r) => !r.error);
  const times = pages.flatMap((p) => passes.map((op) => p[op])).filter((t) => t > 0);
  const [x0, x1] = decades(Math.min(...pages.map((p) => p.nodes)), Math.max(...pages.map((p) => p.nodes)));
  const [y0, y1] = decades(Math.min(...times), Math.max(...times));
  const sx = (n) => M.left + ((Math.log10(n) - x0) / (x1 - x0)) * (W - M.left - M.right);
  const sy = (t) => H - M.bottom - ((Math.log10(Math.max(t, 10 ** y0)) - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${esc(`${m.browser} ${m.version}: time per page against page size (${pages.length} pages, median of ${m.rounds} rounds)`)}</text>`);
  for (let d = x0; d <= x1; d++) {
    const x = sx(10 ** d);
    out.push(`<line x1="${x}" y1="${M.top}" x2="${x}" y2="${H - M.bottom}" stroke="#e0e0e0"/><text x="${x}" y="${H - M.bottom + 18}" text-anchor="middle">${(10 ** d).toLocaleString('en')}</text>`);
  }
  for (let d = y0; d <= y1; d++) {
    const y = sy(10 ** d);
    out.push(`<line x1="${M.left}" y1="${y}" x2="${W - M.right}" y2="${y}" stroke="#e0e0e0"/><text x="${M.left - 8}" y="${y + 4}" text-anchor="end">${10 ** d >= 1 ? 10 ** d : (10 ** d).toFixed(-d)}</text>`);
  }
  out.push(`<text x="${W / 2}" y="${H - 18}" text-anchor="middle">DOM nodes in the page</text>`);
  out.push(`<text x="18" y="${H / 2}" text-anchor="middle" transform="rotate(-90 18 ${H / 2})">milliseconds</text>`);
  for (const op of passes) {
    const dots = pages.filter((p) => p[op] > 0).map((p) => `<circle cx="${sx(p.nodes).toFixed(1)}" cy="${sy(p[op]).toFixed(1)}" r="2.2"/>`);
    out.push(`<g fill="${COLOURS[op]}" fill-opacity="0.55">${dots.join('')}</g>`);
  }
  passes.forEach((op, i) => {
    const y = M.top + 12 + i * 18;
    out.push(`<circle cx="${M.left + 14}" cy="${y - 4}" r="5" fill="${COLOURS[op]}"/><text x="${M.left + 26}" y="${y}">${esc(LABELS[op])}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
