import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The demo tenant of entra-sim's seed (apps/entra-sim/README.md). */
export const SIM_TENANT = '5f1c2b7e-8d4a-4c3e-9b6f-2a7d1e0c4b93';

/**
 * A started entra-sim in its own process (the simulator shares no code with the product, so it is
 * not imported), on a port the system picks; its banner names the URL.
 */
export const spawnEntraSim = () => spawnSim('entra-sim');

/** One of our simulators (`apps/<name>`) started the same way; its banner says `listening on <url>`. */
export async function spawnSim(name: string): Promise<{ url: string; stop: () => void }> {
  const app = resolve(import.meta.dirname, '../../../../apps', name);
  const sim: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--port', '0'], {
    cwd: app,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((ok, ko) => {
    let out = '';
    const timer = setTimeout(() => ko(new Error(`${name} did not start: ${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const found = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (found) {
        clearTimeout(timer);
        ok(found);
      }
    };
    sim.stdout!.on('data', onData);
    sim.stderr!.on('data', onData);
    sim.on('exit', (code) => ko(new Error(`${name} exited (${code}): ${out}`)));
  });
  return { url, stop: () => sim.kill('SIGTERM') };
}
