import type { z } from 'zod';
import { invalid } from '../model/errors.ts';
import type { OrgRegistry } from '../registry/registry.ts';
import { sendBackchannelLogout, sendUniversalLogout } from './logout-senders.ts';
import { ZBackchannelLogoutInput, ZRegisterScimAppInput, ZScimPushInput, ZUniversalLogoutInput } from './schemas.ts';
import { pushScim, registerScimApp, scimApp } from './scim-push.ts';

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalid(result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
}

export const SCIM_PUSH_ACTIONS = ['assign', 'update', 'unassign', 'deactivate'] as const;

/**
 * The control API's senders: what Okta *sends* to an app (SCIM provisioning, back-channel logout,
 * Universal Logout), triggered by a test or the demo. Each answers with the requests it made and
 * what the receiver said.
 */
export function createPushControl(registry: OrgRegistry) {
  return {
    registerScimApp: (org: string, input: unknown) =>
      registerScimApp(registry.get(org).org, parse(ZRegisterScimAppInput, input)),
    scimPush: (org: string, appId: string, action: string, input: unknown) => {
      if (!(SCIM_PUSH_ACTIONS as readonly string[]).includes(action))
        throw invalid(`action must be one of ${SCIM_PUSH_ACTIONS.join(', ')}`);
      const { org: o } = registry.get(org);
      return pushScim(o, scimApp(o, appId), action as (typeof SCIM_PUSH_ACTIONS)[number], parse(ZScimPushInput, input));
    },
    backchannelLogout: (org: string, input: unknown) =>
      sendBackchannelLogout(registry.get(org), parse(ZBackchannelLogoutInput, input)),
    universalLogout: (org: string, input: unknown) =>
      sendUniversalLogout(registry.get(org), parse(ZUniversalLogoutInput, input)),
  };
}
export type PushControl = ReturnType<typeof createPushControl>;

/** `/_sim` routes of the senders, spliced into control/routes.ts. */
export const PUSH_ROUTES: [
  string,
  RegExp,
  (api: PushControl, params: string[], body: unknown) => Promise<[number, unknown]> | [number, unknown],
][] = [
  ['POST', /^\/_sim\/orgs\/([^/]+)\/scim-apps$/, (api, [org], body) => [201, api.registerScimApp(org!, body)]],
  [
    'POST',
    /^\/_sim\/orgs\/([^/]+)\/scim-apps\/([^/]+)\/([a-z]+)$/,
    async (api, [org, id, action], body) => [200, await api.scimPush(org!, id!, action!, body)],
  ],
  [
    'POST',
    /^\/_sim\/orgs\/([^/]+)\/backchannel-logout$/,
    async (api, [org], body) => [200, await api.backchannelLogout(org!, body)],
  ],
  [
    'POST',
    /^\/_sim\/orgs\/([^/]+)\/universal-logout$/,
    async (api, [org], body) => [200, await api.universalLogout(org!, body)],
  ],
];
