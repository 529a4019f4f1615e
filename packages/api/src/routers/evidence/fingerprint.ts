import { getEvidenceKey } from '@butterfly/domain/evidence';
import { ZEvidenceEvidenceFingerprint } from '../../outputs/evidence.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** The tenant's evidence key fingerprint (created on first use): what auditors record once. */
export const evidenceFingerprintProcedure = permissionProcedure('compliance.read')
  .output(returns<Awaited<ReturnType<typeof getEvidenceKey>>>()(ZEvidenceEvidenceFingerprint))
  .query(({ ctx }) => getEvidenceKey(ctx.deps, ctx.tenantId));
