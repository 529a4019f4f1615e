import { sql } from '@butterfly/db';
import type { Deps } from '../deps.ts';

/** The tenant's enabled webhooks subscribed to an event. */
export const subscribedWebhooks = (deps: Pick<Deps, 'db'>, tenantId: string, event: string) =>
  deps.db
    .selectFrom('webhooks')
    .select(['id', 'object_types'])
    .where('tenant_id', '=', tenantId)
    .where('enabled', '=', true)
    .where(sql<boolean>`${event} = any(events)`)
    .execute();
