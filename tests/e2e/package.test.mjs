// The packed extensions (dist/lede-chrome.zip, dist/lede-firefox.xpi),
// checked without a browser: each archive holds exactly its unpacked
// folder; each manifest has its browser's keys and asks only for storage
// (settings and per-site rules); every
// file the manifest names exists; every relative import of the shipped
// modules resolves inside the archive; the wasm module validates.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import { DIST, requireBuild } from './helpers/paths.mjs';

const ARCHIVES = { chrome: 'lede-chrome.zip', firefox: 'lede-firefox.xpi' };
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";
const WEB = ['http://*/*', 'https://*/*'];

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

    it('carries a wasm module that validates', () => {
      assert.ok(WebAssembly.validate(files['pkg/lede_bg.wasm']), 'pkg/lede_bg.wasm does not validate');
    });
  });
}
