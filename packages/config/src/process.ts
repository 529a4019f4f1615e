/**
 * Process lifecycle shared by every long-running app (web, scim, worker, the db keeper).
 *
 * `pnpm start` runs one supervisor that spawns the apps. If the supervisor dies without a chance to
 * clean up (SIGKILL, OOM killer, a closed terminal), its children are reparented and would keep
 * ports and the database busy. Linux's PR_SET_PDEATHSIG is not reachable from Node, so a supervised
 * child polls its parent pid instead.
 */

/** Stops watching; returned by `exitWithParent`. */
export type Unwatch = () => void;

/**
 * When `BUTTERFLY_SUPERVISED=1`, calls `onParentGone` once the process that started us is gone:
 * we were reparented (our ppid changed, or is 1). Checks every second; the timer is unref'd, so it
 * never keeps the process alive by itself. Without the variable it does nothing: a developer running
 * one app by hand from a shell wants it to outlive nothing in particular.
 */
export function exitWithParent(
  onParentGone: () => void,
  opts: { env?: Record<string, string | undefined>; intervalMs?: number } = {},
): Unwatch {
  if ((opts.env ?? process.env).BUTTERFLY_SUPERVISED !== '1') return () => {};
  const originalParent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== originalParent || process.ppid === 1) {
      clearInterval(timer);
      onParentGone();
    }
  }, opts.intervalMs ?? 1000);
  timer.unref();
  return () => clearInterval(timer);
}

export type ShutdownFn = (reason: string) => void | Promise<void>;

/**
 * Runs `fn` on the first SIGINT or SIGTERM, then exits (0, or 1 if `fn` threw). Exits with 1 if
 * `fn` has not finished after `forceAfterMs` (10 s), so a stuck pool or socket can't hang shutdown.
 *
 * Later signals are ignored rather than treated as "force quit": on Ctrl-C the terminal sends SIGINT
 * to every process in the group and the supervisor follows with SIGTERM, so each child sees two
 * signals for one request and must still shut down cleanly.
 *
 * Returns a trigger for other reasons to stop (e.g. `exitWithParent(() => stop('parent exited'))`),
 * which goes through the same once-only path.
 */
export function onShutdownSignal(
  fn: ShutdownFn,
  opts: { forceAfterMs?: number; log?: (msg: string) => void } = {},
): (reason: string) => void {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const forceAfterMs = opts.forceAfterMs ?? 10_000;
  let started = false;

  const stop = (reason: string) => {
    if (started) return;
    started = true;
    const force = setTimeout(() => {
      log(`shutdown (${reason}) did not finish within ${forceAfterMs} ms; exiting`);
      process.exit(1);
    }, forceAfterMs);
    force.unref();
    Promise.resolve()
      .then(() => fn(reason))
      .then(
        () => process.exit(process.exitCode ?? 0),
        (e: unknown) => {
          log(`shutdown (${reason}) failed: ${(e as Error)?.stack ?? e}`);
          process.exit(1);
        },
      );
  };

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(signal));
  return stop;
}
