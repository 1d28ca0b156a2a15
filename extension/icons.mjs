// lede's icon, drawn in code and encoded as PNG at each size the stores and
// browsers ask for (Chrome: 16, 32, 48, 128; Firefox/AMO: 48, 96), so that
// no binary image lives in the repository and every size is sharp.
//
// The design: a dark teal rounded square (a page), its first line a thick
// amber bar (the lede, the story's opening) over three thinner white lines,
// the last one short, as the end of a paragraph. Shapes are in units of a
// 16×16 grid and rendered with 4×4 supersampling for smooth edges.

import { zlibSync } from 'fflate';

/** Icon sizes in pixels, and which of them the toolbar button uses. */
export const ICON_SIZES = Object.freeze([16, 32, 48, 96, 128]);
export const ACTION_SIZES = Object.freeze([16, 32]);

const TEAL = [0x1f, 0x4e, 0x5f];
const AMBER = [0xf2, 0xb1, 0x34];
const WHITE = [0xff, 0xff, 0xff];
/** Samples per pixel side. */
const SUPERSAMPLE = 4;

/** Rounded rectangles in 16-grid units: [x, y, w, h, radius, colour], painted in order. */
const SHAPES = [
  [0.5, 0.5, 15, 15, 3.2, TEAL],
  [3, 3.5, 10, 2.5, 0.8, AMBER],
  [3, 7.5, 10, 1.3, 0.6, WHITE],
  [3, 10, 10, 1.3, 0.6, WHITE],
  [3, 12.5, 6, 1.3, 0.6, WHITE],
];

function inside([x, y, w, h, r], px, py) {
  if (px < x || py < y || px > x + w || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

/** RGBA pixels of the icon at `size` × `size`. */
export function drawIcon(size) {
  const out = new Uint8Array(size * size * 4);
  const unit = 16 / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const px = (x + (sx + 0.5) / SUPERSAMPLE) * unit;
          const py = (y + (sy + 0.5) / SUPERSAMPLE) * unit;
          let colour = null;
          for (const shape of SHAPES) if (inside(shape, px, py)) colour = shape[5];
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
        out[i + 3] = Math.round((255 * a) / (SUPERSAMPLE * SUPERSAMPLE));
      }
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A PNG file (8-bit RGBA, no interlace) of `size` × `size` `rgba` pixels. */
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = new Uint8Array(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlibSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** `{ "icons/lede-16.png": Buffer, … }` for every size. */
export function iconFiles() {
  return Object.fromEntries(ICON_SIZES.map((s) => [`icons/lede-${s}.png`, encodePng(s, drawIcon(s))]));
}

/** The manifest's `{size: path}` map for `sizes`. */
export const iconMap = (sizes) => Object.fromEntries(sizes.map((s) => [String(s), `icons/lede-${s}.png`]));
