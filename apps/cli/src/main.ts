import { ConfigError } from '@butterfly/config';
import { isDomainError } from '@butterfly/domain';
import { CommanderError } from 'commander';
import { UsageError } from './output.ts';
import { buildProgram } from './program.ts';

/**
 * Exit 0 on success, 1 on a domain error (`error <CODE>: message` on stderr), 2 on a usage error.
 */
export async function run(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
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
    if (isDomainError(e)) {
      process.stderr.write(`error ${e.code}: ${e.message}\n`);
      return 1;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`error CONFIG: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`error INTERNAL: ${(e as Error)?.message ?? String(e)}\n`);
    return 1;
  }
}

if (import.meta.main ?? process.argv[1] === import.meta.filename) {
  process.exitCode = await run(process.argv.slice(2));
}
