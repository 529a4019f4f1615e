import { Command } from 'commander';
import { registerApiToken } from './commands/api-token.ts';
import { registerAudit } from './commands/audit.ts';
import { registerBackup } from './commands/backup.ts';
import { registerConnection } from './commands/connection.ts';
import { registerDb } from './commands/db.ts';
import { registerEvidence } from './commands/evidence.ts';
import { registerMember } from './commands/member.ts';
import { registerRecoveryLink } from './commands/recovery-link.ts';
import { registerRestore } from './commands/restore.ts';
import { registerScan } from './commands/scan.ts';
import { registerScimGroupRole } from './commands/scim-group-role.ts';
import { registerScimToken } from './commands/scim-token.ts';
import { registerSession } from './commands/session.ts';
import { registerSnapshot } from './commands/snapshot.ts';
import { registerSso } from './commands/sso.ts';
import { registerTenant } from './commands/tenant.ts';

export function buildProgram() {
  const program = new Command('butterfly')
    .description('Butterfly admin CLI. Exit codes: 0 success, 1 domain error, 2 usage error.')
    .showHelpAfterError()
    .exitOverride();
  registerDb(program);
  registerTenant(program);
  registerMember(program);
  registerAudit(program);
  registerSso(program);
  registerSession(program);
  registerRecoveryLink(program);
  registerConnection(program);
  registerBackup(program);
  registerSnapshot(program);
  registerRestore(program);
  registerScimToken(program);
  registerApiToken(program);
  registerScimGroupRole(program);
  registerScan(program);
  registerEvidence(program);
  // Every subcommand inherits the usage-error behaviour.
  const apply = (c: Command) => {
    c.exitOverride().showHelpAfterError();
    c.commands.forEach(apply);
  };
  apply(program);
  return program;
}
