import type { Json, SimUser } from '../model/types.ts';
import { SeqTable } from './seq-table.ts';

export interface TOrgDataDump {
  users: SimUser[];
  userGroups: [string, string[]][];
  clientIds: [string, string][];
  appPolicies: [string, string][];
  singletons: [string, Json][];
  tables: [string, [string, unknown][]][];
}

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

  /** Everything above as plain JSON, in table order (persist/state-file.ts writes it). */
  dump(): TOrgDataDump {
    return {
      users: [...this.users.values()],
      userGroups: [...this.userGroups].map(([id, groups]) => [id, [...groups]]),
      clientIds: [...this.clientIds],
      appPolicies: [...this.appPolicies],
      singletons: [...this.singletons],
      tables: [...this.tables].map(([name, table]) => [name, [...table.entries()]]),
    };
  }

  /** Fills an empty OrgData from `dump()`; rows keep their order (new rows go after them). */
  load(d: TOrgDataDump): void {
    for (const user of d.users) this.addUser(user);
    for (const [id, groups] of d.userGroups) this.userGroups.set(id, new Set(groups));
    for (const [k, v] of d.clientIds) this.clientIds.set(k, v);
    for (const [k, v] of d.appPolicies) this.appPolicies.set(k, v);
    for (const [k, v] of d.singletons) this.singletons.set(k, v);
    for (const [name, rows] of d.tables) {
      const table = this.table<unknown>(name);
      for (const [k, v] of rows) table.set(k, v);
    }
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
