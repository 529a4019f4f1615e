import { getEffectiveSettings, ZGetEffectiveSettingsInput } from '@butterfly/domain/snapshots';
import { ZSnapshotsEffectiveSettings } from '../../outputs/snapshots.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

/** A Google snapshot's effective settings per org unit and group, as the GWS checks judge them (decision 065). */
export const effectiveSettingsProcedure = permissionProcedure('snapshot.read')
  .input(ZGetEffectiveSettingsInput)
  .output(returns<Awaited<ReturnType<typeof getEffectiveSettings>>>()(ZSnapshotsEffectiveSettings))
  .query(({ ctx, input }) => getEffectiveSettings(ctx.deps, ctx.tenantId, input));
