import { type SimLogger, stderrLoggerFor } from '@butterfly/sim-kit';

export type { SimLogger } from '@butterfly/sim-kit';

/** Default for in-process use: quiet, except server errors, which go to stderr. */
export const stderrLogger: SimLogger = stderrLoggerFor('google-sim');
