import { router } from '../../trpc.ts';
import { createScimTokenProcedure } from './create.ts';
import { listScimTokensProcedure } from './list.ts';
import { revokeScimTokenProcedure } from './revoke.ts';

/** The tenant's SCIM bearer tokens (scim.manage: super_admin), over the domain's SCIM token use-cases. */
export const scimTokensRouter = router({
  create: createScimTokenProcedure,
  list: listScimTokensProcedure,
  revoke: revokeScimTokenProcedure,
});
