import { getEvidenceKey } from '@butterfly/domain/evidence';
import { permissionProcedure } from '../../trpc.ts';

/** The tenant's evidence key fingerprint (created on first use): what auditors record once. */
export const evidenceFingerprintProcedure = permissionProcedure('compliance.read').query(({ ctx }) =>
  getEvidenceKey(ctx.deps, ctx.tenantId),
);
