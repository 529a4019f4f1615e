import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_GROUPS, buildProgram } from './program.ts';

const bin = resolve(import.meta.dirname, '../bin/butterfly.ts');
const root = resolve(import.meta.dirname, '../../..');

/** Every module URL a real `butterfly <args>` process loads (a load hook reports them at exit). */
function loadedModules(args: string[]) {
  const hook = `import { registerHooks } from 'node:module';
const seen = [];
registerHooks({ load(url, context, next) { seen.push(url); return next(url, context); } });
process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(seen) + '\\n'));`;
  const r = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, bin, ...args],
    { encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' } },
  );
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  const urls: string[] = JSON.parse(line!.slice('LOADED '.length));
  return {
    code: r.status,
    stdout: r.stdout,
    workspace: urls
      .filter((u) => u.startsWith(`file://${root}/`) && !u.includes('/node_modules/'))
      .map((u) => u.slice(`file://${root}/`.length)),
  };
}

describe('the program definition', () => {
  it('lists every group with the description its module is written for', async () => {
    const all = await buildProgram('all');
    expect(all.commands.map((c) => c.name())).toEqual(COMMAND_GROUPS.map((g) => g.name));
    for (const group of all.commands)
      expect(group.commands.length, `${group.name()} has subcommands`).toBeGreaterThan(0);
    const lazy = await buildProgram(['--help']);
    expect(lazy.helpInformation()).toBe(all.helpInformation());
  });

  it('loads only the named group: the package graph stays unloaded for --help', async () => {
    const help = loadedModules(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('connection');
    expect(help.workspace.sort()).toEqual([
      'apps/cli/bin/butterfly.ts',
      'apps/cli/src/main.ts',
      'apps/cli/src/output.ts',
      'apps/cli/src/program.ts',
    ]);

    const group = loadedModules(['connection', 'list', '--help']);
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('<tenant>');
    expect(group.workspace).toContain('apps/cli/src/commands/connection.ts');
    // The connection group's own files (it is split into a few), and no other group's.
    const commandFiles = group.workspace.filter((f) => f.startsWith('apps/cli/src/commands/'));
    expect(
      commandFiles.filter((f) => !/^apps\/cli\/src\/commands\/(connection(-[a-z]+)?|break-glass)\.ts$/.test(f)),
    ).toEqual([]);
    expect(group.workspace.some((f) => f.startsWith('packages/jobs/') || f.startsWith('packages/evidence/'))).toBe(
      false,
    );
  });
});
