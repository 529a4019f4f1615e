import { createHash } from 'node:crypto';

/** Butterfly's namespace for evidence UUIDs (itself a v5 UUID of "butterfly-evidence" in the URL namespace). */
export const EVIDENCE_UUID_NAMESPACE = '153e2dbf-f603-5693-9d49-e4fede299e9d';

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 of namespace and name). Checklists and OSCAL documents
 * need UUIDs; deriving them from the scan id and the rule id, instead of drawing random ones, keeps a
 * bundle byte-identical when it is exported again.
 */
export function uuidV5(name: string, namespace = EVIDENCE_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
