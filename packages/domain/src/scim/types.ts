import type { DB, Kysely } from '@butterfly/db';
import type { Deps } from '../deps.ts';
import type { Role } from '../permissions/matrix.ts';

/**
 * The RFC 7644 filter AST (the shape scim2-parse-filter produces). The domain declares it and is
 * handed a parser (`ScimContext.parseFilter`), because the parser is the SCIM app's dependency: the
 * domain only decides what an expression means in SQL.
 */
export type ScimFilter =
  | {
      op: 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'lt' | 'ge' | 'le';
      attrPath: string;
      compValue: boolean | null | number | string;
    }
  | { op: 'pr'; attrPath: string }
  | { op: 'and' | 'or'; filters: ScimFilter[] }
  | { op: 'not'; filter: ScimFilter }
  | { op: '[]'; attrPath: string; valFilter: ScimFilter };

export type ParseFilter = (text: string) => ScimFilter;

/** What SCIM use-cases need beyond the usual deps: the public base URL and the filter grammar. */
export interface ScimContext {
  /** e.g. https://butterfly.example/scim/v2, no trailing slash (meta.location, Location). */
  baseUrl: string;
  parseFilter: ParseFilter;
  /**
   * One connection on which autocommit statements run in the order issued (createOrderedDb), for the
   * folded writes (decision 050); without it they go through `db`, one at a time per tenant.
   */
  ordered?: Kysely<DB>;
}

export type ScimDeps = Deps & { scim: ScimContext };

/** The writable attributes of a SCIM user that Butterfly keeps, as one flat record. */
export interface UserAttrs {
  userName: string;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  /** The one email kept (the primary or work one); SCIM shows it as emails[0], type work. */
  email: string | null;
  locale: string | null;
  externalId: string | null;
  active: boolean;
  /**
   * The roles the IdP assigned directly, in precedence order (canonicalRoles); undefined = not said
   * (leave as is), [] = none. The highest of them is the direct role (decision 055).
   */
  roles?: Role[];
}

export interface GroupAttrs {
  displayName: string;
  externalId: string | null;
  /** Member ids; undefined = not said (a PUT without members clears them: see replace). */
  members: string[];
}

export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

export interface ListParams {
  filter?: string;
  startIndex?: number;
  count?: number;
}
