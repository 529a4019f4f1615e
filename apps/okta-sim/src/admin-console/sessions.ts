import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'sim_admin_sid';

/**
 * Admin Console sessions, per org: Okta's console reads `/api/v1` with its session cookie rather
 * than a token, and the extension reads objects exactly that way. A session is opened by presenting
 * the org's admin SSWS token once (`POST /<org>/admin/_sim/session`), which stands in for an admin
 * signing in to the console. Held in memory, like everything else the simulator knows.
 */
export class AdminSessions {
  private readonly byOrg = new Map<string, Set<string>>();

  open(org: string): string {
    const id = randomBytes(24).toString('base64url');
    const ids = this.byOrg.get(org) ?? new Set<string>();
    this.byOrg.set(org, ids.add(id));
    return id;
  }

  /** Whether the request carries a live session of this org. */
  holds(org: string, req: IncomingMessage): boolean {
    const id = cookieValue(req.headers.cookie ?? '', SESSION_COOKIE);
    return !!id && !!this.byOrg.get(org)?.has(id);
  }

  close(org: string, req: IncomingMessage): void {
    const id = cookieValue(req.headers.cookie ?? '', SESSION_COOKIE);
    if (id) this.byOrg.get(org)?.delete(id);
  }
}

function cookieValue(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
