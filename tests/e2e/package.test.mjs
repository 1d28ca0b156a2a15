// The packed extensions (dist/lede-chrome.zip, dist/lede-firefox.xpi),
// checked without a browser: each archive holds exactly its unpacked
// folder; each manifest has its browser's keys and asks only for storage
// (settings and per-site rules); every
// file the manifest names exists; every relative import of the shipped
// modules resolves inside the archive; the wasm module validates; the
// icons are PNGs of the sizes they claim; the wasm module and its JS glue
// stay within their size budget; every __MSG_ key and every locale's keys
// match English; and `web-ext lint` (Mozilla's add-on linter) reports no
// error on dist/firefox.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { DIST, REPO, requireBuild } from './helpers/paths.mjs';

const ARCHIVES = { chrome: 'lede-chrome.zip', firefox: 'lede-firefox.xpi' };
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";
const WEB = ['http://*/*', 'https://*/*'];

/**
 * Most bytes the shipped wasm module and its JS glue (dist/pkg/lede_bg.wasm
 * and lede.js) may take together, each gzipped at level 9: 250 KB (raised
 * from 150 KB by issue 12 to leave room for the fitted models' weights,
 * about 70 KB of it: the register models' 6,000 word-stem weights). Every
 * page view loads and compiles the module afresh, in the content script or
 * the background, so its size is start-up time on every page. What keeps it
 * there: no HTML parser in the module (the browser's DOM), no URL parser
 * (the browser's URL, src/read/address.rs), no float parsing or formatting
 * (src/read/sanitize.rs descriptor_value, integer percentages), no IDNA or
 * Unicode normalisation tables.
 */
const WASM_BUDGET_GZIP_BYTES = 250 * 1024;

