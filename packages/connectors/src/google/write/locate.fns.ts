import type { GoogleObjectType } from '../catalog.ts';
import type { GoogleBases } from '../pager.ts';

const D = '/admin/directory/v1';
const enc = encodeURIComponent;

export interface GoogleLocation {
  /** Where a create POSTs. */
  list: string;
  /** The object itself (update, delete). */
  item: string;
  /** Stats key of the item (method-less template). */
  template: string;
}

/**
 * The URLs of one object's writes. Org units are addressed `id:<id>` (their path may have changed
 * since); group settings by the group's email; a policy by its resource name under v1beta1, the
 * only version that writes [POLAPI].
 */
export function locateGoogle(
  def: GoogleObjectType,
  bases: GoogleBases,
  customer: string,
  id: string,
  body?: unknown,
): GoogleLocation {
  const dir = bases.directory;
  const c = enc(customer);
  switch (def.type) {
    case 'orgUnit':
      return {
        list: `${dir}${D}/customer/${c}/orgunits`,
        item: `${dir}${D}/customer/${c}/orgunits/${enc(`id:${id}`)}`,
        template: `${D}/customer/{customer}/orgunits/{id}`,
      };
    case 'group':
      return { list: `${dir}${D}/groups`, item: `${dir}${D}/groups/${enc(id)}`, template: `${D}/groups/{id}` };
    case 'group.members':
      return {
        list: `${dir}${D}/groups/${enc(id)}/members`,
        item: `${dir}${D}/groups/${enc(id)}/members`,
        template: `${D}/groups/{id}/members`,
      };
    case 'group.settings': {
      const email = (body as { email?: unknown } | undefined)?.email;
      if (typeof email !== 'string' || !email) throw new RangeError('Group settings without the group email');
      const at = `${bases.groupssettings}/groups/v1/groups/${enc(email)}?alt=json`;
      return { list: at, item: at, template: '/groups/v1/groups/{email}' };
    }
    case 'role':
      return {
        list: `${dir}${D}/customer/${c}/roles`,
        item: `${dir}${D}/customer/${c}/roles/${enc(id)}`,
        template: `${D}/customer/{customer}/roles/{id}`,
      };
    case 'roleAssignment':
      return {
        list: `${dir}${D}/customer/${c}/roleassignments`,
        item: `${dir}${D}/customer/${c}/roleassignments/${enc(id)}`,
        template: `${D}/customer/{customer}/roleassignments/{id}`,
      };
    case 'policy':
      return {
        list: `${bases.cloudidentity}/v1beta1/policies`,
        item: `${bases.cloudidentity}/v1beta1/policies/${enc(id)}`,
        template: '/v1beta1/policies/{id}',
      };
    default:
      throw new RangeError(`Google type ${def.type} is not written through an API`);
  }
}
