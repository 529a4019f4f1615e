import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';

export const ZConsentInput = z.object({
  clientId: z.string().min(1).max(100),
  scopes: z.array(z.string().min(1).max(100)).min(1).max(20),
});

/** Consent is given by the member in front of the browser, for themselves: a signed-in session only. */
export function consentingMember(deps: Deps) {
  const { actor } = deps;
  if (actor.kind !== 'member' || actor.via !== 'session') throw new DomainError('FORBIDDEN', 'Only a signed-in member can authorize an application for themselves');
  return actor;
}
