// Import arrows and cycles (decision 045). Run by `pnpm lint` (scripts/check-boundaries.ts); the
// arrows are those of shared DESIGN.md: apps/* -> api -> domain -> db, apps/* -> domain,
// apps/* and jobs -> connectors, domain -> config, and outbound a leaf every call out goes through;
// sim-kit a leaf only the simulators (apps/*-sim) may import.
const path = require('node:path');

/** Which workspace packages each package may import (besides itself). Apps not listed may import any package. */
const allowed = {
  config: [],
  outbound: [],
  'sim-kit': [],
  ui: [],
  db: ['config'],
  domain: ['config', 'db'],
  api: ['config', 'db', 'domain'],
  connectors: ['domain', 'outbound'],
  jobs: ['config', 'db', 'domain', 'connectors', 'outbound'],
  evidence: ['domain'],
  client: ['api'],
};
const appsAllowed = {
  scim: ['config', 'db', 'domain'],
  'okta-sim': ['config', 'sim-kit'],
  'entra-sim': ['config', 'sim-kit'],
  'google-sim': ['config', 'sim-kit'],
};

const layering = [
  ...Object.entries(allowed).map(([pkg, may]) => ({
    name: `layers-${pkg}`,
    comment: `packages/${pkg} may import only ${may.length ? may.join(', ') : 'no other workspace package'} (DESIGN.md, Layout)`,
    severity: 'error',
    from: { path: `^packages/${pkg}/` },
    to: { path: '^(packages|apps)/', pathNot: `^(packages/(${[pkg, ...may].join('|')})|apps/[^/]+/node_modules)/` },
  })),
  {
    name: 'layers-sim-kit-only-simulators',
    comment:
      "packages/sim-kit is the simulators' plumbing: only apps/*-sim import it (they share no code with the product)",
    severity: 'error',
    from: { pathNot: '^(apps/[^/]+-sim|packages/sim-kit)/' },
    to: { path: '^packages/sim-kit/' },
  },
  {
    name: 'layers-no-app-imports',
    comment: 'packages never import an app, and an app never imports another app',
    severity: 'error',
    from: { path: '^(packages|apps)/([^/]+)/' },
    to: { path: '^apps/', pathNot: '^apps/$2/' },
  },
  ...Object.entries(appsAllowed).map(([app, may]) => ({
    name: `layers-app-${app}`,
    comment: `apps/${app} may import only ${may.length ? may.join(', ') : 'no workspace package'}${app.endsWith('-sim') ? ': it stands in for a vendor and shares no code with the connectors' : ''}`,
    severity: 'error',
    from: { path: `^apps/${app}/` },
    to: { path: '^packages/', pathNot: `^packages/(${may.join('|') || '$^'})/` },
  })),
  {
    name: 'api-no-database',
    comment:
      'the API reaches the database only through domain use-cases: it may name db types (its context), not import db code',
    severity: 'error',
    from: { path: '^packages/api/' },
    to: { path: '^packages/db/', dependencyTypesNot: ['type-only'] },
  },
  {
    name: 'domain-no-frameworks',
    comment: 'the domain stays free of HTTP frameworks, Remix, tRPC and React',
    severity: 'error',
    from: { path: '^packages/domain/' },
    to: { path: 'node_modules/(@remix-run/[^/]+|@trpc/[^/]+|express|react|react-dom)/' },
  },
  {
    name: 'scim-no-remix-trpc',
    comment: 'apps/scim never imports Remix or tRPC',
    severity: 'error',
    from: { path: '^apps/scim/' },
    to: { path: 'node_modules/(@remix-run/[^/]+|@trpc/[^/]+)/' },
  },
];

/**
 * Folders allowed to sit in a folder cycle: none. The domain areas and okta-sim's folders that were
 * listed when this check came in left it in issue 19 (decision 045) by moving the shared pieces into
 * lower folders (domain: webhook-queue/, snapshots/, audit/, connections/; okta-sim: model/, okta/,
 * orgs/, with registry/ on top). Keep it empty: break a new loop instead of listing it.
 * (dependency-cruiser's known-violations file matches module cycles, not folder ones, so folders
 * would be named here.) A folder and its own subfolders (api/ and api/resources/) are not a cycle.
 */
const knownFolderTangles = [];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycle',
      comment:
        'a module reaches itself through its imports (type-only imports count): move the shared piece into a lower module',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment: 'two folders import each other, directly or around a loop: move the shared piece into a lower folder',
      severity: 'error',
      scope: 'folder',
      from: { pathNot: `^(${knownFolderTangles.join('|')})$` },
      to: { circular: true },
    },
    ...layering,
  ],
  options: {
    // Tests and their fixtures import across areas by design (testing/ seeds every area); pnpm's isolated
    // node_modules and the manifest check keep their package arrows honest.
    exclude: {
      path: [
        '(^|/)(build|dist|public|\\.cache|test-results)/',
        '\\.(test|spec|bench)\\.tsx?$',
        '(^|/)testing/',
        '(^|/)fixtures?/',
      ],
    },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.depcruise.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
