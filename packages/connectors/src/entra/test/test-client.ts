import type { SetupServer } from 'msw/node';
import { createEntraClient, type EntraClientOptions, type EntraConnectionConfig } from '../client.ts';
import { CLIENT_ID, fakeTenant, GRAPH, LOGIN, SECRET, TENANT, type TenantOptions } from './graph-handlers.ts';
import { InstantClock } from './instant-clock.ts';
import type { SettlingClock } from './settling-clock.ts';

/** An Entra client against one msw tenant, on an instant clock unless given one (waits are recorded, not slept). */
export function testClient<C extends InstantClock | SettlingClock = InstantClock>(
  server: SetupServer,
  t: TenantOptions = {},
  cfg: Partial<EntraConnectionConfig> = {},
  opts: EntraClientOptions = {},
  clock: C = new InstantClock() as C,
) {
  const tenant = fakeTenant({ now: clock.now, ...t });
  server.use(...tenant.handlers);
  const client = createEntraClient(
    {
      provider: 'entra',
      directoryId: TENANT,
      clientId: CLIENT_ID,
      credentials: { kind: 'client_secret', clientSecret: SECRET },
      loginUrl: LOGIN,
      graphUrl: GRAPH,
      ...cfg,
    },
    { allowPrivateNetwork: true, clock, random: () => 1, backoffBaseMs: 2000, backoffMaxMs: 5000, ...opts },
  );
  return { clock, tenant, client };
}
