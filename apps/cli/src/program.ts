import { Command } from 'commander';

/**
 * The command groups, in the order `--help` lists them. A group's module (and with it the domain,
 * the database client, the connectors, ...) is imported only when the command line names the group:
 * `butterfly --help` loads this file and commander, nothing else (docs/decisions/035).
 */
export const COMMAND_GROUPS: readonly {
  name: string;
  description: string;
  load: () => Promise<(group: Command) => void>;
}[] = [
  { name: 'db', description: 'database maintenance', load: () => import('./commands/db.ts').then((m) => m.registerDb) },
  { name: 'tenant', description: 'tenants', load: () => import('./commands/tenant.ts').then((m) => m.registerTenant) },
  {
    name: 'member',
    description: 'members of a tenant',
    load: () => import('./commands/member.ts').then((m) => m.registerMember),
  },
  {
    name: 'audit',
    description: 'the tamper-evident audit log',
    load: () => import('./commands/audit.ts').then((m) => m.registerAudit),
  },
  {
    name: 'sso',
    description: "a tenant's OIDC single sign-on",
    load: () => import('./commands/sso.ts').then((m) => m.registerSso),
  },
  { name: 'domain', description: 'SSO domains', load: () => import('./commands/sso.ts').then((m) => m.registerDomain) },
  {
    name: 'session',
    description: 'browser sessions',
    load: () => import('./commands/session.ts').then((m) => m.registerSession),
  },
  {
    name: 'recovery-link',
    description: 'break-glass sign-in that does not depend on the IdP',
    load: () => import('./commands/recovery-link.ts').then((m) => m.registerRecoveryLink),
  },
  {
    name: 'connection',
    description: 'identity-provider connections a tenant backs up (Okta)',
    load: () => import('./commands/connection.ts').then((m) => m.registerConnection),
  },
  {
    name: 'directory-sync',
    description: 'members of a Google Workspace connection, pulled from its directory (roles by five groups)',
    load: () => import('./commands/directory-sync.ts').then((m) => m.registerDirectorySync),
  },
  {
    name: 'backup',
    description: 'backups of IdP connections',
    load: () => import('./commands/backup.ts').then((m) => m.registerBackup),
  },
  {
    name: 'snapshot',
    description: 'snapshots: list, export, diff',
    load: () => import('./commands/snapshot.ts').then((m) => m.registerSnapshot),
  },
  {
    name: 'restore',
    description: 'restore previews (plans) and applying them',
    load: () => import('./commands/restore.ts').then((m) => m.registerRestore),
  },
  {
    name: 'scim-token',
    description: "bearer tokens of a tenant's SCIM client (Okta, Entra ID)",
    load: () => import('./commands/scim-token.ts').then((m) => m.registerScimToken),
  },
  {
    name: 'api-token',
    description: "a member's API tokens for internal tools (Authorization: Bearer bfy_…)",
    load: () => import('./commands/api-token.ts').then((m) => m.registerApiToken),
  },
  {
    name: 'scim-group-role',
    description: 'map groups pushed by the IdP to roles (the highest role a member gets wins)',
    load: () => import('./commands/scim-group-role.ts').then((m) => m.registerScimGroupRole),
  },
  {
    name: 'scan',
    description: 'compliance scans of snapshots',
    load: () => import('./commands/scan.ts').then((m) => m.registerScan),
  },
  {
    name: 'evidence',
    description: 'signed evidence bundles of compliance scans',
    load: () => import('./commands/evidence.ts').then((m) => m.registerEvidence),
  },
  {
    name: 'exception',
    description: 'compliance exceptions: ask for and withdraw them (a second member approves in the dashboard)',
    load: () => import('./commands/exception.ts').then((m) => m.registerException),
  },
];

/**
 * The group the command line names: its first word (`help connection` names `connection`). The
 * top-level command takes no options of its own, so the first word that is not an option is it.
 */
function namedGroup(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}

/**
 * The program for this command line: every group is listed, only the named one (`all`: every one,
 * for tests) has its subcommands loaded.
 */
export async function buildProgram(argv: readonly string[] | 'all' = 'all') {
  const program = new Command('butterfly')
    .description('Butterfly admin CLI. Exit codes: 0 success, 1 domain error, 2 usage error.')
    .showHelpAfterError()
    .exitOverride();
  const wanted = argv === 'all' ? undefined : namedGroup(argv);
  for (const g of COMMAND_GROUPS) {
    const group = program.command(g.name).description(g.description);
    if (argv === 'all' || g.name === wanted) (await g.load())(group);
  }
  // Every subcommand inherits the usage-error behaviour.
  const apply = (c: Command) => {
    c.exitOverride().showHelpAfterError();
    c.commands.forEach(apply);
  };
  apply(program);
  return program;
}
