import { lastRestorePreviews } from '@butterfly/domain/restores';
import { ZRestoresReadiness } from '../../outputs/restores.ts';
import { permissionProcedure } from '../../trpc.ts';

/** "Restore readiness": the last successful preview of each connection (the connections page shows it). */
export const restoreReadinessProcedure = permissionProcedure('dashboard.view')
  .output(ZRestoresReadiness)
  .query(async ({ ctx }) =>
    [...(await lastRestorePreviews(ctx.deps, ctx.tenantId)).values()].map((r) => ({
      ...r,
      computedAt: r.computedAt.toISOString(),
    })),
  );
