import { bodyStoreEnv } from '@butterfly/config';
import { type BodyStore, createBodyStore } from '@butterfly/domain/bodies';
import { createOutboundClient } from '@butterfly/outbound';

/** A sealed body is a few KiB; the cap only refuses an answer that cannot be one of ours. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * The body store the environment configures (BUTTERFLY_BODY_STORE, decision 044), for the apps to
 * put in their deps. S3 requests go through the guarded outbound client (decision 016): no
 * redirects, one deadline per call, a capped answer. The endpoint is the operator's, not a tenant's,
 * so it may be a private address (a MinIO beside the product is the usual case).
 */
export function bodyStoreFromEnv(env?: Record<string, string | undefined>): BodyStore {
  const config = bodyStoreEnv(env);
  if (config.kind !== 's3') return createBodyStore(config);
  return createBodyStore(config, {
    http: createOutboundClient({ allowPrivate: true, timeoutMs: 30_000, maxBytes: MAX_BODY_BYTES }),
  });
}
