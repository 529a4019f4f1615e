export { createRunner, createWorkerPool, graphileLogger, type CreateRunnerOptions } from './runner.ts';
