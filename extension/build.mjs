#!/usr/bin/env node
// Builds the extension for both browsers and the playground's copy of the
// wasm package.
//
//   wasm-pack build --target web ──► dist/.wasm-pack/        (crate at the repo root)
//   wasm-opt -Os (npm binaryen)  ──► dist/pkg/lede.js, lede_bg.wasm
//   manifest.base.json + manifest.<browser>.json ──► dist/<browser>/manifest.json
//   icons.mjs (drawn in code) ──► dist/<browser>/icons/lede-{16,32,48,96,128}.png
//   src/ + pkg/ ──► dist/chrome/, dist/firefox/ ──► dist/lede-chrome.zip, dist/lede-firefox.xpi
//   pkg/ + src/content/walk.js ──► www/pkg/                  (the playground)
//
// Debian's wasm-opt is too old for current Rust output and wasm-pack's own
// run of it is switched off in Cargo.toml (../shared/PLATFORM.md), so the
// optimiser here is the npm package `binaryen`.
//
// Usage: node extension/build.mjs [--skip-wasm]
//   --skip-wasm  reuse dist/pkg from the previous build (extension sources only)

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { ACTION_SIZES, ICON_SIZES, iconFiles, iconMap } from './icons.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const dist = join(root, 'dist');
const pkg = join(dist, 'pkg');
const BROWSERS = { chrome: 'lede-chrome.zip', firefox: 'lede-firefox.xpi' };
/** The files of the wasm package that ship (not the .d.ts or package.json wasm-pack also writes). */
const PKG_FILES = ['lede.js', 'lede_bg.wasm'];

function log(message) {
  process.stderr.write(`build: ${message}\n`);
}

function run(cmd, args, opts = {}) {
  log(`${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
}

function buildWasm() {
  const raw = join(dist, '.wasm-pack');
  run('wasm-pack', ['build', '--target', 'web', '--release', '--mode', 'no-install', '--out-dir', raw, '--out-name', 'lede']);
  mkdirSync(pkg, { recursive: true });
  cpSync(join(raw, 'lede.js'), join(pkg, 'lede.js'));
  const input = join(raw, 'lede_bg.wasm');
  const output = join(pkg, 'lede_bg.wasm');
  // wasm-pack rewrites its output on every run; optimise only when the module changed.
  const stamp = join(pkg, '.source-wasm');
  const source = readFileSync(input);
  if (existsSync(output) && existsSync(stamp) && readFileSync(stamp).equals(source)) {
    log('lede_bg.wasm unchanged: wasm-opt skipped');
    return;
  }
  const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
  if (!existsSync(wasmOpt)) throw new Error('node_modules/.bin/wasm-opt is missing: run `npm ci` first');
  run(wasmOpt, ['-Os', input, '-o', output]);
  writeFileSync(stamp, source);
  const before = statSync(join(raw, 'lede_bg.wasm')).size;
  const after = statSync(join(pkg, 'lede_bg.wasm')).size;
  log(`lede_bg.wasm ${before} → ${after} bytes`);
}

/** Recursive merge: objects merge key by key, anything else (arrays too) replaces, null deletes. */
export function mergeManifest(base, patch) {
  const out = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isPlainObject(value) && isPlainObject(out[key])) out[key] = mergeManifest(out[key], value);
    else out[key] = value;
  }
  return out;
}

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The extension's version is the crate's. */
function crateVersion() {
  const toml = readFileSync(join(root, 'Cargo.toml'), 'utf8');
  const section = toml.split(/^\[/m).find((s) => s.startsWith('package]'));
  const match = section?.match(/^version\s*=\s*"([^"]+)"/m);
  if (!match) throw new Error('no [package] version in Cargo.toml');
  return match[1];
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out.sort();
}

/** Zips a folder with fixed timestamps, so that equal inputs give equal archives. */
function pack(dir, out) {
  const files = {};
  const mtime = new Date('2000-01-01T00:00:00Z');
  for (const path of listFiles(dir)) {
    files[relative(dir, path).split('\\').join('/')] = [readFileSync(path), { mtime }];
  }
  writeFileSync(out, zipSync(files, { level: 9 }));
}

function buildBrowser(browser, version) {
  const out = join(dist, browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const manifest = mergeManifest(readJson(join(here, 'manifest.base.json')), readJson(join(here, `manifest.${browser}.json`)));
  manifest.version = version;
  manifest.icons = iconMap(ICON_SIZES);
  manifest.action = { ...manifest.action, default_icon: iconMap(ACTION_SIZES) };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [path, png] of Object.entries(iconFiles())) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), png);
  }
  cpSync(join(here, 'src'), join(out, 'src'), { recursive: true });
  cpSync(join(here, '_locales'), join(out, '_locales'), { recursive: true });
  mkdirSync(join(out, 'pkg'));
  for (const f of PKG_FILES) cpSync(join(pkg, f), join(out, 'pkg', f));
  pack(out, join(dist, BROWSERS[browser]));
  log(`${relative(root, out)}/ and dist/${BROWSERS[browser]}`);
}

function buildPlayground() {
  const out = join(root, 'www', 'pkg');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const f of PKG_FILES) cpSync(join(pkg, f), join(out, f));
  cpSync(join(here, 'src', 'content', 'walk.js'), join(out, 'walk.js'));
  cpSync(join(here, 'src', 'content', 'hide.js'), join(out, 'hide.js'));
  log('www/pkg/');
}

function main() {
  const args = new Set(process.argv.slice(2));
  for (const a of args) if (a !== '--skip-wasm') throw new Error(`unknown argument ${a}`);
  if (!args.has('--skip-wasm') || !PKG_FILES.every((f) => existsSync(join(pkg, f)))) buildWasm();
  const version = crateVersion();
  for (const browser of Object.keys(BROWSERS)) buildBrowser(browser, version);
  buildPlayground();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    log(`failed: ${error.message}`);
    process.exit(1);
  }
}
