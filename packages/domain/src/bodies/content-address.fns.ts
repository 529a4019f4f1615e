import { createHmac } from 'node:crypto';

/**
 * The content address of a body: HMAC-SHA256 under the tenant's content key of `type \0 canonical
 * JSON`, with the canonical JSON written directly instead of through a sorting `JSON.stringify`
 * replacer (a backup and a restore preview hash every object of an org). One HMAC per call: measured
 * faster than copying precomputed HMAC states, and it holds no native context between calls.
 */
export function addressHasher(contentKey: Buffer): (type: string, body: unknown) => Buffer {
  return (type, body) => addressOf(contentKey, type, canonical(body));
}

/** The address of a body whose canonical JSON the caller already has. */
export function addressOf(contentKey: Buffer, type: string, canonicalJson: string): Buffer {
  return createHmac('sha256', contentKey).update(type).update('\0').update(canonicalJson).digest();
}

/**
 * JSON with object keys sorted at every depth, byte for byte what `canonicalJson` (audit.fns.ts)
 * writes for parsed JSON values (content-address.test.ts holds it to that), without building a
 * sorted copy of every object on the way.
 */
export function canonical(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(v)) {
        let s = '[';
        for (let i = 0; i < v.length; i++)
          s += (i ? ',' : '') + (v[i] === undefined || typeof v[i] === 'function' ? 'null' : canonical(v[i]));
        return `${s}]`;
      }
      const o = v as Record<string, unknown>;
      let s = '{';
      let first = true;
      for (const k of Object.keys(o).sort()) {
        const x = o[k];
        if (x === undefined || typeof x === 'function') continue;
        s += `${first ? '' : ','}${JSON.stringify(k)}:${canonical(x)}`;
        first = false;
      }
      return `${s}}`;
    }
    default:
      return 'null';
  }
}