/** A web_accessible_resources pattern as a RegExp over archive paths (`*` matches within and across folders, as in Chrome). */
const glob = (pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

for (const [browser, archive] of Object.entries(ARCHIVES)) {
  describe(`dist/${archive}`, () => {
    requireBuild();
    const files = unzipSync(readFileSync(join(DIST, archive)));
    const names = Object.keys(files).filter((n) => !n.endsWith('/'));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));

    it(`holds exactly dist/${browser}/`, () => {
      for (const name of names) {
        assert.ok(readFileSync(join(DIST, browser, name)).equals(Buffer.from(files[name])), `${name} differs from dist/${browser}`);
      }
      assert.ok(names.includes('manifest.json') && names.includes('pkg/lede_bg.wasm') && names.includes('src/content/walk.js'));
    });

    it('has the keys of a Manifest V3 extension for this browser, and asks only for storage', () => {
      assert.equal(manifest.manifest_version, 3);
      assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
      assert.deepEqual(manifest.permissions, ['storage']);
      assert.equal(manifest.optional_host_permissions, undefined);
      assert.equal(manifest.host_permissions, undefined);
      assert.equal(manifest.content_security_policy?.extension_pages, CSP);
      if (browser === 'chrome') {
        assert.equal(manifest.background.type, 'module');
        assert.equal(typeof manifest.background.service_worker, 'string');
        assert.equal(manifest.background.scripts, undefined);
        assert.equal(manifest.browser_specific_settings, undefined);
      } else {
        assert.equal(manifest.background.type, 'module');
        assert.ok(Array.isArray(manifest.background.scripts));
        assert.equal(manifest.background.service_worker, undefined);
        assert.match(manifest.browser_specific_settings.gecko.id, /@/);
      }
      for (const cs of manifest.content_scripts) assert.deepEqual(cs.matches, WEB);
      for (const war of manifest.web_accessible_resources) assert.deepEqual(war.matches, WEB);
    });

    it('names only files it holds', () => {
      const named = [
        ...manifest.content_scripts.flatMap((cs) => cs.js ?? []),
        ...(manifest.background.scripts ?? [manifest.background.service_worker]),
        manifest.options_ui?.page,
        manifest.action?.default_popup,
        ...Object.values(manifest.icons ?? {}),
        ...Object.values(manifest.action?.default_icon ?? {}),
      ].filter(Boolean);
      for (const path of named) assert.ok(names.includes(path), `manifest names ${path}, not in the archive`);
      for (const war of manifest.web_accessible_resources) {
        for (const pattern of war.resources) {
          assert.ok(names.some((n) => glob(pattern).test(n)), `web_accessible_resources pattern ${pattern} matches nothing`);
        }
      }
    });

    it('ships modules whose relative imports all resolve inside it, content-script imports being web-accessible', () => {
      const accessible = manifest.web_accessible_resources.flatMap((w) => w.resources).map(glob);
      const problems = [];
      for (const name of names.filter((n) => n.endsWith('.js'))) {
        const source = new TextDecoder().decode(files[name]);
        const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
        for (const spec of specifiers) {
          if (!spec.startsWith('.')) continue;
          const target = posix.normalize(posix.join(posix.dirname(name), spec));
          if (!names.includes(target)) problems.push(`${name} imports ${spec}: not in the archive`);
          else if (name.startsWith('src/content/') && !accessible.some((re) => re.test(target))) problems.push(`${name} imports ${spec}: not web-accessible`);
        }
      }
      assert.deepEqual(problems, []);
    });

    it('has icons at every size the stores ask for, each a PNG of its size', () => {
      assert.deepEqual(Object.keys(manifest.icons).map(Number).sort((a, b) => a - b), [16, 32, 48, 96, 128]);
      assert.deepEqual(Object.keys(manifest.action.default_icon).map(Number).sort((a, b) => a - b), [16, 32]);
      for (const [size, path] of [...Object.entries(manifest.icons), ...Object.entries(manifest.action.default_icon)]) {
        const png = Buffer.from(files[path]);
        assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${path} is not a PNG`);
        assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [Number(size), Number(size)], `${path} is not ${size}×${size}`);
      }
    });

    it('carries a wasm module that validates', () => {
      assert.ok(WebAssembly.validate(files['pkg/lede_bg.wasm']), 'pkg/lede_bg.wasm does not validate');
    });
  });
}

describe('dist/pkg', () => {
  it(`holds a wasm module and JS glue of at most ${WASM_BUDGET_GZIP_BYTES} bytes gzipped`, () => {
    requireBuild();
    const sizes = Object.fromEntries(['lede_bg.wasm', 'lede.js'].map((f) => [f, gzipSync(readFileSync(join(DIST, 'pkg', f)), { level: 9 }).length]));
    const total = sizes['lede_bg.wasm'] + sizes['lede.js'];
    assert.ok(total <= WASM_BUDGET_GZIP_BYTES, `gzip -9: lede_bg.wasm ${sizes['lede_bg.wasm']} + lede.js ${sizes['lede.js']} = ${total} bytes, over ${WASM_BUDGET_GZIP_BYTES} by ${total - WASM_BUDGET_GZIP_BYTES}`);
  });
});

describe('locales', () => {
  const dir = join(REPO, 'extension', '_locales');
  const locales = Object.fromEntries(readdirSync(dir).map((l) => [l, JSON.parse(readFileSync(join(dir, l, 'messages.json'), 'utf8'))]));

  it('English, German and French, each with every key English has and no other', () => {
    assert.deepEqual(Object.keys(locales).sort(), ['de', 'en', 'fr']);
    const want = Object.keys(locales.en).sort();
    for (const [l, messages] of Object.entries(locales)) assert.deepEqual(Object.keys(messages).sort(), want, `_locales/${l}`);
  });

  it('every string key the extension pages and scripts use exists in English', () => {
    const src = join(REPO, 'extension', 'src');
    const used = new Set();
    const walk = (d) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(html|js)$/.test(e.name)) {
          const text = readFileSync(p, 'utf8');
          for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?="([A-Za-z0-9_]+)"|\b(?:getMessage|\bt)\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1] ?? m[2]);
        }
      }
    };
    walk(src);
    const manifest = readFileSync(join(REPO, 'extension', 'manifest.base.json'), 'utf8');
    for (const m of manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]);
    assert.ok(used.size > 20);
    assert.deepEqual([...used].filter((k) => !(k in locales.en)), []);
  });
});

describe('web-ext lint on dist/firefox', () => {
  it('reports no errors', () => {
    requireBuild();
    const bin = join(REPO, 'node_modules', '.bin', 'web-ext');
    let out;
    try {
      out = execFileSync(bin, ['lint', '--source-dir', join(DIST, 'firefox'), '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      // web-ext exits non-zero when it finds errors; its JSON is still on stdout.
      out = error.stdout;
    }
    const report = JSON.parse(out);
    assert.deepEqual(report.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`), []);
    assert.equal(report.summary.errors, 0);
  });
});
