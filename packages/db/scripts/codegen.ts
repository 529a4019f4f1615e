/**
 * Generates src/generated/db.ts from a freshly migrated database (kysely-codegen).
 * `--check` fails (exit 1) when the committed file differs from what the migrations produce.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cloneTemplate, ensureTemplate, ensureTestServer } from '../src/testing/server.ts';

const check = process.argv.includes('--check');
const target = resolve(import.meta.dirname, '../src/generated/db.ts');
const server = await ensureTestServer();
let code = 0;
try {
  const clone = await cloneTemplate(server.adminUrl, await ensureTemplate(server.adminUrl));
  const tmp = mkdtempSync(join(tmpdir(), 'bfy-codegen-'));
  const out = check ? join(tmp, 'db.ts') : target;
  try {
    execFileSync(
      resolve(import.meta.dirname, '../node_modules/.bin/kysely-codegen'),
      [
        '--dialect',
        'postgres',
        '--url',
        clone.url,
        '--out-file',
        out,
        '--exclude-pattern',
        'kysely_*',
        '--type-mapping',
        JSON.stringify({ int8: 'number' }),
        '--log-level',
        'error',
      ],
      { stdio: 'inherit' },
    );
    if (check && readFileSync(out, 'utf8') !== readFileSync(target, 'utf8')) {
      console.error('packages/db/src/generated/db.ts is stale: run `pnpm db:codegen` and commit it.');
      code = 1;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await clone.drop();
  }
} finally {
  await server.stop();
}
process.exit(code);
