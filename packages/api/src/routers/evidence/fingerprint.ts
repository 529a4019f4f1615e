import { getEvidenceKey } from '@butterfly/domain/evidence';
import { ZEvidenceFingerprint } from '../../outputs/evidence.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** The tenant's evidence key fingerprint (created on first use): what auditors record once. */
export const evidenceFingerprintProcedure = permissionProcedure('compliance.read')
  .output(returns<Awaited<ReturnType<typeof getEvidenceKey>>>()(ZEvidenceFingerprint))
  .query(({ ctx }) => getEvidenceKey(ctx.deps, ctx.tenantId));
