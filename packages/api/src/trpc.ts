import { isDomainError } from '@butterfly/domain/core';
import { type Permission, PERMISSIONS, roleHas } from '@butterfly/domain/permissions';
import { recordDenial } from '@butterfly/domain/permissions';
import { TRPCError, initTRPC } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { z } from 'zod';
import type { Context } from './context.ts';

/** Every procedure declares the permission it needs; the permission test reads this. */
export interface Meta {
  permission: Permission;
}

const trpcCodeByStatus: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
};

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // Clients get the stable domain code and flattened zod errors; never a stack or SQL.
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      return {
        ...shape,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          domainCode: isDomainError(cause) ? cause.code : error.code === 'BAD_REQUEST' ? 'VALIDATION' : undefined,
          fields: isDomainError(cause) ? cause.fields : undefined,
          zodError: cause instanceof z.ZodError ? z.flattenError(cause) : undefined,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** DomainError → TRPCError, once, from the code table's HTTP status. */
const mapDomainErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isDomainError(cause)) {
      throw new TRPCError({
        code: trpcCodeByStatus[cause.status] ?? 'INTERNAL_SERVER_ERROR',
        message: cause.message,
        cause,
      });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.log.error({ err: result.error.cause ?? result.error, path }, 'procedure failed');
      throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal error' });
    }
  }
  return result;
});

// The ladder: public → authed (a principal) → tenant-scoped member actor → permission from meta.
export const publicProcedure = t.procedure.use(mapDomainErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.principal) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

export const tenantProcedure = authedProcedure.use(({ ctx, next }) => {
  const p = ctx.principal;
  const deps = ctx.deps({
    kind: 'member',
    tenantId: p.tenantId,
    memberId: p.memberId,
    role: p.role,
    label: p.email,
    via: p.via,
  });
  return next({ ctx: { ...ctx, tenantId: p.tenantId, deps } });
});

const requirePermission = tenantProcedure.use(async ({ ctx, meta, next, path }) => {
  const permission = meta?.permission;
  if (!permission || !(permission in PERMISSIONS)) {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `Procedure ${path} declares no permission` });
  }
  if (!roleHas(ctx.principal.role, permission)) {
    await recordDenial(ctx.deps, ctx.tenantId, permission, { procedure: path });
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Your role (${ctx.principal.role}) does not grant ${permission}`,
    });
  }
  return next();
});

/** The procedure builder every product procedure starts from. */
export const permissionProcedure = (permission: Permission) => requirePermission.meta({ permission });
