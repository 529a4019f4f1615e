import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';

/** A command line the simulator cannot run with: main prints it and the usage, and exits 2. */
export class CliError extends Error {}

/** The options every simulator takes. */
const common = {
  port: { type: 'string' },
  host: { type: 'string', default: '127.0.0.1' },
  state: { type: 'string' },
  help: { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

/**
 * The raw values of a simulator's command line: --port, --host, --state and --help plus `options`,
 * strictly (an unknown option is a CliError). `pnpm start:<sim> -- --port 1` passes the `--`
 * through; it is not an end-of-options marker here.
 */
export function parseSimArgv<const O extends ParseArgsOptionsConfig>(argv: string[], options: O) {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  try {
    return parseArgs({ args, strict: true, options: { ...common, ...options } }).values;
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
