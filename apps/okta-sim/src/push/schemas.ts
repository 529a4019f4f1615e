import { z } from 'zod';

/** `POST /_sim/orgs/<org>/scim-apps`: a SCIM app integration, as an admin sets one up in Okta. */
export const ZRegisterScimAppInput = z.object({
  /** The SCIM connector base URL, e.g. `https://scim.example.com/scim/v2`. */
  baseUrl: z.url(),
  /** Okta's "HTTP Header" auth: the header value exactly as typed, e.g. `Bearer bfys_…`. */
  authorization: z.string().min(1),
  name: z.string().min(1).optional(),
});
export type TRegisterScimAppInput = z.input<typeof ZRegisterScimAppInput>;

const ROLE = z.enum(['super_admin', 'admin', 'backup_operator', 'auditor', 'read_only']);

/** `…/scim-apps/<id>/assign|update|unassign|deactivate`: a user, and for assign/update the role pushed. */
export const ZScimPushInput = z.object({ userId: z.string().min(1), role: ROLE.optional() });
export type TScimPushInput = z.input<typeof ZScimPushInput>;

/** `POST /_sim/orgs/<org>/backchannel-logout`: a logout token for one client, naming a user or an Okta session. */
export const ZBackchannelLogoutInput = z
  .object({ clientId: z.string().min(1), userId: z.string().min(1).optional(), sid: z.string().min(1).optional() })
  .refine((v) => v.userId || v.sid, 'userId or sid is required');
export type TBackchannelLogoutInput = z.input<typeof ZBackchannelLogoutInput>;

/** `POST /_sim/orgs/<org>/universal-logout`: Okta's global token revocation request to `url`. */
export const ZUniversalLogoutInput = z.object({
  url: z.url(),
  userId: z.string().min(1),
  format: z.enum(['email', 'iss_sub']).default('email'),
  shape: z.enum(['sub_id', 'subject']).default('sub_id'),
});
export type TUniversalLogoutInput = z.input<typeof ZUniversalLogoutInput>;
