import { createHash } from 'node:crypto';
import type { Principal } from './principal.ts';
import { iso } from '../okta/time.ts';
import { invalid } from '../model/errors.ts';
import { base62, oktaId } from '../model/ids.ts';
import type { OrgCore } from './org-core.ts';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * SSWS tokens an admin created for themselves (Okta makes them in the Admin Console, never through
 * the API, hence a control hook). A call with one acts as that user: the System Log names them as
 * the actor. Each is listed in `/api/v1/api-tokens` and stops working when that entry is deleted or
 * the user is no longer active. Kept by digest, so a lookup does not compare secrets.
 */
export class UserTokens {
  private readonly byDigest = new Map<string, string>();

  constructor(private readonly org: OrgCore) {}

  create(login: string, name = `${login} token`): { id: string; token: string; userId: string } {
    const user = this.org.userByLogin(login);
    if (!user) throw invalid(`no user with login ${login}`);
    const id = oktaId(this.org.ids, '00T');
    const token = `00${base62(this.org.ids, 'user-api-token', 40)}`;
    const now = this.org.now();
    this.org.data.table('apiTokens').set(id, {
      id,
      name,
      userId: user.id,
      tokenWindow: 'P30D',
      network: { connection: 'ANYWHERE' },
      clientName: 'Okta API',
      created: iso(now),
      lastUpdated: iso(now),
      expiresAt: iso(now + 30 * 86_400_000),
    });
    this.byDigest.set(digest(token), id);
    return { id, token, userId: user.id };
  }

  /** Token digest → token entry id, for a saved state (the entries live in the `apiTokens` table). */
  dump(): [string, string][] {
    return [...this.byDigest];
  }

  load(entries: [string, string][]): void {
    for (const [d, id] of entries) this.byDigest.set(d, id);
  }

  /** The principal a token acts as, while its entry exists and its owner is active. */
  principal(token: string): Principal | undefined {
    const id = this.byDigest.get(digest(token));
    const entry = id === undefined ? undefined : this.org.data.table('apiTokens').get(id);
    const user = entry ? this.org.data.users.get(entry.userId) : undefined;
    if (user?.status !== 'ACTIVE') return undefined;
    const displayName = [user.profile.firstName, user.profile.lastName].filter(Boolean).join(' ') || user.profile.login;
    return { kind: 'ssws', id: user.id, type: 'User', alternateId: user.profile.login, displayName };
  }
}
