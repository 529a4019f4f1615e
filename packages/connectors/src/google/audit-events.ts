import type { IdpLogEvent, IdpObject } from '@butterfly/domain/idp';
import { GoogleError } from './errors.ts';
import type { GoogleHttp } from './http/google-http.ts';
import type { GoogleBases } from './pager.ts';

/** The Admin audit log's own scope: asked for in a token of its own, so a customer who did not grant it still backs up. */
export const GOOGLE_AUDIT_SCOPE = 'https://www.googleapis.com/auth/admin.reports.audit.readonly';

const TEMPLATE = '/admin/reports/v1/activity/users/all/applications/admin';

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const bare = (v: string, prefix: string) => (v.startsWith(prefix) ? v.slice(prefix.length) : v);

/**
 * Decision 067: Google's Admin audit events name what they touched by email, path or name
 * (`USER_EMAIL`, `GROUP_EMAIL`, `ORG_UNIT_NAME`, `ROLE_NAME`, `SETTING_NAME`), never by the ids a
 * snapshot keys objects on. The client learns those names from the objects it lists in the same
 * backup (no request of its own), so the events of the window can name the objects that changed.
 * A name it has not seen (an object deleted before this backup listed it) stays unnamed.
 */
export class GoogleTargetIndex {
  private readonly byKey = new Map<string, string>();
  /** `settingType` → the policies of that type, with the org unit or group each applies to. */
  private readonly policies = new Map<string, { id: string; orgUnit?: string; group?: string }[]>();

  observe(o: IdpObject): void {
    const b = (o.body ?? {}) as Record<string, unknown>;
    switch (o.type) {
      case 'user':
        for (const email of [b.primaryEmail, ...(Array.isArray(b.aliases) ? b.aliases : [])])
          if (str(email)) this.byKey.set(`user:${String(email).toLowerCase()}`, o.id);
        return;
      case 'group':
        if (str(b.email)) this.byKey.set(`group:${String(b.email).toLowerCase()}`, o.id);
        return;
      case 'orgUnit':
        if (str(b.orgUnitPath)) this.byKey.set(`orgUnit:${String(b.orgUnitPath).toLowerCase()}`, o.id);
        return;
      case 'role':
        if (str(b.roleName)) this.byKey.set(`role:${String(b.roleName).toLowerCase()}`, o.id);
        return;
      case 'roleAssignment':
        if (str(b.roleId) && str(b.assignedTo)) this.byKey.set(`roleAssignment:${b.roleId}|${b.assignedTo}`, o.id);
        return;
      case 'policy': {
        const setting = str((b.setting as { type?: unknown } | undefined)?.type);
        if (!setting) return;
        const q = (b.policyQuery ?? {}) as { orgUnit?: unknown; group?: unknown };
        const list = this.policies.get(bare(setting, 'settings/')) ?? [];
        list.push({
          id: o.id,
          ...(str(q.orgUnit) ? { orgUnit: bare(String(q.orgUnit), 'orgUnits/') } : {}),
          ...(str(q.group) ? { group: bare(String(q.group), 'groups/') } : {}),
        });
        this.policies.set(bare(setting, 'settings/'), list);
        return;
      }
    }
  }

  private id(kind: string, key: string | undefined): string | undefined {
    return key ? this.byKey.get(`${kind}:${key.toLowerCase()}`) : undefined;
  }

  /** An org unit named by path (`/Sales`) or by id (`orgUnits/03ph…`, `id:03ph…`, as some events have it). */
  private orgUnit(name: string | undefined): string | undefined {
    if (!name) return undefined;
    if (name.startsWith('/')) return this.id('orgUnit', name);
    return bare(bare(name, 'orgUnits/'), 'id:');
  }

