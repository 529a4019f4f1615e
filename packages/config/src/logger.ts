import { pino } from 'pino';
import { logEnv } from './log.ts';

export type Logger = pino.Logger;

/**
 * JSON logs on stdout. Paths that could carry a secret are redacted at the logger, so a careless
 * `log.info({ headers })` cannot leak a bearer token or cookie.
 *
 * Writes are synchronous, as Node's own stdout is for pipes on Linux. pino's default (asynchronous)
 * flushes what is buffered when the process exits, and sonic-boom retries that flush forever on a
 * broken pipe: an app whose supervisor was SIGKILLed then never exited (logger.test.ts). A broken
 * pipe on a synchronous write reaches pino's EPIPE handler, which stops logging instead.
 */
export function createLogger(name: string, level = logEnv().LOG_LEVEL, opts: { stderr?: boolean } = {}): Logger {
  return pino(
    {
      name,
      level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'headers.authorization',
          'headers.cookie',
          '*.password',
          '*.token',
          '*.secret',
          '*.clientSecret',
          '*.privateKey',
        ],
        censor: '[redacted]',
      },
    },
    // The CLI keeps stdout for its results: its logs go to stderr.
    pino.destination({ dest: opts.stderr ? 2 : 1, sync: true }),
  );
}

/** A request slower than this is logged at info even when it succeeded: someone waited. */
export const SLOW_REQUEST_MS = 1_000;

/**
 * The level of a request's log line, the same for the web and SCIM apps: healthy requests (below 400,
 * within SLOW_REQUEST_MS) at debug, so info carries one line per request worth reading: a 4xx, a 5xx
 * (499: the client went away) or a slow one.
 */
export function requestLogLevel(status: number, durationMs: number): 'debug' | 'info' {
  return status >= 400 || durationMs > SLOW_REQUEST_MS ? 'info' : 'debug';
}
