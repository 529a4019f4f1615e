import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';

export type OsUser = { uid: number; gid: number } | undefined;

const isRoot = () => process.getuid?.() === 0;

/**
 * PostgreSQL refuses to run as root. As root we run initdb, postgres and pg_ctl as the `postgres` OS
 * user, creating it when the machine has none (the README says so). Otherwise: the current user.
 */
export function postgresOsUser(): OsUser {
  if (!isRoot()) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** True when every ancestor of `dir` lets `user` pass through (the execute bit for others, or ownership). */
export function reachableBy(dir: string, user: OsUser): boolean {
  if (!user) return true;
  for (let d = dirname(dir); ; d = dirname(d)) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(d);
    } catch {
      // Not created yet: mkdir -p will make it with the default, traversable, mode.
      if (d === dirname(d)) return true;
      continue;
    }
    const passes = st.uid === user.uid ? (st.mode & 0o100) !== 0 : (st.mode & 0o001) !== 0;
    if (!passes) return false;
    if (d === dirname(d)) return true;
  }
}
