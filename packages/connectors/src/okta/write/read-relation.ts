import type { IdpObject } from '@butterfly/domain/idp';
import type { OktaObjectType, OktaScope } from '../catalog.ts';
import type { OktaApi } from '../http/api.ts';
import { toIdpObject } from '../objects.fns.ts';
import { pagesOf } from '../pager.ts';

type Reader = (
  api: OktaApi,
  def: OktaObjectType,
  keys: string[],
  o: { tokenScopes?: (scope: OktaScope) => readonly OktaScope[]; signal?: AbortSignal },
) => Promise<IdpObject | undefined>;

/**
 * Reads one row of a relation Okta has no read-one endpoint for, so a restore can check it: a
 * membership through the user's groups (a user is in few groups; a group can have 100k members).
 */
export const RELATION_READERS = new Map<string, Reader>([
  [
    'group.member',
    async (api, def, [groupId, userId], { tokenScopes, signal }) => {
      const template = '/api/v1/users/{id}/groups';
      const { body } = await api.get(`/api/v1/users/${encodeURIComponent(userId!)}/groups`, {
        template,
        scope: 'okta.users.read',
        tokenScopes: tokenScopes?.('okta.users.read'),
        signal,
      });
      const found = Array.isArray(body) && body.some((g: { id?: string }) => g.id === groupId);
      return found ? toIdpObject(def, `${groupId}/${userId}`, { id: userId }) : undefined;
    },
  ],
  [
    'group.owner',
    async (api, def, [groupId, ownerId], { tokenScopes, signal }) => {
      for await (const page of pagesOf(api, def, [groupId!], {}, { tokenScopes: tokenScopes?.(def.scope), signal })) {
        const hit = page.find((o) => (o as { id?: string }).id === ownerId);
        if (hit) return toIdpObject(def, `${groupId}/${ownerId}`, hit);
      }
      return undefined;
    },
  ],
]);
