/**
 * `pnpm lint`'s boundary check (decision 045), two parts:
 *
 * 1. dependency-cruiser with .dependency-cruiser.cjs over apps/, packages/ and scripts/: no import
 *    cycle between modules or between folders, and only the package arrows of DESIGN.md
 *    (apps/* -> api -> domain -> db, apps/* -> domain, apps/* and jobs -> connectors, domain -> config,
 *    outbound a leaf; the domain free of Remix, tRPC, express and React; scim free of Remix and tRPC;
 *    okta-sim sharing nothing with the product; sim-kit imported by the simulators only). Cycles that predate the check are listed in
 *    .dependency-cruiser-known-violations.json and tolerated until fixed; anything new fails. When you
 *    fix one, shrink the list: `pnpm exec depcruise-baseline apps packages scripts --config .dependency-cruiser.cjs`.
 * 2. The package manifests declare only the same arrows: with pnpm's isolated node_modules an
 *    undeclared package does not resolve, so this also holds for test files, which the cruise skips.
 *
 * `--cwd DIR` checks another tree (the boundaries test plants violations in a scratch tree);
 * `--no-baseline` ignores the known-violations list.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const cwdAt = argv.indexOf('--cwd');
const cwd = cwdAt >= 0 ? resolve(argv[cwdAt + 1]!) : root;
const useBaseline = !argv.includes('--no-baseline');

const problems: string[] = [];

// 1. Imports.
const baseline = join(cwd, '.dependency-cruiser-known-violations.json');
const dirs = ['apps', 'packages', 'scripts'].filter((d) => existsSync(join(cwd, d)));
const cruise = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs'),
    ...dirs,
    '--config',
    join(root, '.dependency-cruiser.cjs'),
    '--output-type',
    'err',
    ...(useBaseline && existsSync(baseline) ? ['--ignore-known', baseline] : []),
  ],
  { cwd, encoding: 'utf8' },
);
if (cruise.status !== 0)
  problems.push(`import arrows (dependency-cruiser):\n${(cruise.stdout + cruise.stderr).trim()}`);

// 2. Manifests: which workspace packages each may depend on (the same table as .dependency-cruiser.cjs).
const allowed: Record<string, string[]> = {
  '@butterfly/config': [],
  '@butterfly/outbound': [],
  '@butterfly/sim-kit': [],
  '@butterfly/db': ['@butterfly/config'],
  '@butterfly/domain': ['@butterfly/config', '@butterfly/db'],
  '@butterfly/api': ['@butterfly/config', '@butterfly/db', '@butterfly/domain'],
  '@butterfly/connectors': ['@butterfly/domain', '@butterfly/outbound'],
  '@butterfly/jobs': [
    '@butterfly/config',
    '@butterfly/db',
    '@butterfly/domain',
    '@butterfly/connectors',
    '@butterfly/outbound',
  ],
  '@butterfly/ui': [],
  '@butterfly/evidence': ['@butterfly/domain'],
  '@butterfly/scim': ['@butterfly/config', '@butterfly/db', '@butterfly/domain'],
  '@butterfly/okta-sim': ['@butterfly/config', '@butterfly/sim-kit'],
  '@butterfly/entra-sim': ['@butterfly/config', '@butterfly/sim-kit'],
  '@butterfly/google-sim': ['@butterfly/config', '@butterfly/sim-kit'],
  // The API's types at build time; db and domain seed its tests. The built package imports none of them.
  '@butterfly/client': ['@butterfly/api', '@butterfly/db', '@butterfly/domain'],
};
const anyPackage = [
  '@butterfly/config',
  '@butterfly/db',
  '@butterfly/domain',
  '@butterfly/api',
  '@butterfly/client',
  '@butterfly/connectors',
  '@butterfly/jobs',
  '@butterfly/ui',
  '@butterfly/evidence',
  '@butterfly/outbound',
];
for (const dir of ['apps', 'packages']
  .filter((d) => existsSync(join(cwd, d)))
  .flatMap((d) => readdirSync(join(cwd, d)).map((n) => join(cwd, d, n)))) {
  let pkg: { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  try {
    pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => d.startsWith('@butterfly/'));
  const may = allowed[pkg.name] ?? anyPackage;
  for (const d of deps) if (!may.includes(d)) problems.push(`${pkg.name} must not depend on ${d}`);
}

if (problems.length) {
  console.error(`Boundaries broken:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
process.stdout.write('boundaries: ok (no new cycles, package arrows as in DESIGN.md)\n');
