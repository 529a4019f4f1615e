import { z } from 'zod';

/**
 * `POST /_sim/tenants/<tid>/provisioning`: an enterprise app's provisioning configuration, as an admin
 * types it in the Entra admin center. The `aadOptscim062020` flag on the Tenant URL switches the
 * SCIM dialect, exactly as in Entra.
 */
export const ZProvisioningInput = z
  .object({
    /** The Tenant URL, e.g. `https://butterfly.example/scim/v2` or `…/scim/v2?aadOptscim062020`. */
    tenantUrl: z.url(),
    /** The Secret Token, sent as `Authorization: Bearer <token>`. */
    secretToken: z.string().min(1),
    name: z.string().min(1).max(200).optional(),
  })
  .strict();

const ROLE_VALUE = z.string().min(1).max(100);

/** A provisioning action on one directory user: its object id or its userPrincipalName, as Graph takes either. */
export const ZProvisionUser = z.object({ userId: z.string().min(1).max(200) }).strict();

/** `…/assign`: the user is assigned to the app, with the app role values of the assignment. */
export const ZAssignInput = ZProvisionUser.extend({ roles: z.array(ROLE_VALUE).default([]) }).strict();

/** `…/roles`: app role assignments added or removed. */
export const ZRolesInput = ZProvisionUser.extend({
  add: z.array(ROLE_VALUE).default([]),
  remove: z.array(ROLE_VALUE).default([]),
}).strict();

/** `…/update`: profile attributes changed in the directory (the sim changes the user, then sends them). */
export const ZUpdateInput = ZProvisionUser.extend({
  givenName: z.string().min(1).optional(),
  surname: z.string().min(1).optional(),
  department: z.string().min(1).optional(),
}).strict();
