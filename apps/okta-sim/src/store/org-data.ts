import type { Json, SimUser } from '../orgs/types.ts';
import { SeqTable } from './seq-table.ts';

/**
 * Everything an org holds, by table name: `users`, and JSON tables such as `groups`, `zones`,
 * `rules:<policyId>`, `members:<groupId>`. Nested collections get a table per parent so that
 * listing one policy's rules never scans another's.
 */
export class OrgData {
  readonly users = new SeqTable<string, SimUser>();
  /** Lower-cased login → user id: Okta logins are unique case-insensitively. */
  readonly logins = new Map<string, string>();
  /** User id → ids of the groups it belongs to (for `/users/{id}/groups` and clean-up on delete). */
  readonly userGroups = new Map<string, Set<string>>();
  /** OAuth client_id → app id, for the authorization server and the token endpoint. */
  readonly clientIds = new Map<string, string>();
  /** App id → id of the ACCESS_POLICY it is mapped to (`_links.accessPolicy` of the app). */
  readonly appPolicies = new Map<string, string>();
  /** One-of-a-kind settings objects (`org`, `adminConsole`, `userSchema`, …). */
  readonly singletons = new Map<string, Json>();
  private readonly tables = new Map<string, SeqTable<string, unknown>>();

  table<V = Json>(name: string): SeqTable<string, V> {
    let table = this.tables.get(name);
    if (!table) {
      table = new SeqTable<string, unknown>();
      this.tables.set(name, table);
    }
    return table as SeqTable<string, V>;
  }

  dropTable(name: string): void {
    this.tables.delete(name);
  }

  /** Tables whose name starts with `prefix` (e.g. every `appUsers:` table, to forget a user). */
  *tablesWith(prefix: string): IterableIterator<[string, SeqTable<string, unknown>]> {
    for (const entry of this.tables) if (entry[0].startsWith(prefix)) yield entry;
  }

  addUser(user: SimUser): SimUser {
    this.users.set(user.id, user);
    this.logins.set(user.profile.login.toLowerCase(), user.id);
    return user;
  }

  userByLogin(login: string): SimUser | undefined {
    const id = this.logins.get(login.trim().toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }
}
