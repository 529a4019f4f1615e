import { parseEnv } from '@butterfly/config';
import { z } from '@butterfly/jobs';

// TODO(lead): move into packages/config (and envDocs / .env.example) with the other concerns.
export const ZWorkerEnv = z.object({
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
});

export const workerEnv = (env?: Record<string, string | undefined>) => parseEnv('worker', ZWorkerEnv, env);
