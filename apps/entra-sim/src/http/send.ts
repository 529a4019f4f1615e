import { createSender } from '@butterfly/sim-kit';

export type { TSentRequest } from '@butterfly/sim-kit';

/**
 * An outbound call of the simulated Entra ID (front-channel logout); a receiver that cannot be
 * reached is status 0.
 */
export const send = createSender('Entra-Sim/1.0');
