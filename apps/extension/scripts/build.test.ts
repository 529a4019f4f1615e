import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildExtension } from './build.ts';
import { ICON_SIZES } from '../src/manifest.ts';

const out = mkdtempSync(join(tmpdir(), 'bfy-ext-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The alpha of pixel (x, y) of an 8-bit RGBA PNG whose rows all use filter 0 (what icons.ts writes). */
function alphaOf(png: Buffer, size: number) {
  const idat = png.indexOf('IDAT');
  const rows = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
  return (x: number, y: number) => {
    expect(rows[y * (size * 4 + 1)], 'row filter').toBe(0);
    return rows[y * (size * 4 + 1) + 1 + x * 4 + 3];
  };
}

describe('the release build', async () => {
  await buildExtension({ test: false, outDir: out });
  const files = readdirSync(out, { recursive: true, encoding: 'utf8' })
    .filter((f) => f !== 'icons')
    .sort();
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));

  it('holds the files its manifest names, and nothing else', () => {
    expect(files).toEqual([
      'content.js',
      'icons/icon-128.png',
      'icons/icon-16.png',
      'icons/icon-32.png',
      'icons/icon-48.png',
      'manifest.json',
      'options.css',
      'options.html',
      'options.js',
      'service-worker.js',
    ]);
    expect(manifest.background.service_worker).toBe('service-worker.js');
    expect(manifest.content_scripts[0].js).toEqual(['content.js']);
  });

  it('has an icon of each size the store and the toolbar need: a real PNG of that size, transparent around the butterfly', () => {
    for (const size of ICON_SIZES) {
      const name = manifest.icons[String(size)];
      expect(manifest.action.default_icon[String(size)]).toBe(name);
      const png = readFileSync(join(out, name));
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
      const alpha = alphaOf(png, size);
      expect(alpha(0, 0), 'corner').toBe(0);
      expect(alpha(Math.floor(size * 0.31), Math.floor(size * 0.33)), 'inside the upper left wing').toBe(255);
    }
  });

  it('ships no remote code: no eval, no dynamic code, no script or URL from elsewhere', () => {
    for (const f of files.filter((n) => n.endsWith('.js') || n.endsWith('.html'))) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text, f).not.toMatch(/\beval\s*\(|new\s+Function\s*\(|importScripts|import\s*\(|setTimeout\s*\(\s*['"`]/);
      // The only absolute URLs in the bundles are examples in messages; no code loads one.
      for (const url of text.match(/https?:\/\/[^\s'"`)]+/g) ?? [])
        expect(url, f).toMatch(/^https:\/\/butterfly\.example\.com/);
    }
    const html = readFileSync(join(out, 'options.html'), 'utf8');
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="options.js">']);
    expect(html).not.toMatch(/<script>[^<]/);
  });

  it('keeps the test-only switches off', () => {
    const content = readFileSync(join(out, 'content.js'), 'utf8');
    expect(content).toMatch(/TEST_BUILD = typeof false !== "undefined" && false === true|TEST_BUILD = false/);
  });
});
