import { at, str } from '../compliance.fns.ts';
import type { ComplianceSnapshot } from '../types.ts';

/**
 * Admin role types per user, from `admin_assignee.role` objects (id `<userId>/<roleAssignmentId>`,
 * body as `GET /api/v1/users/{userId}/roles` returns it, including roles held through a group).
 * Admins are few, so holding them in memory is fine; users are never loaded for this.
 */
export async function roleTypesByUser(s: ComplianceSnapshot): Promise<Map<string, Set<string>>> {
  const map = new Map<string, Set<string>>();
  for await (const a of s.objects('admin_assignee.role')) {
    const status = at(a.body, 'status');
    if (status !== undefined && status !== 'ACTIVE') continue;
    const userId = a.id.slice(0, a.id.indexOf('/'));
    const type = str(at(a.body, 'type'));
    if (!userId || !type) continue;
    map.set(userId, (map.get(userId) ?? new Set()).add(type));
  }
  return map;
}
