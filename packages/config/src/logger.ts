import { pino } from 'pino';
import { logEnv } from './log.ts';

export type Logger = pino.Logger;

/**
 * JSON logs on stdout. Paths that could carry a secret are redacted at the logger, so a careless
 * `log.info({ headers })` cannot leak a bearer token or cookie.
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
    pino.destination(opts.stderr ? 2 : 1),
  );
}
