// The browser benchmark (tests/bench/browser.mjs) keeps working: run on
// two corpus pages, one round, in both browsers, it must time every pass
// on every page, build synthetic pages of the sizes asked for, read the
// module's memory, and write its figures and plot. Timings are not asserted
// (speed is measured by the benchmark itself, never by a test); what is
// asserted is that the harness measures what it says it measures.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO } from './helpers/paths.mjs';

const PASSES = ['clean', 'read', 'readability', 'floor'];

describe('tests/bench/browser.mjs', () => {
  const out = mkdtempSync(join(tmpdir(), 'lede-bench-'));
  after(() => rmSync(out, { recursive: true, force: true }));
  const stdout = execFileSync(
    process.execPath,
    [join(REPO, 'tests', 'bench', 'browser.mjs'), '--browser', 'both', '--corpus', 'readability', '--limit', '2', '--rounds', '1', '--out', out],
    { encoding: 'utf8', timeout: 240_000, stdio: ['ignore', 'pipe', 'pipe'] },
  );

  for (const browser of ['chromium', 'firefox']) {
    it(`${browser}: times every pass on every page and writes figures and plot`, () => {
      const m = JSON.parse(readFileSync(join(out, `${browser}.json`), 'utf8'));
      assert.equal(m.results.length, 2);
      for (const r of m.results) {
        assert.equal(r.error, undefined, `${r.name}: ${r.error}`);
        assert.ok(r.nodes > 0, `${r.name}: no nodes counted`);
        for (const op of PASSES) assert.ok(Number.isFinite(r[op]) && r[op] >= 0, `${r.name}: ${op} not timed (${r[op]})`);
      }
      // Synthetic pages grow as asked, and lede finds their planted copies.
      assert.deepEqual(m.synth.map((s) => Math.round(s.nodes / 1000)), [1, 10, 100]);
      for (const s of m.synth) assert.ok(s.hidden > 0, `synthetic ${s.nodes}: the planted duplicates were not hidden`);
      assert.ok(m.memory.every((mem) => mem.afterRead >= mem.before && mem.before > 0));
      assert.match(readFileSync(join(out, `${browser}.svg`), 'utf8'), /^<svg [^>]*>[\s\S]*<circle [\s\S]*<\/svg>\n$/);
      assert.match(stdout, new RegExp(`## ${browser} .*\\n\\| bucket \\|`));
    });
  }
});
