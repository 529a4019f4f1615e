import { z } from 'zod';

export const ZCreateTenant = z.object({
  id: z.uuid().optional(),
  /** `<name>.onmicrosoft.com` is the initial domain; `<name>.test` the verified custom one. */
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes')
    .optional(),
  displayName: z.string().min(1).max(200).optional(),
  users: z.number().int().min(1).max(100_000).default(25),
  p2: z.boolean().default(true),
});

export const ZRegisterApp = z
  .object({
    clientId: z.string().min(1).max(100).optional(),
    displayName: z.string().min(1).max(200).optional(),
    secret: z.string().min(8).max(200).optional(),
    certificate: z.string().includes('-----BEGIN').optional(),
    roles: z.array(z.string().min(1)).default([]),
    redirectUris: z.array(z.url()).default([]),
    logoutUrl: z.url().optional(),
  })
  .strict();

export const ZUpdateApp = z
  .object({
    roles: z.array(z.string().min(1)).optional(),
    redirectUris: z.array(z.url()).optional(),
    logoutUrl: z.url().nullable().optional(),
  })
  .strict();

export const ZSettings = z
  .object({
    pageSize: z.number().int().min(1).max(999).optional(),
    ruPer10s: z.number().int().min(1).nullable().optional(),
    writesPer150s: z.number().int().min(1).nullable().optional(),
    legacyCaThrottle: z.boolean().optional(),
  })
  .strict();

export const ZFault = z
  .object({
    pathPrefix: z
      .string()
      .regex(/^(\/.*)?$/, "'' or a path starting with /")
      .default(''),
    status: z.number().int().min(400).max(599).default(429),
    retryAfter: z.number().int().min(0).max(3600).nullable().default(1),
    count: z.number().int().min(1).max(10_000).default(1),
  })
  .strict();

export const ZFrontChannelLogout = z.object({ clientId: z.string().min(1), sid: z.string().min(1) }).strict();
export const ZRoll = z.object({ emergency: z.boolean().default(false) }).strict();

export type TCreateTenantInput = z.input<typeof ZCreateTenant>;
export type TRegisterAppInput = z.input<typeof ZRegisterApp>;
export type TFaultInput = z.input<typeof ZFault>;
export type TSettingsInput = z.input<typeof ZSettings>;
