import { listMembers } from '@butterfly/domain/members';
import { z } from 'zod';
import { ZMemberView } from '../../outputs/me.ts';
import { returns } from '../../outputs/returns.ts';
import { permissionProcedure } from '../../trpc.ts';

export const listMembersProcedure = permissionProcedure('member.read')
  .output(returns<Awaited<ReturnType<typeof listMembers>>>()(z.array(ZMemberView)))
  .query(({ ctx }) => listMembers(ctx.deps, ctx.tenantId));