  /** The snapshot objects one event's parameters name. */
  targets(eventName: string, p: Record<string, string>): IdpLogEvent['targets'] {
    const out: IdpLogEvent['targets'] = [];
    const add = (type: string, id: string | undefined) => id && out.push({ id, type });
    if (/APPLICATION_SETTING/.test(eventName) && p.SETTING_NAME) {
      // A setting changes a policy: the org unit or group it names is the policy's scope, not a target.
      const ou = this.orgUnit(p.ORG_UNIT_NAME);
      const group = this.id('group', p.GROUP_EMAIL);
      for (const pol of this.policies.get(bare(p.SETTING_NAME, 'settings/')) ?? [])
        if ((!ou && !group) || (ou && pol.orgUnit === ou) || (group && pol.group === group)) add('policy', pol.id);
      return out;
    }
    // A membership or a role assignment may name a group where a user would be.
    const user = this.id('user', p.USER_EMAIL);
    const principal = user ?? this.id('group', p.USER_EMAIL);
    const role = this.id('role', p.ROLE_NAME);
    add(user ? 'user' : 'group', principal);
    add('group', this.id('group', p.GROUP_EMAIL));
    if (/^(CREATE|REMOVE|EDIT|MOVE)_ORG_UNIT/.test(eventName)) add('orgUnit', this.orgUnit(p.ORG_UNIT_NAME));
    add('role', role);
    if (role && principal) add('roleAssignment', this.byKey.get(`roleAssignment:${role}|${principal}`));
    if (p.DOMAIN_NAME) add('domain', p.DOMAIN_NAME);
    return out;
  }
}

type RawActivity = {
  id?: { time?: string; uniqueQualifier?: string };
  actor?: { email?: string; profileId?: string; callerType?: string; key?: string };
  events?: { type?: string; name?: string; parameters?: { name?: string; value?: unknown; multiValue?: unknown }[] }[];
};

/** One event of an activity (an activity may hold several) in the domain's shape. */
export function toLogEvents(raw: RawActivity, index: GoogleTargetIndex): IdpLogEvent[] {
  const time = String(raw.id?.time ?? '');
  const qualifier = String(raw.id?.uniqueQualifier ?? '');
  const email = str(raw.actor?.email);
  const actor: IdpLogEvent['actor'] = {
    id: String(raw.actor?.profileId ?? raw.actor?.key ?? ''),
    type: raw.actor?.callerType === 'KEY' ? 'ServiceAccount' : 'User',
    ...(email ? { alternateId: email } : {}),
  };
  return (raw.events ?? []).map((e, i) => {
    const params: Record<string, string> = {};
    for (const p of e.parameters ?? []) if (p.name && typeof p.value === 'string') params[p.name] = p.value;
    const name = String(e.name ?? e.type ?? '');
    return {
      id: `${time}|${qualifier}|${i}`,
      published: time,
      eventType: name,
      actor,
      targets: index.targets(name, params),
    };
  });
}

/**
 * The Admin audit log (Reports API `activities.list`, `applicationName=admin`) of [since, until],
 * oldest first. The API's `endTime` is exclusive, so a millisecond is added; pages of 1,000 follow
 * `nextPageToken`; every page goes through the quota governor like a Directory read.
 */
export async function* listGoogleAuditEvents(
  http: GoogleHttp,
  bases: GoogleBases,
  index: GoogleTargetIndex,
  o: { since: Date; until: Date; signal?: AbortSignal },
): AsyncGenerator<IdpLogEvent> {
  const events: IdpLogEvent[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const url = new URL(`${bases.directory}${TEMPLATE}`);
    url.searchParams.set('startTime', o.since.toISOString());
    url.searchParams.set('endTime', new Date(o.until.getTime() + 1).toISOString());
    url.searchParams.set('maxResults', '1000');
    if (token) url.searchParams.set('pageToken', token);
    const body = (await http.get(
      { url: url.href, key: `GET ${TEMPLATE}`, scope: GOOGLE_AUDIT_SCOPE, lane: 'directory' },
      o.signal,
    )) as { items?: unknown; nextPageToken?: unknown } | undefined;
    if (body?.items !== undefined && !Array.isArray(body.items))
      throw new GoogleError(`Expected a list in "items" from GET ${TEMPLATE}`);
    for (const raw of (body?.items ?? []) as RawActivity[]) events.push(...toLogEvents(raw, index));
    token = str(body?.nextPageToken);
    if (token && seen.has(token)) throw new GoogleError(`GET ${TEMPLATE} returned a page token it had already sent`);
    if (token) seen.add(token);
  } while (token);
  const from = o.since.getTime();
  const to = o.until.getTime();
  yield* events
    .filter((e) => {
      const t = Date.parse(e.published);
      return t >= from && t <= to;
    })
    .sort((a, b) => Date.parse(a.published) - Date.parse(b.published) || a.id.localeCompare(b.id));
}
