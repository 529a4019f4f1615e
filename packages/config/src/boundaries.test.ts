import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Each run cruises a tree in a child process: seconds each on a busy machine.
const SLOW = 120_000;

// `pnpm lint`'s boundary check (scripts/check-boundaries.ts, .dependency-cruiser.cjs; decision 045),
// run on scratch trees with a violation planted in each, and on the real tree.
const root = resolve(import.meta.dirname, '../../..');
const scratch: string[] = [];
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

function check(files: Record<string, string> | null) {
  const args = [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/check-boundaries.ts')];
  if (files) {
    const dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
    scratch.push(dir);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    args.push('--cwd', dir);
  }
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  return { ok: r.status === 0, out: r.stdout + r.stderr };
}

const clean = {
  'packages/db/src/client.ts': 'export const db = 1;\n',
  'packages/domain/src/audit/list.ts':
    "import { db } from '../../../db/src/client.ts';\nexport const list = () => db;\n",
  'packages/domain/src/permissions/plan.ts':
    "import { list } from '../audit/list.ts';\nexport const plan = () => list();\n",
  'packages/api/src/router.ts':
    "import { plan } from '../../domain/src/permissions/plan.ts';\nexport const router = plan;\n",
};

describe('boundary check', { timeout: SLOW }, () => {
  it('passes a tree whose arrows point down', () => {
    const r = check(clean);
    expect(r.out).toContain('boundaries: ok');
    expect(r.ok).toBe(true);
  });

  it('fails on a cycle between two modules', () => {
    const r = check({
      ...clean,
      'packages/domain/src/audit/list.ts': "import { label } from './label.ts';\nexport const list = () => label;\n",
      'packages/domain/src/audit/label.ts': "import { list } from './list.ts';\nexport const label = () => list;\n",
    });
    expect(r.ok).toBe(false);
    expect(r.out).toContain('no-module-cycle');
  });

  it('fails on a cycle between two folders, even with no module cycle', () => {
    const r = check({
      ...clean,
      'packages/domain/src/audit/keep.ts':
        "import { refKey } from '../permissions/objects.ts';\nexport const keep = refKey;\n",
      'packages/domain/src/permissions/objects.ts': 'export const refKey = 1;\n',
    });
    expect(r.ok).toBe(false);
    expect(r.out).toContain('no-folder-cycle');
    expect(r.out).not.toContain('no-module-cycle');
  });

  it('fails on an import against the layering (the domain importing the API)', () => {
    const r = check({
      ...clean,
      'packages/domain/src/audit/peek.ts':
        "import { router } from '../../../api/src/router.ts';\nexport const peek = router;\n",
    });
    expect(r.ok).toBe(false);
    expect(r.out).toContain('layers-domain');
  });

  it('fails on the domain importing a framework', () => {
    const r = check({
      ...clean,
      'node_modules/@trpc/server/package.json': '{"name":"@trpc/server","main":"index.js"}',
      'node_modules/@trpc/server/index.js': 'export const initTRPC = 1;\n',
      'packages/domain/src/audit/rpc.ts': "import { initTRPC } from '@trpc/server';\nexport const rpc = initTRPC;\n",
    });
    expect(r.ok).toBe(false);
    expect(r.out).toContain('domain-no-frameworks');
  });

  it('fails on a manifest declaring a forbidden package', () => {
    const r = check({
      ...clean,
      'packages/domain/package.json': JSON.stringify({
        name: '@butterfly/domain',
        dependencies: { '@butterfly/api': 'workspace:*' },
      }),
    });
    expect(r.ok).toBe(false);
    expect(r.out).toContain('@butterfly/domain must not depend on @butterfly/api');
  });

  it('passes the real tree', () => {
    const r = check(null);
    expect(r.out).toContain('boundaries: ok');
    expect(r.ok).toBe(true);
  });
});
