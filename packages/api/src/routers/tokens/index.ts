import { router } from '../../trpc.ts';
import { createTokenProcedure } from './create.ts';
import { listTokensProcedure } from './list.ts';
import { revokeTokenProcedure } from './revoke.ts';

/** The caller's own API tokens (token.own: every role, never above one's own role). */
export const tokensRouter = router({
  create: createTokenProcedure,
  list: listTokensProcedure,
  revoke: revokeTokenProcedure,
});
