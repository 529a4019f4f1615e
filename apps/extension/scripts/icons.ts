/**
 * The extension's icons (16, 32, 48 and 128 px PNGs: toolbar, extensions page, Chrome Web Store),
 * drawn at build time rather than kept as binaries in git: a butterfly of four elliptical wings and a
 * body in the dashboard's indigo, on a transparent square, anti-aliased by supersampling.
 */
import { crc32, deflateSync } from 'node:zlib';
import { ICON_SIZES, iconPath } from '../src/manifest.ts';

/** Shapes in a 1×1 square: wings as rotated ellipses (centre, radii, angle), the body as a thin one. */
const WINGS = [
  { cx: 0.31, cy: 0.33, rx: 0.22, ry: 0.17, angle: -0.6, color: [79, 70, 229] }, // upper left
  { cx: 0.69, cy: 0.33, rx: 0.22, ry: 0.17, angle: 0.6, color: [79, 70, 229] }, // upper right
  { cx: 0.34, cy: 0.67, rx: 0.15, ry: 0.12, angle: 0.5, color: [129, 140, 248] }, // lower left
  { cx: 0.66, cy: 0.67, rx: 0.15, ry: 0.12, angle: -0.5, color: [129, 140, 248] }, // lower right
  { cx: 0.5, cy: 0.5, rx: 0.045, ry: 0.34, angle: 0, color: [30, 27, 75] }, // body
] as const;

const SAMPLES = 4;

function shapeAt(x: number, y: number): readonly number[] | undefined {
  let hit: readonly number[] | undefined;
  for (const s of WINGS) {
    const dx = x - s.cx;
    const dy = y - s.cy;
    const c = Math.cos(s.angle);
    const n = Math.sin(s.angle);
    const u = (dx * c + dy * n) / s.rx;
    const v = (-dx * n + dy * c) / s.ry;
    if (u * u + v * v <= 1) hit = s.color; // later shapes (the body) are drawn over earlier ones
  }
  return hit;
}

/** RGBA pixels of the icon at `size` px. */
export function renderIcon(size: number): Buffer {
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const color = shapeAt((x + (sx + 0.5) / SAMPLES) / size, (y + (sy + 0.5) / SAMPLES) / size);
          if (!color) continue;
          r += color[0]!;
          g += color[1]!;
          b += color[2]!;
          covered++;
        }
      }
      const i = (y * size + x) * 4;
      if (!covered) continue;
      px[i] = Math.round(r / covered);
      px[i + 1] = Math.round(g / covered);
      px[i + 2] = Math.round(b / covered);
      px[i + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return px;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG (8-bit RGBA, no interlace, filter 0 on every row) of square RGBA pixels. */
export function encodePng(rgba: Buffer, size: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Path in the build → PNG bytes, for every size the manifest names. */
export function iconFiles(): Record<string, Buffer> {
  return Object.fromEntries(ICON_SIZES.map((s) => [iconPath(s), encodePng(renderIcon(s), s)]));
}
