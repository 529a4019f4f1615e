import type { DB, Kysely, Transaction } from '@butterfly/db';

/** A connection or a transaction (as deps.ts's Db, which imports this file's BodyStore). */
type Db = Kysely<DB> | Transaction<DB>;

/**
 * The one owner of snapshot bodies (decision 044). `object_versions` stays the index of versions in
 * Postgres (tenant, content address, type, object, size: what snapshot entries reference and what
 * pruning counts); the sealed body is kept by the configured store: in that row (`postgres`, the
 * default and what every row written before this module holds), or in a directory or an
 * S3-compatible bucket, the row's body then null. Bodies are sealed (AES-256-GCM, per tenant) before
 * they reach a store and opened after: a store only ever sees ciphertext.
 *
 * Nothing else reads or writes `object_versions.body`; readers go through `openBodies`.
 */
export type BodyStoreKind = 'postgres' | 'filesystem' | 's3';

/** A version to store: its content address, what it is of, the sealed body and the JSON's length. */
export interface NewVersion {
  address: Buffer;
  type: string;
  objectId: string;
  sealed: Buffer;
  size: number;
}

export interface BodyStore {
  readonly kind: BodyStoreKind;
  /**
   * Stores versions not stored yet (their index rows and bodies), in the caller's transaction; one
   * call per batch. Returns how many were new and the bytes their sealed bodies take.
   */
  put(
    trx: Transaction<DB>,
    tenantId: string,
    versions: readonly NewVersion[],
  ): Promise<{ rows: number; bytes: number }>;
  /** The sealed bodies of these addresses (latin1 keys). Each must be stored: one missing is BODY_MISSING. */
  get(db: Db, tenantId: string, addresses: readonly Buffer[]): Promise<Map<string, Buffer>>;
  /** Which of these addresses have a readable body (index row and body both there). */
  has(db: Db, tenantId: string, addresses: readonly Buffer[]): Promise<Set<string>>;
  /**
   * Deletes the versions no snapshot entry references: their rows now, in `trx`, and what the store
   * keeps outside Postgres once that has committed (`sweep`).
   */
  deleteUnreferenced(
    trx: Transaction<DB>,
    tenantId: string,
  ): Promise<{ deleted: number; sweep: (db: Kysely<DB>) => Promise<number> }>;
}

/**
 * Raw storage of sealed bodies outside Postgres, keyed by tenant and content address: the part the
 * filesystem and S3 stores differ in. Batched: a backup writes hundreds of bodies per call.
 */
export interface BlobStore {
  readonly kind: Exclude<BodyStoreKind, 'postgres'>;
  put(tenantId: string, items: readonly { address: Buffer; body: Buffer }[]): Promise<void>;
  /** Bodies found (latin1 keys); absent ones are simply not in the map. */
  get(tenantId: string, addresses: readonly Buffer[]): Promise<Map<string, Buffer>>;
  has(tenantId: string, addresses: readonly Buffer[]): Promise<Set<string>>;
  /** Deleting an absent body is not an error. */
  delete(tenantId: string, addresses: readonly Buffer[]): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where a body lives in a directory or bucket: content-addressed, fanned out by the address's first
 * byte so no directory holds more than 1/256 of a tenant. The tenant id is checked to be a uuid: it
 * becomes part of a path.
 */
export function blobKey(tenantId: string, address: Buffer): string {
  if (!UUID.test(tenantId)) throw new Error('A body store key needs a tenant uuid');
  const hex = address.toString('hex');
  return `${tenantId.toLowerCase()}/${hex.slice(0, 2)}/${hex}`;
}

export const addressKey = (address: Buffer) => address.toString('latin1');

/** Runs `fn` over `items` with at most `limit` calls in flight; the first failure rejects. */
export async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
