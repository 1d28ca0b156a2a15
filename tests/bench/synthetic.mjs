// Synthetic news pages of a given size in DOM nodes, for showing how
// lede's cost grows with page size (tests/bench/browser.mjs). The shape is
// a news page's: a navigation list, an article of sections of paragraphs
// with inline links and emphasis (every twentieth paragraph an exact copy
// of an earlier one, so the duplicate detector has work), a teaser list
// beside it and a footer. Words are drawn from a fixed list by a seeded
// generator, so a size always gives the same page.

const WORDS = [
  'council', 'budget', 'harbour', 'ferry', 'school', 'river', 'bridge', 'market', 'minister', 'report',
  'winter', 'station', 'museum', 'library', 'court', 'hospital', 'tender', 'contract', 'island', 'valley',
  'evening', 'service', 'workers', 'union', 'growth', 'traffic', 'weather', 'festival', 'election', 'mayor',
];

/** Nodes per paragraph: p, text, a, text, text, em, text, text. */
const PARAGRAPH_NODES = 8;
/** Paragraphs per section (a div with a heading). */
const SECTION_PARAGRAPHS = 10;

function words(next, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(WORDS[next() % WORDS.length]);
  return out.join(' ');
}

/** A page of about `target` nodes (the harness counts the exact number). */
export function synthetic(target) {
  let seed = 0x2545f491;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Synthetic page of ${target} nodes</title></head><body>`;
  const nav = `<header><nav><ul>${['News', 'Sport', 'Culture', 'Weather'].map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`).join('')}</ul></nav></header>`;
  // About 60 nodes go to the frame (head, nav, heading, teaser list, footer).
  const paragraphs = Math.max(1, Math.floor((target - 60) / (PARAGRAPH_NODES + 0.3)));
  const written = [];
  const body = [];
  for (let i = 0; i < paragraphs; i++) {
    if (i % SECTION_PARAGRAPHS === 0) body.push(`${i ? '</div>' : ''}<div class="section"><h2>${words(next, 4)}</h2>`);
    let p;
    if (i >= 20 && i % 20 === 0) p = written[i - 15];
    else p = `The ${words(next, 18)} <a href="/story/${i}">${words(next, 3)}</a> ${words(next, 12)} <em>${words(next, 2)}</em> ${words(next, 8)}.`;
    written.push(p);
    body.push(`<p>${p}</p>`);
  }
  body.push('</div>');
  const teasers = `<aside><h2>More stories</h2><ul>${Array.from({ length: 6 }, (_, i) => `<li><a href="/more/${i}">${words(next, 6)}</a></li>`).join('')}</ul></aside>`;
  const footer = '<footer><p>© Synthetic News. All rights reserved.</p></footer>';
  return `${head}${nav}<main><article><h1>${words(next, 6)}</h1>${body.join('')}</article>${teasers}</main>${footer}</body></html>`;
}
