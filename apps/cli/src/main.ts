import { CommanderError } from 'commander';
import { UsageError } from './output.ts';
import { buildProgram } from './program.ts';

/**
 * Exit 0 on success, 1 on a domain error (`error <CODE>: message` on stderr), 2 on a usage error.
 * Only the command group the line names is loaded (program.ts); the error types of the packages
 * are imported here only when something failed.
 */
export async function run(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`usage error: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`${await describeFailure(e)}\n`);
    return 1;
  }
}

/** `error <CODE>: message`: a domain error's code (or the API's, in remote mode), a refused outbound address's code, CONFIG, or INTERNAL. */
async function describeFailure(e: unknown): Promise<string> {
  // Remote mode (--url): the API's stable code, as the client carries it (without loading the client here).
  const code: unknown = (e as { code?: unknown } | null)?.code;
  if (e instanceof Error && e.name === 'ButterflyError' && typeof code === 'string')
    return `error ${code}: ${e.message}`;
  const [{ isDomainError }, { ConfigError }] = await Promise.all([
    import('@butterfly/domain/core'),
    import('@butterfly/config'),
  ]);
  if (isDomainError(e)) return `error ${e.code}: ${e.message}`;
  if (e instanceof ConfigError) return `error CONFIG: ${e.message}`;
  const refused = (await import('./idp-clients.ts')).outboundRefusal(e);
  if (refused) return `error ${refused}: ${(e as Error).message}`;
  return `error INTERNAL: ${(e as Error)?.message ?? String(e)}`;
}

if (import.meta.main ?? process.argv[1] === import.meta.filename) {
  process.exitCode = await run(process.argv.slice(2));
}
