import type { Command } from 'commander';
import { findMember } from '@butterfly/domain/members';
import { listSessions } from '@butterfly/domain/sessions';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';

export function registerSession(session: Command) {
  session
    .command('list')
    .description("a member's live sessions")
    .argument('<tenant>', 'tenant slug')
    .argument('<email>', "the member's email")
    .option('--json', 'print one JSON document')
    .action((slug: string, email: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const member = await findMember(deps.db, tenant.id, email);
        const sessions = await listSessions(deps, { tenantId: tenant.id, memberId: member.id });
        emit({ json: !!opts.json }, sessions, () =>
          sessions.length
            ? sessions.map(
                (s) =>
                  `${s.id}  ${s.authMethod}  last seen ${s.lastSeenAt}  expires ${s.expiresAt}  ${s.ip ?? ''} ${s.userAgent ?? ''}`,
              )
            : [`${member.email} has no live session`],
        );
      }),
    );
}
