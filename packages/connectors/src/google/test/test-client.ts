import type { SetupServer } from 'msw/node';
import { InstantClock } from '../../entra/test/instant-clock.ts';
import { createGoogleClient, type GoogleClientOptions, type GoogleConnectionConfig } from '../client.ts';
import { ADMIN_EMAIL, type CustomerOptions, fakeCustomer, SA_KEY } from './google-handlers.ts';

/** A Google client against one msw customer, on an instant clock (waits are recorded, not slept). */
export function googleTestClient(
  server: SetupServer,
  c: CustomerOptions = {},
  cfg: Partial<GoogleConnectionConfig> = {},
  opts: GoogleClientOptions = {},
) {
  const clock = new InstantClock();
  const customer = fakeCustomer({ now: clock.now, ...c });
  server.use(...customer.handlers);
  const client = createGoogleClient(
    { provider: 'google', primaryDomain: 'initech.example', adminEmail: ADMIN_EMAIL, credentials: SA_KEY, ...cfg },
    { clock, random: () => 1, ...opts },
  );
  return { clock, customer, client };
}
