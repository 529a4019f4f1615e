/**
 * Builds the extension: three bundles (service worker, content script, options page), their static
 * files and the manifest, into `dist/` (release, plus `dist.zip` for the Chrome Web Store) or, with
 * `--test`, into `dist-test/` (adds loopback hosts for okta-sim and the test system). Bundles are
 * not minified: reviewers read them, and there is no remote code to hide behind a loader.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { buildManifest } from '../src/manifest.ts';
import { iconFiles } from './icons.ts';

export async function buildExtension(opts: { test: boolean; outDir?: string; zip?: boolean }) {
  const root = resolve(import.meta.dirname, '..');
  const out = opts.outDir ?? join(root, opts.test ? 'dist-test' : 'dist');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  await build({
    entryPoints: {
      'service-worker': join(root, 'src/background/service-worker.ts'),
      content: join(root, 'src/content/console.ts'),
      options: join(root, 'src/options/options.ts'),
    },
    outdir: out,
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    platform: 'browser',
    charset: 'utf8',
    legalComments: 'none',
    define: { __BUTTERFLY_TEST_BUILD__: String(opts.test) },
    logLevel: 'warning',
  });
  for (const f of ['options.html', 'options.css']) cpSync(join(root, 'src/options', f), join(out, f));
  mkdirSync(join(out, 'icons'));
  for (const [name, png] of Object.entries(iconFiles())) writeFileSync(join(out, name), png);
  const manifest = buildManifest({ test: opts.test, version });
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (opts.zip)
    writeFileSync(join(root, 'dist.zip'), zipSync(filesOf(out), { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
  return out;
}

/** Every file below `dir`, by its path inside the zip. */
function filesOf(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p)] = readFileSync(p);
    }
  };
  walk(dir);
  return files;
}

if (import.meta.main) {
  const test = process.argv.includes('--test');
  const out = await buildExtension({ test, zip: !test });
  process.stdout.write(`extension built into ${out}${test ? ' (test build)' : ' and dist.zip'}\n`);
}
