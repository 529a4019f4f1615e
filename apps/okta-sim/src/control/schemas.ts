import { z } from 'zod';

/**
 * `POST /_sim/orgs`: an org with a new Okta org's defaults, or, with `users`, the demo's realistic
 * content (staff, groups and rules, apps, policies) plus that many generated users.
 */
export const ZCreateOrgInput = z.object({
  name: z.string(),
  users: z.number().int().min(0).max(100_000).optional(),
});
export type TCreateOrgInput = z.input<typeof ZCreateOrgInput>;

export const ZCreateUserInput = z.object({
  email: z.email(),
  password: z.string().min(1),
  givenName: z.string().min(1),
  familyName: z.string().min(1),
});
export type TCreateUserInput = z.input<typeof ZCreateUserInput>;

export const ZUpdateUserInput = z.object({ status: z.enum(['active', 'deactivated']) });
export type TUpdateUserInput = z.input<typeof ZUpdateUserInput>;

export const ZCreateClientInput = z.object({
  client_id: z.string().min(1).optional(),
  client_secret: z.string().min(1).optional(),
  client_name: z.string().min(1).optional(),
  redirect_uris: z.array(z.url()).min(1),
  post_logout_redirect_uris: z.array(z.url()).optional(),
  /** Where the org sends OIDC back-channel logout tokens for this client (`/_sim/orgs/<org>/backchannel-logout`). */
  backchannel_logout_uri: z.url().optional(),
});
export type TCreateClientInput = z.input<typeof ZCreateClientInput>;

/** `--client` on the command line: a client plus the org it belongs to. */
export const ZClientFlag = ZCreateClientInput.extend({ org: z.string() });
export type TClientFlag = z.input<typeof ZClientFlag>;

/** `POST /_sim/orgs/<org>/faults`: the next `count` requests to `path` fail with `status`. */
export const ZAddFaultInput = z.object({
  path: z.string().startsWith('/'),
  status: z.number().int().min(400).max(599),
  count: z.number().int().min(1).max(1000).default(1),
});
export type TAddFaultInput = z.input<typeof ZAddFaultInput>;

/** `POST /_sim/orgs/<org>/api-tokens`: an SSWS token acting as the user with this login. */
export const ZCreateApiTokenInput = z.object({ login: z.string().min(1), name: z.string().min(1).optional() });
export type TCreateApiTokenInput = z.input<typeof ZCreateApiTokenInput>;

/** `PUT /_sim/orgs/<org>/clients/<clientId>/rate-limit-share`: the percent of each bucket the OAuth app may use (Okta's slider). */
export const ZAppShareInput = z.object({ percent: z.number().int().min(1).max(100) });
export type TAppShareInput = z.input<typeof ZAppShareInput>;
