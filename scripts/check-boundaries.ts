/**
 * Enforces the import arrows of DESIGN.md on package manifests and sources:
 * apps/* -> api -> domain -> db, apps/* -> domain, apps/* and jobs -> connectors, domain -> config,
 * and apps/*, connectors, jobs -> outbound (a leaf: every call out of the process goes through it).
 * pnpm's isolated node_modules then make an undeclared import fail to resolve, so checking the
 * manifests (plus a source scan for framework imports in the domain) holds the line.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const allowed: Record<string, string[]> = {
  '@butterfly/config': [],
  '@butterfly/outbound': [],
  '@butterfly/db': ['@butterfly/config'],
  '@butterfly/domain': ['@butterfly/config', '@butterfly/db'],
  '@butterfly/api': ['@butterfly/config', '@butterfly/db', '@butterfly/domain'],
  '@butterfly/connectors': ['@butterfly/domain', '@butterfly/outbound'],
  '@butterfly/jobs': ['@butterfly/config', '@butterfly/db', '@butterfly/domain', '@butterfly/connectors', '@butterfly/outbound'],
  '@butterfly/ui': [],
  '@butterfly/evidence': ['@butterfly/domain'],
  '@butterfly/scim': ['@butterfly/config', '@butterfly/db', '@butterfly/domain'],
  '@butterfly/okta-sim': ['@butterfly/config'],
  // The API's types at build time; db and domain seed its tests. The built package imports none of them.
  '@butterfly/client': ['@butterfly/api', '@butterfly/db', '@butterfly/domain'],
};
const anyPackage = ['@butterfly/config', '@butterfly/db', '@butterfly/domain', '@butterfly/api', '@butterfly/connectors', '@butterfly/jobs', '@butterfly/ui', '@butterfly/evidence', '@butterfly/outbound', '@butterfly/client'];
const forbiddenInDomain = /from ['"](@remix-run\/|@trpc\/|express|react|@butterfly\/(api|connectors|jobs|ui|web|scim|worker|cli))/;

const problems: string[] = [];
const dirs = ['apps', 'packages'].flatMap((d) => readdirSync(join(root, d)).map((n) => join(root, d, n)));
for (const dir of dirs) {
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

function* files(dir: string): Generator<string> {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(n)) yield p;
  }
}
for (const f of files(join(root, 'packages/domain/src'))) {
  const m = readFileSync(f, 'utf8').match(forbiddenInDomain);
  if (m) problems.push(`${f.slice(root.length + 1)} imports ${m[1]}: the domain stays free of apps, API and frameworks`);
}

if (problems.length) {
  console.error(`Package boundaries broken:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
process.stdout.write('package boundaries: ok\n');
