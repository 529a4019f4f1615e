import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildExtension } from './build.ts';

const out = mkdtempSync(join(tmpdir(), 'bfy-ext-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the release build', async () => {
  await buildExtension({ test: false, outDir: out });
  const files = readdirSync(out).sort();
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));

  it('holds the files its manifest names, and nothing else', () => {
    expect(files).toEqual(['content.js', 'manifest.json', 'options.css', 'options.html', 'options.js', 'service-worker.js']);
    expect(manifest.background.service_worker).toBe('service-worker.js');
    expect(manifest.content_scripts[0].js).toEqual(['content.js']);
  });

  it('ships no remote code: no eval, no dynamic code, no script or URL from elsewhere', () => {
    for (const f of files.filter((n) => n.endsWith('.js') || n.endsWith('.html'))) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text, f).not.toMatch(/\beval\s*\(|new\s+Function\s*\(|importScripts|import\s*\(|setTimeout\s*\(\s*['"`]/);
      // The only absolute URLs in the bundles are examples in messages; no code loads one.
      for (const url of text.match(/https?:\/\/[^\s'"`)]+/g) ?? []) expect(url, f).toMatch(/^https:\/\/butterfly\.example\.com/);
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
