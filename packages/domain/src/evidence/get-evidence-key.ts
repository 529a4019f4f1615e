import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { ensureEvidenceKey } from './ensure-evidence-key.ts';
import { publicPem } from './evidence-keys.fns.ts';

/**
 * The tenant's evidence key as auditors see it: fingerprint and public key (never the private key).
 * Anyone who can see scan results can read it, so the fingerprint ritual needs no special role.
 */
export async function getEvidenceKey(deps: Deps, tenantId: string) {
  await authorize(deps, tenantId, 'compliance.read');
  const k = await ensureEvidenceKey(deps, tenantId);
  return {
    algorithm: 'Ed25519' as const,
    fingerprint: k.fingerprint,
    publicKeyPem: publicPem(k.public_key_spki),
    version: k.version,
    createdAt: k.created_at.toISOString(),
  };
}
