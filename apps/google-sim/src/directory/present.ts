import { etagOf } from '../model/ids.ts';
import type { TObj } from '../model/types.ts';

/** A resource as answered: `kind` first, its etag, then its fields. */
export const present = (kind: string, o: TObj): TObj => ({ kind, etag: etagOf(o), ...o });

/** A list as answered: `{kind, etag, <field>: […], nextPageToken?}`. */
export function listOf(kind: string, field: string, items: TObj[], nextPageToken?: string): TObj {
  return { kind, etag: etagOf(items), [field]: items, ...(nextPageToken ? { nextPageToken } : {}) };
}
