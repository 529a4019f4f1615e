import { createSender } from '@butterfly/sim-kit';

export type { TSentRequest } from '@butterfly/sim-kit';

/**
 * An outbound call of the simulated Okta (push senders, event hooks); a receiver that cannot be
 * reached is status 0.
 */
export const send = createSender('Okta-Sim/1.0');
