import { CliError } from './args.ts';

/**
 * The simulator's options from `parse()`; a CliError prints its message and `usage` to stderr and
 * exits 2, --help prints `usage` and exits 0.
 */
export function cliOptionsOrExit<T extends { help?: boolean }>(parse: () => T, usage: string): T {
  let options: T;
  try {
    options = parse();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return options;
}

/**
 * Serves until SIGINT/SIGTERM, or, under `pnpm start` (BUTTERFLY_SUPERVISED=1), until the
 * supervising parent is gone; then `close()` and exit.
 */
export function serveUntilStopped(close: () => Promise<void>, log: { info(obj: object, msg?: string): void }): void {
  let stopping = false;
  async function stop(reason: string) {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'stopping');
    // Never hang on a stuck connection: exit anyway after 5 s.
    setTimeout(() => process.exit(1), 5000).unref();
    await close();
    process.exit(0);
  }
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // Reparented (the supervisor died without stopping us): exit rather than keep the port busy.
  if (process.env.BUTTERFLY_SUPERVISED === '1') {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent || process.ppid === 1) void stop('parent exited');
    }, 1000).unref();
  }
}
