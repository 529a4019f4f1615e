import { z } from 'zod';
import { ZTIssuerCheck } from './shapes.ts';

/** `sso.addDomain`. */
export const ZSsoAddDomain = z.object({ domain: z.string(), txtRecord: z.string() });

/** `sso.get`. */
export const ZSsoGet = z.object({
  client: z
    .object({
      provider: z.enum(['oidc', 'entra', 'google']),
      issuer: z.string(),
      directoryId: z.string().nullable(),
      authorityUrl: z.string().nullable(),
      clientId: z.string(),
      hasClientSecret: z.boolean(),
      updatedAt: z.string(),
    })
    .nullable(),
  domains: z.array(z.object({ txtRecord: z.string(), domain: z.string(), verifiedAt: z.string().nullable() })),
});

/** `sso.removeDomain`. */
export const ZSsoRemoveDomain = z.object({ domain: z.string() });

/** `sso.set`. */
export const ZSsoSet = z.object({
  provider: z.enum(['oidc', 'entra', 'google']),
  issuer: z.string(),
  directoryId: z.string().nullable(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
});

/** `sso.testConnection`. */
export const ZSsoTestConnection = z.object({ ok: z.boolean(), checks: z.array(ZTIssuerCheck), issuer: z.string() });

/** `sso.verifyDomain`. */
export const ZSsoVerifyDomain = z.object({ domain: z.string(), verifiedAt: z.string() });
