import { newGuid } from '../model/ids.ts';
import type { TObj } from '../model/types.ts';
import type { TPrincipal } from './principal.ts';

export type TAuditOp = 'Add' | 'Update' | 'Delete' | 'Restore' | 'HardDelete';

const VERB: Record<TAuditOp, string> = {
  Add: 'Add',
  Update: 'Update',
  Delete: 'Delete',
  Restore: 'Restore',
  HardDelete: 'Hard delete',
};

/** The `initiatedBy` of a directoryAudit: the signed-in user, or the app acting as itself. */
function initiatedBy(p: TPrincipal) {
  if (p.user)
    return { user: { ...p.user, ipAddress: '127.0.0.1', userPrincipalName: p.user.userPrincipalName }, app: null };
  return {
    user: null,
    app: {
      appId: p.appId,
      displayName: p.appName,
      servicePrincipalId: p.servicePrincipalId,
      servicePrincipalName: p.appName,
    },
  };
}

/** One `auditLogs/directoryAudits` entry per write, newest first, as Graph lists them. */
export function recordAudit(
  p: TPrincipal,
  op: TAuditOp,
  type: string,
  target: TObj | { id: string },
  service = 'Core Directory',
  when = new Date(),
) {
  const name = type.replace(/^microsoft\.graph\./, '');
  const readable = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  const entry: TObj = {
    id: `Directory_${newGuid()}`,
    category: service === 'Conditional Access' ? 'Policy' : name[0]!.toUpperCase() + name.slice(1),
    correlationId: newGuid(),
    result: 'success',
    resultReason: '',
    activityDisplayName: `${VERB[op]} ${readable}`,
    activityDateTime: when.toISOString(),
    loggedByService: service,
    operationType: op === 'HardDelete' ? 'Delete' : op,
    initiatedBy: initiatedBy(p),
    targetResources: [
      {
        id: target.id,
        displayName: ('displayName' in target ? (target.displayName as string) : null) ?? null,
        type: name,
        modifiedProperties: [],
      },
    ],
    additionalDetails: [],
  };
  // Kept oldest first; the read side lists this store newest first (graph/read.ts).
  p.tenant.add('auditLogs/directoryAudits', entry);
}
